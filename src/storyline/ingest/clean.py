"""Raw article text → cleaned body, with what was removed and an offset map back to the raw text.

The cleaned text is the raw text with boilerplate lines dropped, runs of blank lines collapsed
to one, and two extraction artefacts repaired ("Lee Sang- hoon ," → "Lee Sang-hoon,"). Every other
character is copied verbatim, so ``OffsetMap`` can send any cleaned offset back to the raw text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from storyline.ingest import boilerplate as bp
from storyline.ingest.boilerplate import TextMeta
from storyline.ingest.dateline import find_date
from storyline.ingest.scripts import dominant_script, foreign_share, script_of
from storyline.model import RemovedLine

# "Jong- un" (a hyphenated name split by the extractor) and "un ," (a space before a comma).
_REPAIRS = [
    re.compile(r"\b[A-Z][a-z]+-(\s+)(?=[a-z]+\b)"),
    re.compile(r"(?<=\w)( +)(?=,)"),
]
# Possessive ``\s*+``: the runs of white space between the parts are never split two ways, so a
# line of many spaces costs linear time, not cubic. Only the head of a line is looked at.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s*+[A-Z][\w.'’ -]{1,30}?)?)\s*+"
    r"(?:,\s*+(?P<when>[A-Z][a-z]{2,9}\.?\s++\d{1,2}(?:,\s*+\d{4})?))?\s*+"
    r"(?:\((?P<agency>[^)]{1,40})\))?\s*+(?:[-—–_:]++|\.(?=\s+[A-Z]))\s+\S"
)
DATELINE_HEAD_CHARS = 200  # a dateline ("GENEVA, Oct 9 (Continental Wire) —") is far shorter


@dataclass
class OffsetMap:
    """Runs of text copied verbatim: (clean_start, raw_start, length), sorted by clean_start."""

    runs: list[tuple[int, int, int]]

    def to_raw(self, clean_offset: int) -> int:
        if not self.runs:
            return clean_offset
        i = bisect.bisect_right([r[0] for r in self.runs], clean_offset) - 1
        if i < 0:
            return self.runs[0][1]
        c, r, n = self.runs[i]
        return r + min(clean_offset - c, n)

    def to_clean(self, raw_offset: int) -> int:
        """The cleaned offset of a raw offset (the next kept character if it was removed)."""
        for c, r, n in self.runs:
            if raw_offset < r:
                return c
            if raw_offset <= r + n:
                return c + (raw_offset - r)
        last = self.runs[-1] if self.runs else (0, 0, 0)
        return last[0] + last[2]


@dataclass
class Cleaned:
    text: str
    offsets: list[tuple[int, int, int]]
    removed: list[RemovedLine]
    found: TextMeta = field(default_factory=TextMeta)  # metadata read from the text


@dataclass
class _Line:
    start: int  # raw offsets of the stripped line
    end: int
    text: str
    reason: str | None = None
    keep: tuple[int, int] | None = None  # kept sub-span (raw offsets) when edges were cut
    meta: TextMeta = field(default_factory=TextMeta)


def _lines(raw: str) -> list[_Line]:
    out = []
    pos = 0
    for piece in raw.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), stripped))
        else:
            out.append(_Line(pos, pos, ""))
        pos += len(piece) + 1
    return out


def _foreign_edges(text: str, dominant: str) -> tuple[int, int]:
    """The span of ``text`` left after cutting runs of another script off both ends."""

    def is_foreign(ch: str) -> bool:
        return script_of(ch) is not None and foreign_share(ch, dominant) == 1.0

    def cut(indices: range) -> int | None:
        """Index of the innermost foreign letter of the run at this end (2+ letters), else None."""
        letters, inner = 0, None
        for i in indices:
            ch = text[i]
            if ch.isdigit() or (ch.isalpha() and not is_foreign(ch)):
                break
            if is_foreign(ch):
                letters, inner = letters + 1, i
        return inner if letters >= 2 else None

    lo, hi = 0, len(text)
    tail = cut(range(len(text) - 1, -1, -1))
    if tail is not None:
        hi = tail
    head = cut(range(len(text)))
    if head is not None:
        lo = min(head + 1, hi)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _classify(lines: list[_Line], dominant: str | None) -> None:
    for line in lines:
        if not line.text or line.reason:  # blank, or already known (header lines)
            continue
        verdict = bp.classify(line.text)
        if verdict.reason is None and dominant:
            lo, hi = _foreign_edges(line.text, dominant)
            core = line.text[lo:hi]
            if core != line.text:
                # "date 2025-03-04 <UI string in another script>": judge what is left.
                verdict = bp.classify(core) if core else bp.Verdict("other-script")
                if verdict.reason is None:
                    line.keep = (line.start + lo, line.start + hi)
            if verdict.reason is None and foreign_share(core, dominant) > 0.5:
                verdict = bp.Verdict("other-script")
        line.reason, line.meta = verdict.reason, verdict.meta


def _is_substantial(line: _Line) -> bool:
    if line.reason or not line.text or bp.BULLET.match(line.text):
        return False
    n = len(re.findall(r"[\w'’-]+", line.text))
    return n >= 7 or (n >= 3 and bool(bp.TERMINAL.search(line.text)) and not bp.BRACKET_LABEL.match(line.text))


def _is_sentence(line: _Line) -> bool:
    """A body line that reads as running text, not a headline."""
    return _is_substantial(line) and bool(bp.TERMINAL.search(line.text)) and len(line.text.split()) >= 8


def _sweep_contact_blocks(lines: list[_Line]) -> None:
    """Bulleted or [Labelled] short lines next to a contact line belong to the contact block."""
    content = [i for i, ln in enumerate(lines) if ln.text]
    changed, forward = True, True
    while changed:  # sweeping both ways in turn spreads a block in two passes, not one per line
        changed = False
        order = list(enumerate(content)) if forward else list(reversed(list(enumerate(content))))
        forward = not forward
        for k, i in order:
            ln = lines[i]
            if ln.reason:
                continue
            near = [content[j] for j in (k - 1, k + 1) if 0 <= j < len(content)]
            if not any(lines[j].reason in ("contact", "other-script") for j in near):
                continue
            if any(lines[j].reason == "other-script" for j in near) and not any(
                lines[j].reason == "contact" for j in near
            ):
                continue
            n = len(re.findall(r"[\w'’-]+", ln.text))
            if n <= 12 and (bp.BULLET.match(ln.text) or bp.BRACKET_LABEL.match(ln.text)):
                ln.reason = "contact"
                changed = True


def _sweep_header(lines: list[_Line]) -> None:
    """Above the headline, all-capital labels and one- or two-word kickers are mastheads and sections."""
    first = next((i for i, ln in enumerate(lines) if _is_sentence(ln)), None)
    if first is None:
        return
    head = [ln for ln in lines[:first] if ln.text and not ln.reason]
    for ln in head[:-1]:  # the last one may be the headline
        letters = [c for c in ln.text if c.isalpha()]
        n = len(re.findall(r"[\w'’-]+", ln.text))
        if bp.is_short_label(ln.text, 6) and (n <= 2 or (letters and all(c.isupper() for c in letters))):
            ln.reason = "section"


def _sweep_footer(lines: list[_Line]) -> None:
    """After the last real sentence, short labels, bullets and [labels] are page furniture."""
    last = max((i for i, ln in enumerate(lines) if _is_substantial(ln)), default=None)
    if last is None:
        return
    tail = [ln for ln in lines[last + 1 :] if ln.text and not ln.reason]
    for ln in tail:
        n = len(re.findall(r"[\w'’-]+", ln.text))
        if bp.is_short_label(ln.text, 6) or (n <= 12 and (bp.BULLET.match(ln.text) or bp.BRACKET_LABEL.match(ln.text))):
            ln.reason = "footer"


def _repair_cuts(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Raw spans inside [start, end) to delete as extraction artefacts."""
    cuts = []
    segment = raw[start:end]
    for rx in _REPAIRS:
        for m in rx.finditer(segment):
            cuts.append((start + m.start(1), start + m.end(1)))
    return sorted(set(cuts))


