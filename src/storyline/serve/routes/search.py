"""Full-text search over articles and quotes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from storyline.serve.deps import get_store
from storyline.serve.search import MAX_QUERY, Results, SearchError, search
from storyline.serve.templating import render
from storyline.store import Store

router = APIRouter(include_in_schema=False)
PAGE = 20


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    q: str = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    error = None
    results = Results(query=q)
    try:
        results = search(store.conn, q, PAGE, offset)
    except SearchError as exc:
        error = str(exc)
    status = 400 if error else 200
    context = {"q": q[:MAX_QUERY], "r": results, "error": error, "offset": offset, "page": PAGE, "max": MAX_QUERY}
    return render(request, "search.html", context, status)
