"""Event mentions → the story's timeline: one entry per real-world event, citing every source sentence.

Mentions are blocked by (type family, modality class, phase): an expected event never merges with
one that happened (they are linked instead, below), nor a denied one with an asserted one. Within a
block, dated mentions come first, the most precise first, and each joins the best compatible entry:
dates that overlap ('2025-02' and '2025-02-11'), shared actors (entity ids) or object, similar words.
An undated mention joins a dated entry only on strong evidence and only when one entry fits clearly.
Candidates are found through indexes (month buckets, actor and object keys), never by comparing all
pairs, so merging stays near-linear in the number of mentions.

Expected events are then linked to what happened: same family, shared actors or object, the actual
date inside or near the forecast's window (``extra["fulfilled_by"]`` / ``extra["forecast_of"]``). A
forecast that missed its window, and two outlets dating the same one-off event differently, become
date disagreements (``link.disagreements``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from storyline import timespan
from storyline.extract.events.ontology import family, kind
from storyline.model import Document, Event, EventMention, EventSource, Extraction

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    """the and for with that this from have has had was were will would said says say its their his her they
    them who which what when where there than then into onto over also been being are not but about after
    before while during since under upon between against among mr mrs ms""".split()
)
_CLASS = {
    "asserted": "actual",
    "reported": "actual",
    "expected": "expected",
    "possible": "possible",
    "denied": "denied",
}
MERGE_DATED = 3.0  # score at which two mentions with overlapping dates tell the same event
MERGE_UNDATED = 4.0  # ... when one of them is undated
CLEAR_MARGIN = 1.0  # an undated mention joins a dated entry only when it fits it this much better than any other
FORECAST_SLACK_DAYS = 45  # an outcome this near a forecast's window still answers it
SAME_WORDS = 0.8  # summaries this alike tell the same event whatever else is known


def _words(text: str) -> frozenset[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP:
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(out)


@dataclass
class Item:
    m: EventMention
    doc: str
    published: str
    family: str
    cls: str
    phase: str | None
    date: str | None  # a date to merge by (None when undated or counted from an unnamed point)
    weak_date: str | None
    agents: frozenset[str]
    patients: frozenset[str]
    places: frozenset[str]
    obj: str | None
    words: frozenset[str]
    canonical: bool = True

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.family, self.cls, self.phase)

    @property
    def actors(self) -> frozenset[str]:
        return self.agents | self.patients


@dataclass
class Cluster:
    items: list[Item] = field(default_factory=list)
    date: str | None = None
    agents: set[str] = field(default_factory=set)
    patients: set[str] = field(default_factory=set)
    objs: set[str] = field(default_factory=set)
    words: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    id: str = ""

    def add(self, item: Item) -> None:
        self.items.append(item)
        if item.date and timespan.width(item.date) < timespan.width(self.date):
            self.date = item.date
        self.agents |= item.agents
        self.patients |= item.patients
        if item.obj:
            self.objs.add(item.obj)
        self.words.update(item.words)
        self.docs.add(item.doc)
        self.types[item.m.type] += 1

    @property
    def key(self) -> tuple[str, str, str | None]:
        return self.items[0].key

    @property
    def actors(self) -> set[str]:
        return self.agents | self.patients


def _spans(value: Any) -> list[tuple[int, int]]:
    """[start, end] pairs from a stored attribute; anything else is left out."""
    if not isinstance(value, list):
        return []
    return [
        (s[0], s[1])
        for s in value
        if isinstance(s, list | tuple) and len(s) == 2 and all(isinstance(x, int) for x in s)
    ]


def _entity_ids(spans: Any, doc: str, mention_entity: dict[tuple[str, int, int], str]) -> frozenset[str]:
    found = (mention_entity.get((doc, start, end)) for start, end in _spans(spans))
    return frozenset(e for e in found if e)


def items_of(
    ex: Extraction, doc: Document, mention_entity: dict[tuple[str, int, int], str], canonical: bool = True
) -> list[Item]:
    out = []
    for m in ex.events:
        a = m.attributes or {}
        date = timespan.normalize(m.date)
        weak = bool(a.get("date_weak"))
        out.append(
            Item(
                m=m,
                doc=ex.doc_id,
                published=doc.published or "",
                family=family(m.type),
                cls=_CLASS.get(m.modality, "actual"),
                phase=a.get("phase"),
                date=None if weak else date,
                weak_date=date if weak else None,
                agents=_entity_ids(a.get("agents", []), ex.doc_id, mention_entity),
                patients=_entity_ids(a.get("patients", []), ex.doc_id, mention_entity),
                places=_entity_ids(a.get("places", []), ex.doc_id, mention_entity),
                obj=a.get("object"),
                words=_words(m.summary),
                canonical=canonical,
            )
        )
    return out


def _jaccard(a: frozenset[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    inter = sum(1 for w in a if w in b)
    return inter / (len(a) + len(b) - inter)


def score(item: Item, c: Cluster) -> float | None:
    """How well a mention fits an entry; None when they cannot be the same event."""
    if item.key != c.key:
        return None
    shared_agents = bool(item.agents & c.agents)
    if item.family == "statement" and not shared_agents:
        return None  # what two different people said are two statements
    dated = item.date is not None and c.date is not None
    if dated and not timespan.compatible(item.date, c.date):
        return None
    if item.agents and c.agents and not shared_agents and not kind(item.m.type).joint:
        return None  # the Senate's ratification is not the Assembly's
    overlap = _jaccard(item.words, c.words)
    if overlap >= SAME_WORDS:
        return MERGE_UNDATED + overlap  # the same sentence, reprinted or repeated
    s = 0.0
    if shared_agents:
        s += 2.0
    if item.patients & c.patients:
        s += 1.5
    if item.obj and item.obj in c.objs:
        s += 1.5
    if item.m.type in c.types:
        s += 1.0
        if kind(item.m.type).once and shared_agents:
            s += 1.0  # the same people submit the same kind of thing once: likely one event
    s += 2.0 * overlap
    if dated:
        s += 1.0
    if not (shared_agents or item.patients & c.patients or (item.obj and item.obj in c.objs)):
        # nothing in common but the kind of event: the same day (and no different actors) will do
        same_day = dated and timespan.day(item.date) is not None and item.date == c.date
        if not same_day or (item.agents and c.agents):
            return None
        s += 1.5
    return s


def _date_keys(key: tuple[str, str, str | None], date: str | None, probe: bool) -> list[tuple[Any, ...]]:
    """Blocking keys of a date. A day is filed under itself and its month ("dm"); a coarser span under each
    month it touches ("m"). A day looks for its day and the coarse spans of its month; a coarse span for
    the coarse spans and the days of its months."""
    if date is None:
        return []
    d = timespan.day(date)
    if d is not None:
        if probe:
            return [(key, "d", d), (key, "m", (d.year, d.month))]
        return [(key, "d", d), (key, "dm", (d.year, d.month))]
    months = timespan.months_touched(date)
    if probe:
        return [(key, tag, ym) for ym in months for tag in ("m", "dm")]
    return [(key, "m", ym) for ym in months]


class _Index:
    """Entries by block and blocking key; each bucket is scanned up to its last ``BUCKET`` entries, so that
    the cost of placing a mention does not grow with the size of the story."""

    BUCKET = 200

    def __init__(self) -> None:
        self.by: dict[tuple[Any, ...], list[Cluster]] = defaultdict(list)
        self.filed: dict[int, set[tuple[Any, ...]]] = defaultdict(set)

    @staticmethod
    def keys(thing: Item | Cluster) -> list[tuple[Any, ...]]:
        """Actor and object keys (actors first)."""
        key = thing.key
        out: list[tuple[Any, ...]] = [(key, "a", a) for a in sorted(thing.actors)]
        objs = [thing.obj] if isinstance(thing, Item) else sorted(thing.objs)
        return out + [(key, "o", o) for o in objs if o]

    def add(self, c: Cluster) -> None:
        filed = self.filed[id(c)]
        for k in [*self.keys(c), *_date_keys(c.key, c.date, probe=False)]:
            if k not in filed:
                filed.add(k)
                self.by[k].append(c)

    def bucket(self, k: tuple[Any, ...]) -> list[Cluster]:
        found = self.by.get(k)
        return found[-self.BUCKET :] if found else []

    def candidates(self, item: Item) -> list[Cluster]:
        """Entries of the item's block that share its day or month (dated), else an actor — or, for a
        mention without actors, an object (undated)."""
        if item.date:
            keys = _date_keys(item.key, item.date, probe=True)
        else:
            keys = [k for k in self.keys(item) if k[1] == "a"] or self.keys(item)
        seen: dict[int, Cluster] = {}
        for k in keys:
            for c in self.bucket(k):
                seen.setdefault(id(c), c)
        return list(seen.values())


@dataclass
class DateConflict:
    """Two outlets dating the same one-off event differently."""

    first: Cluster
    second: Cluster


def cluster(items: list[Item]) -> tuple[list[Cluster], list[DateConflict]]:
    """Group mentions into entries; also report same-event pairs whose dates cannot both be right."""
    order = sorted(items, key=lambda it: (it.date is None, timespan.width(it.date), not it.canonical, it.m.id))
    index = _Index()
    clusters: list[Cluster] = []
    conflicts: list[DateConflict] = []
    for item in order:
        scored = []
        for c in index.candidates(item):
            s = score(item, c)
            if s is not None:
                scored.append((s, c))
        scored.sort(key=lambda x: -x[0])
        chosen = None
        if scored:
            best, c = scored[0]
            if item.date is not None and c.date is not None:
                chosen = c if best >= MERGE_DATED else None
            elif best >= MERGE_UNDATED:
                rivals = [s for s, o in scored[1:] if o.date != c.date]
                if not rivals or best - rivals[0] >= CLEAR_MARGIN:
                    chosen = c
        if chosen is None and not item.canonical:
            continue  # a reprint only adds sources to what its original told
        if chosen is None:
            chosen = Cluster()
            clusters.append(chosen)
            _note_conflict(item, index, conflicts, chosen)
        chosen.add(item)
        index.add(chosen)
    return clusters, conflicts


def _note_conflict(item: Item, index: _Index, conflicts: list[DateConflict], new: Cluster) -> None:
    """A one-off event (a treaty is signed once) told with a date no entry's date overlaps."""
    if item.date is None or not kind(item.m.type).once or timespan.precision(item.date) not in {"day", "month"}:
        return
    for k in index.keys(item):
        for c in index.bucket(k):
            if c.date is None or item.doc in c.docs or timespan.compatible(item.date, c.date):
                continue
            same_object = item.obj is not None and item.obj in c.objs
            if same_object and item.agents & c.agents and (timespan.gap_days(item.date, c.date) or 0) <= 60:
                conflicts.append(DateConflict(c, new))
                return


