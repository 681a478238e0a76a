"""Per-request access to the store: a read-only connection, closed when the response is sent; the stories read."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from storyline.serve.cache import StoryCache
from storyline.store import Store


def get_store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


def get_stories(request: Request) -> StoryCache:
    return request.app.state.stories  # type: ignore[no-any-return]
