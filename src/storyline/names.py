"""Normalised keys of names: what two spellings of one name have in common (entity resolution, countries).

- ``name_key``: case, accents, punctuation, hyphens, a leading "the" and a possessive aside
  ("The Bundestag's" → "bundestag", "Lee Min- ho" → "lee min ho", "U.S." → "us").
- ``fold``: a romanised name token with the usual transliteration variation removed. Pairs that
  alternate between romanisations: ks/x, kh/h, ph/f, w/v, j/y, ou/oo/u, ee/i; the endings
  -i/-y/-ey/-ei/-iy/-ii; a final -er after a consonant (-andr/-ander); doubled letters; and the
  vowels o/u and e/a that Arabic and Slavic names swap (Mohammed/Muhammad).
- ``qualifier``: "Italian Foreign Ministry" / "Italy's Foreign Ministry" → ("italia"/"italy", "foreign ministry").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
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


def alias_key(text: str) -> str:
    """``name_key``, or for a name without Latin letters ("Ведрак", "베드라크") its case-folded text."""
    return name_key(text) or " ".join(unicodedata.normalize("NFC", text).casefold().split())


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
    """The folded tokens of a personal name, hyphenated parts split ("Min-ho" = "Min Ho")."""
    return tuple(fold(w) for w in words(text))


def initials(text: str) -> str:
    """ "People's Republic of China" → "prc"; function words do not count."""
    return "".join(w[0] for w in content_words(text) if w[0].isalpha())


def is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def qualifier(surface: str, is_place: Callable[[str], bool]) -> tuple[str, str] | None:
    """(place stem, rest) of "Kenya's National Assembly", "Italian Foreign Ministry" or "U.S. Senate";
    None unless the first part names a place ("Islamic State" is not Islam's state)."""
    m = _POSSESSOR.match(surface)
    if m:
        place, rest = stem(m.group(1)), name_key(m.group(2))
    else:
        first, _, tail = surface.partition(" ")
        place, rest = stem(first), name_key(tail)
    return (place, rest) if place and rest and is_place(place) else None


class Places:
    """Stems of the places a corpus names, matched loosely ("chinese" finds "china")."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.by_prefix: dict[str, set[str]] = {}
        for k in keys:
            s = stem(k)
            if len(s) >= 2 and " " not in s:
                self.by_prefix.setdefault(s[:4], set()).add(s)

    def __call__(self, candidate: str) -> bool:
        return any(same_place(candidate, s) for s in self.by_prefix.get(candidate[:4], ()))


def stem(place: str) -> str:
    """ "Kenyan"/"Kenya's"/"Kenya" → "kenya": a country and its adjective share a stem."""
    s = name_key(place)
    return s[:-1] if s.endswith(("ian", "an")) else s


def same_place(a: str, b: str) -> bool:
    """Loose match of two place stems that differ only in an adjective ending ("chinese"/"china")."""
    if a == b:
        return bool(a)
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 1 and max(len(a), len(b)) - n <= 3
