"""Extract stage: one Document → one Extraction, in batches through spaCy.

Like a spaCy pipeline, extraction is a list of steps (``extract.steps.Step``), each filling parts of the
Extraction and declaring which parts it reads and writes: ``step(doc, parsed, extraction)``. ``parsed``
is the spaCy Doc for English text and None for languages the English model cannot parse; a step declares
the documents it runs on (``docs``): the English steps need a parse, the steps of ``extract.foreign``
read the other languages with per-language resources (``extract/languages``). ``STEPS`` runs in its
order, which ``steps.order_problems`` checks for each kind of document.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from storyline.extract import features, foreign, mentions
from storyline.extract.claims import claims
from storyline.extract.events import events
from storyline.extract.nlp import load_nlp
from storyline.extract.quotes import quotes
from storyline.extract.stances import stances
from storyline.extract.steps import Step, run_step
from storyline.extract.timex import time_expressions
from storyline.model import Document, Extraction

# Bump when a step changes what it extracts: stored documents are then extracted again.
EXTRACTOR_VERSION = "9"

STEPS: list[Step] = [
    Step("sentences", mentions.sentences, (), ("sentences",), "sentence spans of the parse (leads, evidence)",
         "parsed"),
    Step("mentions", mentions.mentions, (), ("mentions",), "named entities of the parse, their spans repaired",
         "parsed"),
    Step("foreign_sentences", foreign.sentences, (), ("sentences",),
         "sentence spans of a splitter that keeps quotations whole (leads, evidence)", "unparsed"),
    Step("foreign_mentions", foreign.mentions, ("sentences",), ("mentions",),
         "names by each script's cue (capitals, titles, a gazetteer, the language file's words), sentence by "
         "sentence; French: its spaCy model's entities too", "unparsed"),
    Step("time_expressions", time_expressions, (), ("time_expressions",),
         "dates and times, normalized against the publication date; every language the time tagger reads"),
    Step("quotes", quotes, ("mentions", "time_expressions"), ("quotes",),
         "direct and indirect speech; speakers resolved among the mentions, dates from the time expressions",
         "parsed"),
    Step("foreign_quotes", foreign.quotes, ("sentences", "mentions", "time_expressions"), ("quotes",),
         "quotations and the language file's reporting frames; speakers among the mentions, dates from the "
         "time expressions", "unparsed"),
    Step("foreign_events", foreign.events, ("sentences", "mentions", "time_expressions", "quotes"), ("events",),
         "events of the clear-trigger types and dated statements: triggers from the language file, "
         "participants from the mentions, sayings through the quotes", "unparsed"),
    Step("foreign_claims", foreign.claims, ("sentences", "time_expressions", "quotes"), ("claims",),
         "figures with their unit from the language file; a quotation gives the claimant, a time expression "
         "the day", "unparsed"),
    Step("events", events, ("mentions", "time_expressions", "quotes"), ("events",),
         "events of each sentence: participants from the mentions, dates from their own clause's time "
         "expressions, sayings dated and attributed through the quotes", "parsed"),
    Step("stances", stances, ("quotes",), ("stances",),
         "characterizations affirmed or denied; a quotation gives a stance its holder", "parsed"),
    Step("claims", claims, ("time_expressions", "quotes"), ("claims",),
         "figures and what they count; a quotation or a reporting verb gives the claimant, a time expression the day",
         "parsed"),
]  # fmt: skip


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
                if step.runs_on(sdoc):
                    run_step(step, doc, sdoc, ex)
            ex.signature, ex.shingles = features.signature(doc.text)
            out.append(assign_ids(ex))
        for ex, vec in zip(out, embedded.result(), strict=True):
            ex.embedding = vec
    return out
