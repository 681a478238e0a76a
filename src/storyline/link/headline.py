"""A story's title and lead, from what most sources tell.

Title: the headline most articles share (at least two headlines with words in common), else the
summary of the event the most articles tell when at least half of them tell it, else the earliest
headline (``stories.story_title``). Lead: two or three sentences, one per most covered event (the
evidence sentence that reads best: a whole sentence of prose, not a caption), in date order. The
lead is stored in ``Story.extra["lead"]`` as [{text, doc, start, end, event, date}] for the exports
and the web UI.
"""

from __future__ import annotations

import re
from typing import Any

from storyline import timespan
from storyline.extract.events.ontology import TYPES
from storyline.model import Document, Event

_WORD = re.compile(r"[^\W\d_]{3,}")
_LEAD_EVENTS = 3
_HEADLINE_AGREEMENT = 0.2  # mean word overlap with the other headlines that makes a headline the story's
_QUIET = frozenset({"statement", "announce"})  # sayings rarely make a story's title or lead on their own


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _coverage(e: Event) -> int:
    return len({s.doc for s in e.sources})


def _rank(e: Event) -> tuple:
    """Most covered first; among equals, what happened before what is said, milestones, dated events."""
    return (
        -_coverage(e),
        e.modality not in {"asserted", "reported"},
        e.type in _QUIET,
        -len(e.sources),
        not TYPES[e.type].once if e.type in TYPES else True,
        e.date is None,
        timespan.width(e.date),
        e.id,
    )


def story_title(docs: list[Document], events: list[Event], fallback: str) -> str:
    headlines = [(d, _words(d.title)) for d in docs if d.title and len(d.title) <= 160]
    if len(headlines) >= 2:
        best, best_score = None, 0.0
        for d, words in headlines:
            others = [_jaccard(words, w) for o, w in headlines if o is not d]
            mean = sum(others) / len(others)
            if mean > best_score:
                best, best_score = d, mean
        if best is not None and best_score >= _HEADLINE_AGREEMENT:
            return best.title or fallback
    told = [e for e in events if e.modality in {"asserted", "reported"} and e.summary]
    if told:
        top = min(told, key=_rank)
        n = _coverage(top)
        if n >= 2 and n * 2 >= len(docs) and len(top.summary.split()) >= 3:
            return top.summary.rstrip("…").rstrip()
    return fallback


def _readable(text: str) -> bool:
    """A sentence of prose: not a headline, caption or fragment."""
    words = text.split()
    if not 6 <= len(words) <= 45 or "\n" in text or text.lstrip().startswith(("[", "(", "“", '"', "'")):
        return False
    return text.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def story_lead(events: list[Event], docs: dict[str, Document]) -> list[dict[str, Any]]:
    lead: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for e in sorted(events, key=_rank):
        if len(lead) == _LEAD_EVENTS:
            break
        if e.modality not in {"asserted", "reported"} or (e.type in _QUIET and lead):
            continue
        candidates = [s for s in e.sources if (s.doc, s.start) not in seen and s.doc in docs]
        if not candidates:
            continue
        readable = [s for s in candidates if _readable(s.text)] or candidates
        src = min(readable, key=lambda s: (len(s.text.split()) > 35, docs[s.doc].published or "", s.start))
        seen.add((src.doc, src.start))
        lead.append({"text": src.text, "doc": src.doc, "start": src.start, "end": src.end, "event": e.id,
                     "date": e.date})  # fmt: skip
    lead.sort(key=lambda x: timespan.sort_key(x["date"]))
    return lead
