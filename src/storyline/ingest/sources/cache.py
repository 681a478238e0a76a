"""What fetching remembers between runs, behind a small interface so ingest never sees the store.

The store implements ``FetchCache`` (``storyline.store.fetch_cache``); ``MemoryFetchCache`` keeps
the same in a dict for one run (tests, and ``ingest_sources`` used without a store).

A page is *seen* once a document read from it is stored, or once it failed for good (a 404, a
robots.txt disallow, no article text): it is not fetched again. Feeds, sitemaps and URL lists are
fetched again on every run with a conditional request; their last body is kept so that a
"304 Not Modified" still lists the entries a run stopped before reaching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from storyline.model import CachedFetch


class FetchCache(Protocol):
    def get(self, url: str) -> CachedFetch | None:
        """The last fetch of ``url``, if any."""
        ...

    def put(self, entry: CachedFetch) -> None:
        """Remember a fetch (replaces the previous one of the same URL)."""
        ...

    def seen(self, url: str) -> bool:
        """A document read from ``url`` is stored, or fetching it failed for good."""
        ...

    def stored_sources(self, prefix: str) -> set[str]:
        """The sources of stored documents that start with ``prefix`` (records of one WARC file)."""
        ...


@dataclass
class MemoryFetchCache:
    """A FetchCache that lasts as long as the object; ``stored`` stands for the store's documents."""

    entries: dict[str, CachedFetch] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)

    def get(self, url: str) -> CachedFetch | None:
        return self.entries.get(url)

    def put(self, entry: CachedFetch) -> None:
        self.entries[entry.url] = entry

    def seen(self, url: str) -> bool:
        entry = self.entries.get(url)
        return url in self.stored or (entry is not None and entry.failed is not None)

    def stored_sources(self, prefix: str) -> set[str]:
        return {s for s in self.stored if s.startswith(prefix)}
