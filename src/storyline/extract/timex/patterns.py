"""English time-expression patterns, compiled once: each rule finds spans of one kind.

A rule's match may hold context it needs but that is not part of the expression (a preposition
that makes a bare year a year); the group ``t`` then marks the expression itself. Function words
match in any case, month and weekday names only capitalized ("may", "march" are verbs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.timex.lexicon import NUMBER, ORDINAL_WORD

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|(?-i:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|[.,]\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
NUM = NUMBER
VAGUE = r"(?:a\s+few|few|several|some|many|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+number\s+of|numerous)"
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie|millenni(?:um|a))"
UNIT_PLURAL = rf"{UNIT}s?"
APPROX = (
    r"(?:nearly|almost|about|some|roughly|around|approximately|more\s+than|less\s+than|fewer\s+than|over|"
    r"just|only|barely|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|under|a\s+full|"
    r"another|an\s+additional|the\s+full|well\s+over|close\s+to|the\s+better\s+part\s+of)"
)
PART = r"(?:morning|afternoon|mid-?afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
AMPM = r"(?:[ap]\.\s?m\.|[ap]m\b|[AP]M\b)"
TZ = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|KST|JST|\(?local\s+time\)?))"
# A bare year needs one of these before it, or the parse to show it is not a count ("1500 troops").
YEAR_CUE = (
    r"(?:in|since|of|by|until|till|from|during|before|after|through|to|between|and|or|for|around|circa|"
    r"early|mid|late|fiscal|calendar|spring|summer|fall|autumn|winter|year|the|season|end|beginning|start)"
)


@dataclass(frozen=True)
class Rule:
    """A pattern, the words that must occur in any match (``digits``: a number does), and how many
    words before such a word a match may start: rules are tried only there, not at every character."""

    name: str
    regex: re.Pattern[str]
    triggers: frozenset[str]
    digits: bool
    lookback: int


_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                "nov", "dec"}  # fmt: skip
_WEEKDAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays",
                  "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"}  # fmt: skip
_UNIT_WORDS = {
    f"{u}{s}"
    for u in (
        "second",
        "minute",
        "hour",
        "day",
        "night",
        "week",
        "weekend",
        "fortnight",
        "month",
        "quarter",
        "year",
        "decade",
        "century",
        "millennium",
    )
    for s in ("", "s")
}
_UNIT_WORDS |= {"centuries", "millennia", "period", "half"}
_PARTS = {"morning", "afternoon", "evening", "night", "overnight", "mornings", "nights", "evenings", "afternoons"}
_SEASON_WORDS = {"spring", "summer", "fall", "autumn", "winter"}
_TRIGGERS: dict[str, tuple[set[str], bool, int]] = {
    "iso": (set(), True, 0),
    "dotted": (set(), True, 0),
    "slashed": (set(), True, 0),
    "month_day": (_MONTH_WORDS, False, 4),
    "day_month": (_MONTH_WORDS, False, 6),
    "month_year": (_MONTH_WORDS, False, 5),
    "month": (_MONTH_WORDS, False, 5),
    "weekday": (_WEEKDAY_WORDS, False, 2),
    "clock": ({"noon", "midnight", "midday"}, True, 3),
    "weekday_clock": (_WEEKDAY_WORDS | {"today", "yesterday", "tomorrow"}, False, 0),
    "deictic_day": ({"today", "tonight", "yesterday", "tomorrow"} | _PARTS, False, 3),
    "part_of_day": (_PARTS | {"midafternoon", "midmorning"}, False, 4),
    "ref": (
        {
            "now",
            "currently",
            "current",
            "present",
            "presently",
            "nowadays",
            "days",
            "recently",
            "lately",
            "past",
            "future",
            "term",
            "being",
            "ahead",
            "soon",
        }
        | _UNIT_WORDS,
        False,
        3,
    ),
    "year_relative": ({"year", "end"}, False, 3),
    "ago": (_UNIT_WORDS, False, 6),
    "relative": (_UNIT_WORDS | _SEASON_WORDS | {"season"}, False, 6),
    "the_unit": (_UNIT_WORDS, False, 4),
    "quarter": ({"quarter", "half", "q"}, True, 6),
    "fiscal_year": ({"fiscal", "calendar", "financial"}, False, 0),
    "decade": ({"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}, True, 3),
    "century": ({"century"}, False, 5),
    "year": (set(), True, 4),
    "spelled_year": ({"nineteen", "eighteen", "thousand"}, False, 3),
    "season": (_SEASON_WORDS, False, 4),
    "ordinal_day": (set(), True, 2),
    "duration": (_UNIT_WORDS, False, 8),
    "units_bare": (_UNIT_WORDS, False, 2),
    "set": (
        _UNIT_WORDS
        | _WEEKDAY_WORDS
        | _MONTH_WORDS
        | _PARTS
        | {"daily", "weekly", "monthly", "hourly", "quarterly", "nightly"},
        False,
        2,
    ),
}


def _rule(name: str, pattern: str, flags: int = re.IGNORECASE) -> Rule:
    words, digits, lookback = _TRIGGERS[name]
    return Rule(name, re.compile(pattern, flags), frozenset(words), digits, lookback)


# Rules passing _CASED keep month and weekday names capitalized; (?i:...) groups relax the function words.
_CASED = 0

RULES: list[Rule] = [
    _rule(
        "iso", r"(?<![\d.-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<h>\d\d):(?P<mi>\d\d)(?::\d\d)?)?(?![\d-])"
    ),
    _rule("dotted", r"(?<![\d.])(?P<y>(?:19|20)\d\d)[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\.?(?![\d/])"),
    _rule("slashed", r"(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"),
    _rule(
        "month_day",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this))\s+)?"
        rf"(?P<mon>{MONTH})\s+(?:(?P<d>{DAYNUM})|(?P<dw>{ORDINAL_WORD}))(?:,?\s+(?P<y>{YEAR})(?!\d))?",
        _CASED,
    ),
    _rule(
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<d>{DAYNUM})\s+(?:(?i:of)\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR})(?!\d))?",
        _CASED,
    ),
    _rule(
        "month_year",
        rf"(?:(?P<mod>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of))[\s-]+)?"
        rf"(?P<mon>{MONTH})(?:\s+(?i:of))?,?\s+(?:(?P<y>{YEAR})(?![\d,]\d)|(?P<rel>(?i:this|last|next))\s+(?i:year))",
        _CASED,
    ),
    _rule(
        "month",
        rf"(?:(?P<mod>(?i:early|mid|late|earlier\s+in|later\s+in|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of))[\s-]+)?"
        rf"(?:(?P<rel>(?i:this\s+coming|this\s+past|last|next|this|each|every))\s+)?(?P<mon>{MONTH_FULL})(?![\w-])",
        _CASED,
    ),
    _rule(
        "weekday",
        rf"(?:(?P<mod>(?i:early|late|earlier|later|this\s+coming|this\s+past|last|next|this|every|each|the\s+previous|the\s+following|the\s+next))\s+)?"
        rf"(?P<wd>{WEEKDAY})(?P<pl>s)?(?:\s+(?P<part>(?i:{PART})s?))?(?!\w)",
        _CASED,
    ),
    _rule(
        "clock",
        rf"(?:(?P<approx>around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>{AMPM})|(?P<word>noon|midnight|midday))(?P<tz>{TZ})?"
        rf"(?:,?\s+(?:(?:on\s+)?(?P<wd>(?-i:{WEEKDAY}))|(?P<deic>today|yesterday|tomorrow|tonight)|"
        rf"(?-i:(?P<mon>{MONTH})\s+(?P<d>{DAYNUM}))))?(?!\w)",
    ),
    _rule(
        "weekday_clock",
        rf"(?P<wd>(?-i:{WEEKDAY})|today|yesterday|tomorrow)\s+(?:at\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>{AMPM})(?P<tz>{TZ})?",
    ),
    _rule(
        "deictic_day",
        rf"(?:(?P<mod>early|late|earlier|later|mid[-\s]?afternoon|mid[-\s]?morning)\s+)?(?P<w>today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<part>{PART}))?(?!\w)|(?P<w2>last|this|tomorrow|yesterday)\s+(?P<part2>{PART})(?!\w)"
        rf"|(?P<w3>later|earlier)\s+this\s+(?P<part3>{PART})",
    ),
    _rule(
        "part_of_day",
        rf"(?P<w>overnight|(?:the|that|this|(?:early|late)\s+(?:in\s+)?the)\s+{PART}|mid[-\s]?(?:afternoon|morning))(?!\w)",
    ),
    _rule(
        "ref",
        r"(?P<w>now|right\s+now|currently|current|at\s+present|presently|nowadays|these\s+days|recently|lately|"
        r"(?:as\s+)?soon(?:\s+as\s+possible)?|"
        rf"the\s+past(?!\s+(?:{NUM}|{VAGUE}|several|few|century|decade|year|month|week|day|quarter|summer|winter|spring|fall)\b)|"
        r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|short|long)\s+term|the\s+time\s+being)(?![\w-])"
        r"|(?P<plural>(?:the\s+)?(?:coming|recent|past)\s+(?P<unit>days|weeks|months|years|decades|quarters)|"
        r"the\s+(?P<unit2>days|weeks|months|years)\s+ahead)(?![\w-])",
    ),
    _rule(
        "year_relative",
        r"(?P<w>year-earlier|year-ago|year-before|the\s+full\s+year|(?:the\s+)?year[-\s]end|(?:the\s+)?year's\s+end)(?![\w-])",
    ),
    _rule(
        "ago",
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUM}|{VAGUE}|a|an)?\s*(?P<unit>{UNIT_PLURAL})(?:\s+or\s+(?:so|two|more))?"
        r"\s+(?P<dir>ago|earlier|later|before|after|afterwards?|from\s+now|hence|previously|prior)(?!\w)",
    ),
    _rule(
        "relative",
        rf"(?:(?P<mod>early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
        rf"the\s+rest\s+of|the\s+remainder\s+of|around)[\s-]+)?"
        r"(?:(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|the\s+following|the\s+next|the\s+same|"
        r"the\s+coming|the\s+current|this|last|next|past|coming|previous|following|same|that|the\s+latest)"
        r"(?:\s+(?P<fiscal>fiscal|calendar))?\s+)"
        rf"(?P<unit>day|week|weekend|month|quarter|year|decade|century|half|{SEASON}|season)(?![\w-])",
    ),
    _rule(
        "the_unit",
        r"(?P<det>the|that|its|a|this)\s+(?:(?P<adj>year-ago|year-earlier|comparable|corresponding|same|latest|fiscal|"
        r"(?:19|20)\d\d)[\s-]+)?(?P<unit>day|week|weekend|month|quarter|year|period|fiscal\s+year)"
        r"(?P<tail>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|earlier))?(?![\w'’-])",
    ),
    _rule(
        "quarter",
        rf"(?:(?P<det>the|its|a|this\s+year's|last\s+year's|next\s+year's|the\s+year-(?:ago|earlier)|the\s+(?P<y0>{YEAR}))\s+)?"
        r"(?:(?P<adj>flat|fiscal|calendar|year-ago|year-earlier|seasonally\s+slow|traditionally\s+\w+)[\s-]+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|next|previous|fiscal-first)"
        r"(?:[\s-]+(?:fiscal|calendar))?[\s-]+(?P<unit>quarter|half)(?!s)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>\d{4}))?(?![\w-])"
        r"|(?P<qn>[1-4])Q(?:\s*(?P<y2>\d{4}))?\b|\bQ(?P<qn2>[1-4])(?:\s*(?P<y3>\d{4}))?\b",
    ),
    _rule("fiscal_year", rf"(?P<w>fiscal|calendar|financial)(?:\s+year)?\s+(?P<y>{YEAR})(?![\d-])"),
    _rule(
        "decade",
        r"(?:(?P<mod>the\s+early|the\s+mid|the\s+late|early|mid|late|the)[\s-]+)?"
        r"(?:(?P<y>1[5-9]\d0|20\d0)'?s|'(?P<yy>\d0)s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)",
    ),
    _rule(
        "century",
        rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\s+century|(?:the\s+)?(?P<w>{ORDINAL_WORD})\s+century",
    ),
    _rule(
        "year",
        rf"(?:(?P<cue>{YEAR_CUE}|[,(])[\s-]+)?(?P<t>(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|"
        rf"the\s+start\s+of|the\s+year)[\s-]+)?(?P<y>{YEAR}))(?![\d.,]\d|\s*%|\s*(?:percent|per\s+cent)\b|-\d|\w)",
    ),
    _rule(
        "spelled_year",
        r"(?:the\s+year\s+)?(?P<w>(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?!\w)",
    ),
    _rule(
        "season",
        rf"(?:(?P<cue>in|by|until|till|since|during|through|for|over|this|last|next|this\s+past|this\s+coming|early|late|mid|the|that)[\s-]+)"
        rf"(?P<t>(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|that)\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?"
        rf"(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?)(?![\w-])|(?P<s2>{SEASON})\s+(?:of\s+)?(?P<y2>{YEAR})(?!\d)",
    ),
    _rule(
        "ordinal_day",
        rf"(?P<cue>on|since|until|till|by|from|before|after|through|to|and|between|of|or)\s+(?P<t>the\s+(?P<d>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)"
        rf"(?:\s+of\s+(?:(?P<rel>this|last|next|the\s+same|that)\s+month|(?-i:(?P<mon>{MONTH}))))?)(?!\w|\s+(?:-|–)?\s*\d)",
    ),
    _rule(
        "duration",
        rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<det>the|its|their|his|her|our|each\s+of\s+the|each\s+of)\s+)?"
        r"(?:(?P<rel>past|last|next|first|coming|previous|following|final|latest|initial|remaining|same|other|additional|"
        r"first\s+full|recent)\s+)?"
        rf"(?P<n>{NUM}|{VAGUE}|a|an)[\s-]+(?:(?:more|additional|straight|consecutive|full|trading|business|working|long|"
        rf"calendar|fiscal)[\s-]+)?(?P<unit>{UNIT_PLURAL})(?P<half>\s+and\s+a\s+half)?(?P<old>-old|-long)?(?:\s+or\s+so)?(?![\w'’-])",
    ),
    _rule(
        "units_bare",
        r"(?<![\w-])(?:(?P<det>the|for|over|in|within|after|take|takes|took|taken|lasted|last|lasting|spent|spend)\s+)(?P<t>(?:the\s+)?"
        r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))(?=\s*(?:[,.;:)]|and|or|of|to|before|after|ago|$))",
    ),
    _rule(
        "set",
        rf"(?P<q>every|each|per|a)\s+(?:other\s+)?(?P<u>day|night|week|month|year|quarter|morning|evening|afternoon|weekend|"
        rf"(?-i:{WEEKDAY})|(?-i:{MONTH_FULL}))(?![\w-])|(?P<adv>daily|weekly|monthly|hourly|quarterly|nightly)",
    ),
]
