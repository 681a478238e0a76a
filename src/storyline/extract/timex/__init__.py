"""Time expressions (TIMEX3): found by precompiled patterns, normalized against publication and narrative.

The extraction step ``time_expressions`` fills ``Extraction.time_expressions``. English text uses
the spaCy parse already made (tense of the governing verb, parts of speech to reject "May" the
verb); other languages use light per-language patterns (foreign.py). Expressions are resolved in
text order so that "the previous day" can count from the date told before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.timex import normalize, relative
from storyline.extract.timex.anchor import Narrative
from storyline.extract.timex.calendar import When, parse_published
from storyline.extract.timex.context import Context, Found
from storyline.extract.timex.foreign import find_foreign
from storyline.extract.timex.patterns import RULES
from storyline.extract.timex.tense import TenseIndex
from storyline.model import Document, Extraction, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_time_expressions", "time_expressions"]

_RESOLVERS = {rule.name: getattr(normalize, f"resolve_{rule.name}", None) or getattr(relative, f"resolve_{rule.name}")
              for rule in RULES}  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")


def _sentence_starts(text: str, tenses: TenseIndex) -> list[int]:
    if tenses.sdoc is not None:
        return tenses.sentence_starts()
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


_WORD = re.compile(r"[^\W\d_]+|\d+")
_BY_WORD: dict[str, list[int]] = {}
for _i, _rule in enumerate(RULES):
    for _w in _rule.triggers:
        _BY_WORD.setdefault(_w, []).append(_i)
_DIGIT_RULES = [i for i, rule in enumerate(RULES) if rule.digits]


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every rule match that holds one of the rule's trigger words, sorted leftmost-longest.

    Rules are tried (``match``) only at the starts of the few words before a trigger, which
    costs a fraction of scanning the whole text with every pattern.
    """
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    tried: set[tuple[int, int]] = set()
    found = []
    for i, (start, word) in enumerate(words):
        rules = _DIGIT_RULES if word[0].isdigit() else _BY_WORD.get(word.lower())
        if not rules:
            continue
        for priority in rules:
            rule = RULES[priority]
            has_t = "t" in rule.regex.groupindex
            for j in range(max(0, i - rule.lookback), i + 1):
                pos = words[j][0]
                if j == i and pos > 0 and text[pos - 1] in "'’$(":
                    pos -= 1
                if (pos, priority) in tried:
                    continue
                tried.add((pos, priority))
                m = rule.regex.match(text, pos)
                if m is None or m.end() <= start:
                    continue
                s, e = m.span("t") if has_t and m.start("t") >= 0 else m.span()
                if e > s:
                    found.append((s, -e, priority, m))
    found.sort(key=lambda c: (c[0], c[1], c[2]))
    return [(s, -e, p, m) for s, e, p, m in found]


def find_time_expressions(text: str, published: str | None, sdoc: Doc | None = None) -> list[Found]:
    """Every English time expression in ``text`` with its TIMEX3 value (None when undeterminable)."""
    day, clock = parse_published(published)
    dct = When(day, "D") if day else None
    tenses = TenseIndex(sdoc)
    ctx = Context(text, dct, clock, Narrative(dct, _sentence_starts(text, tenses)), tenses)
    out: list[Found] = []
    pos = 0
    for start, _end, priority, m in _candidates(text):
        if start < pos:
            continue
        try:
            found = _RESOLVERS[RULES[priority].name](m, ctx)
        except (ValueError, KeyError, OverflowError, IndexError):
            found = None  # an odd match yields no expression rather than a crash
        if found is None or found.end <= found.start:
            continue
        _trim(text, found)
        out.append(found)
        pos = found.end
        if found.when is not None and found.type in ("DATE", "TIME"):
            ctx.narrative.tell(found.when, found.start)
    return out


def _trim(text: str, found: Found) -> None:
    while found.end > found.start and text[found.end - 1] in " ,;\n\t":
        found.end -= 1
    while found.start < found.end and text[found.start] in " ,;\n\t":
        found.start += 1


def time_expressions(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: fill ``ex.time_expressions`` for English and the languages foreign.py knows."""
    if sdoc is None and (doc.language or "en") != "en":
        found = find_foreign(doc.text, doc.language or "", doc.published)
    else:
        found = find_time_expressions(doc.text, doc.published, sdoc)
    ex.time_expressions = [TimeExpression(doc.text[f.start : f.end], f.start, f.end, f.value, f.type) for f in found]
