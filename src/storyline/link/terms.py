"""Key terms of an article: the word stems of its headline and lead, for holding a storyline together.

A developing story keeps its words while its actors come and go: the spill, the well, the treaty,
the virus. The terms of a document are the stems (Snowball, in the article's language when Snowball
has that language) of the content words of its headline and its first ``timeline.lead_words`` words; function
words and numbers are left out. Stems are prefixed with the language so that two languages never share
a term by accident ("die" is a German article and an English verb).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from storyline.model import Document
from storyline.settings import current

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# ISO 639-1 → Snowball algorithm names (the languages Snowball stems).
_SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
# English function and reporting words that say nothing about what a story is about.
_STOP = frozenset(
    """about above after again against also although among another around because been before being below
    between both could does doing down during each either else even ever every from further have having
    here into itself just least less many more most much must neither often once only other others over
    perhaps rather same several shall should since some such than that their theirs them themselves then
    there therefore these they this those though through thus together toward towards under until upon very
    were what whatever when whenever where whether which while whom whose will with within without would
    your said says told according added reported report reports news year years week weeks month months
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday people time first last
    percent reuters editing writing additional reporting""".split()
)


@lru_cache(maxsize=32)
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = _SNOWBALL.get(language)
    return snowballstemmer.stemmer(name) if name else None


# Snowball in pure Python takes tens of microseconds a word; news repeats its words, so each word is
# stemmed once per language (a bounded cache: a few MB at most).
@lru_cache(maxsize=1 << 18)
def _stem(language: str, word: str) -> str:
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def content_stems(text: str, language: str | None) -> list[str]:
    """The stems of a text's content words, in order (function words and numbers left out)."""
    found = [w.lower() for w in _WORD.findall(text)]
    found = [w for w in found if len(w) >= current().timeline.min_letters and w not in _STOP]
    code = (language or "und")[:2]
    return [_stem(code, w) for w in found] if code in _SNOWBALL else found


def key_terms(doc: Document) -> set[str]:
    """The stems of the content words of the headline and the lead, each prefixed with the language."""
    cfg = current().timeline
    language = (doc.language or "und")[:2]
    words = " ".join(doc.text.split()[: cfg.lead_words])
    if doc.title:
        words = doc.title + " " + words
    return {f"{language}:{s}" for s in content_stems(words, language) if len(s) >= cfg.min_letters - 1}
