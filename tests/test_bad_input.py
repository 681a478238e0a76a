"""Bad input: one clear line per bad file, the rest goes on, nothing stored is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.extract import batch
from storyline.ingest import ingest, readers
from storyline.model import Document, IngestError

from conftest import EXAMPLES

BAD = EXAMPLES / "bad"


def _key(source: str) -> str:
    """A source relative to examples/bad ("broken.jsonl#2", "sidecar_types/article.txt.json")."""
    return Path(source).relative_to(BAD).as_posix() if Path(source).is_relative_to(BAD) else Path(source).name


def _errors(paths: list[Path], **kw) -> dict[str, str]:
    return {_key(e.source): e.reason for e in ingest(paths, **kw) if isinstance(e, IngestError)}


# What each bad file of examples/bad gives: exactly one line, naming it.
EXPECTED = {
    "binary.txt": ("error", "binary data, not a text article"),
    "bom_only[red].txt": ("error", "no text: the file holds only a byte-order mark or white space"),
    "broken.jsonl#2": ("error", "line 2 is not valid JSON (Unterminated string starting at)"),
    "broken_manifest/manifest.json": ("error", "manifest is not valid JSON"),
    "empty.txt": ("error", "empty file"),
    "ff_only.txt": ("error", "no text: not one letter or digit in it"),
    "field_types.jsonl#2": ("warning", '"url" must be a string, got an object; ignored'),
    "header_bad_date.txt": ("warning", "header \"published\" is 'not a date', not a date"),
    "manifest_outside/manifest.json": ("error", "entry 1 ('../../../etc/passwd') points outside the manifest's folder"),
    "nested.jsonl#2": ("error", "line 2 is not usable JSON (nested too deeply)"),
    "sidecar_types/article.txt.json": ("warning", '"outlet" must be a string, got an object; ignored'),
    "stray_nul.txt": ("warning", "1 NUL byte dropped from the text"),
}
GOOD = [  # every article of examples/bad that must be stored
    "broken.jsonl#1", "broken_manifest/article.txt", "field_types.jsonl#1", "field_types.jsonl#2",
    "front_matter.md", "header_bad_date.txt", "header_lines.txt", "latin1.txt", "manifest_outside/article.txt",
    "nested.jsonl#1", "sidecar_types/article.txt", "stray_nul.txt", "utf16_no_bom.txt",
]  # fmt: skip


def test_each_bad_input_gets_its_reason() -> None:
    lines = [e for e in ingest([BAD]) if isinstance(e, IngestError)]
    assert sorted(_key(e.source) for e in lines) == sorted(EXPECTED)  # one line per bad file
    for e in lines:
        level, reason = EXPECTED[_key(e.source)]
        assert e.level == level and e.reason.startswith(reason), e


def test_latin1_is_detected_and_decoded() -> None:
    (doc,) = [d for d in ingest([BAD / "latin1.txt"]) if isinstance(d, Document)]
    assert "José Müller" in doc.text


def test_good_articles_next_to_bad_ones_are_read() -> None:
    docs = {_key(d.source): d for d in ingest([BAD]) if isinstance(d, Document)}
    assert sorted(docs) == GOOD
    assert docs["sidecar_types/article.txt"].published == "2025-10-21"  # the sidecar's good values
    assert docs["manifest_outside/article.txt"].outlet == "Valmorra Evening Post"
    assert docs["header_lines.txt"].outlet == "Almsford Courier" and docs["header_lines.txt"].published == "2025-10-24"
    assert docs["front_matter.md"].title == "Almsford choir wins regional prize"
    assert docs["utf16_no_bom.txt"].text.startswith("Almsford bakery celebrates one hundred years")


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


def test_cli_on_the_bad_folder_and_the_corpus(tmp_path: Path) -> None:
    """`storyline build examples/bad examples/corpus` (as the set-up check runs it, progress bars on):
    one line per bad file, every good article stored, exit code 1, no traceback."""
    db = tmp_path / "s.db"
    corpus = EXAMPLES / "corpus"
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "build", str(BAD), str(corpus), "--db", str(db)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(("error: ", "warning: "))]
    assert len(lines) == len(EXPECTED)
    for key, (level, reason) in EXPECTED.items():
        assert sum(ln.startswith(f"{level}: {BAD / key}: {reason}") for ln in lines) == 1, key
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT source FROM documents")}
    assert sorted(_key(s) for s in stored if s.startswith(str(BAD))) == GOOD
    corpus_files = {s.split("#")[0] for s in stored if s.startswith(str(corpus))}
    assert len(corpus_files) == 10 and len([s for s in stored if s.startswith(str(corpus))]) == 12
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"{len(GOOD) + 12} new documents stored, 0 already stored, 8 failed, 4 warnings;")


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
    real_extract = batch.extract

    def flaky(docs, batch_size=32):
        if any("wire_2" in d.source for d in docs):
            raise RuntimeError("model crashed")
        return real_extract(docs, batch_size=batch_size)

    monkeypatch.setattr(batch, "extract", flaky)
    report = pipeline.build([EXAMPLES / "corpus" / "wire_1.txt", EXAMPLES / "corpus" / "wire_2.txt"], tmp_path / "s.db")
    assert [Path(e.source).name for e in report.errors] == ["wire_2.txt"]
    assert report.stored == 1
