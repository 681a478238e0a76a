"""Dates in languages the English parse cannot read: light patterns per language (languages.py).

Without a parse there is no tense; a date without a year is put nearest to publication, a
weekday before it unless a future cue ("wird", "prochain", "예정") stands in the same sentence.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from storyline.extract.foreign.text import DIGITS
from storyline.extract.timex.calendar import When, month_day, parse_published
from storyline.extract.timex.context import Found
from storyline.extract.timex.languages import CJK, LANGUAGES
from storyline.settings import current

_SENTENCE = re.compile(r"[^.!?。！？\n]+")
# A month without a year that falls ``foreign.month_ahead_days`` after publication (``storyline.settings``) is
# read as last year's when its sentence has no future cue (news tells of the past more often than it announces).


def _alternation(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _european(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    table = LANGUAGES[lang]
    months, days = _alternation(table["months"]), _alternation(table["weekdays"])
    deictic = _alternation(table["deictic"])
    de = r"(?:\s+(?:de|del|do|da)\s+|\s+)"
    flags = re.IGNORECASE
    return [
        ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")),
        ("numeric", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)[./-](?P<m>[01]?\d)[./-](?P<y>(?:19|20)\d\d)(?!\d)")),
        (
            "day_month",
            re.compile(
                rf"(?<!\d)(?P<d>[0-3]?\d)(?:\.|er|º|°)?{de}(?P<mon>{months})\.?(?:/(?:{months}))?(?:,?{de}(?P<y>(?:19|20)\d\d))?(?!\w)",
                flags,
            ),
        ),
        (
            "month_day",
            re.compile(
                rf"(?<!\w)(?P<mon>{months})\.?\s+(?P<d>[0-3]?\d)(?![.,]\d)(?:,\s*(?P<y>(?:19|20)\d\d))?(?![\d\w])",
                flags,
            ),
        ),
        ("month_year", re.compile(rf"(?<!\w)(?P<mon>{months}){de}(?P<y>(?:19|20)\d\d)(?!\d)", flags)),
        (
            "month",
            re.compile(
                rf"(?<!\w)(?:im|in|en|a|em|no|nel|в|во|seit|bis|desde|depuis|dal|sinds|في|منذ|pada|sejak|bulan)\s+(?:mes\s+de\s+|mois\s+de\s+)?(?P<t>(?P<mon>{months}))(?!\w)",
                flags,
            ),
        ),
        ("weekday", re.compile(rf"(?<!\w)(?P<wd>{days})(?!\w)", flags)),
        ("deictic", re.compile(rf"(?<!\w)(?P<w>{deictic})(?!\w)", flags)),
        (
            "year",
            re.compile(
                r"(?<!\w)(?:im\s+Jahr(?:e)?|in|en|em|nel|nell'anno|в|seit|desde|depuis|sinds|dal|في|عام|pada|tahun)\s+(?P<t>(?P<y>(?:19|20)\d\d))(?!\d)(?:\s*(?:году|года|г\.))?",
                flags,
            ),
        ),
    ]


@cache
def _cjk(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    t = CJK[lang]
    y, m, d = t["year"], t["month"], f"(?:{t['day']})"
    last, this, nxt = t["last_month"], t["this_month"], t["next_month"]
    return [
        ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")),
        (
            "cjk_date",
            re.compile(rf"(?:(?P<y>\d{{4}})\s*{y}\s*)?(?P<m>1[0-2]|0?[1-9])\s*{m}\s*(?:(?P<d>[0-3]?\d)\s*{d})?"),
        ),
        ("cjk_rel_day", re.compile(rf"(?P<rel>{last}|{this}|{nxt})\s*(?P<d>[0-3]?\d)\s*{d}")),
        ("cjk_day", re.compile(rf"(?<![\d{m}])(?P<d>[0-3]?\d)\s*{d}(?!\s*(?:간|동안|間|间|以上))")),
        ("cjk_year", re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d\d)\s*{y}(?!\s*\d)")),
        ("weekday", re.compile(rf"(?P<wd>{_alternation(t['weekdays'])})")),
        ("deictic", re.compile(rf"(?P<w>{_alternation(t['deictic'])})")),
    ]


def _nearest_year(ref: date, month: int, day: int | None) -> int:
    """The year that puts month (and day) nearest to ``ref``."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = month_day(y, month, day or 15)
        if d is None:
            continue
        gap = abs((d - ref).days)
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best else ref.year