def _summary(c: Cluster) -> str:
    def rank(it: Item) -> tuple:
        n = len(it.m.summary.split())
        return (
            -min(len(it.m.attributes.get("agents") or []), 1),  # who did it, named
            it.m.attributes.get("noun", False),
            it.m.attributes.get(
                "participle", False
            ),  # "X signed the treaty" reads better than "the treaty signed by X"
            it.m.modality != "asserted",
            not (4 <= n <= 22),
            it.date != c.date,  # the mention that gives the entry its date
            -len(it.actors),
            it.published,
            it.m.id,
        )

    return min(c.items, key=rank).m.summary


def _event_id(c: Cluster) -> str:
    first = min(it.m.id for it in c.items)
    return "ev-" + hashlib.sha1(first.encode()).hexdigest()[:12]


def _agent_names(items: list[Item], docs: dict[str, Document]) -> list[str]:
    """The agents as the sources name them, from the mention that names the most."""
    best: list[str] = []
    for it in items:
        names = []
        for span in _spans(it.m.attributes.get("agents")):
            text = docs[it.doc].text[span[0] : span[1]] if it.doc in docs else ""
            if text and text not in names:
                names.append(text)
        if len(names) > len(best):
            best = names
    return best


def build_events(clusters: list[Cluster], docs: dict[str, Document]) -> list[Event]:
    events = []
    for c in clusters:
        c.id = _event_id(c)
        items = sorted(c.items, key=lambda it: (it.published, it.doc, it.m.start))
        sources: list[EventSource] = []
        seen: set[tuple[str, int]] = set()
        for it in items:
            if (it.doc, it.m.start) not in seen:
                seen.add((it.doc, it.m.start))
                sources.append(EventSource(it.doc, "", it.m.start, it.m.end))
        type_name = c.types.most_common(1)[0][0]
        modality = items[0].m.modality
        if items[0].cls == "actual":
            modality = "asserted" if any(it.m.modality == "asserted" for it in items) else "reported"
        date = c.date
        weak = False
        if date is None:
            weak_dates = [it.weak_date for it in items if it.weak_date]
            if weak_dates:
                date, weak = min(weak_dates, key=timespan.width), True
        agents = [a for a, _ in Counter(a for it in items for a in it.agents).most_common()]
        patients = [p for p, _ in Counter(p for it in items for p in it.patients).most_common() if p not in agents]
        places = sorted({p for it in items for p in it.places})
        extra: dict[str, Any] = {
            "plover": kind(type_name).plover,
            "mentions": [it.m.id for it in items],
            "docs": len(c.docs),
            "outlets": sorted({(docs[d].outlet if d in docs else None) or "unknown outlet" for d in c.docs}),
            "agents": agents,
            "patients": patients,
        }
        names = _agent_names(items, docs)
        if names:
            extra["agent_names"] = names
        if any(not it.canonical for it in items):
            extra["independent_docs"] = len({it.doc for it in items if it.canonical})
        if places:
            extra["places"] = places
        if weak:
            extra["date_weak"] = True
        reporters = sorted({it.m.attributes["source"] for it in items if it.m.attributes.get("source")})
        if reporters and modality != "asserted":
            extra["reported_by"] = reporters
        if items[0].phase:
            extra["phase"] = items[0].phase
        date_texts = [it.m.attributes.get("date_text") for it in items if it.date == c.date and it.date]
        if date_texts:
            extra["date_text"] = date_texts[0]
        events.append(
            Event(
                id=c.id,
                date=date,
                date_precision=timespan.precision(date),
                summary=_summary(c),
                type=type_name,
                modality=modality,
                actors=[*agents, *patients],
                sources=sources,
                extra=extra,
            )
        )
    return events


