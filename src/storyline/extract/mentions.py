"""Sentences and named-entity mentions from the spaCy parse, with the usual NER noise trimmed."""

from __future__ import annotations

import re
from typing import Any

from storyline.model import Document, Extraction, Mention, Sentence

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_TRAIL = re.compile(r"(?:['’]s|['’]|[-–—/,:;]+)$")


def sentences(doc: Document, sdoc: Any, ex: Extraction) -> None:
    if sdoc is None:
        return
    ex.sentences = [Sentence(s.start_char, s.end_char) for s in sdoc.sents if s.text.strip()]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive and dangling punctuation from a span."""
    while True:
        span = text[start:end]
        lead = _LEAD.match(span)
        if lead:
            start += lead.end()
            continue
        trail = _TRAIL.search(span)
        if trail and trail.start() > 0:
            end = start + trail.start()
            continue
        stripped = span.rstrip()
        if len(stripped) < len(span):
            end = start + len(stripped)
            continue
        return start, end


def mentions(doc: Document, sdoc: Any, ex: Extraction) -> None:
    if sdoc is None:
        return
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in NAME_TYPES:
            continue
        start, end = trim_span(doc.text, ent.start_char, ent.end_char)
        surface = doc.text[start:end]
        if not re.search(r"[A-Za-z]", surface) or (not surface[:1].isupper() and not surface[:1].isdigit()):
            continue
        out.append(Mention(surface, start, end, ent.label_))
    ex.mentions = out
