"""What the pages and the API read from the store. Every query is parameterized; nothing here writes.

The story and document payloads come from ``storyline.render.dossier`` so the web UI, the API and
``storyline export`` always agree.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Document, Entity, Extraction
from storyline.render.dossier import document_json, story_json
from storyline.store import Store
from storyline.store.db import chunks

# What a story shows of its articles' extraction results: mentions (actors and their counts), quotes, claims.
STORY_PARTS = ("mentions", "quotes", "claims")
# The first words of an article, shown where it has no title.
OPENING = "rtrim(substr(ltrim(d.text), 1, 90)) AS opening"


def _names(values: str | None) -> list[str]:
    """A JSON array from json_group_array, without nulls, sorted."""
    return sorted(v for v in json.loads(values or "[]") if v)


# ---- stories -------------------------------------------------------------------------------

_SUMMARY = """
    SELECT s.id, s.title, s.level, s.parent, coalesce(max(d.ingested_at), s.updated_at) AS updated_at,
           count(d.id) AS articles, min(d.published) AS first, max(d.published) AS last,
           json_group_array(DISTINCT d.outlet) AS outlets, json_group_array(DISTINCT d.language) AS languages
    FROM stories s
    LEFT JOIN story_documents sd ON sd.story_id = s.id
    LEFT JOIN documents d ON d.id = sd.doc_id
