"""A story's title and lead, from what most sources tell.

Title: among the headlines of the articles that tell the most covered event, the one the other
headlines echo most (a quarter of their words in common); else that event's summary when at least half
of the articles tell it; else the headline the others echo most; else that summary when two articles tell
it; else the earliest headline. Headlines are the articles' titles, or read from their openings, cleaned
of bylines, datelines, agency tags and times (``link.titles``); a title never opens with a phrase that
leans on an earlier sentence, and neither does a lead sentence where another one can be chosen. Lead: two or three sentences, one per most covered event (the
evidence sentence that reads best: a whole sentence of prose, not a caption, that tells the event
itself rather than mentioning it in passing), in date order. The
lead is stored in ``Story.lead`` (``LeadSentence``: text, doc, start, end, event, date) for the exports
and the web UI.
"""

from __future__ import annotations

import re

from storyline import timespan
from storyline.extract.events.ontology import kind
from storyline.link.titles import headline, stands_alone
from storyline.model import Document, Event, LeadSentence
from storyline.settings import current

_WORD = re.compile(r"[^\W\d_]{3,}")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?$")
_QUIET = frozenset({"statement", "announce"})  # sayings rarely make a story's title or lead on their own


def _words(text: str) -> set[str]:
    """Content words cut to five letters, so that "ratifies" meets "ratified"."""
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 3}


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
        not kind(e.type).once,
        e.date is None,
        timespan.width(e.date),
        e.id,
    )


def _most_agreed(candidates: list[Document], headlines: list[tuple[Document, set[str]]]) -> Document | None:
    """The candidate whose headline the most other headlines agree with (share a quarter of their words)."""
    words = {id(d): w for d, w in headlines}
    best, best_key = None, (0, 0.0)
    for d in candidates:
        scores = [_jaccard(words[id(d)], w) for o, w in headlines if o is not d]
        key = (sum(x >= current().timeline.headline_agreement for x in scores), sum(scores))
        if key > best_key:
            best, best_key = d, key
    return best if best_key[0] >= 1 else None


def story_title(docs: list[Document], events: list[Event], fallback: str) -> str:
    """The story's title: never a byline, dateline, agency tag or time (``link.titles``)."""
    longest = current().timeline.title_max_chars
    titles = {d.id: t for d in docs if d.title and len(d.title) <= longest and (t := headline(d.title, given=True))}
    headlines = [(d, _words(titles[d.id])) for d in docs if d.id in titles]
    told = [e for e in events if e.modality in {"asserted", "reported"} and e.summary]
    top = min(told, key=_rank) if told else None
    covered = _coverage(top) if top else 0
    summary = headline(top.summary.rstrip("…").rstrip(), given=True) if top is not None else None
    if top is not None and covered >= 2 and len(headlines) >= 2:
        # the headline, among those of the articles that tell the most covered event, that the others echo
        tellers = {s.doc for s in top.sources}
        best = _most_agreed([d for d, _ in headlines if d.id in tellers], headlines)
        if best is not None:
            return titles[best.id]
    if summary and covered >= 2 and covered * 2 >= len(docs):
        return summary
    if len(headlines) >= 2:
        best = _most_agreed([d for d, _ in headlines], headlines)
        if best is not None:
            return titles[best.id]
    if summary and covered >= 2:
        return summary
    if headlines:
        return titles[headlines[0][0].id]
    return fallback or summary or "Untitled story"


def _share(told: set[str], sentence: set[str]) -> float:
    return len(told & sentence) / len(told) if told else 0.0


def _readable(text: str) -> bool:
    """A sentence of prose: not a headline, caption or fragment."""
    words = text.split()
    shortest, longest = current().timeline.lead_sentence_words
    if not shortest <= len(words) <= longest or "\n" in text or text.lstrip().startswith(("[", "(", "“", '"', "'")):
        return False
    return bool(_SENTENCE_END.search(text.rstrip()))


def story_lead(events: list[Event], docs: dict[str, Document]) -> list[LeadSentence]:
    lead: list[LeadSentence] = []
    seen: set[tuple[str, int]] = set()
    cfg = current().timeline
    long = cfg.lead_long_words
    for e in sorted(events, key=_rank):
        if len(lead) == cfg.lead_events:
            break
        if e.modality not in {"asserted", "reported"} or (e.type in _QUIET and lead):
            continue
        candidates = [s for s in e.sources if (s.doc, s.start) not in seen and s.doc in docs]
        if not candidates:
            continue
        readable = [s for s in candidates if _readable(s.text)] or candidates
        readable = [s for s in readable if stands_alone(s.text)] or readable  # never "A day earlier, ..."
        told = _words(e.summary)
        # the sentence that tells the event itself (most of its summary's words), not one that
        # mentions it in passing; then the earliest report
        src = min(readable, key=lambda s: (len(s.text.split()) > long, -round(_share(told, _words(s.text)), 1),
                                           docs[s.doc].published or "", s.start))  # fmt: skip
        seen.add((src.doc, src.start))
        lead.append(LeadSentence(src.text, src.doc, src.start, src.end, e.id, e.date))
    lead.sort(key=lambda x: timespan.sort_key(x.date))
    return lead
