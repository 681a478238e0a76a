"""Calendar expressions → TIMEX3 values: absolute dates, named months and weekdays, years, quarters.

Each ``resolve_<rule>`` takes the rule's match and the document context and returns a Found,
or None when the match is not a time expression after all ("March" the verb, "1500 troops").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.timex.calendar import When, month_day, season
from storyline.extract.timex.context import Context, Found
from storyline.extract.timex.lexicon import DAY_PARTS, MONTHS, ORDINALS, SEASONS, WEEKDAYS, spelled_year
from storyline.extract.timex.tense import FUTURE, PAST, PRESENT

_REL = re.compile(r"\s+")


def rel_word(text: str | None) -> str | None:
    return _REL.sub(" ", text.lower()) if text else None


def month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def day_of(m: re.Match[str]) -> int:
    if m.groupdict().get("dw"):
        return ORDINALS[m["dw"].lower()]
    return int(re.sub(r"\D", "", m["d"]))


def weekday_date(ctx: Context, start: int, wd: int, rel: str | None, possessive: bool = False) -> date | None:
    """The date of a named weekday: last/next/this, else before publication for the past, after for the future."""
    if ctx.dct is None:
        return None
    ref = ctx.dct.day
    today = ref.isoweekday()
    back = (today - wd) % 7
    ahead = (wd - today) % 7
    if rel in ("last", "this past"):
        return ref - timedelta(days=back or 7)
    if rel in ("next", "this coming"):
        return ref + timedelta(days=ahead or 7)
    if rel == "this":
        return ref + timedelta(days=wd - today)
    tense = ctx.tense(start)
    if possessive and tense != FUTURE:
        tense = PAST  # "Tuesday's declaration" names what already happened
    if tense == FUTURE or (tense == PRESENT and ahead < back):
        return ref + timedelta(days=ahead)  # the present tells schedules too: "the strike ends Thursday"
    return ref - timedelta(days=back)


def _with_year(ctx: Context, start: int, month: int, day: int, year: str | None, rel: str | None) -> date | None:
    y = int(year) if year else ctx.cyclic_year(start, month, day, rel)
    return month_day(y, month, day) if y else None


def resolve_iso(m: re.Match[str], ctx: Context) -> Found | None:
    d = month_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["h"] and int(m["h"]) < 24 and int(m["mi"]) < 60:
        hm = f"{m['h']}:{m['mi']}"
        return Found(m.start(), m.end(), f"{d.isoformat()}T{hm}", "TIME", When(d, "D", hm))
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D"))


resolve_dotted = resolve_iso


def resolve_slashed(m: re.Match[str], ctx: Context) -> Found | None:
    y = int(m["y"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    d = month_day(y, int(m["m"]), int(m["d"])) or month_day(y, int(m["d"]), int(m["m"]))
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D")) if d else None


def resolve_month_day(m: re.Match[str], ctx: Context) -> Found | None:
    month, day = month_of(m["mon"]), day_of(m)
    if m["d"] and not m["y"] and not m["wd"] and _looks_like_count(ctx, m.end("d")):
        return None
    d = _with_year(ctx, m.start(), month, day, m["y"], rel_word(m["rel"]))
    if d is None:
        return Found(m.start(), m.end(), None, "DATE") if month_day(2000, month, day) else None
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D"))


def resolve_day_month(m: re.Match[str], ctx: Context) -> Found | None:
    month, day = month_of(m["mon"]), day_of(m)
    d = _with_year(ctx, m.start(), month, day, m["y"], None)
    if d is None:
        return Found(m.start(), m.end(), None, "DATE") if month_day(2000, month, day) else None
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D"))


def _looks_like_count(ctx: Context, end: int) -> bool:
    """'May 5 people' is not a date: a number that counts the next noun."""
    tok = ctx.token(end - 1)
    return tok is not None and tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.idx > tok.idx


def resolve_month_year(m: re.Match[str], ctx: Context) -> Found | None:
    month = month_of(m["mon"])
    if m["y"]:
        y = int(m["y"])
    else:
        base = ctx.dct.day.year if ctx.dct else None
        if base is None:
            return Found(m.start(), m.end(), None, "DATE")
        y = base + {"this": 0, "last": -1, "next": 1}[rel_word(m["rel"]) or "this"]
    when = When(date(y, month, 1), "M")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def _not_a_month(ctx: Context, m: re.Match[str]) -> bool:
    tok = ctx.token(m.start("mon"))
    if tok is None:
        return False
    if tok.tag_ in ("MD", "VB", "VBP", "VBZ", "VBD", "VBG", "VBN") or tok.pos_ == "VERB":
        return True  # "May", "March" the verbs
    if tok.ent_type_ == "PERSON" or (
        tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].pos_ == "PROPN"
        and tok.doc[tok.i + 1].ent_type_ in ("PERSON", "ORG")
    ):
        return True  # "April Ryan", "June Carter"
    return False


def resolve_month(m: re.Match[str], ctx: Context) -> Found | None:
    if not m["mod"] and not m["rel"] and _not_a_month(ctx, m):
        return None
    month = month_of(m["mon"])
    rel = rel_word(m["rel"])
    if rel in ("each", "every"):
        return Found(m.start(), m.end(), f"XXXX-{month:02d}", "SET")
    start = m.start() if not (m["mod"] or "").lower().startswith(("earlier", "later")) else m.start("mon")
    y = ctx.cyclic_year(start, month, None, rel)
    if y is None:
        return Found(m.start(), m.end(), None, "DATE")
    when = When(date(y, month, 1), "M")
    return Found(m.start(), m.end(), when.value, "DATE", when)


_TITLE_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Post|Mirror|Express|Herald|Tribune|Independent|Star|Sport|Night|Morning\s+Post|Island|"
    r"Club|School|Group|Agreement|Accord|Service|Show|Programme|Program|Edition|Magazine|Review|Journal|Mail|Observer|"
    r"Sun|World|Today|Business|People)\b"
)
_NAME_ENTITIES = {"ORG", "WORK_OF_ART", "PERSON", "FAC", "PRODUCT", "LAW", "GPE", "NORP"}


def resolve_weekday(m: re.Match[str], ctx: Context) -> Found | None:
    wd = WEEKDAYS[m["wd"].lower()]
    mod = rel_word(m["mod"])
    if _TITLE_AFTER.match(ctx.text, m.end("wd")):
        return None  # titles and names: "Sunday Times", "Good Friday Agreement"
    tok = ctx.token(m.start("wd"))
    if tok is not None and tok.ent_type_ in _NAME_ENTITIES:
        return None
    part = m["part"].lower().rstrip("s") if m["part"] else None
    if mod in ("every", "each") or m["pl"] or (m["part"] or "").lower().endswith("s"):
        suffix = f"T{DAY_PARTS[part]}" if part else ""
        return Found(m.start(), m.end(), f"XXXX-WXX-{wd}{suffix}", "SET")
    rel = mod if mod in ("last", "next", "this", "this past", "this coming") else None
    if mod in ("the previous", "the following", "the next"):
        base = ctx.narrative.anchor(m.start(), "D")
        if base is None:
            return Found(m.start(), m.end(), None)
        gap = (base.day.isoweekday() - wd) % 7 or 7 if mod == "the previous" else (wd - base.day.isoweekday()) % 7 or 7
        day = base.day + timedelta(days=-gap if mod == "the previous" else gap)
        return Found(m.start(), m.end(), day.isoformat(), "DATE", When(day, "D"))
    possessive = ctx.text[m.end("wd") : m.end("wd") + 2] in ("'s", "’s")
    d = weekday_date(ctx, m.start("wd"), wd, rel, possessive)
    if d is None:
        return Found(m.start(), m.end(), None, "DATE")
    if part:
        when = When(d, "PD", DAY_PARTS[part])
        return Found(m.start(), m.end(), when.value, "TIME", When(d, "D"))
    return Found(m.start(), m.end(), d.isoformat(), "DATE", When(d, "D"))


def _clock(m: re.Match[str]) -> str | None:
    if m.groupdict().get("word"):
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m["word"].lower()]
    h, mi = int(m["h"]), int(m["mi"] or 0)
    pm = m["ampm"].lower().startswith("p")
    if not 1 <= h <= 12 or mi >= 60:
        return None
    h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{mi:02d}"


def _day_for_clock(m: re.Match[str], ctx: Context) -> date | None:
    g = m.groupdict()
    if g.get("wd") and g["wd"].lower() in WEEKDAYS:
        return weekday_date(ctx, m.start(), WEEKDAYS[g["wd"].lower()], None)
    word = (g.get("deic") or g.get("wd") or "").lower()
    if ctx.dct is None:
        return None
    if word in ("yesterday", "tomorrow", "today", "tonight"):
        return ctx.dct.day + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
    if g.get("mon"):
        return _with_year(ctx, m.start(), month_of(g["mon"]), day_of(m), None, None)
    return None


def resolve_clock(m: re.Match[str], ctx: Context) -> Found | None:
    hm = _clock(m)
    if hm is None:
        return None
    d = _day_for_clock(m, ctx)
    if d is None and not (m.groupdict().get("wd") or m.groupdict().get("deic") or m.groupdict().get("mon")):
        # A bare clock time is on the day being told about.
        anchor = ctx.narrative.anchor(m.start(), "D")
        d = anchor.day if anchor else None
        if d is not None and anchor is not None and anchor is ctx.dct and ctx.dct_time:
            # Nothing dated yet but the publication's own clock: a time later than it, told as done,
            # was yesterday's ("the blast at 10 p.m." in a 9 a.m. story); an earlier one still to come is tomorrow's.
            tense = ctx.tense(m.start())
            if tense == PAST and hm > ctx.dct_time:
                d -= timedelta(days=1)
            elif tense == FUTURE and hm < ctx.dct_time:
                d += timedelta(days=1)
    if d is None:
        return Found(m.start(), m.end(), None, "TIME")
    return Found(m.start(), m.end(), f"{d.isoformat()}T{hm}", "TIME", When(d, "D", hm))


resolve_weekday_clock = resolve_clock


def resolve_month_ordinal(ctx: Context, start: int, day: int, rel: str | None, month_text: str | None) -> date | None:
    if month_text:
        return _with_year(ctx, start, month_of(month_text), day, None, None)
    anchor = ctx.narrative.nearby(start, "M", sentences=0) or ctx.narrative.nearby(start, "D", sentences=0)
    if ctx.dct is not None:
        ref = ctx.dct.day
    elif anchor is not None:
        ref = anchor.day
    else:
        return None
    if rel in ("last", "next", "this"):
        base = date(ref.year, ref.month, 1)
        base = {"last": base - timedelta(days=1), "next": base + timedelta(days=32), "this": base}[rel]
        return month_day(base.year, base.month, day)
    if rel in ("the same", "that") and anchor:
        return month_day(anchor.day.year, anchor.day.month, day)
    d = month_day(ref.year, ref.month, day)
    tense = ctx.tense(start)
    if tense == PAST and day > ref.day:
        prev = date(ref.year, ref.month, 1) - timedelta(days=1)
        d = month_day(prev.year, prev.month, day)
    elif tense == FUTURE and day < ref.day:
        nxt = date(ref.year, ref.month, 28) + timedelta(days=5)
        d = month_day(nxt.year, nxt.month, day)
    return d


_DAY_PARTS_WORDS = {"morning", "afternoon", "evening", "night"}
_NOT_A_DAY_AFTER = re.compile(
    r"\s+(?!of\b|and\b|or\b|to\b|at\b|in\b|this\b|last\b|next\b|that\b|when\b|as\b|"
    r"local\b|morning|afternoon|evening|night|after\b|before\b|until\b)[A-Za-z]"
)


def resolve_ordinal_day(m: re.Match[str], ctx: Context) -> Found | None:
    if not m["mon"] and not m["rel"]:
        gap = len(ctx.text[m.end("t") :]) - len(ctx.text[m.end("t") :].lstrip(" "))
        tok = ctx.token(m.end("t") + gap) if gap else None
        following = tok if tok is not None and tok.idx == m.end("t") + gap else None
        if following is not None:
            if following.tag_ in ("NN", "NNS", "NNP", "NNPS", "CD") and following.lower_ not in _DAY_PARTS_WORDS:
                return None  # "the 5th Division", "the 20th anniversary"
        elif ctx.tenses.sdoc is None and _NOT_A_DAY_AFTER.match(ctx.text, m.end("t")):
            return None
    d = resolve_month_ordinal(ctx, m.start("t"), int(m["d"]), rel_word(m["rel"]), m["mon"])
    if d is None:
        return Found(m.start("t"), m.end("t"), None, "DATE")
    return Found(m.start("t"), m.end("t"), d.isoformat(), "DATE", When(d, "D"))


def resolve_year(m: re.Match[str], ctx: Context) -> Found | None:
    y = int(m["y"])
    cue = (m["cue"] or "").lower()
    if not cue and not m["mod"] and not _plain_year(ctx, m, y):
        return None
    if cue in ("$", "#"):
        return None
    before = ctx.text[max(0, m.start("t") - 12) : m.start("t")].lower()
    if re.search(
        r"(?:no\.|number|section|article|chapter|room|route|flight|page|paragraph|model|version|"
        r"resolution|item|rule|code|[$£€#§])\s*$",
        before,
    ):
        return None
    when = When(date(y, 1, 1), "Y")
    return Found(m.start("t"), m.end("t"), when.value, "DATE", when)


def _plain_year(ctx: Context, m: re.Match[str], y: int) -> bool:
    """A year without a cue word: plausible as a year and not a count in the parse."""
    if ctx.dct and not (1900 <= y <= ctx.dct.day.year + 10):
        return False
    tok = ctx.token(m.start("y"))
    if tok is None:
        return 1900 <= y <= 2100
    if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS"):
        return False  # "1500 troops"
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("$", "£", "€", "#", "No.", "No"):
        return False
    return tok.like_num


def resolve_spelled_year(m: re.Match[str], ctx: Context) -> Found | None:
    y = spelled_year(m["w"])
    if y is None or not 1000 <= y <= 2100:
        return None
    when = When(date(y, 1, 1), "Y")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def resolve_fiscal_year(m: re.Match[str], ctx: Context) -> Found | None:
    when = When(date(int(m["y"]), 1, 1), "Y")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def resolve_decade(m: re.Match[str], ctx: Context) -> Found | None:
    if m["y"]:
        y = int(m["y"])
    elif m["yy"]:
        yy = int(m["yy"])
        base = ctx.dct.day.year if ctx.dct else 2000
        y = (base // 100) * 100 + yy
        y = y - 100 if y > base else y
    else:
        if not (m["mod"] or "").lower().startswith("the"):
            return None  # "his seventies" is an age
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        base = ctx.dct.day.year if ctx.dct else 2000
        y = (base // 100) * 100 + 10 * (tens.index(m["w"].lower()) + 2)
        y = y - 100 if y > base else y
    if m["y"] and not m["mod"] and ctx.text[m.start() - 1 : m.start()] == "$":
        return None
    when = When(date(y, 1, 1), "DE")
    return Found(m.start(), m.end(), when.value, "DATE", when)


def resolve_century(m: re.Match[str], ctx: Context) -> Found | None:
    n = int(m["n"]) if m["n"] else ORDINALS.get(m["w"].lower(), 0)
    if not 1 <= n <= 21:
        return None
    return Found(m.start(), m.end(), f"{n - 1:02d}", "DATE", When(date(max(1, (n - 1) * 100), 1, 1), "CE"))


def resolve_season(m: re.Match[str], ctx: Context) -> Found | None:
    if m["s2"]:
        when = season(int(m["y2"]), SEASONS[m["s2"].lower()])
        return Found(m.start(), m.end(), when.value, "DATE", when)
    code = SEASONS[m["s"].lower()]
    cue, rel = rel_word(m["cue"]), rel_word(m["rel"])
    start = m.start("t")
    if (
        cue in ("in", "by", "until", "till", "since", "during", "through", "for", "over", "early", "late", "mid")
        and not rel
    ):
        start = m.start("t") if cue not in ("early", "late", "mid") else m.start()
    elif cue in ("this", "last", "next", "this past", "this coming", "the", "that") and not rel:
        rel, start = cue, m.start()
    if code == "FA" and not m["y"] and rel in (None, "the") and re.match(r"\s+(?:of|in)\s+(?!\d)", ctx.text[m.end() :]):
        return None  # "the fall of the wall"
    tok = ctx.token(m.start("s"))
    if tok is not None and tok.pos_ == "VERB":
        return None
    if m["y"]:
        when = season(int(m["y"]), code)
        return Found(start, m.end(), when.value, "DATE", when)
    if ctx.dct is None:
        return Found(start, m.end(), None, "DATE")
    when = season_in_context(ctx, m.start(), code, rel)
    return Found(start, m.end(), when.value, "DATE", when)


def season_in_context(ctx: Context, start: int, code: str, rel: str | None) -> When:
    if ctx.dct is None:
        raise ValueError("a season is placed from the publication date, and there is none")
    ref = ctx.dct.day
    order = ["WI", "SP", "SU", "FA"]
    now = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2}.get(ref.month, 3)
    idx = order.index(code)
    y = ref.year + (1 if ref.month == 12 else 0)  # December opens the next year's winter
    if rel in ("last", "this past", "past"):
        return season(y if idx < now else y - 1, code)
    if rel in ("next", "this coming", "coming"):
        return season(y if idx > now else y + 1, code)
    if rel in ("this", "that"):
        return season(y, code)
    tense = ctx.tense(start)
    if tense == PAST and idx > now:
        return season(y - 1, code)
    if tense == FUTURE and idx < now:
        return season(y + 1, code)
    return season(y, code)
