"""The fetch cache of ``storyline.ingest.sources`` kept in the store (table ``fetch_cache``).

A page counts as seen when a stored document came from it (``document_sources``: written in the
same transaction as the document, so a run stopped half-way never marks a page seen whose
document was lost) or when it failed for good.
"""

from __future__ import annotations

from storyline.model import CachedFetch
from storyline.store.rows import FETCH_CACHE
from storyline.store.store import Store


class StoreFetchCache:
    """``FetchCache`` over a Store; used from the thread that owns the store's connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> CachedFetch | None:
        row = self.store.conn.execute(
            f"SELECT {FETCH_CACHE.select()} FROM fetch_cache WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else FETCH_CACHE.read(row)

    def put(self, entry: CachedFetch) -> None:
        with self.store.transaction() as conn:
            conn.execute(FETCH_CACHE.insert("INSERT OR REPLACE"), FETCH_CACHE.row(entry))

    def seen(self, url: str) -> bool:
        conn = self.store.conn
        if conn.execute("SELECT 1 FROM document_sources WHERE source = ? OR url = ? LIMIT 1", (url, url)).fetchone():
            return True
        row = conn.execute("SELECT failed FROM fetch_cache WHERE url = ?", (url,)).fetchone()
        return row is not None and row["failed"] is not None

    def stored_sources(self, prefix: str) -> set[str]:
        # A range on the indexed column instead of LIKE, whose wildcards a path may contain.
        rows = self.store.conn.execute(
            "SELECT source FROM document_sources WHERE source >= ? AND source < ?", (prefix, prefix + "\U0010ffff")
        )
        return {r[0] for r in rows}
