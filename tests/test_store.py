"""The SQLite store: migrations, WAL, and storing nothing twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.pipeline import build
from storyline.store import Store, StoreError
from storyline.store.db import connect, migrations, schema_version

from conftest import EXAMPLES


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    assert schema_version(conn) == migrations()[-1][0]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "mentions", "quotes", "claims", "entities", "stories", "events"} <= tables


def test_a_new_store_has_the_languages_and_the_step_warnings(tmp_path: Path) -> None:
    """Migrations 011 (what a step could not do) and 012 (the language of quotes and claims) on a new store."""
    conn = connect(tmp_path / "s.db")
    numbers = [n for n, _name, _sql in migrations()]
    assert numbers[-2:] == [11, 12] and len(set(numbers)) == len(numbers)
    for table in ("quotes", "claims"):
        assert "language" in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    assert {r[1] for r in conn.execute("PRAGMA table_info(extraction_warnings)")} == {"id", "doc_id", "step", "reason"}


@pytest.mark.parametrize(
    ("version", "undo"),
    [
        (9, "DROP TABLE extraction_warnings;"),  # before the step warnings
        (11, ""),  # the step warnings without the languages
    ],
)
def test_an_older_store_is_brought_up_to_date_with_its_data(tmp_path: Path, version: int, undo: str) -> None:
    """A store built before migration 012 (and 011) gets them; its quotes and claims stay (language unknown)
    and it builds on."""
    db = tmp_path / "s.db"
    build([EXAMPLES / "corpus"], db)
    with sqlite3.connect(db) as conn:  # back to what that version had
        before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("quotes", "claims")}
        conn.executescript(
            "ALTER TABLE quotes DROP COLUMN language; ALTER TABLE claims DROP COLUMN language;"
            f"{undo} PRAGMA user_version = {version};"
        )
    conn = connect(db)
    assert schema_version(conn) == 12
    assert "extraction_warnings" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in ("quotes", "claims"):
        count, known = conn.execute(f"SELECT count(*), count(language) FROM {table}").fetchone()
        assert count == before[table] > 0 and known == 0
    conn.close()
    with Store(db, readonly=True) as store:
        quotes = [q for ex in store.load_extractions() for q in ex.quotes]
    assert len(quotes) == before["quotes"] and all(q.language is None for q in quotes)
    report = build([EXAMPLES / "corpus" / "wire_1.txt", EXAMPLES / "multilingual" / "corpus" / "es_cronica_1.txt"], db)
    assert report.stored == 1 and not report.errors
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM quotes WHERE language = 'es'").fetchone()[0] > 0


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreError, match="newer than this Storyline"):
        connect(db)


def test_not_a_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        connect(junk)


def test_build_twice_stores_nothing_twice(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = build([EXAMPLES / "corpus"], db)
    second = build([EXAMPLES / "corpus"], db)
    assert first.stored == 12 and first.duplicates == 0
    assert second.stored == 0 and second.duplicates == 12
    with sqlite3.connect(db) as conn:
        for table in ("documents", "mentions", "sentences", "document_sources", "stories", "entities"):
            counts = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert counts > 0
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 12
        dup = conn.execute(
            'SELECT count(*) FROM (SELECT doc_id, start FROM mentions GROUP BY doc_id, start, "end" HAVING count(*) > 1)'
        ).fetchone()[0]
        assert dup == 0


def test_copy_under_another_name_is_recorded_as_a_source(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    src = EXAMPLES / "corpus" / "wire_2.txt"
    copy = tmp_path / "copy_of_wire_2.txt"
    copy.write_bytes(src.read_bytes())
    build([src], db)
    report = build([copy], db)
    assert report.duplicates == 1
    with Store(db) as store:
        (doc_id,) = store.document_ids()
        assert [Path(s["source"]).name for s in store.sources(doc_id)] == ["wire_2.txt", "copy_of_wire_2.txt"]


def test_raw_text_is_kept_beside_the_cleaned_text(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        docs = {Path(d.source).name: d for d in store.load_documents()}
    doc = docs["broadcast_1.txt"]
    assert "동영상 고정 취소" in doc.raw_text and "동영상 고정 취소" not in doc.text
    assert any(r.reason == "other-script" for r in doc.removed)


def test_stale_extractions_are_redone(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    build([EXAMPLES / "corpus" / "wire_2.txt"], db)
    with Store(db) as store:
        store.conn.execute("UPDATE documents SET extracted_with = 'old'")
    report = build([], db)
    assert report.reextracted == 1


def _queries(db: Path, **which: str | None) -> tuple[int, int]:
    """(SELECT statements run, stories returned) by one ``load_stories`` call."""
    with Store(db, readonly=True) as store:
        run: list[str] = []
        store.conn.set_trace_callback(run.append)
        found = store.load_stories(**which)  # type: ignore[arg-type]
        store.conn.set_trace_callback(None)
    return sum(1 for sql in run if sql.lstrip().upper().startswith("SELECT")), len(found)


def test_stories_load_in_as_many_queries_however_many_there_are(examples_db: Path, tmp_path: Path) -> None:
    many = tmp_path / "many.db"
    assert not build([EXAMPLES / "multilingual" / "corpus"], many).errors
    for which in ({}, {"level": "story"}, {"level": "storyline"}):
        few_queries, few = _queries(examples_db, **which)
        many_queries, lots = _queries(many, **which)
        assert lots > 3 * few and many_queries == few_queries <= 6, which
    with Store(examples_db, readonly=True) as store:
        story = next(s for s in store.load_stories(level="story"))
    queries, found = _queries(examples_db, story_id=story.id)  # a story and the storyline it shows entries of
    assert found == 1 and queries <= 7
