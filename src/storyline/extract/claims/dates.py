"""When a claim was made: the day of its reporting clause, else the day the article was published.

A time expression dates the reporting clause when it hangs off the reporting verb or noun in the
parse ("said on Tuesday", "the announcement the previous day", "in a report published on
Tuesday, X said"), never when it dates the reported event ("troops moved on Monday, X said").
Values come from ``Extraction.time_expressions`` (the time step). Where that step has left a date
phrase without a value, a small reader of the deictic phrases news uses for the day a statement
was made (yesterday, the previous day, a weekday, "the 12th", "Oct. 24") fills in, anchored on
the publication date. A value coarser than a day ("last month") does not date a claim.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.model import TimeExpression

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS = {
    **{m: i + 1 for i, m in enumerate(_MONTH_NAMES)},
    **{m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)},
    "sept": 9,
}
_PREVIOUS_DAY = re.compile(
    r"^(?:yesterday|the (?:previous|prior|preceding) day|the day before|a day (?:earlier|before)|one day earlier)$"
)
_TODAY = re.compile(r"^(?:today|this (?:morning|afternoon|evening)|tonight)$")
_WEEKDAY = re.compile(
    r"^(?:(?:last|this past|past|this) )?(" + "|".join(WEEKDAYS) + r")(?: (?:morning|afternoon|evening|night))?$"
)
_NTH = re.compile(r"^the (\d{1,2})(?:st|nd|rd|th)(?: of (this|last) month)?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?:,? (\d{4}))?$")
_NAMES_DAY = re.compile(
    r"\d|today|tonight|yesterday|" + "|".join(WEEKDAYS) + "|" + "|".join(_MONTH_NAMES), re.IGNORECASE
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
# Dependencies a date phrase hangs by on its way up to the clause it dates.
_ATTACH = {"pobj", "prep", "npadvmod", "tmod", "advmod", "nmod", "compound", "appos", "acl", "pcomp", "amod", "nummod"}


def day_of(value: str | None) -> str | None:
    """'2025-03-20', '2025-03-20T10:00' → '2025-03-20'; coarser values → None."""
    m = _DAY.match(value or "")
    return m.group(1) if m else None


def resolve(text: str, anchor: date) -> str | None:
    """The day a deictic date phrase names, read from the publication day ``anchor``; None if it names no day."""
    s = " ".join(text.lower().replace(",", " ,").split()).replace(" ,", ",")
    s = re.sub(r"^(?:on|since|from|by|as of) ", "", s)
    if _TODAY.match(s):
        return anchor.isoformat()
    if _PREVIOUS_DAY.match(s):
        return (anchor - timedelta(days=1)).isoformat()
    m = _WEEKDAY.match(s)
    if m:  # news tells of statements already made: the latest such weekday, the publication day included
        back = (anchor.weekday() - WEEKDAYS.index(m.group(1))) % 7
        if back == 0 and s.startswith(("last", "past", "this past")):
            back = 7
        return (anchor - timedelta(days=back)).isoformat()
    m = _NTH.match(s)
    if m:
        day = int(m.group(1))
        month_start = anchor.replace(day=1)
        if m.group(2) == "last" or (m.group(2) is None and day > anchor.day):
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        return _safe(month_start.year, month_start.month, day)
    m = _MONTH_DAY.match(s) or _DAY_MONTH.match(s)
    if m:
        month_word, day_word = (m.group(1), m.group(2)) if m.re is _MONTH_DAY else (m.group(2), m.group(1))
        month = MONTHS.get(month_word.rstrip("."))
        if month is None:
            return None
        year = int(m.group(3)) if m.group(3) else anchor.year
        found = _safe(year, month, int(day_word))
        if found and not m.group(3) and date.fromisoformat(found) > anchor + timedelta(days=7):
            found = _safe(year - 1, month, int(day_word))
        return found
    return None


def _safe(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def published_day(published: str | None) -> date | None:
    found = day_of(published)
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


class ClaimDater:
    """Dates per parsed document: the time expressions with a day value, by the token that heads them."""

    def __init__(self, sdoc: Doc, time_expressions: list[TimeExpression], published: str | None) -> None:
        self.published = day_of(published)
        anchor = published_day(published)
        self.by_root: dict[int, str | None] = {}
        covered: list[tuple[int, int]] = []
        for te in time_expressions:
            if te.type not in {"DATE", "TIME"} or (te.type == "TIME" and not _NAMES_DAY.search(te.text)):
                continue  # "by midday" dates a claim only through an anchor the sentence does not show
            span = sdoc.char_span(te.start, te.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            covered.append((te.start, te.end))
            self.by_root[span.root.i] = day_of(te.value)
        for ent in sdoc.ents:
            if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in covered):
                continue
            self.by_root[ent.root.i] = resolve(ent.text, anchor) if anchor else None

    def date(self, predicates: list[Token]) -> str | None:
        """The day of the first clause (headed by one of ``predicates``) that a time expression dates;
        the publication day when none is dated."""
        for predicate in predicates:
            sent = predicate.sent
            doc = predicate.doc
            for i, value in self.by_root.items():
                if sent.start <= i < sent.end and self._hangs_off(doc[i], predicate):
                    return value or self.published
        return self.published

    @staticmethod
    def _hangs_off(tok: Token, predicate: Token) -> bool:
        if tok.i == predicate.i:
            return True
        for _ in range(6):
            if tok.head.i == tok.i or (tok.dep_ not in _ATTACH and tok.i != predicate.i):
                return False
            tok = tok.head
            if tok.i == predicate.i:
                return True
        return False
