"""A story: lead, timeline, who said what, claims and disagreements, filtered by outlet and actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.model import Entity
from storyline.serve.cache import StoryCache
from storyline.serve.deps import MAX_OFFSET, get_store, get_stories
from storyline.serve.markup import dom_id, path_part
from storyline.serve.queries import StoryData
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


def _key_dates(
    story: dict[str, Any], events: list[dict[str, Any]], anchor: Callable[[dict[str, Any]], str]
) -> list[dict[str, Any]]:
    """A storyline's key dates with their entries (each with its link); a story's key entries by date."""
    by_id = {ev["id"]: ev for ev in events}
    days = [
        {**k, "entries": [{**by_id[e], "href": anchor(by_id[e])} for e in k["events"] if e in by_id][:3]}
        for k in story.get("key_dates") or []
    ]
    return days or [  # a story: the key entries of its storyline that its articles tell
        {"date": ev["date"], "articles": len({s["doc"] for s in ev["sources"]}), "later_articles": 0,
         "entries": [{**ev, "href": anchor(ev)}]}
        for ev in events
        if ev.get("key") and ev.get("date")
    ]  # fmt: skip


def _positions(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The sides of a disagreement that are not numeric claims (stances, dates, denials)."""
    return [p for p in d.get("positions") or [] if not p.get("claim") and p.get("doc")]


# A long story (hundreds of articles: thousands of quotes and claims) would make a page of megabytes that
# takes a second of server time to build. The story page shows each section's first items, and each
# section has pages of its own (``?section=quotes&offset=200``) with everything.
SHOWN = 40  # timeline entries (the most covered), claims, disagreements and articles on the story page
SPEAKERS_SHOWN = 15  # speakers on the story page, those with the most quotes first ...
QUOTES_PER_SPEAKER = 3  # ... each with their first quotes
EVIDENCE_SHOWN = 3  # evidence sentences of one timeline entry on the story page (all on the timeline pages)
PAGE = 200  # items per page of one section ...
TIMELINE_PAGE = 50  # ... but timeline entries, which come with all their evidence there
Section = Literal["timeline", "quotes", "claims", "disagreements", "articles"]


class Pages:
    """Links between the story page and its sections' pages, keeping the filters."""

    def __init__(self, story_id: str, f: Filters, section: Section | None, offset: int) -> None:
        self.base = f"/stories/{path_part(story_id)}"
        self.filters = {k: v for k, v in (("outlet", f.outlet), ("actor", f.actor)) if v}
        self.section, self.offset = section, offset
        self.size = TIMELINE_PAGE if section == "timeline" else PAGE

    def url(self, section: Section | None = None, offset: int = 0, anchor: str = "") -> str:
        query = {**self.filters, **({"section": section} if section else {}), **({"offset": offset} if offset else {})}
        return self.base + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")

    def window(self, items: list[Any]) -> list[Any]:
        """The items of this section page."""
        return items[self.offset : self.offset + self.size]


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: str,
    store: Annotated[Store, Depends(get_store)],
    cache: Annotated[StoryCache, Depends(get_stories)],
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    section: Section | None = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    data = cache.story(store, story_id)
    if data is None:
        raise HTTPException(404, f"There is no story with the id “{story_id}” in this store.")
    story = data.story
    f = Filters(data, outlet, actor)
    pages = Pages(story_id, f, section, offset if section else 0)
    events = [
        {**ev, "dom": dom_id("ev", ev["id"]), "outlets": sorted({data.docs.get(s["doc"], {}).get("outlet") or "unknown"
                                                                for s in ev["sources"]})}
        for ev in story["events"]
        if f.event(ev)
    ]  # fmt: skip
    dated = [ev for ev in events if axis_date(ev["date"])]
    undated = [ev for ev in events if not axis_date(ev["date"]) and not ev.get("minor")]
    minor = [ev for ev in events if not axis_date(ev["date"]) and ev.get("minor")]  # shown folded
    timeline = [*dated, *undated, *minor]  # the order of the timeline pages
    if section == "timeline":
        shown = {ev["id"] for ev in pages.window(timeline)}
    elif section is None:  # the most covered entries and the key ones, in timeline order
        shown = {ev["id"] for ev in sorted(timeline, key=lambda ev: -len(ev["sources"]))[:SHOWN]}
        shown |= {ev["id"] for ev in timeline if ev.get("key")}
    else:
        shown = set()
    for i, ev in enumerate(timeline):  # where the timeline pages show the entry with all its evidence
        ev["more"] = pages.url("timeline", i // TIMELINE_PAGE * TIMELINE_PAGE, ev["dom"])

    def anchor(ev: dict[str, Any]) -> str:
        return "#" + ev["dom"] if ev["id"] in shown else ev["more"]

    by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in dated:
        if ev["id"] in shown:
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
    groups = _speaker_groups(quotes, data.entities)
    if section == "quotes":  # a page of the quotes in speaker order, grouped again
        speakers = _speaker_groups(pages.window([q for g in groups for q in g["quotes"]]), data.entities)
    elif section is None:
        speakers = [{**g, "total": len(g["quotes"]), "quotes": g["quotes"][:QUOTES_PER_SPEAKER]}
                    for g in groups[:SPEAKERS_SHOWN]]  # fmt: skip
    else:
        speakers = []
    claims = [c for c in story["claims"] if f.claim(c)]
    articles = [data.docs[d] for d in story["documents"] if d in data.docs]
    key_dates = _key_dates(story, events, anchor) if section is None else []

    def part(items: list[Any], name: Section) -> list[Any]:
        return items[:SHOWN] if section is None else pages.window(items) if section == name else []

    return render(
        request,
        "story.html",
        {
            "s": story, "data": data, "docs": data.docs, "entities": data.entities, "f": f, "pages": pages,
            "section": section, "evidence_shown": EVIDENCE_SHOWN if section is None else None,
            "axis": layout(dated, anchor) if section in (None, "timeline") else None, "by_date": by_date,
            "undated": [ev for ev in undated if ev["id"] in shown], "minor": [ev for ev in minor if ev["id"] in shown],
            "n_events": len(events), "n_minor": len(minor), "speakers": speakers, "n_quotes": len(quotes),
            "claims": part(claims, "claims"), "n_claims": len(claims),
            "disagreements": part(disagreements, "disagreements"), "n_disagreements": len(disagreements),
            "outlets": sorted({m["outlet"] for m in data.docs.values() if m["outlet"]}),
            "actors": [e for e in story["entities"] if e["id"] in data.entities],
            "articles": part(articles, "articles"), "n_articles": len(articles),
            "key_dates": key_dates, "storyline": data.storyline, "chapters": data.chapters,
        },
    )  # fmt: skip
