"""The dossier arranged for reading: what the Markdown and HTML exports show, in the order they show it.

Both renderers take ``story_view`` results and only format them, so they always agree. Nothing here
escapes text: each renderer escapes for its own format (Markdown: ``markdown.md``; HTML: Jinja2's
autoescape). Anchors are made from positions (``doc-3``, ``src-3-120``), never from article text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from storyline import timespan

_MONTHS = "January February March April May June July August September October November December".split()
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)
_MODALITY = {
    "expected": "expected",
    "possible": "possible, not confirmed",
    "denied": "denied",
    "reported": "reported",
}
_KIND = {
    "later_figure": "figures from different days: a later figure, not necessarily a contradiction",
    "conflict": "figures that cannot both be right",
    "stance": "one source says it, another says it is not so",
    "date": "two dates for the same event",
    "schedule": "what was expected, and what happened",
}


def safe_url(url: Any) -> str | None:
    """An http(s) URL that may become a link; anything else (javascript:, data:, relative) stays text."""
    return url if isinstance(url, str) and _SAFE_URL.match(url) else None


def human_date(value: str | None) -> str:
    """'2025-02-11' → '11 February 2025', '2025-02' → 'February 2025', '2025-W11' → 'week of 10 March 2025'."""
    found = timespan.parse(value)
    if found is None or value is None:
        return "undated"
    first, _, precision = found
    if precision == "day":
        return f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    if precision == "month":
        return f"{_MONTHS[first.month - 1]} {first.year}"
    if precision == "week":
        return f"week of {first.day} {_MONTHS[first.month - 1]} {first.year}"
    if precision == "season":
        return f"{_SEASONS.get(value[-2:], 'season')} {first.year}"
    if precision == "quarter":
        return f"{value[-2:]} {first.year}" if "-Q" in value or "-H" in value else str(first.year)
    if precision == "decade":
        return f"the {first.year}s"
    return str(first.year)


def _day(value: str | None) -> str:
    d = timespan.day(value) if value else None
    return d.isoformat() if isinstance(d, date) else (value or "undated")[:10]


@dataclass
class Source:
    doc: str
    label: str  # "Outlet, 2025-03-04"
    anchor: str  # "src-3-120"
    text: str


@dataclass
class Entry:
    id: str
    date: str | None
    when: str
    summary: str
    type: str
    modality: str
    note: str  # "expected", "reported by X", ...
    actors: list[str]
    sources: list[Source]
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, "#ev-...")
    anchor: str = ""
    minor: bool = False  # one article, no date and no named doer (``link.salience``): shown folded

    @property
    def articles(self) -> list[Source]:
        """The first source sentence of each article that tells the event."""
        seen: dict[str, Source] = {}
        for s in self.sources:
            seen.setdefault(s.doc, s)
        return list(seen.values())


@dataclass
class Side:
    by: str
    says: str
    text: str
    date: str | None
    source: Source | None
    stance: str = ""  # for stances: "says so" / "says it is not"


@dataclass
class Dispute:
    topic: str
    kind: str
    sides: list[Side]


@dataclass
class Outlet:
    name: str
    articles: int
    copies: int  # the same text seen again (reprints, re-ingests)
    docs: list[tuple[str, str, str | None]]  # (anchor, title, url)


@dataclass
class Article:
    anchor: str
    title: str
    outlet: str
    published: str
    url: str | None
    source: str
    pieces: list[tuple[str, str | None, bool]]  # (text, anchor, cited?): the text with cited passages marked


@dataclass
class KeyDay:
    when: str  # as a reader writes it
    articles: int  # independent articles that name the day
    later: int  # ... of them written later, referring back
    entries: list[Entry]  # its entries, most salient first


@dataclass
class Chapter:
    """One story of a storyline: what happened within weeks."""

    id: str
    title: str
    span: str
    n_docs: int


@dataclass
class StoryView:
    id: str
    title: str
    lead: list[Source]
    span: str
    n_docs: int
    n_outlets: int
    n_independent: int  # articles that are not reprints of another
    dated: list[Entry]
    undated: list[Entry]
    actors: list[dict[str, Any]]
    speakers: list[tuple[str, list[dict[str, Any]]]]
    claims: list[dict[str, Any]]
    disputes: list[Dispute]
    outlets: list[Outlet]
    articles: list[Article]
    doc_anchor: dict[str, str] = field(default_factory=dict)  # document id → "doc-N"
    minor: list[Entry] = field(default_factory=list)  # entries folded under the timeline
    key_dates: list[KeyDay] = field(default_factory=list)  # the most salient days, most salient first
    chapters: list[Chapter] = field(default_factory=list)  # a storyline's stories, oldest first


class _Docs:
    """Document labels and anchors, and every passage the dossier cites, per document."""

    def __init__(self, docs: dict[str, dict[str, Any]], order: list[str]) -> None:
        self.docs = docs
        self.index = {d: i + 1 for i, d in enumerate(order)}
        self.cited: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)

    def label(self, doc: str) -> str:
        d = self.docs.get(doc, {})
        return f"{d.get('outlet') or 'unknown outlet'}, {_day(d.get('published'))}"

    def anchor(self, doc: str) -> str:
        return f"doc-{self.index.get(doc, 0)}"

    def cite(self, item: dict[str, Any]) -> Source:
        """The source of anything with doc/start/end (and maybe text): quotes, claims, event sources."""
        start, end = item.get("start"), item.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            start = end = 0
        return self.source(str(item.get("doc") or ""), start, end, item.get("text"))

    def source(self, doc: str, start: int, end: int, text: str | None = None) -> Source:
        known = doc in self.docs and end > start
        anchor = f"src-{self.index.get(doc, 0)}-{start}" if known else ""
        if known:
            self.cited[doc].setdefault((start, end), anchor)
        if text is None and known:
            text = self.docs[doc]["text"][start:end]
        return Source(doc, self.label(doc), anchor, text or "")


def _entity_names(story: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in story.get("entities", [])}


def _note(ev: dict[str, Any]) -> str:
    modality = ev.get("modality", "asserted")
    by = ", ".join(ev.get("reported_by") or [])
    if modality == "reported":
        return f"reported by {by}" if by else "reported"
    note = _MODALITY.get(modality, "")
    if by and modality in {"possible", "expected"}:
        note += f" (according to {by})"
    return note


def _entries(story: dict[str, Any], docs: _Docs) -> list[Entry]:
    names = _entity_names(story)
    summaries = {ev["id"]: ev["summary"] for ev in story.get("events", [])}
    out = []
    for ev in story.get("events", []):
        links = []
        if ev.get("fulfilled_by") in summaries:
            links.append((f"what happened: {summaries[ev['fulfilled_by']]}", f"#ev-{ev['fulfilled_by']}"))
        for fid in ev.get("forecast_of") or []:
            if fid in summaries:
                links.append((f"expected earlier: {summaries[fid]}", f"#ev-{fid}"))
        actors = [names.get(a, "") for a in ev.get("actors", [])]
        out.append(
            Entry(
                id=ev["id"],
                date=ev.get("date"),
                when=human_date(ev.get("date")),
                summary=ev["summary"],
                type=ev["type"],
                modality=ev.get("modality", "asserted"),
                note=_note(ev),
                actors=[a for a in actors if a],
                sources=[docs.cite(s) for s in ev.get("sources", [])],
                links=links,
                anchor=f"ev-{ev['id']}",
                minor=bool(ev.get("minor")),
            )
        )
    return out


def _speakers(story: dict[str, Any], docs: _Docs) -> list[tuple[str, list[dict[str, Any]]]]:
    names = _entity_names(story)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in story.get("quotes", []):
        who = names.get(q.get("speaker") or "") or q.get("speaker_name") or "Unattributed"
        groups[who].append({**q, "source": docs.cite(q)})
    return sorted(groups.items(), key=lambda g: (g[0] == "Unattributed", -len(g[1]), g[0]))


def _disputes(story: dict[str, Any], docs: _Docs) -> list[Dispute]:
    claims = {c["id"]: c for c in story.get("claims", [])}
    out = []
    for d in story.get("disagreements", []):
        sides: list[Side] = []
        for p in d.get("positions") or []:
            c = claims.get(p.get("claim") or "")
            doc = p.get("doc")
            src = docs.cite({"doc": doc, "start": p.get("start"), "end": p.get("end")}) if doc else None
            stance = {"yes": "says so", "no": "says it is not"}.get(p.get("stance") or "", "")
            sides.append(
                Side(p.get("by") or docs.label(doc).split(",")[0], p.get("says", ""), src.text if src else "",
                     (c or {}).get("date") or p.get("date"), src, stance)
            )  # fmt: skip
        listed = {p.get("claim") for p in d.get("positions") or []}
        for cid in d.get("claims", []):
            c = claims.get(cid)
            if c and cid not in listed:
                src = docs.cite(c)
                sides.append(Side(c.get("attributed_to") or "", figure(c), c["text"], c.get("date"), src))
        out.append(Dispute(d.get("topic", ""), _KIND.get(d.get("kind", ""), ""), sides))
    return out


def number(value: Any) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure(c: dict[str, Any]) -> str:
    """'at least 4,000 protesters', '300–500 people', '112 votes in favour (112 to 40)'."""
    qty = number(c["quantity"])
    qualifier = c.get("qualifier")
    if c.get("quantity_max") is not None:
        qty = f"{qty}–{number(c['quantity_max'])}"
    elif qualifier and qualifier[:1].isdigit():
        return f"{qty} {c.get('unit', '')} ({qualifier})".strip()
    elif qualifier:
        qty = f"{qualifier} {qty}"
    return f"{qty} {c.get('unit', '')}".strip()


def _outlets(story: dict[str, Any], docs: _Docs) -> list[Outlet]:
    by: dict[str, Outlet] = {}
    for doc_id in story.get("documents", []):
        d = docs.docs.get(doc_id)
        if d is None:
            continue
        name = d.get("outlet") or "unknown outlet"
        o = by.setdefault(name, Outlet(name, 0, 0, []))
        o.articles += 1
        title = d.get("title") or " ".join(d.get("text", "").split()[:12])
        o.docs.append((docs.anchor(doc_id), title, safe_url(d.get("url"))))
        for extra in (d.get("sources") or [])[1:]:
            other = extra.get("outlet") or name
            by.setdefault(other, Outlet(other, 0, 0, [])).copies += 1
    return sorted(by.values(), key=lambda o: (-o.articles, o.name))


def _pieces(text: str, cited: dict[tuple[int, int], str]) -> list[tuple[str, str | None, bool]]:
    """The article text cut at every cited passage's ends: (text, anchor or None, marked). Every passage's
    anchor starts a piece (passages that begin at the same offset share one), so every link finds its target."""
    spans = [(max(0, a), min(b, len(text))) for a, b in cited if b > a and a < len(text)]
    anchors = {max(0, a): anchor for (a, _b), anchor in cited.items()}
    cuts = sorted({0, len(text), *[a for a, _ in spans], *[b for _, b in spans]})
    pieces = []
    for a, b in pairwise(cuts):
        if b <= a:
            continue
        marked = any(s <= a and b <= e for s, e in spans)
        pieces.append((text[a:b], anchors.get(a), marked))
    return pieces


KEY_ENTRIES_SHOWN = 3  # entries listed under one key date


def _key_dates(story: dict[str, Any], entries: list[Entry]) -> list[KeyDay]:
    by_id = {e.id: e for e in entries}
    days = []
    for k in story.get("key_dates") or []:
        entries = [by_id[e] for e in k.get("events", []) if e in by_id][:KEY_ENTRIES_SHOWN]
        days.append(KeyDay(human_date(k["date"]), k.get("articles", 0), k.get("later_articles", 0), entries))
    return days


def _span(published: list[str]) -> str:
    if not published:
        return "undated"
    return f"{published[0]} – {published[-1]}" if len(set(published)) > 1 else published[0]


def _chapters(story: dict[str, Any], stories: dict[str, dict[str, Any]], documents: dict[str, dict[str, Any]]) -> list:
    out = []
    for sid in story.get("stories") or []:
        s = stories.get(sid)
        if s is None:
            continue
        days = sorted(
            _day(documents[d].get("published")) for d in s["documents"] if documents.get(d, {}).get("published")
        )
        out.append(Chapter(sid, s.get("title") or "Untitled story", _span(days), len(s["documents"])))
    return out if len(out) > 1 else []


def story_view(
    story: dict[str, Any], documents: dict[str, dict[str, Any]], stories: dict[str, dict[str, Any]] | None = None
) -> StoryView:
    """The view of a storyline (``stories``: its stories by id, listed as chapters) or of a story."""
    order = [d for d in story.get("documents", []) if d in documents]
    docs = _Docs(documents, order)
    entries = _entries(story, docs)
    lead = [docs.cite(x) for x in story.get("lead") or []]
    published = sorted(_day(documents[d].get("published")) for d in order if documents[d].get("published"))
    outlets = _outlets(story, docs)
    view = StoryView(
        id=story["id"],
        title=story.get("title") or "Untitled story",
        lead=lead,
        span=_span(published),
        n_docs=len(order),
        n_outlets=len({documents[d].get("outlet") or "unknown outlet" for d in order}),
        n_independent=story.get("independent_source_count", len(order)),
        dated=sorted((e for e in entries if e.date and not e.minor), key=lambda e: timespan.sort_key(e.date)),
        undated=[e for e in entries if not e.date and not e.minor],
        actors=list(story.get("entities", [])),
        speakers=_speakers(story, docs),
        claims=[{**c, "figure": figure(c), "source": docs.cite(c)} for c in story.get("claims", [])],
        disputes=_disputes(story, docs),
        outlets=outlets,
        articles=[],
        doc_anchor={d: docs.anchor(d) for d in order},
        minor=[e for e in entries if e.minor],
        key_dates=_key_dates(story, entries),
        chapters=_chapters(story, stories or {}, documents),
    )
    for doc_id in order:  # last: every section above has registered the passages it cites
        d = documents[doc_id]
        view.articles.append(
            Article(
                anchor=docs.anchor(doc_id),
                title=d.get("title") or " ".join(d.get("text", "").split()[:12]),
                outlet=d.get("outlet") or "unknown outlet",
                published=_day(d.get("published")),
                url=safe_url(d.get("url")),
                source=d.get("source", ""),
                pieces=_pieces(d.get("text", ""), docs.cited.get(doc_id, {})),
            )
        )
    return view


def views(dossier: dict[str, Any]) -> list[StoryView]:
    """One view per storyline (its stories as chapters); a dossier without storylines: one per story."""
    documents = {d["id"]: d for d in dossier.get("documents", [])}
    stories = {s["id"]: s for s in dossier.get("stories", [])}
    if dossier.get("storylines"):
        return [story_view(s, documents, stories) for s in dossier["storylines"]]
    return [story_view(s, documents) for s in dossier.get("stories", [])]
