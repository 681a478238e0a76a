"""Who said what: direct and indirect quotes with their speakers and dates, as one extraction step.

Finders propose candidates (``captions``, ``direct``, ``indirect``); the speakers are then resolved
in text order (pronouns need what came before), split quotes are joined, and statements dated.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from storyline.extract.quotes.captions import caption_candidates
from storyline.extract.quotes.context import Candidate, Context
from storyline.extract.quotes.cues import ATTITUDE_VERBS
from storyline.extract.quotes.dates import StatementDates
from storyline.extract.quotes.direct import direct_candidates
from storyline.extract.quotes.indirect import indirect_candidates
from storyline.extract.quotes.marks import find_quoted
from storyline.extract.quotes.speakers import Resolver, Speaker
from storyline.extract.quotes.syntax import subjects_of
from storyline.model import Document, Extraction, Mention, Quote, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_quotes", "quotes"]


def quotes(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: fill ``ex.quotes`` (needs the mentions; reads the time expressions)."""
    if sdoc is None or not doc.text.strip():
        return
    ex.quotes = find_quotes(doc.text, sdoc, ex.mentions, ex.time_expressions, doc.published)


def _speaker(resolver: Resolver, ctx: Context, cand: Candidate, last: Candidate | None, quoted: list) -> Speaker | None:
    if cand.speaker_name:
        return resolver.named(cand.speaker_name, "PROPN", cand.speaker_pos or cand.start)
    if cand.speaker_tok is not None:
        return resolver.resolve(cand.speaker_tok)
    if cand.cue is not None:
        # what someone thinks or wants is theirs only when a person or a group holds it ("the report
        # shows that" is a finding; "the dissolution means they think" is nobody's belief)
        attitude = cand.cue.lemma_.lower() in ATTITUDE_VERBS
        for subj, level in subjects_of(cand.cue):
            if any(a <= subj.idx < b for a, b in quoted):
                continue  # a subject inside quoted speech is the quoted speaker's, not the reporting verb's
            if cand.kind == "indirect" and cand.cue.lemma_ == "report" and resolver.is_medium(subj):
                return None  # a news report relays facts; the medium is their source, not a speaker
            if resolver.plausible(subj, own=level == 0 and not attitude):
                return resolver.resolve(subj) or Speaker(None)
            if level == 0:
                return None  # the verb's own subject cannot speak ("the treaty states")
        before = _left_neighbour(cand.cue)
        if before is not None and not any(a <= before.idx < b for a, b in quoted) and resolver.plausible(before):
            return resolver.resolve(before) or Speaker(None)
        if cand.cue.tag_ == "VBG":  # a participle the parse left without subject: the sentence's subject
            a, _b = ctx.sent_tokens(ctx.sent_of(cand.cue.i))
            for t in reversed(ctx.sdoc[a : cand.cue.i]):
                if t.dep_ == "nsubj" and not any(x <= t.idx < y for x, y in quoted) and resolver.plausible(t):
                    return resolver.resolve(t) or Speaker(None)
        return None
    if cand.continuation and last is not None and last.speaker and cand.para - last.para <= (0 if cand.short else 1):
        return last.speaker
    return None


