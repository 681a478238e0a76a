"""A build that kills itself with SIGKILL at a chosen step: the crash test's way to die at an exact point.

    python tests/killed_build.py DB PHASE NTH INPUT... [--batch-size N] [--dask] [--recluster]
                                                     [--fetch-local] [--watch-rounds N]

The pipeline reports every step to its ``Progress`` (the CLI draws the steps as bars, or as log lines
with ``build --verbose``): a document read, a batch about to be extracted, a batch stored, each stage of
linking. This Progress sends SIGKILL to its own process at the NTH step of PHASE, so the build dies
right there, exactly as under ``kill -9``: no exception, no ``finally``, no rollback, nothing flushed.
Nothing in ``src/`` knows about it. If the build ends without reaching that step the exit code is 3.

``--watch-rounds N`` runs `storyline watch` for N rounds instead (no pause between them) and dies in
the last round; ``--fetch-local`` fetches from the tests' server on 127.0.0.1 without delays.
``run_killed`` runs this driver from a test and checks that it died of SIGKILL.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from storyline.ingest.sources import FetchSettings
from storyline.pipeline import BuildReport, Progress, build

NOT_REACHED = 3
KILL_TIMEOUT = 300  # seconds a child build may take to reach its step (model loading on a busy machine)


class KillAt(Progress):
    def __init__(self, phase: str, nth: int, armed: bool = True) -> None:
        self.phase, self.left, self.armed = phase, nth, armed

    def step(self, phase: str, detail: str) -> None:
        if self.armed and phase == self.phase:
            self.left -= 1
            if self.left == 0:
                os.kill(os.getpid(), signal.SIGKILL)


def run_killed(db: Path, phase: str, nth: int, inputs: list[Path | str], *options: str) -> None:
    """Run a build that kills itself at the NTH step of PHASE; fail unless it died of SIGKILL there."""
    cmd = [sys.executable, __file__, str(db), phase, str(nth), *map(str, inputs), *options]
    # Its own process group, so that Dask workers it started are killed with it.
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, errs = child.communicate(timeout=KILL_TIMEOUT)
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert child.returncode == -signal.SIGKILL, (child.returncode, errs.decode()[-2000:])


def counts(db: Path) -> tuple[int, int, int]:
    """Documents, story assignments and stories in the store (0, 0, 0 when the file is not there)."""
    if not db.exists():
        return 0, 0, 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "story_assignments" not in tables:
            return 0, 0, 0
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "story_assignments", "stories")
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("phase", choices=["read", "extract", "store", "link"])
    parser.add_argument("nth", type=int)
    parser.add_argument("inputs", nargs="+")  # paths or URLs
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--recluster", action="store_true")
    parser.add_argument("--fetch-local", action="store_true")
    parser.add_argument("--watch-rounds", type=int, default=0)
    args = parser.parse_args()
    extracted = None
    if args.dask:
        from storyline.engine_dask import run_dask

        def extracted():  # type: ignore[no-untyped-def]
            return run_dask(args.inputs, workers=2, per_partition=3)

    fetch = FetchSettings(delay_s=0.0, allow_private=True) if args.fetch_local else None
    progress = KillAt(args.phase, args.nth, armed=args.watch_rounds <= 1)
    if args.watch_rounds:
        from storyline.watch import watch

        def arm(n: int, report: BuildReport) -> None:
            progress.armed = n == args.watch_rounds - 1  # the next round is the last one

        watch(args.inputs, args.db, 0.0, args.watch_rounds, on_round=arm, batch_size=args.batch_size,
              progress=progress, fetch=fetch)  # fmt: skip
    else:
        build(args.inputs, args.db, batch_size=args.batch_size, progress=progress, extracted=extracted,
              recluster=args.recluster, fetch=fetch)  # fmt: skip
    raise SystemExit(NOT_REACHED)


if __name__ == "__main__":
    main()
