"""Words per second of `storyline build` on the seed articles repeated N times.

Each copy gets a distinct last line, so no copy is stored as a duplicate of another and every
copy goes through cleaning, extraction, storage and linking.

    python benchmarks/build_speed.py --copies 100 [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from storyline.pipeline import build

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(seeds: Path, copies: int, out: Path) -> None:
    manifest = json.loads((seeds / "manifest.json").read_text(encoding="utf-8"))
    entries = []
    for i in range(copies):
        for entry in manifest["documents"]:
            text = (seeds / entry["file"]).read_text(encoding="utf-8")
            name = f"{i:04d}_{entry['file']}"
            (out / name).write_text(f"{text}\n\nCopy number {i} of this report.\n", encoding="utf-8")
            entries.append({**entry, "file": name})
    (out / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(args.seeds, args.copies, corpus)
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        report = build([corpus], db)
        seconds = time.perf_counter() - started
        shutil.rmtree(corpus)
    print(
        f"{report.stored} documents, {report.words:,} words in {seconds:.1f} s: "
        f"{report.words / seconds:,.0f} words/s, {report.stored / seconds:,.1f} documents/s "
        f"(errors: {len(report.errors)})"
    )


if __name__ == "__main__":
    main()