def _left_neighbour(verb: Token) -> Token | None:
    """The name or pronoun right before a finite verb the parse left without a subject ("In a meeting with
    the board of the Post Trump said that ...": the parser hung "Trump" under "of")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("advmod", "aux", "neg") and verb.doc[i].head.i == verb.i:
        i -= 1
    tok = verb.doc[i] if i >= 0 else None
    if tok is None or tok.pos_ not in ("PROPN", "PRON") or tok.dep_ in ("poss", "dobj", "nsubj"):
        return None
    return tok


def _joined(text: str, pieces: list[tuple[int, int]]) -> str:
    """The pieces of a quote; "…" stands for what was left out between two of them (the attribution)."""
    out = text[pieces[0][0] : pieces[0][1]]
    for (_a, prev_end), (a, b) in pairwise(pieces):
        gap = text[prev_end:a].strip(" \t\n\"'“”‘’«»„,.")
        out += (" … " if gap else " ") + text[a:b]
    return out


def _unpunctuated(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ",;: \t\n":
        end -= 1
    return end


def _joins(prev: Candidate, cand: Candidate) -> bool:
    """One statement in two pieces: '"A," he said. "B."' (B continues A in the paragraph, or both hang
    on a verb between them), or "he noted that A and added that B" (coordinated verbs, one speaker)."""
    if prev.kind == cand.kind == "indirect":
        a, b = prev.speaker, cand.speaker
        same = a is b or (a is not None and b is not None and a.name is not None and a.name == b.name)
        return (same and cand.cue is not None and prev.cue is not None and cand.cue.dep_ == "conj"
                and cand.cue.sent.start == prev.cue.sent.start)  # fmt: skip
    if prev.kind != "direct" or cand.kind != "direct" or prev.para != cand.para or prev.cue_text == ":":
        return False
    if cand.continuation:
        return True
    cue = cand.cue
    return cue is not None and prev.cue is not None and cue.i == prev.cue.i and prev.end <= cue.idx < cand.start


# "PORT CITY, Oct 30 (Agency) —" opening a paragraph: a dateline the parser may read as fronted speech
_DATELINE = re.compile(r"[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)*,[^\n]{0,80}")
_DASH_AFTER = re.compile(r"\s*[\u2014\u2013-]\s")


def is_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return (
        not text[line_start:start].strip()
        and _DATELINE.fullmatch(text, start, end) is not None
        and _DASH_AFTER.match(text, end) is not None
    )


def find_quotes(
    text: str, sdoc: Doc, mentions: list[Mention], timexes: list[TimeExpression], published: str | None = None
) -> list[Quote]:
    ctx = Context(text, sdoc)
    resolver = Resolver(text, sdoc, mentions, ctx.subjects, ctx.pronouns, ctx.sent_of, ctx.starts)
    captions = caption_candidates(ctx, mentions)
    for cand, titles in captions:
        if cand.speaker_name:
            resolver.add_title(cand.speaker_name, titles, cand.start)
    labelled = [(c.start, c.end) for c, _t in captions]
    every = find_quoted(text)
    quoted = [q for q in every if not any(a <= q.start < b or q.start <= a < q.end for a, b in labelled)]
    direct, used = direct_candidates(ctx, quoted, every)
    taken = labelled + [(c.start, c.end) for c in direct]
    # a reporting verb inside any quotation belongs to the quoted speech, not to the narrative
    blocked = taken + [(q.start, q.end) for q in every]
    indirect = indirect_candidates(ctx, used, blocked, taken)
    cands = sorted([c for c, _t in captions] + direct + indirect, key=lambda c: (c.start, c.end))

    kept: list[Candidate] = []
    last_direct: Candidate | None = None
    spans = [(q.start, q.end) for q in every]
    for cand in cands:
        if cand.kind == "indirect" and is_dateline(text, cand.start, cand.end):
            continue
        anchor = cand.speaker_tok.idx if cand.speaker_tok is not None else cand.start
        resolver.advance(min(anchor, cand.start, cand.cue.idx if cand.cue is not None else cand.start))
        cand.speaker = _speaker(resolver, ctx, cand, last_direct, spans)
        if cand.speaker is None:
            continue  # nobody to credit: a headline, an unowned statement, a passive "it is said"
        if kept and (kept[-1].start, kept[-1].end) == (cand.start, cand.end):
            continue
        if kept and _joins(kept[-1], cand):
            prev = kept[-1]
            if cand.start >= prev.end:
                prev.pieces = prev.pieces + cand.pieces
                prev.end = cand.end
            continue
        resolver.note(cand.cue.idx if cand.cue is not None else cand.start, cand.speaker)
        kept.append(cand)
        if cand.kind == "direct":
            last_direct = cand

    contents: dict[int, list[tuple[int, int]]] = {}
    for cand in kept:
        if cand.cue is not None:
            contents.setdefault(cand.cue.i, []).append((cand.start, cand.end))
    dates = StatementDates(ctx, timexes, blocked, contents)
    out: list[Quote] = []
    previous: Candidate | None = None
    for cand in kept:
        cand.said_on = dates.said_on(cand)
        if cand.said_on and published and cand.said_on[:10] > published[:10]:
            cand.said_on = None  # a date after publication is what is planned ("will vote on the 21st"), not the saying
        if cand.continuation and previous is not None and previous.speaker is cand.speaker:
            cand.said_on = previous.said_on
        sp = cand.speaker
        if sp is None:  # only candidates with a speaker are kept
            continue
        pieces = [(a, _unpunctuated(text, a, b)) for a, b in cand.pieces]  # '"We will win," she said': no comma
        out.append(Quote(
            id="", text=_joined(text, pieces), start=cand.start, end=max(pieces[-1][1], cand.start),
            kind=cand.kind, speaker_name=sp.name, speaker_start=sp.start, speaker_end=sp.end,
            cue=cand.cue_text, said_on=cand.said_on,
        ))  # fmt: skip
        previous = cand
    return out
