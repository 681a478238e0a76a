"""A short line saying what happened, cut from the event's own clause.

The summary keeps the words of the sentence, in their order, that tell who did what to whom: the
subject's core phrase, the verb with its auxiliaries and negation ("will discuss", "did not sign"),
the object's core phrase and up to two prepositional phrases ("with X", "to the parliament").
Relative clauses, appositions, asides and the date phrase are left out (the timeline shows the date);
"he"/"she" become the name they stand for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.extract.events.arguments import participle_of
from storyline.settings import current

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

    from storyline.extract.events.triggers import Trigger


_CORE = frozenset({"det", "compound", "amod", "poss", "nummod", "case", "nmod", "quantmod", "neg", "predet"})
_VERB_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})
_OBJECTS = frozenset({"dobj", "attr", "dative", "oprd", "nsubjpass", "acomp"})
_PREPS = frozenset({"with", "to", "against", "into", "on", "for", "from", "at", "in", "between", "by", "of", "over"})
_NOUN_PREPS = frozenset({"of", "with", "between", "by", "to", "against", "on", "in", "at"})
_KEEP_PUNCT = frozenset({"-", "–", "/", "&", "'s", "’s"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
# Types whose summary tells what was said, not where.
_SAYING = frozenset({"statement", "announce", "accuse", "deny", "demand", "threaten", "support"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_OPEN_QUOTES = frozenset({'"', "“", "'", "‘"})


def _core(tok: Token, keep: set[int], depth: int = 4) -> None:
    keep.add(tok.i)
    if depth <= 0:
        return
    for c in tok.children:
        if c.dep_ in _CORE or (c.dep_ == "punct" and c.text in _KEEP_PUNCT):
            _core(c, keep, depth - 1)
        elif c.dep_ in {"conj", "cc"} and tok.pos_ in {"PROPN", "NOUN"}:  # "X and Y"
            _core(c, keep, depth - 1)
        elif c.dep_ == "prep" and c.lower_ == "of" and depth >= 3:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                keep.add(c.i)
                _core(pobj, keep, depth - 2)


def _prep_phrases(tok: Token, words: frozenset[str], drop: set[int], keep: set[int], limit: int) -> None:
    n = 0
    for c in tok.children:
        if n >= limit:
            break
        if c.dep_ not in {"prep", "agent"} or c.lower_ not in words:
            continue
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None or pobj.i in drop or pobj.ent_type_ in {"DATE", "TIME"}:
            continue
        keep.add(c.i)
        _core(pobj, keep, 3)
        n += 1


def _content(verb: Token, keep: set[int]) -> bool:
    """What a saying verb reports, cut to its first words; True when it was cut."""
    cfg = current().extract
    comp = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
    if comp is None:
        return False
    words = [t.i for t in comp.subtree]
    keep.update(words[: cfg.said_tokens])
    return len(words) > cfg.said_tokens


def summarize(trigger: Trigger, subject: Token | None, drop: set[int], pronoun: Callable[[Token], str | None]) -> str:
    """The summary of a ``triggers.Trigger``. ``pronoun(tok)`` names the person a pronoun stands for."""
    tok = trigger.token
    keep: set[int] = set()
    cut = False
    after: list[int] = []
    content: list[int] = []  # what a saying verb reports, rendered after the speaker and the verb
    verb = None if trigger.noun and trigger.via not in {"light", "subject"} else trigger.clause
    if verb is None:
        _core(tok, keep)
        _prep_phrases(tok, _NOUN_PREPS, drop, keep, 3)
    else:
        if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head  # "the rebels who stormed the town"
        described = participle_of(verb)
        if described is not None:
            _core(described, keep, 3)  # "the accord signed in May", "ships sent by X"
        if subject is not None:
            _core(subject, keep, 3)
        node = verb
        keep.add(node.i)
        keep.update(c.i for c in node.children if c.dep_ in _VERB_PARTS)
        while node.dep_ in {"xcomp", "acomp"} and node.head.i != node.i:  # "is scheduled to visit", "is due to vote"
            node = node.head
            keep.add(node.i)
            keep.update(c.i for c in node.children if c.dep_ in _VERB_PARTS)
        for c in verb.children:
            if c.dep_ == "dobj" and c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                after = _after(verb.head)  # "the deployment, which both sides denied" → "... denied the deployment"
            elif c.dep_ in _OBJECTS and c.i not in drop and c.lower_ not in _RELATIVE:
                _core(c, keep)
                _prep_phrases(c, frozenset({"with", "between", "of"}), drop, keep, 1)
        if trigger.noun:
            _core(tok, keep)
            _prep_phrases(tok, _NOUN_PREPS, drop, keep, 2)
        if trigger.type in _SAYING and not trigger.noun:
            said: set[int] = set()
            cut = _content(verb, said)
            said -= drop
            content = sorted(said - keep)  # "..., the union said" reads "The union said ..."
        else:
            _prep_phrases(verb, _PREPS, drop, keep, 2)
    keep -= drop
    out = render(tok.doc, sorted(keep), pronoun)
    if content:
        told = render(tok.doc, content, pronoun)
        first = tok.doc[content[0]]
        if first.i > 0 and tok.doc[first.i - 1].text in _OPEN_QUOTES and told:
            told = f"“{told.rstrip('…')}{'…' if cut else ''}”"  # a quotation stays one: X said: “...”
            cut = False
            out = f"{out}: {told}" if out else told
        else:
            if first.pos_ != "PROPN" and first.text != "I":
                told = told[:1].lower() + told[1:]
            out = f"{out} {told}" if out else told
    if after:
        tail = render(tok.doc, after, pronoun)
        out = f"{out} {tail[:1].lower()}{tail[1:]}" if out else tail
    return out + "…" if cut and out else out


def purpose_phrase(verb: Token, drop: set[int], pronoun: Callable[[Token], str | None]) -> str:
    """ "to meet with X": an infinitive of purpose with its object and up to two prepositional phrases."""
    keep: set[int] = {verb.i}
    keep.update(c.i for c in verb.children if c.dep_ in _VERB_PARTS)
    for c in verb.children:
        if c.dep_ in _OBJECTS and c.i not in drop:
            _core(c, keep)
    _prep_phrases(verb, _PREPS, drop, keep, 2)
    keep -= drop
    out = render(verb.doc, sorted(keep), pronoun)
    return out[:1].lower() + out[1:] if out else out


def _after(noun: Token) -> list[int]:
    keep: set[int] = set()
    _core(noun, keep, 3)
    return sorted(keep)


def _bracketed(doc: Doc, first: int, last: int) -> set[int]:
    """Tokens inside brackets between ``first`` and ``last``, the brackets included: asides."""
    out: set[int] = set()
    depth = 0
    for i in range(first, last + 1):
        text = doc[i].text
        if text in {"(", "["}:
            depth += 1
        if depth:
            out.add(i)
        if text in {")", "]"}:
            depth = max(0, depth - 1)
    return out


def render(doc: Doc, idx: list[int], pronoun: Callable[[Token], str | None]) -> str:
    """The kept tokens in text order; asides in brackets and stray punctuation go, commas inside a run stay."""
    cfg = current().extract
    cut = len(idx) > cfg.summary_tokens
    idx = idx[: cfg.summary_tokens]
    kept = set(idx)
    bracketed = _bracketed(doc, idx[0], idx[-1]) if idx else set()
    parts: list[str] = []
    for k, i in enumerate(idx):
        tok = doc[i]
        if i in bracketed:
            continue
        if tok.pos_ == "PUNCT" and tok.text not in _KEEP_PUNCT:
            inner = tok.text == "," and i - 1 in kept and i + 1 in kept and doc[i + 1].pos_ != "PUNCT"
            if not inner:
                continue
        text = tok.text
        if tok.lower_ in _PRONOUNS:
            name = pronoun(tok)
            if name:
                text = f"{name}'s" if tok.tag_ == "PRP$" else name
        joined = k + 1 < len(idx) and idx[k + 1] == i + 1 and not tok.whitespace_
        parts.append(text + ("" if joined else " "))
    out = " ".join("".join(parts).split()).strip(" ,")
    if cut and out:
        out += "…"
    return out[:1].upper() + out[1:] if out else out
