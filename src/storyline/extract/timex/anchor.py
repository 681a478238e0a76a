"""The narrative's reference times: what "the previous day" or "four months later" count from.

News tells events out of order, so a relative expression is anchored, in this order, to a date
told earlier in the same sentence, then in the sentence before, and otherwise to the latest
date not after publication told so far: the "now" of the story rather than a flashback.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from storyline.extract.timex.calendar import When, rank


@dataclass
class _Told:
    when: When
    start: int
    sentence: int


@dataclass
class Narrative:
    dct: When | None  # the document creation time (publication day)
    sentence_starts: list[int] = field(default_factory=list)
    told: list[_Told] = field(default_factory=list)

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def tell(self, when: When, start: int) -> None:
        self.told.append(_Told(when, start, self.sentence_of(start)))

    def _preceding(self, start: int, finest: str) -> list[_Told]:
        return [t for t in self.told if t.start < start and rank(t.when.grain) <= rank(finest)]

    def anchor(self, start: int, finest: str) -> When | None:
        """The reference point, at least as fine as ``finest``, for an expression at ``start``."""
        candidates = self._preceding(start, finest)
        here = self.sentence_of(start)
        last_here = next((t for t in reversed(self.told) if t.start < start and t.sentence == here), None)
        if last_here is not None and rank(last_here.when.grain) > rank(finest):
            return None  # "next week ... on that day": the day cannot be told from a coarser reference
        for sentence in (here, here - 1):
            local = [t for t in candidates if t.sentence == sentence]
            if local:
                return local[-1].when
        limit = self.dct.day if self.dct else date.max
        past = [t for t in candidates if t.when.day <= limit]
        if past:
            return max(past, key=lambda t: (t.when.day, t.start)).when
        if candidates:
            return candidates[-1].when
        return self.dct if self.dct and rank(self.dct.grain) <= rank(finest) else None

    def nearby(self, start: int, grain: str, sentences: int = 1) -> When | None:
        """The last point of exactly ``grain`` told in this sentence or the ``sentences`` before."""
        here = self.sentence_of(start)
        for t in reversed(self.told):
            if t.start < start and here - sentences <= t.sentence <= here and t.when.grain == grain:
                return t.when
        return None

    def current(self, start: int, grain: str, completed: bool = False) -> When | None:
        """The latest point of ``grain`` told before ``start`` that began (``completed``: ended) by publication."""
        limit = self.dct.day if self.dct else date.max
        told = [t for t in self.told if t.start < start and t.when.grain == grain and t.when.day <= limit]
        if completed:
            told = [t for t in told if t.when.shift(1, grain).day <= limit]
        return max(told, key=lambda t: (t.when.day, t.start)).when if told else None

    def last_start(self, start: int) -> int:
        """Where the last point told before ``start`` begins (-1 when none)."""
        return max((t.start for t in self.told if t.start < start), default=-1)

    def last(self, start: int, grain: str) -> When | None:
        for t in reversed(self.told):
            if t.start < start and t.when.grain == grain:
                return t.when
        return None
