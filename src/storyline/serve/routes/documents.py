"""An article: cleaned text with its annotations, metadata, and what cleaning removed."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.model import Entity
from storyline.serve.annotate import annotated_html
from storyline.serve.deps import get_store
from storyline.serve.queries import DocumentData, load_document
from storyline.serve.templating import render
from storyline.store import Store

router = APIRouter(include_in_schema=False)
_RANGE = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def highlight_range(hl: str | None, length: int) -> tuple[int, int] | None:
    """``?hl=START-END`` as offsets into the text, or None when absent or out of range."""
    m = _RANGE.match(hl or "")
    if not m:
        return None
    start, end = int(m[1]), min(int(m[2]), length)
    return (start, end) if start < end else None


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    doc_id: str,
    store: Annotated[Store, Depends(get_store)],
    hl: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    data = load_document(store, doc_id)
    if data is None:
        raise HTTPException(404, f"There is no article with the id “{doc_id}” in this store.")
    doc, ex = data.doc, data.extraction
    highlight = highlight_range(hl, len(doc.text))
    speakers = {q.speaker for q in ex.quotes if q.speaker}
    return render(
        request,
        "document.html",
        {
            "d": data, "doc": doc, "ex": ex, "body": annotated_html(doc.text, ex, data.entities, highlight),
            "highlight": highlight, "speakers": {s: data.entities[s] for s in speakers if s in data.entities},
            "actors": _actors(data),
        },
    )  # fmt: skip


def _actors(data: DocumentData) -> list[tuple[Entity, int]]:
    """The actors the article mentions, most mentioned first."""
    counts: dict[str, int] = {}
    for m in data.extraction.mentions:
        if m.entity in data.entities:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    return sorted(((data.entities[e], n) for e, n in counts.items()), key=lambda p: (-p[1], p[0].name))
