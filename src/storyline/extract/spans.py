"""Repairs for named-entity spans: the usual NER noise of news text, fixed on offsets into the text.

Every function takes the document text and a (start, end) span and returns a better span, or None
when the span is not a name at all. They look at a few characters around the span, never re-parse.
"""

from __future__ import annotations

import re

# "the"/"The" before a name, and quote marks or brackets around it.
_LEAD = re.compile(r"^(?:(?:the|The|THE)\s+|[\"'“”‘’«»(\[]+)")
# A trailing possessive, or punctuation a span should not end with.
_TRAIL = re.compile(r"(?:['’]s|(?<=s)['’]|[\"'“”‘’«»)\]]+|[-–—/,:;.!?]+)$")
# A period that belongs to the name: initials, acronyms and abbreviations ("U.S.", "Jr.", "Co.").
_KEEP_PERIOD = re.compile(r"(?:\b[A-Z]\.|\b(?:Jr|Sr|Co|Corp|Inc|Ltd|St)\.)$")

# Words a title-cased name is often preceded by in captions and running text ("Spokesperson Jane Doe").
TITLE_WORDS = frozenset(
    """president vice prime minister deputy foreign defense defence interior finance chief spokesperson
    spokesman spokeswoman chairman chairwoman chair director senator sen rep representative mr mrs ms miss
    dr prof professor general gen lieutenant colonel col major admiral captain king queen prince princess
    pope ambassador governor mayor judge justice secretary reporter anchor correspondent facilitator
    speaker leader commander premier chancellor envoy minister-president sir lord lady dame sheikh
    analyst researcher senior opposition deputy-minister first state labour labor water resources""".split()
)

# Words that follow a name with a hyphen in compounds ("Moscow-based"): never a truncated given name.
_COMPOUND_WORDS = frozenset(
    """based backed led linked born run owned made style era type level wide controlled aligned allied
    friendly occupied held bound related funded sponsored built designed leaning like free only""".split()
)
_HYPHEN_TAIL = re.compile(r"-\s?([a-z]{1,6})\b")

_LATIN = re.compile(r"[A-Za-z]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_HEADLINE_VERB = re.compile(r"\s+(?:Says|Said|Tells|Told|Warns|Claims|Vows|Urges|Admits|Denies|Slams|Calls|Asks)$")
_DIGIT_WORD = re.compile(r"(?<!\S)\S*\d")
_NUMERIC = re.compile(r"^[\d\s.,:%/+-]+(?:st|nd|rd|th|s)?$")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and quotes, a trailing possessive, quotes and dangling punctuation."""
    while start < end:
        span = text[start:end]
        lead = _LEAD.match(span)
        if lead:
            start += lead.end()
            continue
        stripped = span.strip()
        if len(stripped) < len(span):
            start += len(span) - len(span.lstrip())
            end = start + len(stripped)
            continue
        trail = _TRAIL.search(span)
        if trail and trail.start() > 0 and not (trail.group() == "." and _KEEP_PERIOD.search(span)):
            end = start + trail.start()
            continue
        break
    return start, end


def cut_slash(text: str, start: int, end: int) -> tuple[int, int]:
    """Captions glue a name to a title with a slash ("Jane Doe/Director"): keep the name side."""
    slash = text.find("/", start, end)
    if slash < 0:
        return start, end
    if _LATIN.search(text, start, slash):
        return start, slash
    return slash + 1, end


def strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """A person span that starts with title words ("Spokesperson Jane Doe") keeps only the name."""
    words = list(re.finditer(r"\S+", text[start:end]))
    i = 0
    while i < len(words) - 1 and words[i].group().lower().rstrip(".") in TITLE_WORDS:
        i += 1
    return (start + words[i].start(), end) if i else (start, end)


def extend_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """A person span cut before the last syllable of a hyphenated given name ("Jane Min" + "-ho")."""
    tail = _HYPHEN_TAIL.match(text, end)
    if tail and tail.group(1) not in _COMPOUND_WORDS and text[start:end][-1:].isalpha():
        return start, tail.end()
    return start, end


def is_name(surface: str) -> bool:
    """Plausible as a proper name in an English text: Latin letters, capitalised, not a number."""
    if len(surface) < 2 or not _LATIN.search(surface) or _NUMERIC.match(surface):
        return False
    if _NON_LATIN_LETTER.search(surface):
        return False  # Hangul, Cyrillic, CJK ... inside an English document: UI strings and boilerplate
    return surface[:1].isupper() or surface[:1].isdigit()


def repair(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """All the span repairs in order; None when nothing name-like is left."""
    start, end = trim(text, start, end)
    start, end = cut_slash(text, start, end)
    start, end = trim(text, start, end)
    if label == "PERSON":
        start, end = strip_titles(text, start, end)
        start, end = extend_hyphenated(text, start, end)
        verb = _HEADLINE_VERB.search(text, start, end)
        if verb and verb.end() == end:  # "Jane Roe Says ..." in a title-case headline
            end = verb.start()
        digit = _DIGIT_WORD.search(text, start, end)
        if digit:  # "Jane Doe 1.2 billion": NER ran on into a number
            start, end = trim(text, start, digit.start())
    if end <= start or not is_name(text[start:end]):
        return None
    return start, end
