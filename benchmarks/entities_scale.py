"""How entity resolution scales with the number of documents (synthetic mentions, no parsing).

    .venv/bin/python benchmarks/entities_scale.py 10000 30000 100000

Each document gets ~20 mentions drawn from a story's cast (people by full name and by surname,
organisations with and without a country adjective, countries, an acronym, a description); stories
have 10 documents. Prints documents, mentions, seconds and microseconds per mention: flat per-mention
cost means near-linear time.
"""

from __future__ import annotations

import random
import sys
import time

from storyline.link.entities import resolve_entities
from storyline.model import Document, Extraction, LinkResult, Mention

SYLLABLES = "ka lo mi ra ven dor sal tic po lan mer ost vik gan rus hel tor an el ib".split()
COUNTRIES = ["Russia", "North Korea", "South Korea", "United States", "China", "France", "Brazil", "Kenya"]


def word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def corpus(n_docs: int, seed: int = 7) -> tuple[list[Document], list[Extraction], list[list[str]]]:
    rng = random.Random(seed)
    docs, exs, stories = [], [], []
    for s in range(0, n_docs, 10):
        people = [(word(rng), word(rng, 3)) for _ in range(6)]
        orgs = [f"{word(rng)} {rng.choice(['Institute', 'Union', 'Council', 'Ministry'])}" for _ in range(4)]
        cast = (
            [(f"{a} {b}", "PERSON") for a, b in people]
            + [(b, "PERSON") for _a, b in people]
            + [(o, "ORG") for o in orgs]
            + [(f"Russian {o}", "ORG") for o in orgs[:1]]
            + [(c, "GPE") for c in rng.sample(COUNTRIES, 3)]
            + [("".join(w[0] for w in orgs[1].split()).upper(), "ORG"), ("lower house", "ORG")]
        )
        story = []
        for d in range(s, min(s + 10, n_docs)):
            doc_id = f"d{d:07d}"
            parts, mentions, pos = [], [], 0
            for surface, type_ in rng.choices(cast, k=20):
                parts.append(surface + " said that. ")
                mentions.append(Mention(surface, pos, pos + len(surface), type_))
                pos += len(surface) + len(" said that. ")
            text = "".join(parts)
            docs.append(Document(id=doc_id, source=doc_id, raw_text="", text=text, offsets=[]))
            ex = Extraction(doc_id=doc_id)
            ex.mentions = mentions
            exs.append(ex)
            story.append(doc_id)
        stories.append(story)
    return docs, exs, stories


def main(sizes: list[int]) -> None:
    print(f"{'documents':>10} {'mentions':>10} {'entities':>9} {'seconds':>8} {'us/mention':>11}")
    for n in sizes:
        docs, exs, stories = corpus(n)
        mentions = sum(len(e.mentions) for e in exs)
        result = LinkResult()
        t0 = time.perf_counter()
        resolve_entities(docs, exs, result, [], stories)
        dt = time.perf_counter() - t0
        print(f"{n:>10} {mentions:>10} {len(result.entities):>9} {dt:>8.2f} {dt / mentions * 1e6:>11.2f}")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [1000, 10000])
