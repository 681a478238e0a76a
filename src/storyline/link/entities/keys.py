"""Normalised keys of names: what two spellings of one name have in common.

- ``name_key``: case, accents, punctuation, hyphens, a leading "the" and a possessive aside
  ("The Kremlin's" → "kremlin", "Kim Jong- un" → "kim jong un", "U.S." → "us").
- ``fold``: a romanised name token with the usual transliteration variation removed. Pairs that
  alternate between romanisations: ks/x, kh/h, ph/f, w/v, j/y, ou/oo/u, ee/i; the endings
  -i/-y/-ey/-ei/-iy/-ii; a final -er after a consonant (-andr/-ander); doubled letters; and the
  vowels o/u and e/a that Arabic and Slavic names swap (Mohammed/Muhammad).
- ``qualifier``: "Russian Foreign Ministry" / "Russia's Foreign Ministry" → ("russia", "foreign ministry").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_STOP = frozenset({"of", "the", "for", "and", "on", "in", "to", "a", "an", "&"})
_FOLDS = [
    (re.compile(r"ks"), "x"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"j"), "y"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"(?:iy|ii|yi|ey|ei|y)$"), "i"),
    (re.compile(r"(?<=[^aeiou])er$"), "r"),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"o"), "u"),
    (re.compile(r"e"), "a"),
]
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i|ic)$")
_POSSESSOR = re.compile(r"^(.+?)['’]s\s+(.+)$")


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Case, accents, quotes, dots, hyphens and a leading article removed; words joined by one space."""
    s = ascii_fold(text.replace("’", "'")).lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=\b[a-z])\.", "", s)  # u.s. → us
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def words(text: str) -> list[str]:
    return name_key(text).split()


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _STOP]


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    t = re.sub(r"[^a-z]", "", ascii_fold(token).lower())
    for pattern, repl in _FOLDS:
        t = pattern.sub(repl, t)
    return t


def person_key(text: str) -> tuple[str, ...]:
    """The folded tokens of a personal name, hyphenated parts split ("Jong-un" = "Jong Un")."""
    return tuple(fold(w) for w in words(text))


def initials(text: str) -> str:
    """ "Democratic People's Republic of Korea" → "dprk"; function words do not count."""
    return "".join(w[0] for w in content_words(text) if w[0].isalpha())


def is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def qualifier(surface: str, nationalities: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(qualifier stem, rest) of "Ilmora's National Assembly" or "Russian Foreign Ministry"; else None."""
    m = _POSSESSOR.match(surface)
    if m:
        rest = name_key(m.group(2))
        return (stem(m.group(1)), rest) if rest else None
    first, _, rest = surface.partition(" ")
    if rest and (_DEMONYM.match(first) or name_key(first) in nationalities):
        return stem(first), name_key(rest)
    return None


def stem(place: str) -> str:
    """ "Russian"/"Russia's"/"Russia" → "russia": a country and its adjective share a stem."""
    s = name_key(place)
    return s[:-1] if s.endswith(("ian", "an")) else s


def same_place(a: str, b: str) -> bool:
    """Loose match of two stems: one extends the other, or they share all but the last letter."""
    if a == b or a.startswith(b) or b.startswith(a):
        return bool(a and b)
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 1
