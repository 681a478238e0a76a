"""An actor (entity): its names, the stories, quotes and events it appears in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from storyline.serve.deps import get_store
from storyline.serve.queries import load_entity
from storyline.serve.templating import render
from storyline.store import Store

router = APIRouter(include_in_schema=False)


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, entity_id: str, store: Annotated[Store, Depends(get_store)]) -> HTMLResponse:
    data = load_entity(store.conn, entity_id)
    if data is None:
        raise HTTPException(404, f"There is no actor with the id “{entity_id}” in this store.")
    return render(request, "actor.html", {"a": data, "e": data.entity})
