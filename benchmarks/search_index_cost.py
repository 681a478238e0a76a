"""What the full-text index (migration 002_search) costs `storyline build`: time and store size.

Stores the same synthetic documents (words drawn from the sample corpus, with five quotes each) twice
through ``Store.save_batch``: once as is, once with the index triggers dropped.

    python benchmarks/search_index_cost.py [--docs 1000] [--words 900]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from storyline.extract import EXTRACTOR_VERSION
from storyline.model import Document, Extraction, Quote
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]


def synthetic(n: int, n_words: int) -> list[tuple[Document, Extraction]]:
    words = (ROOT / "examples" / "corpus" / "wire_1.txt").read_text(encoding="utf-8").split()
    rng = random.Random(1)
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(n_words))
        quotes = [Quote(f"d{i}:q{j}", text[j * 50 : j * 50 + 40], j * 50, j * 50 + 40, "direct", "A") for j in range(5)]
        out.append((Document(f"d{i}", f"d{i}.txt", text, text, [], title="t"), Extraction(f"d{i}", quotes=quotes)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=900)
    args = parser.parse_args()
    batch = synthetic(args.docs, args.words)
    kb = sum(len(d.text.encode()) for d, _ in batch) / len(batch) / 1024
    with tempfile.TemporaryDirectory() as tmp:
        for indexed in (True, False):
            db = Path(tmp) / f"{indexed}.db"
            with Store(db) as store:
                if not indexed:
                    for (name,) in store.conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                    ).fetchall():
                        store.conn.execute(f"DROP TRIGGER {name}")
                t0 = time.perf_counter()
                for i in range(0, len(batch), 64):
                    store.save_batch(batch[i : i + 64], EXTRACTOR_VERSION)
                seconds = time.perf_counter() - t0
            label = "with the search index" if indexed else "without it"
            print(
                f"{label}: {seconds:.2f} s for {len(batch)} documents of {kb:.1f} KiB "
                f"({seconds / len(batch) * 1000:.2f} ms each), store {db.stat().st_size / 2**20:.1f} MiB"
            )


if __name__ == "__main__":
    main()
