"""The full-text index (migration 002_search): backfilled on upgrade, kept in step by every write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app as cli
from storyline.extract import EXTRACTOR_VERSION
from storyline.model import Document, Extraction, Quote
from storyline.serve import create_app, prepare_store
from storyline.serve.search import search
from storyline.store import Store
from storyline.store.db import migrations, schema_version

from webstore import WebStore


def _counts(db: Path) -> tuple[int, int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "documents_fts", "quotes", "quotes_fts")
        )


def _copy(src: Path, dst: Path) -> Path:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    return dst


def _downgrade_to_v1(db: Path) -> None:
    """Rebuild the store as schema version 1 (before search existed), keeping its rows."""
    v1 = db.with_name("v1.db")
    number, _name, sql = migrations()[0]
    with sqlite3.connect(v1) as conn:
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("ATTACH DATABASE ? AS src", (str(db),))
        tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        for table in tables:
            cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table}")
        conn.commit()
        conn.execute("DETACH DATABASE src")
    v1.replace(db)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", text, text, [(0, 0, len(text))], title=f"Title {doc_id}")


def test_build_fills_the_index(examples_db: Path) -> None:
    docs, docs_fts, quotes, quotes_fts = _counts(examples_db)
    assert docs == docs_fts == 12 and quotes == quotes_fts


def test_an_older_store_is_upgraded_and_backfilled(web_store: WebStore, tmp_path: Path) -> None:
    db = _copy(web_store.db, tmp_path / "old.db")
    _downgrade_to_v1(db)
    with sqlite3.connect(db) as conn:
        assert schema_version(conn) == 1
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'documents_fts'").fetchall()
    assert prepare_store(db) is None  # `storyline serve` upgrades it before serving
    docs, docs_fts, quotes, quotes_fts = _counts(db)
    assert docs == docs_fts and quotes == quotes_fts >= 1
    with Store(db, readonly=True) as store:
        assert schema_version(store.conn) == migrations()[-1][0]
        assert search(store.conn, "fair division").total_quotes >= 1
        assert search(store.conn, "Tessa").total_documents >= 8


def test_writes_keep_the_index_in_step(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        ex = Extraction("a1", quotes=[Quote("a1:q0", "we will rebuild the bridge", 0, 10, "direct", "Mayor Kestrel")])
        store.save_batch([(_doc("a1", "The old bridge over the Varn fell."), ex)], EXTRACTOR_VERSION)
        store.save_batch([(_doc("a1", "The old bridge over the Varn fell."), ex)], EXTRACTOR_VERSION)  # again
        assert _counts(db) == (1, 1, 1, 1)
        assert search(store.conn, "Varn").total_documents == 1
        assert search(store.conn, "Kestrel").total_quotes == 1  # quotes are found by speaker too
        # new text replaces the old in the index; the quote list is replaced as well
        store.save_batch([(_doc("a1", "A new ferry crosses the Varn."), Extraction("a1"))], EXTRACTOR_VERSION)
        assert search(store.conn, "ferry").total_documents == 1
        assert search(store.conn, "bridge").total_documents == 0
        assert search(store.conn, "rebuild").total_quotes == 0
        with store.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE id = 'a1'")
        assert _counts(db) == (0, 0, 0, 0)
        assert search(store.conn, "ferry").total_documents == 0


def test_server_reads_while_a_build_writes(web_store: WebStore, tmp_path: Path) -> None:
    db = _copy(web_store.db, tmp_path / "busy.db")
    writer = Store(db)
    with TestClient(create_app(db)) as client:
        writer.conn.execute("BEGIN IMMEDIATE")
        writer._save_document(writer.conn, _doc("w1", "Unfinished business of the zeppelin."), EXTRACTOR_VERSION)
        assert client.get("/").status_code == 200  # WAL: the reader sees the last commit, without waiting
        assert client.get("/api/search", params={"q": "zeppelin"}).json()["total_documents"] == 0
        writer.conn.execute("COMMIT")
        assert client.get("/api/search", params={"q": "zeppelin"}).json()["total_documents"] == 1
    writer.close()


def test_serve_command_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "run `storyline build" in result.output
