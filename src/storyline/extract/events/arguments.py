"""Who did what to whom, and where: an event's participants read from the parse and the mentions.

Agents are the subject (or the passive's "by" phrase); a verb without one borrows it from the verb it
is conjoined with or infinitive of ("X visited Y and signed ...", "X is scheduled to visit Y"); a
noun's agent is its possessor, its "by"/"between" phrase, or the subject of the verb that carries it.
Patients are objects, passive subjects and "with/against/to/on" phrases. Each participant is a named
mention of the document (so the link stage can put an entity id on it); "he"/"she" stand for the
nearest person named before them, and a common noun stands for the names inside it ("the
senate's committee").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.extract.events import ontology as onto
from storyline.extract.events.paragraphs import NONE, Paragraphs
from storyline.model import Mention
from storyline.settings import current

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
_PATIENT_PREPS = frozenset({"with", "against", "to", "on", "into", "toward", "towards", "between", "from"})
_PLACE_PREPS = frozenset({"in", "at", "to", "into", "near", "inside", "outside"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_INHERIT = frozenset({"conj", "xcomp", "advcl", "acomp"})  # acomp: "X is due to vote"
# Where a common noun names someone inside it, best first: "the agency Example Press", "Cabinet spokesperson",
# "the council's committee", "a Russian diplomat".
_INSIDE = ("appos", "compound", "poss", "nmod", "npadvmod", "amod")
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# "vote on the bill", "agree on a plan", "decide on X": what the event is about when it has no object.
_ABOUT_PREPS = frozenset({"on", "over"})
# Nouns too general to tell two events apart ("sections of the road": the road tells, not the sections).
_GENERIC_THEMES = frozenset(
    """part section one side thing way kind sort time number lot rest matter issue question case point some all
    people person official member country government party group""".split()
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.extract.events.triggers import Trigger


@dataclass
class Roles:
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    object: Token | None = None  # head of what is acted on (a bill, a town), named or not
    subject: Token | None = None  # the token that stands as subject (for summaries)
    themes: list[str] = field(default_factory=list)  # lemmas of the common nouns the event is about


class Participants:
    """Named mentions by token, and the people pronouns refer to, for one parsed document."""

    def __init__(self, sdoc: Doc, mentions: list[Mention], paras: Paragraphs = NONE) -> None:
        self.sdoc = sdoc
        self.paras = paras
        self.at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.start - m.end):  # shorter mentions overwrite longer ones
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.at[tok.i] = m
        people = sorted(((m.start, m) for m in mentions if m.type == "PERSON"), key=lambda x: x[0])
        self._people = [m for _, m in people]
        self._people_starts = [s for s, _ in people]
        # The subjects of main clauses, in order: the person "he"/"she" most likely continues.
        self._subjects: list[Mention] = []
        self._subject_starts: list[int] = []
        for sent in sdoc.sents:
            for tok in sent.root.children:
                if tok.dep_ != "nsubj":
                    continue
                found = self.at.get(tok.i)
                if found is None and tok.lower_ in {"he", "she"}:
                    found = self._latest(self._subjects, self._subject_starts, tok.idx) or self._nearest(tok.idx)
                if found is not None and found.type == "PERSON":
                    self._subjects.append(found)
                    self._subject_starts.append(tok.idx)

    @staticmethod
    def _latest(items: list[Mention], starts: list[int], char: int) -> Mention | None:
        k = bisect.bisect_left(starts, char) - 1
        return items[k] if k >= 0 and char - starts[k] <= current().extract.pronoun_reach else None

    def _nearest(self, char: int) -> Mention | None:
        return self._latest(self._people, self._people_starts, char)

    def person_before(self, char: int) -> Mention | None:
        """Whom "he"/"she" at ``char`` stands for: the last person who was the subject of a main clause
        before it, else the last person named."""
        return self._latest(self._subjects, self._subject_starts, char) or self._nearest(char)

    def pronoun_mention(self, tok: Token) -> Mention | None:
        """A main clause's "he"/"she" continues the last main-clause subject; other pronouns ("her
        talks", "told him") first look for a person named earlier in the same sentence."""
        if not (tok.dep_ == "nsubj" and tok.head.i == tok.sent.root.i):
            sent_start = tok.sent.start_char
            k = bisect.bisect_left(self._people_starts, tok.idx) - 1
            if k >= 0 and self._people_starts[k] >= sent_start:
                return self._people[k]
        return self.person_before(tok.idx)

    def pronoun(self, tok: Token) -> str | None:
        found = self.pronoun_mention(tok)
        return found.text if found else None

    def named(self, tok: Token) -> list[Mention]:
        """The mentions a participant phrase headed by ``tok`` names (with its conjuncts)."""
        out: list[Mention] = []
        for head in [tok, *[c for c in tok.children if c.dep_ == "conj"]]:
            found = self._one(head)
            if found is not None and found not in out:
                out.append(found)
        return out

    def speaks(self, tok: Token | None) -> bool:
        """Whether a subject names someone: a mention, a person pronoun that resolves, or a noun ("officials")."""
        if tok is None:
            return False
        if tok.i in self.at or tok.pos_ in {"NOUN", "PROPN"}:
            return True
        return tok.lower_ in _PERSON_PRONOUNS and self._one(tok) is not None

    def _one(self, tok: Token) -> Mention | None:
        if tok.i in self.at:
            return self.at[tok.i]
        if tok.lower_ in _PERSON_PRONOUNS:
            return self.pronoun_mention(tok)
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            return self._one(tok.head.head)
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        for dep in _INSIDE:
            for child in tok.children:
                if child.dep_ == dep and child.i in self.at:
                    return self.at[child.i]
        return None

    def name_of(self, tok: Token | None) -> str | None:
        """A readable name for a source phrase: the mention it names, else its words ("Ukrainian media")."""
        if tok is None:
            return None
        found = self._one(tok)
        nationality = tok.i not in self.at and any(c.dep_ == "amod" and c.i in self.at for c in tok.children)
        if found is not None and not nationality:  # "Ukrainian officials" are not Ukraine
            return found.text
        if tok.pos_ in {"PRON", "DET"} or tok.lower_ in {"who", "which", "that"}:
            return found.text if found is not None else None
        words = [t for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod"}] + [tok]
        return " ".join(t.text for t in words)


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJECTS:
            return c
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def borrowed_subject(verb: Token, paras: Paragraphs = NONE) -> Token | None:
    """The subject a verb without one shares: of the verb it is conjoined with, or whose infinitive or
    participle it is ("X is scheduled to visit", "After signing ..., the regime released")."""
    node = verb
    for _ in range(4):
        if node.dep_ not in _INHERIT or node.head.i == node.i or not paras.joined(node):
            return None
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            return None  # "because X ...": its own clause
        head = node.head
        if node.dep_ == "xcomp":
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "urged X to withdraw": X acts
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive  # "X is expected to ratify": X acts
        subj = _subject(head)
        if subj is not None:
            return subj
        if node.dep_ == "conj":
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive
        node = head
    return None


def subject_of(verb: Token, paras: Paragraphs = NONE) -> Token | None:
    """The verb's own subject (a relative pronoun stands for the noun the clause modifies), else a borrowed one."""
    subj = _subject(verb)
    if subj is None:
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None:
        subj = borrowed_subject(verb, paras)
    if subj is not None and subj.lower_ in _RELATIVE:
        node = verb  # "the Senate, which is expected to vote": the clause the relative pronoun opens
        while node.dep_ in {"xcomp", "acomp", "conj"} and node.head.i != node.i:
            node = node.head
        if node.dep_ == "relcl":
            return node.head
    return subj


def participle_of(verb: Token) -> Token | None:
    """The noun a participle clause without a subject describes: "the treaty signed in June" → treaty."""
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        if not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children):
            return verb.head
    return None


