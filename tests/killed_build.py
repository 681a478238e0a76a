"""A build that kills itself with SIGKILL at a chosen step: the crash test's way to die at an exact point.

    python tests/killed_build.py DB PHASE NTH INPUT... [--batch-size N] [--dask] [--recluster]

The pipeline reports every step to its ``Progress`` (the CLI draws the steps as bars, or as log lines
with ``build --verbose``): a document read, a batch about to be extracted, a batch stored, each stage of
linking. This Progress sends SIGKILL to its own process at the NTH step of PHASE, so the build dies
right there, exactly as under ``kill -9``: no exception, no ``finally``, no rollback, nothing flushed.
Nothing in ``src/`` knows about it. If the build ends without reaching that step the exit code is 3.
"""

from __future__ import annotations

import argparse
import os
import signal
from pathlib import Path

from storyline.pipeline import Progress, build

NOT_REACHED = 3


class KillAt(Progress):
    def __init__(self, phase: str, nth: int) -> None:
        self.phase, self.left = phase, nth

    def step(self, phase: str, detail: str) -> None:
        if phase == self.phase:
            self.left -= 1
            if self.left == 0:
                os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("phase", choices=["read", "extract", "store", "link"])
    parser.add_argument("nth", type=int)
    parser.add_argument("inputs", type=Path, nargs="+")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--recluster", action="store_true")
    args = parser.parse_args()
    extracted = None
    if args.dask:
        from storyline.engine_dask import run_dask

        def extracted():  # type: ignore[no-untyped-def]
            return run_dask(args.inputs, workers=2, per_partition=3)

    progress = KillAt(args.phase, args.nth)
    build(args.inputs, args.db, batch_size=args.batch_size, progress=progress, extracted=extracted,
          recluster=args.recluster)  # fmt: skip
    raise SystemExit(NOT_REACHED)


if __name__ == "__main__":
    main()
