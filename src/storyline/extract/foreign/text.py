"""Text helpers for languages without a parse: digits of every script, sentences, words.

Every function keeps offsets: digit folding replaces one character with one character, and spans
are (start, end) offsets into the text given.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Eastern Arabic and Persian digits, full-width digits, and the Arabic decimal and thousands marks,
# each replaced by its ASCII twin (one character for one, so offsets stay).
DIGITS = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "٫": ".",
        "٬": ",",
        "，": ",",
        "．": ".",
        "％": "%",
    }
)

# A sentence ends at . ! ? (and their CJK and Arabic forms) followed by white space or, in CJK, by anything;
# closing quotes and brackets right after the mark belong to the sentence they close.
_END = re.compile(r"(?:[.!?؟]+|[。！？]+)[\"'”’»」』)\]]*(?=\s|$)|[。！？]+[\"'”’»」』)\]]*")
# Not a sentence end: an initial, a day or ordinal number ("am 12. Juni"), an abbreviation.
_NO_END = re.compile(
    r"(?:\b[A-ZА-ЯЁ]|\b\d{1,2}|\b(?:Dr|Prof|St|Nr|bzw|vgl|ca|Mme|Mlle|Sr|Sra|Dra|Jr|Gen|Col|Lt|Mr|Mrs|Ms|etc"
    r"|г|гг|т|е|им|ул|руб|млн|млрд|тыс|z|B|u|a)\.)$"
)
_WORD = re.compile(r"[^\W_][\w'’.\-]*[^\W_]|[^\W_]", re.UNICODE)
_SPACE = re.compile(r"\S+")


def fold_digits(text: str) -> str:
    return text.translate(DIGITS)


_OPENS = {"«": "»", "「": "」", "『": "』", "„": "“", "“": "”", '"': '"'}


def _quoted_depths(line: str) -> list[int]:
    """For each character of a line, how many quotations are open before it (a sentence inside a
    quotation, "«...». — сказал он" or 「...。...」, does not end the sentence around it)."""
    depths: list[int] = []
    stack: list[str] = []
    for ch in line:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in _OPENS:
            stack.append(_OPENS[ch])
        depths.append(len(stack))
    return depths


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs (lines) cut after sentence-final punctuation outside quotations."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        cut = start
        depths = _quoted_depths(line)
        for m in _END.finditer(text, start, end):
            if depths[m.end() - 1 - start] > 0 and m.end() < end:
                continue
            if m.group()[0] == "." and _NO_END.search(text, max(start, m.start() - 6), m.start() + 1):
                nxt = text[m.end() : m.end() + 2].strip()
                if not nxt or not nxt[:1].isupper() or m.group() != ".":
                    continue
                if re.search(r"\b\d{1,2}\.$", text[max(start, m.start() - 3) : m.start() + 1]):
                    continue  # "am 12. Juni", "13. Oktober": a day, never an end
            _add(text, cut, m.end(), out)
            cut = m.end()
        _add(text, cut, end, out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans (letters and digits, with inner apostrophes, dots and hyphens)."""
    return [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def chunks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans between white space (a Korean word with its particles is one)."""
    return [m.span() for m in _SPACE.finditer(text, start, len(text) if end is None else end)]


class SentenceIndex:
    """Which sentence holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]:
            return self.spans[k]
        return None

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1
