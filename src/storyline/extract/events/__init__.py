"""Events: who did what (to whom), when, where — one ``EventMention`` per event a sentence tells.

The step ``events`` reads the spaCy parse once, sentence by sentence:
``triggers`` finds the verbs and nouns of a known type (``ontology``), ``modality`` decides whether
the text tells the event happened (and who tells it), will happen, may have, or did not,
``dating`` finds the time expression of the event's own clause, ``arguments`` the named participants
and ``summary`` a short line from the clause. It runs after the time expressions and the quotes:
it reads ``Extraction.time_expressions`` and ``Extraction.quotes`` and never the publication date,
except to tell that a dated event lies ahead of the article (then it is expected).

An EventMention's ``attributes`` (``model.EventAttributes``): the PLOVER category and the trigger's span;
``roles`` (agents, patients, places: mention spans), ``topic`` (the object's lemma and text, the themes),
``telling`` (who reports it, the quotation it is told in, its phase, a noun or a background participle)
and ``dating`` (the time expression, whether the date is the clause's own or came through another clause,
a report or a quotation, and whether it is weak: counted from an unnamed point, "two years later").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import POS
from spacy.symbols import AUX, NOUN, VERB

from storyline import timespan
from storyline.extract.claims import evidence
from storyline.extract.claims.dates import published_day
from storyline.extract.events import ontology as onto
from storyline.extract.events.arguments import Participants, participle_of, roles
from storyline.extract.events.dating import EventDate, SentenceDates, event_date
from storyline.extract.events.modality import modality
from storyline.extract.events.paragraphs import Paragraphs
from storyline.extract.events.summary import purpose_phrase, summarize
from storyline.extract.events.triggers import Trigger, find
from storyline.model import (
    CharSpan,
    Document,
    EventAttributes,
    EventDating,
    EventMention,
    EventRoles,
    EventTelling,
    EventTopic,
    Extraction,
    Mention,
    Quote,
    TimeExpression,
)
from storyline.settings import current

if TYPE_CHECKING:
    from datetime import date

    from spacy.tokens import Doc, Span, Token

__all__ = ["events"]

# Saying verbs make an event only with a named speaker: an unattributed "it was said" tells nothing.
_NEEDS_SPEAKER = frozenset({"statement", "announce", "accuse", "deny", "demand", "threaten"})
_POSSIBLE_STOPS = frozenset(onto.NOUNS) | onto.WEAPON_NOUN_EVENTS
_TEXT_TYPES = frozenset({"LAW", "WORK_OF_ART"})
_DECIDING = frozenset({"vote", "agree"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# A trip or a meeting whose purpose is a meeting ("will visit Moscow to meet the president", "met to
# discuss the plan"): one event, told by the main verb.
_CONSULT = frozenset({"visit", "meet", "discuss", "negotiate"})


class _Quotes:
    def __init__(self, quotes: list[Quote]) -> None:
        self.items = sorted((q for q in quotes if q.end > q.start), key=lambda q: q.start)
        self.starts = [q.start for q in self.items]
        self.used: set[int] = set()  # quotes whose saying is already an event

    def near(self, start: int, end: int) -> list[tuple[int, Quote]]:
        """Quotes that begin within [start - 400, end): those a saying verb of that sentence introduces."""
        lo = bisect_right(self.starts, start - 400)
        hi = bisect_right(self.starts, end)
        return [(k, self.items[k]) for k in range(lo, hi)]

    def at(self, char: int) -> Quote | None:
        k = bisect_right(self.starts, char) - 1
        while k >= 0:
            q = self.items[k]
            if q.start <= char < q.end:
                return q
            if char - q.start > 5000:
                break
            k -= 1
        return None


def _told_as_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in {"has", "have", "had"} for c in verb.children)


def said(tok: Token, quotes: _Quotes) -> Quote | None:
    """The quotation a saying verb introduces (the quotes step names the verb as its cue): its day dates
    the saying, and it is not made a statement of its own."""
    sent = tok.sent
    for k, q in quotes.near(sent.start_char, sent.end_char):
        if (q.cue or "").lower() == tok.lower_ and q.end > sent.start_char:
            quotes.used.add(k)
            return q
    return None


def _quoted(q: Quote) -> str:
    cfg = current().extract
    words = q.text.split()
    text = " ".join(words[: cfg.quote_words]) + ("…" if len(words) > cfg.quote_words else "")
    return f"“{text}”" if q.kind == "direct" else text


def _given(tes: list[TimeExpression], start: int, end: int, value: str | None) -> bool:
    """Whether a time expression between ``start`` and ``end`` says ``value``: a quote's date taken from an
    earlier sentence (the article's reporting frame) does not date an event on its own."""
    return value is not None and any(start <= t.start < end and timespan.normalize(t.value) == value for t in tes)


def _quote_events(doc: Document, sdoc: Doc, quotes: _Quotes, tes: list[TimeExpression]) -> list[EventMention]:
    """A statement for each attributed quotation no saying verb of ours introduced (captions, "X: ...")."""
    out = []
    for k, q in enumerate(quotes.items):
        if k in quotes.used or not q.speaker_name or quotes.at(q.start - 1) is not None:
            continue
        tok = sdoc.char_span(q.start, q.end, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        sent = tok[0].sent
        start, end = evidence(doc.text, sent.start_char, max(sent.end_char, min(q.end, sent.start_char + 600)), q.start)
        line = doc.text.rfind("\n", 0, q.start) + 1
        # a caption's label: "[Name, title / March 3: "
        label = line if q.start - line <= current().extract.caption_label_chars else start
        value = timespan.normalize(q.said_on)
        if not _given(tes, min(start, label), end, value):
            continue  # an undated quotation stays in "who said what"; the timeline keeps the dated ones
        agents: list[CharSpan] = []
        if q.speaker_start is not None and q.speaker_end is not None:
            agents.append((q.speaker_start, q.speaker_end))
        out.append(
            EventMention(
                id="",
                type="statement",
                summary=f"{q.speaker_name}: {_quoted(q)}",
                start=start,
                end=end,
                trigger=q.cue or "",
                modality="asserted",
                date=value,
                date_precision=timespan.precision(value),
                actors=[q.speaker_name],
                attributes=EventAttributes(roles=EventRoles(agents), dating=EventDating(q.said_on, "quote")),
            )
        )  # fmt: skip
    return out


def _spans(mentions: list[Mention]) -> list[CharSpan]:
    return [(m.start, m.end) for m in mentions]


def _time_tokens(sent: Span, dates: SentenceDates) -> set[int]:
    out: set[int] = set()
    for d in dates.in_sentence(sent[0]):
        span = sent.doc.char_span(d.te.start, d.te.end, alignment_mode="expand")
        if span is None:
            continue
        out.update(t.i for t in span)
        head = span.root.head  # the preposition that introduces it: "on the 24th"
        if span.root.dep_ == "pobj" and head.dep_ == "prep":
            out.add(head.i)
    return out


def _mention(doc: Document, people: Participants, dates: SentenceDates, quotes: _Quotes, tes: list[TimeExpression],
             tr: Trigger, published: date | None, time_tokens: set[int]) -> EventMention | None:  # fmt: skip
    tok = tr.token
    quote = quotes.at(tok.idx)
    speaker = quote.speaker_name if quote is not None else None
    if quote is not None and onto.family(tr.type) == "statement":
        return None  # a saying inside a quotation is part of what was said
    mod = modality(tr, people.name_of, speaker, people.paras)
    if mod is None:
        return None
    r = roles(tr, people)
    if tr.type in _NEEDS_SPEAKER and not tr.noun:
        if not people.speaks(r.subject) or (r.agents and all(m.type in _TEXT_TYPES for m in r.agents)):
            return None  # nobody says it ("it was said"), or a text does ("the treaty states")
    when = event_date(tr, dates, quote)
    told = said(tok, quotes) if tr.type in _NEEDS_SPEAKER and not tr.noun else None
    if when is None and told is not None and onto.family(tr.type) == "statement":
        value = timespan.normalize(told.said_on)
        sent = tok.sent
        if _given(tes, sent.start_char, max(sent.end_char, told.end), value):
            when = EventDate(value or "", timespan.precision(value) or "day", told.said_on or "", "quote")
    if tr.noun and tr.via in {"date", "prep"} and not (r.agents or r.patients or when):
        return None  # "ahead of the election" with nobody named and no date: too vague for a timeline
    if when is None and tr.noun and any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in tok.children):
        return None  # "this meeting was the first since ...": an event the article told before
    bare = tr.noun or (tok.tag_ == "VBG" and r.subject is None)
    if bare and when is None and not (r.agents or r.patients or r.themes or r.object is not None):
        return None  # "ratifying", "the walkout": nobody, nothing and no date to place it
    if tr.type == "statement" and not tr.noun:
        if when is None and not any(t.like_num and t.ent_type_ not in {"DATE", "TIME"} for t in tok.sent):
            return None  # an undated "X said" is for "who said what"; the timeline keeps sayings it can place
            # and those that put a figure forward ("the agency said the floor is 950 million")
        if told is None and not any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children):
            return None  # "failed to respond": no saying without something said
    value = when.value if when else None
    begins = timespan.start(value)
    ahead = bool(begins and published and begins > published)
    if ahead and not tr.noun and _told_as_past(tok):
        when, value, ahead = None, None, False  # "blew up" cannot be dated after the article: a misread date
    state = mod.value
    if mod.would:
        state = "expected" if ahead else "possible"
    elif ahead and state in {"asserted", "reported"}:
        state = "expected"
    sent = tok.sent
    start, end = evidence(doc.text, sent.start_char, sent.end_char, tok.idx)
    summary = summarize(tr, r.subject, time_tokens, people.pronoun)
    if told is not None and len(summary.split()) < 6:
        summary = f"{summary}: {_quoted(told)}"  # "X said: “...”"
    obj = r.object
    attributes = EventAttributes(
        plover=onto.TYPES[tr.type].plover,
        trigger_start=tok.idx,
        trigger_end=tok.idx + len(tok.text),
        roles=EventRoles(_spans(r.agents), _spans(r.patients), _spans(r.places)),
        topic=EventTopic(
            obj.lemma_.lower() if obj is not None else None,
            doc.text[obj.left_edge.idx : obj.idx + len(obj.text)][:120] if obj is not None else None,
            list(r.themes),
        ),
        telling=EventTelling(
            source=mod.source if mod.source and state != "asserted" else None,
            in_quote=quote.start if quote is not None else None,  # its quotation: its speaker and day, for merging
            phase=tr.phase,
            noun=tr.noun,
            participle=not tr.noun and participle_of(tok) is not None,  # "the treaty signed in June": background
        ),
        dating=EventDating(when.text, when.basis, when.weak) if when else EventDating(),
    )
    actors: list[str] = []
    for m in [*r.agents, *r.patients]:
        if m.text not in actors:
            actors.append(m.text)
    return EventMention(
        id="",
        type=tr.type,
        summary=summary or doc.text[start:end][:160],
        start=start,
        end=end,
        trigger=tok.text,
        modality=state,
        date=value,
        date_precision=when.precision if when else None,
        actors=actors,
        attributes=attributes,
    )


