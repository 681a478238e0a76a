"""Names across scripts: romanisation, inflection and a consonant skeleton to compare them by.

The press of each language writes a foreign name its own way: "Vedrak" is "Wedrak" in German,
"Ведрак" in Russian, "베드라크" in Korean, "ヴェドラク" or "ベドラク" in Japanese and "فيدراك" in
Arabic. Romanised with anyascii, these become "wedrak", "vedrak", "bedeurakeu", "vuedoraku",
"fydrk": what they share is the order of their consonants, once the letters each script confuses
are put in one class (b/p/f/v, d/t, g/k/q/c, s/z/j/sh/ch/ts, l/r), vowels and the vowels that
Korean and Japanese add between consonants are dropped, and doubled classes collapse. That
*skeleton* ("BTRK") plus a mark for a name that begins with a vowel is what two spellings of one
name have in common. It is coarse on purpose; callers compare whole names, or a surname against
the few names of one story, and never short skeletons alone.

Inflection is folded before: Russian case endings that add a consonant ("Сарнеком"), German
"-ien"/"-s" ("Veskarien", "Halvoriens"), Arabic prefixes ("وال", "ب") are tried off.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_CLASSES = str.maketrans(
    {
        **dict.fromkeys("bpfv", "B"),
        **dict.fromkeys("dt", "T"),
        **dict.fromkeys("gkqc", "K"),
        **dict.fromkeys("szj", "S"),
        **dict.fromkeys("lr", "R"),
        "m": "M",
        "n": "N",
        "h": "H",
        "x": "KS",
        **dict.fromkeys("aeiouyw'", ""),
    }
)
# Digraphs first: one sound, one class (the result is a placeholder the class map keeps).
_DIGRAPHS = [
    (re.compile(r"shch|tsch|sch|tsh|sh|ch|zh|ts|tz|dz|dj"), "s"),
    (re.compile(r"kh|gh"), "h"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|qu"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"ng(?![aeiouy])"), "n"),
]
_PRE = {
    "de": [(re.compile(r"w"), "v"), (re.compile(r"j"), "y")],
    "nl": [(re.compile(r"w"), "v"), (re.compile(r"j"), "y")],
    "pl": [(re.compile(r"w"), "v"), (re.compile(r"j"), "y")],
    "fr": [(re.compile(r"ou"), "u"), (re.compile(r"gu(?=[ei])"), "g")],
    "ar": [(re.compile(r"h$"), "")],  # the feminine ending (ta marbuta) romanises as a final h
}
_VOWEL_START = re.compile(r"^['`]*[aeiouyw']")
_NON_LETTER = re.compile(r"[^a-z']+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_LETTER = re.compile(r"[^\W\d_]")

# Case endings that add a consonant to a Russian (Ukrainian, Bulgarian) noun or adjective; vowel endings
# vanish from the skeleton anyway. Tried off one at a time, longest first.
_CYRILLIC_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ом", "ем", "ём", "ам", "ям", "ах", "ях",
                     "ым", "им", "ых", "их")  # fmt: skip
_GERMAN_ENDINGS = ("ens", "en", "s", "n")
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "لل", "فال", "كال", "ال", "و", "ف", "ب", "ل", "ك")
NAME_SEPARATORS = re.compile(r"[\s・·=‧•\-]+")


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (accents allowed)."""
    letters = _LETTER.findall(text)
    return bool(letters) and all(_LATIN_LETTER.match(ch) for ch in letters)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@lru_cache(maxsize=100_000)
def romanize(text: str) -> str:
    """Latin letters for any script, lower case ("Ведрак" → "vedrak", "베드라크" → "bedeulakeu").

    Hangul goes syllable by syllable, so that a syllable-final "ng" (a nasal) is not read as n + g
    before the next syllable's vowel ("정은" → "jeoneun")."""
    text = unicodedata.normalize("NFC", text)
    if _HANGUL.search(text):
        return "".join(_syllable(anyascii(ch).lower()) if _HANGUL.match(ch) else anyascii(ch).lower() for ch in text)
    return anyascii(text).lower()


def _syllable(s: str) -> str:
    return s[:-2] + "n" if s.endswith("ng") else s


def variants(word: str, lang: str | None) -> list[str]:
    """The word and the forms left when an inflection ending or a clitic prefix is taken off."""
    out = [word]
    lang = (lang or "")[:2]
    if lang in {"ru", "uk", "bg", "be", "sr", "mk"}:
        low = word.lower()
        out += [word[: -len(e)] for e in _CYRILLIC_ENDINGS if low.endswith(e) and len(word) - len(e) >= 3]
    elif lang == "de":
        out += [word[: -len(e)] for e in _GERMAN_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4]
    elif lang == "ar":
        out += [word[len(p) :] for p in _ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 3]
    return out


@lru_cache(maxsize=200_000)
def skeleton(word: str, lang: str | None = None) -> str:
    """The consonant skeleton of one word: "Vedrak" → "BTRK", "Eskil" → "VSKR" (V: begins with a vowel)."""
    s = romanize(word)
    for pattern, repl in _PRE.get((lang or "")[:2], ()):
        s = pattern.sub(repl, s)
    s = _NON_LETTER.sub("", s)
    if not s:
        return ""
    lead = "V" if _VOWEL_START.match(s) else ""
    for pattern, repl in _DIGRAPHS:
        s = pattern.sub(repl, s)
    classes = s.translate(_CLASSES)
    collapsed = re.sub(r"(.)\1+", r"\1", classes)
    return lead + collapsed


def strength(sk: str) -> int:
    """How many consonant classes a skeleton holds (the vowel mark aside)."""
    return len(sk.removeprefix("V"))


# Japanese writes a foreign "ti" and "tu" as "chi" and "tsu" (チ, ツ): both readings are tried.
_JAPANESE_T = re.compile(r"[チツヂヅ]")
_JAPANESE_T_READING = str.maketrans({"チ": "ティ", "ツ": "トゥ", "ヂ": "ディ", "ヅ": "ドゥ"})


def word_skeletons(word: str, lang: str | None) -> set[str]:
    """Skeletons of a word and of its forms with inflection or clitics taken off."""
    forms = variants(word, lang)
    if _JAPANESE_T.search(word):
        forms.append(word.translate(_JAPANESE_T_READING))
    return {sk for v in forms if (sk := skeleton(v, lang))}


def joined_skeleton(name: str, lang: str | None) -> str:
    """The skeleton of a whole name read as one word, for names a script writes without spaces
    ("김민서" against "Kim Min Seo"): the words' skeletons joined, inner vowel marks dropped."""
    parts = [skeleton(w, lang) for w in name_words(name)]
    if not parts or not all(parts):
        return ""
    joined = parts[0] + "".join(p.removeprefix("V") for p in parts[1:])
    return re.sub(r"(.)\1+", r"\1", joined)


def name_words(name: str) -> list[str]:
    """The words of a name in any script ("スタニミル・ヴェドラク" → two words)."""
    return [w for w in NAME_SEPARATORS.split(name.strip()) if _LETTER.search(w)]


def name_skeletons(name: str, lang: str | None) -> list[set[str]]:
    """One set of skeletons per word of the name."""
    return [word_skeletons(w, lang) for w in name_words(name)]


def latin_key(name: str) -> str:
    """A romanised, lower-case, space-separated form of a name in any script ("Станимир Ведрак" →
    "stanimir vedrak"): for exact comparison with names written in Latin letters."""
    return " ".join(_NON_LETTER.sub("", romanize(w)) for w in name_words(name)).strip()
