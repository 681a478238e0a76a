"""What resolving one document's expressions needs: its creation time, tense and narrative."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storyline.extract.timex.anchor import Narrative
from storyline.extract.timex.calendar import When
from storyline.extract.timex.tense import FUTURE, PAST, TenseIndex
from storyline.model import TimexType

if TYPE_CHECKING:
    from spacy.tokens import Token

_DEADLINE = re.compile(r"\b(?:through|until|till|thru)\s+$", re.IGNORECASE)


@dataclass
class Found:
    start: int
    end: int
    value: str | None
    type: TimexType = "DATE"
    when: When | None = None  # a calendar point later expressions may be anchored to


@dataclass
class Context:
    text: str
    dct: When | None
    dct_time: str | None
    narrative: Narrative
    tenses: TenseIndex
    _tense_cache: dict[int, str | None] = field(default_factory=dict)

    def tense(self, offset: int) -> str | None:
        if offset not in self._tense_cache:
            self._tense_cache[offset] = self.tenses.tense(offset)
        return self._tense_cache[offset]

    def token(self, offset: int) -> Token | None:
        return self.tenses.token_at(offset)

    def in_quotation(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation that opened in its sentence."""
        sentence = self.narrative.sentence_of(offset)
        begin = self.narrative.sentence_starts[sentence] if sentence >= 0 else 0
        before = self.text[begin:offset]
        return before.count('"') % 2 == 1 or before.count("“") > before.count("”")

    def ref_year(self, start: int) -> int | None:
        """The year a year-less date belongs to before tense adjusts it: a year told in this sentence, or the DCT's."""
        told = self.narrative.nearby(start, "Y", sentences=0)
        if told:
            return told.day.year
        return self.dct.day.year if self.dct else None

    def cyclic_year(self, start: int, month: int, day: int | None = None, rel: str | None = None) -> int | None:
        """The year of a month (and day) given without one: last/next/this, else the tense decides."""
        if self.dct is None:
            told = self.narrative.last(start, "D") or self.narrative.last(start, "M") or self.narrative.last(start, "Y")
            return told.day.year if told else None
        here = self.narrative.nearby(start, "Y", sentences=0)
        if here and rel is None and self.narrative.last_start(start) >= start - 50:
            return here.day.year  # "in 1995 ... in June" in one breath
        ref = self.dct.day
        y = ref.year
        key, now = ((month, 0), (ref.month, 0)) if day is None else ((month, day), (ref.month, ref.day))
        cmp = (key > now) - (key < now)
        if rel in ("last", "this past", "past"):
            return y if cmp < 0 else y - 1
        if rel in ("next", "this coming", "coming"):
            return y if cmp > 0 else y + 1
        if rel == "this":
            return y
        tense = self.tense(start)
        # A date within a month of publication is not pushed a year away by the tense: that is a parse
        # slip or reported speech ("said on Feb. 23 it will") more often than a date a year off.
        near = (
            abs((month - ref.month + 6) % 12 - 6) <= 1
            if day is None
            else abs((date(y, month, min(day, 28)) - ref).days) <= 31
        )
        if tense == PAST:
            return y - 1 if cmp > 0 and not near else y
        if tense == FUTURE:
            return y + 1 if cmp < 0 and not near else y
        # No tense to go by: the year that puts the date nearest to publication.
        return min((y - 1, y, y + 1), key=lambda c: abs((date(c, month, min(day or 15, 28)) - ref).days))
