"""How the ingest stage's time grows with hostile input: each case is timed on inputs of n and 4n
characters, and the ratio printed (linear: about 4; quadratic: about 16).

The cases are the shapes that once took quadratic or cubic time (a long token without spaces, a
dateline followed by a long run of spaces, a long chain of contact lines, thousands of month names
in one sentence) and the other shapes the readers and the time tagger meet: many short lines, long
lines, many dates, deep JSON. Each case is timed ``--repeat`` times and the best time kept.

    python benchmarks/ingest_scaling.py                   # n = 200,000 characters
    python benchmarks/ingest_scaling.py --n 1000000 --max-ratio 8
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from storyline.extract.timex import find_time_expressions
from storyline.ingest import boilerplate, dateline
from storyline.ingest.clean import _dateline, clean
from storyline.ingest.decode import decode_bytes
from storyline.ingest.document import to_document
from storyline.ingest.header import read_header
from storyline.ingest.readers import _jsonl_articles
from storyline.model import RawArticle

MIN_SECONDS = 0.002  # below this the timer's noise swamps the ratio


def _doc(text: str) -> None:
    to_document(RawArticle("bench.txt", text, "text"))


def _rows(n: int) -> str:
    row = json.dumps({"text": "The council met on Monday. " * 3, "url": {"a": 1}, "language": ["en"]})
    return "\n".join([row] * max(1, n // len(row)) + ["[" * n])


# name → (what is timed, input of about n characters)
CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "token, whole document": (_doc, lambda n: "x" * n),
    "token of a@a@a…, whole document": (_doc, lambda n: "a@" * (n // 2)),
    "token, boilerplate rules": (boilerplate.classify, lambda n: "x" * n),
    "dateline + spaces": (_dateline, lambda n: "GENEVA" + " " * n + "a b c d e f g h."),
    "date line + spaces": (dateline.parse_date_line, lambda n: "a" + " " * n + "a"),
    "find_date + spaces": (dateline.find_date, lambda n: "2025" + " " * n),
    "contact block of bullets": (clean, lambda n: "• x\n" * (n // 4) + "a@b.example\n"),
    "short lines": (clean, lambda n: "The council met on Monday, officials said.\n" * (n // 43)),
    "long lines of words": (clean, lambda n: ("word " * 400 + "\n") * (n // 2000)),
    "header-like lines": (read_header, lambda n: "title: x\n" * (n // 9)),
    "front matter never closed": (read_header, lambda n: "---\n" + "title: x\n" * (n // 9)),
    "month names, time tagger": (lambda t: find_time_expressions(t, "2025-03-04"), lambda n: "May " * (n // 4)),
    "dates and relatives, time tagger": (
        lambda t: find_time_expressions(t, "2025-03-04"),
        lambda n: "On March 3, 2024 and the previous day, a year later in May. " * (n // 61),
    ),
    "JSON Lines rows + deep nesting": (lambda t: _jsonl_articles("f.jsonl", t), _rows),
    "bytes with NULs": (lambda t: decode_bytes(t.encode()), lambda n: "The council met.\x00 " * (n // 19)),
}


def best_time(fn: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200_000, help="characters of the smaller input")
    ap.add_argument("--repeat", type=int, default=3, help="runs per input; the best is kept")
    ap.add_argument("--max-ratio", type=float, default=8.0, help="exit 1 if a case's 4n/n time ratio is above this")
    args = ap.parse_args()
    _doc("Warm-up: the council met on Monday, officials said.\n")  # loads the language model once
    worst = 0.0
    print(f"{'case':36s} {'n (s)':>9s} {'4n (s)':>9s} {'ratio':>6s}")
    for name, (fn, make) in CASES.items():
        small, large = make(args.n), make(4 * args.n)
        t1, t4 = best_time(fn, small, args.repeat), best_time(fn, large, args.repeat)
        ratio = t4 / t1 if t1 > MIN_SECONDS else float("nan")  # too fast to tell: shown as nan
        if ratio == ratio:
            worst = max(worst, ratio)
        print(f"{name:36s} {t1:9.4f} {t4:9.4f} {ratio:6.1f}", flush=True)
    print(f"worst ratio {worst:.1f} (linear: about 4)")
    return 1 if worst > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