def _purpose_of(tr: Trigger, made: dict[int, EventMention]) -> bool:
    """Whether a meeting is the purpose of the trip or meeting whose clause governs it ("to visit X to meet Y")."""
    tok = tr.token
    if tr.noun or tr.type not in _CONSULT or tok.i not in made or tok.head.i == tok.i:
        return False
    if tok.dep_ not in {"advcl", "xcomp"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    main = made.get(tok.head.i)
    return main is not None and main.type in _CONSULT


def _fold_purpose(main: EventMention, purpose: EventMention, tr: Trigger, time_tokens: set[int],
                  people: Participants) -> None:  # fmt: skip
    """The main event takes the purpose's words and participants: "X is scheduled to visit Y to meet Z"."""
    phrase = purpose_phrase(tr.token, time_tokens, people.pronoun)
    if phrase and len(main.summary.split()) + len(phrase.split()) <= 28:
        main.summary = f"{main.summary} {phrase}"
    mine, theirs = main.attributes.roles, purpose.attributes.roles
    for role in ("agents", "patients", "places"):
        spans: list[CharSpan] = getattr(mine, role)
        spans.extend(span for span in getattr(theirs, role) if span not in spans)
    main.actors.extend(a for a in purpose.actors if a not in main.actors)
    if main.date is None and purpose.date is not None:
        main.date, main.date_precision = purpose.date, purpose.date_precision


def events(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    if sdoc is None:
        return
    # Token objects only for the nouns: building one per token costs more than the rest of this step
    pos = sdoc.to_array([POS])
    stops = {int(i) for i in np.flatnonzero((pos == VERB) | (pos == AUX))}
    stops.update(int(i) for i in np.flatnonzero(pos == NOUN) if sdoc[int(i)].lemma_.lower() in _POSSIBLE_STOPS)
    paras = Paragraphs(doc.text)
    dates = SentenceDates(sdoc, ex.time_expressions, stops, paras)
    dated = dates.hosted()
    people = Participants(sdoc, ex.mentions, paras)
    quotes = _Quotes(ex.quotes)
    published = published_day(doc.published)
    out: list[EventMention] = []
    for sent in sdoc.sents:
        found = find(sent, dated)
        if not found:
            continue
        time_tokens = _time_tokens(sent, dates)
        told: dict[int, str] = {}  # verb token → family, for the verbs that made an event
        made: dict[int, EventMention] = {}  # clause verb → the event it made
        for tr in sorted(found, key=lambda t: t.noun):  # verbs first
            if tr.noun and tr.host is not None and tr.host.i in told:
                occasion = tr.via == "prep" and tr.token.head.lower_ in onto.SAME_TIME_PREPS
                if occasion or told[tr.host.i] == onto.family(tr.type):
                    continue  # "stated during a briefing": the briefing is the statement's occasion
            if tr.noun and tr.via == "date" and tr.token.dep_ == "dobj" and tr.token.head.i in told:
                continue  # "will debate the bill on the 9th": the topic of the debate
            mention = _mention(doc, people, dates, quotes, ex.time_expressions, tr, published, time_tokens)
            if mention is not None:
                out.append(mention)
                made[tr.clause.i] = mention
                if not tr.noun:
                    told[tr.token.i] = onto.family(tr.type)
        # "voted to ratify", "agreed to end the strike": the vote is the ratification, the agreement the ending;
        # "criticized X, saying ...": the saying is the criticism
        for tr in found:
            if _purpose_of(tr, made):
                purpose = made.pop(tr.token.i)
                _fold_purpose(made[tr.token.head.i], purpose, tr, time_tokens, people)
                out.remove(purpose)
                continue
            if onto.family(tr.type) == "statement" and tr.token.dep_ == "advcl" and tr.token.i in made:
                if tr.token.head.i in made and tr.token.head.i != tr.token.i:
                    out.remove(made.pop(tr.token.i))
                    continue
            if tr.type in _DECIDING and not tr.noun and tr.token.i in made:
                if any(c.dep_ == "xcomp" and c.i in made for c in tr.token.children):
                    out.remove(made.pop(tr.token.i))
    out.extend(_quote_events(doc, sdoc, quotes, ex.time_expressions))
    out.sort(key=lambda e: (e.start, e.start if e.attributes.trigger_start is None else e.attributes.trigger_start))
    ex.events = out
