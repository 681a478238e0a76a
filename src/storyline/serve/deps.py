"""Per-request access to the store: a read-only connection, closed when the response is sent; the stories read."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from storyline.serve.cache import StoryCache
from storyline.store import Store

# The largest offset a page or the API accepts: far beyond any store's size, and SQLite's OFFSET is a
# 64-bit integer, so an unbounded one could overflow it (a 500 instead of a 422).
MAX_OFFSET = 10_000_000


def get_store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def get_stories(request: Request) -> StoryCache:
    stories: StoryCache = request.app.state.stories
    return stories
