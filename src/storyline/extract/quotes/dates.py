"""When a statement was made: ``said_on`` from the time expressions the document resolved.

In order: a date in a caption's label; a date attached to the reporting verb or statement noun
("said on Tuesday", "during a briefing on the same day", "the announcement the previous day");
else the date of the last dated report before it ("On the 5th, the agency reported ... He said"),
the reporting frame news articles keep until they name another date. A date inside what was said
never dates the saying, and the publication date is never used: undated statements stay None.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.quotes.context import Candidate, Context
from storyline.extract.quotes.cues import CUE_NOUNS
from storyline.model import TimeExpression

_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
_SAME_DAY = re.compile(r"(?i)\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b")
# A date reaches a reporting verb through adverbials only; an object or a clause keeps it for itself.
_PATH = frozenset({"prep", "pobj", "npadvmod", "advmod", "tmod", "obl", "nmod", "appos", "compound", "amod",
                   "nummod", "pcomp", "advcl", "det", "case", "punct", "conj", "cc"})  # fmt: skip
# From a participle ("saying") to the verb whose date it shares ("criticized ... saying").
_SHARE = frozenset({"advcl", "conj", "xcomp"})


def _value(tx: TimeExpression) -> str | None:
    if tx.type not in ("DATE", "TIME") or not tx.value:
        return None
    m = _VALUE.match(tx.value)
    return m.group(0) if m else None


class StatementDates:
    def __init__(self, ctx: Context, timexes: list[TimeExpression], blocked: list[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.dated: list[tuple[TimeExpression, str, Any]] = []  # (expression, value, root token)
        for tx in timexes:
            value = _value(tx)
            if value is None:
                continue
            lo, hi = ctx.tok_range(tx.start, tx.end)
            if hi <= lo:
                continue
            root = next((t for t in ctx.sdoc[lo:hi] if not (lo <= t.head.i < hi) or t.head.i == t.i), ctx.sdoc[lo])
            self.dated.append((tx, value, root))
        # The reporting frame: (position, date) of every dated reporting verb outside quotations.
        self.frames: list[tuple[int, str]] = []
        for verb in ctx.cue_verbs:
            if any(a <= verb.idx < b for a, b in blocked):
                continue
            value = self._attached(verb, None)
            if value:
                self.frames.append((verb.idx, value))

    def _attached(self, cue: Any, inside: tuple[int, int] | None) -> str | None:
        """The date of an expression in the cue's sentence that attaches to the cue (or its verb)."""
        anchors = {cue.i}
        x = cue
        while x.dep_ in _SHARE and x.head.i != x.i:
            x = x.head
            anchors.add(x.i)
        sent = cue.sent
        best: tuple[int, str] | None = None
        for tx, value, root in self.dated:
            if not (sent.start_char <= tx.start < sent.end_char):
                continue
            if inside and inside[0] <= tx.start < inside[1]:
                continue
            node, steps = root, 0
            while steps < 8 and node.i not in anchors and node.dep_ in _PATH and node.head.i != node.i:
                if node.pos_ == "NOUN" and node.lemma_.lower() in CUE_NOUNS and node.i != cue.i:
                    break
                node, steps = node.head, steps + 1
            if node.i in anchors and (best is None or steps < best[0]):
                if _SAME_DAY.search(tx.text):
                    value = self._frame(tx.start) or value
                best = (steps, value)
        return best[1] if best else None

    def _frame(self, pos: int) -> str | None:
        before = [v for p, v in self.frames if p < pos]
        return before[-1] if before else None

    def said_on(self, cand: Candidate) -> str | None:
        for a, b in cand.date_spans:
            for tx, value, _root in self.dated:
                if a <= tx.start < b:
                    return value
        if cand.cue_text == ":" and cand.date_spans:
            return None  # an inserted clip: the article's reporting frame does not date it
        if cand.cue is not None:
            value = self._attached(cand.cue, (cand.start, cand.end))
            if value:
                return value
            return self._frame(cand.cue.idx)
        return self._frame(cand.start)
