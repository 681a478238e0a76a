"""When an event happened: the time expression of its own clause, never the publication date.

Each time expression of a sentence hangs off a *host*: climbing the parse from its head through
adverbial links (prep, pobj, npadvmod, ...), the first verb or event noun reached. An event takes, in
order, the most precise expression hosted by
1. its trigger ("approved ... on the 24th", "her talks with X on the 3rd");
2. for a noun, the verb that carries it ("held talks on Monday") or the clause it happened during;
3. a verb it shares its clause with: the head of its conjunction or of its infinitive ("In June, X
   visited Y and signed ...", "Next week, X is scheduled to visit Y");
4. the reporting verb whose past-tense complement it is ("On Friday, the broadcaster reported that the
   panel approved ...": told that day, so it happened by then; ``basis`` says so).
An event no expression dates stays undated. Inside a direct quotation, "today", "yesterday" and the
like count from the day the words were said (the quote's ``said_on``), not from the publication day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from storyline import timespan
from storyline.extract.claims.attribution import REPORT_NOUNS
from storyline.extract.events import ontology as onto
from storyline.extract.events.paragraphs import NONE, Paragraphs
from storyline.model import DateBasis, Precision, Quote, TimeExpression

# Links by which a date phrase hangs off the clause or noun it dates.
_ATTACH = frozenset(
    {"prep", "pobj", "npadvmod", "tmod", "advmod", "nmod", "compound", "appos", "amod", "nummod", "pcomp", "det",
     "case", "quantmod", "obl", "punct"}
)  # fmt: skip

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.extract.events.triggers import Trigger
_INHERIT = frozenset({"conj", "xcomp"})
_SAME_TIME = frozenset({"as", "when", "while"})  # "Cranes stood idle on Monday as workers began a strike"
_PAST_TAGS = frozenset({"VBD", "VBN"})
# A span counted from a point the text names elsewhere ("two years later") is only as good as that
# point: such dates give way to any other when outlets are compared.
_RELATIVE = re.compile(r"\b(?:later|earlier|afterwards?|before|after|since|previously)\b", re.I)
_DEICTIC_DAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                "yesterday": -1, "tomorrow": 1}  # fmt: skip
_DEICTIC_SPAN = re.compile(r"^(this|last|next|past|coming)\s+(week|month|year)$", re.I)


@dataclass
class Dated:
    te: TimeExpression
    value: str  # normalized timespan value
    root: Token
    host: Token | None
    weak: bool


@dataclass
class EventDate:
    value: str
    precision: Precision
    text: str  # the expression, for people
    basis: DateBasis
    weak: bool = False


def _root(sdoc: Doc, te: TimeExpression) -> Token | None:
    span = sdoc.char_span(te.start, te.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _host(root: Token, stops: set[int]) -> Token | None:
    node = root
    for _ in range(8):
        if node.dep_ not in _ATTACH or node.head.i == node.i:
            return None if node.i == root.i else node
        node = node.head
        if (node.pos_ in {"VERB", "AUX"} and node.lower_ != "according") or node.i in stops:
            return node
    return None


class SentenceDates:
    """The dated expressions of a document, grouped per sentence, with the token each one dates."""

    def __init__(
        self, sdoc: Doc, time_expressions: list[TimeExpression], stops: set[int], paras: Paragraphs = NONE
    ) -> None:
        self.paras = paras
        self.by_sentence: dict[int, list[Dated]] = {}
        for te in time_expressions:
            if te.type not in {"DATE", "TIME"}:
                continue
            value = timespan.normalize(te.value)
            if value is None:
                continue
            root = _root(sdoc, te)
            if root is None:
                continue
            weak = bool(_RELATIVE.search(te.text)) and timespan.precision(value) != "day"
            host = _host(root, stops)
            if host is not None and not paras.same(host.idx, te.start):
                host = None  # a date in the next line dates nothing of this one
            item = Dated(te, value, root, host, weak)
            self.by_sentence.setdefault(root.sent.start, []).append(item)

    def hosted(self) -> set[int]:
        return {d.host.i for items in self.by_sentence.values() for d in items if d.host is not None}

    def in_sentence(self, tok: Token) -> list[Dated]:
        return self.by_sentence.get(tok.sent.start, [])


def _best(items: list[Dated]) -> Dated | None:
    if not items:
        return None
    return min(items, key=lambda d: (d.weak, timespan.width(d.value), d.te.start))


def _trailing_phrase(d: Dated, noun: Token) -> bool:
    """A date phrase after a noun, introduced by on/in/at ("the merger on May 2")."""
    prep = d.root.head
    return d.root.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in {"on", "in", "at"} and prep.head.i == noun.i


def _is_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & {"will", "would", "shall", "'ll", "may", "might", "could", "can", "should", "must"}:
        return False
    return verb.tag_ in _PAST_TAGS and bool(auxes & {"has", "have", "had", "was", "were", "'s", "'ve", "'d"})


def event_date(trigger: Trigger, dates: SentenceDates, quote: Quote | None = None) -> EventDate | None:
    """The date of a trigger (``triggers.Trigger``) from its sentence's expressions, or None."""
    items = dates.in_sentence(trigger.token)
    if not items:
        return None

    def at(tok: Token) -> Dated | None:
        return _best([d for d in items if d.host is not None and d.host.i == tok.i])

    basis: DateBasis = "own"
    found = at(trigger.token)
    if found is None and not trigger.noun:
        # "will debate the bill ... on the 9th", "condemned, during a press conference on Friday, ..."
        for c in trigger.token.children:
            if c.dep_ == "dobj":
                # an event noun's date ("debate the bill on the 9th"), or a date phrase the parser
                # hung on the object ("approved the merger on May 2"); not "the 2019 treaty"
                found = _best(
                    [d for d in items if d.host is not None and d.host.i == c.i
                     and (c.lemma_.lower() in onto.NOUNS or _trailing_phrase(d, c))]
                )  # fmt: skip
            elif c.dep_ == "prep" and c.lower_ in onto.SAME_TIME_PREPS:
                nouns = {g.i for g in c.children if g.dep_ == "pobj"}
                found = _best([d for d in items if d.host is not None and d.host.i in nouns])
            elif c.dep_ == "prep" and c.lower_ == "in" and onto.family(trigger.type) == "statement":
                # "In a report published on Tuesday, the institute said ...": the report's date
                nouns = {g.i for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in REPORT_NOUNS}
                nouns |= {a.i for n in list(nouns) for a in trigger.token.doc[n].children if a.dep_ == "acl"}
                found = _best([d for d in items if d.host is not None and d.host.i in nouns])
            if found is not None:
                break
    if found is None and trigger.noun and trigger.host is not None:
        same_time = trigger.via in {"light", "subject"} or (
            trigger.via == "prep" and trigger.token.head.lower_ in onto.SAME_TIME_PREPS
        )
        if same_time:
            found, basis = at(trigger.host), "clause"
    if found is None and (not trigger.noun or trigger.via in {"light", "subject"}):
        node = trigger.clause
        for _ in range(3):
            if node.head.i == node.i or not dates.paras.joined(node):
                break
            purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            meanwhile = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SAME_TIME for c in node.children)
            if node.dep_ not in _INHERIT and not purpose and not meanwhile:
                break
            node = node.head
            found, basis = at(node), "clause"
            if found is not None:
                break
    if found is None and not trigger.noun:
        verb = trigger.token
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp":
            verb = verb.head
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in onto.REPORT_VERBS and _is_past(trigger.token):
            found, basis = at(verb.head), "report"
    if found is None:
        return None
    value = found.value
    if quote is not None and quote.kind == "direct" and quote.start <= found.te.start < quote.end:
        value = reanchor(found.te.text, value, quote.said_on) or value
    precision = timespan.precision(value)
    if precision is None:
        return None
    return EventDate(value, precision, found.te.text, basis, found.weak)


def reanchor(text: str, value: str, said_on: str | None) -> str | None:
    """'today' in a quotation means the day it was said: the value counted from ``said_on`` instead."""
    said = timespan.day(said_on)
    if said is None:
        return None
    key = " ".join(text.lower().split())
    key = re.sub(r"^(?:on|from|by|since|until)\s+", "", key)
    if key in _DEICTIC_DAY:
        return (said + timedelta(days=_DEICTIC_DAY[key])).isoformat()
    m = _DEICTIC_SPAN.match(key)
    if not m:
        return None
    step = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1}[m[1].lower()]
    unit = m[2].lower()
    if unit == "week":
        iso = (said + timedelta(weeks=step)).isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if unit == "month":
        y, mo = divmod(said.year * 12 + said.month - 1 + step, 12)
        return f"{y}-{mo + 1:02d}"
    return str(said.year + step)