def _preps(tok: Token, words: frozenset[str], dated: bool = True) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in words:
            out.extend(g for g in c.children if g.dep_ == "pobj" and (dated or g.ent_type_ not in {"DATE", "TIME"}))
    return out


def roles(trigger: Trigger, people: Participants) -> Roles:
    """Agents, patients and places of a ``triggers.Trigger``."""
    r = Roles()
    tok = trigger.token
    carried = trigger.host is not None and trigger.via in {"light", "subject"}
    verb = trigger.clause if not trigger.noun or carried else None
    agent_heads: list[Token] = []
    patient_heads: list[Token] = []
    if verb is not None:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        subj = subject_of(verb, people.paras) if not (trigger.noun and trigger.via == "subject") else None
        if subj is not None and subj.i != tok.i:
            r.subject = subj
            if passive and not any(c.dep_ == "agent" for c in verb.children):
                patient_heads.append(subj)  # "the treaty was ratified", "the town is said to be shelled"
            else:
                agent_heads.append(subj)
        if not trigger.noun:
            objects = [c for c in verb.children if c.dep_ in _OBJECTS]
            if passive:
                objects += [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not objects and participle_of(verb) is not None:
                objects = [verb.head]  # "the treaty signed in June"
            patient_heads.extend(objects)
            if objects:
                r.object = objects[0]
            for obj in objects:
                patient_heads.extend(_preps(obj, frozenset({"with", "between"})))
            patient_heads.extend(_preps(verb, _PATIENT_PREPS))
            if r.object is None:
                about = _preps(verb, _ABOUT_PREPS, dated=False)
                if about:
                    r.object = about[0]  # "will vote on the ratification bill"
    if trigger.noun:
        for c in tok.children:
            if c.dep_ == "poss":
                agent_heads.append(c)
        agent_heads.extend(_preps(tok, frozenset({"by", "between"})))
        of = _preps(tok, frozenset({"of"})) or _preps(tok, _ABOUT_PREPS, dated=False)
        if of:
            r.object = of[0]
            patient_heads.extend(of)
        patient_heads.extend(_preps(tok, _PATIENT_PREPS))
    for head in agent_heads:
        for m in people.named(head):
            if m not in r.agents:
                r.agents.append(m)
    for head in patient_heads:
        for m in people.named(head):
            if m.type in _PLACE_TYPES and head.head.lower_ in _PLACE_PREPS:
                if m not in r.places:
                    r.places.append(m)
            elif m not in r.agents and m not in r.patients:
                r.patients.append(m)
    anchor = tok if verb is None else verb
    for pobj in _preps(anchor, _PLACE_PREPS):
        for m in people.named(pobj):
            if m.type in _PLACE_TYPES and m not in r.places and m not in r.patients:
                r.places.append(m)
    r.themes = themes(tok, r.object, r.subject if verb is not None else None)
    return r


def _nouns(tok: Token | None, out: list[str], skip: str) -> None:
    """The common nouns of a phrase that tell what it is about: its head, the nouns compounded with it
    and the noun of its "of" phrase ("sections of the road" → road)."""
    if tok is None or tok.pos_ != "NOUN":
        return
    heads = [tok, *[c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]]
    heads += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    for h in heads:
        lemma = h.lemma_.lower()
        if h.pos_ == "NOUN" and lemma != skip and lemma not in _GENERIC_THEMES and lemma not in out and len(lemma) > 2:
            out.append(lemma)


def themes(tok: Token, obj: Token | None, subject: Token | None) -> list[str]:
    """What an event is about, as noun lemmas: the trigger noun's compounds ("drone incursion" → drone), the
    object ("blew up sections of the road" → road), and a subject that is a weapon or a force ("drones
    invaded"). Two tellings of one event share them even when they name no one."""
    out: list[str] = []
    skip = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            _nouns(c, out, skip)
    if tok.pos_ == "NOUN":
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        _nouns(g, out, skip)
    _nouns(obj, out, skip)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in onto.WEAPONS | onto.MILITARY:
        _nouns(subject, out, skip)
    elif subject is not None and subject.pos_ == "NOUN":
        for c in subject.children:
            if c.dep_ == "compound" and c.pos_ == "NOUN":
                _nouns(c, out, skip)
    return out[:6]
