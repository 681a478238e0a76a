"""Expressions relative to publication or to the narrative, durations, sets and vague references.

"yesterday", "last week", "two years ago" count from the document creation time; "the previous
day", "a year earlier", "four months later" from the date the story is at (see anchor.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from storyline.extract.timex.calendar import When, rank, season
from storyline.extract.timex.context import Context, Found
from storyline.extract.timex.lexicon import DAY_PARTS, MONTHS, ORDINALS, SEASONS, UNITS, number_value
from storyline.extract.timex.normalize import rel_word, season_in_context
from storyline.extract.timex.tense import FUTURE, PAST

_PRESENT = {"now", "right now", "currently", "current", "at present", "presently", "nowadays", "these days",
            "today's", "the time being"}  # fmt: skip
_PAST = {"recently", "lately", "the past"}
_QUARTER_START = {1: 1, 2: 4, 3: 7, 4: 10}
_SOON_NOT = re.compile(r"\s+(?:after|afterwards?|before|thereafter|as)\b", re.IGNORECASE)
# "two years after the war", "30 days before closing": an event follows, not the story's time
_EVENT_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|its|their|he|she|it|they|we|(?!(?:spring|morning|evening)\b)\w+ing)\b|[A-Z])"
)
_DAWN = "05:00"  # before this publication time, "tonight" is the night already under way
_ENDED = re.compile(
    r",?\s+(?:that\s+)?(?:ended|ending|ends|through|to)\b(?:\s+(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?))?"
)


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "CE"
    if w.startswith("millenni"):
        return "ML"
    return UNITS.get(w[:-1] if w.endswith("s") and w[:-1] in UNITS else w, "X")


def _grain(unit: str) -> str:
    return {"S": "T", "H": "T", "W2": "W", "ML": "CE"}.get(unit, unit)


def duration_value(n: float | None, unit: str, vague: bool = False) -> str:
    """P3D, PT2H, P2Y6M, PXY (for "several years"), P1DE for a decade."""
    time_unit = unit in ("S", "H") or unit == "MIN"
    if unit == "W2":
        n, unit = (n or 1) * 2, "W"
    if unit == "Q":
        n, unit = (n or 1) * 3 if not vague else None, "M" if not vague else "Q"
    if unit in ("DE", "CE", "ML"):
        scale = {"DE": 10, "CE": 100, "ML": 1000}[unit]
        if vague or n is None:
            return {"DE": "PXDE", "CE": "PXC", "ML": "PXL"}[unit]
        n, unit = n * scale, "Y"
    prefix = "PT" if time_unit else "P"
    u = "M" if unit == "MIN" else unit
    if vague or n is None:
        return f"{prefix}X{u}"
    if n != int(n):
        whole, frac = int(n), n - int(n)
        sub = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "MIN": (60, "S"), "M": (30, "D"), "W": (7, "D")}.get(
            unit
        )
        if sub:
            part = round(frac * sub[0])
            if unit == "D":
                return f"P{whole}DT{part}H" if whole else f"PT{part}H"
            if time_unit:
                return f"PT{whole}{u}{part}{sub[1]}" if whole else f"PT{part}{sub[1]}"
            return f"P{whole}{u}{part}{sub[1]}" if whole else f"P{part}{sub[1]}"
    return f"{prefix}{int(n)}{u}"


def _count(text: str | None) -> tuple[float | None, bool]:
    if not text:
        return None, True
    value = number_value(text)
    return (value, False) if value is not None else (None, True)


def _unit_of_match(word: str) -> str:
    w = word.lower()
    if w.startswith("minute"):
        return "MIN"
    return _unit(w)


def resolve_deictic_day(m: re.Match[str], ctx: Context) -> Found | None:
    word = (m["w"] or m["w2"] or m["w3"] or "").lower()
    part = (m["part"] or m["part2"] or m["part3"] or "").lower()
    mod = (m["mod"] or "").lower()
    if ctx.dct is None:
        return Found(m.start(), m.end(), None, "DATE")
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    if word == "last" and part == "night":
        shift = -1
    base = ctx.dct.day
    said = ctx.narrative.nearby(m.start(), "D", sentences=0) if ctx.in_quotation(m.start()) else None
    if said is not None:
        # "today" inside a quotation is the day the words were said: a date given with the quote
        # ("March 3: '... signed today'"). Without one, news quotes are taken as said on the day.
        base = said.day
    if said is None and word == "tonight" and ctx.dct_time and ctx.dct_time < _DAWN:
        shift = -1  # written in the small hours: the night under way began the day before
    d = base + timedelta(days=shift)
    if word == "tonight" or part or mod.startswith("mid"):
        code = DAY_PARTS.get(part or ("night" if word == "tonight" else re.sub(r"[-\s]", "", mod)), "")
        if not code and mod.startswith("mid"):
            code = "AF" if "afternoon" in mod else "MO"
        return Found(m.start(), m.end(), f"{d.isoformat()}T{code}", "TIME", When(d, "D"))
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D"))


def resolve_part_of_day(m: re.Match[str], ctx: Context) -> Found | None:
    words = m["w"].lower().split()
    part = words[-1].replace("-", "")
    code = DAY_PARTS.get(part) or ("AF" if "afternoon" in part else "MO" if "morning" in part else "")
    anchor = ctx.narrative.anchor(m.start(), "D")
    if not code or anchor is None:
        return Found(m.start(), m.end(), None, "TIME")
    day = anchor.day
    if part == "overnight" and ctx.tense(m.start()) != FUTURE:
        # "overnight losses", "fell overnight": the night that ended on the day told (or the morning
        # of publication); only a story written late in the day means the night ahead of it.
        evening = anchor is ctx.dct and ctx.dct_time is not None and ctx.dct_time >= "18:00"
        day = day if evening else day - timedelta(days=1)
    return Found(m.start(), m.end(), f"{day.isoformat()}T{code}", "TIME")


def resolve_ref(m: re.Match[str], ctx: Context) -> Found | None:
    if m["plural"]:
        if re.match(r"(?:the\s+)?coming", m["plural"], re.IGNORECASE):
            return Found(m.start(), m.end(), "FUTURE_REF")
        unit = _unit(m["unit"] or m["unit2"])
        return Found(m.start(), m.end(), duration_value(None, unit, True), "DURATION")
    w = rel_word(m["w"]) or ""
    if w == "current" and re.match(
        r"\s+(?:account|accounts|affairs|events|members?|owners?|holders?|law|rules?|"
        r"system|state|form|level|levels|price|prices|rate|rates|leadership|president|"
        r"government|crisis|situation|talks|issue|edition)\b",
        ctx.text[m.end() :],
    ):
        return None  # the word qualifies a thing, not a time
    if w == "now" and ctx.text[m.end() : m.end() + 1] == "-":
        return None
    if "soon" in w:
        # "will soon begin", "as soon as possible": a time ahead of publication. Not the conjunction
        # "as soon as", nor "soon after ...", nor "soon" in a past narrative ("he soon left").
        if w == "as soon" or _SOON_NOT.match(ctx.text, m.end()) or ctx.tense(m.start()) == PAST:
            return None
        return Found(m.start(), m.end(), "FUTURE_REF")
    if w in _PRESENT:
        return Found(m.start(), m.end(), "PRESENT_REF")
    if w in _PAST:
        return Found(m.start(), m.end(), "PAST_REF")
    return Found(m.start(), m.end(), "FUTURE_REF")


def resolve_year_relative(m: re.Match[str], ctx: Context) -> Found | None:
    w = rel_word(m["w"]) or ""
    if ctx.dct is None:
        return Found(m.start(), m.end(), None)
    if w.startswith(("year-earlier", "year-ago", "year-before")):
        q = ctx.narrative.nearby(m.start(), "Q", sentences=2)
        when = q.shift(-1, "Y") if q else ctx.dct.at("Y").shift(-1, "Y")
        return Found(m.start(), m.end(), when.value)
    return Found(m.start(), m.end(), ctx.dct.at("Y").value, "DATE", ctx.dct.at("Y"))


def resolve_ago(m: re.Match[str], ctx: Context) -> Found | None:
    n, vague = _count(m["n"])
    if m["n"] is None and not m["unit"].lower().endswith("s"):
        n, vague = 1.0, False
    unit = _unit_of_match(m["unit"])
    direction = rel_word(m["dir"]) or ""
    if m["n"] is None and re.match(rf"\s*{re.escape(m['unit'])}\b", ctx.text[m.end() :], re.IGNORECASE):
        return None  # "day after day", "year after year": repetition, not a point in time
    grain = _grain("M" if unit == "MIN" else unit)
    if direction in ("before", "after") and _EVENT_AFTER.match(ctx.text, m.end()):
        # "two years after the war", "30 days before closing": the span of time between two events
        return Found(m.start(), m.start("dir"), duration_value(n, unit, vague), "DURATION")
    if unit in ("MIN", "S", "H"):
        return _clock_shift(m, ctx, n, vague, unit, direction)
    if vague:
        if direction in ("ago", "from now", "hence"):
            return Found(m.start(), m.end(), "PAST_REF" if direction == "ago" else "FUTURE_REF")
        # "a few days later" counts from the story's time, which may itself be past: only a length is known
        return Found(m.start(), m.end(), duration_value(None, unit, True), "DURATION")
    k = int(n or 0)
    base: When | None
    if direction in ("ago", "from now", "hence"):
        if ctx.dct is None:
            return Found(m.start(), m.end(), None)
        base = ctx.dct
        # In a story about quarterly results "a year ago" is the same quarter a year before.
        q = (
            (
                ctx.narrative.nearby(m.start(), "Q")
                or ctx.narrative.current(m.start(), "Q", completed=True)
                or ctx.narrative.current(m.start(), "Q")
            )
            if unit == "Y" and k == 1
            else None
        )
        if q is not None:
            return Found(m.start(), m.end(), q.shift(-1, "Y").value, "DATE")
        sign = -1 if direction == "ago" else 1
    else:
        sign = -1 if direction in ("earlier", "before", "previously", "prior") else 1
        q = ctx.narrative.nearby(m.start(), "Q", sentences=2) if unit == "Y" else None
        if q is not None:
            return Found(m.start(), m.end(), q.shift(sign * k, "Y").value, "DATE")
        base = ctx.narrative.anchor(m.start(), grain if grain in ("D", "M", "Y", "W", "Q") else "D")
        if base is None:
            return Found(m.start(), m.end(), None)
        if rank(base.grain) > rank(grain):
            if unit == "Y":
                grain = base.grain
            else:
                return Found(m.start(), m.end(), None)
        if unit == "Y" and base.grain == "Q":
            return Found(m.start(), m.end(), base.shift(sign * k, "Y").value, "DATE")
    try:
        when = _shift(base, sign * k, unit).at(grain if grain != "T" else "D", base.extra if grain == "SE" else "")
    except (ValueError, OverflowError):
        return Found(m.start(), m.end(), None)
    return Found(m.start(), m.end(), when.value, "DATE", when)


def _clock_shift(m: re.Match[str], ctx: Context, n: float | None, vague: bool, unit: str, direction: str) -> Found:
    """'two hours ago' from the publication's clock time, 'an hour later' from a clock time told before."""
    if vague or n is None:
        return Found(m.start(), m.end(), None, "TIME")
    if direction in ("ago", "from now", "hence"):
        day, clock = (ctx.dct.day if ctx.dct else None), ctx.dct_time
        sign = -1 if direction == "ago" else 1
    else:
        told = ctx.narrative.anchor(m.start(), "D")
        day, clock = (told.day, told.extra) if told is not None and told.grain == "D" else (None, None)
        sign = -1 if direction in ("earlier", "before", "previously", "prior") else 1
    if day is None or not clock or not re.fullmatch(r"\d\d:\d\d", clock):
        return Found(m.start(), m.end(), None, "TIME")
    minutes = n * {"H": 60, "MIN": 1, "S": 1 / 60}[unit]
    at = datetime.combine(day, time()) + timedelta(hours=int(clock[:2]), minutes=int(clock[3:]) + sign * minutes)
    value = f"{at.date().isoformat()}T{at:%H}" if unit == "H" else f"{at.date().isoformat()}T{at:%H:%M}"
    return Found(m.start(), m.end(), value, "TIME", When(at.date(), "D", f"{at:%H:%M}"))


