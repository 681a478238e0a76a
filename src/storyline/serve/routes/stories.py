"""The storyline list (each with its stories): newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from storyline.serve.deps import MAX_OFFSET, get_store
from storyline.serve.queries import story_summaries
from storyline.serve.templating import render
from storyline.store import Store

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    total, rows = story_summaries(store.conn, PAGE, offset, level="storyline")
    documents = store.count_documents()
    return render(
        request,
        "stories.html",
        {
            "stories": rows, "total": total, "documents": documents, "offset": offset, "page": PAGE,
            "db": request.app.state.db.name,
        },
    )  # fmt: skip
