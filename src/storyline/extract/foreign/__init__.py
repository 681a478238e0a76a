"""Extraction for articles in other languages: mentions, quotes, claims and events without a parse.

These steps (``extract.STEPS``, declared to run on unparsed documents) read only documents the English
model does not parse (``sdoc`` is None) whose language has a resource file
(``extract/languages/<code>.json``); on any other document each returns at once, so English builds pay
nothing for them. Odd input raises as any step's does (``extract.steps.STEP_ERRORS``): the document
keeps a ``StepWarning`` and the step's parts stay empty. French entities come from the pinned French
spaCy pipeline, loaded the first time a French document comes; every other language is read with the
rules of ``names``, ``quotes``, ``figures`` and ``events`` and its language file. What they find is kept
in its language (``Quote.language``, ``Claim.language``, ``attributes.telling.language`` of an event);
the link stage ties it to the actors and events of the other languages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.extract.foreign import french
from storyline.extract.foreign.events import find_events
from storyline.extract.foreign.figures import find_claims
from storyline.extract.foreign.names import Candidate, NameFinder
from storyline.extract.foreign.quotes import find_quotes
from storyline.extract.foreign.text import sentences as split_sentences
from storyline.extract.languages import LanguagePack, load
from storyline.model import Document, Extraction, Mention, Sentence, StepWarning

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["claims", "events", "mentions", "pack_for", "quotes", "sentences"]

_LEADING = re.compile(r"^(?:(?:l['’]|d['’]|la |le |les |du |des |de la |de )\s*)+", re.IGNORECASE)
_TRAILING = re.compile(r"[\s,.;:!?»«\"'“”)(]+$")


def pack_for(doc: Document, sdoc: Doc | None) -> LanguagePack | None:
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
        if not (_any_word(pack, "org_words", words) or _any_word(pack, "law_words", words)):
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
    if len(words) > 1 and _any_word(pack, "law_words", words):
        return "LAW"
    if _any_word(pack, "org_words", words):
        return "ORG"
    return label


def _any_word(pack: LanguagePack, key: str, words: list[str]) -> bool:
    """Whether one of ``words`` is a word of the language file's list ``key``."""
    pattern = pack.words(key)
    return pattern is not None and any(pattern.fullmatch(w) for w in words)


def sentences(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: sentence spans (the quotation-aware splitter every language shares)."""
    if pack_for(doc, sdoc) is None or not doc.text.strip():
        return
    ex.sentences = [Sentence(s, e) for s, e in split_sentences(doc.text)]


def mentions(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: name mentions, sentence by sentence (French: the French model's entities too)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    text = doc.text
    extra: list[Candidate] = []
    if pack.code == "fr":
        try:
            extra = _spacy_candidates(text, french.entities(text), pack)
        except french.ModelMissing as exc:  # the rules alone read the article, and the build says so
            ex.warnings.append(StepWarning("foreign_mentions", f"French names by the rules only: {exc}"[:300]))
    found = NameFinder(text, pack, _spans(ex)).find(extra)
    ex.mentions = [Mention(text[c.start : c.end], c.start, c.end, c.type) for c in found]


def _spans(ex: Extraction) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in ex.sentences]


def quotes(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: direct and indirect quotes (needs the mentions and time expressions)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    ex.quotes = find_quotes(doc.text, pack, _spans(ex), ex.mentions, ex.time_expressions, doc.published)


def claims(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: figures with their unit, source and date (reads the quotes)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    ex.claims = find_claims(doc.text, pack, _spans(ex), ex.quotes, ex.time_expressions, doc.published)


def events(doc: Document, sdoc: Doc | None, ex: Extraction) -> None:
    """Extraction step: events of the clear-trigger types and dated statements (reads the quotes)."""
    pack = pack_for(doc, sdoc)
    if pack is None or not ex.sentences:
        return
    ex.events = find_events(doc.text, pack, _spans(ex), ex.mentions, ex.time_expressions, ex.quotes, doc.published)
