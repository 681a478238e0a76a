"""One writer at a time: an exclusive lock on a file beside the store, held while a writer has it open.

SQLite makes each transaction atomic, but a build is many of them: it decides which articles are
new, extracts and stores them batch by batch, then links across everything stored. Two builds that
interleave those steps each act on the other's half-done work (a document stored again over its
linked copy, a story's actor counts added twice). So every process that opens the store for writing
(`build`, each round of `watch`, `stories merge`, `entities split`, a first `serve` that upgrades
the schema) holds this lock until it closes the store; another writer waits, says so, and then sees
everything the first one wrote. Readers (`serve`, `export`) never take it: SQLite's WAL gives them
a consistent snapshot.

The lock is the operating system's (``flock``), so it goes away with the process however the
process ends (kill -9 included): a crash never leaves a stale lock to clean up by hand.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: nothing to lock with
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"  # news.db → news.db.lock, beside SQLite's own news.db-wal and news.db-shm

# This process's locks, by lock file and thread: a writer opened inside another one (a command that
# relinks while it holds the store) shares its lock; another thread waits like another process.
_held: dict[tuple[Path, int], WriterLock] = {}
_guard = threading.Lock()


class WriterLock:
    """The writer lock of one store; ``acquire`` returns it held, ``release`` gives it back."""

    def __init__(self, key: tuple[Path, int], fd: int) -> None:
        self.key = key
        self.fd = fd
        self.count = 1

    @classmethod
    def acquire(cls, db: Path, on_wait: Callable[[str], None] | None = None) -> WriterLock:
        """Take the lock of store ``db``, waiting for another writer to close it first.

        ``on_wait`` is told once, in a sentence naming the store and the other process, that this
        one is waiting. Raises ``OSError`` when the lock file cannot be created.
        """
        key = (Path(str(Path(db).resolve()) + LOCK_SUFFIX), threading.get_ident())
        with _guard:
            held = _held.get(key)
            if held is not None:
                held.count += 1
                return held
        fd = os.open(key[0], os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is None:
                if on_wait:
                    on_wait(f"{db}: this system cannot lock files; run one build at a time on this store")
            else:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if on_wait:
                        on_wait(f"{db}: {_holder(fd)} is writing to this store; waiting until it finishes")
                    fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)  # the holder's pid, for the message of the next writer that waits
            os.write(fd, f"{os.getpid()}\n".encode())
        except BaseException:
            os.close(fd)  # closing the descriptor also drops a lock taken on it
            raise
        with _guard:
            lock = _held[key] = cls(key, fd)
        return lock

    def release(self) -> None:
        with _guard:
            self.count -= 1
            if self.count > 0:
                return
            del _held[self.key]
        os.close(self.fd)  # the lock file stays: removing it would let two writers lock two files


def _holder(fd: int) -> str:
    """ "another Storyline process (pid N)" from the lock file, as far as it can be read."""
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"another Storyline process (pid {pid})" if pid.isdigit() else "another Storyline process"