"""


def _summary(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": r["id"],
        "title": r["title"],
        "level": r["level"],
        "storyline": r["parent"],
        "articles": r["articles"],
        "first": r["first"],
        "last": r["last"],
        "outlets": _names(r["outlets"]),
        "languages": _names(r["languages"]),
        "updated_at": r["updated_at"],
    }


def story_summaries(
    conn: sqlite3.Connection, limit: int, offset: int, level: str = "story"
) -> tuple[int, list[dict[str, Any]]]:
    """Stories (or storylines) with their date span, size, outlets and languages; newest last article first.
    A storyline also lists its stories (id, title, first, last, articles), newest first."""
    total = int(conn.execute("SELECT count(*) FROM stories WHERE level = ?", (level,)).fetchone()[0])
    rows = conn.execute(
        f"""{_SUMMARY} WHERE s.level = ? GROUP BY s.id
            ORDER BY max(d.published) IS NULL, max(d.published) DESC, s.id LIMIT ? OFFSET ?""",
        (level, limit, offset),
    )
    out = [_summary(r) for r in rows]
    if level == "storyline" and out:
        children: dict[str, list[dict[str, Any]]] = {r["id"]: [] for r in out}
        marks = ",".join("?" * len(children))
        for r in conn.execute(
            f"""{_SUMMARY} WHERE s.parent IN ({marks}) GROUP BY s.id
                ORDER BY max(d.published) IS NULL, max(d.published) DESC, s.id""",
            list(children),
        ):
            children[r["parent"]].append(_summary(r))
        for row in out:
            row["stories"] = children[row["id"]]
    return total, out


def story_summary(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    r = conn.execute(f"{_SUMMARY} WHERE s.id = ? GROUP BY s.id", (story_id,)).fetchone()
    return _summary(r) if r else None


def document_meta(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Outlet, date, language and title of documents, without their text."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT id, outlet, published, language, title, source, {OPENING} FROM documents d WHERE id IN ({marks})",
            chunk,
        ):
            found[r["id"]] = dict(r)
    return found


def entities_by_id(conn: sqlite3.Connection, ids: set[str] | list[str]) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    for chunk in chunks(sorted(ids)):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, name, type, aliases FROM entities WHERE id IN ({marks})", chunk):
            found[r["id"]] = Entity(r["id"], r["name"], r["type"], json.loads(r["aliases"]))
    return found


def _referenced_entities(exs: list[Extraction]) -> set[str]:
    ids = {m.entity for ex in exs for m in ex.mentions if m.entity}
    ids.update(q.speaker for ex in exs for q in ex.quotes if q.speaker)
    return ids


@dataclass
class StoryData:
    story: dict[str, Any]  # exactly the story of the export
    summary: dict[str, Any]
    docs: dict[str, dict[str, Any]]  # id → outlet, published, language, title
    entities: dict[str, Entity]
    lead_source: dict[str, Any] | None = None  # the earliest article, when the lead comes from it
    lead: list[dict[str, Any]] = field(default_factory=list)  # sentences: text, doc, start, end
    storyline: dict[str, Any] | None = None  # a story's storyline (summary)
    chapters: list[dict[str, Any]] = field(default_factory=list)  # a storyline's stories (summaries), oldest first


def load_story(store: Store, story_id: str) -> StoryData | None:
    stories = store.load_stories(story_id)
    if not stories:
        return None
    story = stories[0]
    exs = list(store.load_extractions(story.documents, parts=STORY_PARTS))
    extractions = {ex.doc_id: ex for ex in exs}
    entities = entities_by_id(store.conn, _referenced_entities(exs))
    for ev in story.events:  # event actors may name entities no mention carries
        missing = {a for a in ev.actors if a not in entities}
        if missing:
            entities.update(entities_by_id(store.conn, missing))
    data = StoryData(
        story=story_json(story, extractions, entities),
        summary=story_summary(store.conn, story_id) or {},
        docs=document_meta(store.conn, story.documents),
        entities=entities,
    )
    data.lead = _lead(store, data, extractions)
    if story.parent:
        data.storyline = story_summary(store.conn, story.parent)
    if story.level == "storyline" and len(story.stories) > 1:
        data.chapters = [c for sid in story.stories if (c := story_summary(store.conn, sid))]
    return data


def _lead(store: Store, data: StoryData, extractions: dict[str, Extraction]) -> list[dict[str, Any]]:
    """Two or three sentences: the lead the link stage wrote (``Story.lead``, from the most covered
    events), else the evidence of the most covered events, else the earliest article's opening."""
    if data.story.get("lead"):
        return list(data.story["lead"])
    events = [ev for ev in data.story["events"] if ev["sources"]]
    if events:
        lead, seen = [], set()
        for ev in sorted(events, key=lambda ev: -len(ev["sources"])):
            src = ev["sources"][0]
            if (src["doc"], src["start"]) not in seen:  # two events told by one sentence: quote it once
                seen.add((src["doc"], src["start"]))
                lead.append({**src, "event": ev["id"], "date": ev["date"]})
            if len(lead) == 3:
                break
        return sorted(lead, key=lambda x: (x["date"] is None, x["date"] or ""))
    for doc_id in data.story["documents"]:
        row = store.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None or doc_id not in extractions:
            continue
        text = row["text"]
        sentences = next(store.load_extractions([doc_id], parts=("sentences",))).sentences
        spans = [(s.start, s.end) for s in sentences] or _paragraphs(text)
        lead = []
        for start, end in spans:
            sentence = text[start:end].strip()
            if len(sentence.split()) < 5 or "\n" in sentence:  # headline or label lines, not prose
                continue
            lead.append({"doc": doc_id, "text": sentence, "start": start, "end": end})
            if len(lead) == 3 or sum(len(x["text"]) for x in lead) > 320:
                break
        if lead:
            data.lead_source = data.docs.get(doc_id)
            return lead
    return []


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans for documents without sentence splits (languages the parser skips)."""
    spans, pos = [], 0
    for block in text.split("\n"):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + 1
    return spans


# ---- documents -----------------------------------------------------------------------------


@dataclass
class DocumentData:
    doc: Document
    extraction: Extraction
    sources: list[dict[str, Any]]
    entities: dict[str, Entity]
    stories: list[dict[str, Any]]

    def export(self) -> dict[str, Any]:
        return document_json(self.doc, self.extraction, self.sources)


def load_document(store: Store, doc_id: str) -> DocumentData | None:
    docs = list(store.load_documents([doc_id], with_raw=False))
    if not docs:
        return None
    (ex,) = store.load_extractions([doc_id])
    stories = [
        dict(r)
        for r in store.conn.execute(
            """SELECT s.id, s.title FROM story_documents sd JOIN stories s ON s.id = sd.story_id
               WHERE sd.doc_id = ? ORDER BY s.title""",
            (doc_id,),
        )
    ]
    return DocumentData(
        doc=docs[0],
        extraction=ex,
        sources=store.sources(doc_id),
        entities=entities_by_id(store.conn, _referenced_entities([ex])),
        stories=stories,
    )


# ---- actors --------------------------------------------------------------------------------


@dataclass
class EntityData:
    entity: Entity
    mentions: int
    stories: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]

    def export(self) -> dict[str, Any]:
        return {
            "id": self.entity.id,
            "name": self.entity.name,
            "type": self.entity.type,
            "aliases": self.entity.aliases,
            "mentions": self.mentions,
            "stories": [s["id"] for s in self.stories],
            "documents": [d["id"] for d in self.documents],
            "quotes": [q["id"] for q in self.quotes],
            "events": [e["id"] for e in self.events],
        }


def load_entity(conn: sqlite3.Connection, entity_id: str, limit: int = 200) -> EntityData | None:
    found = entities_by_id(conn, [entity_id])
    if entity_id not in found:
        return None
    mentions = int(conn.execute("SELECT count(*) FROM mentions WHERE entity_id = ?", (entity_id,)).fetchone()[0])
    documents = [
        dict(r)
        for r in conn.execute(
            f"""SELECT d.id, d.title, {OPENING}, d.outlet, d.published, count(*) AS mentions
               FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ?
               GROUP BY d.id ORDER BY d.published DESC, d.id LIMIT ?""",
            (entity_id, limit),
        )
    ]
    quotes = [
        dict(r)
        for r in conn.execute(
            """SELECT q.id, q.doc_id AS doc, q.text, q.kind, q.start, q."end", q.said_on, q.speaker_name,
                      d.outlet, d.published
               FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE q.speaker_entity = ?
               ORDER BY coalesce(q.said_on, d.published), q.id LIMIT ?""",
            (entity_id, limit),
        )
    ]
    events = []
    for r in conn.execute(
        """SELECT e.id, e.story_id, e.date, e.summary, e.type, e.modality, e.sources
           FROM events e WHERE EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)
           ORDER BY e.date IS NULL, e.date, e.id LIMIT ?""",
        (entity_id, limit),
    ):
        events.append({**dict(r), "sources": json.loads(r["sources"])})
    stories = [
        dict(r)
        for r in conn.execute(
            """SELECT s.id, s.title FROM stories s WHERE s.id IN (
                   SELECT sd.story_id FROM mentions m JOIN story_documents sd ON sd.doc_id = m.doc_id
                   WHERE m.entity_id = ?
                   UNION SELECT sd.story_id FROM quotes q JOIN story_documents sd ON sd.doc_id = q.doc_id
                   WHERE q.speaker_entity = ?
                   UNION SELECT story_id FROM events e
                   WHERE EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?))
               ORDER BY s.title""",
            (entity_id, entity_id, entity_id),
        )
    ]
    return EntityData(found[entity_id], mentions, stories, documents, quotes, events)
