"""An article's cleaned text as HTML with its annotations: sentences, quotes, actors, time expressions.

Annotations may nest or cross. The text is cut at every annotation boundary; each piece is escaped and
wrapped in the elements that cover it, outermost first, so crossing spans become two balanced elements
instead of broken markup. No piece of article text is ever emitted unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from storyline.model import Entity, Extraction
from storyline.serve.markup import path_part

# Outer to inner: a highlighted range sits inside its sentence, actors and dates inside quotes.
_RANK = {"sentence": 0, "highlight": 1, "quote": 2, "mention": 3, "timex": 4}
_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Span:
    start: int
    end: int
    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    tag: str = "span"
    first_only: tuple[str, ...] = ("id",)  # attributes only the first piece of a split span keeps

    def key(self) -> tuple[int, int, int]:
        return (_RANK[self.kind], self.start, -self.end)

    def open_tag(self, first: bool) -> str:
        attrs = "".join(
            f' {name}="{escape(value)}"' for name, value in self.attrs.items() if first or name not in self.first_only
        )
        return f"<{self.tag}{attrs}>"


def _spans(
    text: str,
    ex: Extraction,
    entities: dict[str, Entity],
    highlight: tuple[int, int] | None,
) -> list[Span]:
    spans: list[Span] = []
    sentence_starts = set()
    for s in ex.sentences:
        spans.append(Span(s.start, s.end, "sentence", {"class": "s", "id": f"s-{s.start}"}))
        sentence_starts.add(s.start)
    if highlight:
        attrs = {"class": "hl"}
        if highlight[0] not in sentence_starts:
            attrs["id"] = f"s-{highlight[0]}"  # so that #s-START always has a target
        spans.append(Span(highlight[0], highlight[1], "highlight", attrs, tag="mark"))
    for q in ex.quotes:
        who = q.speaker_name or "unattributed"
        spans.append(Span(q.start, q.end, "quote", {"class": f"quote {q.kind}", "title": f"{q.kind} quote: {who}"}))
    for m in ex.mentions:
        cls = f"m m-{_CLASS_UNSAFE.sub('', m.type.lower())}"
        ent = entities.get(m.entity) if m.entity else None
        if ent is not None:
            attrs = {"class": cls, "href": f"/actors/{path_part(ent.id)}", "title": f"{ent.name} ({ent.type})"}
            spans.append(Span(m.start, m.end, "mention", attrs, tag="a"))
        else:
            spans.append(Span(m.start, m.end, "mention", {"class": cls, "title": m.type}))
    for t in ex.time_expressions:
        value = t.value or "no normalized value"
        spans.append(Span(t.start, t.end, "timex", {"class": "t", "title": f"{t.type}: {value}"}))
    n = len(text)
    return [
        Span(max(0, s.start), min(n, s.end), s.kind, s.attrs, s.tag, s.first_only)
        for s in spans
        if 0 <= s.start < s.end and s.start < n
    ]


def annotated_html(
    text: str,
    ex: Extraction,
    entities: dict[str, Entity],
    highlight: tuple[int, int] | None = None,
) -> Markup:
    spans = sorted(_spans(text, ex, entities, highlight), key=Span.key)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    by_start: dict[int, list[Span]] = {}
    for s in spans:
        by_start.setdefault(s.start, []).append(s)
    out: list[str] = []
    active: list[Span] = []  # spans covering the current piece, in nesting order
    stack: list[Span] = []  # elements open in the output
    opened: set[int] = set()
    for a, b in pairwise(cuts):
        active = [s for s in active if s.end > a]
        if a in by_start:
            active.extend(by_start[a])
            active.sort(key=Span.key)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            out.append(f"</{stack.pop().tag}>")
        for s in active[keep:]:
            out.append(s.open_tag(first=id(s) not in opened))
            opened.add(id(s))
            stack.append(s)
        out.append(str(escape(text[a:b])))
    while stack:
        out.append(f"</{stack.pop().tag}>")
    return Markup("".join(out))
