"""Sayings told again: a quotation by the same speaker with the same words joins the statement's entry.

One outlet writes "Ruiz said at a briefing on Tuesday that ... the terms of the accord are clear",
another prints a caption "[Ministry spokeswoman Ana Ruiz: The terms of the accord are so clear ...]"
with no date and no saying verb, so it never became an event mention. A statement entry *owns* the
quotations of its speaker that its own sentences carry or that were said on its day in its documents;
a quotation of the same speaker in another document that shares enough words with one it owns (at
least ``echoes.min_shared`` content words and ``echoes.min_jaccard`` of them) is the same saying: its sentence
becomes a source of the entry (``Event.echoes`` lists the quotation ids). A quotation dated another
day is another saying. Each quotation joins at most one entry, the one it matches best; quotations are
looked up by speaker and then by shared word, so the cost grows with the quotes of each speaker that share
words, never with all pairs. A quotation another entry's own sentence tells is left to that entry.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline import timespan
from storyline.model import Document, Event, EventSource, Extraction, Quote
from storyline.settings import current

SAYING_FAMILIES = frozenset({"statement", "accuse", "deny", "demand", "threaten"})
_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    """that this with from have will would said says their there been were they about which after more than
    also into over when what some such other them then only just very being does these those your ours""".split()
)


def words(text: str) -> frozenset[str]:
    """Content words cut to six letters, so that "required" meets "requires"."""
    return frozenset(w[:6] for w in _WORD.findall(text.lower()) if w not in _STOP)


def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    cfg = current().echoes
    shared = len(a & b)
    if shared < cfg.min_shared:
        return 0.0
    jaccard = shared / len(a | b)
    return jaccard if jaccard >= cfg.min_jaccard else 0.0


def _sentence(ex: Extraction, q: Quote) -> tuple[int, int]:
    """The sentence(s) the quotation sits in."""
    starts = [s.start for s in ex.sentences]
    k = bisect_right(starts, q.start) - 1
    if k < 0:
        return q.start, q.end
    start, end = ex.sentences[k].start, ex.sentences[k].end
    while end < q.end and k + 1 < len(ex.sentences) and ex.sentences[k + 1].start - start < 1200:
        k += 1
        end = ex.sentences[k].end
    return start, max(end, min(q.end, start + 1200))


@dataclass
class _Said:
    doc: str
    quote: Quote
    words: frozenset[str]
    day: date | None


def _postings(told: list[_Said]) -> tuple[list[_Said], dict[str, list[int]]]:
    """One speaker's quotations and, per word, the quotations that use it."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(told):
        for w in s.words:
            index[w].append(k)
    return told, index


def _inside(q: Quote, spans: list[tuple[int, int]]) -> bool:
    return any(s <= q.start < e or q.start <= s < q.end for s, e in spans)


def add_echoes(
    events: list[Event],
    clusters: dict[str, Any],
    story_docs: list[str],
    docs: dict[str, Document],
    extractions: dict[str, Extraction],
    quote_speaker: dict[str, str],
) -> None:
    """Add the sentences of quotations that repeat what a statement entry's speaker said (see the module)."""
    cfg = current().echoes
    quotes: dict[str, list[_Said]] = defaultdict(list)
    for d in story_docs:
        ex = extractions.get(d)
        if ex is None or d not in docs:
            continue
        for q in ex.quotes:
            speaker = quote_speaker.get(q.id) or q.speaker
            if speaker:
                quotes[speaker].append(_Said(d, q, words(q.text), timespan.day(q.said_on)))
    if not quotes:
        return
    # a quotation an entry's own sentence already tells belongs to that entry, not to another's echoes
    told_in = defaultdict(list)
    for c in clusters.values():
        if c.items[0].family not in SAYING_FAMILIES:
            continue
        for it in c.items:
            told_in[it.doc].append((it.m.start, it.m.end))
    postings: dict[str, tuple[list[_Said], dict[str, list[int]]]] = {}
    best: dict[str, tuple[float, Event, _Said, _Said]] = {}  # quote id → its best entry
    for ev in events:
        c = clusters.get(ev.id)
        if c is None or c.items[0].family not in SAYING_FAMILIES or c.items[0].cls != "actual":
            continue
        day = timespan.day(c.date)
        spans = defaultdict(list)
        for it in c.items:
            spans[it.doc].append((it.m.start, it.m.end))
        for speaker in sorted(c.agents):
            if speaker not in quotes:
                continue
            if speaker not in postings:
                postings[speaker] = _postings(quotes[speaker][-cfg.per_speaker :])
            told, index = postings[speaker]
            owned = [
                s for s in told
                if s.doc in c.docs and (_inside(s.quote, spans[s.doc]) or (day is not None and s.day == day))
            ][:cfg.max_owned]  # fmt: skip
            for o in owned:
                hits: Counter[int] = Counter()
                for w in o.words:
                    hits.update(index.get(w, ()))
                for k, n in hits.items():
                    s = told[k]
                    if n < cfg.min_shared or s.doc in c.docs or not s.quote.id or _inside(s.quote, told_in[s.doc]):
                        continue
                    if s.day is not None and c.date is not None and not timespan.compatible(s.day.isoformat(), c.date):
                        continue  # said on another day: another saying
                    sim = _similar(s.words, o.words)
                    if sim > 0 and (s.quote.id not in best or best[s.quote.id][0] < sim):
                        best[s.quote.id] = (sim, ev, s, o)
    found: dict[str, list[tuple[_Said, _Said]]] = defaultdict(list)
    for _, ev, echo, owner in best.values():
        found[ev.id].append((echo, owner))
    by_id = {ev.id: ev for ev in events}
    for eid, pairs in found.items():
        ev = by_id[eid]
        # the echo's sentence, and the owner's quotation when its own sentence is not cited yet: the words that match
        for d, q in [(x.doc, x.quote) for pair in pairs for x in pair]:
            start, end = _sentence(extractions[d], q)
            if not any(s.doc == d and s.start < end and start < s.end for s in ev.sources):
                ev.sources.append(EventSource(d, docs[d].text[start:end], start, end))
        ev.sources.sort(key=lambda s: (docs[s.doc].published or "", s.doc, s.start))
        ev.echoes = sorted(echo.quote.id for echo, _ in pairs)
        cited_docs = {s.doc for s in ev.sources}
        ev.docs = len(cited_docs)
        ev.outlets = sorted({docs[d].outlet or "unknown outlet" for d in cited_docs})
