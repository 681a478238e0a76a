"""Cost of the claims step next to the spaCy parse it reads, on TimeBank and PolNeAR articles.

The texts are parsed once (timed), then the claims step runs over the parses (timed); the step
must stay at a few percent of the parse. Repeat the corpus with --repeat for steadier numbers.

    python benchmarks/claims_speed.py [--corpus ../shared/corpora/timebank/docs ...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyline.extract.claims import claims
from storyline.extract.nlp import load_nlp
from storyline.model import Document, Extraction

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [
    ROOT.parent / "shared" / "corpora" / "timebank" / "docs",
    ROOT.parent / "shared" / "corpora" / "polnear-dev" / "docs",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", help="a folder of .txt articles (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="run the step this many times over the parses")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for d in args.corpus or CORPORA for p in sorted(d.glob("*")) if p.is_file()]
    nlp = load_nlp()
    nlp("warm up")
    started = time.perf_counter()
    parses = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - started
    docs = [
        Document(id=str(i), source=str(i), raw_text=t, text=t, offsets=[(0, 0, len(t))], published="2020-01-01")
        for i, t in enumerate(texts)
    ]
    started = time.perf_counter()
    found = 0
    for _ in range(args.repeat):
        for doc, sdoc in zip(docs, parses, strict=True):
            ex = Extraction(doc_id=doc.id)
            claims(doc, sdoc, ex)
            found += len(ex.claims)
    step_s = (time.perf_counter() - started) / args.repeat
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} documents, {words:,} words: parse {parse_s:.2f} s ({words / parse_s:,.0f} words/s), "
        f"claims step {step_s:.3f} s = {step_s / parse_s:.1%} of the parse; {found // args.repeat} claims"
    )


if __name__ == "__main__":
    main()
