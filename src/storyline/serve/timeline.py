"""The story timeline as an inline SVG drawn on the server: one dot per dated event on a date axis.

Positions are SVG attributes, not CSS, so the strict Content-Security-Policy (no inline styles) holds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

WIDTH = 1000  # viewBox units; the SVG scales to the page width
MARGIN = 40
ROW = 26  # vertical distance between events on the same day
AXIS_Y = 30

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def axis_date(value: str | None) -> date | None:
    """Where a TIMEX-style value sits on the axis: its first day (2025-10 → 1 Oct), or None."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1)
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1)
    except ValueError:
        return None
    return None


def label(d: date, unit: str) -> str:
    if unit == "year":
        return str(d.year)
    if unit == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{_MONTHS[d.month - 1]} {d.day}"


@dataclass
class Dot:
    x: float
    y: float
    r: float
    href: str
    title: str


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class Axis:
    height: int
    ticks: list[Tick] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def axis_y(self) -> int:
        return AXIS_Y


def _ticks(first: date, last: date, x_of: Any) -> list[Tick]:
    days = (last - first).days
    if days <= 16:
        unit, step = "day", 1 if days <= 8 else 2
        cur = first
        ticks = []
        while cur <= last:
            ticks.append(Tick(x_of(cur), label(cur, unit)))
            cur += timedelta(days=step)
        return ticks
    if days <= 120:
        cur = first + timedelta(days=(7 - first.weekday()) % 7)  # Mondays
        ticks = []
        while cur <= last:
            ticks.append(Tick(x_of(cur), label(cur, "day")))
            cur += timedelta(days=7 if days <= 70 else 14)
        return ticks
    if days <= 3 * 366:
        ticks = []
        y, m = first.year, first.month
        step = 1 if days <= 200 else 3
        while date(y, m, 1) <= last:
            if date(y, m, 1) >= first:
                ticks.append(Tick(x_of(date(y, m, 1)), label(date(y, m, 1), "month")))
            m += step
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return ticks
    step = max(1, math.ceil((last.year - first.year) / 10))
    return [
        Tick(x_of(date(y, 1, 1)), str(y))
        for y in range(first.year + (first.month > 1), last.year + 1, step)
        if date(y, 1, 1) >= first
    ]


def radius(n_sources: int) -> float:
    """Dot size grows with the number of sources, by area."""
    return round(min(16.0, 5.0 + 3.0 * math.sqrt(max(0, n_sources - 1))), 1)


def layout(events: list[dict[str, Any]], anchor: Any) -> Axis:
    """Place the events that have an axis date; ``anchor(event)`` gives each dot's link target."""
    placed = [(d, ev) for ev in events if (d := axis_date(ev.get("date"))) is not None]
    if not placed:
        return Axis(height=0)
    first = min(d for d, _ in placed)
    last = max(d for d, _ in placed)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    span = (last - first).days

    def x_of(d: date) -> float:
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (d - first).days / span, 1)

    per_day: dict[date, int] = {}
    dots = []
    for d, ev in sorted(placed, key=lambda p: (p[0], -len(p[1]["sources"]))):
        row = per_day.get(d, 0)
        per_day[d] = row + 1
        n = len(ev["sources"])
        title = f"{ev['date']}: {ev['summary']} ({n} source{'s' if n != 1 else ''})"
        dots.append(Dot(x_of(d), AXIS_Y + 28 + row * ROW, radius(n), anchor(ev), title))
    height = AXIS_Y + 28 + max(per_day.values()) * ROW
    return Axis(height=height, ticks=_ticks(first, last, x_of), dots=dots, first=first, last=last)
