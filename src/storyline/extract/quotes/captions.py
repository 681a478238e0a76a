"""Speaker-labelled lines: broadcast captions and transcript turns.

- ``[Name, Title / March 3: "..."]`` and ``[Name/Title, Organisation: "..."]`` (a date in the label
  dates the statement);
- ``[Title Name: text]``, with or without quotation marks;
- ``NAME: text`` turns of an interview transcript (the label in capitals);
- ``Name: text`` where the label is exactly a named person or organisation (headlines).
"""

from __future__ import annotations

import re

from storyline.extract.quotes.context import Candidate, Context
from storyline.model import Mention

_CAPTION = re.compile(r"^[ \t]*\[(?P<head>[^\[\]\n:]{2,200}):[ \t]*(?P<body>[^\n]*?\S)[ \t]*\][ \t]*$", re.M)
_TURN = re.compile(r"^[ \t\"“]*(?P<head>[A-Z][A-Z.'’\- ]{1,40}[A-Z.]):[ \t]+(?P<body>\S[^\n]*?)[ \t]*$", re.M)
_LABEL = re.compile(r"^[ \t]*(?P<head>[^\n:\[\]]{2,60}):[ \t]+(?P<body>\S[^\n]*?)[ \t]*$", re.M)
_SEGMENT = re.compile(r"[ \t]*/[ \t]*")
_MONTH_DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}[./-]\d{1,2}\b"
)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|de|van|von|der|bin|al|el|da|di|la|le)$")
_QUOTES = "\"'“”‘’«»„ "
# Capitalized labels that are not speakers.
_NOT_SPEAKERS = frozenset(
    """
    Q A NOTE UPDATE UPDATED EDITOR EDITORS WATCH READ MORE RELATED PHOTO PHOTOS VIDEO SOURCE SOURCES
    CORRECTION CLARIFICATION BREAKING EXCLUSIVE ADVERTISEMENT ABSTRACT TEXT FULL SEE ALSO LISTEN TAGS
    TOPICS DISCLAIMER WARNING CREDIT GRAPHIC MAP CHART TRANSCRIPT ANALYSIS OPINION COMMENTARY
    """.split()
)


def _looks_like_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words) and words[0][:1].isupper()


def _body(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    text = ctx.text
    while start < end and text[start] in _QUOTES:
        start += 1
    while end > start and text[end - 1] in _QUOTES:
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    return start, end


def _split_head(head: str, offset: int, persons: list[Mention]) -> tuple[str | None, int, list[str]]:
    """(name, its offset, title words) of a caption label; a segment that is a date gives no title."""
    segments, pos = [], 0
    for m in _SEGMENT.finditer(head):
        segments.append((pos, head[pos : m.start()]))
        pos = m.end()
    segments.append((pos, head[pos:]))
    segments = [(p, s) for p, s in segments if not _MONTH_DAY.search(s) or len(s.split()) > 3]
    if not segments:
        return None, offset, []
    name, name_at, titles = None, offset, []
    first_pos, first = segments[0]
    first_part = first.split(",")[0].strip()
    words = [w for _p, s in segments for w in re.findall(r"[A-Za-z]+", s)]
    if _looks_like_name(first_part):
        name, name_at = first_part, offset + first_pos + first.find(first_part)
        titles = words[len(re.findall(r"[A-Za-z]+", first_part)) :]
    elif persons:
        person = persons[0]
        name, name_at = person.text, person.start
        titles = re.findall(r"[A-Za-z]+", head[: person.start - offset])
    else:
        run = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*$", first)
        if run and run.start() > 0:
            name, name_at = run.group(1), offset + first_pos + run.start(1)
            titles = re.findall(r"[A-Za-z]+", first[: run.start()])
    return name, name_at, titles


def caption_candidates(ctx: Context, mentions: list[Mention]) -> list[tuple[Candidate, list[str]]]:
    """Candidates from labelled lines, each with the title words its label gives the speaker."""
    out: list[tuple[Candidate, list[str]]] = []
    taken: list[tuple[int, int]] = []
    persons = [m for m in mentions if m.type == "PERSON"]
    for m in _CAPTION.finditer(ctx.text):
        body = _body(ctx, m.start("body"), m.end("body"))
        if body is None:
            continue
        inside = [p for p in persons if m.start("head") <= p.start < m.end("head")]
        name, at, titles = _split_head(m.group("head"), m.start("head"), inside)
        if not name:
            continue
        cand = Candidate(*body, [body], "direct", cue_text=":", speaker_name=name, speaker_pos=at,
                         date_spans=[(m.start("head"), m.end("head"))], para=ctx.para_of(m.start()))  # fmt: skip
        out.append((cand, titles))
        taken.append((m.start(), m.end()))
    named = {(x.start, x.end): x.type for x in mentions}
    surnames = {x.text.split()[-1] for x in mentions if x.type == "PERSON"}
    turns: dict[str, int] = {}
    for m in _TURN.finditer(ctx.text):
        turns[m.group("head").strip()] = turns.get(m.group("head").strip(), 0) + 1
    for pattern in (_TURN, _LABEL):
        for m in pattern.finditer(ctx.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            head = m.group("head").strip()
            if pattern is _TURN:
                if any(w.strip(".") in _NOT_SPEAKERS for w in head.split()) or len(head.replace(".", "")) < 3:
                    continue
                hs = m.start("head") + len(m.group("head")) - len(m.group("head").lstrip())
                if named.get((hs, hs + len(head))) in ("GPE", "LOC", "FAC", "DATE"):
                    continue  # a dateline such as "WASHINGTON:"
                name = " ".join(w.capitalize() for w in head.split())
                if turns[head] < 2 and name.split()[-1] not in surnames:
                    continue  # a section heading ("BACKGROUND: ...") rather than a speaker's turn
            else:
                hs = m.start("head") + len(m.group("head")) - len(m.group("head").lstrip())
                if named.get((hs, hs + len(head))) != "PERSON" and head not in surnames:
                    continue
                name = head
            body = _body(ctx, m.start("body"), m.end("body"))
            if body is None:
                continue
            pieces, end = [body], m.end()
            if pattern is _TURN and ctx.text[m.start() : m.start("head")].strip():
                # a quoted transcript: the turn goes on in the next paragraphs that open with a quotation mark
                p = ctx.para_of(m.start()) + 1
                while p < len(ctx.paras):
                    ps, pe = ctx.paras[p]
                    if ctx.text[ps : ps + 1] not in ('"', "“") or _TURN.match(ctx.text, ps, pe):
                        break
                    more = _body(ctx, ps, pe)
                    if more is None or ctx.text[more[0] : more[0] + 1] == "(":
                        break
                    pieces.append(more)
                    end, p = pe, p + 1
            cand = Candidate(pieces[0][0], pieces[-1][1], pieces, "direct", cue_text=":", speaker_name=name,
                             speaker_pos=m.start("head"), para=ctx.para_of(m.start()))  # fmt: skip
            out.append((cand, []))
            taken.append((m.start(), end))
    return out
