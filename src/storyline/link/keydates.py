"""The dates that matter: salience of a story's days and entries, and its timeline summary.

A day matters when many articles name it, above all articles written later that refer back to it ("the
rig exploded on April 20", a month on). A day's salience is the number of independent articles (reprints
aside) with a time expression of that day, each counting ``1 + timeline.later_bonus`` when it was published at
least ``timeline.later_days`` after the day: the mention count that timeline summarization research found hard to
beat, plus the retrospective references a developing story accumulates.

An entry's salience adds to its day's: the independent articles that tell it, half a point per outlet,
and a point for a one-off milestone (a signing, a ratification, a resignation). The ``timeline.key_events`` most
salient dated entries are marked ``key``; the ``timeline.key_dates`` most salient days are the story's key dates,
each with its entries.

``timeline_summary`` gives what timeline summarization systems output: the N most salient days, each
with the K sentences that best tell what happened that day — among the sentences that date something to
that day and the opening sentences of the articles published that day (news opens with its news; an
opening sentence that dates another day is left to that day), those nearest the day's centroid of content
words (sentences repeated by more articles weigh more), no two saying nearly the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline import timespan
from storyline.extract.events.ontology import kind
from storyline.link.terms import content_stems
from storyline.model import Document, Event, EventSource, Extraction, KeyDate
from storyline.settings import current


@dataclass
class DaySalience:
    day: str  # YYYY-MM-DD
    score: float = 0.0
    articles: set[str] = field(default_factory=set)
    later: int = 0  # articles published timeline.later_days or more after the day that name it


def _day(value: str | None) -> str | None:
    """The calendar day a time expression value names, if it names one."""
    found = timespan.parse(value)
    return value[:10] if found is not None and found[2] == "day" and value else None


def day_salience(
    docs: Iterable[Document], extractions: dict[str, Extraction], since: str | None = None, until: str | None = None
) -> dict[str, DaySalience]:
    """The salience of every day the independent articles name (inside ``since``..``until`` when given)."""
    cfg = current().timeline
    days: dict[str, DaySalience] = {}
    for doc in docs:
        ex = extractions.get(doc.id)
        if ex is None or doc.duplicate_of:
            continue
        published = timespan.day_number(doc.published)
        named = {d for t in ex.time_expressions if (d := _day(t.value))}
        for day in named:
            if (since and day < since) or (until and day > until):
                continue
            s = days.setdefault(day, DaySalience(day))
            s.articles.add(doc.id)
            later = published is not None and published - (timespan.day_number(day) or published) >= cfg.later_days
            s.later += later
            s.score += 1 + (cfg.later_bonus if later else 0)
    return days


def _ranked_days(days: dict[str, DaySalience]) -> list[DaySalience]:
    return sorted(days.values(), key=lambda s: (-s.score, s.day))


def event_salience(e: Event, days: dict[str, DaySalience], outlets: dict[str, str | None]) -> float:
    cfg = current().timeline
    tellers = {s.doc for s in e.sources}
    named_outlets = {o.casefold() for d in tellers if (o := outlets.get(d))}
    day = days.get(e.date or "") if e.date_precision == "day" else None
    return (
        len(tellers)
        + cfg.outlet_weight * len(named_outlets)
        + (day.score if day else 0.0)
        + (cfg.milestone_bonus if kind(e.type).once else 0.0)
    )


def mark_key_events(events: list[Event], docs: list[Document], extractions: dict[str, Extraction]) -> list[KeyDate]:
    """Set ``salience`` on every entry and ``key`` on the most salient dated ones; return the key dates,
    most salient first."""
    cfg = current().timeline
    days = day_salience(docs, extractions)
    outlets = {d.id: d.outlet for d in docs}
    for e in events:
        e.salience = round(event_salience(e, days, outlets), 2)
        e.key = False
    candidates = [e for e in events if e.date and not e.minor and e.modality in {"asserted", "reported", "expected"}]
    for e in sorted(candidates, key=lambda e: (-(e.salience or 0.0), timespan.sort_key(e.date), e.id))[
        : cfg.key_events
    ]:
        e.key = True
    on_day: dict[str, list[Event]] = {}
    for e in candidates:
        if e.date_precision == "day" and e.date:
            on_day.setdefault(e.date[:10], []).append(e)
    out = []
    for rank, s in enumerate(_ranked_days(days)[: cfg.key_dates], start=1):
        told = sorted(on_day.get(s.day, []), key=lambda e: (-(e.salience or 0.0), e.id))
        out.append(KeyDate(s.day, rank, round(s.score, 2), len(s.articles), s.later, [e.id for e in told]))
    return out


@dataclass
class SummaryDay:
    date: str
    score: float
    sentences: list[EventSource]


def _sentence_of(ex: Extraction, pos: int) -> tuple[int, int] | None:
    for s in ex.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    return None


def timeline_summary(
    docs: list[Document],
    extractions: dict[str, Extraction],
    dates: int,
    sentences: int,
    since: str | None = None,
    until: str | None = None,
) -> list[SummaryDay]:
    """The ``dates`` most salient days (inside ``since``..``until``), in date order, each with up to
    ``sentences`` sentences that tell what happened that day."""
    cfg = current().timeline
    days = day_salience(docs, extractions, since, until)
    chosen = sorted(_ranked_days(days)[:dates], key=lambda s: s.day)
    wanted = {s.day for s in chosen}
    candidates: dict[str, dict[str, list[EventSource]]] = {d: {} for d in wanted}  # day → text → sources

    def offer(day: str, doc: Document, span: tuple[int, int]) -> None:
        text = " ".join(doc.text[span[0] : span[1]].split())
        if cfg.summary_words[0] <= len(text.split()) <= cfg.summary_words[1]:
            found = candidates[day].setdefault(text, [])
            if all(s.doc != doc.id for s in found):
                found.append(EventSource(doc.id, text, span[0], span[1]))

    for doc in docs:
        ex = extractions.get(doc.id)
        if ex is None or doc.duplicate_of:
            continue
        other_days: set[tuple[int, int]] = set()
        published = _day(doc.published)
        for t in ex.time_expressions:
            span = _sentence_of(ex, t.start)
            if span is None:
                continue
            day = _day(t.value)
            if day in wanted:
                offer(day, doc, span)
            if day is not None and day != published:
                other_days.add(span)
        if published in wanted:
            for sentence in ex.sentences[: cfg.summary_opening]:
                if (sentence.start, sentence.end) not in other_days:
                    offer(published, doc, (sentence.start, sentence.end))
    language = {d.id: d.language for d in docs}
    out = []
    for s in chosen:
        texts = candidates[s.day]
        picked = _summarize(texts, sentences, language)
        out.append(SummaryDay(s.day, round(s.score, 2), [texts[t][0] for t in picked]))
    return out


def _summarize(texts: dict[str, list[EventSource]], k: int, language: dict[str, str | None]) -> list[str]:
    """Up to ``k`` of the texts nearest their centroid of content words, each new one not redundant."""
    cfg = current().timeline
    if not texts or k <= 0:
        return []
    bags = {t: Counter(content_stems(t, language.get(srcs[0].doc))) for t, srcs in texts.items()}
    centroid: Counter[str] = Counter()
    for t, bag in bags.items():
        for w in bag:
            centroid[w] += len(texts[t])  # a sentence several articles print counts that often

    def score(t: str) -> float:
        bag = bags[t]
        size = sum(bag.values())
        return sum(centroid[w] * n for w, n in bag.items()) / (size**cfg.summary_length_exponent) if size else 0.0

    picked: list[str] = []
    for t in sorted(texts, key=lambda t: (-score(t), t)):
        if len(picked) == k:
            break
        words = set(bags[t])
        if any(_overlap(words, set(bags[p])) > cfg.summary_redundant for p in picked):
            continue
        picked.append(t)
    return picked


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
