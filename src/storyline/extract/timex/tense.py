"""The tense of the clause a time expression belongs to, read from the spaCy parse.

"He visited on Tuesday" looks back, "he will visit on Tuesday" and "the vote is expected in
November" look ahead: the governing verb's tag and its auxiliaries tell which.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

# Verbs whose infinitive complement happens later: "is expected to ratify in November".
_PROSPECTIVE = {
    "expect", "schedule", "plan", "set", "due", "intend", "aim", "hope", "want", "propose", "prepare", "slate",
    "poise", "likely", "go", "seek", "vow", "promise", "pledge", "threaten", "decide", "agree", "wish", "need",
    "try", "begin", "start", "offer", "ask", "urge", "call", "require", "invite",
}  # fmt: skip
_PROSPECTIVE_NOUNS = {
    "agreement",
    "plan",
    "deal",
    "proposal",
    "decision",
    "offer",
    "bid",
    "intention",
    "move",
    "effort",
    "pledge",
    "promise",
    "commitment",
    "accord",
    "contract",
    "option",
    "right",
    "vote",
}
# Adjectives between a date and its verb that fix the date's direction themselves: a dividend
# "payable Dec. 7" is paid after it is declared, whatever the tense of "declared".
_FORWARD_ADJ = {"payable"}
# "effective Feb. 1" may lie on either side of the verb's time: no tense to go by.
_UNDIRECTED_ADJ = {"effective"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
_MODAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ca", "'d"}
_HAVE = {"have", "has", "'ve", "had", "'d", "having"}


class TenseIndex:
    """Finds the token at a character offset once per document and the tense of its clause."""

    def __init__(self, sdoc: Doc | None) -> None:
        self.sdoc = sdoc
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:  # read from the parse's arrays: iterating tokens in Python costs more
            self._starts = self.sdoc.to_array("IDX").tolist() if self.sdoc is not None and len(self.sdoc) else []
        return self._starts

    def sentence_starts(self) -> list[int]:
        if self.sdoc is None or not len(self.sdoc):
            return [0]
        flags = self.sdoc.to_array("SENT_START").tolist()
        return [0, *(s for s, f in zip(self.starts, flags, strict=False) if f == 1 and s > 0)]

    def token_at(self, offset: int) -> Token | None:
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.sdoc[max(i, 0)] if self.sdoc is not None else None

    def tense(self, offset: int) -> str | None:
        tok = self.token_at(offset)
        return clause_tense(tok) if tok is not None else None


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def _own_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if words & _MODAL_AUX:
        # "may have been responsible", "could have done": a guess about the past, not a plan
        return PAST if words & _HAVE and verb.tag_ == "VBN" else "MODAL"
    for a in auxes:
        if a.tag_ == "VBD" or a.lower_ in ("had", "did"):
            return PAST
    if words & _HAVE:
        return PAST  # present perfect tells of the past
    if verb.tag_ == "VBD":
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    return None


def clause_tense(tok: Token) -> str | None:
    """PAST, PRESENT, FUTURE or None (no verb found) for the clause that holds ``tok``."""
    step = tok
    for _ in range(4):  # the words between the date and its verb
        if step.pos_ in ("VERB", "AUX") or step.head is step:
            break
        step = step.head
        if step.pos_ == "ADJ" and step.lower_ in _FORWARD_ADJ:
            return FUTURE
        if step.pos_ == "ADJ" and step.lower_ in _UNDIRECTED_ADJ:
            return None
    verb = _governing_verb(tok)
    if verb is None:
        return None
    tense = _own_tense(verb)
    if (
        tense is None
        and verb.tag_ in ("VBN", "VBD")
        and (verb.dep_ == "acl" or (verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children)))
    ):
        return PAST  # a reduced relative or participle: "the terms announced Friday", "the terms, announced Friday,"
    # An infinitive takes its time from the verb it completes: "is scheduled to visit next week".
    hops = 0
    while tense is None and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp") and hops < 3:
        head = verb.head
        if head is verb:
            break
        to = any(c.lower_ == "to" for c in verb.children)
        if to and head.pos_ == "NOUN" and head.lemma_ in _PROSPECTIVE_NOUNS:
            return FUTURE  # "an agreement to acquire the company in January"
        if head.pos_ not in ("VERB", "AUX"):
            # a reduced relative ("the treaty signed in June") takes the tense of the clause around its noun
            outer = _governing_verb(head)
            if outer is None or outer is verb:
                return PAST if verb.tag_ == "VBN" else None
            head = outer
        if to and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep_ == "xcomp":
            return FUTURE  # "is to resume trading Tuesday": an arrangement
        if to and (head.lemma_ in _PROSPECTIVE or head.lower_ in _PROSPECTIVE):
            head_tense = _own_tense(head)
            return PAST if head_tense == PAST and head.lemma_ not in ("expect", "schedule", "due") else FUTURE
        verb, hops = head, hops + 1
        tense = _own_tense(verb)
    if tense == PRESENT and verb.tag_ == "VBN" and verb.lemma_ in _PROSPECTIVE:
        return FUTURE  # "is expected in November", "is scheduled for Monday"
    if tense == PRESENT and verb.tag_ == "VBG" and verb.lemma_ == "go":
        return FUTURE
    if tense == "MODAL":
        return FUTURE
    return tense
