"""The SQLite file: connection settings and schema migrations.

Migrations are the numbered ``migrations/NNN_name.sql`` files; ``PRAGMA user_version`` records
the last one applied, so opening an older store upgrades it in place.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sized
from importlib import resources
from pathlib import Path

CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


class StoreError(RuntimeError):
    pass


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    """``items`` in pieces small enough for one ``IN (...)`` query each."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(items: Sized) -> str:
    """The ``?`` placeholders of an ``IN (...)`` list of ``items``."""
    return ",".join("?" * len(items))


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration shipped with the package, in order."""
    found = []
    for entry in resources.files("storyline.store.migrations").iterdir():
        m = re.fullmatch(r"(\d{3})_(\w+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the store lacks; each one in its own transaction."""
    current = schema_version(conn)
    known = migrations()
    latest = known[-1][0] if known else 0
    if current > latest:
        raise StoreError(
            f"the store has schema version {current}, newer than this Storyline ({latest}); upgrade Storyline"
        )
    for number, _name, sql in known:
        if number <= current:
            continue
        # executescript commits any open transaction; wrap the migration in one of its own.
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
    return schema_version(conn)


def connect(path: Path | str, readonly: bool = False) -> sqlite3.Connection:
    """Open (and for writers create and migrate) the store; WAL lets readers run beside a build."""
    if readonly:
        uri = f"file:{Path(path).resolve()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({exc}); run `storyline build` first") from exc
    else:
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    if not readonly:
        conn.execute("PRAGMA synchronous=NORMAL")
        try:
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a Storyline store ({exc})") from exc
    return conn
