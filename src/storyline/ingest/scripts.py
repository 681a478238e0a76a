"""Writing systems of characters, for spotting lines in another script than the body."""

from __future__ import annotations

from collections import Counter

# (first code point, last code point, script); ranges that matter for news pages.
_RANGES = [
    (0x0041, 0x024F, "Latin"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1E00, 0x1EFF, "Latin"),
    (0x3040, 0x309F, "Kana"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFF21, 0xFF5A, "Latin"),
    (0xFF66, 0xFF9F, "Kana"),
]


def script_of(ch: str) -> str | None:
    """The script of a letter, or None for digits, punctuation, symbols and spaces."""
    if not ch.isalpha():
        return None
    cp = ord(ch)
    for lo, hi, name in _RANGES:
        if lo <= cp <= hi:
            return name
    return "Other"


def script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for ch in text:
        s = script_of(ch)
        if s:
            counts[s] += 1
    return counts


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    if not counts:
        return None
    # Japanese mixes Kana and Han, and Korean news sometimes uses Han: count them together.
    if counts.get("Kana", 0) and counts.get("Han", 0):
        counts["Kana"] += counts.pop("Han")
    return counts.most_common(1)[0][0]


def compatible(script: str, dominant: str) -> bool:
    if script == dominant:
        return True
    east_asian = {"Han", "Kana", "Hangul"}
    # Han characters appear inside Japanese and Korean text.
    return script == "Han" and dominant in east_asian


def foreign_share(text: str, dominant: str) -> float:
    """Share of the letters of ``text`` that are not in the ``dominant`` script."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return 0.0
    foreign = sum(n for s, n in counts.items() if not compatible(s, dominant))
    return foreign / total
