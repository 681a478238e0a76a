"""The mentions entity resolution works on, with their keys, and the union-find that groups them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from storyline import countries
from storyline.names import is_acronym, name_key, person_key, qualifier
from storyline.transliterate import is_latin, latin_key

PLACE_LIKE = {"GPE", "LOC", "ORG", "FAC"}
AGREEMENT_WORDS = frozenset({"treaty", "agreement", "accord", "accords", "pact", "deal", "convention", "protocol"})
# Words that mark an organisation; a name with none of them that NER also tags PERSON is a person.
ORG_WORDS = frozenset(
    """ministry department government parliament embassy commission committee council assembly senate
    house court agency authority institute institution union party office cabinet bank company corp
    corporation inc ltd group association foundation university college school news press times post
    agency network service services forces army navy police league club federation organization
    organisation centre center fund board bureau unit division team""".split()
)
# Words that follow the name of a geographic feature: "Volta River".
FEATURE_WORDS = frozenset(
    """river lake sea ocean bay gulf strait island islands mountain mountains mount hills valley desert
    peninsula canal coast delta basin plateau range forest reservoir dam""".split()
)
# Generic names for the two chambers of a parliament.
CHAMBER_NAMES = {
    "lower house": "lower",
    "lower chamber": "lower",
    "house of representatives": "lower",
    "chamber of deputies": "lower",
    "house of commons": "lower",
    "upper house": "upper",
    "upper chamber": "upper",
    "senate": "upper",
    "house of lords": "upper",
}


@dataclass(slots=True)
class Rec:
    """One mention, with what resolution needs to know about it."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    key: str  # name_key(text)
    descriptor: bool  # a lower-case description ("the lower house"), linked only by rules
    country: str | None = None  # ISO code when the mention names a country
    person: tuple[str, ...] = ()  # folded name tokens when the mention is a person's name
    qual: tuple[str, str] | None = None  # (place stem, rest) of "Italian Foreign Ministry"
    place: str | None = None  # a place stem right before a description ("the Italian lower house")
    resolved: bool = False  # a single word already tied to a longer name
    lang: str | None = None  # the language of a document not in English (its names are romanised in ``key``)


@dataclass
class UnionFind:
    parent: list[int] = field(default_factory=list)

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        keep, drop = (ra, rb) if ra < rb else (rb, ra)
        self.parent[drop] = keep
        return keep


def make(
    doc: str, start: int, end: int, text: str, type_: str, is_place: Callable[[str], bool], lang: str | None = None
) -> Rec:
    if lang:
        return _make_foreign(doc, start, end, text, type_, lang)
    rec = Rec(doc, start, end, text, type_, name_key(text), descriptor=text[:1].islower())
    if rec.descriptor:
        return rec
    if type_ in PLACE_LIKE and not (type_ == "ORG" and len(rec.key.split()) > 1 and _has_org_word(rec.key)):
        rec.country = countries.country_code(text)
    if type_ == "PERSON":
        rec.person = person_key(text)
    if type_ in {"ORG", "FAC"} and not is_acronym(text):
        rec.qual = qualifier(text, is_place)
    return rec


def _make_foreign(doc: str, start: int, end: int, text: str, type_: str, lang: str) -> Rec:
    """A mention of an article in another language: its key is the romanised name ("Ведрак" → "vedrak"),
    a country or a city of the gazetteer keys as the English name does ("Россией" → RU, "Москве" → moscow)."""
    from storyline.extract.foreign.gazetteer import lookup

    latin = text if is_latin(text) else latin_key(text)
    rec = Rec(doc, start, end, text, type_, name_key(latin), descriptor=text[:1].islower(), lang=lang)
    if rec.descriptor:
        return rec
    place = lookup(lang, text) if type_ in PLACE_LIKE | {"MISC"} else None
    if place is not None and place.code:
        rec.country = place.code
    elif place is not None:
        rec.key = name_key(place.english)
    elif type_ in PLACE_LIKE and is_latin(text):
        rec.country = countries.country_code(text)
    if type_ == "PERSON":
        rec.person = person_key(latin)
    return rec


def _has_org_word(key: str) -> bool:
    return any(w in ORG_WORDS for w in key.split())


def is_orgish(key: str) -> bool:
    return _has_org_word(key)


def chamber(rec: Rec) -> str | None:
    """ "lower"/"upper" when the mention is a generic name for a chamber of parliament."""
    base = rec.qual[1] if rec.qual else rec.key
    return CHAMBER_NAMES.get(base)


def is_agreement(rec: Rec) -> bool:
    words = rec.key.split()
    return bool(words) and (words[-1] in AGREEMENT_WORDS or (words[0] in AGREEMENT_WORDS and len(words) > 2))


_DEMONYM_END = ("an", "ian", "ese", "ish", "i", "ic", "ch", "sh")


def is_nationality(surface: str) -> bool:
    """ "Italian", "South African", "Thai": NER's NORP is also given to places it does not know."""
    return surface.rstrip("s").lower().endswith(_DEMONYM_END)


def single_word(rec: Rec) -> bool:
    return not rec.descriptor and " " not in rec.key and not is_acronym(rec.text) and rec.country is None
