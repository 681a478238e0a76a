"""Titles that read like headlines: never a byline, a dateline, an agency tag, a time or tokeniser debris.

Scraped articles often open with furniture before the news: "By Jane Roe, Health Editor", "WASHINGTON |
Tue Apr 21, 2009 10:19 pm BST", "GENEVA (Reuters) -", "07:37 UK time, Friday, 29 May 2009". A candidate
title (an article's headline, an event summary, its opening) is cut into segments at the separators such
furniture uses (" | ", "(Agency) -", " -- "); segments that are furniture are dropped, and the first one
that reads like a headline (enough words, some in lower case, no clock times) is kept, shortened to its
first clause when it runs long.
"""

from __future__ import annotations

import re

from storyline.settings import current

_WS = re.compile(r"\s+")
_SEPARATORS = re.compile(
    r"\s+\|\s+|\s*(?:\(|-LRB-\s*)[A-Z][\w&.'’ -]{1,30}?(?:\)|\s*-RRB-)\s*[-—–:]+\s*|\s+--+\s+|\s+[—–]\s+"
    r"|\s*\\?\*\s+|\s+/\s+"
)
_BYLINE = re.compile(r"^(?:By|BY|by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\b|[AP]M\b)?|\b\d{1,2}\s*[ap]\.m\.|\bUK time\b", re.I)
_WEEKDAY_DATE = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b"
)
_FULL_DATE = re.compile(r"\b(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}),?\s+\d{4}\b")
_TRAILING_PLACE = re.compile(r"(?:\s+[A-Z][A-Z.'’-]{2,}(?:,?\s+[A-Z][A-Za-z.]+)?)+\s*$")  # "... well HOUSTON"
_LEADING_PLACE = re.compile(r"^[A-Z][A-Z.'’-]{2,}(?:[ ,/]+[A-Z][A-Za-z.'’-]+)*\s*[,:-]?\s+(?=[A-Z])")
_DEBRIS = re.compile(r"-[LR][RSC]B-|``|''|\s[,.;:]\s|^\W+")
_CLAUSE = re.compile(r",\s|;\s|:\s|\s[—–]\s|\s+(?:said|says|told|according)\b")
_WORD = re.compile(r"[^\W_][\w'’.-]*")


def _capitalised_share(words: list[str]) -> float:
    return sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) / len(words) if words else 1.0


def _reads_like_headline(segment: str, given: bool) -> bool:
    cfg = current().timeline
    words = _WORD.findall(segment)
    if len(words) < cfg.title_min_words or _BYLINE.match(segment) or _CLOCK.search(segment) or _DEBRIS.search(segment):
        return False
    if _WEEKDAY_DATE.search(segment) or (_FULL_DATE.search(segment) and len(words) < 8):
        return False
    return given or _capitalised_share(words) <= cfg.title_max_capitals


def _shorten(segment: str) -> str:
    cfg = current().timeline
    words = segment.split()
    if len(words) <= cfg.title_max_words:
        return segment.rstrip(" .")
    for m in _CLAUSE.finditer(segment):
        head = segment[: m.start()]
        if 6 <= len(head.split()) <= cfg.title_max_words:
            return head.rstrip(" .,")
    return " ".join(words[: cfg.title_max_words - 2]).rstrip(" .,") + "…"


def headline(text: str | None, given: bool = False) -> str | None:
    """A headline-like title from ``text``, or None. ``given``: ``text`` is a headline the article came
    with (a title in Title Case is fine); otherwise it is an opening or a summary, which must also not read
    like a list of names or open with a phrase that needs the sentence before it."""
    if not text:
        return None
    flat = _WS.sub(" ", text[:600]).strip()
    for segment in _SEPARATORS.split(flat):
        segment = _BYLINE.sub("", segment).strip(" -—–|*")
        segment = _LEADING_PLACE.sub("", _TRAILING_PLACE.sub("", segment)).strip(" -—–|,")
        if _reads_like_headline(segment, given) and (given or stands_alone(segment)):
            return _shorten(segment)
    return None


# Openings that lean on what came before: relative times, connectives, pronouns.
_RELATIVE_OPENING = re.compile(
    r"^(?:(?:a|one|two|three|four|five|several|a few|some) (?:hours?|days?|weeks?|months?|years?) "
    r"(?:earlier|later|before|after|on)\b|the (?:day|night|week|month|year) (?:before|after|earlier)\b"
    r"|the (?:previous|next|following|same) (?:day|night|week|month|year)\b"
    r"|(?:earlier|later) (?:that|this|the same|in the)\b|(?:on|at) the same (?:day|time)\b|that (?:same )?day\b"
    r"|(?:earlier|later|meanwhile|also|but|and|yet|however|still|instead|then|thus|hence|afterwards|subsequently"
    r"|previously|moreover|furthermore|nevertheless|nonetheless|besides|otherwise|in addition|in response"
    r"|in turn|by then|since then|this|that|these|those|it|he|she|they|his|her|their|its|there)\b)",
    re.I,
)


def stands_alone(sentence: str) -> bool:
    """Whether a sentence can open a title or a lead without the sentence before it."""
    return not _RELATIVE_OPENING.match(sentence.lstrip(" \"“'‘([—–-"))
