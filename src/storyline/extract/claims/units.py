"""What a number counts: the unit phrase a reader sees and a coarse key to compare claims by.

The counted thing is the noun the number modifies in the parse (``nummod``), with its modifiers,
an ``of`` complement ("cubic metres of water"), a short participle phrase ("ships waiting at
anchor") and a rate ("a year" → "per year"). A vague head ("people", "figure") gives way to a more
telling noun attached to it ("5,000 people with soldiers ..." → "soldiers ..."). The key (``subject``)
is coarse on purpose, so that articles which word a figure differently still meet: the lemma of
the head noun with its noun compounds and measure adjectives ("pay increase", "cubic metre",
"troop"), without nationality, substance or rate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.settings import current

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Heads that say little about what is counted; a noun attached to them is preferred.
GENERIC_HEADS = {"people", "person", "individual", "personnel", "figure", "number", "total", "amount", "sum"}
# Heads that only stand for a number already given ("the 1.2 billion figure"): no unit on their own.
PLACEHOLDER_HEADS = {"figure", "number", "total", "amount", "sum", "estimate", "count", "tally"}
MEASURE_ADJ = {"cubic", "square", "metric", "nautical"}
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "quarter", "annum"}
RATE_WORDS = {"a", "an", "per", "each", "every"}
CURRENCY_SYMBOLS = {
    "$": "dollars", "us$": "US dollars", "€": "euros", "£": "pounds", "¥": "yen", "₩": "won", "₹": "rupees",
    "₽": "roubles", "c$": "Canadian dollars", "a$": "Australian dollars", "hk$": "Hong Kong dollars",
    "usd": "US dollars", "eur": "euros", "gbp": "pounds", "jpy": "yen", "krw": "won", "cny": "yuan", "inr": "rupees",
    "rub": "roubles", "dlrs": "dollars", "dlr": "dollars",
}  # fmt: skip
CURRENCY_NOUNS = {
    "crown", "dollar", "euro", "pound", "yen", "won", "yuan", "rupee", "rouble", "ruble", "franc", "peso", "real",
    "rand", "lira", "dinar", "riyal", "shekel", "mark", "guilder", "markka", "krone", "krona", "zloty", "forint",
    "cent", "penny", "pence",
}  # fmt: skip
_LEFT_MODS = {"amod", "compound", "nmod", "npadvmod", "nummod", "quantmod", "advmod", "punct", "poss", "case"}
SKIP_LEFT = {"DET", "PUNCT", "CCONJ", "ADP", "PRON", "NUM"}  # parts of speech a noun phrase's left edge skips


def counted_noun(num: Token) -> Token | None:
    """The noun a number token (the last of its group) counts, or None."""
    head = num.head
    if (
        num.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod"}
        and head.i > num.i
        and head.pos_ in {"NOUN", "PROPN"}
    ):
        return head
    for child in num.children:  # "hundreds of people", "3,000 of the troops"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return pobj
    return None


def informative(head: Token) -> Token:
    """'5,000 people with soldiers sent by X' counts soldiers: step from a vague head to a noun attached to it."""
    if head.lemma_.lower() not in GENERIC_HEADS and head.lower_ not in GENERIC_HEADS:
        return head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"with", "of", "including"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN" and pobj.lemma_.lower() not in GENERIC_HEADS:
                    return pobj
    return head


def is_placeholder(head: Token) -> bool:
    return head.lemma_.lower() in PLACEHOLDER_HEADS and head.i == informative(head).i


def _left_edge(head: Token, floor: int) -> int:
    """Index of the first modifier of ``head`` that belongs in the unit (never at or before ``floor``)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_MODS and child.i > floor:
            start = min(start, child.left_edge.i if child.left_edge.i > floor else child.i)
    doc = head.doc
    while start < head.i and doc[start].pos_ in SKIP_LEFT:
        start += 1
    return start


def rate_after(doc: Doc, i: int) -> str | None:
    """'a year', 'per day', 'every year', 'annually' starting at token ``i`` → 'year', 'day', ..."""
    if i >= len(doc):
        return None
    t = doc[i]
    if t.lower_ in {"annually", "yearly"}:
        return "year"
    if t.lower_ in {"daily", "monthly", "weekly"}:
        return {"daily": "day", "monthly": "month", "weekly": "week"}[t.lower_]
    if t.lower_ in RATE_WORDS and i + 1 < len(doc) and doc[i + 1].lemma_.lower() in TIME_UNITS:
        return doc[i + 1].lemma_.lower()
    if (
        i + 1 < len(doc)
        and doc[i + 1].tag_ == "NN"
        and (t.lower_ == "per" or (t.lower_ in {"a", "an"} and doc[i + 1].dep_ == "npadvmod"))
    ):
        return doc[i + 1].lower_  # "5 cents a share", "$3 per gallon"
    if t.lower_ in {"apiece", "each"} and t.dep_ in {"advmod", "npadvmod"}:
        return "item"
    return None


def unit_phrase(head: Token, floor: int, number: int | None = None) -> tuple[str, str, int]:
    """(unit text, subject key, index of the last token used) for the counted noun ``head``.

    ``floor`` is the last token of the number itself: modifiers are taken only after it. ``number``
    is the token of the figure when it follows the noun ("a pay rise of 9%"): it is not part of the unit.
    """
    cfg = current().extract
    doc = head.doc
    start = _left_edge(head, floor)
    end = head.i
    words = [doc[start : head.i + 1].text]
    key = [
        c.lemma_.lower() if c.dep_ == "compound" else c.lower_
        for c in head.lefts
        if c.i > floor
        and ((c.dep_ == "compound" and c.pos_ == "NOUN") or (c.dep_ == "amod" and c.lower_ in MEASURE_ADJ))
    ]
    key.append(head.lemma_.lower())
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"} and pobj.i - child.i <= 4 and pobj.i != number:
                words.append(doc[child.i : pobj.i + 1].text)
                end = pobj.i
        elif child.dep_ == "acl" and child.tag_ in {"VBN", "VBG"} and child.i > end:
            left, right = child.left_edge.i, child.right_edge.i
            if left >= child.i and right - left < cfg.unit_clause_tokens and right - end <= cfg.unit_clause_tokens:
                words.append(doc[child.i : right + 1].text)
                end = right
    rate = rate_after(doc, end + 1)
    if rate is None:
        rate = next(
            (c.lemma_.lower() for c in head.rights if c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_UNITS), None
        )
    if rate:
        words.append(f"per {rate}")
        if end + 2 < len(doc) and doc[end + 2].lemma_.lower() == rate:
            end += 2
    return " ".join(words), " ".join(key), end
