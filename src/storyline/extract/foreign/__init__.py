"""Extraction for articles in other languages: mentions, quotes, claims and events without a parse.

These steps run only on documents the English model does not parse (``sdoc`` is None) whose language
has a resource file (``extract/languages/<code>.json``); on an English document each returns at once,
so English builds pay nothing for them. French sentences and entities come from the pinned French spaCy
pipeline, loaded the first time a French document comes; every other language is read with the rules of
``names``, ``quotes``, ``figures`` and ``events`` and its language file. What they find is kept in its
language (``Quote.language``, ``Claim.language``, ``attributes["language"]`` of an event); the link stage
ties it to the actors and events of the other languages.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.foreign import french
from storyline.extract.foreign.events import find_events
from storyline.extract.foreign.figures import find_claims
from storyline.extract.foreign.names import Candidate, NameFinder
from storyline.extract.foreign.quotes import find_quotes
from storyline.extract.foreign.text import sentences as split_sentences
from storyline.extract.languages import LanguagePack, load
from storyline.model import Document, Extraction, Mention, Sentence

__all__ = ["claims", "events", "mentions", "pack_for", "quotes"]

_LEADING = re.compile(r"^(?:(?:l['’]|d['’]|la |le |les |du |des |de la |de )\s*)+", re.IGNORECASE)
_TRAILING = re.compile(r"[\s,.;:!?»«\"'“”)(]+$")


def pack_for(doc: Document, sdoc: Any) -> LanguagePack | None:
    """The resources of a document's language when it is one these steps read (not English, not parsed)."""
    if sdoc is not None:
        return None
    lang = (doc.language or "").lower()[:2]
    if not lang or lang == "en":
        return None
    return load(lang)


def _spacy_candidates(text: str, ents: list[tuple[int, int, str]], pack: LanguagePack) -> list[Candidate]:
    """The French model's entities without articles, titles and punctuation around them; none across a
    line break, and none that is only a function word or a title ("Lire", "Premier ministre")."""
    titles = pack.words("titles")
    function = {w.lower() for w in pack.items("function_words")}
    out = []
    for s, e, label in ents:
        while True:
            lead = _LEADING.match(text[s:e])
            title = titles.match(text, s, e) if titles else None
            if lead:
                s += lead.end()
            elif title and title.end() < e and text[title.end()] == " ":
                s = title.end() + 1
            else:
                break
        trail = _TRAILING.search(text[s:e])
        if trail:
            e = s + trail.start()
        words = text[s:e].split()
        if not any(pack.words(k) and pack.words(k).fullmatch(w) for w in words for k in ("org_words", "law_words")):  # type: ignore[union-attr]
            while len(words) > 1 and words[-1][:1].islower():  # "Stavnet halvorien": the adjective is not the name
                e = s + text[s:e].rfind(words[-1]) - 1
                words = words[:-1]
        surface = text[s:e]
        if e - s < 2 or not surface[:1].isupper() or "\n" in surface or surface.lower() in function:
            continue
        title = titles.match(text, s) if titles else None
        if title and title.end() >= e:
            continue  # "Premier" of "Premier ministre": a title
        out.append(Candidate(s, e, _label(pack, surface, label), "spacy"))
    return out


def _label(pack: LanguagePack, surface: str, label: str) -> str:
    """The model's label, unless the words say otherwise ("Cour constitutionnelle" is a body)."""
    words = surface.split()
    if len(words) > 1 and pack.words("law_words") and any(pack.words("law_words").fullmatch(w) for w in words):  # type: ignore[union-attr]
        return "LAW"
    if pack.words("org_words") and any(pack.words("org_words").fullmatch(w) for w in words):  # type: ignore[union-attr]
        return "ORG"
    return label


def mentions(doc: Document, sdoc: Any, ex: Extraction) -> None:
    """Extraction step: sentences and name mentions."""
    pack = pack_for(doc, sdoc)
    if pack is None or not doc.text.strip():
        return
    text = doc.text
    extra: list[Candidate] = []
    if pack.code == "fr":
        try:
            extra = _spacy_candidates(text, french.entities(text), pack)
        except (RuntimeError, OSError):  # the French model is missing: the rules alone read the article
            extra = []
    sents = split_sentences(text)
    ex.sentences = [Sentence(s, e) for s, e in sents]
    try:
        found = NameFinder(text, pack, sents).find(extra)
    except Exception:  # noqa: BLE001 - an odd document yields no mentions, never a failed build
        found = []
    ex.mentions = [Mention(text[c.start : c.end], c.start, c.end, c.type) for c in found]


def _spans(ex: Extraction) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in ex.sentences]


def quotes(doc: Document, sdoc: Any, ex: Extraction) -> None:
    """Extraction step: direct and indirect quotes (needs the mentions and time expressions)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    try:
        ex.quotes = find_quotes(doc.text, pack, _spans(ex), ex.mentions, ex.time_expressions, doc.published)
    except Exception:  # noqa: BLE001
        ex.quotes = []


def claims(doc: Document, sdoc: Any, ex: Extraction) -> None:
    """Extraction step: figures with their unit, source and date (reads the quotes)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    try:
        ex.claims = find_claims(doc.text, pack, _spans(ex), ex.quotes, ex.time_expressions, doc.published)
    except Exception:  # noqa: BLE001
        ex.claims = []


def events(doc: Document, sdoc: Any, ex: Extraction) -> None:
    """Extraction step: events of the clear-trigger types and dated statements (reads the quotes)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    try:
        ex.events = find_events(doc.text, pack, _spans(ex), ex.mentions, ex.time_expressions, ex.quotes, doc.published)
    except Exception:  # noqa: BLE001
        ex.events = []
