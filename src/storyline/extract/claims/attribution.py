"""Who the text says makes a claim: the source of the reporting clause that governs a number.

From the counted noun we climb the dependency tree towards the root and stop at the first of:
"according to X" (or "citing X"); a reporting verb whose complement holds the number ("X said
that ...", "X put the cost at ...", "X wants a 14% rise") and its subject; a reporting noun whose
content holds it ("X's announcement that ...", "claims by X that ..."); or, before climbing, a
relative clause on the counted phrase ("the 1.2 billion the ministry cites"). Pronouns and
definite descriptions ("he", "the union") are read as the nearest earlier name that fits.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.claims.units import SKIP_LEFT
from storyline.settings import current

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Verbs that report a figure whatever the complement: "confirmed 3 deaths", "wants a 14% rise".
OBJECT_VERBS = {
    "report", "claim", "estimate", "cite", "confirm", "count", "record", "tally", "predict", "forecast", "project",
    "expect", "publish", "release", "present", "offer", "propose", "demand", "want", "seek", "pledge", "promise",
    "request", "list", "identify", "detect", "document", "register", "calculate", "find", "reveal", "disclose",
    "announce", "quote", "mention", "repeat", "tweet", "post",
}  # fmt: skip
# Verbs of saying: only a clause complement ("added that ...") is what they report.
CLAUSE_VERBS = {
    "say", "tell", "state", "add", "note", "insist", "argue", "assert", "allege", "suggest", "warn", "write", "show",
    "indicate", "believe", "acknowledge", "admit", "explain", "testify", "conclude", "determine", "maintain",
    "contend", "stress", "emphasize", "emphasise", "reiterate", "declare", "brief", "inform", "assess", "observe",
    "point", "charge", "complain", "boast", "concede", "recall", "answer", "reply", "respond", "caution", "think",
}  # fmt: skip
AT_VERBS = {"put", "place", "set", "peg", "value"}  # only "put the cost at N" reports a figure
FOR_VERBS = {"ask", "call"}  # "asked for 14%"
REPORT_VERBS = OBJECT_VERBS | CLAUSE_VERBS | AT_VERBS | FOR_VERBS
# A vote tally is the claim of the body that voted.
VOTE_VERBS = {"vote", "approve", "pass", "back", "reject", "ratify", "adopt", "endorse", "defeat", "elect", "veto",
              "confirm", "support", "oppose", "block", "clear", "recommend"}  # fmt: skip
REPORT_NOUNS = {
    "announcement", "report", "statement", "claim", "estimate", "estimation", "figure", "data", "count", "tally",
    "analysis", "assessment", "survey", "study", "poll", "census", "calculation", "statistic", "assertion",
    "allegation", "testimony", "remark", "comment", "release", "finding", "projection", "forecast", "account",
    "reporting", "record", "records", "briefing", "say", "tweet", "post", "letter", "document", "disclosure",
}  # fmt: skip
NAME_TYPES = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "parataxis", "attr", "oprd", "dative", "acomp"}
_CLAUSES = {"ccomp", "parataxis"}  # not xcomp: "warned officials to boost security" reports no figure
_CONTENT = {"acl", "relcl", "ccomp", "appos", "prep"}
_INHERIT = {"xcomp", "advcl", "conj", "acl", "pcomp"}
_RELATIVE = {"which", "who", "that", "whom"}


@dataclass
class Source:
    name: str | None
    predicate: Token  # the reporting verb or noun: the clause whose date is the claim's date
    governor: Token | None = None  # the verb that lent its subject ("voted on Tuesday, approving ...")

    @property
    def predicates(self) -> list[Token]:
        return [self.predicate] if self.governor is None else [self.predicate, self.governor]


class Attributor:
    def __init__(self, sdoc: Doc) -> None:
        self.doc = sdoc
        self.ent_of: dict[int, Span] = {}
        self.people: list[tuple[int, str]] = []
        self.orgs: list[tuple[int, str, str]] = []  # (token index, text, last word lowercased)
        for ent in sdoc.ents:
            if ent.label_ not in NAME_TYPES:
                continue
            for k in range(ent.start, ent.end):
                self.ent_of[k] = ent
            if ent.label_ == "PERSON":
                self.people.append((ent.start, _trim(ent)))
            elif ent.label_ == "ORG":
                words = [t for t in ent if t.pos_ in {"NOUN", "PROPN"}]
                self.orgs.append((ent.start, _trim(ent), words[-1].lemma_.lower() if words else ""))
        self._org_starts = [o[0] for o in self.orgs]
        self._people_starts = [p[0] for p in self.people]

    def source(self, anchor: Token, tally: bool = False) -> Source | None:
        for cand in (anchor, *[c for c in anchor.children if c.dep_ == "npadvmod"]):
            for child in cand.children:
                if child.dep_ == "relcl" and child.lemma_.lower() in REPORT_VERBS:
                    name, _ = self._subject_name(child, relative_ok=False)
                    if name:
                        return Source(name, child)
        node, prev = anchor, None
        fallback: Source | None = None  # "in a report by X": used when no reporting clause governs the number
        for _ in range(current().extract.attribution_climb):
            if prev is not None:
                voted = tally and node.lemma_.lower() in VOTE_VERBS
                if node.pos_ in {"VERB", "AUX"} and (voted or self._reports(node, prev)):
                    name, governor = self._subject_name(node)
                    if name:
                        return Source(name, node, governor)
                if node.pos_ in {"NOUN", "PROPN"} and node.lemma_.lower() in REPORT_NOUNS and prev.dep_ in _CONTENT:
                    name = self._noun_source(node)
                    if name:
                        return Source(name, node)
                found = self._detached_content(node, prev)
                if found:
                    return found
            found = self._according(node) or self._aside(node)
            if found:
                return found
            if fallback is None:
                fallback = self._in_report(node)
            if node.head.i == node.i:
                break
            prev, node = node, node.head
        return fallback

    @staticmethod
    def _reports(verb: Token, came_from: Token) -> bool:
        lemma = verb.lemma_.lower()
        if lemma not in REPORT_VERBS:
            return False
        if lemma in AT_VERBS:
            return came_from.dep_ == "prep" and came_from.lower_ == "at"
        if lemma in FOR_VERBS:
            return came_from.dep_ == "prep" and came_from.lower_ == "for"
        if lemma in CLAUSE_VERBS:
            return came_from.dep_ in _CLAUSES
        return came_from.dep_ in _COMPLEMENTS

    def _according(self, node: Token) -> Source | None:
        for child in node.children:
            if child.lower_ == "according":
                to = next((c for c in child.children if c.lower_ == "to"), None)
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
                if pobj is not None:
                    name = self._noun_source(pobj) if pobj.lemma_.lower() in REPORT_NOUNS else None
                    return Source(name or self._name(pobj), node)
            elif child.lower_ in {"citing", "quoting"}:
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    name = self._noun_source(obj) if obj.lemma_.lower() in REPORT_NOUNS else None
                    return Source(name or self._name(obj), node)
        return None

    def _detached_content(self, node: Token, prev: Token) -> Source | None:
        """ "X's announcement [the previous day] that ...": the parser often hangs the content clause on the
        time phrase or on the verb governing the reporting noun; the noun stands just before either."""
        doc = self.doc
        if prev.ent_type_ in {"DATE", "TIME"}:
            at = prev.left_edge.i - 1
        elif prev.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in prev.children):
            at = min(c.i for c in prev.subtree) - 1
        else:
            return None
        time = None
        if at >= 0 and doc[at].ent_type_ in {"DATE", "TIME"}:
            time = doc[at]
            at = doc[at].left_edge.i - 1
            while time.head.i != time.i and doc[time.head.i].ent_type_ in {"DATE", "TIME"} and time.head.i < prev.i:
                time = time.head
        if at < 0:
            return None
        noun = doc[at]
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORT_NOUNS or noun.i >= prev.i:
            return None
        name = self._noun_source(noun)
        return Source(name, noun, time if time is not None else prev if prev.ent_type_ else None) if name else None

    def _aside(self, node: Token) -> Source | None:
        """A parenthetical reporting clause: 'The figure, officials said, was 3,000.'"""
        if node.pos_ not in {"VERB", "AUX"}:
            return None
        for child in node.children:
            if (
                child.dep_ in {"parataxis", "advcl"}
                and child.lemma_.lower() in CLAUSE_VERBS | OBJECT_VERBS
                and not any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in child.children)
                and not any(c.dep_ == "mark" for c in child.children)
            ):
                name, _ = self._subject_name(child, relative_ok=False, inherit=False)
                if name:
                    return Source(name, child)
        return None

    def _in_report(self, node: Token) -> Source | None:
        """'by one estimate', 'in a Gallup poll', 'in its annual report': a document as the source."""
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"by", "in"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "NOUN" and pobj.lemma_.lower() in REPORT_NOUNS:
                    name = self._noun_source(pobj) or self._name(pobj, resolve=False)
                    if name:
                        return Source(name, node)
        return None

    def _subject_name(
        self, verb: Token, relative_ok: bool = True, inherit: bool = True
    ) -> tuple[str | None, Token | None]:
        """The name of the verb's subject, and the verb it was borrowed from when the verb has none."""
        start = verb.i
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
            # two subjects mean a misparse (often a headline): the nearer one is the verb's
            subj = min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None
            if subj is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None:
                if not relative_ok and subj.lower_ in _RELATIVE:
                    return None, None
                return self._name(subj), (verb if verb.i != start else None)
            if not inherit or verb.dep_ not in _INHERIT or verb.head.i == verb.i:
                return None, None
            verb = verb.head
        return None, None

    def _noun_source(self, noun: Token) -> str | None:
        """The source of a reporting noun: 'X's announcement', 'claims by X', 'data from X', 'a UN report'."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self._name(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (pobj.i in self.ent_of or pobj.pos_ in {"PROPN", "NOUN"}):
                    if child.lower_ == "of" and pobj.i not in self.ent_of:
                        continue
                    return self._name(pobj)
        for child in noun.lefts:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i in self.ent_of:
                return _trim(self.ent_of[child.i])
        return None

    def _name(self, tok: Token, resolve: bool = True) -> str | None:
        """A readable name for the token heading a source phrase."""
        low = tok.lower_
        if low in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
            low = tok.lower_
        if low == "whose" and tok.head.head.dep_ == "relcl":
            return self._name(tok.head.head.head)
        if resolve and tok.lemma_.lower() in REPORT_NOUNS and tok.pos_ == "NOUN":
            inner = self._noun_source(tok)
            if inner:
                return inner
        if low in {"he", "she", "him", "her"}:
            return self._before(self.people, self._people_starts, tok.i)
        if low == "it":
            found = self._before(self.orgs, self._org_starts, tok.i)
            return found
        if tok.pos_ == "PRON":
            return None
        if tok.i in self.ent_of:
            return _trim(self.ent_of[tok.i])
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.ent_of and self.ent_of[child.i].label_ == "PERSON":
                return _trim(self.ent_of[child.i])
        left = [c for c in tok.lefts if c.dep_ not in {"det", "punct", "poss"} or c.pos_ in {"PROPN", "NOUN"}]
        if tok.pos_ == "NOUN" and not [c for c in left if c.dep_ != "case"]:
            # "the union", "the ministry": the nearest earlier organisation named by that word
            lemma = tok.lemma_.lower()
            idx = bisect_left(self._org_starts, tok.i)
            for k in range(idx - 1, -1, -1):
                if self.orgs[k][2] == lemma:
                    return self.orgs[k][1]
        start = min([tok.i, *[c.left_edge.i for c in left]])
        doc = self.doc
        while start < tok.i and doc[start].pos_ in SKIP_LEFT | {"DET"}:
            start += 1
        end = tok.i
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1 and child.right_edge.i - end <= 4:
                end = child.right_edge.i
        text = doc[start : end + 1].text
        return _strip_possessive(text) or None

    def _before(self, items: list, starts: list[int], i: int) -> str | None:
        idx = bisect_left(starts, i)
        return items[idx - 1][1] if idx else None


def _strip_possessive(text: str) -> str:
    text = text.strip(" ,;:-–—\"'“”<>()[]")
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)].rstrip()
    return text


def _trim(ent: Span) -> str:
    text = ent.text
    for article in ("the ", "The ", "THE "):
        if text.startswith(article):
            text = text[len(article) :]
    return _strip_possessive(text)
