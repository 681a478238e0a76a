"""Cost of the mention steps next to the spaCy parse they reuse.

    .venv/bin/python benchmarks/mentions_speed.py DIR [DIR ...]

Parses every English article once (timed), then runs the sentence and mention steps on the parses
(timed separately) and prints both, with the steps' share of the parse time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storyline.extract import mentions
from storyline.extract.nlp import load_nlp
from storyline.ingest import ingest
from storyline.model import Document, Extraction


def main(paths: list[Path]) -> None:
    docs = [d for d in ingest(paths, None) if isinstance(d, Document) and (d.language or "en") == "en"]
    nlp = load_nlp()
    t0 = time.perf_counter()
    parses = list(nlp.pipe((d.text for d in docs), batch_size=32))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, sdoc in zip(docs, parses, strict=True):
        ex = Extraction(doc_id=d.id)
        mentions.sentences(d, sdoc, ex)
        mentions.mentions(d, sdoc, ex)
    steps_s = time.perf_counter() - t0
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words")
    print(f"parse: {parse_s:.2f} s ({words / parse_s:,.0f} words/s)")
    print(f"sentence + mention steps: {steps_s:.3f} s ({100 * steps_s / parse_s:.1f}% of the parse)")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
