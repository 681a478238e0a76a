"""Direct quotes: quoted text with a reporting verb, a statement noun, a colon, or a speaker just quoted.

A quotation is kept when it is long enough to be speech (a title or a scare quote is short,
capitalized like a name, or has no finite verb) and something attributes it:
- the parse links it to a reporting verb ("..., Berg said." / "X said: '...'" / "..., said X");
- it is the content of a statement noun with an owner ("B's announcement that '...'" → B);
- a reporting verb with a subject sits right after it or right before it in its sentence;
- it opens a sentence of the paragraph that quoted someone last (the same speaker goes on).
A short quotation inside a longer reported clause ("said the plan was 'a mistake'") is left to
the indirect finder, which reports the whole clause.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from storyline.extract.quotes.context import Candidate, Context, is_cue_verb
from storyline.extract.quotes.cues import CUE_NOUNS
from storyline.extract.quotes.marks import Quoted
from storyline.extract.quotes.syntax import NAMING_VERBS, content_span, statement_owner, subjects_of

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOUN_CONTENT = frozenset({"acl", "ccomp", "appos", "relcl"})
_QUOTE_CHARS = "\"'“”‘’«»„"
# '"..." ― Name' (a signed quote: comments, epigraphs, vox pops)
_SIGNED = re.compile(
    r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*(?P<name>[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4}?)[^\S\n]*(?:[,.(]|\n|$)"
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
_UNIT_END = re.compile(r"[,.?!…][\"'”’]*$")


def _words(toks: Span) -> int:
    return sum(1 for t in toks if t.is_alpha or t.like_num)


def looks_like_speech(toks: Span) -> bool:
    """False for titles, names and scare quotes: short, verbless, or capitalized like a name."""
    n = _words(toks)
    if n < 4:
        return False
    finite = any(t.tag_ in _FINITE for t in toks)
    if n < 6 and not finite:
        return False
    content = [t for t in toks if t.is_alpha and not t.is_stop]
    capitalized = sum(1 for t in content if t.text[:1].isupper())
    return finite or not content or capitalized < 0.6 * len(content)


def _clause(toks: Span, lo: int, hi: int) -> bool:
    """Does the quotation hold a clause of its own (a subject and its verb)?"""
    return any(t.dep_ in ("nsubj", "nsubjpass") and lo <= t.head.i < hi for t in toks)


def _attach(ctx: Context, lo: int, hi: int) -> tuple[Token | None, Token | None]:
    """(cue, owner): the reporting verb or statement noun the parse links the quote to."""
    sdoc = ctx.sdoc
    para_start = ctx.paras[ctx.para_of(sdoc[lo].idx)][0]
    para_end = ctx.paras[ctx.para_of(sdoc[hi - 1].idx)][1]  # a quote of several paragraphs spans them all
    seen: set[int] = set()
    for i in range(lo, hi):
        t = sdoc[i]
        if t.is_punct or t.is_space or lo <= t.head.i < hi:
            continue
        x, via = t.head, t.dep_
        for _ in range(4):
            if x.i in seen or not para_start <= x.idx < para_end:
                break
            seen.add(x.i)
            owner = statement_owner(x)
            if owner is not None:
                return x, owner
            if x.pos_ == "NOUN" and x.lemma_.lower() in CUE_NOUNS and via in _NOUN_CONTENT:
                return x, None  # an unowned statement: nobody to credit
            if is_cue_verb(x):
                return x, None
            if x.head.i == x.i:
                break
            x, via = x.head, x.dep_
    for i in range(lo, hi):  # '"...," Berg said' parsed with the verb under the quote
        for c in sdoc[i].children:
            if lo <= c.i < hi or not para_start <= c.idx < para_end:
                continue
            if is_cue_verb(c) and next(subjects_of(c), None) is not None:
                return c, None
    return None, None


def _nearby_verb(ctx: Context, q: Quoted, lo: int, hi: int) -> Token | None:
    """A reporting verb with a subject right after the quote or right before it, in its sentence and
    paragraph; or any verb with a subject before a colon that introduces it ("Limbaugh continued:")."""
    sdoc = ctx.sdoc
    para_start, para_end = ctx.paras[ctx.para_of(q.start)][0], ctx.paras[ctx.para_of(q.end - 1)][1]
    for j in range(hi, min(len(sdoc), hi + 8)):  # not bounded by the parser's sentence: it often ends at '”'
        t = sdoc[j]
        if t.idx >= para_end or (j > hi + 1 and (t.text in _QUOTE_CHARS or t.text in (".", "!", "?"))):
            break
        if is_cue_verb(t) and next(subjects_of(t), None) is not None:
            if ctx.text[q.end - 2 : q.end - 1] in (".", "!", "?") and _reports_after(t):
                break  # '..." The network said it would ...': a new sentence reporting something else
            return t
    before = ctx.text[: q.start].rstrip()
    if before.endswith(":"):
        colon = bisect.bisect_left(ctx.starts, len(before) - 1)
        start = ctx.sent_tokens(ctx.sent_of(colon))[0]
        for j in range(colon - 1, max(start, colon - 12) - 1, -1):
            t = sdoc[j]
            if t.pos_ == "VERB" and next(subjects_of(t), None) is not None:
                return t
    a, _b = ctx.sent_tokens(ctx.sent_of(lo))
    for j in range(lo - 1, max(a, lo - 10) - 1, -1):
        t = sdoc[j]
        if t.idx < para_start:
            break
        if is_cue_verb(t) and next(subjects_of(t), None) is not None:
            return t
    return None


def _reports_after(verb: Token) -> bool:
    span = content_span(verb)
    return span is not None and span[0] > verb.i


def _opens_sentence(ctx: Context, q: Quoted, lo: int) -> bool:
    a, _b = ctx.sent_tokens(ctx.sent_of(lo))
    lead = ctx.text[min(ctx.sdoc[a].idx, q.start) : q.start]
    if not lead.strip(_QUOTE_CHARS + " \t\n(["):
        return True
    before = ctx.text[ctx.paras[ctx.para_of(q.start)][0] : q.start].rstrip()
    return not before or before.endswith((".", "!", "?"))


def _unquoted_share(ctx: Context, lo: int, hi: int, every: list[Quoted]) -> tuple[int, int]:
    """(words of tokens [lo, hi) outside every quotation, all words)."""
    spans = [(q.start, q.end) for q in every if q.end > ctx.sdoc[lo].idx and q.start < ctx.tok_end(hi - 1)]
    words = [t for t in ctx.sdoc[lo:hi] if t.is_alpha or t.like_num]
    outside = [t for t in words if not any(a <= t.idx < b for a, b in spans)]
    return len(outside), len(words)


def direct_candidates(ctx: Context, quoted: list[Quoted], every: list[Quoted]) -> tuple[list[Candidate], set[int]]:
    """Quote candidates, and the reporting verbs they used (the indirect finder skips those)."""
    out: list[Candidate] = []
    used: set[int] = set()
    for q in quoted:
        pieces = [(a + len(ctx.text[a:b]) - len(ctx.text[a:b].lstrip()), a + len(ctx.text[a:b].rstrip()))
                  for a, b in q.pieces]  # fmt: skip
        pieces = [(a, b) for a, b in pieces if b > a]
        if not pieces:
            continue
        lo, hi = ctx.tok_range(pieces[0][0], pieces[-1][1])
        if hi <= lo:
            continue
        cand = Candidate(pieces[0][0], pieces[-1][1], pieces, "direct", para=ctx.para_of(q.start))
        speech = looks_like_speech(ctx.sdoc[lo:hi])
        signed = _SIGNED.match(ctx.text, q.end)
        if signed and speech:
            cand.speaker_name, cand.speaker_pos, cand.cue_text = signed.group("name"), signed.start("name"), "―"
            out.append(cand)
            continue
        cue, owner = _attach(ctx, lo, hi)
        if cue is None:
            cue = _nearby_verb(ctx, q, lo, hi)
        if not speech:
            # '"You winning?" she asked': a short quote only as a whole sentence, with the verb after it,
            # or right after a quote of the same paragraph ('"I would," she said. "I would, Donald."')
            unit = _UNIT_END.search(ctx.text, pieces[-1][0], pieces[-1][1]) and _opens_sentence(ctx, q, lo)
            unit = unit and _words(ctx.sdoc[lo:hi]) >= 2
            if not unit:
                continue
            if cue is None:
                cand.continuation = cand.short = True
                out.append(cand)
                continue
            if cue.pos_ == "NOUN" or cue.i < hi:
                continue
        if cue is None:
            if not _opens_sentence(ctx, q, lo):
                continue
            cand.continuation = True
            out.append(cand)
            continue
        if owner is None and cue.pos_ == "NOUN":
            continue
        if owner is None:
            span = content_span(cue)
            wlo, whi = lo, hi
            while whi > wlo and ctx.sdoc[whi - 1].is_punct:
                whi -= 1
            if span is not None and cue.lemma_.lower() in NAMING_VERBS and not _clause(ctx.sdoc[lo:hi], lo, hi):
                continue  # 'called the plan "a giveaway"': a name given, reported with its object
            if span is not None and span[0] <= wlo and whi <= span[1]:
                headed = lo <= span[3].i < hi  # the quote holds the reported clause's verb
                # a partial quote ("said the plan was 'a mistake'", 'said that "X" against Y'): the indirect
                # finder reports the whole clause. When the quote holds the clause's verb, only words that
                # go on after it count ("Regarding X, he said, '...'" puts a topic before it)
                unquoted, total = _unquoted_share(ctx, lo if headed else span[0], span[1], every)
                if unquoted >= 3 and unquoted >= 0.2 * total:
                    continue
                if not headed and not _clause(ctx.sdoc[lo:hi], lo, hi):
                    continue
            used.add(cue.i)
        cand.cue, cand.cue_text, cand.speaker_tok = cue, cue.text, owner
        out.append(cand)
    return out, used
