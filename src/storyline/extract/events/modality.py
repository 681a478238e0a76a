"""Whether the text says an event happened, will happen, may have happened, or did not.

From the trigger's clause up the parse, the words that govern it decide:
- a condition or question ("if", "whether", "unless", "once") or a request ("urged X to withdraw",
  "recommended the council approve") means no event is told: the trigger is dropped;
- negation ("did not sign") or a denial ("denies selling arms") → ``denied``;
- "will", "is expected/scheduled/set to", "plans to" → ``expected``;
- "may/might/could", "would", "reportedly", "is said to", "a possibility that", "seems" → ``possible``;
- a reporting clause with a named source ("X said the rebels withdrew"), "according to X", or a quotation
  → ``reported``, with the source;
- anything else → ``asserted``.
A relative or participle clause ("the treaty, which was signed in June") tells a background fact:
what governs the noun it modifies does not reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.claims.attribution import REPORT_NOUNS
from storyline.extract.events import ontology as onto
from storyline.extract.events.paragraphs import NONE, Paragraphs
from storyline.model import Modality
from storyline.settings import current

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storyline.extract.events.triggers import Trigger


_CONDITIONAL = frozenset({"if", "unless", "whether", "once", "until", "lest"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MAYBE_AUX = frozenset({"may", "might", "could", "can"})
_WOULD = frozenset({"would", "'d"})
_OBLIGED = frozenset({"should", "must", "ought"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_COMPLEMENT = frozenset({"xcomp", "ccomp"})
_GOVERNED = frozenset({"xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep", "advcl", "acl"})
_NON_FINITE = frozenset({"VBG", "VB"})
_TIME_MARKS = frozenset({"before", "after", "when", "while", "as", "since"})
_LATER_PREPS = frozenset({"after", "following", "before", "until", "upon", "once"})


@dataclass
class ModalReading:
    value: Modality
    source: str | None = None  # who tells it, for reported events
    would: bool = False  # "would ..." : expected when the date lies ahead, else possible


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def _according(tok: Token, name_of: Callable[[Token], str | None]) -> str | None:
    for child in tok.children:
        if child.lower_ == "according":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if pobj is not None:
                return name_of(pobj) or pobj.text
    return None


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            return c
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _noun_source(noun: Token, name_of: Callable[[Token], str | None]) -> str | None:
    for c in noun.children:
        if c.dep_ == "poss":
            return name_of(c)
        if c.dep_ == "prep" and c.lower_ in {"by", "from"}:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return name_of(pobj)
    return None


def _future(verb: Token | None) -> bool:
    return verb is not None and bool(_aux(verb) & _FUTURE_AUX)


def modality(
    trigger: Trigger,
    name_of: Callable[[Token], str | None],
    quote_speaker: str | None = None,
    paras: Paragraphs = NONE,
) -> ModalReading | None:
    """The modality of a ``triggers.Trigger``; None when the sentence tells no event (a condition or request)."""
    node = trigger.clause
    tok = trigger.token
    flags: set[str] = set()
    source: str | None = None
    own = _aux(node)
    if _negated(node) or (trigger.noun and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)):
        flags.add("denied")
    if trigger.noun:
        words = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "advmod"}}
        if words & onto.FUTURE_WORDS:
            flags.add("expected")
        if any(c.dep_ == "relcl" and c.lemma_.lower() in onto.DENY_VERBS for c in tok.children):
            flags.add("denied")  # "the deployment, which both sides have denied"
        if trigger.via == "prep":  # "during the talks", "ahead of the vote": the noun's own time
            prep = tok.head.lower_
            if prep == "of" and tok.head.head.lower_ == "ahead":
                flags.add("expected")
            elif prep in _LATER_PREPS and _future(trigger.host):
                flags.add("expected")  # "after approval by the board, the sale will be completed"
            return _decide(flags, set(), source, quote_speaker)
    elif tok.tag_ == "VB" and node.dep_ in {"acl", "relcl"} and any(c.lower_ == "to" for c in node.children):
        if node.head.lemma_.lower() not in onto.PLAN_NOUNS:
            return None  # "the right to vote", "a reason to attack": no event
        flags.add("expected")  # "the decision to withdraw"
    if trigger.noun and trigger.host is not None and trigger.host.lemma_.lower() in onto.PROSPECTIVE_LIGHT:
        flags.add("expected")  # "sought approval", "plans a visit"
    finite = bool(own) or tok.tag_ not in _NON_FINITE or trigger.noun
    if not trigger.noun or trigger.host is not None:
        for c in node.children:
            if c.dep_ == "mark" and c.lower_ in _CONDITIONAL:
                return None
    prev, cur = node, node
    for _ in range(current().extract.modality_climb):
        if cur.head.i == cur.i or not paras.joined(cur):
            break
        prev, cur = cur, cur.head
        came = prev.dep_
        lemma = cur.lemma_.lower()
        if came in {"relcl", "acl"}:
            if lemma in onto.POSSIBILITY_WORDS:
                flags.add("possible")  # "a possibility that the firm sold the stake"
            elif lemma in REPORT_NOUNS and any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in prev.children):
                flags.add("reported")  # "the ministry's announcement that the rebels withdrew"
                source = source or _noun_source(cur, name_of) or ""
            break  # else a background fact about the noun: nothing above reaches it
        if lemma in onto.CONDITION_NOUNS and cur.head.lower_ == "in":
            return None  # "in the event that one party is attacked"
        if lemma in onto.PROVISION_VERBS and came in _GOVERNED and cur.pos_ in {"VERB", "AUX"}:
            return None
        if came == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in prev.children):
            return None
        timed = came == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in prev.children)
        if (
            lemma in onto.DIRECTIVE_VERBS
            and came in _COMPLEMENT | {"dobj", "advcl"}
            and cur.pos_ == "VERB"
            and not timed
        ):
            # ("had offered 5% before the strike began": a time clause, not what was offered)
            if not (lemma == "tell" and came == "ccomp"):  # "told reporters that ..." reports
                return None
        if came in _COMPLEMENT and cur.pos_ in {"VERB", "AUX", "ADJ"} and lemma in onto.EXPECT_VERBS:
            flags.add("expected")
        if lemma in onto.DENY_VERBS and came in _GOVERNED:
            flags.add("denied")
        if lemma in onto.POSSIBILITY_WORDS:
            flags.add("possible")
        if lemma in onto.HEDGE_VERBS and came in _COMPLEMENT:
            flags.add("possible")
        if came == "xcomp" and _negated(cur):
            flags.add("denied")
        if came in {"xcomp", "conj"} or (not finite and cur.pos_ in {"VERB", "AUX"}):
            # "will begin to withdraw"; "could start hostilities ... by attacking X": a verb without tense
            # takes the modal of the first verb above it that has one
            own |= _aux(cur)
            finite = finite or bool(_aux(cur)) or cur.tag_ not in _NON_FINITE
        if lemma in onto.NEGATIVE_VERBS and came == "xcomp":
            flags.add("denied")  # "declined to discuss"
        if _conditioned(cur):
            flags.add("conditional")
        if lemma in onto.REPORT_VERBS and came in _COMPLEMENT | {"parataxis"}:
            if _passive(cur) and came == "xcomp":
                flags.add("possible")  # "the rebels are said to have withdrawn": nobody named tells it
            elif source is None:
                subj = _subject(cur)
                if subj is not None and subj.lemma_.lower() in onto.PROVISION_SOURCES:
                    return None  # "the treaty states that the other party will provide ..."
                source = (name_of(subj) if subj is not None else None) or ""
                flags.add("reported")
        if source is None:
            told = _according(cur, name_of)
            if told:
                source = told
                flags.add("reported")
        if any(c.dep_ == "advmod" and c.lower_ in onto.POSSIBILITY_WORDS for c in cur.children):
            flags.add("possible")
    told = _according(node, name_of)
    if told and source is None:
        source = told
        flags.add("reported")
    if any(c.dep_ == "advmod" and c.lower_ in onto.POSSIBILITY_WORDS for c in node.children):
        flags.add("possible")
    if _conditioned(node):
        flags.add("conditional")
    if own & _OBLIGED:
        return None
    return _decide(flags, own, source, quote_speaker)


def _conditioned(verb: Token) -> bool:
    """ "If senators approve it, the president is expected to sign": the main clause hangs on a condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in verb.children
    )


def _decide(flags: set[str], own: set[str], source: str | None, quote_speaker: str | None) -> ModalReading:
    source = source or quote_speaker or None
    if "denied" in flags:
        return ModalReading("denied", source)
    if "conditional" in flags:
        return ModalReading("possible", source)
    if own & _FUTURE_AUX or "expected" in flags:
        return ModalReading("expected", source)
    if own & _WOULD:
        return ModalReading("possible", source, would=True)
    if own & _MAYBE_AUX or "possible" in flags:
        return ModalReading("possible", source)
    if "reported" in flags or quote_speaker:
        return ModalReading("reported", source)
    return ModalReading("asserted")
