"""A resolved point of time at some granularity, its TIMEX3 value, and calendar arithmetic."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

# Granularities from fine to coarse: time, part of day, day, week(end), month, quarter/season, half, year,
# decade, century. ``rank`` orders them for "is this anchor fine enough" checks.
_RANK = {"T": 0, "PD": 1, "D": 2, "WE": 3, "W": 3, "M": 4, "Q": 5, "SE": 5, "H": 6, "Y": 7, "DE": 8, "CE": 9}
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}  # a month inside each season (northern)


def rank(grain: str) -> int:
    return _RANK.get(grain, 10)


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        raise ValueError("out of range")
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


@dataclass(frozen=True)
class When:
    """A calendar point: ``day`` is any day inside the period, ``grain`` its size.

    ``extra`` holds what the day cannot: the season code for "SE", the part of day ("MO", "EV",
    "NI") for "PD", and for "D" the clock time told with the day ("14:30"), which the value leaves
    out but "an hour later" counts from.
    """

    day: date
    grain: str
    extra: str = ""

    @property
    def value(self) -> str:
        d, g = self.day, self.grain
        if g == "D":
            return d.isoformat()
        if g == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "Y":
            return f"{d.year:04d}"
        if g == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "H":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g in ("W", "WE"):
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if g == "WE" else "")
        if g == "SE":
            return f"{d.year:04d}-{self.extra}"
        if g == "DE":
            return f"{d.year // 10:03d}"
        if g == "CE":
            return f"{d.year // 100:02d}"
        if g == "PD":
            return f"{d.isoformat()}T{self.extra}"
        return d.isoformat()

    def at(self, grain: str, extra: str = "") -> When:
        return When(self.day, grain, extra)

    def shift(self, n: int, unit: str) -> When:
        """Move by ``n`` units (D, W, M, Q, Y, DE, CE, H, SE) keeping the granularity."""
        d = self.day
        if unit == "D":
            d = d + timedelta(days=n)
        elif unit in ("W", "WE"):
            d = d + timedelta(weeks=n)
        elif unit in ("M", "Q", "H", "Y", "DE", "CE", "SE"):
            months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200, "SE": 12}[unit]
            d = add_months(d, n * months)
        else:
            raise ValueError(unit)
        return replace(self, day=d)


def month_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def season(year: int, code: str) -> When:
    return When(date(year, _SEASON_MONTH[code], 1), "SE", code)


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def parse_published(value: str | None) -> tuple[date | None, str | None]:
    """'2025-03-04T07:15+09:00' → (date(2025, 3, 4), '07:15'); None when it is not an ISO date."""
    m = _ISO.match(value or "")
    if not m:
        return None, None
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None, None
    return d, f"{m[4]}:{m[5]}" if m[4] else None
