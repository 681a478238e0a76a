"""Event mentions → the story's timeline: one entry per real-world event, citing every source sentence.

Mentions are blocked by (type family, modality class): an expected event never merges with one that
happened (they are linked instead, below), nor a denied one with an asserted one. Families group the
types a reader would call one happening ("voted to ratify" / "approved" / "ratified"; "said" /
"announced"; a legislature that "takes up" or "debates" a bill and its vote). Within a block, dated
mentions come first, the most precise first, and each joins the best compatible entry: dates that
overlap ('2025-02' and '2025-02-11'), shared actors (entity ids, a person's organisation), object or
theme nouns, the same quoted speaker on the same day, similar words. Two mentions of one sentence join
whenever nothing sets them apart. An undated mention joins a dated entry only on strong evidence and
only when one entry fits clearly — or when it is the only entry of its block it shares anything with.
A telling with no date, no doer and nothing it is about ("it was signed") joins its own article's entry of
its kind when there is exactly one. Candidates are found through indexes (month buckets, actor, object and
theme keys), never by comparing all pairs, so merging stays near-linear in the number of mentions.

Expected events are then linked to what happened: same family, shared actors or object, the actual
date inside or near the forecast's window (``Event.fulfilled_by`` / ``Event.forecast_of``). A
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
from storyline.link.echoes import add_echoes
from storyline.link.salience import mark_minor, named_summary
from storyline.model import CharSpan, Document, Entity, Event, EventMention, EventPhase, EventSource, Extraction
from storyline.settings import current

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
# Objects that stand for something said before ("it was signed"): they tell nothing apart.
_PRONOUNS = frozenset("it this that these those they them he him she her which what who whom one".split())
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")
_AFFILIATION_GAP = re.compile(r"^[\s\w'’.-]{1,40}$")  # "ministry spokesperson " between an organisation and a name


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
    phase: EventPhase | None
    date: str | None  # a date to merge by (None when undated or counted from an unnamed point)
    weak_date: str | None
    agents: frozenset[str]
    patients: frozenset[str]
    places: frozenset[str]
    obj: str | None
    words: frozenset[str]
    canonical: bool = True
    themes: frozenset[str] = frozenset()  # common nouns the event is about ("drone", "road")
    figures: frozenset[str] = frozenset()  # numbers its summary gives ("3,000 troops")
    voice: str | None = None  # "speaker entity|day" of the quotation the mention sits in
    people: frozenset[str] = frozenset()  # the agents that are persons (the rest are institutions, places)
    affiliated: frozenset[str] = frozenset()  # organisations its person agents speak for
    foreign: bool = False  # told in another language than English (its summary is a sentence of that language)

    @property
    def key(self) -> tuple[str, str]:
        return (self.family, self.cls)

    @property
    def actors(self) -> frozenset[str]:
        return self.agents | self.patients

    @property
    def sentence(self) -> tuple[str, int]:
        return (self.doc, self.m.start)


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
    themes: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)
    voices: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    affiliated: set[str] = field(default_factory=set)
    phases: set[EventPhase] = field(default_factory=set)
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
        self.themes |= item.themes
        self.figures |= item.figures
        if item.voice:
            self.voices.add(item.voice)
        self.people |= item.people
        self.affiliated |= item.affiliated
        if item.phase:
            self.phases.add(item.phase)

    @property
    def key(self) -> tuple[str, str]:
        return self.items[0].key

    @property
    def actors(self) -> set[str]:
        return self.agents | self.patients


def _entity_ids(spans: list[CharSpan], doc: str, mention_entity: dict[tuple[str, int, int], str]) -> frozenset[str]:
    found = (mention_entity.get((doc, start, end)) for start, end in spans)
    return frozenset(e for e in found if e)


@dataclass
class EventContext:
    """What the story's other layers tell the merging: entity kinds (a person and an institution may be
    one doer told two ways), the organisations people speak for, and who said each quotation."""

    persons: frozenset[str] = frozenset()
    affiliations: dict[str, frozenset[str]] = field(default_factory=dict)  # person entity → organisations
    voices: dict[tuple[str, int], str] = field(default_factory=dict)  # (doc, quote start) → "speaker|day"


def _figures(text: str) -> frozenset[str]:
    return frozenset(f.replace(",", "") for f in _FIGURE.findall(text))


def items_of(
    ex: Extraction,
    doc: Document,
    mention_entity: dict[tuple[str, int, int], str],
    canonical: bool = True,
    context: EventContext | None = None,
) -> list[Item]:
    ctx = context or EventContext()
    out = []
    for m in ex.events:
        a = m.attributes
        date = timespan.normalize(m.date)
        weak = a.dating.date_weak
        obj = a.topic.object if a.topic.object not in _PRONOUNS else None
        agents = _entity_ids(a.roles.agents, ex.doc_id, mention_entity)
        people = agents & ctx.persons
        quote_at = a.telling.in_quote
        out.append(
            Item(
                m=m,
                doc=ex.doc_id,
                published=doc.published or "",
                family=family(m.type, obj),
                cls=_CLASS.get(m.modality, "actual"),
                phase=a.telling.phase,
                date=None if weak else date,
                weak_date=date if weak else None,
                agents=agents,
                patients=_entity_ids(a.roles.patients, ex.doc_id, mention_entity),
                places=_entity_ids(a.roles.places, ex.doc_id, mention_entity),
                obj=obj,
                words=_words(m.summary),
                canonical=canonical,
                themes=frozenset(a.topic.themes) | ({obj} if obj else frozenset()),
                # figures are compared as English writes them; a sentence of another language gives none
                figures=frozenset() if a.telling.language else _figures(m.summary),
                voice=ctx.voices.get((ex.doc_id, quote_at)) if quote_at is not None else None,
                people=people,
                affiliated=frozenset().union(*(ctx.affiliations.get(p, frozenset()) for p in people)),
                foreign=bool(a.telling.language),
            )
        )
    return out


def context_of(
    story_docs: list[str],
    docs: dict[str, Document],
    extractions: dict[str, Extraction],
    mention_entity: dict[tuple[str, int, int], str],
    entities: dict[str, Entity] | None = None,
    quote_speaker: dict[str, str] | None = None,
) -> EventContext:
    """Entity kinds, affiliations and quotation voices of one story (one pass over its mentions and quotes).

    A person's organisation is the one named right before them in a title ("Interior Ministry
    spokesperson Ana Ruiz", "the union's spokesman Tom Hale"): the institution may stand for the person."""
    entities = entities or {}
    persons = frozenset(e.id for e in entities.values() if e.type == "PERSON")
    affiliations: dict[str, set[str]] = defaultdict(set)
    voices: dict[tuple[str, int], str] = {}
    for d in story_docs:
        ex, doc = extractions.get(d), docs.get(d)
        if ex is None or doc is None:
            continue
        before = None
        for m in sorted(ex.mentions, key=lambda m: (m.start, m.end)):
            eid = mention_entity.get((d, m.start, m.end))
            if m.type == "PERSON" and eid and before is not None:
                org, org_end = before
                if 0 < m.start - org_end and _AFFILIATION_GAP.match(doc.text[org_end : m.start]):
                    affiliations[eid].add(org)
            before = (eid, m.end) if eid and m.type == "ORG" else None
        for q in ex.quotes:
            speaker = (quote_speaker or {}).get(q.id) or q.speaker
            said = timespan.day(q.said_on)
            if speaker and said:
                voices[(d, q.start)] = f"{speaker}|{said.isoformat()}"
    return EventContext(persons, {p: frozenset(o) for p, o in affiliations.items()}, voices)


