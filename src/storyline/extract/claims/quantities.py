"""Numbers that state a quantity, with their unit, qualifier and range, from the spaCy parse.

One pass over the tokens of each sentence groups number tokens ("1.2 billion", "twenty-five",
"tens of thousands"), reads the value, then looks around the group: an approximation before it
("at least", "about"), a range ("between 3,000 and 5,000"), a vote tally ("by 112 votes to 40"),
a currency or percent sign, and the noun it counts (``units``). Numbers that are not claims are
dropped (``nonclaims``), and so are bare numbers whose unit cannot be told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.claims import nonclaims, units
from storyline.extract.claims.numbers import (
    NUMBER_WORDS,
    SCALES,
    TENS,
    UNITS,
    VAGUE_PLURALS,
    digits_value,
    words_value,
)

# Longest first, so "just over" wins over "over".
QUALIFIERS = sorted(
    [
        "at least", "at most", "more than", "less than", "fewer than", "no more than", "no fewer than",
        "no less than", "not more than", "up to", "as many as", "as much as", "as few as", "as little as",
        "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "under", "just over",
        "just under", "well over", "close to", "closer to", "upwards of", "an estimated", "estimated", "only",
        "another", "an additional", "approx.", "circa", "c.", "almost exactly", "exactly", "precisely", "below",
        "above", "in excess of", "a maximum of", "a minimum of", "a further", "a few", "several", "many",
    ],
    key=lambda q: -len(q.split()),
)  # fmt: skip

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
_QUALIFIER_SET = {tuple(q.split()) for q in QUALIFIERS}
_MAX_QUAL = max(len(q) for q in _QUALIFIER_SET)
_VOTE_WORDS = {"vote", "ballot", "approve", "pass", "back", "reject", "ratify", "adopt", "endorse", "defeat", "elect",
               "veto", "favour", "favor", "abstain", "abstention"}  # fmt: skip
_RANGE_LINKS = {"to", "-", "–", "—", "and"}
_PERCENT = {"%", "percent", "pct", "pct."}


@dataclass
class Quantity:
    value: float
    value_max: float | None
    qualifier: str | None
    kind: str  # "count" | "money" | "percent" | "tally" | "duration"
    unit: str | None
    subject: str | None
    first: int  # token span of the number expression, qualifier included
    last: int
    anchor: Token  # where attribution starts climbing the parse: the counted noun, or the number


def _round(value: float) -> float:
    return float(f"{value:.12g}")


def _numeric(t: Token) -> bool:
    w = t.lower_
    if t.like_url or t.like_email:
        return False
    if w in NUMBER_WORDS or w in VAGUE_PLURALS:
        return True
    if w == "tens":  # only in "tens of thousands"
        doc = t.doc
        return t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].lower_ in VAGUE_PLURALS
    if t.text[:1].isdigit() or t.tag_ == "CD":
        if digits_value(t.text) is not None:
            return True
        return "-" in w and all(p in NUMBER_WORDS for p in w.split("-"))
    return False


def _group_end(doc: Doc, i: int, stop: int) -> int:
    """Last token of the number that starts at ``i`` ('1.2 billion', 'twenty - five', 'tens of thousands')."""
    j = i
    while j + 1 < stop:
        cur, nxt = doc[j].lower_, doc[j + 1].lower_
        if nxt in SCALES or nxt in VAGUE_PLURALS or nxt == "dozen" or (cur in TENS and nxt in UNITS):
            j += 1
        elif j + 2 < stop and nxt == "-" and not doc[j].whitespace_ and cur in TENS and doc[j + 2].lower_ in UNITS:
            j += 2  # "twenty-five" split by the tokenizer
        elif (
            j + 2 < stop
            and nxt == "of"
            and (cur in VAGUE_PLURALS or cur == "tens")
            and doc[j + 2].lower_ in VAGUE_PLURALS
        ):
            j += 2  # "tens of thousands", "hundreds of thousands"
        elif (
            j + 2 < stop
            and nxt == "and"
            and cur in SCALES
            and (doc[j + 2].lower_ in UNITS or doc[j + 2].lower_ in TENS)
        ):
            j += 2  # "two hundred and thirty"
        else:
            break
    return j


def _qualifier_before(doc: Doc, first: int, floor: int) -> tuple[str | None, int]:
    for n in range(_MAX_QUAL, 0, -1):
        if first - n < floor:
            continue
        words = tuple(t.lower_ for t in doc[first - n : first])
        if words in _QUALIFIER_SET:
            return " ".join(words), first - n
    return None, first


def _vote_context(doc: Doc, first: int, last: int, sent_start: int) -> bool:
    lo = max(sent_start, first - 8)
    return any(doc[k].lemma_.lower() in _VOTE_WORDS for k in range(lo, min(len(doc), last + 3)))


def _group_root(doc: Doc, first: int, last: int) -> Token:
    """The token of a number group whose head lies outside it ('two hundred and thirty' → 'hundred')."""
    for k in range(last, first - 1, -1):
        if not first <= doc[k].head.i <= last or doc[k].head.i == k:
            return doc[k]
    return doc[last]


class QuantityFinder:
    """Finds the quantities of one parsed document, sentence by sentence, remembering units by value."""

    def __init__(self, sdoc: Doc, text: str) -> None:
        self.doc = sdoc
        self.phone_tokens = nonclaims.phone_tokens(sdoc, text)
        self.unit_by_value: dict[float, tuple[str, str | None]] = {}

    def sentence(self, sent: Span) -> list[Quantity]:
        doc = self.doc
        out: list[Quantity] = []
        i, stop = sent.start, sent.end
        while i < stop:
            t = doc[i]
            if not _numeric(t) or i in self.phone_tokens:
                i += 1
                continue
            first = i
            if (
                first > sent.start
                and doc[first - 1].lower_ in {"a", "an"}
                and (t.lower_ in SCALES or t.lower_ == "dozen")
            ):
                first -= 1  # "a dozen", "a million"
            last = _group_end(doc, i, stop)
            q = self._quantity(sent, first, last, out)
            if q is not None:
                out.append(q)
                if q.unit and q.kind in {"count", "money"} and self._figure(q):
                    self.unit_by_value[q.value] = (q.unit, q.subject)
                i = max(q.last, last) + 1
            else:
                i = last + 1
        return out

    def _quantity(self, sent: Span, first: int, last: int, found: list[Quantity]) -> Quantity | None:
        doc = self.doc
        words = [doc[k].text for k in range(first, last + 1)]
        value = words_value(words)
        if value is None or any(k in self.phone_tokens for k in range(first, last + 1)):
            return None
        value = _round(value)
        if nonclaims.in_skipped_entity(doc, first, last):
            dur = nonclaims.duration(doc, first, last) if doc[first].ent_type_ in {"DATE", "TIME"} else None
            if dur is None:
                return None
            noun, unit = dur
            return Quantity(
                value, None, None, "duration", f"{unit}s", f"{noun.lemma_.lower()} {unit}", first, last + 2, noun
            )
        if nonclaims.not_a_claim(doc, sent, first, last, value, words):
            return None

        qualifier, qual_first = _qualifier_before(doc, first, sent.start)
        prev = doc[first - 1] if first > sent.start else None
        currency = units.CURRENCY_SYMBOLS.get(prev.lower_) if prev is not None else None
        if currency:
            qualifier, qual_first = _qualifier_before(doc, first - 1, sent.start)
        if any(doc[k].lower_ in VAGUE_PLURALS for k in range(first, last + 1)):
            vague = doc[first : last + 1].text.lower() + (
                " of" if last + 1 < sent.end and doc[last + 1].lower_ == "of" else ""
            )
            qualifier = f"{qualifier} {vague}" if qualifier else vague

        second = self._second_number(sent, first, last, qual_first)
        if isinstance(second, str):  # "score": "2-1" is a score or a code
            return None
        value_max, num_last = None, last
        if second is not None:
            kind, v2, end2 = second
            if kind == "tally":
                anchor = doc[last].head if doc[last].dep_ == "nummod" else doc[last]
                return Quantity(value, None, f"{_fmt(value)} to {_fmt(v2)}", "tally", "votes in favour",
                                "vote in favour", qual_first, end2, anchor)  # fmt: skip
            if v2 > value:
                value_max = v2
            num_last = end2
            if kind == "between":
                qualifier = qualifier or doc[qual_first - 1 : end2 + 1].text.lower()
                qual_first -= 1

        nxt = doc[num_last + 1] if num_last + 1 < sent.end else None
        after = doc[num_last + 2] if num_last + 2 < sent.end else None
        if nxt is not None and nxt.lower_ == "or" and after is not None and after.lower_ in {"more", "so"}:
            qualifier = qualifier or f"or {after.lower_}"
        pct = nxt if nxt is not None and nxt.lower_ in _PERCENT else None
        if nxt is not None and after is not None and nxt.lower_ == "per" and after.lower_ == "cent":
            pct = after
        if pct is not None:
            if pct.dep_ in {"npadvmod", "advmod"} and pct.head.pos_ in {"ADJ", "ADV"}:
                return None  # "100 percent wrong": emphasis, not a share
            unit, subject, anchor, end = self._percent_unit(pct)
            return Quantity(value, value_max, qualifier, "percent", unit, subject, qual_first, max(end, pct.i), anchor)

        counted = self._counted(sent, first, num_last, words, currency)
        if isinstance(counted, str):  # "none": an address, a time span, a model number
            return None
        if counted is not None:
            unit, subject, end, noun, kind = counted
            return Quantity(value, value_max, qualifier, kind, unit, subject, qual_first, end, noun)
        anchor = units.counted_noun(_group_root(doc, first, num_last)) or doc[num_last]
        if currency:
            rate = units.rate_after(doc, num_last + 1)
            unit = currency + (f" per {rate}" if rate else "")
            subject = currency.split()[-1][:-1]
            return Quantity(value, value_max, qualifier, "money", unit, subject, qual_first, num_last, anchor)
        known = self._remembered_unit(value, words, found)
        if known is None:
            return None
        return Quantity(value, value_max, qualifier, "count", known[0], known[1], qual_first, num_last, anchor)

    def _second_number(self, sent: Span, first: int, last: int, qual_first: int) -> tuple[str, float, int] | str | None:
        """A number right after this one: ('tally' | 'between' | 'range', its value, its last token), 'score', or None."""
        doc = self.doc
        k = last + 1
        if k < sent.end and doc[k].lemma_.lower() in {"vote", "ballot"}:
            k += 1  # "112 votes to 40"
        if k + 1 >= sent.end or not (doc[k].lower_ in _RANGE_LINKS or doc[k].lower_ == "against"):
            return None
        link = doc[k].lower_
        symbol = doc[k + 1].lower_ in units.CURRENCY_SYMBOLS and k + 2 < sent.end
        if symbol:
            k += 1  # "$500 to $2,000"
        if not _numeric(doc[k + 1]):
            return None
        end2 = _group_end(doc, k + 1, sent.end)
        v2 = words_value([doc[x].text for x in range(k + 1, end2 + 1)])
        if v2 is None:
            return None
        v2 = _round(v2)
        before = doc[qual_first - 1].lower_ if qual_first > sent.start else ""
        if link != "and" and _vote_context(doc, first, end2, sent.start):
            return "tally", v2, end2
        if (before, link) in {("between", "and"), ("from", "to")}:
            return "between", v2, end2
        counted = units.counted_noun(doc[end2]) is not None or (
            end2 + 1 < sent.end and doc[end2 + 1].lower_ in _PERCENT
        )
        if link != "and" and (counted or symbol):
            return "range", v2, end2  # "200 to 300 workers", "10-15%"
        if link in {"-", "–"} and not doc[last].whitespace_ and not doc[k].whitespace_:
            return "score"  # "2-1": a score or a code
        return None

    def _counted(
        self, sent: Span, first: int, last: int, words: list[str], currency: str | None
    ) -> tuple[str, str, int, Token, str] | str | None:
        """(unit, subject, last token, counted noun, kind) from the noun the number counts; 'none' when that
        noun shows the number is no count (an address, a model number); None when there is no such noun."""
        doc = self.doc
        noun = units.counted_noun(_group_root(doc, first, last))
        if noun is None or noun.i >= sent.end:
            return None
        if noun.pos_ == "PROPN" and (
            noun.lower_ in nonclaims.STREETS or noun.ent_type_ in {"FAC", "ORG", "GPE", "LOC"}
        ):
            return "none"  # "405 Williams Ave.", "10 Downing Street": an address
        noun = units.informative(noun)
        if units.is_placeholder(noun) or noun.pos_ == "PRON":
            return None
        if noun.lemma_.lower() in units.TIME_UNITS:
            return "none"  # "20 years ago", "for two weeks": time expressions, the time step's part
        if not currency and noun.tag_ == "NN" and len(words) == 1 and re.fullmatch(r"\d{4,}", words[0]):
            return "none"  # "the 8088 chip": a model number; counts above a thousand take commas and plurals
        unit, subject, end = units.unit_phrase(noun, last)
        kind = "money" if currency or noun.lemma_.lower() in units.CURRENCY_NOUNS else "count"
        if currency:  # "$4 billion takeover of X": dollars, and what they pay for
            unit, subject = f"{currency} ({unit})", f"{currency.split()[-1][:-1]} {subject}"
        return unit, subject, max(end, last), noun, kind

    def _remembered_unit(self, value: float, words: list[str], found: list[Quantity]) -> tuple[str, str | None] | None:
        """A number without a noun takes the unit of the same figure given earlier in the document, or of a
        figure with a scale word just before it in the sentence ("800 million cubic metres rather than the
        1.2 billion"). Small bare number words ("Nine is not fourteen") stand for things said before."""
        scale = {w.lower() for w in words} & set(SCALES)
        if not scale and not any(ch.isdigit() for w in words for ch in w):
            return None
        known = self.unit_by_value.get(value)
        if known is None and scale:
            for q in reversed(found):
                if q.unit and q.kind in {"count", "money"} and self._scale_words(q):
                    return q.unit, q.subject
        return known

    def _figure(self, q: Quantity) -> bool:
        """A figure precise enough to be recognised when repeated without its unit: digits or a scale word."""
        return any(self.doc[k].text[:1].isdigit() or self.doc[k].lower_ in SCALES for k in range(q.first, q.last + 1))

    def _scale_words(self, q: Quantity) -> set[str]:
        return {self.doc[k].lower_ for k in range(q.first, q.last + 1)} & set(SCALES)

    def _percent_unit(self, pct: Token) -> tuple[str, str, Token, int]:
        """'a 14% pay increase' → 'percent pay increase'; 'a pay rise of 9%' → 'percent pay rise'; '20% of voters'."""
        doc = self.doc
        noun = None
        if pct.dep_ in {"compound", "nummod", "amod", "nmod"} and pct.head.i > pct.i and pct.head.pos_ == "NOUN":
            noun = pct.head
        elif (
            pct.dep_ == "pobj" and pct.head.lower_ == "of" and pct.head.head.pos_ == "NOUN" and pct.head.head.i < pct.i
        ):
            noun = pct.head.head
        if noun is not None and noun.lemma_.lower() not in units.GENERIC_HEADS:
            floor = pct.i if noun.i > pct.i else noun.left_edge.i - 1
            text, key, end = units.unit_phrase(noun, floor, pct.i)
            return f"percent {text}", f"percent {key}", noun, max(end, pct.i)
        for child in pct.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)
                if pobj is not None:
                    return (f"percent of {doc[child.i + 1 : pobj.i + 1].text}", f"percent of {pobj.lemma_.lower()}",
                            pct, pobj.i)  # fmt: skip
        return "percent", "percent", pct, pct.i


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