def link_forecasts(clusters: list[Cluster], events: dict[str, Event]) -> list[tuple[Cluster, Cluster]]:
    """Point each expected event at the event that fulfilled it; return the pairs whose date missed the
    forecast's window (a schedule that changed, or sources that disagree on it)."""
    actual: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
    for c in clusters:
        if c.items[0].cls == "actual" and c.date:
            fam = c.items[0].family
            for a in c.actors:
                actual[(fam, "a:" + a)].append(c)
            for o in c.objs:
                actual[(fam, "o:" + o)].append(c)
            if timespan.day(c.date):
                actual[(fam, "d:" + c.date)].append(c)
    missed = []
    for e in clusters:
        if e.items[0].cls != "expected":
            continue
        fam = e.items[0].family
        found: dict[int, tuple[float, Cluster]] = {}
        keys = [(fam, "a:" + a) for a in e.actors] + [(fam, "o:" + o) for o in e.objs]
        if e.date and timespan.day(e.date):  # "work will resume on Monday" / "returned to work on Monday"
            keys.append((fam, "d:" + e.date))
        for k in keys:
            for c in actual.get(k, [])[-_Index.BUCKET :]:
                shared = len(e.actors & c.actors) + len(e.objs & c.objs)
                if shared == 0 and not (e.date == c.date and e.types.keys() & c.types.keys()):
                    continue
                gap = timespan.gap_days(e.date, c.date) if e.date else None
                if gap is not None and gap > FORECAST_SLACK_DAYS:
                    continue
                if e.date is None and shared < 2:
                    continue
                rank = shared - (gap or 0) / 100
                if id(c) not in found or found[id(c)][0] < rank:
                    found[id(c)] = (rank, c)
        if not found:
            continue
        ranked = sorted(found.values(), key=lambda x: -x[0])
        if e.date is None and len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            continue  # two outcomes fit an undated forecast equally: leave it unlinked
        best = ranked[0][1]
        events[e.id].extra["fulfilled_by"] = best.id
        events[best.id].extra.setdefault("forecast_of", []).append(e.id)
        if e.date and (timespan.gap_days(e.date, best.date) or 0) > 0:
            missed.append((e, best))
    return missed


def link_events(
    story_docs: list[str],
    docs: dict[str, Document],
    extractions: dict[str, Extraction],
    mention_entity: dict[tuple[str, int, int], str],
    canonical: set[str] | None = None,
) -> tuple[list[Event], list[DateConflict], list[tuple[Cluster, Cluster]], dict[str, Cluster]]:
    """The timeline of one story. ``canonical``: the documents that are not reprints of another (all, if None)."""
    items: list[Item] = []
    for d in story_docs:
        ex, doc = extractions.get(d), docs.get(d)
        if ex is None or doc is None:
            continue
        items.extend(items_of(ex, doc, mention_entity, canonical is None or d in canonical))
    clusters, conflicts = cluster(items)
    events = build_events(clusters, docs)
    by_id = {e.id: e for e in events}
    missed = link_forecasts(clusters, by_id)
    for e in events:  # the evidence text, copied once per source from the document
        for s in e.sources:
            s.text = docs[s.doc].text[s.start : s.end]
    events.sort(key=lambda e: (timespan.sort_key(e.date), -len(e.sources), e.id))
    return events, conflicts, missed, {c.id: c for c in clusters}
