"""Cost per document of each extraction step, by language, on the multilingual sample corpus.

Every article of ``examples/multilingual/corpus`` is read as `storyline build` reads it; the English
ones are parsed once by the English spaCy model (the parse is timed apart). Then every step of
``storyline.extract.STEPS`` runs on each article ``--repeat`` times and its time is averaged per
document and language, each step on the documents it declares (``Step.docs``), as ``extract``
runs them: the English steps skip other languages and the steps of ``extract.foreign`` English. The French spaCy model's one-time load is timed apart, and so
is entity resolution with and without the articles in other languages (the cross-script matching).

    python benchmarks/multilingual_cost.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from storyline.extract import STEPS, features
from storyline.extract.foreign import french
from storyline.extract.nlp import load_nlp
from storyline.ingest import ingest
from storyline.link.entities import resolve_entities
from storyline.model import Extraction, IngestError, LinkResult

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "multilingual" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = [d for d in ingest([CORPUS], CORPUS / "manifest.json") if not isinstance(d, IngestError)]
    nlp = load_nlp()
    started = time.perf_counter()
    french.load_french()
    print(f"French model load (once, on the first French article): {time.perf_counter() - started:.2f} s")
    features.signature("a first call sets up the MinHash permutations, once per process")
    english = [d for d in docs if (d.language or "en") == "en"]
    started = time.perf_counter()
    parses = {d.id: p for d, p in zip(english, nlp.pipe(d.text for d in english), strict=True)}
    parse_ms = 1000 * (time.perf_counter() - started) / max(1, len(english))
    cost: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    extractions: list[Extraction] = []
    for doc in docs:
        lang = (doc.language or "en")[:2]
        counts[lang] += 1
        sdoc = parses.get(doc.id)
        for _ in range(args.repeat):
            ex = Extraction(doc_id=doc.id, language=doc.language)
            for step in STEPS:
                if not step.runs_on(sdoc):  # as extract() runs them: the English steps skip other languages
                    continue
                t = time.perf_counter()
                step(doc, sdoc, ex)
                cost[(step.name, lang)] += time.perf_counter() - t
        t = time.perf_counter()
        features.signature(doc.text)
        cost[("features.signature", lang)] += (time.perf_counter() - t) * args.repeat
        extractions.append(ex)
    languages = sorted(counts)
    steps = [s.name for s in STEPS] + ["features.signature"]
    print(f"\nms per document ({args.repeat} runs; English parse {parse_ms:.1f} ms/doc apart)\n")
    print("| step | " + " | ".join(f"{lang} ({counts[lang]})" for lang in languages) + " |")
    print("| --- |" + " --- |" * len(languages))
    for step in steps:
        cells = [f"{1000 * cost[(step, lang)] / (args.repeat * counts[lang]):.2f}" for lang in languages]
        print(f"| {step} | " + " | ".join(cells) + " |")
    totals = [sum(cost[(s, lang)] for s in steps) * 1000 / (args.repeat * counts[lang]) for lang in languages]
    print("| all steps | " + " | ".join(f"{t:.2f}" for t in totals) + " |")
    by_id = {d.id: d for d in docs}
    in_english = [e for e in extractions if (by_id[e.doc_id].language or "en") == "en"]
    for label, subset in (("all articles", extractions), ("English only", in_english)):
        picked = [by_id[e.doc_id] for e in subset]
        t = time.perf_counter()
        for _ in range(args.repeat):
            resolve_entities(picked, subset, LinkResult())
        ms = 1000 * (time.perf_counter() - t) / (args.repeat * len(subset))
        print(f"\nentity resolution, {label}: {ms:.2f} ms per document")


if __name__ == "__main__":
    main()
