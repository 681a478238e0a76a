"""A story: lead, timeline, who said what, claims and disagreements, filtered by outlet and actor."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.model import Entity
from storyline.serve.deps import get_store
from storyline.serve.markup import dom_id
from storyline.serve.queries import StoryData, load_story
from storyline.serve.templating import render
from storyline.serve.timeline import axis_date, layout
from storyline.store import Store

router = APIRouter(include_in_schema=False)


class Filters:
    """The outlet and actor chosen in the query string; empty values mean no filter."""

    def __init__(self, data: StoryData, outlet: str | None, actor: str | None) -> None:
        self.outlet = outlet or None
        self.actor = actor or None
        self.docs = data.docs
        ent = data.entities.get(self.actor) if self.actor else None
        self.actor_entity: Entity | None = ent
        self.actor_names = {n.casefold() for n in ([ent.name, *ent.aliases] if ent else [])}

    @property
    def active(self) -> bool:
        return bool(self.outlet or self.actor)

    def doc_ok(self, doc: str) -> bool:
        return self.outlet is None or (self.docs.get(doc) or {}).get("outlet") == self.outlet

    def event(self, ev: dict[str, Any]) -> bool:
        return any(self.doc_ok(s["doc"]) for s in ev["sources"]) and (self.actor is None or self.actor in ev["actors"])

    def quote(self, q: dict[str, Any]) -> bool:
        return self.doc_ok(q["doc"]) and (self.actor is None or q["speaker"] == self.actor)

    def claim(self, c: dict[str, Any]) -> bool:
        by = (c.get("attributed_to") or "").casefold()
        return self.doc_ok(c["doc"]) and (self.actor is None or by in self.actor_names)


def _speaker_groups(quotes: list[dict[str, Any]], entities: dict[str, Entity]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for q in quotes:
        ent = entities.get(q["speaker"]) if q["speaker"] else None
        name = ent.name if ent else (q["speaker_name"] or "")
        key = f"e:{ent.id}" if ent else f"n:{name.casefold()}"
        group = groups.setdefault(key, {"name": name or "Unattributed", "entity": ent, "quotes": []})
        group["quotes"].append(q)
    return sorted(groups.values(), key=lambda g: (g["name"] == "Unattributed", -len(g["quotes"]), g["name"]))


def _positions(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The sides of a disagreement that are not numeric claims (stances, dates, denials)."""
    return [p for p in d.get("positions") or [] if not p.get("claim") and p.get("doc")]


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: str,
    store: Annotated[Store, Depends(get_store)],
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    data = load_story(store, story_id)
    if data is None:
        raise HTTPException(404, f"There is no story with the id “{story_id}” in this store.")
    story = data.story
    f = Filters(data, outlet, actor)
    events = [
        {**ev, "dom": dom_id("ev", ev["id"]), "outlets": sorted({data.docs.get(s["doc"], {}).get("outlet") or "unknown"
                                                                for s in ev["sources"]})}
        for ev in story["events"]
        if f.event(ev)
    ]  # fmt: skip
    dated = [ev for ev in events if axis_date(ev["date"])]
    undated = [ev for ev in events if not axis_date(ev["date"]) and not ev.get("minor")]
    minor = [ev for ev in events if not axis_date(ev["date"]) and ev.get("minor")]  # shown folded
    by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in dated:
        by_date[ev["date"]].append(ev)
    claims_by_id = {c["id"]: c for c in story["claims"]}
    disagreements = [
        {**d, "sides": [claims_by_id[c] for c in d["claims"] if c in claims_by_id], "positions": _positions(d)}
        for d in story["disagreements"]
        if not f.active
        or any(f.claim(claims_by_id[c]) for c in d["claims"] if c in claims_by_id)
        or any(f.doc_ok(p["doc"]) for p in _positions(d))
    ]
    quotes = [q for q in story["quotes"] if f.quote(q)]
    by_id = {ev["id"]: ev for ev in events}
    key_dates = [
        {**k, "entries": [by_id[e] for e in k["events"] if e in by_id]} for k in story.get("key_dates") or []
    ] or [  # a story: the key entries of its storyline that its articles tell
        {"date": ev["date"], "articles": len({s["doc"] for s in ev["sources"]}), "later_articles": 0, "entries": [ev]}
        for ev in events
        if ev.get("key") and ev.get("date")
    ]
    return render(
        request,
        "story.html",
        {
            "s": story, "data": data, "docs": data.docs, "entities": data.entities, "f": f,
            "axis": layout(dated, lambda ev: "#" + ev["dom"]), "by_date": by_date, "undated": undated,
            "minor": minor,
            "n_events": len(events), "speakers": _speaker_groups(quotes, data.entities), "n_quotes": len(quotes),
            "claims": [c for c in story["claims"] if f.claim(c)], "disagreements": disagreements,
            "outlets": sorted({m["outlet"] for m in data.docs.values() if m["outlet"]}),
            "actors": [e for e in story["entities"] if e["id"] in data.entities],
            "articles": [data.docs[d] for d in story["documents"] if d in data.docs],
            "key_dates": key_dates, "storyline": data.storyline, "chapters": data.chapters,
        },
    )  # fmt: skip
