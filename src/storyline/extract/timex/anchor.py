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


_Key = tuple[date, int]  # (day, start): the latest day told, and the later telling on a tie


@dataclass
class _Grain:
    """The points of one grain told so far, in text order, with running maxima over the prefixes
    (so that every question below costs a binary search, not a pass over all that was told)."""

    starts: list[int] = field(default_factory=list)
    told: list[_Told] = field(default_factory=list)
    past: list[tuple[_Key, When] | None] = field(default_factory=list)  # latest begun by publication
    done: list[tuple[_Key, When] | None] = field(default_factory=list)  # latest ended by publication

    def add(self, t: _Told, limit: date) -> None:
        i = bisect.bisect_right(self.starts, t.start)
        self.starts.insert(i, t.start)
        self.told.insert(i, t)
        del self.past[i:], self.done[i:]  # recomputed from here (in text order: only the new last one)
        for u in self.told[i:]:
            self.past.append(_latest(self.past[-1] if self.past else None, u, u.when.day <= limit))
            self.done.append(_latest(self.done[-1] if self.done else None, u, _ended(u.when, limit)))

    def before(self, start: int) -> int:
        """How many of these points were told before ``start``."""
        return bisect.bisect_left(self.starts, start)


def _ended(when: When, limit: date) -> bool:
    try:
        return when.day <= limit and when.shift(1, when.grain).day <= limit
    except ValueError:  # past the calendar's end: never ended
        return False


def _latest(best: tuple[_Key, When] | None, t: _Told, eligible: bool) -> tuple[_Key, When] | None:
    if not eligible or (best is not None and best[0] >= (t.when.day, t.start)):
        return best
    return (t.when.day, t.start), t.when


@dataclass
class Narrative:
    dct: When | None  # the document creation time (publication day)
    sentence_starts: list[int] = field(default_factory=list)
    told: list[_Told] = field(default_factory=list)  # in text order
    _starts: list[int] = field(default_factory=list)
    _grains: dict[str, _Grain] = field(default_factory=dict)

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def tell(self, when: When, start: int) -> None:
        t = _Told(when, start, self.sentence_of(start))
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self.told.insert(i, t)
        self._grains.setdefault(when.grain, _Grain()).add(t, self._limit)

    @property
    def _limit(self) -> date:
        return self.dct.day if self.dct else date.max

    def _last(self, start: int, grain: str) -> _Told | None:
        g = self._grains.get(grain)
        n = g.before(start) if g else 0
        return g.told[n - 1] if g and n else None

    def anchor(self, start: int, finest: str) -> When | None:
        """The reference point, at least as fine as ``finest``, for an expression at ``start``."""
        here = self.sentence_of(start)
        n = bisect.bisect_left(self._starts, start)
        last_here = self.told[n - 1] if n and self.told[n - 1].sentence == here else None
        if last_here is not None and rank(last_here.when.grain) > rank(finest):
            return None  # "next week ... on that day": the day cannot be told from a coarser reference
        fine = [g for g in self._grains if rank(g) <= rank(finest)]
        last = max((t for g in fine if (t := self._last(start, g))), key=lambda t: t.start, default=None)
        if last is not None and last.sentence in (here, here - 1):  # this sentence, else the one before
            return last.when
        past = [p for g in fine if (k := self._grains[g].before(start)) and (p := self._grains[g].past[k - 1])]
        if past:
            return max(past, key=lambda p: p[0])[1]
        if last is not None:
            return last.when
        return self.dct if self.dct and rank(self.dct.grain) <= rank(finest) else None

    def nearby(self, start: int, grain: str, sentences: int = 1) -> When | None:
        """The last point of exactly ``grain`` told in this sentence or the ``sentences`` before."""
        t = self._last(start, grain)
        return t.when if t is not None and self.sentence_of(start) - sentences <= t.sentence else None

    def current(self, start: int, grain: str, completed: bool = False) -> When | None:
        """The latest point of ``grain`` told before ``start`` that began (``completed``: ended) by publication."""
        g = self._grains.get(grain)
        k = g.before(start) if g else 0
        best = (g.done if completed else g.past)[k - 1] if g and k else None
        return best[1] if best else None

    def last_start(self, start: int) -> int:
        """Where the last point told before ``start`` begins (-1 when none)."""
        n = bisect.bisect_left(self._starts, start)
        return self._starts[n - 1] if n else -1

    def last(self, start: int, grain: str) -> When | None:
        t = self._last(start, grain)
        return t.when if t is not None else None
