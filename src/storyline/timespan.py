"""TIMEX3-style date values as spans of days: '2025-03-14', '2025-03', '2025-W11', '2025-SU', '2025-Q3', '2024', '202'.

Events carry such values at the precision their text gives. Two values are *compatible* when their
spans overlap ('2025-02' and '2025-02-11'), and the narrower one is the more precise. Reference
values (PAST_REF, PRESENT_REF, FUTURE_REF), durations (P3D) and sets are not dates: ``span`` gives None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import get_args

from storyline.model import Precision

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")

# Northern meteorological seasons (news rarely means anything finer by "this summer").
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}
PRECISIONS: tuple[Precision, ...] = get_args(Precision)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def parse(value: str | None) -> tuple[date, date, Precision] | None:
    """(first day, last day, precision) of a value, or None when it names no stretch of the calendar."""
    if not value:
        return None
    v = value.strip()
    try:
        if m := _DAY.match(v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _MONTH.match(v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo), "month"
        if m := _WEEK.match(v):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6), "week"
        if m := _SEASON.match(v):
            y = int(m[1])
            a, b = _SEASONS[m[2]]
            if a > b:  # winter runs into the next year
                return date(y, a, 1), _month_end(y + 1, b), "season"
            return date(y, a, 1), _month_end(y, b), "season"
        if m := _QUARTER.match(v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if m := _HALF.match(v):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "quarter"
        if m := _YEAR.match(v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), "year"
        if m := _DECADE.match(v):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31), "decade"
    except ValueError:
        return None
    return None


def day_number(value: str | None) -> int | None:
    """The proleptic ordinal of the calendar date an ISO 8601 value starts with ('2025-03-04T09:00' → its day),
    or None when it does not start with a full date: days to count and compare."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def precision(value: str | None) -> Precision | None:
    found = parse(value)
    return found[2] if found else None


def normalize(value: str | None) -> str | None:
    """The value an event keeps: a day without its clock time; None for values that are not dates."""
    found = parse(value)
    if found is None or value is None:
        return None
    return value[:10] if found[2] == "day" else value


def compatible(a: str | None, b: str | None) -> bool:
    """Both name a date and their spans overlap (a day lies in its month, a month in its year)."""
    pa, pb = parse(a), parse(b)
    return pa is not None and pb is not None and pa[0] <= pb[1] and pb[0] <= pa[1]


def width(value: str | None) -> int:
    """Days the value spans (a day is 1); a very large number for None, so narrower sorts first."""
    found = parse(value)
    return (found[1] - found[0]).days + 1 if found else 10**6


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between the two spans (0 when they overlap); None unless both are dates."""
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None:
        return None
    if pa[0] <= pb[1] and pb[0] <= pa[1]:
        return 0
    return (pb[0] - pa[1]).days if pa[1] < pb[0] else (pa[0] - pb[1]).days


def start(value: str | None) -> date | None:
    found = parse(value)
    return found[0] if found else None


def end(value: str | None) -> date | None:
    found = parse(value)
    return found[1] if found else None


def day(value: str | None) -> date | None:
    """The day of a day-precise value (a clock time dropped), else None."""
    found = parse(value)
    return found[0] if found and found[2] == "day" else None


def months_touched(value: str | None) -> list[tuple[int, int]]:
    """The (year, month) buckets a span overlaps: the blocking key for merging events by date."""
    found = parse(value)
    if found is None:
        return []
    first, last, _ = found
    out: list[tuple[int, int]] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month) and len(out) < 130:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def sort_key(value: str | None) -> tuple[int, str, int]:
    """Timeline order: by first day, the narrower span first; undated last."""
    found = parse(value)
    if found is None:
        return (1, "", 0)
    return (0, found[0].isoformat(), (found[1] - found[0]).days)
