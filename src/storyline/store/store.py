"""Reading and writing the plain dataclasses of ``storyline.model`` to the SQLite store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline import timespan
from storyline.model import (
    Claim,
    Disagreement,
    Document,
    Entity,
    Event,
    EventMention,
    EventSource,
    Extraction,
    LinkResult,
    Mention,
    Quote,
    RemovedLine,
    Sentence,
    Stance,
    Story,
    StoryLevel,
    TimeExpression,
)
from storyline.store.db import StoreError, connect
from storyline.store.lock import WriterLock

_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
# What ``load_extractions`` can read besides the language: everything by default.
EXTRACTION_PARTS = ("features", "sentences", "mentions", "time_expressions", "quotes", "claims", "events", "stances")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(items: list[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Store:
    """One SQLite store file. Writes go through ``transaction()`` so a failed batch leaves no trace.

    A writer holds the store's writer lock (``storyline.store.lock``) from opening to ``close``: one
    writing process at a time, and migrations run under it. ``on_wait`` hears, once, that another
    writer has the store and this one waits for it.
    """

    def __init__(self, path: Path | str, readonly: bool = False, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self._lock: WriterLock | None = None
        if not readonly:
            try:
                self._lock = WriterLock.acquire(self.path, on_wait)
            except OSError as exc:
                raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        try:
            self.conn = connect(path, readonly=readonly)
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        self.conn.close()
        self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing. Inside another transaction this is a savepoint: it commits with the outer one."""
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT inner")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO inner")
                self.conn.execute("RELEASE inner")
                raise
            else:
                self.conn.execute("RELEASE inner")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # ---- documents and their extractions -------------------------------------------------

    def known_ids(self, ids: Iterable[str], extracted_with: str | None = None) -> set[str]:
        """Which of ``ids`` are stored (and, if given, were extracted with that version)."""
        ids = list(ids)
        found: set[str] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id FROM documents WHERE id IN ({marks})"
            args: list[Any] = list(chunk)
            if extracted_with is not None:
                sql += " AND extracted_with = ?"
                args.append(extracted_with)
            found.update(r[0] for r in self.conn.execute(sql, args))
        return found

    def add_sources(self, docs: Iterable[Document]) -> None:
        """Record where already-stored documents were seen again (a re-ingest or a copy)."""
        with self.transaction() as conn:
            for doc in docs:
                conn.execute(
                    "INSERT OR IGNORE INTO document_sources(doc_id, source, outlet, url, seen_at) VALUES (?,?,?,?,?)",
                    (doc.id, doc.source, doc.outlet, doc.url, doc.fetched_at or _now()),
                )

    def save_batch(self, batch: list[tuple[Document, Extraction]], extractor_version: str) -> None:
        """Store documents with their extraction results, all or nothing."""
        with self.transaction() as conn:
            for doc, ex in batch:
                self._save_document(conn, doc, extractor_version)
                self._save_extraction(conn, ex)

    def _save_document(self, conn: sqlite3.Connection, doc: Document, version: str) -> None:
        conn.execute(
            """INSERT INTO documents(id, source, fmt, url, outlet, outlet_source, published, published_source,
                   language, title, byline, dateline, raw_text, text, offsets, removed, ingested_at, extracted_with)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET extracted_with = excluded.extracted_with,
                   text = excluded.text, offsets = excluded.offsets, removed = excluded.removed,
                   outlet = excluded.outlet, outlet_source = excluded.outlet_source,
                   published = excluded.published, published_source = excluded.published_source,
                   language = excluded.language, title = excluded.title, byline = excluded.byline,
                   dateline = excluded.dateline""",
            (
                doc.id, doc.source, doc.fmt, doc.url, doc.outlet, doc.outlet_source, doc.published,
                doc.published_source, doc.language, doc.title, json.dumps(doc.byline, ensure_ascii=False),
                doc.dateline, doc.raw_text, doc.text, json.dumps(doc.offsets),
                json.dumps([asdict(r) for r in doc.removed], ensure_ascii=False), _now(), version,
            ),
        )  # fmt: skip
        conn.execute(
            "INSERT OR IGNORE INTO document_sources(doc_id, source, outlet, url, seen_at) VALUES (?,?,?,?,?)",
            (doc.id, doc.source, doc.outlet, doc.url, doc.fetched_at or _now()),
        )

    def _save_extraction(self, conn: sqlite3.Connection, ex: Extraction) -> None:
        d = ex.doc_id
        conn.execute(
            "INSERT OR REPLACE INTO doc_features(doc_id, signature, shingles, embedding) VALUES (?,?,?,?)",
            (d, ex.signature, ex.shingles, ex.embedding),
        )
        for table in ("sentences", "mentions", "time_expressions", "quotes", "claims", "event_mentions", "stances"):
            conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (d,))
        conn.executemany(
            'INSERT INTO sentences(doc_id, idx, start, "end") VALUES (?,?,?,?)',
            [(d, i, s.start, s.end) for i, s in enumerate(ex.sentences)],
        )
        conn.executemany(
            'INSERT INTO mentions(doc_id, start, "end", text, type, entity_id) VALUES (?,?,?,?,?,?)',
            [(d, m.start, m.end, m.text, m.type, m.entity) for m in ex.mentions],
        )
        conn.executemany(
            'INSERT INTO time_expressions(doc_id, start, "end", text, value, type) VALUES (?,?,?,?,?,?)',
            [(d, t.start, t.end, t.text, t.value, t.type) for t in ex.time_expressions],
        )
        conn.executemany(
            """INSERT INTO quotes(id, doc_id, start, "end", text, kind, speaker_name, speaker_start, speaker_end,
                   cue, said_on, speaker_entity, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            [
                (q.id, d, q.start, q.end, q.text, q.kind, q.speaker_name, q.speaker_start, q.speaker_end,
                 q.cue, q.said_on, q.speaker, q.language)
                for q in ex.quotes
            ],
        )  # fmt: skip
        conn.executemany(
            """INSERT INTO claims(id, doc_id, start, "end", text, quantity, unit, qualifier, attributed_to, date,
                   subject, quantity_max, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            [
                (
                    c.id,
                    d,
                    c.start,
                    c.end,
                    c.text,
                    c.quantity,
                    c.unit,
                    c.qualifier,
                    c.attributed_to,
                    c.date,
                    c.subject,
                    c.quantity_max,
                    c.language,
                )
                for c in ex.claims
            ],
        )
        conn.executemany(
            """INSERT INTO event_mentions(id, doc_id, start, "end", type, summary, trigger, modality, date,
                   date_precision, actors, attributes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            [
                (e.id, d, e.start, e.end, e.type, e.summary, e.trigger, e.modality, e.date, e.date_precision,
                 json.dumps(e.actors, ensure_ascii=False), json.dumps(e.attributes, ensure_ascii=False))
                for e in ex.events
            ],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO stances(doc_id, start, "end", keys, phrase, negated, holder, subject) VALUES (?,?,?,?,?,?,?,?)',
            [
                (d, st.start, st.end, json.dumps(st.keys, ensure_ascii=False), st.phrase, int(st.negated), st.holder,
                 st.subject)
                for st in ex.stances
            ],
        )  # fmt: skip

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY published, id")]

    def sources(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT source, outlet, url FROM document_sources WHERE doc_id = ? ORDER BY rowid", (doc_id,)
        )
        return [dict(r) for r in rows]

    def load_documents(self, ids: list[str] | None = None, with_raw: bool = True) -> Iterator[Document]:
        """Documents in (published, id) order, or in the order of ``ids``."""
        raw_col = "raw_text" if with_raw else "'' AS raw_text"
        cols = (
            f"id, source, fmt, url, outlet, outlet_source, published, published_source, language, title, "
            f"byline, dateline, {raw_col}, text, offsets, removed, duplicate_of"
        )
        if ids is None:
            rows: Iterable[sqlite3.Row] = self.conn.execute(f"SELECT {cols} FROM documents ORDER BY published, id")
            yield from (self._document(r) for r in rows)
            return
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            by_id = {
                r["id"]: r for r in self.conn.execute(f"SELECT {cols} FROM documents WHERE id IN ({marks})", chunk)
            }
            yield from (self._document(by_id[i]) for i in chunk if i in by_id)

    @staticmethod
    def _document(r: sqlite3.Row) -> Document:
        return Document(
            id=r["id"], source=r["source"], raw_text=r["raw_text"], text=r["text"],
            offsets=[tuple(x) for x in json.loads(r["offsets"])],  # type: ignore[misc]
            removed=[RemovedLine(**x) for x in json.loads(r["removed"])],
            fmt=r["fmt"], url=r["url"], outlet=r["outlet"], outlet_source=r["outlet_source"],
            published=r["published"], published_source=r["published_source"], language=r["language"],
            title=r["title"], byline=json.loads(r["byline"]), dateline=r["dateline"],
            duplicate_of=r["duplicate_of"],
        )  # fmt: skip

    def load_extractions(
        self, ids: list[str] | None = None, parts: Collection[str] = EXTRACTION_PARTS
    ) -> Iterator[Extraction]:
        """Extraction results per document, ``_CHUNK`` documents per query round.

        ``parts`` names the results to read (the others stay empty), for readers that need only some.
        """
        ids = self.document_ids() if ids is None else ids
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            exs = {i: Extraction(doc_id=i) for i in chunk}

            def rows(part: str, sql: str, chunk: list[str] = chunk) -> Iterable[sqlite3.Row]:
                return self.conn.execute(sql, chunk) if part in parts else ()

            for r in self.conn.execute(f"SELECT id, language FROM documents WHERE id IN ({marks})", chunk):
                exs[r["id"]].language = r["language"]
            for r in rows("features", f"SELECT * FROM doc_features WHERE doc_id IN ({marks})"):
                ex = exs[r["doc_id"]]
                ex.signature, ex.shingles, ex.embedding = bytes(r["signature"]), r["shingles"], bytes(r["embedding"])
            q = f"WHERE doc_id IN ({marks}) ORDER BY doc_id"
            for r in rows("sentences", f'SELECT doc_id, start, "end" FROM sentences {q}, idx'):
                exs[r[0]].sentences.append(Sentence(r[1], r[2]))
            # Columns by position: a story page reads thousands of these rows, and names cost twice the time.
            for r in rows("mentions", f'SELECT doc_id, text, start, "end", type, entity_id FROM mentions {q}, start'):
                exs[r[0]].mentions.append(Mention(*r[1:]))
            for r in rows("time_expressions", f"SELECT * FROM time_expressions {q}, start"):
                exs[r["doc_id"]].time_expressions.append(
                    TimeExpression(r["text"], r["start"], r["end"], r["value"], r["type"])
                )
            for r in rows(
                "quotes",
                f"""SELECT doc_id, id, text, start, "end", kind, speaker_name, speaker_start, speaker_end, cue,
                       said_on, speaker_entity, language FROM quotes {q}, start""",
            ):
                exs[r[0]].quotes.append(Quote(*r[1:]))
            for r in rows(
                "claims",
                f"""SELECT doc_id, id, quantity, unit, text, start, "end", qualifier, attributed_to, date, subject,
                       quantity_max, language FROM claims {q}, start""",
            ):
                exs[r[0]].claims.append(Claim(*r[1:]))
            for r in rows("events", f"SELECT * FROM event_mentions {q}, start"):
                exs[r["doc_id"]].events.append(
                    EventMention(
                        r["id"],
                        r["type"],
                        r["summary"],
                        r["start"],
                        r["end"],
                        r["trigger"],
                        r["modality"],
                        r["date"],
                        r["date_precision"],
                        json.loads(r["actors"]),
                        json.loads(r["attributes"]),
                    )
                )
            for r in rows("stances", f"SELECT * FROM stances {q}, start"):
                exs[r["doc_id"]].stances.append(
                    Stance(
                        json.loads(r["keys"]), r["phrase"], bool(r["negated"]), r["start"], r["end"], r["holder"],
                        r["subject"],
                    )
                )  # fmt: skip
            yield from (exs[i] for i in chunk)

    # ---- link results --------------------------------------------------------------------

    def save_links(self, result: LinkResult, stories: set[str] | None = None, docs: list[str] | None = None) -> None:
        """Replace link results in one transaction; readers see the old or the new, never a mix.

        By default everything is replaced. Incremental builds pass the ``stories`` that changed and
        the ``docs`` that were linked again: only their rows are replaced, entities are merged in
        (then ``prune_entities`` drops those nothing refers to any more).
        """
        with self.transaction() as conn:
            if stories is None:
                for table in ("disagreements", "events", "story_documents", "stories", "entities"):
                    conn.execute(f"DELETE FROM {table}")
                conn.execute("UPDATE mentions SET entity_id = NULL")
                conn.execute("UPDATE quotes SET speaker_entity = NULL")
            else:
                for chunk in _chunks(sorted(stories)):
                    marks = ",".join("?" * len(chunk))
                    for table in ("disagreements", "events", "story_documents"):
                        conn.execute(f"DELETE FROM {table} WHERE story_id IN ({marks})", chunk)
                    conn.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)
                for chunk in _chunks(list(docs or [])):
                    marks = ",".join("?" * len(chunk))
                    conn.execute(f"UPDATE mentions SET entity_id = NULL WHERE doc_id IN ({marks})", chunk)
                    conn.execute(f"UPDATE quotes SET speaker_entity = NULL WHERE doc_id IN ({marks})", chunk)
            conn.executemany(
                'UPDATE mentions SET entity_id = ? WHERE doc_id = ? AND start = ? AND "end" = ?',
                [(eid, doc, s, e) for (doc, s, e), eid in result.mention_entity.items()],
            )
            rows = []
            for e in result.entities:
                aliases = set(e.aliases)
                if stories is not None:  # also the spellings in documents this update did not touch
                    aliases.update(
                        r[0] for r in conn.execute("SELECT DISTINCT text FROM mentions WHERE entity_id = ?", (e.id,))
                    )
                rows.append((e.id, e.name, e.type, json.dumps(sorted(aliases), ensure_ascii=False)))
            conn.executemany("INSERT OR REPLACE INTO entities(id, name, type, aliases) VALUES (?,?,?,?)", rows)
            conn.executemany(
                "UPDATE quotes SET speaker_entity = ? WHERE id = ?",
                [(eid, qid) for qid, eid in result.quote_speaker.items()],
            )
            now = _now()
            for story in [*result.storylines, *result.stories]:
                conn.execute(
                    "INSERT INTO stories(id, title, extra, updated_at, level, parent) VALUES (?,?,?,?,?,?)",
                    (story.id, story.title, json.dumps(story.extra, ensure_ascii=False), now, story.level,
                     story.parent),
                )  # fmt: skip
                conn.executemany(
                    "INSERT OR IGNORE INTO story_documents(story_id, doc_id) VALUES (?,?)",
                    [(story.id, d) for d in story.documents],
                )
                if story.level == "story" and story.parent:
                    continue  # a story shows its storyline's entries and disagreements (``load_stories``)
                conn.executemany(
                    """INSERT INTO events(id, story_id, date, date_precision, summary, type, modality, actors,
                           sources, extra) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    [
                        (ev.id, story.id, ev.date, ev.date_precision, ev.summary, ev.type, ev.modality,
                         json.dumps(ev.actors), json.dumps([asdict(s) for s in ev.sources], ensure_ascii=False),
                         json.dumps(ev.extra, ensure_ascii=False))
                        for ev in story.events
                    ],
                )  # fmt: skip
                conn.executemany(
                    "INSERT INTO disagreements(id, story_id, topic, claims, extra) VALUES (?,?,?,?,?)",
                    [
                        (d.id, story.id, d.topic, json.dumps(d.claims), json.dumps(d.extra, ensure_ascii=False))
                        for d in story.disagreements
                    ],
                )

    def prune_entities(self) -> None:
        """Delete the entities no mention or quote refers to any more (after partial link updates)."""
        with self.transaction() as conn:
            conn.execute(
                """DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL)
                   AND id NOT IN (SELECT speaker_entity FROM quotes WHERE speaker_entity IS NOT NULL)"""
            )

    def load_entities(self) -> list[Entity]:
        return [
            Entity(r["id"], r["name"], r["type"], json.loads(r["aliases"]))
            for r in self.conn.execute("SELECT * FROM entities ORDER BY name")
        ]

    def load_stories(self, story_id: str | None = None, level: StoryLevel | None = None) -> list[Story]:
        """Every story and storyline (or those of ``level``), or only the one with ``story_id`` (an empty
        list if there is none). A story carries the entries and disagreements of its storyline that its
        own articles tell; a storyline lists its stories."""
        sql = "SELECT * FROM stories"
        if story_id is not None:
            rows = self.conn.execute(sql + " WHERE id = ?", (story_id,)).fetchall()
        elif level is not None:
            rows = self.conn.execute(sql + " WHERE level = ? ORDER BY id", (level,)).fetchall()
        else:
            rows = self.conn.execute(sql + " ORDER BY level DESC, id").fetchall()
        stories = [self._story(r) for r in rows]
        lines = {s.id: s for s in stories if s.level == "storyline"}
        for missing in sorted({s.parent for s in stories if s.parent and s.parent not in lines}):
            for r in self.conn.execute(sql + " WHERE id = ?", (missing,)):
                lines[missing] = self._story(r)
        for story in stories:
            if story.level == "story" and story.parent in lines:
                story.events, story.disagreements = lines[story.parent].told_by(story.documents)
        return stories

    def _story(self, r: sqlite3.Row) -> Story:
        story = Story(r["id"], r["title"], extra=json.loads(r["extra"]), level=r["level"], parent=r["parent"])
        story.documents = [
            x[0]
            for x in self.conn.execute(
                """SELECT sd.doc_id FROM story_documents sd JOIN documents d ON d.id = sd.doc_id
                   WHERE sd.story_id = ? ORDER BY d.published, d.id""",
                (story.id,),
            )
        ]
        if story.level == "storyline":
            story.stories = [
                x[0]
                for x in self.conn.execute(
                    """SELECT s.id FROM stories s JOIN story_documents sd ON sd.story_id = s.id
                       JOIN documents d ON d.id = sd.doc_id WHERE s.parent = ?
                       GROUP BY s.id ORDER BY min(d.published), s.id""",
                    (story.id,),
                )
            ]
            for e in self.conn.execute("SELECT * FROM events WHERE story_id = ?", (story.id,)):
                story.events.append(
                    Event(
                        e["id"], e["date"], e["date_precision"], e["summary"], e["type"], e["modality"],
                        json.loads(e["actors"]), [EventSource(**s) for s in json.loads(e["sources"])],
                        json.loads(e["extra"]),
                    )
                )  # fmt: skip
            story.events.sort(key=lambda e: (timespan.sort_key(e.date), e.id))
            for d in self.conn.execute("SELECT * FROM disagreements WHERE story_id = ? ORDER BY id", (story.id,)):
                story.disagreements.append(
                    Disagreement(d["id"], d["topic"], json.loads(d["claims"]), json.loads(d["extra"]))
                )
        return story

    # ---- user corrections ----------------------------------------------------------------

    def add_override(self, kind: str, action: str, a: str, b: str) -> None:
        table = {"entity": "entity_overrides", "story": "story_overrides", "storyline": "storyline_overrides"}[kind]
        with self.transaction() as conn:
            conn.execute(f"INSERT INTO {table}(action, a, b, created_at) VALUES (?,?,?,?)", (action, a, b, _now()))

    def overrides(self, kind: str) -> list[tuple[str, str, str]]:
        table = {"entity": "entity_overrides", "story": "story_overrides", "storyline": "storyline_overrides"}[kind]
        return [(r[0], r[1], r[2]) for r in self.conn.execute(f"SELECT action, a, b FROM {table} ORDER BY id")]
