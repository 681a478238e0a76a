"""Cross-document entity resolution: mentions → one entity per real-world actor.

In order (each step near-linear: keys, per-document and per-story indexes, never all pairs):
1. exact keys, corpus-wide: a country's names and initials ("PRC" = "China"), a person's full
   name up to transliteration ("Yuri"/"Yuriy"), an organisation's name up to case, "the",
   hyphens and a trailing "News"/"Inc." ("Reuters News" = "Reuters");
2. per document: what the text equates ("the lower house (Sejm)", "X, also known as Y",
   acronyms it defines) and surnames alone ("Roe" → "Jane Roe" when only one full name
   in the document ends or starts with it);
3. per story: "Donald Smith" = "Donald J. Smith", the same surname rule, "Foreign Ministry" → "Italian Foreign Ministry", shorter names
   of agreements and bodies, acronyms, descriptions, generic chamber names; each only when exactly
   one candidate is in the story;
4. single words still unresolved, corpus-wide by exact key; descriptions still unresolved, per story;
5. the user's merge/split corrections (``overrides``).

Names in articles of other languages are romanised for their keys and joined across scripts by their
consonant skeletons (``crosslang``): full names corpus-wide when they say enough, single words per
story. A weak candidate of another language (type MISC) gets an entity only by joining a known actor.

Nationality adjectives (NORP: "Italian") are kept as entities of their own, never merged with the
country: "Italian" often describes people, companies or forces rather than the state.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from storyline import countries
from storyline.link.entities import records
from storyline.link.entities.crosslang import WEAK, CrossLanguage, weak_unjoined
from storyline.link.entities.ids import build_entities
from storyline.link.entities.overrides import apply_overrides
from storyline.link.entities.records import Rec, UnionFind
from storyline.link.entities.rules import Rules
from storyline.model import Document, Extraction, LinkResult
from storyline.names import Places, fold, name_key

__all__ = ["resolve_entities"]

_TRAILING_DESIGNATOR = re.compile(r" (?:news agency|news|inc|corp|corporation|co|ltd|plc|llc|group)$")
_AGREEMENT_ON = re.compile(r"^(treaty|agreement|accord|pact|convention|protocol) (?:on|of|for|concerning) (.+)$")


def _exact_key(r: Rec, person_like: AbstractSet[str], generic: AbstractSet[str] = frozenset()) -> str | None:
    """The corpus-wide key of a mention, or None when only rules may group it: single words,
    descriptions, generic names that some country qualifies elsewhere ("Supreme Court"), and weak
    candidates of other languages (they only join an actor the cross-language rule finds)."""
    if r.descriptor or (r.key in generic and not r.qual) or r.type == WEAK or not r.key:
        return None
    if r.country:
        return "country:" + r.country
    if r.type == "NORP" and records.is_nationality(r.text):
        return "norp:" + r.key
    if " " not in r.key:
        return None
    if r.type == "PERSON" or r.key in person_like:
        return "person:" + " ".join(r.person or tuple(fold(w) for w in r.key.split()))
    if r.qual:
        return f"org:{r.qual[0]}|{_TRAILING_DESIGNATOR.sub('', r.qual[1])}"
    key = _TRAILING_DESIGNATOR.sub("", r.key)
    on = _AGREEMENT_ON.match(key)
    if on:  # "Treaty on the Open Skies" = "Open Skies Treaty"
        key = f"{on.group(2).removeprefix('the ')} {on.group(1)}"
    return "name:" + key


def _person_like(recs: list[Rec]) -> set[str]:
    """Multi-word names NER calls a person at least as often as anything else, with no organisation word."""
    votes: dict[str, Counter[bool]] = defaultdict(Counter)
    for r in recs:
        if not r.descriptor and " " in r.key and r.type in {"PERSON", "ORG", "GPE", "FAC", "NORP", "LOC"}:
            votes[r.key][r.type == "PERSON"] += 1
    return {k for k, v in votes.items() if v[True] and v[True] >= v[False] and not records.is_orgish(k)}


def resolve_entities(
    docs: list[Document],
    extractions: list[Extraction],
    result: LinkResult,
    overrides: Iterable[tuple[str, str, str]] = (),
    scopes: Iterable[list[str]] | None = None,
) -> None:
    """Fill ``result.entities`` and ``result.mention_entity``; ``scopes`` are the stories (lists of doc ids)."""
    texts = {d.id: d.text for d in docs}
    # documents in another language: their names are compared across scripts (``crosslang``)
    foreign = {d.id: (d.language or "")[:2] for d in docs if d.language and not d.language.startswith("en")}
    places = Places(
        [*countries.table(), *(name_key(m.text) for ex in extractions for m in ex.mentions if m.type in {"GPE", "LOC"})]
    )
    recs: list[Rec] = []
    uf = UnionFind()
    by_doc: dict[str, list[int]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            by_doc[ex.doc_id].append(len(recs))
            recs.append(records.make(ex.doc_id, m.start, m.end, m.text, m.type, places, foreign.get(ex.doc_id)))
            uf.add()
    rules = Rules(recs, uf)

    # 1. corpus-wide exact keys
    person_like = _person_like(recs)
    generic = {r.qual[1] for r in recs if r.qual}
    first_of: dict[str, int] = {}
    for i, r in enumerate(recs):
        key = _exact_key(r, person_like, generic)
        if key is None:
            continue
        if key.startswith("person:") and not r.person:
            r.person = tuple(key[7:].split())
        if key in first_of:
            uf.union(first_of[key], i)
        else:
            first_of[key] = i

    cross = CrossLanguage(recs, uf)
    cross.run(list(range(len(recs))), corpus=True)  # full names that say enough, across the whole corpus

    # 2. per document
    for doc_id, idx in by_doc.items():
        text = texts.get(doc_id, "")
        rules.places(text, idx)
        rules.equations(text, idx)
        rules.surnames(idx, allow_any_type=True)
        rules.descriptions(idx)
        rules.agreements(idx)

    # 3. per story
    story_scopes = [list(s) for s in scopes] if scopes is not None else [list(by_doc)]
    covered = {d for s in story_scopes for d in s}
    story_scopes += [[d] for d in by_doc if d not in covered]
    for scope in story_scopes:
        idx = [i for d in scope for i in by_doc.get(d, ())]
        rules.middle_initials(idx)
        rules.surnames(idx, allow_any_type=False)
        rules.qualified(idx)
        rules.agreements(idx)
        rules.descriptions(idx)
        rules.chambers(idx)
        rules.features(idx)
        cross.run(idx)

    # 4. single words no rule tied to anything: by their key, corpus-wide; a non-person word joins the
    # one group that already has it next to a longer name ("Bundestag" → "German Bundestag"), if only one does
    anchored: set[int] = set()
    for i, r in enumerate(recs):
        if not r.descriptor and (" " in r.key or _exact_key(r, person_like, generic)):
            anchored.add(uf.find(i))
    homes: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(recs):
        key = _exact_key(r, person_like, generic)
        if key and key.startswith("name:") and " " not in key:  # "Reuters News" is at home for "Reuters"
            homes[key].add(uf.find(i))
    loose: list[tuple[int, str]] = []
    for i, r in enumerate(recs):
        if r.descriptor or " " in r.key or not r.key or _exact_key(r, person_like, generic) or r.type == WEAK:
            continue
        key = "name:" + r.key
        root = uf.find(i)
        if root in anchored:
            homes[key].add(root)
        else:
            loose.append((i, key))
    alone: dict[str, int] = {}
    for i, key in loose:
        home = homes.get(key, set())
        if len(home) == 1 and recs[i].type != "PERSON":
            uf.union(next(iter(home)), i)
        elif key in alone:
            uf.union(alone[key], i)
        else:
            alone[key] = i

    # 5. descriptions and generic names no rule tied to a specific name ("the provisional secretariat",
    # "Supreme Court") stay one entity per wording and story: a generic name never spans stories
    story_of = {d: n for n, scope in enumerate(story_scopes) for d in scope}
    named = {uf.find(i) for i, r in enumerate(recs) if not r.descriptor and r.key not in generic}
    vague: dict[tuple[int, str], int] = {}
    for i, r in enumerate(recs):
        if (r.descriptor or r.key in generic) and uf.find(i) not in named:
            slot = (story_of.get(r.doc, -1), r.key)
            if slot in vague:
                uf.union(vague[slot], i)
            else:
                vague[slot] = i

    # 6. entities with stable ids, then the user's corrections; a weak candidate that joined no actor has none
    unjoined = weak_unjoined(recs, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        if i not in unjoined:
            groups[uf.find(i)].append(i)
    clusters = list(groups.values())
    entities, members_of = build_entities(recs, clusters)
    entities, members_of = apply_overrides(recs, entities, members_of, list(overrides))
    result.entities.extend(entities)
    for ent in entities:
        for i in members_of[ent.id]:
            r = recs[i]
            result.mention_entity[(r.doc, r.start, r.end)] = ent.id
