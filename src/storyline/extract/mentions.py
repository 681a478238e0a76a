"""Sentences and named-entity mentions from the spaCy parse, with the usual NER noise repaired.

Mentions are spaCy's entities after the span repairs of ``spans`` (articles, quotes, possessives,
caption slashes, titles, cut-off given names, other scripts, numbers), plus:
- a nationality adjective glued to the organisation it names ("Italian" + "Foreign Ministry");
- the possessor inside an organisation name ("the Senate's budget committee" also mentions "Senate");
- agreements and institutions NER misses, and lower-case descriptions of them (``compounds``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from storyline import countries
from storyline.extract import compounds, spans
from storyline.model import Document, Extraction, Mention, Sentence

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")
_BRACKETED = re.compile(r"\(\s*((?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’.&-]*)){0,6})\s*\)")
_HYPHEN_PARTNER = re.compile(r"-([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?!-)")
_COORDINATED = re.compile(r"\sand\s+([A-Z][a-z]+\s+[A-Z][a-z]+)")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
_AFTER_TITLE = re.compile(
    r"\b(?:[Ss]pokes(?:person|man|woman)|[Mm]inister|[Aa]mbassador|[Ee]nvoy|[Ss]enator|[Dd]irector|[Cc]hairman)"
    r"\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b"
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
_DATELINE = re.compile(r"(?m)^([A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})(?=,\s|\s[—–]\s|\s--\s)")
_ORGLIKE = {"ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"}


def sentences(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    if sdoc is None:
        return
    ex.sentences = [Sentence(s.start_char, s.end_char) for s in sdoc.sents if s.text.strip()]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, quotes, a trailing possessive and dangling punctuation from a span."""
    return spans.trim(text, start, end)


def _ner_spans(text: str, sdoc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's entities, repaired; a nationality right before an organisation joins it."""
    out: list[tuple[int, int, str]] = []
    for ent in sdoc.ents:
        if ent.label_ not in NAME_TYPES:
            continue
        fixed = spans.repair(text, ent.start_char, ent.end_char, ent.label_)
        if fixed is None:
            continue
        start, end = fixed
        label = ent.label_
        if out and label in _ORGLIKE and out[-1][2] == "NORP" and text[out[-1][1] : start] == " ":
            start = out.pop()[0]
        if label in {"GPE", "LOC"}:
            start = _whole_country(text, start, end)
            conj = _COORDINATED.search(text, start, end)
            if conj and conj.end() == end and not countries.country_code(text[start:end]):
                start = conj.start(1)  # "North and South Carolina": the last conjunct is a whole name
        out.append((start, end, label))
        partner = _HYPHEN_PARTNER.match(text, end) if label in {"GPE", "NORP"} else None
        if partner and not any(e.start_char == partner.start(1) for e in sdoc.ents):
            out.append((partner.start(1), partner.end(1), label))  # "Israel-Egypt": Egypt too
    return out


def _whole_country(text: str, start: int, end: int) -> int:
    """ "Macedonia" after "North " is "North Macedonia" when that is a country's name."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and countries.country_code(text[before.start(1) : end]) and not countries.country_code(text[start:end]):
        return before.start(1)
    return start


def _titled_names(text: str, sdoc: Doc, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "spokesperson Marin": a capitalised word right after a title noun is a person NER missed."""
    out = []
    for m in _AFTER_TITLE.finditer(text):
        start, end = m.start(1), m.end(1)
        if any(s < end and start < e for s, e, _t in taken):
            continue
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is not None and all(t.pos_ == "PROPN" and not t.ent_type_ for t in span):
            out.append((start, end, "PERSON"))
    return out


def _possessors(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "the Senate's committee": the owner is mentioned too (the whole name stays as well)."""
    extra = []
    for start, end, label in found:
        if label not in _ORGLIKE:
            continue
        m = _POSSESSIVE.search(text, start, end)
        if m and spans.is_name(text[start : m.start()]):
            extra.append((start, m.start(), label))
    return extra


def _bracketed(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "the lower house (Sejm)": a capitalised name in brackets right after a mention is one too."""
    ends = {e: t for _s, e, t in found}
    starts = {s for s, _e, _t in found}
    extra = []
    for m in _BRACKETED.finditer(text):
        before = text[: m.start()].rstrip()
        label = ends.get(len(before))
        if label and m.start(1) not in starts and label not in {"NORP", "PERSON"}:
            start, end = spans.trim(text, m.start(1), m.end(1))
            if spans.is_name(text[start:end]):
                extra.append((start, end, label))
    return extra


def _datelines(text: str) -> list[tuple[int, int, str]]:
    """ "GENEVA, Oct 9 —", "KORVIK —": the capitalised place a wire story opens with (NER misses them)."""
    return [(m.start(1), m.end(1), "GPE") for m in _DATELINE.finditer(text)]


def _repeated(text: str, by_span: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """A name NER found once is the same name where it stands again in the document (NER is not
    consistent within a document: "Moldova" tagged in one sentence, missed in the next)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for (s, e), t in by_span.items():
        surface = text[s:e]
        if len(surface) >= 4 and surface[:1].isupper() and t not in {"LAW", "WORK_OF_ART"}:
            votes[surface][t] += 1
    if not votes:
        return []
    taken = sorted(by_span)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(votes, key=len, reverse=True))) + r")(?![\w-])"
    )
    out = []
    for m in pattern.finditer(text):
        k = bisect.bisect_left(taken, (m.end(), -1))
        if any(s < m.end() and m.start() < e for s, e in taken[max(0, k - 8) : k]):
            continue
        out.append((m.start(), m.end(), votes[m.group()].most_common(1)[0][0]))
    return out


def mentions(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    if sdoc is None:
        return
    text = doc.text
    found = _ner_spans(text, sdoc)
    found += _titled_names(text, sdoc, found)
    found += _possessors(text, found)
    extra = [(s, e, t) for s, e, t in compounds.find(text, sdoc) if e > s] + _datelines(text)
    # a description inside a name is part of the name ("foreign ministry" in "Italian foreign ministry")
    extra = [
        (s, e, t)
        for s, e, t in extra
        if not text[s].islower()
        or not any(cs <= s and e <= ce and (cs, ce) != (s, e) for cs, ce, _ in [*extra, *found])
    ]
    if extra:
        # NER pieces of a compound ("Israel-Egypt" in "the Israel-Egypt treaty") go, unless the piece is
        # a name the document also uses on its own.
        alone = {text[s:e] for s, e, _t in found if not any(s < ce and cs < e for cs, ce, _ in extra)}
        found = [
            (s, e, t)
            for s, e, t in found
            if not any(s < ce and cs < e for cs, ce, _ in extra)
            or text[s:e] in alone
            or any((cs, ce) == (s, e) for cs, ce, _ in extra)
        ]
    found += _bracketed(text, [*found, *extra])
    by_span: dict[tuple[int, int], str] = {}
    for s, e, t in found:
        by_span.setdefault((s, e), t)
    for s, e, t in extra:  # a compound's type wins over NER's ("the Paris Agreement" is a LAW, not an ORG)
        by_span[(s, e)] = t
    for s, e, t in _repeated(text, by_span):
        by_span[(s, e)] = t
    ex.mentions = [Mention(text[s:e], s, e, t) for (s, e), t in sorted(by_span.items())]
