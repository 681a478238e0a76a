"""Bad input: one clear line per bad file, the rest goes on, nothing stored is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import pipeline
from storyline.cli import app
from storyline.ingest import ingest, readers
from storyline.model import Document, IngestError

from conftest import EXAMPLES

BAD = EXAMPLES / "bad"
runner = CliRunner()


def _errors(paths: list[Path], **kw) -> dict[str, str]:
    return {Path(e.source.split("#")[0]).name + ("#" + e.source.split("#")[1] if "#" in e.source else ""): e.reason
            for e in ingest(paths, **kw) if isinstance(e, IngestError)}  # fmt: skip


def test_each_bad_input_gets_its_reason() -> None:
    errors = _errors([BAD])
    assert errors["empty.txt"] == "empty file"
    assert "binary" in errors["binary.txt"]
    assert "not valid JSON" in errors["broken.jsonl#2"]
    assert "manifest is not valid JSON" in errors["manifest.json"]
    assert "latin1.txt" not in errors


def test_latin1_is_detected_and_decoded() -> None:
    (doc,) = [d for d in ingest([BAD / "latin1.txt"]) if isinstance(d, Document)]
    assert "José Müller" in doc.text


def test_good_articles_next_to_bad_ones_are_read() -> None:
    docs = [d for d in ingest([BAD]) if isinstance(d, Document)]
    sources = sorted(Path(d.source.split("#")[0]).name for d in docs)
    assert sources == ["article.txt", "broken.jsonl", "latin1.txt"]


def test_size_limit_and_missing_path(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    errors = _errors([big, tmp_path / "nope.txt"], max_bytes=1000)
    assert "over the 1,000-byte limit" in errors["big.txt"]
    assert errors["nope.txt"] == "no such file or folder"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("The council met on Monday and approved the plan, officials said.")
    real_open = readers.os.open

    def guarded_open(path, *args, **kwargs):  # as if the file's permissions forbade reading it
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(readers.os, "open", guarded_open)
    assert "permission denied" in _errors([locked])["locked.txt"]


def test_cli_reports_one_line_per_failure_and_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["build", str(BAD), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 4
    assert all(str(BAD) in ln for ln in lines)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_failed_batch_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.db"
    assert not pipeline.build([EXAMPLES / "corpus" / "wire_1.txt"], db).errors

    def broken_save(self, batch, version):  # the store fails mid-batch
        with self.transaction() as conn:
            _doc, _ex = batch[0]
            conn.execute("DELETE FROM documents")
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(pipeline.Store, "save_batch", broken_save)
    report = pipeline.build([EXAMPLES / "corpus" / "wire_2.txt"], db)
    assert len(report.errors) == 1 and "could not be stored" in report.errors[0].reason
    with sqlite3.connect(db) as conn:
        sources = [r[0] for r in conn.execute("SELECT source FROM documents")]
    assert [Path(s).name for s in sources] == ["wire_1.txt"]


def test_extraction_failure_is_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = pipeline.extract

    def flaky(docs, batch_size=32):
        if any("wire_2" in d.source for d in docs):
            raise RuntimeError("model crashed")
        return real_extract(docs, batch_size=batch_size)

    monkeypatch.setattr(pipeline, "extract", flaky)
    report = pipeline.build([EXAMPLES / "corpus" / "wire_1.txt", EXAMPLES / "corpus" / "wire_2.txt"], tmp_path / "s.db")
    assert [Path(e.source).name for e in report.errors] == ["wire_2.txt"]
    assert report.stored == 1
