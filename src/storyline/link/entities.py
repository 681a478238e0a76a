"""Cross-document entity resolution: mentions → entities (baseline: same name, same type)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from storyline.model import Entity, Extraction, LinkResult


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_id(type_: str, name: str) -> str:
    return f"{type_.lower()}:{slug(name)}"


def resolve_entities(extractions: list[Extraction], result: LinkResult) -> None:
    """Group mentions whose normalized names and types agree; the commonest spelling names the group."""
    groups: dict[tuple[str, str], list[tuple[str, int, int, str]]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            key = (m.type, slug(m.text))
            groups[key].append((ex.doc_id, m.start, m.end, m.text))
    for (type_, _key), items in sorted(groups.items()):
        spellings = Counter(text for *_pos, text in items)
        name = spellings.most_common(1)[0][0]
        ent = Entity(entity_id(type_, name), name, type_, sorted(spellings))
        result.entities.append(ent)
        for doc, start, end, _text in items:
            result.mention_entity[(doc, start, end)] = ent.id
