"""Groups of mentions → entities: canonical name, type by majority vote, aliases, and a stable id.

The id is the entity's type and its canonical name as a slug ("person:jane-roe"): rebuilding the
same corpus gives the same ids, and adding documents changes an id only when the canonical name or
the majority type changes. User corrections survive that too, because a reference is looked up among
every id the entity's aliases would give (``alias_ids``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict

from storyline.link.entities.records import Rec, chamber
from storyline.model import Entity
from storyline.names import is_acronym, name_key
from storyline.transliterate import is_latin, romanize

_TYPE_PRIORITY = ["PERSON", "GPE", "ORG", "LAW", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"]


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_id(type_: str, name: str) -> str:
    """ "person:jane-roe"; a name in another script is romanised first ("person:stanimir-vedrak")."""
    return f"{type_.lower()}:{slug(name if is_latin(name) else romanize(name))}"


def _proper(surface: str) -> bool:
    """Every content word capitalised (or an acronym): a name as the outlet would print it."""
    words = [w for w in surface.split() if w.lower() not in {"of", "for", "and", "the", "on", "in"}]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def canonical_name(surfaces: Counter[str], generic: frozenset[str] = frozenset()) -> str:
    """The fullest, most frequent proper form: proper beats lower-case, a specific name beats a generic
    one ("Sejm" over "House of Representatives"), more words beat fewer."""

    def rank(s: str) -> tuple:
        return (
            is_latin(s),  # the name as Latin-script outlets print it, when any does
            _proper(s),
            s not in generic,
            not (s.isupper() and not is_acronym(s)),  # "GENEVA" is a dateline, "Geneva" the name
            len(name_key(s).split()),
            surfaces[s],
            -len(s),
            s,
        )

    return max(surfaces, key=rank)


def majority_type(types: dict[str, float]) -> str:
    top = max(types.values())
    return min(
        (t for t, n in types.items() if n == top), key=lambda t: _TYPE_PRIORITY.index(t) if t in _TYPE_PRIORITY else 99
    )


def describe(recs: list[Rec], members: list[int]) -> tuple[str, str, list[str]]:
    """(name, type, aliases) of a group of mentions."""
    names = [recs[i] for i in members if not recs[i].descriptor] or [recs[i] for i in members]
    surfaces = Counter(r.text for r in names)
    types: dict[str, float] = defaultdict(float)
    typed = [r for r in names if r.type != "MISC"] or names  # a weak candidate of another language has no say
    for r in typed:
        # a lone word NER calls a person is often a place or body it does not know: it counts half
        types[r.type] += 0.5 if r.type == "PERSON" and " " not in r.key else 1.0
    if any(r.country for r in names):
        types = {"GPE": 1.0}
    aliases = sorted({recs[i].text for i in members})
    generic = frozenset(r.text for r in names if chamber(r))
    return canonical_name(surfaces, generic), majority_type(types), aliases


def alias_ids(ent: Entity) -> set[str]:
    """Every id this entity could have had: its type or any alias, so old references still find it."""
    return {ent.id} | {entity_id(ent.type, a) for a in ent.aliases}


def build_entities(recs: list[Rec], clusters: list[list[int]]) -> tuple[list[Entity], dict[str, list[int]]]:
    """One entity per group; ids that would collide get a short suffix from their aliases."""
    drafts = []
    for members in clusters:
        name, type_, aliases = describe(recs, members)
        drafts.append((entity_id(type_, name), name, type_, aliases, members))
    drafts.sort(key=lambda d: (d[0], -len(d[4]), d[3]))
    entities: list[Entity] = []
    members_of: dict[str, list[int]] = {}
    for eid, name, type_, aliases, members in drafts:
        if eid in members_of:  # same name, another actor: told apart by where it is first mentioned
            first = min((recs[i].doc, recs[i].start) for i in members)
            eid = f"{eid}~{hashlib.sha1(repr(first).encode()).hexdigest()[:6]}"
        entities.append(Entity(eid, name, type_, aliases))
        members_of[eid] = members
    return entities, members_of
