"""Pairing quotation marks: straight and curly, double and single, across paragraphs.

A quotation left open at the end of a paragraph continues when the next paragraph opens with a
quotation mark (the news convention for quotes of several paragraphs); otherwise it is dropped.
Apostrophes (``Spain's``, ``don't``, ``'90s``) are told from single quotes by their neighbours.
A quotation inside another one (``"The 'X' treaty"``) is part of the outer one, never a quote itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_DOUBLE = re.compile(r"''|``|[\"“”„«»]")  # two apostrophes or backticks: typewriter quotes
_SINGLE = re.compile(r"(?<!')'(?!')|[‘’‚‹›]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NEWLINE = re.compile(r"\n")
_OPEN_BEFORE = set("([{—–-/:;") | set("\"'“‘«„")
_CLOSE_AFTER = set(".,;:!?)]}—–-…") | set("\"'”’»")
_DECADE = re.compile(r"\d\ds\b")


@dataclass
class Quoted:
    start: int  # the opening mark
    end: int  # just after the closing mark
    pieces: list[tuple[int, int]]  # the quoted text, one piece per paragraph, marks excluded
    single: bool = False

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]


def _hard_wrapped(text: str) -> bool:
    """Lines broken at a fixed width (most of similar length, most not ending a sentence)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 5:
        return False
    sized = sum(1 for ln in lines if 40 <= len(ln) <= 100)
    open_ended = sum(1 for ln in lines if not ln.endswith((".", "!", "?", '"', "”", ":", "’", "'")))
    return sized >= 0.6 * len(lines) and open_ended >= 0.5 * len(lines)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, or blocks between blank lines when the text is hard-wrapped."""
    sep = _BLANK_LINE if _BLANK_LINE.search(text) and _hard_wrapped(text) else _NEWLINE
    out, pos = [], 0
    for m in sep.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _context(text: str, i: int, para_start: int, width: int = 1) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark) from the characters around it."""
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + width] if i + width < len(text) else " "
    opening = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    closing = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)
    return opening, closing


def _double_role(text: str, i: int, para_start: int) -> str:
    width = 2 if text.startswith(("''", "``"), i) else 1
    opening, closing = _context(text, i, para_start, width)
    ch = text[i]
    if width == 2:
        ch = '"' if ch == "'" else "“"
    if ch in "“„«":
        return "close" if closing and not opening else "open"
    if ch in "”»":
        return "open" if opening and not closing else "close"
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "either"


def _single_role(text: str, i: int, para_start: int) -> str | None:
    opening, closing = _context(text, i, para_start)
    ch = text[i]
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return None  # don't, Spain's
    if ch in "'‘‚‹" and opening and not closing:
        if _DECADE.match(text, i + 1):
            return None  # the '90s
        return "open"
    if ch in "'’›" and closing and not opening:
        return "close"
    return None


def _style(text: str, i: int) -> str:
    return "straight" if text[i] in "\"'`" else "curly"


def _pair(
    text: str,
    pattern: re.Pattern[str],
    role: Callable[[str, int, int], str | None],
    paras: list[tuple[int, int]],
    single: bool,
) -> list[Quoted]:
    """Pair marks paragraph by paragraph. A double quotation inside another in the other style
    ('"... “As you know ...” ..."') is nested; a second opening in the same style means the first was stray."""
    out: list[Quoted] = []
    open_at: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start, style = 0, ""
    for p, (ps, pe) in enumerate(paras):
        found = [(m.start(), m.end(), role(text, m.start(), ps)) for m in pattern.finditer(text, ps, pe)]
        marks = [(i, j, r) for i, j, r in found if r is not None]
        if (open_at is not None and marks and marks[0][2] in ("open", "either")
                and not text[ps : marks[0][0]].strip() and _style(text, marks[0][0]) == style):  # fmt: skip
            piece_start = marks[0][1]  # the continuation mark of a quote of several paragraphs
            marks = marks[1:]
        elif open_at is not None:
            open_at, pieces = None, []
        nested: list[str] = []  # styles of the quotations open inside the current one
        for i, j, r in marks:
            st = _style(text, i)
            if open_at is None:
                if r in ("open", "either"):
                    open_at, piece_start, pieces, style, nested = i, j, [], st, []
                continue
            inner = nested[-1] if nested else style
            closing = r in ("close", "either")
            if closing and st == inner and nested:
                nested.pop()
            elif closing and (st == style or not nested):  # '"more hours”': mixed styles still pair
                out.append(Quoted(open_at, j, [*pieces, (piece_start, i)], single))
                open_at, pieces, nested = None, [], []
            elif single or closing:
                continue
            elif st != inner:
                nested.append(st)
            else:
                open_at, piece_start, pieces, style, nested = i, j, [], st, []  # the first opening was stray
        if open_at is not None:
            nxt = paras[p + 1] if p + 1 < len(paras) else None
            if nxt is None:
                open_at, pieces = None, []
            else:
                pieces.append((piece_start, pe))
    return out


def _inside(q: Quoted, others: list[Quoted]) -> bool:
    return any(o.start < q.start and q.end <= o.end for o in others)


def find_quoted(text: str) -> list[Quoted]:
    """Every quotation in the text, outermost only, in order."""
    paras = paragraphs(text)
    doubles = _pair(text, _DOUBLE, _double_role, paras, single=False)
    singles = _pair(text, _SINGLE, _single_role, paras, single=True)
    # The family used more often is the primary one (double in American, single in British style);
    # a quotation of the other family inside it is a quotation within a quotation.
    primary, secondary = (doubles, singles) if len(doubles) >= len(singles) else (singles, doubles)
    kept = primary + [q for q in secondary if not _inside(q, primary) and not any(_inside(p, [q]) for p in primary)]
    kept.sort(key=lambda q: q.start)
    return kept
