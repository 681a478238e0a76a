"""Dependency-tree helpers: the content clause of a reporting verb, its subject, a statement's owner.

The small English model misparses often ("stated during a briefing that ..." becomes a relative
clause of "briefing"), so each helper has a fallback that reads the word order instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.extract.quotes.cues import ATTITUDE_VERBS, CUE_NOUNS, SPEECH_VERBS, THAT_ONLY_VERBS, XCOMP_VERBS

# Walking up from a reporting verb to find its subject passes through these links.
XCOMP_ONLY = XCOMP_VERBS - SPEECH_VERBS - ATTITUDE_VERBS  # "recommended X approve" is no statement
_AS_VERBS = frozenset({"describe", "characterize", "characterise", "label", "brand", "dub", "portray", "denounce"})
NAMING_VERBS = _AS_VERBS | {"call"}
_REASON = frozenset({"because", "since", "although", "though", "unless", "if", "so"})
_WHEN = frozenset({"when", "if", "once", "after", "before", "as", "while", "unless", "until"})
_UP = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp", "ccomp"})


def passive(verb: Any) -> bool:
    """ "It is said that", "when asked whether": the speaker is not named (unless "by X" follows)."""
    deps = {c.dep_ for c in verb.children}
    if "agent" in deps:
        return False
    if deps & {"nsubjpass", "auxpass", "csubjpass"}:
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "amod") and "aux" not in deps:
        return True
    # "When asked whether ..., he replied": tagged as a past tense, but nobody asks in the sentence
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBN", "VBD")
        and "nsubj" not in deps
        and any(c.lower_ in _WHEN for c in verb.children if c.dep_ in ("advmod", "mark"))
    )


def _cut_statements(lo: int, hi: int, verb: Any) -> int:
    """End the reported clause before a verb that reports something else (", asserting, '...'",
    "and warned X to ...": a participle, or a coordinated reporting verb without its own subject)."""
    from storyline.extract.quotes.context import is_cue_verb

    for t in verb.doc[lo:hi]:
        if t.dep_ not in ("advcl", "conj") or t.left_edge.i <= lo or not is_cue_verb(t):
            continue
        if t.tag_ == "VBG" or (
            t.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in t.children) and content_span(t) is not None
        ):
            start = t.left_edge.i
            while start > lo and (verb.doc[start - 1].is_punct or verb.doc[start - 1].dep_ == "cc"):
                start -= 1
            return start
    return hi


def _reasons(verb: Any, hi: int) -> int:
    """'X said Y, because Z': a reason or condition after the reported clause is part of what was said."""
    for c in verb.children:
        if c.i >= hi and c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _REASON for g in c.children):
            hi = max(hi, c.right_edge.i + 1)
    return hi


Content = tuple[int, int, tuple[int, int] | None, Any]


def content_span(verb: Any) -> Content | None:
    """What ``verb`` reports: tokens [lo, hi), a range inside to leave out (a parenthetical), its head."""
    sdoc = verb.doc
    children = list(verb.children)
    lemma = verb.lemma_.lower()
    ccomps = [c for c in children if c.dep_ == "ccomp"] if lemma not in XCOMP_ONLY else []
    if lemma in THAT_ONLY_VERBS:
        ccomps = [c for c in ccomps if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if ccomps:
        lo, hi = min(c.left_edge.i for c in ccomps), max(c.right_edge.i for c in ccomps) + 1
        if lo <= verb.i < hi:  # "a vote that the speaker said would be held": the relative pronoun stays out
            lo = verb.i + 1
        hi = _cut_statements(lo, hi, verb)
        return lo, _reasons(verb, hi) if hi > verb.i else hi, None, ccomps[0]
    if lemma in XCOMP_VERBS:
        xcomps = [c for c in children if c.dep_ == "xcomp"]
        if xcomps:
            x = xcomps[0]
            objs = [c for c in children if c.dep_ == "dobj" and c.i < x.i]
            lo = min([x.left_edge.i, *(o.left_edge.i for o in objs)])
            return lo, _cut_statements(lo, x.right_edge.i + 1, verb), None, x
        objs = [c for c in children if c.dep_ == "dobj"]
        preds = [c for c in children if c.dep_ == "oprd"]
        if lemma == "call" and objs and preds:  # "called the signing the end of a bitter chapter"
            return objs[0].left_edge.i, preds[0].right_edge.i + 1, None, preds[0]
        if lemma == "call":
            for c in children:
                if c.dep_ == "prep" and c.lower_ == "for":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        return objs[0].left_edge.i, objs[0].right_edge.i + 1, None, objs[0]
    if lemma in _AS_VERBS:  # "described the plan as a giveaway"
        objs = [c for c in children if c.dep_ == "dobj"]
        as_ = [c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i]
        if objs and as_:
            return objs[0].left_edge.i, as_[0].right_edge.i + 1, None, as_[0]
    if lemma in XCOMP_ONLY:
        return None
    # "stated during a briefing that ...": a that-clause after the verb, whatever it was attached to,
    # unless an object comes first ("criticized the announcement that ..." reports the announcement)
    end = min(verb.right_edge.i, verb.i + 12)
    for j in range(verb.i + 1, end + 1):
        t = sdoc[j]
        if (t.pos_ in ("VERB", "AUX") and t.dep_ != "aux") or t.dep_ in ("dobj", "dative"):
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in CUE_NOUNS:
            break
        if t.lower_ == "that" and t.dep_ == "mark" and t.head.pos_ in ("VERB", "AUX") and t.head.i > j:
            hi = max(t.head.right_edge.i, j) + 1
            return j, _cut_statements(j, hi, verb), None, t.head
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        return head.left_edge.i, head.right_edge.i + 1, (verb.left_edge.i, verb.right_edge.i + 1), head
    return None


def subjects_of(verb: Any) -> Iterator[tuple[Any, int]]:
    """Candidate subjects of a reporting verb with their distance, nearest first (a participle
    borrows its clause's subject; "Trump saying ..." has the noun it modifies)."""
    x = verb
    for level in range(6):
        for c in x.children:
            if c.dep_ == "nsubj":
                yield c, level
            elif c.dep_ == "agent":
                yield from ((g, level) for g in c.children if g.dep_ == "pobj")
        if x.dep_ not in _UP or x.head.i == x.i:
            return
        if x.dep_ == "acl" and x.tag_ == "VBG" and x.head.pos_ in ("NOUN", "PROPN"):
            yield x.head, level + 1
        x = x.head
        if x.pos_ in ("NOUN", "PROPN") and x.head.i != x.i:
            x = x.head  # "X cited an announcement that ... and criticized" misparsed under the noun


def statement_owner(noun: Any) -> Any | None:
    """B in "B's statement", "a statement by B", "a B statement"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CUE_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
            return c
    return None
