"""Throughput of `storyline build` on synthetic streams, against a bare spaCy pass over the same texts.

For each N it generates a stream (benchmarks/corpus_gen.py), builds it into a fresh store in a child
process and reports articles/s and words/s (wall clock and per CPU-second, i.e. per core), the time
spent linking (clustering included), the peak resident memory, the B-cubed F1 of the stories against
the generator's story labels, and the words/s of `nlp.pipe` with the same spaCy model over the same
cleaned texts (ratio Storyline / spaCy; the target is >= 0.8). With several N it fits
time ~ N^k and prints k (near 1: linear).

    python benchmarks/throughput.py --n 1000
    python benchmarks/throughput.py --n 1000 3000 10000 --json results.json
    python benchmarks/throughput.py --n 10000 100000 --engine dask --spacy-max 10000
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import ROOT, generate, write

PER_FILE = 500  # articles per generated JSON Lines file


def _build(feed: Path, db: Path, engine: str, queue: mp.Queue) -> None:
    from storyline.pipeline import Progress, build

    class Clock(Progress):
        def __init__(self) -> None:
            self.link_started = 0.0

        def start(self, task: str, total: int | None) -> None:
            if task == "link":
                self.link_started = time.perf_counter()

    extracted = None
    if engine == "dask":  # two worker processes parse; this process stores and links
        from storyline.engine_dask import run_dask

        def extracted():  # type: ignore[no-untyped-def]
            return run_dask([feed], workers=2)

    clock = Clock()
    wall, cpu, before = time.perf_counter(), time.process_time(), os.times()
    report = build([feed], db, progress=clock, extracted=extracted)
    done, after = time.perf_counter(), os.times()
    workers_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    queue.put(
        {
            "wall_s": done - wall,
            # the Dask workers have exited and been waited for by now, so their CPU time is counted
            "cpu_s": time.process_time() - cpu + workers_cpu,
            "link_s": done - clock.link_started,
            "stored": report.stored,
            "words": report.words,
            "stories": report.stories,
            "errors": len(report.errors),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    )


def _spacy(db: Path, queue: mp.Queue) -> None:
    from storyline.extract.nlp import load_nlp

    with sqlite3.connect(db) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM documents ORDER BY id")]
    nlp = load_nlp()
    words = sum(len(t.split()) for t in texts)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    queue.put({"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "words": words})


def _child(target, *args):  # type: ignore[no-untyped-def]
    queue: mp.Queue = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    proc.start()
    while True:  # a child that dies (out of memory, a crash) must not leave us waiting forever
        try:
            result = queue.get(timeout=10)
            break
        except Empty:
            if not proc.is_alive():
                raise RuntimeError(f"{target.__name__} died with exit code {proc.exitcode}") from None
    proc.join()
    return result


def _bcubed(db: Path, labels: list[int], feed: Path) -> float:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT ds.source, sd.story_id FROM story_documents sd JOIN document_sources ds ON ds.doc_id = sd.doc_id"
        ).fetchall()
    system = {}
    for src, sid in rows:  # .../feed_00003.jsonl#12 is article 3 * PER_FILE + 11 of the stream
        path, _, line = src.rpartition("#")
        system[int(Path(path).stem.split("_")[1]) * PER_FILE + int(line) - 1] = sid
    gold = {i: lab for i, lab in enumerate(labels) if i in system}
    from storyline.eval.layers.stories import bcubed

    return bcubed({i: system[i] for i in gold}, {i: str(g) for i, g in gold.items()})[2]


def run(n: int, seeds: Path, engine: str = "local", spacy: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        rows = generate(n, seeds)
        feed = write(rows, Path(tmp) / "corpus", PER_FILE)
        labels = [r["story"] for r in rows]
        del rows
        db = Path(tmp) / "bench.db"
        sl = _child(_build, feed, db, engine)
        sp = _child(_spacy, db) if spacy else None
        f1 = _bcubed(db, labels, feed)
    res = {
        "n": n,
        "engine": engine,
        **{f"storyline_{k}": round(v, 2) if isinstance(v, float) else v for k, v in sl.items()},
        "articles_per_s": round(sl["stored"] / sl["wall_s"], 1),
        "words_per_s": round(sl["words"] / sl["wall_s"]),
        "words_per_cpu_s": round(sl["words"] / sl["cpu_s"]),
        "stories_bcubed_f1": round(f1, 4),
    }
    if sp is not None:
        res |= {
            "spacy_words_per_s": round(sp["words"] / sp["wall_s"]),
            "spacy_words_per_cpu_s": round(sp["words"] / sp["cpu_s"]),
            "ratio_wall": round((sl["words"] / sl["wall_s"]) / (sp["words"] / max(sp["wall_s"], 1e-9)), 3),
            "ratio_cpu": round((sl["words"] / sl["cpu_s"]) / (sp["words"] / max(sp["cpu_s"], 1e-9)), 3),
        }
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument(
        "--engine", choices=["local", "dask"], default="local",
        help="local: one process (the spaCy ratio is per core). dask: a LocalCluster of 2 workers.",
    )  # fmt: skip
    parser.add_argument(
        "--spacy-max", type=int, default=10**9, metavar="N",
        help="Run the bare spaCy pass only for sizes up to N (it takes as long as the build).",
    )  # fmt: skip
    args = parser.parse_args()
    results = []
    for n in args.n:
        res = run(n, args.seeds, args.engine, n <= args.spacy_max)
        results.append(res)
        print(json.dumps(res), flush=True)
    if len(results) > 1:
        xs = [math.log(r["n"]) for r in results]
        for key in ("storyline_wall_s", "storyline_link_s"):
            ys = [math.log(max(r[key], 1e-6)) for r in results]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
            print(f"{key} grows as N^{k:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
