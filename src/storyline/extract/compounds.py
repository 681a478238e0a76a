"""Name-like mentions that spaCy's NER misses, found from the parse around a few head nouns.

- agreements named after their parties or subject: "the Anglo-Irish treaty", "the Nile water deal",
  "the Treaty on Open Skies";
- a nationality adjective plus a lower-case institution: "a French foreign ministry spokesman";
- descriptions that refer to a named body or agreement: "the lower house", "a joint commission",
  "the free trade agreement". They start with a lower-case letter, which is how the link
  stage tells them from names: it links them only to a named entity they unambiguously describe.

Head nouns are found with one regular expression over the text; the parse is read only around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

AGREEMENT_HEADS = frozenset({"treaty", "agreement", "accord", "accords", "pact", "deal", "convention", "protocol"})
INSTITUTION_HEADS = frozenset(
    """ministry department government parliament embassy commission committee council assembly senate
    chamber house court agency authority institute union party office cabinet legislature congress
    secretariat""".split()
)
# Nouns that may follow an institution without making it a modifier: "a foreign ministry spokesman".
_ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson official officials source sources head chief minister director".split()
)
CHAMBER_ROLES = {"lower": "lower house", "upper": "upper house"}
_CHAMBER = re.compile(r"\b(lower|upper)\s+(house|chamber)\b(?!s)", re.I)
_HEAD = re.compile(r"\b(?:" + "|".join(sorted(AGREEMENT_HEADS | INSTITUTION_HEADS)) + r")\b", re.I)
_PARTY_JOIN = {"-", "–"}
_DOTTED = re.compile(r"^(?:[A-Z]\.)+$")
_MODIFIER_POS = {"NOUN", "ADJ", "PROPN"}
_AGREEMENT_PREPS = {"on", "of", "for", "concerning"}
# Modifiers that pick out no particular body: "the other party", "the same committee".
_VAGUE = frozenset(
    "other same such former current new previous next first last entire whole own respective relevant".split()
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _token_at(sdoc: Doc, start: int, end: int) -> Token | None:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _proper(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ != "DET" and tok.text not in {"'s", "’s"}


def _agreement_by_parties(sdoc: Doc, head: Token) -> tuple[int, int] | None:
    """Capitalised words (joined by spaces or hyphens), up to two lower-case modifiers, then the head."""
    i = head.i - 1
    mods = 0
    while i >= 0 and mods < 2 and sdoc[i].is_lower and sdoc[i].is_alpha and sdoc[i].pos_ in _MODIFIER_POS:
        i -= 1
        mods += 1
    first = None
    while i >= 0:
        tok = sdoc[i]
        if _proper(tok) and (tok.is_alpha or _DOTTED.match(tok.text)):
            first = i
        elif tok.text in _PARTY_JOIN and i > 0 and first is not None and _proper(sdoc[i - 1]):
            pass
        else:
            break
        i -= 1
    if first is None:
        return None
    return sdoc[first].idx, head.idx + len(head.text)


def _agreement_on_subject(sdoc: Doc, head: Token) -> tuple[int, int] | None:
    """ "the Treaty on the X" / "the Convention for the Y": the capitalised head and its subject."""
    if not head.text[:1].isupper() or head.i == 0 or sdoc[head.i - 1].lower_ != "the":
        return None
    i = head.i + 1
    if i >= len(sdoc) or sdoc[i].lower_ not in _AGREEMENT_PREPS:
        return None
    i += 1
    if i < len(sdoc) and sdoc[i].lower_ == "the":
        i += 1
    last = None
    while i < len(sdoc) and sdoc[i].is_alpha and sdoc[i].pos_ in _MODIFIER_POS and i - head.i <= 7:
        if sdoc[i].pos_ in {"NOUN", "PROPN"}:
            last = sdoc[i]
        i += 1
    return (head.idx, last.idx + len(last.text)) if last is not None else None


def _continues(sdoc: Doc, head: Token) -> bool:
    """The head is only a modifier when a noun follows it ("the treaty ratification")."""
    nxt = sdoc[head.i + 1] if head.i + 1 < len(sdoc) else None
    return bool(nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and nxt.lower_ not in _ROLE_NOUNS)


def _description(sdoc: Doc, head: Token, min_mods: int) -> tuple[int, int] | None:
    """Determiner (or possessive, or nationality adjective) + lower-case modifiers + head noun."""
    if not head.is_lower or _continues(sdoc, head):
        return None
    i = head.i - 1
    mods = 0
    while i >= 0 and mods < 3 and sdoc[i].is_lower and sdoc[i].is_alpha and sdoc[i].pos_ in {"NOUN", "ADJ"}:
        if sdoc[i].lower_ in _VAGUE:
            return None
        i -= 1
        mods += 1
    if mods < min_mods or i < 0:
        return None
    before = sdoc[i]
    if before.pos_ in {"DET", "PRON"} or before.tag_ == "POS" or before.ent_type_ in {"NORP", "GPE"}:
        return sdoc[i + 1].idx, head.idx + len(head.text)
    return None


def _institution_of_nationality(sdoc: Doc, head: Token) -> tuple[int, int] | None:
    """ "French foreign ministry": a nationality adjective, lower-case modifiers, an institution."""
    if not head.is_lower or _continues(sdoc, head):
        return None
    i = head.i - 1
    while i >= 0 and head.i - i <= 2 and sdoc[i].is_lower and sdoc[i].is_alpha:
        i -= 1
    if i < 0 or sdoc[i].ent_type_ != "NORP" or sdoc[i].is_lower:
        return None
    first = i
    while first > 0 and sdoc[first].ent_iob_ == "I":
        first -= 1
    return sdoc[first].idx, head.idx + len(head.text)


def find(text: str, sdoc: Doc) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) of the extra mentions; descriptions come out lower-case."""
    for m in _CHAMBER.finditer(text):
        head = _token_at(sdoc, m.start(2), m.end(2))
        if head is None:
            continue
        if m.group(1).islower() and not _continues(sdoc, head):
            yield m.start(), m.end(), "ORG"
    for m in _HEAD.finditer(text):
        head = _token_at(sdoc, m.start(), m.end())
        if head is None or head.pos_ not in {"NOUN", "PROPN"}:
            continue
        word = head.lower_
        if word in AGREEMENT_HEADS:
            for span in (_agreement_by_parties(sdoc, head), _agreement_on_subject(sdoc, head)):
                if span:
                    yield span[0], span[1], "LAW"
            desc = _description(sdoc, head, 1)
            if desc:
                yield desc[0], desc[1], "LAW"
        elif word not in {"house", "chamber"}:
            org = _institution_of_nationality(sdoc, head)
            if org:
                yield org[0], org[1], "ORG"
            desc = _description(sdoc, head, 1)
            if desc:
                yield desc[0], desc[1], "ORG"
