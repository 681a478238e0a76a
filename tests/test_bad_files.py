"""Hostile files and folders, each made by the test: one line, the rest read, no hang, no traceback."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.ingest import boilerplate, clean, ingest, readers
from storyline.ingest.decode import decode_bytes
from storyline.model import Document, IngestError

BODY = "The council approved the new budget on Monday after a long debate, officials said. The mayor welcomed it.\n"
runner = CliRunner()


def _run(paths: list[Path], **kw) -> tuple[list[Document], list[IngestError]]:
    items = list(ingest(paths, **kw))
    return [d for d in items if isinstance(d, Document)], [e for e in items if isinstance(e, IngestError)]


def _named(lines: list[IngestError]) -> dict[str, IngestError]:
    return {Path(e.source).name: e for e in lines}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_read(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "a.txt").write_bytes(BODY.encode(encoding))
    docs, lines = _run([tmp_path])
    assert not lines and docs[0].text == BODY.strip()


def test_utf16_without_bom_in_another_script() -> None:
    text = "국회는 월요일 밤늦게 새해 예산안을 통과시켰다고 관계자들이 밝혔다. 시장은 결과를 환영했다.\n"
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_stray_nul_bytes_are_dropped_and_counted(tmp_path: Path) -> None:
    data = BODY.encode()
    (tmp_path / "a.txt").write_bytes(data[:10] + b"\x00" + data[10:40] + b"\x00\x00" + data[40:] + b"\x00" * 500)
    docs, lines = _run([tmp_path])
    assert docs[0].text == BODY.strip()
    assert [(e.level, e.reason) for e in lines] == [("warning", "503 NUL bytes dropped from the text")]


def test_random_binary_data_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 8)
    _docs, lines = _run([tmp_path])
    assert lines[0].reason == "binary data, not a text article"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xef\xbb\xbf", "no text: the file holds only a byte-order mark or white space"),
        (b"\xff\xfe", "no text: the file holds only a byte-order mark or white space"),
        (b"\xff" * 300, "no text: not one letter or digit"),
        (b"\x00" * 300, "no text: the file holds only NUL bytes and white space"),
        (b"-- * --\n\n...\n", "no text: not one letter or digit"),
    ],
)
def test_files_without_text_get_a_no_text_line(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "a.txt").write_bytes(data)
    docs, lines = _run([tmp_path])
    assert not docs and len(lines) == 1 and lines[0].reason.startswith(reason)


def test_text_that_cleaning_empties_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Share\n\nRead more\n\n© 2025 Town Crier. All rights reserved.\n")
    docs, lines = _run([tmp_path])
    assert not docs
    assert lines[0].reason.startswith("no text left after cleaning (removed: ")


def test_symlink_loops_get_one_line_each_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    os.symlink("b", tmp_path / "a")  # a → b → a, without an article suffix
    os.symlink("a", tmp_path / "b")
    os.symlink("y.txt", tmp_path / "x.txt")
    os.symlink("x.txt", tmp_path / "y.txt")
    os.symlink(".", tmp_path / "self")  # a folder that contains itself
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    docs, lines = _run([tmp_path])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    named = _named(lines)
    assert sorted(named) == ["a", "b", "dangling.txt", "self", "x.txt", "y.txt"]
    assert named["x.txt"].reason == "symbolic link loop (the link points back to itself); skipped"
    assert named["self"].reason == "symbolic link loop (to a folder that contains it); not followed"
    assert named["dangling.txt"].reason == "broken symbolic link (to 'nowhere.txt'); skipped"


def test_symlink_loop_does_not_abort_a_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(BODY)
    os.symlink("b.txt", corpus / "a.txt")
    os.symlink("a.txt", corpus / "b.txt")
    result = runner.invoke(app, ["build", str(corpus), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert [ln.split(": ")[1] for ln in result.output.splitlines() if ln.startswith("error: ")] == [
        str(corpus / "a.txt"),
        str(corpus / "b.txt"),
    ]
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(BODY)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.symlink(real, corpus / "linked")
    os.symlink(real, corpus / "linked_again")
    docs, lines = _run([corpus])
    assert not lines and [Path(d.source).parent.name for d in docs] == ["linked"]


def test_fifo_and_device_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    os.symlink("/dev/zero", tmp_path / "zero.txt")  # reading it would never end
    docs, lines = _run([tmp_path])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    named = _named(lines)
    assert named["pipe.txt"].reason == "a named pipe, not a regular file; skipped"
    assert named["zero.txt"].reason == "a character device, not a regular file; skipped"
    # Named explicitly, or turned into a pipe after the folder was listed: still never read.
    _docs, explicit = _run([tmp_path / "pipe.txt", tmp_path / "zero.txt"])
    assert [e.reason for e in explicit] == [named["pipe.txt"].reason, named["zero.txt"].reason]
    articles, errors = readers.read_file(tmp_path / "pipe.txt")
    assert not articles and errors[0].reason == "a named pipe, not a regular file; skipped"


def test_size_limit_holds_when_the_file_size_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(BODY * 100)
    real_fstat = os.fstat

    def lying_fstat(fd: int) -> os.stat_result:  # as /proc files and some network files report 0
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:]))

    monkeypatch.setattr(readers.os, "fstat", lying_fstat)
    _docs, lines = _run([big], max_bytes=1000)
    assert lines[0].reason == "file is over the 1,000-byte limit (see --max-bytes)"


def test_same_folder_under_two_spellings_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("dir").mkdir()
    Path("dir/a.txt").write_text(BODY)
    docs, lines = _run([Path("dir"), Path("./dir/../dir"), Path("dir/a.txt")])
    assert not lines and [d.source for d in docs] == [os.path.join("dir", "a.txt")]
    result = runner.invoke(app, ["build", "dir", "./dir/../dir", "--db", "s.db", "--quiet"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect("s.db") as conn:
        assert conn.execute("SELECT source FROM document_sources").fetchall() == [(os.path.join("dir", "a.txt"),)]


def test_deeply_nested_and_oversized_json_rows(tmp_path: Path) -> None:
    rows = [json.dumps({"text": BODY}), "[" * 100_000, '{"text": "x", "n": ' + "9" * 5000 + "}", '{"a": ' * 50_000]
    (tmp_path / "feed.jsonl").write_text("\n".join(rows) + "\n")
    (tmp_path / "manifest.json").write_text("[" * 100_000)
    docs, lines = _run([tmp_path])
    assert len(docs) == 1
    named = {e.source.split("/")[-1]: e.reason for e in lines}
    assert named["feed.jsonl#2"] == "line 2 is not usable JSON (nested too deeply)"
    assert named["feed.jsonl#3"].startswith("line 3 is not usable JSON (")
    assert named["feed.jsonl#4"] == "line 4 is not usable JSON (nested too deeply)"
    assert named["manifest.json"] == "manifest is not usable JSON (nested too deeply)"


def test_long_token_reaches_no_regex_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1 MB token and 1 MB line are stored, and the boilerplate and dateline regexes only ever see
    pieces within their caps (the e-mail regex took 100 s on a 200 KB token before the cap)."""
    seen: list[int] = []

    class Recording:
        def __init__(self, rx) -> None:
            self.rx = rx

        def search(self, s: str, *a):
            seen.append(len(s))
            return self.rx.search(s, *a)

        def match(self, s: str, *a):
            seen.append(len(s))
            return self.rx.match(s, *a)

    monkeypatch.setattr(boilerplate, "EMAIL", Recording(boilerplate.EMAIL))
    monkeypatch.setattr(clean, "_DATELINE", Recording(clean._DATELINE))
    token = "x" * 1_000_000
    line = "GENEVA " + "word " * 200_000 + "end."
    (tmp_path / "token.txt").write_text(BODY + token + "\n" + line + "\n")
    docs, lines = _run([tmp_path], max_bytes=3_000_000)
    assert not lines and token in docs[0].text
    assert seen and max(seen) <= max(boilerplate.MAX_RULE_CHARS, clean.DATELINE_HEAD_CHARS)


def test_paths_with_markup_are_printed_literally(tmp_path: Path) -> None:
    odd = tmp_path / "[" / "red]" / "[bold]x"
    odd.mkdir(parents=True)
    (odd / "good.txt").write_text(BODY)
    (odd / "empty[red].txt").write_text("")
    (odd / "esc\x1b[31m.txt").write_text("")
    db = tmp_path / "s.db"
    for quiet in (["--quiet"], []):  # with and without progress bars
        result = runner.invoke(app, ["build", str(tmp_path / "["), "--db", str(db), *quiet])
        assert result.exit_code == 1, result.output
        assert f"error: {odd / 'empty[red].txt'}: empty file" in result.output
        assert f"error: {odd / 'esc'}\\x1b[31m.txt: empty file" in result.output
        assert "\x1b[31m" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_story_titles_with_markup_are_listed_literally(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Budget [/red] passes [bold]late\n\n" + BODY)
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--db", str(db), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["stories", "list", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "[/red]" in result.output and "[bold]late" in result.output  # the title column wraps
