"""Dependency-tree helpers: the content clause of a reporting verb, its subject, a statement's owner.

The small English model misparses often ("stated during a briefing that ..." becomes a relative
clause of "briefing"), so each helper has a fallback that reads the word order instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.extract.quotes.cues import ATTITUDE_VERBS, CUE_NOUNS, SPEECH_VERBS, THAT_ONLY_VERBS, XCOMP_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Walking up from a reporting verb to find its subject passes through these links.
XCOMP_ONLY = XCOMP_VERBS - SPEECH_VERBS - ATTITUDE_VERBS  # "recommended X approve" is no statement
_AS_VERBS = frozenset({"describe", "characterize", "characterise", "label", "brand", "dub", "portray", "denounce"})
NAMING_VERBS = _AS_VERBS | {"call"}
# Verbs that name whom they address before the that-clause ("told reporters that", "assured allies that").
ADDRESSEE_VERBS = frozenset("tell inform assure reassure remind warn convince persuade notify advise promise".split())
_REASON = frozenset({"because", "since", "unless", "if", "so"})
_WHEN = frozenset({"when", "if", "once", "after", "before", "as", "while", "unless", "until"})
_UP = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp", "ccomp"})


def passive(verb: Token) -> bool:
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


def _cut_statements(lo: int, hi: int, verb: Token) -> int:
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


def _reasons(verb: Token, hi: int) -> int:
    """'X said Y, because Z': a reason or condition after the reported clause is part of what was said."""
    for c in verb.children:
        if c.i >= hi and c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _REASON for g in c.children):
            hi = max(hi, c.right_edge.i + 1)
    return hi


Content = tuple[int, int, tuple[int, int] | None, "Token"]  # (first, end token, hole, the clause's head)


def content_span(verb: Token) -> Content | None:
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
    # An addressee may come first ("told a meeting of leaders that few people understood ..." parsed as a
    # relative clause of "meeting"): a "that" whose clause has a subject of its own still opens the content.
    end = min(verb.right_edge.i, verb.i + 12)
    addressee = False
    for j in range(verb.i + 1, end + 1):
        t = sdoc[j]
        if t.lower_ == "that" and t.dep_ in ("mark", "advmod", "nsubj") and t.head.pos_ in ("VERB", "AUX"):
            clause = t.head
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i != t.i for c in clause.children)
            if clause.i > j and (t.dep_ == "mark" or own_subject) and (not addressee or own_subject):
                hi = max(clause.right_edge.i, j) + 1
                return j, _cut_statements(j, hi, verb), None, clause
        if t.dep_ in ("dobj", "dative") and lemma in ADDRESSEE_VERBS and not addressee:
            addressee = True
            continue
        if addressee and t.head.i != verb.i and t.i <= sdoc[t.head.i].right_edge.i and t.dep_ != "relcl":
            continue  # inside the addressee's phrase
        if (t.pos_ in ("VERB", "AUX") and t.dep_ != "aux") or t.dep_ in ("dobj", "dative"):
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in CUE_NOUNS:
            break
    if _as_clause(verb):  # "As X pointed out, the gap is vast": the main clause is what X said
        head = verb.head
        return head.left_edge.i, head.right_edge.i + 1, (verb.left_edge.i, verb.right_edge.i + 1), head
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        return head.left_edge.i, head.right_edge.i + 1, (verb.left_edge.i, verb.right_edge.i + 1), head
    return None


def _as_clause(verb: Token) -> bool:
    """ "as X said", "as X put it": a comment clause on the clause it hangs on."""
    if verb.dep_ != "advcl" or verb.head.pos_ not in ("VERB", "AUX") or verb.head.i == verb.i:
        return False
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i), None)
    if mark is None or (mark.i > 0 and verb.doc[mark.i - 1].lower_ == "even"):  # "even as" is "while"
        return False
    return not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def subjects_of(verb: Token) -> Iterator[tuple[Token, int]]:
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


def statement_owner(noun: Token) -> Token | None:
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
