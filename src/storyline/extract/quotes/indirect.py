"""Indirect speech: a reporting verb and the clause it reports, and "according to X, ..." attributions.

The quote's text is the reported clause ("that ..." without the "that"), not the whole sentence:
it is what was said, and it is what attribution corpora annotate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.extract.quotes.context import Candidate, Context, is_cue_verb
from storyline.extract.quotes.syntax import content_span, passive

if TYPE_CHECKING:
    from spacy.tokens import Token

_TRIM = " \t\n,;:—–-\"'“”‘’"
_PAIRS = (('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"))
_LEADS = ("that ", "that,", "That ")


def _pieces(ctx: Context, lo: int, hi: int, hole: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Character pieces of tokens [lo, hi) minus the hole, trimmed of a leading "that" and punctuation."""
    ranges = [(lo, hi)] if hole is None else [(lo, hole[0]), (hole[1], hi)]
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if b <= a:
            continue
        start, end = ctx.sdoc[a].idx, ctx.tok_end(b - 1)
        text = ctx.text
        while start < end and text[start] in _TRIM:
            start += 1
        if not out and text.startswith(_LEADS, start):
            start += 4
            while start < end and text[start] in _TRIM:
                start += 1
        while end > start and text[end - 1] in _TRIM + ".":
            end -= 1
        # give back a closing mark whose opening mark is kept ("called it 'a giveaway'")
        after = end
        while after < len(text) and text[after] in ".,;:!?":
            after += 1
        for opening, closing in _PAIRS:
            if after < len(text) and text[after] in closing and _count(text[start:end], opening, closing) % 2:
                end = after + 1
                break
        if end > start:
            out.append((start, end))
    return out


def _count(text: str, opening: str, closing: str) -> int:
    if opening == closing:
        return text.count(opening)
    return text.count(opening) + text.count(closing)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _overlap(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered / max(1, end - start)


def _in_paragraph(ctx: Context, cue: Token, lo: int, hi: int) -> tuple[int, int]:
    """Tokens [lo, hi) cut to the cue's paragraph: the parser runs a clause on over a line break
    ("She said X favors Y.\n\nUnder the plan, people would ..."), reported speech never does."""
    ps, pe = ctx.paras[ctx.para_of(cue.idx)]
    a, b = ctx.tok_range(ps, pe)
    return max(lo, a), min(hi, b)


def _tail(ctx: Context, lo: int, hi: int) -> int:
    """End the reported clause at a semicolon: what follows is a sentence of the writer's."""
    for t in ctx.sdoc[lo:hi]:
        if t.text == ";":
            return t.i
    return hi


def _source(ctx: Context, acc: Token) -> Token | None:
    """X in "according to X": the object of "to", or, where the parse lost it ("according to show
    insiders" read as a verb "show"), the last noun before the phrase ends."""
    to = ctx.sdoc[acc.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    source = source or next((c for c in acc.children if c.dep_ == "pobj"), None)
    if source is not None:
        return source
    last = None
    for t in ctx.sdoc[acc.i + 2 : min(len(ctx.sdoc), acc.i + 10)]:
        if t.is_punct or t.is_space or t.pos_ in ("ADP", "CCONJ", "SCONJ", "AUX"):
            break
        if t.pos_ in ("NOUN", "PROPN"):
            last = t
    return last


def _reported(ctx: Context, tok: Token) -> bool:
    """True when the token sits inside the content clause of a reporting verb of its paragraph."""
    x = tok
    para = ctx.para_of(tok.idx)
    for _ in range(12):
        if x.head.i == x.i:
            return False
        if x.dep_ == "ccomp" and is_cue_verb(x.head):
            return ctx.para_of(x.head.idx) == para
        x = x.head
    return False


def indirect_candidates(
    ctx: Context, used: set[int], blocked: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[Candidate]:
    """Reported clauses of the reporting verbs the direct finder did not use, outside quotations
    (``blocked``), unless a direct quote already holds what they report (``taken``)."""
    out: list[Candidate] = []
    for verb in ctx.cue_verbs:
        if verb.i in used or _inside(verb.idx, blocked) or passive(verb):
            continue
        span = content_span(verb)
        if span is None:
            continue
        lo, hi = _in_paragraph(ctx, verb, span[0], span[1])
        hi = _tail(ctx, lo, hi)
        pieces = _pieces(ctx, lo, hi, span[2])
        if not pieces or len(" ".join(ctx.text[a:b] for a, b in pieces).split()) < 3:
            continue
        if _overlap(pieces[0][0], pieces[-1][1], taken) > 0.5:
            continue  # what was said is already a direct quote (of a statement noun, say)
        out.append(Candidate(pieces[0][0], pieces[-1][1], pieces, "indirect", cue=verb, cue_text=verb.text,
                             para=ctx.para_of(verb.idx)))  # fmt: skip
    for acc in ctx.according:
        if _inside(acc.idx, blocked):
            continue
        source = _source(ctx, acc)
        head = acc.head
        if source is None or head.i == acc.i or (is_cue_verb(head) and content_span(head)) or _reported(ctx, acc):
            continue  # "According to X, Y said that ...": X is only the channel of Y's statement
        hole = (acc.left_edge.i, acc.right_edge.i + 1)
        lo, hi = _in_paragraph(ctx, acc, head.left_edge.i, head.right_edge.i + 1)
        pieces = _pieces(ctx, lo, hi, hole)
        if not pieces or len(" ".join(ctx.text[a:b] for a, b in pieces).split()) < 3:
            continue
        out.append(Candidate(pieces[0][0], pieces[-1][1], pieces, "indirect", cue=acc, cue_text="according to",
                             speaker_tok=source, para=ctx.para_of(acc.idx)))  # fmt: skip
    return out
