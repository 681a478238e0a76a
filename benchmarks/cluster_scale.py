"""How the link stage's clustering and duplicate detection scale, without the parse in the way.

Synthetic documents: each story has a direction in embedding space, a pool of actors and a run of
days; its documents are noisy copies of the direction (cosine to it about 0.85) naming a few of
its actors and a common country; one in ten is a reprint of an earlier document (its MinHash
signature mostly equal). A new story starts every few hours of the stream, so the number of stories
active at a time stays bounded as in a real news stream. Reports time per N, the fitted growth
exponent, peak memory, and B-cubed F1 against the synthetic labels; then links the stories into storylines
(``link.storylines``) and reports that time and its exponent too.

    python benchmarks/cluster_scale.py --n 10000 30000 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.eval.layers.stories import bcubed
from storyline.extract.features import NUM_PERM
from storyline.link.duplicates import DuplicateFinder
from storyline.link.stories import DocSignals, StoryIndex
from storyline.link.storylines import StoryProfile, link_storylines


def run(n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    per_story = 20
    n_stories = max(2, n // per_story)
    dirs = rng.normal(size=(n_stories, 512)).astype(np.float32)
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    start = 738000
    docs = []
    for _ in range(n):
        k = int(rng.integers(n_stories))
        day = start + k // 6 + int(rng.integers(10))  # six new stories a day
        docs.append((k, day))
    docs.sort(key=lambda kd: (kd[1], kd[0]))
    index = StoryIndex()
    finder = DuplicateFinder()
    sigs: dict[int, list[np.ndarray]] = {}
    labels, system = {}, {}
    started = time.perf_counter()
    for i, (k, day) in enumerate(docs):
        doc_id = hashlib.sha256(str(i).encode()).hexdigest()[:16]  # ids are content hashes
        labels[doc_id] = str(k)
        earlier = sigs.get(k)
        if earlier and rng.random() < 0.1:
            sig = earlier[int(rng.integers(len(earlier)))].copy()
            sig[rng.integers(NUM_PERM, size=8)] = rng.integers(2**32, size=8, dtype=np.uint64).astype(np.uint32)
        else:
            sig = rng.integers(2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
            sigs.setdefault(k, []).append(sig)
        canonical = finder.add(doc_id, sig.astype("<u4").tobytes(), 300)
        if canonical is not None:
            index.duplicate_of[doc_id] = canonical
            system[doc_id] = index.add_duplicate(doc_id, canonical).story
            continue
        v = (
            dirs[k] + rng.normal(size=512).astype(np.float32) * 0.027
        )  # cosine to the direction ~0.85, to each other ~0.72
        v /= np.linalg.norm(v)
        actors = {f"p{k}-{int(a)}": 1.0 for a in rng.integers(6, size=3)} | {f"country{k % 40}": 0.5}
        system[doc_id] = index.add(DocSignals(doc_id, day, v, actors)).story
    seconds = time.perf_counter() - started
    p, r, f1 = bcubed(system, labels)
    profiles = [
        StoryProfile(s.id, s.centroid.astype(np.float64), s.n_embedded, s.n_docs, s.first, s.last, s.actors)
        for s in index.stories.values()
    ]
    started = time.perf_counter()
    lines = link_storylines(profiles)
    line_seconds = time.perf_counter() - started
    return {
        "n": n,
        "seconds": round(seconds, 2),
        "storyline_seconds": round(line_seconds, 2),
        "storylines": len(set(lines.values())),
        "docs_per_s": round(n / seconds),
        "stories_true": len(set(labels.values())),
        "stories_found": len(set(system.values())),
        "duplicates_found": len(index.duplicate_of),
        "bcubed_p": round(p, 4),
        "bcubed_r": round(r, 4),
        "bcubed_f1": round(f1, 4),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[10000, 30000, 100000])
    args = parser.parse_args()
    results = []
    for n in args.n:
        results.append(run(n))
        print(json.dumps(results[-1]), flush=True)
    if len(results) > 1:
        xs = [math.log(r["n"]) for r in results]
        for key, what in (("seconds", "clustering"), ("storyline_seconds", "storyline linking")):
            ys = [math.log(max(r[key], 1e-3)) for r in results]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
            print(f"{what} time grows as N^{k:.2f}")


if __name__ == "__main__":
    main()