def _shift(base: When, n: int, unit: str) -> When:
    if unit in ("D", "W", "M", "Q", "Y", "DE", "CE", "H"):
        return base.shift(n, unit)
    if unit == "WE":
        return base.shift(n, "W")
    if unit == "W2":
        return base.shift(2 * n, "W")
    raise ValueError(unit)


_REL_SHIFT = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "the past": -1, "the last": -1,
              "next": 1, "coming": 1, "the coming": 1, "this past": -1, "this coming": 1, "the latest": 0}  # fmt: skip
_ANAPHORIC = {"the previous": -1, "previous": -1, "the following": 1, "following": 1, "the next": 1, "the same": 0,
              "same": 0, "that": 0}  # fmt: skip


def _title(m: re.Match[str], ctx: Context) -> bool:
    """'ABC's "This Week"': a capitalized unit word right after an opening quote names a show or a book."""
    opened = ctx.text[max(0, m.start() - 1) : m.start()] in ('"', "“", "'", "‘")
    return opened and m["unit"][0].isupper() and not m.group().isupper()


def resolve_relative(m: re.Match[str], ctx: Context) -> Found | None:
    rel = rel_word(m["rel"]) or ""
    unit_word = m["unit"].lower()
    if _title(m, ctx) and unit_word not in SEASONS:
        return None
    if unit_word in SEASONS:
        code = SEASONS[unit_word]
        if ctx.dct is None:
            return Found(m.start(), m.end(), None)
        if rel in _ANAPHORIC:
            anchor = ctx.narrative.anchor(m.start(), "Y")
            if anchor is None:
                return Found(m.start(), m.end(), None)
            when = season(anchor.day.year + _ANAPHORIC[rel], code)
        else:
            key = {"the past": "last", "past": "last", "the last": "last", "the coming": "next", "coming": "next"}.get(
                rel, rel
            )
            when = season_in_context(ctx, m.start(), code, key)
        return Found(m.start(), m.end(), when.value, "DATE", when)
    if unit_word == "season":
        return Found(m.start(), m.end(), None)
    unit = "H" if unit_word == "half" else _unit(unit_word)
    grain = unit
    if rel in ("the last", "the past", "past") and unit in ("D",):
        return Found(m.start(), m.end(), "P1D", "DURATION")
    if rel in _ANAPHORIC:
        base = ctx.narrative.anchor(m.start(), "D" if unit in ("D", "WE") else grain)
        if base is None:
            return Found(m.start(), m.end(), None)
        if rank(base.grain) > rank(grain):
            return Found(m.start(), m.end(), None)
        shift = _ANAPHORIC[rel]
    else:
        if ctx.dct is None:
            return Found(m.start(), m.end(), None)
        base = ctx.dct
        if unit == "Q" and rel == "the latest":
            base = ctx.narrative.current(m.start(), "Q", completed=True) or _last_quarter(ctx)
            shift = 0
        else:
            shift = _REL_SHIFT.get(rel, 0)
    try:
        when = _shift(base, shift, unit).at(grain)
    except (ValueError, OverflowError):
        return Found(m.start(), m.end(), None)
    return Found(m.start(), m.end(), when.value, "DATE", when)


