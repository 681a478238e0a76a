"""The French spaCy pipeline (fr_core_news_sm 3.8.0, pinned), loaded the first time a French article comes.

Only its named entities are used (sentences come from the quotation-aware splitter all languages share);
an article in any other language never loads it, so English builds pay nothing for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODEL = "fr_core_news_sm"
# spaCy's French labels → the labels the rest of Storyline uses (MISC stays a weak candidate).
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}


class ModelMissing(RuntimeError):
    """The French model cannot be loaded; French articles are then read by the rules alone."""


@lru_cache(maxsize=1)
def load_french() -> Any:
    import spacy

    try:
        return spacy.load(MODEL, disable=["lemmatizer", "morphologizer", "attribute_ruler", "parser"])
    except OSError as exc:  # the model package is missing
        raise ModelMissing(
            f"the spaCy model {MODEL} is not installed; install Storyline's locked requirements (see README.md)"
        ) from exc


def entities(text: str) -> list[tuple[int, int, str]]:
    """Entity spans of a French text, with Storyline's labels."""
    doc = load_french()(text)
    return [(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS]
