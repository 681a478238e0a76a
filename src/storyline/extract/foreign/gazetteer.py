"""Countries and cities as each language names them: CLDR (Babel) and ISO 3166 (pycountry).

For a language, the table holds every country's CLDR name in that locale, the ISO 3166 names
pycountry translates into it, a few short forms the language file adds (``country_aliases``:
"США", "米国"), and the CLDR exemplar city of every time zone (capitals and large cities) with its
English name. Lookups fold case, accents and the inflection of the language: Russian case endings
("России", "Россией"), German genitive "-s", Korean particles, Arabic prefixes ("وال", "ب").
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from storyline.extract.languages import LanguagePack, load
from storyline.settings import current
from storyline.transliterate import is_latin

_RU_ENDINGS = sorted(
    """а я у ю е ы и о й ь ой ей ий ый ая яя ое ее ую юю ом ем ём ам ям ах ях ов ев ым им ых их ию ия ии ие ией ьи ью ьей
    ами ями ого его ому ему ыми ими ского ской ском скую ская ские ских ским""".split(),
    key=len,
    reverse=True,
)
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": ""})
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "لل", "فال", "كال", "ال", "و", "ف", "ب", "ل", "ك")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]")


@dataclass(frozen=True)
class Place:
    surface: str  # as the language writes it
    type: str  # "GPE"
    code: str | None  # ISO 3166 alpha-2 for a country
    english: str  # the English name ("Moscow", "Germany")


def _fold(word: str) -> str:
    """Lower case without Latin accents ("Corée" → "coree"); other scripts keep their letters ("й")."""
    low = unicodedata.normalize("NFC", word.lower()).replace("ё", "е")
    if not is_latin(low):
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


def stems(word: str, lang: str) -> set[str]:
    """The forms of a word a lookup accepts: folded, and with the language's inflection taken off."""
    w = _fold(word)
    out = {w}
    if lang in {"ru", "uk", "bg", "be"}:
        out.update(w[: -len(e)] for e in _RU_ENDINGS if w.endswith(e) and len(w) - len(e) >= 3)
    elif lang == "de" and len(w) > 4 and w.endswith("s"):
        out.add(w[:-1])
    elif lang == "ar":
        w = w.translate(_ARABIC_LETTERS)
        out = {w}
        out.update(w[len(p) :] for p in _ARABIC_PREFIXES if w.startswith(p) and len(w) - len(p) >= 2)
    return out


def ordered_stems(word: str, lang: str) -> list[str]:
    """``stems`` in the order a lookup tries them: the fullest form first (it says the most), so that the
    same word finds the same name on every run."""
    return sorted(stems(word, lang), key=lambda s: (-len(s), s))


def _english_names() -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}


def _entries(pack: LanguagePack) -> list[Place]:
    import pycountry
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    english = _english_names()
    out: list[Place] = []
    try:
        locale = Locale(pack.code)
    except (UnknownLocaleError, ValueError):
        return out
    for code, name in locale.territories.items():
        if len(code) == 2 and code.isalpha() and code in english:
            out.append(Place(name, "GPE", code, english[code]))
    try:
        iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[pack.code])
    except OSError:
        iso = None
    if iso is not None:
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value and c.alpha_2 in english:
                    translated = iso.gettext(value)
                    if translated != value:
                        out.append(Place(translated, "GPE", c.alpha_2, english[c.alpha_2]))
    for surface, code in pack.table("country_aliases").items():
        if code in english:
            out.append(Place(surface, "GPE", code, english[code]))
    en_zones = Locale("en").time_zones
    territories = get_global("zone_territories")
    for tz, names in locale.time_zones.items():
        city = names.get("city") if hasattr(names, "get") else None
        if not city or tz.startswith("Etc/"):
            continue
        en_city = (en_zones.get(tz) or {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
        if territories.get(tz):
            out.append(Place(city, "GPE", None, en_city))
    return out


class Gazetteer:
    """Place names of one language, looked up word by word (or by substring in unspaced scripts)."""

    def __init__(self, pack: LanguagePack) -> None:
        self.lang = pack.code
        self.spaced = pack.spaced
        places = [p for p in _entries(pack) if p.surface.strip()]
        self.by_first: dict[str, list[tuple[tuple[set[str], ...], Place]]] = {}
        self.exact: dict[str, Place] = {}
        min_stem = current().foreign.min_stem  # shorter stems match only exactly: short stems of words meet easily
        for p in places:
            self.exact.setdefault(_fold(p.surface), p)
            words = p.surface.split()
            if not words:
                continue
            keyed = tuple(stems(w, self.lang) for w in words)
            for s in keyed[0]:
                if len(s) >= min_stem or s == _fold(words[0]):
                    self.by_first.setdefault(s, []).append((keyed, p))
        if not self.spaced:
            names = sorted({p.surface for p in places if len(p.surface) >= 2}, key=len, reverse=True)
            self.pattern = re.compile("|".join(map(re.escape, names))) if names else None

    def lookup(self, word: str) -> Place | None:
        """The place one word (or a whole name) stands for, in any inflected form."""
        found = self.exact.get(_fold(word))
        if found:
            return found
        for s in ordered_stems(word, self.lang):
            for keyed, p in self.by_first.get(s, []):
                if len(keyed) == 1:
                    return p
        return None

    def match_words(self, texts: list[str], i: int) -> tuple[int, Place] | None:
        """The longest place name that starts with word ``i`` of ``texts``: (words it takes, place)."""
        best: tuple[int, Place] | None = None
        for s in ordered_stems(texts[i], self.lang):
            for keyed, p in self.by_first.get(s, []):
                n = len(keyed)
                if i + n > len(texts) or (best and best[0] >= n):
                    continue
                if all(stems(texts[i + k], self.lang) & keyed[k] for k in range(1, n)):
                    best = (n, p)
        return best

    def find_unspaced(self, text: str) -> list[tuple[int, int, Place]]:
        """Place names inside unspaced text (Japanese, Chinese); a katakana name must not run on in katakana."""
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            s, e = m.span()
            if _KATAKANA.match(m.group()[0]) and s > 0 and _KATAKANA.match(text[s - 1]):
                continue
            if _KATAKANA.match(m.group()[-1]) and e < len(text) and _KATAKANA.match(text[e]):
                continue
            p = self.exact.get(_fold(m.group()))
            if p is not None:
                out.append((s, e, p))
        return out


@cache
def gazetteer(lang: str) -> Gazetteer | None:
    pack = load(lang)
    return Gazetteer(pack) if pack is not None else None


def lookup(lang: str | None, surface: str) -> Place | None:
    """The place a name of a document in ``lang`` stands for (a whole name; inflection folded)."""
    g = gazetteer((lang or "")[:2]) if lang else None
    if g is None:
        return None
    found = g.lookup(surface)
    if found is not None or not g.spaced:
        return found
    words = surface.split()
    if len(words) > 1:
        hit = g.match_words(words, 0)
        if hit is not None and hit[0] == len(words):
            return hit[1]
    return None
