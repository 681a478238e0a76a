"""Stored data → the dossier (schema ``storyline/dossier@2``) as plain JSON-ready dicts."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from storyline.codec import to_json
from storyline.model import Document, Entity, Event, Extraction, Story

SCHEMA = "storyline/dossier@2"
# What the link stage learned of an entry and of a story, written after the fields the export lists itself.
EVENT_DETAILS = frozenset(f.name for f in fields(Event)) - {
    "id", "date", "date_precision", "summary", "type", "modality", "actors", "sources"
}  # fmt: skip
STORY_DETAILS = ("counts", "key_dates", "lead")


def document_json(doc: Document, ex: Extraction, sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "outlet": doc.outlet,
        "published": doc.published,
        "published_source": doc.published_source,
        "language": doc.language,
        "title": doc.title,
        "byline": doc.byline,
        "text": doc.text,
        "time_expressions": [
            {"text": t.text, "start": t.start, "end": t.end, "value": t.value, "type": t.type}
            for t in ex.time_expressions
        ],
        "mentions": [
            {"text": m.text, "start": m.start, "end": m.end, "type": m.type, "entity": m.entity} for m in ex.mentions
        ],
        # Beyond the contract: where else it was seen, and what cleaning removed.
        "url": doc.url,
        "dateline": doc.dateline,
        "sources": sources or [{"source": doc.source, "outlet": doc.outlet, "url": doc.url}],
        "removed": [{"text": r.text, "reason": r.reason} for r in doc.removed],
        "duplicate_of": doc.duplicate_of,  # the original when this article is a reprint of it
    }


def story_json(story: Story, extractions: dict[str, Extraction], entities: dict[str, Entity]) -> dict[str, Any]:
    exs = [extractions[d] for d in story.documents if d in extractions]
    mention_counts: dict[str, int] = {}
    spellings: dict[str, dict[str, set[str]]] = {}  # entity → language → the names it goes by there
    for ex in exs:
        for m in ex.mentions:
            if m.entity:
                mention_counts[m.entity] = mention_counts.get(m.entity, 0) + 1
                spellings.setdefault(m.entity, {}).setdefault(ex.language or "und", set()).add(m.text)
        for q in ex.quotes:
            if q.speaker:
                mention_counts.setdefault(q.speaker, 0)
    story_entities = [entities[e] for e in mention_counts if e in entities]
    story_entities.sort(key=lambda e: (-mention_counts[e.id], e.name))
    return {
        "id": story.id,
        "title": story.title,
        "documents": story.documents,
        "entities": [
            {
                **asdict(e),
                "mentions": mention_counts[e.id],
                "aliases_by_language": {lang: sorted(names) for lang, names in sorted(spellings.get(e.id, {}).items())},
            }
            for e in story_entities
        ],
        "events": [
            {
                "id": ev.id,
                "date": ev.date,
                "date_precision": ev.date_precision,
                "summary": ev.summary,
                "type": ev.type,
                "modality": ev.modality,
                "actors": ev.actors,
                "sources": [dict(vars(s)) for s in ev.sources],  # flat: asdict's deep copy costs 20x
                **to_json(ev, only=EVENT_DETAILS),
            }
            for ev in story.events
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "text": q.text,
                "kind": q.kind,
                "doc": ex.doc_id,
                "start": q.start,
                "end": q.end,
                "said_on": q.said_on,
                "cue": q.cue,
                "language": q.language,
            }
            for ex in exs
            for q in ex.quotes
        ],
        "claims": [
            {
                "id": c.id,
                "quantity": c.quantity,
                "unit": c.unit,
                "text": c.text,
                "attributed_to": c.attributed_to,
                "doc": ex.doc_id,
                "date": c.date,
                "qualifier": c.qualifier,
                "quantity_max": c.quantity_max,
                "subject": c.subject,
                "start": c.start,
                "end": c.end,
                "language": c.language,
            }
            for ex in exs
            for c in ex.claims
        ],
        "disagreements": [to_json(d) for d in story.disagreements],
        **to_json(story, only=STORY_DETAILS),
        # a storyline lists its stories; a story names its storyline
        **(
            {"stories": story.stories, "storyline": None} if story.level == "storyline" else {"storyline": story.parent}
        ),
    }


def dossier(
    docs: list[Document],
    extractions: dict[str, Extraction],
    entities: list[Entity],
    stories: list[Story],
    sources: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """``stories`` holds stories and storylines (``Story.level``): each goes to its own list."""
    by_id = {e.id: e for e in entities}
    sources = sources or {}
    return {
        "schema": SCHEMA,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": [document_json(d, extractions[d.id], sources.get(d.id)) for d in docs if d.id in extractions],
        "storylines": [story_json(s, extractions, by_id) for s in stories if s.level == "storyline"],
        "stories": [story_json(s, extractions, by_id) for s in stories if s.level == "story"],
    }
