"""Numbers that are not claims: dates, times, ages, labels, counters, phone numbers, parts of names.

Each test looks at a number group (tokens ``first``..``last`` of the spaCy Doc) and its immediate
neighbours; ``not_a_claim`` runs them all and says why a number is dropped, or None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.claims.units import TIME_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Numbers in these entities are not quantities: dates and times belong to the time layer, the rest are titles.
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
# In names a number in words is part of the name ("Group of Seven"); one in digits is more often an NER slip
# ("Ilmora 1.2 billion cubic metres" read as a PERSON).
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
LABEL_WORDS = {
    "article", "section", "paragraph", "chapter", "clause", "page", "no", "no.", "nos", "nos.", "number", "item",
    "resolution", "flight", "route", "gate", "room", "line", "grade", "level", "phase", "stage", "round", "season",
    "episode", "volume", "vol", "vol.", "issue", "part", "annex", "appendix", "table", "figure", "fig", "fig.",
    "exhibit", "amendment", "rule", "step", "version", "model", "type", "class", "size", "platform", "channel",
    "highway", "road", "terminal", "block", "unit", "apartment", "floor", "district", "ward", "precinct", "zone",
    "sector", "#",
}  # fmt: skip
_DEFINITE = {"the", "these", "those", "both", "all", "its", "their", "his", "her", "our", "my", "your", "whose"}
_FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
STREETS = {
    "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd", "lane", "drive", "way",
    "place", "square", "plaza", "court", "terrace", "highway",
}  # fmt: skip
_YEAR = re.compile(r"(1[89]|20|21)\d\d")
# Telephone numbers, with or without country and area codes: 02-398-8585, +1 (555) 123-4567, 555.123.4567.
PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w,])")


def phone_tokens(sdoc: Doc, text: str) -> set[int]:
    """Indices of the tokens inside telephone numbers (one regex pass over the text)."""
    found: set[int] = set()
    for m in PHONE.finditer(text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def in_skipped_entity(doc: Doc, first: int, last: int) -> bool:
    labels = {doc[k].ent_type_ for k in range(first, last + 1)}
    if labels & _SKIP_ENTS:
        return True
    return bool(labels & _NAME_ENTS) and not any(doc[k].text[:1].isdigit() for k in range(first, last + 1))


def duration(doc: Doc, first: int, last: int) -> tuple[Token, str] | None:
    """'a 25-year agreement', 'the 72-hour strike': (the noun described, the time unit) — a claim about it."""
    if last + 2 >= len(doc) or doc[last + 1].text != "-" or doc[last + 1].whitespace_:
        return None
    unit = doc[last + 2]
    if unit.lemma_.lower() not in TIME_UNITS:
        return None
    noun = unit.head
    if unit.dep_ in {"compound", "amod", "nmod", "npadvmod"} and noun.i > unit.i and noun.pos_ == "NOUN":
        return noun, unit.lemma_.lower()
    return None


def is_label(doc: Doc, first: int, last: int) -> bool:
    """'Article 4', 'Gate 3', 'No. 5', 'Flight 17': a number that names rather than counts."""
    prev = doc[first - 1] if first > 0 else None
    if prev is not None and (prev.lower_ in LABEL_WORDS or prev.text in {"#", "No", "No."}):
        return True
    num = doc[last]
    head = num.head
    if (
        head.i < first
        and head.pos_ in {"NOUN", "PROPN"}
        and num.dep_ in {"nummod", "appos", "npadvmod", "compound", "nmod"}
    ):
        return head.text[:1].isupper() or head.lower_ in LABEL_WORDS or head.ent_type_ == "PERSON"
    return False


def not_a_claim(doc: Doc, sent: Span, first: int, last: int, value: float, words: list[str]) -> str | None:
    """Why the number ``words`` (tokens first..last, value ``value``) is not a claim; None if it may be one."""
    if is_label(doc, first, last):
        return "label"
    in_words = not any(ch.isdigit() for w in words for ch in w)
    if value == 1 and in_words:
        return "one"  # "one of the ships", "one last hearing": idiom far more often than a count
    prev = doc[first - 1] if first > sent.start else None
    nxt = doc[last + 1] if last + 1 < sent.end else None
    after = doc[last + 2] if last + 2 < sent.end else None
    if in_words and value <= 10 and prev is not None and prev.lower_ in _DEFINITE:
        return "known"  # "the two countries", "all three gates": things already known, not a new count
    if (
        nxt is not None
        and nxt.lower_ == "of"
        and after is not None
        and (after.text[:1].isdigit() or after.tag_ == "CD")
    ):
        return "counter"  # "2 of 5"
    if len(words) == 1 and _YEAR.fullmatch(words[0]) and not (nxt is not None and nxt.tag_ == "NNS"):
        return "year"
    if prev is not None and prev.lower_ in {"aged", "age"}:
        return "age"
    if nxt is not None and after is not None and nxt.lower_ == "years" and after.lower_ == "old":
        return "age"
    if prev is not None and prev.lower_ in {"top", "bottom"}:
        return "group"  # "the top 1 percent"
    if nxt is not None and nxt.lower_ in {"times", "fold", "-fold"}:
        return "ratio"  # "three times the rate"
    k = last + 1 if nxt is None or nxt.text != "-" else last + 2
    if k < sent.end and doc[k].lower_ in _FRACTIONS:
        return "fraction"  # "three-quarters", "two thirds"
    return None
