"""A canonical dump of a store, to tell whether two stores hold the same thing.

Every table of the schema, row by row, sorted; left out are only what differs between two runs that
store the same thing: the clock (``*_at`` columns), surrogate row numbers (an ``INTEGER PRIMARY KEY``
and the full-text index's ``fts_rowid``), and the full-text index's own shadow tables (their b-tree
segments depend on how many transactions filled them; the indexed rows themselves are compared).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

CLOCK_SUFFIX = "_at"
FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    rowid_alias = {r[1] for r in info if r[5] == 1 and r[2].upper() == "INTEGER" and sum(x[5] > 0 for x in info) == 1}
    return [r[1] for r in info if not r[1].endswith(CLOCK_SUFFIX) and r[1] not in rowid_alias and r[1] != "fts_rowid"]


def canonical(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        fts = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if not any(r[0] == f + s for f in fts for s in FTS_SHADOWS)
        ]
        out = {}
        for table in sorted(tables):
            cols = ", ".join(f'"{c}"' for c in _columns(conn, table))
            rows = conn.execute(f'SELECT {cols} FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        out["schema_version"] = [conn.execute("PRAGMA user_version").fetchone()]
        return out
    finally:
        conn.close()


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """One line per table that differs: its row counts and the first row found in only one of them."""
    lines = []
    for table in sorted(set(a) | set(b)):
        ra, rb = a.get(table, []), b.get(table, [])
        if ra != rb:
            only = [r for r in ra if r not in rb][:1] or [r for r in rb if r not in ra][:1]
            lines.append(f"{table}: {len(ra)} vs {len(rb)} rows; e.g. {str(only)[:300]}")
    return lines


def assert_same_store(db: Path, reference: Path) -> None:
    """Fail with the differing tables unless the two stores hold the same thing."""
    diff = differences(canonical(db), canonical(reference))
    assert not diff, "\n".join(diff)