def _jaccard(a: frozenset[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    inter = sum(1 for w in a if w in b)
    return inter / (len(a) + len(b) - inter)


def _shared_agents(item: Item, c: Cluster) -> bool:
    """The same doer: an agent in common, or a person and the organisation they speak for."""
    return bool(item.agents & c.agents or item.affiliated & c.agents or item.agents & c.affiliated)


def _agents_clash(item: Item, c: Cluster) -> bool:
    """Doers that cannot be one: two different people, or two different institutions or places (one
    chamber's vote is not the other's). A person and an institution may be one doer told two ways."""
    if not item.agents or not c.agents or _shared_agents(item, c):
        return False
    people_both = bool(item.people and c.people)
    others_both = bool((item.agents - item.people) and (c.agents - c.people))
    return people_both or others_both


def compatible(item: Item, c: Cluster) -> bool:
    """Nothing sets the mention apart from the entry: block, dates, phase, doers, figures."""
    if item.key != c.key:
        return False
    if item.date is not None and c.date is not None and not timespan.compatible(item.date, c.date):
        return False
    if item.phase and c.phases - {item.phase}:
        return False  # the strike's start is not its end
    if item.family == "statement" and item.agents and c.agents and not _shared_agents(item, c):
        return False  # what two different people said are two statements
    if _agents_clash(item, c) and not kind(item.m.type).joint:
        return False
    if item.figures and c.figures and not item.figures & c.figures:
        return False  # "sent 3,000 troops" and "10,000 troops have moved": two movements (or a disagreement)
    return True


def _same_object(item: Item, c: Cluster) -> bool:
    return bool(item.obj and item.obj in c.objs)


def score(item: Item, c: Cluster) -> float | None:
    """How well a mention fits an entry; None when they cannot be the same event."""
    cfg = current().events
    if not compatible(item, c):
        return None
    shared_agents = _shared_agents(item, c)
    if item.family == "statement" and not shared_agents and not (item.voice and item.voice in c.voices):
        return None  # a statement needs its speaker on both sides
    dated = item.date is not None and c.date is not None
    overlap = _jaccard(item.words, c.words)
    if overlap >= cfg.same_words:
        return cfg.merge_undated + overlap  # the same sentence, reprinted or repeated
    s = 0.0
    if shared_agents:
        s += cfg.shared_agents
    shared_patients = bool(item.patients & c.patients)
    if shared_patients:
        s += cfg.shared_patients
        if kind(item.m.type).once and item.patients & c.patients - c.agents:
            s += cfg.once_patients  # the same treaty is signed once, whoever is named as signing it
    same_voice = bool(item.voice and item.voice in c.voices)
    if same_voice:
        s += cfg.same_voice  # told inside quotations of one speaker on one day
    if _same_object(item, c):
        s += cfg.same_object
    elif item.themes & c.themes:
        s += cfg.shared_theme
    if item.m.type in c.types:
        s += cfg.same_type
        if kind(item.m.type).once and shared_agents:
            s += cfg.once_agents  # the same people submit the same kind of thing once: likely one event
        elif item.date is None and not (item.agents and c.agents) and item.themes & c.themes:
            s += cfg.undated_theme  # "the drone incident" and "drones invaded": one event about one thing, doers unsaid
    s += cfg.words * overlap
    if dated:
        s += cfg.dated
    if not (shared_agents or shared_patients or same_voice or item.themes & c.themes):
        # nothing in common but the kind of event: the same day (and no different actors) will do
        same_day = dated and timespan.day(item.date) is not None and item.date == c.date
        if not same_day or (item.agents and c.agents):
            return None
        s += cfg.same_day
    return s


def _date_keys(key: tuple[str, str], date: str | None, probe: bool) -> list[tuple[Any, ...]]:
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
    """Entries by block and blocking key; each bucket is scanned up to its last ``events.bucket`` entries, so that
    the cost of placing a mention does not grow with the size of the story."""

    def __init__(self) -> None:
        self.by: dict[tuple[Any, ...], list[Cluster]] = defaultdict(list)
        self.filed: dict[int, set[tuple[Any, ...]]] = defaultdict(set)

    @staticmethod
    def keys(thing: Item | Cluster) -> list[tuple[Any, ...]]:
        """Actor and object keys (actors first)."""
        key = thing.key
        out: list[tuple[Any, ...]] = [(key, "a", a) for a in sorted(thing.actors | thing.affiliated)]
        out += [(key, "v", v) for v in sorted([thing.voice] if isinstance(thing, Item) and thing.voice else [])]
        if isinstance(thing, Cluster):
            out += [(key, "v", v) for v in sorted(thing.voices)]
        return out + [(key, "o", o) for o in sorted(thing.themes) if o]

    def add(self, c: Cluster) -> None:
        filed = self.filed[id(c)]
        for k in [*self.keys(c), *_date_keys(c.key, c.date, probe=False)]:
            if k not in filed:
                filed.add(k)
                self.by[k].append(c)

    def bucket(self, k: tuple[Any, ...]) -> list[Cluster]:
        found = self.by.get(k)
        return found[-current().events.bucket :] if found else []

    def candidates(self, item: Item) -> list[Cluster]:
        """Entries of the item's block that share its day or month (dated), else an actor, a quoted voice, an
        object or a theme (undated)."""
        if item.date:
            keys = _date_keys(item.key, item.date, probe=True)
        else:
            keys = self.keys(item)
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
    by_sentence: dict[tuple[str, int], list[Cluster]] = defaultdict(list)
    by_doc: dict[tuple[tuple[str, str], str], list[Cluster]] = defaultdict(list)  # (block, document) → its entries
    for item in order:
        # two mentions of one sentence in one block ("they may have ratified it ... or the possibility of
        # ratifying"; "voted to ratify ..., approving the bill") tell one event unless something sets them apart
        chosen = next((c for c in by_sentence.get(item.sentence, []) if compatible(item, c)), None)
        if chosen is None:
            chosen = _best_entry(item, index)
        if chosen is None and _bare(item):
            # "It was signed": nobody, nothing and no date; the article's own entry of that kind, if it has one only
            told = [c for c in by_doc.get((item.key, item.doc), []) if compatible(item, c)]
            chosen = told[0] if len(told) == 1 else None
        if chosen is None and not item.canonical:
            continue  # a reprint only adds sources to what its original told
        if chosen is None:
            chosen = Cluster()
            clusters.append(chosen)
            _note_conflict(item, index, conflicts, chosen)
        chosen.add(item)
        index.add(chosen)
        if chosen not in by_sentence[item.sentence]:
            by_sentence[item.sentence].append(chosen)
        if chosen not in by_doc[(item.key, item.doc)]:
            by_doc[(item.key, item.doc)].append(chosen)
    return clusters, conflicts


def _bare(item: Item) -> bool:
    """An undated telling that names no doer, no one acted on and nothing it is about (not a saying)."""
    return (
        item.date is None
        and item.family != "statement"
        and not (item.agents or item.patients or item.themes or item.voice)
    )


def _best_entry(item: Item, index: _Index) -> Cluster | None:
    cfg = current().events
    scored = []
    for c in index.candidates(item):
        s = score(item, c)
        if s is not None:
            scored.append((s, c))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best, c = scored[0]
    if item.date is not None and c.date is not None:
        return c if best >= cfg.merge_dated else None
    if best >= cfg.merge_undated:
        rivals = [s for s, o in scored[1:] if o.date != c.date]
        if not rivals or best - rivals[0] >= cfg.clear_margin:
            return c
    if best >= cfg.merge_only and len(scored) == 1 and not (item.family == "statement" and item.doc in c.docs):
        # the only entry of its block this undated telling shares a doer, an object or a theme with (but two
        # sayings of one speaker in one article are two things said)
        return c
    return None


def _note_conflict(item: Item, index: _Index, conflicts: list[DateConflict], new: Cluster) -> None:
    """A one-off event (a treaty is signed once) told with a date no entry's date overlaps."""
    if item.date is None or not kind(item.m.type).once or timespan.precision(item.date) not in {"day", "month"}:
        return
    for k in index.keys(item):
        for c in index.bucket(k):
            if c.date is None or item.doc in c.docs or timespan.compatible(item.date, c.date):
                continue
            same_object = item.obj is not None and item.obj in c.objs
            near = (timespan.gap_days(item.date, c.date) or 0) <= current().events.conflict_days
            if same_object and item.agents & c.agents and near:
                conflicts.append(DateConflict(c, new))
                return


def _summary(c: Cluster, docs: dict[str, Document], mention_entity: dict[tuple[str, int, int], str],
             names: dict[str, str]) -> str:  # fmt: skip
    chosen = _summary_item(c)
    text = docs[chosen.doc].text if chosen.doc in docs else ""
    spans = chosen.m.attributes.roles.agents
    surfaces = [text[a:b] for a, b in spans]
    full = [names.get(mention_entity.get((chosen.doc, a, b), ""), "") for a, b in spans]
    return named_summary(chosen.m.summary, surfaces, full)


def _summary_item(c: Cluster) -> Item:
    shortest, longest = current().events.summary_words

    def rank(it: Item) -> tuple:
        n = len(it.m.summary.split())
        return (
            it.foreign,  # the timeline is written in English when an English telling exists
            -min(len(it.m.attributes.roles.agents), 1),  # who did it, named
            it.m.attributes.telling.noun,
            it.m.attributes.telling.participle,  # "X signed the treaty" reads better than "the treaty signed by X"
            it.m.modality != "asserted",
            not (shortest <= n <= longest),
            it.date != c.date,  # the mention that gives the entry its date
            -len(it.actors),
            it.published,
            it.m.id,
        )

    return min(c.items, key=rank)


def _event_id(c: Cluster) -> str:
    first = min(it.m.id for it in c.items)
    return "ev-" + hashlib.sha1(first.encode()).hexdigest()[:12]


def _agent_names(items: list[Item], docs: dict[str, Document]) -> list[str]:
    """The agents as the sources name them, from the mention that names the most."""
    best: list[str] = []
    for it in items:
        names = []
        for span in it.m.attributes.roles.agents:
            text = docs[it.doc].text[span[0] : span[1]] if it.doc in docs else ""
            if text and text not in names:
                names.append(text)
        if len(names) > len(best):
            best = names
    return best


def build_events(
    clusters: list[Cluster],
    docs: dict[str, Document],
    mention_entity: dict[tuple[str, int, int], str] | None = None,
    full_names: dict[str, str] | None = None,
) -> list[Event]:
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
        # Sorted sets: ties of most_common keep first-seen order, which a set's iteration would leave to
        # the process's string hashing (a rebuild elsewhere would order the actors differently).
        agents = [a for a, _ in Counter(a for it in items for a in sorted(it.agents)).most_common()]
        patients = [
            p for p, _ in Counter(p for it in items for p in sorted(it.patients)).most_common() if p not in agents
        ]
        places = sorted({p for it in items for p in it.places})
        reporters = sorted({source for it in items if (source := it.m.attributes.telling.source)})
        date_texts = [it.m.attributes.dating.date_text for it in items if it.date == c.date and it.date]
        events.append(
            Event(
                id=c.id,
                date=date,
                date_precision=timespan.precision(date),
                summary=_summary(c, docs, mention_entity or {}, full_names or {}),
                type=type_name,
                modality=modality,
                actors=[*agents, *patients],
                sources=sources,
                plover=kind(type_name).plover,
                mentions=[it.m.id for it in items],
                docs=len(c.docs),
                outlets=sorted({(docs[d].outlet if d in docs else None) or "unknown outlet" for d in c.docs}),
                agents=agents,
                patients=patients,
                agent_names=_agent_names(items, docs),
                independent_docs=(
                    len({it.doc for it in items if it.canonical}) if any(not it.canonical for it in items) else None
                ),
                places=places,
                date_weak=weak,
                reported_by=reporters if modality != "asserted" else [],
                phase=sorted(c.phases)[0] if c.phases else None,
                date_text=date_texts[0] if date_texts else None,
            )
        )
    return events


def link_forecasts(clusters: list[Cluster], events: dict[str, Event]) -> list[tuple[Cluster, Cluster]]:
    """Point each expected event at the event that fulfilled it; return the pairs whose date missed the
    forecast's window (a schedule that changed, or sources that disagree on it)."""
    cfg = current().events
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
            for c in actual.get(k, [])[-cfg.bucket :]:
                shared = len(e.actors & c.actors) + len(e.objs & c.objs)
                if shared == 0 and not (e.date == c.date and e.types.keys() & c.types.keys()):
                    continue
                gap = timespan.gap_days(e.date, c.date) if e.date else None
                if gap is not None and gap > cfg.forecast_slack_days:
                    continue
                if e.date is None and shared < cfg.undated_forecast_shared:
                    continue
                rank = shared - (gap or 0) / cfg.forecast_gap_days
                if id(c) not in found or found[id(c)][0] < rank:
                    found[id(c)] = (rank, c)
        if not found:
            continue
        ranked = sorted(found.values(), key=lambda x: (-x[0], x[1].id))  # ties by id: the same on every run
        if e.date is None and len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            continue  # two outcomes fit an undated forecast equally: leave it unlinked
        best = ranked[0][1]
        events[e.id].fulfilled_by = best.id
        events[best.id].forecast_of.append(e.id)
        if e.date and (timespan.gap_days(e.date, best.date) or 0) > 0:
            missed.append((e, best))
    return missed


@dataclass
class Timeline:
    """What ``link_events`` makes of a storyline's event mentions."""

    events: list[Event]  # the entries, in timeline order
    conflicts: list[DateConflict]  # one-off events two outlets date differently
    missed: list[tuple[Cluster, Cluster]]  # (forecast, what happened) whose date missed the forecast's window
    clusters: dict[str, Cluster]  # entry id → the mentions merged into it


def link_events(
    story_docs: list[str],
    docs: dict[str, Document],
    extractions: dict[str, Extraction],
    mention_entity: dict[tuple[str, int, int], str],
    canonical: set[str] | None = None,
    entities: dict[str, Entity] | None = None,
    quote_speaker: dict[str, str] | None = None,
) -> Timeline:
    """The timeline of one story. ``canonical``: the documents that are not reprints of another (all, if None);
    ``entities`` (by id) and ``quote_speaker`` (quote id → entity id) let people stand for their institution,
    entries name doers in full, and statements gather the quotations that repeat them."""
    ctx = context_of(story_docs, docs, extractions, mention_entity, entities, quote_speaker)
    items: list[Item] = []
    for d in story_docs:
        ex, doc = extractions.get(d), docs.get(d)
        if ex is None or doc is None:
            continue
        items.extend(items_of(ex, doc, mention_entity, canonical is None or d in canonical, ctx))
    clusters, conflicts = cluster(items)
    names = {eid: e.name for eid, e in (entities or {}).items()}
    events = build_events(clusters, docs, mention_entity, names)
    by_id = {e.id: e for e in events}
    missed = link_forecasts(clusters, by_id)
    for e in events:  # the evidence text, copied once per source from the document
        for s in e.sources:
            s.text = docs[s.doc].text[s.start : s.end]
    by_cluster = {c.id: c for c in clusters}
    add_echoes(events, by_cluster, story_docs, docs, extractions, quote_speaker or {})
    mark_minor(events)
    events.sort(key=lambda e: (timespan.sort_key(e.date), -len(e.sources), e.id))
    return Timeline(events, conflicts, missed, by_cluster)
