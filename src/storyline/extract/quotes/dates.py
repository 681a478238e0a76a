"""When a statement was made: ``said_on`` from the time expressions the document resolved.

In order: a date in a caption's label; a date attached to the reporting verb or statement noun
("said on Tuesday", "during a briefing on the same day", "the announcement the previous day");
else the date of the last dated report before it ("On the 5th, the agency reported ... He said"),
the reporting frame news articles keep until they name another date. Speech acts without words of
their own ("rejected the analysis on Wednesday") and a wire dateline ("CITY, Oct 9 (Agency) —") open a
frame too. A date inside what was said never dates the saying, and the publication date is never
used: undated statements stay None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.quotes.context import Candidate, Context
from storyline.extract.quotes.cues import CUE_NOUNS
from storyline.model import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Token

_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
_SAME_DAY = re.compile(r"(?i)\b(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b")
# A date reaches a reporting verb through adverbials only; an object or a clause keeps it for itself.
_PATH = frozenset({"prep", "pobj", "npadvmod", "advmod", "tmod", "obl", "nmod", "appos", "compound", "amod",
                   "nummod", "pcomp", "advcl", "det", "case", "punct", "conj", "cc", "acl"})  # fmt: skip
# "In a statement released on Monday, X said": the statement noun is the saying itself.
_FRAME_PREPS = frozenset({"in", "during", "at"})
_DEADLINE_PREPS = frozenset({"before", "until", "till", "by", "ahead"})
# "CITY, Oct 9 (Agency) —" opening a paragraph: the day the report was filed.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,60}\)\s*)?[\u2014\u2013-]")
# From a participle ("saying") to the verb whose date it shares ("criticized ... saying").
_SHARE = frozenset({"advcl", "conj", "xcomp"})


def _value(tx: TimeExpression) -> str | None:
    if tx.type not in ("DATE", "TIME") or not tx.value:
        return None
    m = _VALUE.match(tx.value)
    return m.group(0) if m else None


class StatementDates:
    def __init__(
        self,
        ctx: Context,
        timexes: list[TimeExpression],
        blocked: list[tuple[int, int]],
        contents: dict[int, list[tuple[int, int]]] | None = None,
    ) -> None:
        """``contents``: token index of a cue -> the spans of what was said with it (never its date)."""
        self.ctx = ctx
        self.dated: list[tuple[TimeExpression, str, Token]] = []  # (expression, value, root token)
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
        contents = contents or {}
        self.frames: list[tuple[int, str]] = []
        for tx, value, _root in self.dated:
            line = ctx.text.rfind("\n", 0, tx.start) + 1
            if _DATELINE_BEFORE.search(ctx.text[max(0, line - 1) : tx.start]) and _DATELINE_AFTER.match(
                ctx.text[tx.end : tx.end + 64]
            ):
                self.frames.append((tx.start, value))
        said = [span for spans in contents.values() for span in spans]
        for verb in [*ctx.cue_verbs, *ctx.speech_acts]:
            # a verb inside what somebody said ("told ... that the ministry had found errors") is theirs
            if any(a <= verb.idx < b for a, b in blocked) or any(a <= verb.idx < b for a, b in said):
                continue
            value = self._attached(verb, contents.get(verb.i, []))
            if value:
                self.frames.append((verb.idx, value))
        self.frames.sort()

    def _attached(self, cue: Token, inside: list[tuple[int, int]]) -> str | None:
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
            if any(a <= tx.start < b for a, b in inside):
                continue
            node, steps = root, 0
            while steps < 8 and node.i not in anchors and node.dep_ in _PATH and node.head.i != node.i:
                if node.dep_ == "prep" and node.lemma_.lower() in _DEADLINE_PREPS:
                    break  # "expected a vote before the end of the month": a deadline, not the saying
                if node.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                    break  # "asked ... before the strike began on Oct 20": another event's date
                if node.pos_ == "NOUN" and node.lemma_.lower() in CUE_NOUNS and node.i != cue.i:
                    prep = node.head
                    if not (prep.lemma_.lower() in _FRAME_PREPS and prep.head.i in anchors):
                        break  # the date of another statement
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
            attached = self._attached(cand.cue, [(cand.start, cand.end)])
            if attached:
                return attached
            return self._frame(cand.cue.idx)
        return self._frame(cand.start)
