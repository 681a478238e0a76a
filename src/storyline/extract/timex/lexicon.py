"""Words of English time expressions and their values: months, weekdays, numbers, units."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TIMEX3 parts of the day.
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "midafternoon": "AF", "evening": "EV",
             "night": "NI", "tonight": "NI", "overnight": "NI"}  # fmt: skip

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
    "fortnight": "W2",
}  # fmt: skip

_ONES = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": -1, "final": -1,
}  # fmt: skip

# Regex pieces shared by the patterns.
NUMBER_WORD = "|".join(sorted([w for w in [*_ONES, *_TENS, *_SCALES] if w not in ("a", "an")], key=len, reverse=True))
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:{NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{NUMBER_WORD}))*"
    r"(?:\s+and\s+a\s+half)?)"
)
ORDINAL_WORD = "|".join(sorted((k for k in ORDINALS if k not in {"last", "final"}), key=len, reverse=True))


def number_value(text: str) -> float | None:
    """'twenty four' → 24, '2 1/2' → 2.5, 'a' → 1, 'two and a half' → 2.5; None when it is not a number."""
    s = re.sub(r"\s+", " ", text.lower().replace(",", "")).strip()
    if s in ("a couple of", "a couple", "couple of"):
        return 2.0
    half = 0.0
    if s.endswith("and a half"):
        half, s = 0.5, s[: -len("and a half")].strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", s)
    if m:
        frac = int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0
        return float(m.group(1)) + frac + half
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", s):
        if word == "and" or not word:
            continue
        if word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return float(total + current) + half if seen else None


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' → 1996, 'two thousand' → 2000, 'nineteen eighty' → 1980."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if len(words) >= 2 and words[0] in _ONES and 10 <= _ONES[words[0]] <= 20 and words[1] != "hundred":
        rest = number_value(" ".join(words[1:]))
        if rest is not None and rest < 100:
            return _ONES[words[0]] * 100 + int(rest)
    value = number_value(text)
    return int(value) if value and 1000 <= value < 2100 else None