def _last_quarter(ctx: Context) -> When:
    """The quarter a company reports on: the one before publication's."""
    if ctx.dct is None:
        raise ValueError("the last quarter is counted from the publication date, and there is none")
    return ctx.dct.at("Q").shift(-1, "Q")


def resolve_the_unit(m: re.Match[str], ctx: Context) -> Found | None:
    det, adj = (m["det"] or "").lower(), (m["adj"] or "").lower()
    unit_word = m["unit"].lower()
    tail = rel_word(m["tail"]) or ""
    if det == "a" and not (adj in ("year-ago", "year-earlier") or tail):
        return None  # "a year", "a fiscal year" is a length of time or any year, not this one
    if _title(m, ctx):
        return None
    if ctx.dct is None:
        return Found(m.start(), m.end(), None)
    year_back = adj in ("year-ago", "year-earlier", "comparable", "corresponding") or tail
    ended = _ENDED.match(ctx.text, m.end())
    if unit_word in ("year", "fiscal year") and ended and det in ("the", "its") and not adj:
        return Found(m.start(), m.end(), "P1Y", "DURATION")  # "for the year ended March 31": a twelve-month span
    if unit_word == "quarter" and ended and not year_back and ended["mon"]:
        month = MONTHS[ended["mon"].lower().rstrip(".")]
        y = ctx.cyclic_year(m.start(), month, None, "last" if month != ctx.dct.day.month else "this")
        if y:
            when = When(date(y, month, 1), "Q")
            return Found(m.start(), m.end(), when.value, "DATE", when)
    if unit_word in ("quarter", "period"):
        # results compared with a year before are those of a quarter already closed
        base = ctx.narrative.current(m.start(), "Q")
        if year_back or adj == "latest":
            base = ctx.narrative.current(m.start(), "Q", completed=True) or base
        if adj.isdigit():
            y = int(adj)
            base = base or _last_quarter(ctx)
            when = When(date(y, base.day.month, 1), "Q")
            return Found(m.start(), m.end(), when.value, "DATE", when)
        if base is None:
            if unit_word == "period" and not year_back:
                return None
            base = _last_quarter(ctx)
        when = base.shift(-1, "Y") if year_back else base
        return Found(m.start(), m.end(), when.value, "DATE", when if not year_back else None)
    if det == "that" or adj == "same":
        grain = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y", "fiscal year": "Y"}[unit_word]
        base = ctx.narrative.anchor(m.start(), grain if grain != "WE" else "D")
        if base is None or rank(base.grain) > rank(grain):
            return Found(m.start(), m.end(), None)
        when = base.at(grain)
        return Found(m.start(), m.end(), when.value, "DATE", when)
    grain = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y", "fiscal year": "Y"}[unit_word]
    told = ctx.narrative.nearby(m.start(), "D") if det == "the" and not (adj or year_back) else None
    if told is not None:
        # "Stocks fell on Friday. For the week, ...": the week (month, weekend) of the day just told
        when = told.at(grain)
        return Found(m.start(), m.end(), when.value, "DATE", when)
    if grain == "WE":
        tense = ctx.tense(m.start())
        base = ctx.dct.shift(-1 if tense == PAST and ctx.dct.day.isoweekday() < 6 else 0, "W")
        when = base.at("WE")
        return Found(m.start(), m.end(), when.value, "DATE", when)
    when = ctx.dct.at(grain)
    if year_back:
        when = when.shift(-1, "Y")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def resolve_quarter(m: re.Match[str], ctx: Context) -> Found | None:
    g = m.groupdict()
    if g.get("qn") or g.get("qn2"):
        quarter = int(g.get("qn") or g["qn2"])
        y = g.get("y2") or g.get("y3")
        year = int(y) if y else (ctx.dct.day.year if ctx.dct else None)
        if year is None:
            return Found(m.start(), m.end(), None)
        when = When(date(year, _QUARTER_START[quarter], 1), "Q")
        return Found(m.start(), m.end(), when.value, "DATE", when)
    unit = m["unit"].lower()
    word = m["ord"].lower()
    det = (m["det"] or "").lower()
    adj = (m["adj"] or "").lower()
    n = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "fiscal-first": 1}.get(word) or ORDINALS.get(word)
    y_text = m["y"] or m["y0"]
    if y_text:
        year = int(y_text)
    elif ctx.dct is None:
        return Found(m.start(), m.end(), None)
    else:
        year = ctx.dct.day.year
        year += {"last year's": -1, "next year's": 1}.get(det, 0)
        if "year-ago" in det or "year-earlier" in det or adj in ("year-ago", "year-earlier"):
            year -= 1
    if unit == "half":
        if n not in (1, 2, -1):
            return None
        half = 2 if n == -1 else n
        when = When(date(year, 1 if half == 1 else 7, 1), "H")
        return Found(m.start(), m.end(), when.value, "DATE", when)
    if word in ("latest", "current", "last", "final", "next", "previous") and not y_text:
        if word == "final" or (word == "last" and not det.startswith("the")):
            when = When(date(year, 10, 1), "Q")
        else:
            done = word in ("latest", "last", "previous")
            base = ctx.narrative.current(m.start(), "Q", completed=done) or (_last_quarter(ctx) if ctx.dct else None)
            if base is None:
                return Found(m.start(), m.end(), None)
            when = base.shift({"next": 1, "previous": -1}.get(word, 0), "Q")
        return Found(m.start(), m.end(), when.value, "DATE", when)
    if n is None or not 1 <= n <= 4:
        return None
    if not y_text and ctx.dct is not None and det not in ("last year's", "next year's"):
        now_q = (ctx.dct.day.month - 1) // 3 + 1
        tense = ctx.tense(m.start())
        if n > now_q and tense != "FUTURE":
            year -= 1  # a quarter not begun yet is talked about in the future tense
        elif n < now_q - 1 and tense == "FUTURE":
            year += 1  # (the quarter just closed is the one about to be reported)
    when = When(date(year, _QUARTER_START[n], 1), "Q")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def resolve_duration(m: re.Match[str], ctx: Context) -> Found | None:
    n_text = (m["n"] or "").lower()
    unit_word = m["unit"].lower()
    if n_text in ("a", "an") and unit_word.endswith("s") and not unit_word.endswith("ss"):
        return None
    before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
    if n_text in ("a", "an") and re.search(r"(?:\bper|\btimes|\btwice|\bonce|\bthrice)\s*$", before):
        return Found(m.start(), m.end(), f"P1{_unit(unit_word)}", "SET")
    if n_text in ("a", "an") and re.search(
        r"(?:\d|%|percent|cents?|dollars?|yen|euros?|pounds?|million|billion|each)\s*$", before
    ):
        return None  # "$5 a year", "3% a month": a rate, not a span of time
    if n_text in ("a", "an") and unit_word == "second":
        return None  # "a second time" is an ordinal
    after = ctx.text[m.end() : m.end() + 12]
    if unit_word.startswith("quarter") and (
        re.match(r"\s+of\s+(?!\d)", after) or "-" in m.group()[: m.start("unit") - m.start()]
    ):
        return None  # "three-quarters of the vote" is a share
    n, vague = _count(n_text)
    if n_text in ("the", "some") or (
        vague and not re.match(r"a few|few|several|many|a couple|couple|a number|numerous", n_text)
    ):
        return None
    unit = _unit_of_match(unit_word)
    if unit == "X":
        return None
    if m["half"] and n is not None:
        n += 0.5
    rel = (m["rel"] or "").lower()
    if n is not None and n == 0:
        return None
    value = duration_value(n, unit, vague)
    if rel == "recent" and vague:
        return Found(m.start(), m.end(), "PAST_REF")
    return Found(m.start(), m.end(), value, "DURATION")