class _Reader:
    def __init__(self, text: str, lang: str, dct: date | None) -> None:
        self.text, self.lang, self.dct = text, lang, dct
        table = LANGUAGES.get(lang) or CJK.get(lang) or {}
        self.table = table
        self.future = re.compile(table["future"], re.IGNORECASE) if table.get("future") else None

    def future_cue(self, pos: int) -> bool:
        if self.future is None:
            return False
        for s in _SENTENCE.finditer(self.text):
            if s.start() <= pos < s.end():
                return bool(self.future.search(s.group()))
        return False

    def resolve(self, kind: str, m: re.Match[str]) -> Found | None:
        g = m.groupdict()
        start, end = m.span("t") if g.get("t") else m.span()
        if kind in ("iso", "numeric"):
            d = month_day(int(g["y"]), int(g["m"]), int(g["d"]))
            return Found(start, end, d.isoformat(), "DATE", When(d, "D")) if d else None
        if kind in ("day_month", "month_day", "month_year", "month", "cjk_date"):
            month = int(g["m"]) if kind == "cjk_date" else self.table["months"][g["mon"].lower()]
            day = int(g["d"]) if g.get("d") else None
            if g.get("y"):
                year = int(g["y"])
            elif self.dct:
                year = _nearest_year(self.dct, month, day)
                ahead = month_day(year, month, day or 1)
                if (
                    ahead
                    and (ahead - self.dct).days > current().foreign.month_ahead_days
                    and not self.future_cue(start)
                ):
                    year -= 1  # "in June" told without a future cue, half a year from publication: the last June
            else:
                return Found(start, end, None)
            if day is None:
                when = When(date(year, month, 1), "M")
                return Found(start, end, when.value, "DATE", when)
            d = month_day(year, month, day)
            return Found(start, end, d.isoformat(), "DATE", When(d, "D")) if d else None
        if kind == "cjk_year" or kind == "year":
            when = When(date(int(g["y"]), 1, 1), "Y")
            return Found(start, end, when.value, "DATE", when)
        if self.dct is None:
            return Found(start, end, None)
        if kind in ("cjk_day", "cjk_rel_day"):
            day = int(g["d"])
            base = date(self.dct.year, self.dct.month, 1)
            rel = g.get("rel") or ""
            if rel and re.fullmatch(self.table["last_month"], rel):
                base = base - timedelta(days=1)
            elif rel and re.fullmatch(self.table["next_month"], rel):
                base = base + timedelta(days=32)
            elif not rel and day > self.dct.day + 7 and not self.future_cue(start):
                base = base - timedelta(days=1)  # a day number well past today, told as done: last month's
            d = month_day(base.year, base.month, day)
            return Found(start, end, d.isoformat(), "DATE", When(d, "D")) if d else None
        if kind == "weekday":
            wd = self.table["weekdays"][g["wd"].lower()]
            today = self.dct.isoweekday()
            if self.future_cue(start):
                d = self.dct + timedelta(days=(wd - today) % 7)
            else:
                d = self.dct - timedelta(days=(today - wd) % 7)
            return Found(start, end, d.isoformat(), "DATE", When(d, "D"))
        if kind == "deictic":
            d = self.dct + timedelta(days=self.table["deictic"][g["w"].lower()])
            return Found(start, end, d.isoformat(), "DATE", When(d, "D"))
        return None


def find_foreign(text: str, language: str, published: str | None) -> list[Found]:
    """Dates in ``text`` written in ``language`` (an ISO 639-1 code); [] for languages not covered."""
    lang = (language or "").lower()[:2]
    if lang in LANGUAGES:
        rules = _european(lang)
    elif lang in CJK:
        rules = _cjk(lang)
    else:
        return []
    dct, _ = parse_published(published)
    text = text.translate(DIGITS)  # Eastern Arabic and full-width digits, one for one: offsets stay
    reader = _Reader(text, lang, dct)
    matches = []
    for priority, (kind, regex) in enumerate(rules):
        for m in regex.finditer(text):
            s, e = m.span("t") if m.groupdict().get("t") else m.span()
            if e > s:
                matches.append((s, -e, priority, kind, m))
    matches.sort(key=lambda x: x[:3])
    out: list[Found] = []
    pos = 0
    for s, _, _, kind, m in matches:
        if s < pos:
            continue
        found = reader.resolve(kind, m)
        if found is not None:
            out.append(found)
            pos = found.end
    return out
