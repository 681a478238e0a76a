"""Stances: what a sentence says something is, or is not — "the offer is in effect a hostile takeover",
"the bid does not amount to a hostile takeover".

A stance is a noun phrase with at least two content words (a modifier and a head: "hostile
takeover", "hidden clause") that says what something is — the complement of a copula, the object of
a characterizing verb ("restores", "constitutes", "stipulates the formation of", "elevated ... to",
"described as") — with the polarity of its clause: negated when a "not", "never",
"no", "nor" or a denial ("denies that ...") governs it. Its holder is the speaker of the quotation it
stands in, or the subject of the reporting verb above it; else the outlet itself. The link stage
compares stances with a shared pair of lemmas across sources (``link.disagreements``).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

from storyline.extract.claims import evidence
from storyline.extract.events.ontology import DENY_VERBS, REPORT_VERBS
from storyline.model import Document, Extraction, Quote, Stance

_CONTENT = frozenset({"NOUN", "ADJ"})
# Modifiers that do not characterize: "the other offer", "a new step".
_VAGUE = frozenset(
    """other same such new first last many more most several certain own further additional recent major key
    various whole entire next previous former current latest possible real""".split()
)
# Heads too general to be what sources disagree about.
_GENERIC = frozenset(
    """thing way time part number kind lot year day week month people issue matter case fact side point
    end beginning process area country""".split()
)
_PREDICATE = frozenset({"attr", "oprd", "acomp"})
# Verbs that say what something is, makes or amounts to: their object characterizes ("restores a monopoly",
# "does not constitute a violation", "described it as a provocation", "raised the dispute to a crisis").
CHARACTERIZING = frozenset(
    """be become remain constitute form restore establish create represent amount mean stipulate make call
    label brand describe consider view see regard deem elevate turn transform upgrade downgrade declare
    recognize recognise define classify""".split()
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
_CHARACTER_PREPS = frozenset({"to", "into", "as", "like"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "neither"})
_CLIMB = frozenset({"pobj", "prep", "dobj", "attr", "oprd", "acomp", "conj", "appos", "xcomp"})


def _keys(chunk: Span) -> list[str]:
    words = [t for t in chunk if t.pos_ in _CONTENT and t.is_alpha and t.lemma_.lower() not in _VAGUE]
    keys = []
    for a, b in pairwise(words):
        if b.i == a.i + 1 and b.lemma_.lower() not in _GENERIC and a.lemma_.lower() not in _GENERIC:
            keys.append(f"{a.lemma_.lower()} {b.lemma_.lower()}")
    return keys


def _characterizing(verb: Token) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in CHARACTERIZING


def _predicate(root: Token) -> bool:
    """Whether the phrase says what something is: a copula's complement, the object of a characterizing
    verb, its "to/into/as" phrase, or what such an object is of ("allow the creation of a monopoly")."""
    if root.dep_ in _PREDICATE:
        return True
    if root.dep_ == "dobj":
        return _characterizing(root.head)
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    prep = root.head
    if prep.lower_ in _CHARACTER_PREPS:
        return _characterizing(prep.head) or (prep.head.dep_ in {"dobj", "attr"} and _characterizing(prep.head.head))
    if prep.lower_ == "of" and prep.head.dep_ in {"dobj", "attr"}:
        return _characterizing(prep.head.head)
    return False


def _negators(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ in {"det", "advmod", "cc", "preconj"}):
            return True
    return False


def _clause(root: Token) -> tuple[Token | None, bool]:
    """The verb whose clause holds the phrase, and whether that clause negates it."""
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in root.children)
    node = root
    for _ in range(6):
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
        if _negators(node):
            negated = True
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in node.children):
            break
    verb = node if node.pos_ in {"VERB", "AUX"} else None
    if verb is not None and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DENY_VERBS:
        negated = not negated  # "denied that it is a takeover"
    return verb, negated


def _subject_text(verb: Token | None) -> str | None:
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    words = [t for t in subj.subtree if t.dep_ not in {"relcl", "acl", "appos", "punct"}]
    text = " ".join(t.text for t in words[:8])
    return text or None


def _reporter(verb: Token | None) -> str | None:
    node = verb
    for _ in range(3):
        if node is None or node.dep_ not in {"ccomp", "conj"} or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in REPORT_VERBS:
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
                ent = next((e for e in subj.doc.ents if e.start <= subj.i < e.end), None)
                return ent.text if ent is not None else subj.text
            return None
    return None


def _quote_at(quotes: list[Quote], starts: list[int], char: int) -> Quote | None:
    k = bisect_right(starts, char) - 1
    while k >= 0:
        if quotes[k].start <= char < quotes[k].end:
            return quotes[k]
        if char - quotes[k].start > 5000:
            return None
        k -= 1
    return None


def stances(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    if sdoc is None:
        return
    quotes = sorted((q for q in ex.quotes if q.end > q.start), key=lambda q: q.start)
    starts = [q.start for q in quotes]
    out = []
    for chunk in sdoc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN" or not _predicate(root):
            continue
        keys = _keys(chunk)
        if not keys:
            continue
        verb, negated = _clause(root)
        quote = _quote_at(quotes, starts, root.idx) if quotes else None
        holder = quote.speaker_name if quote is not None and quote.speaker_name else _reporter(verb)
        sent = root.sent
        start, end = evidence(doc.text, sent.start_char, sent.end_char, root.idx)
        out.append(Stance(keys, chunk.text, negated, start, end, holder, _subject_text(verb)))
    ex.stances = out
