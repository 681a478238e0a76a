"""Events in other languages: the clear-trigger types and dated statements, without a parse.

A sentence tells an event of a type when it holds one of the language's trigger words for it
(``triggers`` in the language file: "unterzeichnet", "подписали", "서명", "署名", "وقع"); a
deployment needs a word for troops in the sentence too. A trigger inside a quotation is part of
what was said, not an event. The event takes the time expression of its sentence nearest to the
trigger (never the publication date), the sentence's named actors as its participants, and a
modality: denied (a negation next to the trigger), expected (a future cue of the language, or a
date after publication), reported (the sentence reports someone's words), else asserted. A
statement is a timeline event only when its sentence dates it. Merging with the English tellings
of the same event is the link stage's (same type, same date, shared actors).
"""

from __future__ import annotations

import re
from datetime import date

from storyline import timespan
from storyline.extract.events import ontology as onto
from storyline.extract.foreign.text import SentenceIndex
from storyline.extract.languages import LanguagePack
from storyline.extract.timex.languages import CJK, LANGUAGES
from storyline.model import (
    EventAttributes,
    EventDating,
    EventMention,
    EventRoles,
    EventTelling,
    Mention,
    Modality,
    Quote,
    TimeExpression,
)
from storyline.settings import current

# Reach and lengths: ``storyline.settings`` (group ``foreign``).
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _future(pack: LanguagePack) -> re.Pattern[str] | None:
    cue = pack.raw.get("future") or (LANGUAGES.get(pack.code) or CJK.get(pack.code) or {}).get("future")
    return re.compile(cue, re.IGNORECASE) if cue else None


def find_events(text: str, pack: LanguagePack, sentences: list[tuple[int, int]], mentions: list[Mention],
                timexes: list[TimeExpression], quotes: list[Quote], published: str | None) -> list[EventMention]:  # fmt: skip
    triggers = pack.triggers()
    troops = pack.words("troop_words")
    negation = pack.words("negation")
    future = _future(pack)
    say = pack.words("say")
    direct = [q for q in quotes if q.kind == "direct"]
    day = (published or "")[:10] or None
    out: list[EventMention] = []
    index = SentenceIndex(sentences)
    for s, e in index.spans:
        sentence = text[s:e]
        in_quote = [(q.start, q.end) for q in direct if q.start < e and s < q.end]
        actors = [m for m in mentions if s <= m.start and m.end <= e and m.type in _ACTOR_TYPES
                  and not any(a <= m.start < b for a, b in in_quote)]  # fmt: skip
        for kind, pattern in triggers.items():
            hit = next(
                (m for m in pattern.finditer(text, s, e) if not any(a <= m.start() < b for a, b in in_quote)), None
            )
            if hit is None:
                continue
            if kind == "deploy" and not (troops and troops.search(text, s, e)):
                continue  # "arrived", "sent": a deployment only when troops are in the sentence
            when = _date(timexes, s, e, hit.start(), in_quote)
            modality = _modality(text, hit, sentence, negation, future, say, when, day)
            value = timespan.normalize(when.value) if when else None
            if (
                value
                and modality in {"asserted", "reported"}
                and day
                and (begins := timespan.start(value)) is not None
                and begins > date.fromisoformat(day)
            ):
                modality = "expected"  # a date after publication: what is planned
            reporter = next(
                (q.speaker_name for q in quotes if q.kind == "indirect" and q.start <= hit.start() < q.end), None
            )
            attributes = EventAttributes(
                plover=onto.TYPES[kind].plover,
                trigger_start=hit.start(),
                trigger_end=hit.end(),
                roles=EventRoles(agents=[(m.start, m.end) for m in actors]),
                telling=EventTelling(source=reporter if reporter and modality == "reported" else None,
                                     language=pack.code),
                dating=EventDating(when.text, "own") if when is not None else EventDating(),
            )  # fmt: skip
            out.append(
                EventMention(
                    id="", type=kind, summary=_summary(sentence), start=s, end=e, trigger=hit.group(),
                    modality=modality, date=value, date_precision=timespan.precision(value),
                    actors=list(dict.fromkeys(m.text for m in actors)), attributes=attributes,
                )
            )  # fmt: skip
    out.extend(_statements(text, pack, index, quotes, timexes, day))
    out.sort(
        key=lambda ev: (ev.start, ev.start if ev.attributes.trigger_start is None else ev.attributes.trigger_start)
    )
    return out


def _date(
    timexes: list[TimeExpression], s: int, e: int, at: int, in_quote: list[tuple[int, int]]
) -> TimeExpression | None:
    """The dated time expression of the sentence nearest to the trigger, outside quotations."""
    found = [
        t for t in timexes
        if s <= t.start < e and t.value and t.type in {"DATE", "TIME"} and timespan.parse(timespan.normalize(t.value)) is not None
        and not any(a <= t.start < b for a, b in in_quote)
    ]  # fmt: skip
    return min(found, key=lambda t: abs(t.start - at)) if found else None


def _modality(text: str, hit: re.Match[str], sentence: str, negation: re.Pattern[str] | None,
              future: re.Pattern[str] | None, say: re.Pattern[str] | None, when: TimeExpression | None,
              day: str | None) -> Modality:  # fmt: skip
    if negation is not None:
        reach = current().foreign.negation_window
        around = text[max(0, hit.start() - reach) : hit.end() + reach]
        if negation.search(around):
            return "denied"
    if future is not None and future.search(sentence):
        return "expected"
    if say is not None and say.search(sentence):
        return "reported"
    return "asserted"


def _summary(sentence: str) -> str:
    one = " ".join(sentence.split())
    longest = current().foreign.event_summary_chars
    return one if len(one) <= longest else one[: longest - 1].rstrip() + "…"


def _statements(text: str, pack: LanguagePack, index: SentenceIndex, quotes: list[Quote],
                timexes: list[TimeExpression], day: str | None) -> list[EventMention]:  # fmt: skip
    """A dated saying: a quote whose own sentence gives the day it was said."""
    out = []
    seen: set[tuple[int, str]] = set()
    for q in quotes:
        if not q.said_on or not q.speaker_name or q.speaker_start is None or q.speaker_end is None:
            continue
        span = index.at(q.start) or index.at(q.speaker_start)
        if span is None:
            continue
        s, e = span
        given = any(s <= t.start < max(e, q.end) and (t.value or "")[:10] == q.said_on[:10] for t in timexes)
        if not given or (s, q.speaker_name) in seen:
            continue
        seen.add((s, q.speaker_name))
        value = timespan.normalize(q.said_on)
        words = " ".join(q.text.split()[:18])
        out.append(
            EventMention(
                id="", type="statement", summary=f"{q.speaker_name}: “{words}”", start=s, end=max(e, q.end),
                trigger=q.cue or "", modality="asserted", date=value, date_precision=timespan.precision(value),
                actors=[q.speaker_name],
                attributes=EventAttributes(roles=EventRoles([(q.speaker_start, q.speaker_end)]),
                                           telling=EventTelling(language=pack.code),
                                           dating=EventDating(q.said_on, "quote")),
            )
        )  # fmt: skip
    return out
