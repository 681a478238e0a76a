"""Several processes on one store: writers take turns, readers are never turned away.

Builds, corrections and the first `serve` of an older store all write; each holds the store's writer lock
(storyline.store.lock) while it has the store open, and another writer waits for it, saying so. Readers
(`serve`, `export`) read a consistent snapshot meanwhile.
"""

from __future__ import annotations

import fcntl
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from storedump import assert_same_store
from storyline.pipeline import Progress, build
from storyline.serve import create_app
from storyline.store import Store
from storyline.store.db import migrations
from storyline.watch import watch

from conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"
STORYLINE = [sys.executable, "-m", "storyline"]
CHILD_TIMEOUT = 300  # seconds for a child build on a busy machine


def _documents(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def _first_half(tmp_path: Path) -> Path:
    first = tmp_path / "first"
    first.mkdir()
    for src in sorted(CORPUS.glob("*.txt"))[::2]:
        shutil.copy(src, first / src.name)
    return first


def test_a_second_writer_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    holder = Store(db)  # this test process is the first writer
    child = subprocess.Popen(
        [*STORYLINE, "build", str(_first_half(tmp_path)), "--db", str(db), "-q"], stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stderr is not None
        line = child.stderr.readline()
        assert f"{db}: another Storyline process" in line and "waiting until it finishes" in line, line
        time.sleep(1.0)
        assert child.poll() is None and _documents(db) == 0  # still waiting, nothing written
    finally:
        holder.close()
    assert child.wait(timeout=CHILD_TIMEOUT) == 0, child.stderr.read()
    assert _documents(db) > 0


def test_each_watch_round_is_a_writer_that_waits_for_another_one(tmp_path: Path) -> None:
    """`storyline watch` takes the lock for each round (and gives it back between rounds)."""
    db = tmp_path / "s.db"
    notes: list[str] = []
    waiting = threading.Event()

    class Heard(Progress):
        def note(self, message: str) -> None:
            notes.append(message)
            waiting.set()

    holder = Store(db)  # another writer, in another thread: it waits like another process
    rounds = threading.Thread(target=watch, args=([_first_half(tmp_path)], db, 0.0, 1), kwargs={"progress": Heard()})
    try:
        rounds.start()
        assert waiting.wait(timeout=CHILD_TIMEOUT), "the watch round did not wait for the lock"
        assert rounds.is_alive() and _documents(db) == 0
    finally:
        holder.close()
    rounds.join(timeout=CHILD_TIMEOUT)
    assert not rounds.is_alive() and _documents(db) > 0
    assert len(notes) == 1 and "is writing to this store; waiting until it finishes" in notes[0]
    with open(f"{db.resolve()}.lock", "rb+") as lock:  # the round is over: the lock is free again
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if it were still held


def test_a_writer_inside_a_writer_of_the_same_process_does_not_wait(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as outer, Store(db) as inner:  # `stories split` relinks while it holds the store
        inner.add_override("story", "merge", "s-a", "s-b")
        assert outer.overrides("story") == [("merge", "s-a", "s-b")]


def test_processes_opening_a_new_store_at_once_all_migrate_it_once(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code = "import sys; from storyline.store import Store; Store(sys.argv[1]).close()"
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True) for _ in range(6)
    ]
    for child in children:
        _, errs = child.communicate(timeout=CHILD_TIMEOUT)
        assert child.returncode == 0 and "Traceback" not in errs, errs
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]


def _server(db: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the web server did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_two_builds_and_a_server_on_one_store(tmp_path: Path) -> None:
    """Two builds of the same folder at once on a store that has stories, while the server is read."""
    first = _first_half(tmp_path)
    reference = tmp_path / "reference.db"
    build([first], reference)
    build([CORPUS], reference)
    db = tmp_path / "shared.db"
    build([first], db)
    server, thread, url = _server(db)
    statuses: list[int] = []
    try:
        builds = [
            subprocess.Popen([*STORYLINE, "build", str(CORPUS), "--db", str(db), "-q"], stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        with httpx.Client(base_url=url, timeout=30) as client:
            while any(b.poll() is None for b in builds):
                listed = client.get("/api/stories")
                statuses.append(listed.status_code)
                for story in listed.json()["stories"][:2] if listed.status_code == 200 else []:
                    statuses.append(client.get(f"/stories/{story['id']}").status_code)
                statuses.append(client.get("/api/search", params={"q": "the"}).status_code)
        outputs = [b.communicate(timeout=CHILD_TIMEOUT)[1].decode() for b in builds]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert statuses and set(statuses) == {200}
    assert_same_store(db, reference)


def test_two_builds_at_once_on_a_new_store(tmp_path: Path, examples_db: Path) -> None:
    db = tmp_path / "new.db"
    builds = [
        subprocess.Popen([*STORYLINE, "build", str(CORPUS), "--db", str(db), "-q"], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [b.communicate(timeout=CHILD_TIMEOUT)[1] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert not any("Traceback" in out for out in outputs)
    assert_same_store(db, examples_db)
