"""Cost of the events and stances steps next to the spaCy parse, and how merging grows with the corpus.

1. Extraction: TimeBank and PolNeAR texts are parsed once (timed), then the steps the events step reads
   (sentences, mentions, time expressions, quotes: not timed) and the events and stances steps (timed)
   run over the parses. The two steps must stay at a few percent of the parse.
2. Merging: synthetic stories of N documents, each with the same number of event mentions drawn from a
   few types, dates, actors and objects (so blocks fill up as in real stories), linked with
   ``link.events.link_events``; the time per mention should stay flat as N grows (near-linear).

    python benchmarks/events_speed.py [--corpus DIR ...] [--repeat 3] [--sizes 100 1000 4000]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from storyline.extract import mentions
from storyline.extract.events import events
from storyline.extract.nlp import load_nlp
from storyline.extract.quotes import quotes
from storyline.extract.stances import stances
from storyline.extract.timex import time_expressions
from storyline.link.events import link_events
from storyline.model import Document, EventAttributes, EventMention, EventRoles, EventTopic, Extraction

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [
    ROOT.parent / "shared" / "corpora" / "timebank" / "docs",
    ROOT.parent / "shared" / "corpora" / "polnear-dev" / "docs",
]
TYPES = ["sign", "ratify", "meet", "statement", "attack", "vote", "protest", "deploy"]


def extraction(corpora: list[Path], repeat: int) -> None:
    texts = [p.read_text(encoding="utf-8") for d in corpora for p in sorted(d.glob("*")) if p.is_file()]
    nlp = load_nlp()
    nlp("warm up")
    started = time.perf_counter()
    parses = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - started
    prepared = []
    for i, (t, sdoc) in enumerate(zip(texts, parses, strict=True)):
        doc = Document(id=str(i), source=str(i), raw_text=t, text=t, offsets=[(0, 0, len(t))], published="1998-03-12")
        ex = Extraction(doc_id=doc.id)
        for step in (mentions.sentences, mentions.mentions, time_expressions, quotes):
            step(doc, sdoc, ex)
        prepared.append((doc, sdoc, ex))
    timings = {}
    counts = {}
    for step, attr in ((events, "events"), (stances, "stances")):
        started = time.perf_counter()
        for _ in range(repeat):
            for doc, sdoc, ex in prepared:
                step(doc, sdoc, ex)
        timings[attr] = (time.perf_counter() - started) / repeat
        counts[attr] = sum(len(getattr(ex, attr)) for _, _, ex in prepared)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents, {words:,} words: parse {parse_s:.2f} s ({words / parse_s:,.0f} words/s)")
    for name, s in timings.items():
        print(f"  {name} step {s:.3f} s = {s / parse_s:.1%} of the parse; {counts[name]} {name}")


def synthetic_story(n_docs: int, per_doc: int, rng: random.Random) -> tuple[list[str], dict, dict, dict]:
    docs, exs, entity = {}, {}, {}
    n_actors = max(20, n_docs // 5)
    for d in range(n_docs):
        doc_id = f"d{d}"
        text = "x" * 2000
        docs[doc_id] = Document(id=doc_id, source=doc_id, raw_text="", text=text, offsets=[], published="2024-10-01")
        ms = []
        for k in range(per_doc):
            actor = rng.randrange(n_actors)
            span = (10 * k, 10 * k + 5)
            entity[(doc_id, span[0], span[1])] = f"a{actor}"
            day = rng.randrange(1, 200)
            date = f"2024-{1 + day // 30 % 12:02d}-{1 + day % 28:02d}" if rng.random() < 0.6 else None
            ms.append(
                EventMention(f"{doc_id}:e{k}", rng.choice(TYPES), f"actor {actor} did thing {rng.randrange(50)}",
                             100 * k, 100 * k + 80, date=date, date_precision="day" if date else None,
                             attributes=EventAttributes(roles=EventRoles(agents=[span]),
                                                        topic=EventTopic(object=f"o{rng.randrange(30)}")))
            )  # fmt: skip
        exs[doc_id] = Extraction(doc_id=doc_id, events=ms)
    return list(docs), docs, exs, entity


def merging(sizes: list[int], per_doc: int) -> None:
    rng = random.Random(7)
    for n in sizes:
        story, docs, exs, entity = synthetic_story(n, per_doc, rng)
        started = time.perf_counter()
        events_out = link_events(story, docs, exs, entity).events
        s = time.perf_counter() - started
        total = n * per_doc
        print(f"  {n:>5} documents, {total:>6} mentions → {len(events_out):>6} events in {s:.2f} s "
              f"({s / total * 1e6:.0f} µs a mention)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", help="a folder of .txt articles (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="run the steps this many times over the parses")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 4000], help="documents per story")
    parser.add_argument("--per-doc", type=int, default=8, help="event mentions per synthetic document")
    args = parser.parse_args()
    extraction(args.corpus or CORPORA, args.repeat)
    print("merging one story:")
    merging(args.sizes, args.per_doc)


if __name__ == "__main__":
    main()
