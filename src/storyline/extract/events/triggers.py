"""Event triggers: the verbs and nouns of a sentence that announce an event of a known type.

A verb is a trigger when its lemma announces a type (``ontology.VERBS``), when its object belongs to
the class a verb needs ("send soldiers"), or as a phrasal verb ("blew up the road", "took effect").
A noun ("talks", "the signing", "a visit") is a trigger only when the parse shows an event that
happened or is planned: a verb that carries it ("held talks", "the vote took place"), a possessor or
agent ("the premier's visit", "the visit by the minister"), its own date ("the signing in June"), or a
preposition that places another clause in its time ("during her talks with X", "after the
signing"). A noun modifying another noun ("the approval process") is not an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.events import ontology as onto
from storyline.model import EventPhase

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass
class Trigger:
    token: Token
    type: str
    noun: bool = False
    host: Token | None = None  # the verb whose clause tells the event's time and modality (a noun's light verb)
    phase: EventPhase | None = None  # from a light verb ("began talks")
    via: str | None = None  # how a noun was admitted: "light", "subject", "prep", "possessor", "agent", "date"

    @property
    def clause(self) -> Token:
        return self.host if self.host is not None else self.token


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _objects(verb: Token) -> list[Token]:
    """Heads of what the verb acts on: direct objects, passive subjects, and their conjuncts."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "dative", "attr", "oprd"}]
    if not heads and verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        if not any(c.dep_ in {"nsubj", "mark"} for c in verb.children):
            heads = [verb.head]  # "the soldiers sent to the front"
    out = []
    for h in heads:
        out.append(h)
        out.extend(c for c in h.children if c.dep_ == "conj")
    return out


def _object_lemmas(verb: Token) -> set[str]:
    return {_lemma(h) for h in _objects(verb) if h.pos_ != "PRON"}


def _verb_type(tok: Token) -> str | None:
    lemma = _lemma(tok)
    children = list(tok.children)
    for c in children:
        if c.dep_ in {"prt", "prep"}:
            key = (lemma, c.lower_)
            if key in onto.PHRASAL:
                if c.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"} for g in c.children):
                    continue  # "called her on Friday" is no call on anyone
                need = onto.PHRASAL_OBJECTS.get(key)
                if need is None:
                    return onto.PHRASAL[key]
                objs = {_lemma(g) for g in c.children if g.dep_ == "pobj"} | _object_lemmas(tok)
                if objs & need:
                    return onto.PHRASAL[key]
    if lemma == "take" and _object_lemmas(tok) & onto.TAKE_EFFECT_OBJECTS:
        return "take_effect"
    if lemma in {"enter", "come"}:
        for c in children:
            if c.dep_ == "prep" and c.lower_ == "into" and any(_lemma(g) == "force" for g in c.children):
                return "take_effect"
    if onto.NOT_WITH.get(lemma) and _object_lemmas(tok) & onto.NOT_WITH[lemma]:
        return None
    if lemma in onto.VERBS:
        return onto.VERBS[lemma]
    rules = onto.VERB_RULES.get(lemma)
    if rules:
        objs = _object_lemmas(tok)
        if lemma in {"move", "transfer"}:  # "soldiers moved to the front": the subject is what moves
            objs |= {_lemma(c) for c in children if c.dep_ == "nsubj"}
        for type_name, needed in rules:
            if objs & needed:
                return type_name
        if lemma == "strike" and not _objects(tok):
            return "protest"  # "dockworkers struck": a walkout (an attack needs a target)
    return None


def _noun_type(tok: Token) -> str | None:
    lemma = _lemma(tok)
    if lemma in onto.WEAPON_NOUN_EVENTS:
        return "launch" if any(_lemma(c) in onto.WEAPONS for c in tok.children) else None
    found = onto.NOUNS.get(lemma)
    if found is None:
        return None
    if lemma in onto.PLURAL_ONLY and tok.tag_ != "NNS":
        return None
    if lemma == "strike" and any(_lemma(c) in onto.ATTACK_MODIFIERS for c in tok.children):
        return "attack"
    if found == "attack" and any(_lemma(c) in onto.ILLNESS_MODIFIERS for c in tok.children):
        return None
    if found == "statement" and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children):
        return None  # "disclosure statements", "bank statement": documents
    return found


def _admit_noun(tok: Token, dated: set[int]) -> tuple[Token | None, EventPhase | None, str] | None:
    """(host verb, phase, how) when the noun is an event the sentence tells of; None otherwise."""
    if tok.dep_ == "compound" or any(c.dep_ == "det" and c.lower_ in {"every", "any", "each"} for c in tok.children):
        return None
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"} and _lemma(head) in onto.LIGHT_VERBS:
        return head, onto.LIGHT_VERBS[_lemma(head)], "light"
    if tok.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"} and _lemma(head) in onto.HAPPEN_VERBS:
        if _lemma(head) != "take" or "place" in _object_lemmas(head):  # "took place", not "takes effect"
            return head, onto.HAPPEN_VERBS[_lemma(head)], "subject"
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        word = head.lower_
        if word == "of" and head.head.lower_ == "ahead":
            word = "ahead"
        if word in onto.EVENT_PREPS:
            governor = head.head if head.head.lower_ != "ahead" else head.head.head
            return (governor if governor.pos_ in {"VERB", "AUX"} else None), None, "prep"
    if any(c.dep_ == "poss" for c in tok.children):
        return None, None, "possessor"
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"by", "between"} and any(g.dep_ == "pobj" for g in c.children):
            return None, None, "agent"
    if tok.i in dated:
        return None, None, "date"
    held = _held_in_relative(tok)
    if held is not None:
        return held, onto.LIGHT_VERBS.get(_lemma(held)) or onto.HAPPEN_VERBS.get(_lemma(held)), "light"
    return None


def _held_in_relative(noun: Token) -> Token | None:
    """ "a vote that X said would be held on the 12th", "talks which took place": the light verb of a
    relative clause (or of the clause a relative reporting verb introduces) whose relative pronoun is the noun."""
    for rel in noun.children:
        if rel.dep_ != "relcl":
            continue
        for verb in (rel, *[c for c in rel.children if c.dep_ == "ccomp"]):
            lemma = _lemma(verb)
            if lemma not in onto.LIGHT_VERBS and lemma not in onto.HAPPEN_VERBS:
                continue
            if any(c.lower_ in {"that", "which"} and c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in verb.children):
                return verb
    return None


def find(sent: Span, dated: set[int]) -> list[Trigger]:
    """The triggers of one sentence. ``dated``: tokens a time expression attaches to."""
    out: list[Trigger] = []
    for tok in sent:
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ not in {"aux", "auxpass"}):
            if tok.dep_ in {"amod", "compound"}:
                continue
            type_name = _verb_type(tok)
            if type_name:
                out.append(Trigger(tok, type_name))
        elif pos == "NOUN":
            type_name = _noun_type(tok)
            if not type_name:
                continue
            admitted = _admit_noun(tok, dated)
            if admitted is None:
                continue
            host, phase, via = admitted
            out.append(Trigger(tok, type_name, noun=True, host=host, phase=phase, via=via))
    return out
