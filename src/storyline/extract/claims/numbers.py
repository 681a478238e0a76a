"""Reading the value of a written number: digits, number words, scale words and their abbreviations."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_ABBREV = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# "hundreds of people": a vague count whose lower bound is the scale itself; the word is kept as qualifier.
VAGUE_PLURALS = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
NUMBER_WORDS = {**UNITS, **TENS, **SCALES, "dozen": 12}

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn|trn)$", re.IGNORECASE)


def digits_value(text: str) -> float | None:
    """'3,000' → 3000.0, '1.2' → 1.2, '5bn' → 5e9; None for anything else ('02-398', '1st')."""
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    m = _DIGITS_SCALE.match(text)
    if m:
        return float(m.group(1)) * SCALE_ABBREV[m.group(2).lower()]
    return None


def words_value(words: list[str]) -> float | None:
    """The value of a run of number tokens: ['1.2', 'billion'], ['twenty', '-', 'five'], ['a', 'dozen'], ['tens', 'of', 'thousands']."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in {"-", "and", "a", "an", "of"}:
            if w in {"a", "an"} and not seen:
                current, seen = 1.0, True
            continue
        if w == "tens" and not seen:  # "tens of thousands"
            current, seen = 10.0, True
            continue
        parts = w.split("-") if "-" in w and not _DIGITS.match(w) else [w]
        for p in parts:
            value = digits_value(p)
            if value is not None:
                current += value
            elif p in UNITS or p in TENS:
                current += UNITS.get(p, 0) + TENS.get(p, 0)
            elif p == "dozen":
                current = (current or 1) * 12
            elif p in SCALES or p in VAGUE_PLURALS:
                scale = SCALES.get(p) or SCALES.get(p[:-1]) or VAGUE_PLURALS[p]
                if p in VAGUE_PLURALS and p[:-1] not in SCALES:  # dozens, scores
                    current = (current or 1) * scale
                elif scale == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * scale
                    current = 0.0
            else:
                return None
            seen = True
    return total + current if seen else None
