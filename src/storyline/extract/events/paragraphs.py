"""Paragraph boundaries: the parser sometimes runs a sentence across a line break (a headline into the
first paragraph, a quotation into the next one); what governs a word never reaches across one."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_BREAK = re.compile("\n")


class Paragraphs:
    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _BREAK.finditer(text)]

    def same(self, a: int, b: int) -> bool:
        """Whether character offsets ``a`` and ``b`` lie in the same line of the text."""
        return bisect_right(self.breaks, a) == bisect_right(self.breaks, b)

    def joined(self, tok: Token) -> bool:
        """Whether a token and its head lie in the same line."""
        return self.same(tok.idx, tok.head.idx)


NONE = Paragraphs("")  # for callers without a text: everything is one paragraph
