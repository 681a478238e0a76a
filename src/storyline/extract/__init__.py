"""Extract stage: one Document → one Extraction, in batches through spaCy.

Like a spaCy pipeline, extraction is a list of steps, each filling one part of the Extraction:
``step(doc, parsed, extraction)``. ``parsed`` is the spaCy Doc for English text and None for
languages the English model cannot parse; steps that need a parse skip those documents, and the
steps of ``extract.foreign`` read them with per-language resources (``extract/languages``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from storyline.extract import features, foreign, mentions
from storyline.extract.claims import claims
from storyline.extract.events import events
from storyline.extract.nlp import load_nlp
from storyline.extract.quotes import quotes
from storyline.extract.stances import stances
from storyline.extract.timex import time_expressions
from storyline.model import Document, Extraction

Step = Callable[[Document, Any, Extraction], None]

# Bump when a step changes what it extracts: stored documents are then extracted again.
EXTRACTOR_VERSION = "9"

STEPS: list[Step] = [
    mentions.sentences,
    mentions.mentions,
    foreign.mentions,  # other languages (no parse): sentences and mentions; returns at once on English
    time_expressions,  # before any step that dates quotes, claims or events
    quotes,  # reads the mentions and the time expressions of the steps before it
    foreign.quotes,  # other languages: quotes, then events and claims (they read the quotes)
    foreign.events,
    foreign.claims,
    # The steps below read time_expressions and quotes: keep them after the steps that fill them.
    events,  # dates events from their own clause's time expressions; quotes date and attribute sayings
    stances,  # quotes give a stance its holder
    claims,
]


def _parseable(doc: Document) -> bool:
    return (doc.language or "en") == "en"


def assign_ids(ex: Extraction) -> Extraction:
    """Stable ids (document id + position) for the items other documents may refer to."""
    for i, q in enumerate(ex.quotes):
        q.id = f"{ex.doc_id}:q{i}"
    for i, c in enumerate(ex.claims):
        c.id = f"{ex.doc_id}:c{i}"
    for i, e in enumerate(ex.events):
        e.id = f"{ex.doc_id}:e{i}"
    return ex


def extract(docs: Iterable[Document], batch_size: int = 32, steps: list[Step] | None = None) -> list[Extraction]:
    """Run every step over the documents; the spaCy model is loaded once per process.

    The lead embeddings are computed on a second thread while spaCy parses: the encoder spends its
    time in numpy, outside the GIL, so on a machine with a spare core it costs no wall-clock time.
    """
    docs = list(docs)
    steps = STEPS if steps is None else steps
    with ThreadPoolExecutor(max_workers=1) as pool:
        embedded = pool.submit(features.embed, [features.lead_text(d) for d in docs])
        english = [d for d in docs if _parseable(d)]
        parses = iter(load_nlp().pipe((d.text for d in english), batch_size=batch_size)) if english else iter(())
        out = []
        for doc in docs:  # parses come in the order of ``english``, a subsequence of ``docs``
            sdoc = next(parses) if _parseable(doc) else None
            ex = Extraction(doc_id=doc.id, language=doc.language)
            for step in steps:
                step(doc, sdoc, ex)
            ex.signature, ex.shingles = features.signature(doc.text)
            out.append(assign_ids(ex))
        for ex, vec in zip(out, embedded.result(), strict=True):
            ex.embedding = vec
    return out
