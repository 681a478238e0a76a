"""Numbers and claims: what is counted, how many, who says so, and when.

The extraction step ``claims`` fills ``Extraction.claims`` from the spaCy parse in one pass over
each sentence (see ``quantities``), then finds each claim's source (``attribution``) and date
(``dates``). A number inside a quotation found by the quotes step is the quote's speaker's claim
unless the sentence itself names another source (a pronoun's guess gives way to the speaker). A claim without a source is the
outlet's own: ``attributed_to`` stays None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from storyline.extract.claims.attribution import Attributor
from storyline.extract.claims.dates import ClaimDater, day_of
from storyline.extract.claims.quantities import QuantityFinder
from storyline.model import Claim, Document, Extraction, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _quote_at(quotes: list[Quote], starts: list[int], char: int) -> Quote | None:
    k = bisect_right(starts, char) - 1
    while k >= 0:  # quotes may nest or overlap: the innermost one that starts before wins
        q = quotes[k]
        if q.start <= char < q.end:
            return q
        if char - q.start > 5000:
            break
        k -= 1
    return None


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def evidence(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The sentence [start, end) narrowed to the paragraph holding offset ``at`` and stripped of white space:
    the parser sometimes runs a headline or dateline into the first sentence of the body."""
    for m in _BLANK_LINE.finditer(text, start, end):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _named_in(name: str, sentence: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1].strip("'’") in sentence.lower()


def claims(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    if sdoc is None:
        return
    finder = QuantityFinder(sdoc, doc.text)
    attributor = Attributor(sdoc)
    dater = ClaimDater(sdoc, ex.time_expressions, doc.published)
    quotes = sorted((q for q in ex.quotes if q.end > q.start), key=lambda q: q.start)
    starts = [q.start for q in quotes]
    out = []
    for sent in sdoc.sents:
        for q in finder.sentence(sent):
            src = attributor.source(q.anchor, tally=q.kind == "tally")
            name = src.name if src else None
            when = dater.date(src.predicates) if src else dater.published
            quote = _quote_at(quotes, starts, sdoc[q.first].idx) if quotes else None
            # The quotes step knows speakers across sentences; the parse knows the clause. A source the
            # sentence names ("the union" for the Ilmoran Dockworkers' Union) wins; a pronoun's guess gives way.
            if quote is not None and quote.speaker_name and (name is None or not _named_in(name, sent.text)):
                name = quote.speaker_name
                when = day_of(quote.said_on) or when
            start, end = evidence(doc.text, sent.start_char, sent.end_char, sdoc[q.first].idx)
            out.append(
                Claim(
                    id="",
                    quantity=q.value,
                    unit=q.unit or "",
                    text=doc.text[start:end],
                    start=start,
                    end=end,
                    qualifier=q.qualifier,
                    attributed_to=name,
                    date=when,
                    subject=q.subject,
                    quantity_max=q.value_max,
                )
            )
    ex.claims = out
