"""Reading and writing the plain dataclasses of ``storyline.model`` to the SQLite store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyline import timespan
from storyline.model import Document, Entity, Extraction, LinkResult, Story, StoryLevel
from storyline.store import rows
from storyline.store.db import StoreError, chunks, connect, marks
from storyline.store.lock import WriterLock

# What ``load_extractions`` can read besides the language: everything by default.
EXTRACTION_PARTS = (
    "features", "sentences", "mentions", "time_expressions", "quotes", "claims", "events", "stances", "warnings"
)  # fmt: skip
# The tables of per-document results, each with its part of the Extraction (a list of one dataclass).
_PER_DOCUMENT = (
    ("sentences", rows.SENTENCES, "idx"),
    ("mentions", rows.MENTIONS, "start"),
    ("time_expressions", rows.TIME_EXPRESSIONS, "start"),
    ("quotes", rows.QUOTES, "start"),
    ("claims", rows.CLAIMS, "start"),
    ("events", rows.EVENT_MENTIONS, "start"),
    ("stances", rows.STANCES, "start"),
    ("warnings", rows.WARNINGS, "id"),
)
# Documents' fields a new extraction may change (a document's text and metadata are read again with it).
_REREAD = ("text", "offsets", "removed", "outlet", "outlet_source", "published", "published_source", "language",
           "title", "byline", "dateline")  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
        for chunk in chunks(ids):
            sql = f"SELECT id FROM documents WHERE id IN ({marks(chunk)})"
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
        update = ", ".join(f'"{c}" = excluded."{c}"' for c in ("extracted_with", *_REREAD))
        conn.execute(
            rows.DOCUMENTS.insert(
                without=("duplicate_of",),  # the link stage decides it
                also=("ingested_at", "extracted_with"),
                suffix=f"ON CONFLICT(id) DO UPDATE SET {update}",
            ),
            rows.DOCUMENTS.row(doc, without=("duplicate_of",), also=(_now(), version)),
        )
        conn.execute(
            "INSERT OR IGNORE INTO document_sources(doc_id, source, outlet, url, seen_at) VALUES (?,?,?,?,?)",
            (doc.id, doc.source, doc.outlet, doc.url, doc.fetched_at or _now()),
        )

    def _save_extraction(self, conn: sqlite3.Connection, ex: Extraction) -> None:
        d = ex.doc_id
        conn.execute(rows.FEATURES.insert("INSERT OR REPLACE"), rows.FEATURES.row(ex, d))
        for _part, table, _order in _PER_DOCUMENT:
            conn.execute(f"DELETE FROM {table.name} WHERE doc_id = ?", (d,))
        conn.executemany(rows.SENTENCES.insert(), [rows.SENTENCES.row(s, d, i) for i, s in enumerate(ex.sentences)])
        for part, table, _order in _PER_DOCUMENT[1:]:
            conn.executemany(table.insert(), [table.row(item, d) for item in getattr(ex, part)])

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
        table = rows.DOCUMENTS
        cols = table.select(replace=None if with_raw else {"raw_text": "'' AS raw_text"})
        if ids is None:
            found: Iterable[sqlite3.Row] = self.conn.execute(f"SELECT {cols} FROM documents ORDER BY published, id")
            yield from (table.read(r) for r in found)
            return
        for chunk in chunks(ids):
            by_id = {
                r["id"]: r
                for r in self.conn.execute(f"SELECT {cols} FROM documents WHERE id IN ({marks(chunk)})", chunk)
            }
            yield from (table.read(by_id[i]) for i in chunk if i in by_id)

    def load_extractions(
        self, ids: list[str] | None = None, parts: Collection[str] = EXTRACTION_PARTS
    ) -> Iterator[Extraction]:
        """Extraction results per document, ``CHUNK`` documents per query round.

        ``parts`` names the results to read (the others stay empty), for readers that need only some.
        """
        ids = self.document_ids() if ids is None else ids
        for chunk in chunks(ids):
            where = f"WHERE doc_id IN ({marks(chunk)})"
            exs = {i: Extraction(doc_id=i) for i in chunk}
            for r in self.conn.execute(f"SELECT id, language FROM documents WHERE id IN ({marks(chunk)})", chunk):
                exs[r[0]].language = r[1]
            if "features" in parts:
                for r in self.conn.execute(f"SELECT doc_id, {rows.FEATURES.select()} FROM doc_features {where}", chunk):
                    for name, value in rows.FEATURES.values(r, 1).items():
                        setattr(exs[r[0]], name, value)
            for part, table, order in _PER_DOCUMENT:
                if part not in parts:
                    continue
                sql = f"SELECT doc_id, {table.select()} FROM {table.name} {where} ORDER BY doc_id, {order}"
                for r in self.conn.execute(sql, chunk):
                    getattr(exs[r[0]], part).append(table.read(r, 1))
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
                for chunk in chunks(sorted(stories)):
                    for table in ("disagreements", "events", "story_documents"):
                        conn.execute(f"DELETE FROM {table} WHERE story_id IN ({marks(chunk)})", chunk)
                    conn.execute(f"DELETE FROM stories WHERE id IN ({marks(chunk)})", chunk)
                for chunk in chunks(list(docs or [])):
                    conn.execute(f"UPDATE mentions SET entity_id = NULL WHERE doc_id IN ({marks(chunk)})", chunk)
                    conn.execute(f"UPDATE quotes SET speaker_entity = NULL WHERE doc_id IN ({marks(chunk)})", chunk)
            conn.executemany(
                'UPDATE mentions SET entity_id = ? WHERE doc_id = ? AND start = ? AND "end" = ?',
                [(eid, doc, s, e) for (doc, s, e), eid in result.mention_entity.items()],
            )
            entities = []
            for e in result.entities:
                aliases = set(e.aliases)
                if stories is not None:  # also the spellings in documents this update did not touch
                    aliases.update(
                        r[0] for r in conn.execute("SELECT DISTINCT text FROM mentions WHERE entity_id = ?", (e.id,))
                    )
                entities.append(rows.ENTITIES.row(Entity(e.id, e.name, e.type, sorted(aliases))))
            conn.executemany(rows.ENTITIES.insert("INSERT OR REPLACE"), entities)
            conn.executemany(
                "UPDATE quotes SET speaker_entity = ? WHERE id = ?",
                [(eid, qid) for qid, eid in result.quote_speaker.items()],
            )
            now = _now()
            for story in [*result.storylines, *result.stories]:
                conn.execute(rows.STORIES.insert(also=("updated_at",)), rows.STORIES.row(story, also=(now,)))
                conn.executemany(
                    "INSERT OR IGNORE INTO story_documents(story_id, doc_id) VALUES (?,?)",
                    [(story.id, d) for d in story.documents],
                )
                if story.level == "story" and story.parent:
                    continue  # a story shows its storyline's entries and disagreements (``load_stories``)
                conn.executemany(rows.EVENTS.insert(), [rows.EVENTS.row(ev, story.id) for ev in story.events])
                conn.executemany(
                    rows.DISAGREEMENTS.insert(), [rows.DISAGREEMENTS.row(d, story.id) for d in story.disagreements]
                )

    def prune_entities(self) -> None:
        """Delete the entities no mention or quote refers to any more (after partial link updates)."""
        with self.transaction() as conn:
            conn.execute(
                """DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL)
                   AND id NOT IN (SELECT speaker_entity FROM quotes WHERE speaker_entity IS NOT NULL)"""
            )

    def load_entities(self) -> list[Entity]:
        sql = f"SELECT {rows.ENTITIES.select()} FROM entities ORDER BY name"
        return [rows.ENTITIES.read(r) for r in self.conn.execute(sql)]

    def load_stories(self, story_id: str | None = None, level: StoryLevel | None = None) -> list[Story]:
        """Every story and storyline (or those of ``level``), or only the one with ``story_id`` (an empty
        list if there is none). A story carries the entries and disagreements of its storyline that its
        own articles tell; a storyline lists its stories.

        The number of queries does not grow with the number of stories: each part (the stories, the
        storylines they belong to, their documents, a storyline's stories, entries and disagreements) is
        read for all of them at once."""
        table = rows.STORIES
        sql = f"SELECT {table.select()} FROM stories"
        if story_id is not None:
            found = self.conn.execute(sql + " WHERE id = ?", (story_id,)).fetchall()
        elif level is not None:
            found = self.conn.execute(sql + " WHERE level = ? ORDER BY id", (level,)).fetchall()
        else:
            found = self.conn.execute(sql + " ORDER BY level DESC, id").fetchall()
        stories: list[Story] = [table.read(r) for r in found]
        lines = {s.id: s for s in stories if s.level == "storyline"}
        missing = sorted({s.parent for s in stories if s.parent and s.parent not in lines})
        for chunk in chunks(missing):
            for r in self.conn.execute(f"{sql} WHERE id IN ({marks(chunk)})", chunk):
                line = table.read(r)
                lines[line.id] = line
        everything = story_id is None and level is None  # no condition on ids: every row of each table
        by_id = {**lines, **{s.id: s for s in stories}}
        for sid, doc in self._for(
            """SELECT sd.story_id, sd.doc_id FROM story_documents sd JOIN documents d ON d.id = sd.doc_id
               WHERE {cond} ORDER BY d.published, d.id""",
            "sd.story_id",
            None if everything else list(by_id),
        ):
            by_id[sid].documents.append(doc)
        line_ids = None if everything else sorted(lines)
        for parent, child in self._for(
            """SELECT s.parent, s.id FROM stories s JOIN story_documents sd ON sd.story_id = s.id
               JOIN documents d ON d.id = sd.doc_id WHERE s.parent IS NOT NULL AND {cond}
               GROUP BY s.id ORDER BY min(d.published), s.id""",
            "s.parent",
            line_ids,
        ):
            if parent in lines:
                lines[parent].stories.append(child)
        for r in self._for(f"SELECT story_id, {rows.EVENTS.select()} FROM events WHERE {{cond}}", "story_id", line_ids):
            if r[0] in lines:
                lines[r[0]].events.append(rows.EVENTS.read(r, 1))
        for r in self._for(
            f"SELECT story_id, {rows.DISAGREEMENTS.select()} FROM disagreements WHERE {{cond}} ORDER BY id",
            "story_id",
            line_ids,
        ):
            if r[0] in lines:
                lines[r[0]].disagreements.append(rows.DISAGREEMENTS.read(r, 1))
        for line in lines.values():
            line.events.sort(key=lambda e: (timespan.sort_key(e.date), e.id))
        for story in stories:
            if story.level == "story" and story.parent in lines:
                story.events, story.disagreements = lines[story.parent].told_by(story.documents)
        return stories

    def _for(self, sql: str, column: str, ids: list[str] | None) -> Iterator[sqlite3.Row]:
        """The rows of ``sql`` whose ``column`` is one of ``ids`` (``{cond}`` in ``sql``), a chunk of ids per
        query; all of its rows when ``ids`` is None."""
        if ids is None:
            yield from self.conn.execute(sql.format(cond="1"))
            return
        for chunk in chunks(ids):
            yield from self.conn.execute(sql.format(cond=f"{column} IN ({marks(chunk)})"), chunk)

    # ---- user corrections ----------------------------------------------------------------

    def add_override(self, kind: str, action: str, a: str, b: str) -> None:
        table = {"entity": "entity_overrides", "story": "story_overrides", "storyline": "storyline_overrides"}[kind]
        with self.transaction() as conn:
            conn.execute(f"INSERT INTO {table}(action, a, b, created_at) VALUES (?,?,?,?)", (action, a, b, _now()))

    def overrides(self, kind: str) -> list[tuple[str, str, str]]:
        table = {"entity": "entity_overrides", "story": "story_overrides", "storyline": "storyline_overrides"}[kind]
        return [(r[0], r[1], r[2]) for r in self.conn.execute(f"SELECT action, a, b FROM {table} ORDER BY id")]
