"""The user's corrections, re-applied after every automatic resolution, in the order they were made.

- ``("merge", A, B)``: B's mentions move into A; A keeps its id and name.
- ``("split", A, '["alias", ...]')``: the mentions with these surface forms leave A for a new entity.

A and B are entity ids as they were when the user made the correction. If the corpus has grown and
an entity's canonical name (hence its id) changed, the reference still finds it through the ids its
aliases would give (``ids.alias_ids``). A correction that finds nothing is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from storyline.link.entities.ids import alias_ids, describe, entity_id
from storyline.link.entities.records import Rec
from storyline.model import Entity
from storyline.names import alias_key


def find_entity(entities: Iterable[Entity], ref: str, sizes: dict[str, int] | None = None) -> list[Entity]:
    """Entities a reference (id or exact name) may mean, best first; several when it is ambiguous."""
    ents = list(entities)
    for test in (
        lambda e: e.id == ref,
        lambda e: e.name == ref,
        lambda e: ref in alias_ids(e),
        lambda e: ref in e.aliases,
        lambda e: alias_key(e.name) == alias_key(ref),
    ):
        hits = [e for e in ents if test(e)]
        if hits:
            return sorted(hits, key=lambda e: -(sizes or {}).get(e.id, 0))
    return []


def parse_aliases(b: str) -> list[str]:
    try:
        value = json.loads(b)
    except ValueError:
        return [b]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def apply_overrides(
    recs: list[Rec],
    entities: list[Entity],
    members_of: dict[str, list[int]],
    overrides: list[tuple[str, str, str]],
) -> tuple[list[Entity], dict[str, list[int]]]:
    by_id = {e.id: e for e in entities}
    for action, a, b in overrides:
        sizes = {k: len(v) for k, v in members_of.items()}
        found = find_entity(by_id.values(), a, sizes)
        if not found:
            continue
        ea = found[0]
        if action == "merge":
            others = find_entity(by_id.values(), b, sizes)
            if not others or others[0].id == ea.id:
                continue
            eb = others[0]
            members_of[ea.id] += members_of.pop(eb.id)
            del by_id[eb.id]
            ea.aliases = sorted(set(ea.aliases) | set(eb.aliases))
        elif action == "split":
            wanted = {alias_key(x) for x in parse_aliases(b)}
            moving = [i for i in members_of[ea.id] if alias_key(recs[i].text) in wanted]
            staying = [i for i in members_of[ea.id] if alias_key(recs[i].text) not in wanted]
            if not moving or not staying:
                continue
            name, type_, aliases = describe(recs, moving)
            new_id = entity_id(type_, name)
            while new_id in by_id:
                new_id += "~split"
            by_id[new_id] = Entity(new_id, name, type_, aliases)
            members_of[new_id] = moving
            members_of[ea.id] = staying
            ea.name, ea.type, ea.aliases = describe(recs, staying)
    return sorted(by_id.values(), key=lambda e: e.id), members_of
