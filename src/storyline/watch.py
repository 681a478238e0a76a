"""`storyline watch`: read the same sources again on a schedule and add what is new.

Each round is an ordinary ``build`` over the sources: feeds and sitemaps are asked whether they
changed (ETag, Last-Modified), links read before are not fetched again, new articles join the
stored stories. The store is committed batch by batch and linked in one transaction, so
`storyline serve` shows the new stories on reload, and stopping (Ctrl+C sets ``stop``) finishes the
batch at hand before it ends. Each round holds the store's writer lock and gives it back before the
pause, so other writers (`stories merge`, a `build`) get their turn between two rounds.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.pipeline import BuildReport, build

MIN_EVERY_S = 60.0  # `--every` below a minute would ask the same feeds too often to be polite
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PERIOD = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_every(text: str) -> float:
    """Seconds from ``15m``, ``90s``, ``1h30m``, ``1d``. Raises ValueError."""
    spec = text.strip().lower().replace(" ", "")
    parts = _PERIOD.findall(spec)
    if not spec or not parts or "".join(n + u for n, u in parts) != spec:
        raise ValueError(f"{text!r} is not a period such as 30s, 15m, 1h or 1h30m")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def watch(
    inputs: list[Path | str],
    db: Path,
    every_s: float,
    rounds: int | None = None,
    stop: threading.Event | None = None,
    on_round: Callable[[int, BuildReport], None] | None = None,
    **build_options: Any,
) -> list[BuildReport]:
    """Build ``inputs`` into ``db`` now and then every ``every_s`` seconds (from the start of one
    round to the start of the next), until ``stop`` is set or ``rounds`` rounds are done."""
    stop = stop or threading.Event()
    reports: list[BuildReport] = []
    while not stop.is_set():
        started = time.monotonic()
        report = build(inputs, db, stop=stop, **build_options)
        reports.append(report)
        if on_round is not None:
            on_round(len(reports), report)
        if rounds is not None and len(reports) >= rounds:
            break
        if stop.wait(max(0.0, every_s - (time.monotonic() - started))):
            break
    return reports