def resolve_units_bare(m: re.Match[str], ctx: Context) -> Found | None:
    unit = _unit_of_match(m["unit"])
    return Found(m.start("t"), m.end("t"), duration_value(None, unit, True), "DURATION")


def resolve_set(m: re.Match[str], ctx: Context) -> Found | None:
    if m["adv"]:
        tok = ctx.token(m.start())
        if tok is not None and tok.pos_ not in ("ADV",):
            return None  # "a daily newspaper" names a kind of thing
        unit = {"daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "P1W", "monthly": "P1M",
                "hourly": "PT1H", "quarterly": "P1Q"}[m["adv"].lower()]  # fmt: skip
        return Found(m.start(), m.end(), unit, "SET")
    q, u = m["q"].lower(), m["u"]
    if q == "a" and not re.search(
        r"(?:\btimes|\btwice|\bonce|\bthrice|\d|\bper)\s*$", ctx.text[max(0, m.start() - 12) : m.start()].lower()
    ):
        return None
    low = u.lower()
    from storyline.extract.timex.lexicon import WEEKDAYS

    if low in WEEKDAYS:
        return Found(m.start(), m.end(), f"XXXX-WXX-{WEEKDAYS[low]}", "SET")
    if low in MONTHS:
        return Found(m.start(), m.end(), f"XXXX-{MONTHS[low]:02d}", "SET")
    if low in DAY_PARTS:
        return Found(m.start(), m.end(), f"XXXX-XX-XXT{DAY_PARTS[low]}", "SET")
    value = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q",
             "weekend": "XXXX-WXX-WE"}[low]  # fmt: skip
    return Found(m.start(), m.end(), value, "SET")