def _headline(lines: list[_Line]) -> str | None:
    body = [i for i, ln in enumerate(lines) if ln.text and not ln.reason]
    if len(body) < 2:
        return None
    first = lines[body[0]]
    words = len(re.findall(r"[\w'’-]+", first.text))
    ends_sentence = first.text.rstrip().endswith((".", "!", "?", "。")) and not first.text.rstrip().endswith("...")
    if words > 30 or ends_sentence or first.text.endswith(":"):
        return None
    return first.text


def _dateline(text: str) -> tuple[str | None, str | None]:
    m = _DATELINE.match(text[:DATELINE_HEAD_CHARS])
    if not m:
        return None, None
    place = m.group("place").split(",")[0].strip()  # the city; "GENEVA, Switzerland" → Geneva
    if len(place) < 3 or not re.search(r"[A-Z]{3}", place):
        return None, None
    when = m.group("when")
    if when is None:  # "GENEVA, Oct 9 (Wire) —" can land in the place group
        tail = re.search(r",\s*([A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)", m.group("place"))
        when = tail.group(1) if tail else None
    return place.title() if place.isupper() else place, find_date(when) if when else None


def clean(raw: str, header_end: int = 0) -> Cleaned:
    """Clean ``raw``; the lines before ``header_end`` are its header (see ``header.py``)."""
    lines = _lines(raw)
    for ln in lines:
        if ln.start < header_end:
            ln.reason = "header"
    dominant = dominant_script(raw)
    _classify(lines, dominant)
    _sweep_contact_blocks(lines)
    _sweep_header(lines)
    _sweep_footer(lines)

    found = TextMeta()  # the first line that gives a value gives it
    for ln in lines:
        if not ln.reason:
            continue
        found.published = found.published or ln.meta.published
        found.outlet = found.outlet or ln.meta.outlet
        found.dateline = found.dateline or ln.meta.dateline
        for name in ln.meta.byline:
            if name not in found.byline:
                found.byline.append(name)
    found.title = _headline(lines) or None
    # The dateline opens the first paragraph, which may follow a standfirst.
    for ln in [ln for ln in lines if _is_sentence(ln)][:3]:
        place, when = _dateline(ln.text)
        if place:
            found.dateline = found.dateline or place
            if when:
                found.published = found.published or when
            break

    parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    removed: list[RemovedLine] = []
    clean_len = 0
    blank_since_last = False
    for ln in lines:
        if not ln.text:
            blank_since_last = True
            continue
        if ln.reason:
            removed.append(RemovedLine(ln.text, ln.start, ln.end, ln.reason))
            continue
        start, end = ln.keep or (ln.start, ln.end)
        if ln.keep:
            if start > ln.start:
                removed.append(RemovedLine(raw[ln.start : start].strip(), ln.start, start, "other-script"))
            if end < ln.end:
                removed.append(RemovedLine(raw[end : ln.end].strip(), end, ln.end, "other-script"))
        if parts:
            sep = "\n\n" if blank_since_last else "\n"
            parts.append(sep)
            clean_len += len(sep)
        blank_since_last = False
        pos = start
        for cut_start, cut_end in [*_repair_cuts(raw, start, end), (end, end)]:
            if cut_start > pos:
                piece = raw[pos:cut_start]
                runs.append((clean_len, pos, len(piece)))
                parts.append(piece)
                clean_len += len(piece)
            pos = max(pos, cut_end)
    return Cleaned("".join(parts), runs, removed, found)
