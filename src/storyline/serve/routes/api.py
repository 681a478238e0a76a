"""The JSON API: the export's storylines, stories and documents (contract storyline/dossier@2), actors, search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from storyline.serve import schemas
from storyline.serve.cache import StoryCache
from storyline.serve.deps import MAX_OFFSET, get_store, get_stories
from storyline.serve.queries import load_document, load_entity, story_summaries
from storyline.serve.search import MAX_QUERY, SearchError, search
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=100, description="Page size (at most 100).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"How many items to skip (at most {MAX_OFFSET:,}).")]


def _json(payload: Any) -> JSONResponse:
    return JSONResponse(payload)


@router.get("/stories", response_model=None, responses=schemas.documented(schemas.StoryList))
def list_stories(store: Annotated[Store, Depends(get_store)], limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Stories, newest first (by their latest article), with date span, outlets, languages and storyline."""
    total, rows = story_summaries(store.conn, limit, offset)
    return _json({"total": total, "limit": limit, "offset": offset, "stories": rows})


@router.get("/storylines", response_model=None, responses=schemas.documented(schemas.StorylineList))
def list_storylines(store: Annotated[Store, Depends(get_store)], limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Storylines (developing stories over months), newest first, each with its stories."""
    total, rows = story_summaries(store.conn, limit, offset, level="storyline")
    return _json({"total": total, "limit": limit, "offset": offset, "storylines": rows})


@router.get("/stories/{story_id}", response_model=None, responses=schemas.documented(schemas.DossierStory, 404))
def get_story(
    story_id: str, store: Annotated[Store, Depends(get_store)], cache: Annotated[StoryCache, Depends(get_stories)]
) -> JSONResponse:
    """One story or storyline exactly as `storyline export --format json` writes it (storyline/dossier@2)."""
    data = cache.story(store, story_id)
    if data is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return _json(data.story)


@router.get("/documents/{doc_id}", response_model=None, responses=schemas.documented(schemas.DossierDocument, 404))
def get_document(doc_id: str, store: Annotated[Store, Depends(get_store)]) -> JSONResponse:
    """One article as in the export: cleaned text, metadata, time expressions, mentions, sources."""
    data = load_document(store, doc_id)
    if data is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return _json(data.export())


@router.get("/entities/{entity_id:path}", response_model=None, responses=schemas.documented(schemas.EntityDetail, 404))
def get_entity(entity_id: str, store: Annotated[Store, Depends(get_store)]) -> JSONResponse:
    """An actor: names, type, and where it appears (ids of stories, articles, quotes and events)."""
    data = load_entity(store.conn, entity_id)
    if data is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return _json(data.export())


@router.get("/search", response_model=None, responses=schemas.documented(schemas.SearchResults, 400))
def search_api(
    store: Annotated[Store, Depends(get_store)],
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="Words to find (all must match).")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Articles and quotes containing every word of `q` (inside words too, in any script)."""
    try:
        res = search(store.conn, q, limit, offset)
    except SearchError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _json(
        {
            "query": res.query, "limit": limit, "offset": offset,
            "total_documents": res.total_documents, "total_quotes": res.total_quotes,
            "documents": [h.export() for h in res.documents], "quotes": [h.export() for h in res.quotes],
        }
    )  # fmt: skip
