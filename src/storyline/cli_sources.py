"""The fetching options of `storyline build` and `storyline watch`, Ctrl+C handling, and `watch`."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from storyline.ingest.sources import FetchSettings
from storyline.ingest.sources import settings as polite

ContactOption = Annotated[
    Optional[str],
    typer.Option(
        envvar="STORYLINE_CONTACT",
        help="Your e-mail address or web page, sent in the User-Agent so a site's operators can reach you "
        "(or set STORYLINE_CONTACT).",
    ),
]
DelayOption = Annotated[
    float,
    typer.Option(
        min=0.0, help="Seconds between two requests to the same host (a robots.txt Crawl-delay may ask more)."
    ),
]
PerHostOption = Annotated[int, typer.Option("--per-host", min=1, help="Requests in flight to one host at most.")]
ConcurrencyOption = Annotated[int, typer.Option(min=1, help="Requests in flight over all hosts at most.")]
TimeoutOption = Annotated[
    float, typer.Option(min=0.1, help="Seconds a whole response may take; a slower one is tried again, then reported.")
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch from private, loopback and link-local addresses (your intranet, a local test server). "
        "Without it a feed cannot point Storyline into your own network.",
    ),
]

VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Instead of progress bars, one line per step on stderr with the time: each page fetched, each "
        "document read, each batch extracted and stored, each stage of linking.",
    ),
]


def fetch_settings(
    contact: str | None, delay: float, per_host: int, concurrency: int, timeout: float, allow_private: bool,
    max_bytes: int,
) -> FetchSettings:  # fmt: skip
    return FetchSettings(contact=contact, delay_s=delay, per_host=per_host, concurrency=concurrency,
                         timeout_s=timeout, allow_private=allow_private, max_bytes=max_bytes)  # fmt: skip


@contextmanager
def interruptible(console: Console) -> Iterator[threading.Event]:
    """The first Ctrl+C sets the event (the batch at hand is stored, then the command ends);
    a second one stops at once (the batch in progress is rolled back, nothing stored is lost)."""
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        console.print("stopping after the batch at hand (Ctrl+C again to stop at once)", markup=False)

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (an embedding application): Ctrl+C keeps its meaning
        yield stop
        return
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCES",
            help="Feeds, sitemaps, URL lists, URLs (http/https), WARC files, article files or folders.",
        ),
    ],
    every: Annotated[
        str, typer.Option(help="How often to read the sources again: 30m, 1h, 1h30m (1m at least).")
    ] = "15m",
    db: Annotated[Path, typer.Option("--db", help="SQLite store file (created if missing).", dir_okay=False)] = Path(
        "storyline.db"
    ),
    rounds: Annotated[
        Optional[int], typer.Option(min=1, help="Stop after this many rounds (default: run until Ctrl+C).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip pages and files larger than this many bytes.")] = 5_000_000,
    batch_size: Annotated[int, typer.Option(help="Documents per extraction batch and per store transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    verbose: VerboseOption = False,
    contact: ContactOption = None,
    delay: DelayOption = polite.HOST_DELAY_S,
    per_host: PerHostOption = polite.PER_HOST_CONCURRENCY,
    concurrency: ConcurrencyOption = polite.CONCURRENCY,
    timeout: TimeoutOption = polite.TIMEOUT_S,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Read the sources now and again every --every, adding what is new to the stored stories.

    Feeds and sitemaps are asked whether they changed (ETag, Last-Modified); a page read before is
    never fetched again, so a quiet round fetches nothing but the feeds. `storyline serve --db` on
    the same store shows new articles on reload. Ctrl+C stops after the batch at hand (nothing is
    lost); a second Ctrl+C stops at once.

    Example: storyline watch feeds.txt --every 15m --db news.db --contact you@example.org
    """
    from storyline.cli import err, progress_bar, report_line
    from storyline.watch import MIN_EVERY_S, parse_every
    from storyline.watch import watch as run_watch

    try:
        every_s = parse_every(every)
    except ValueError as exc:
        err.print(f"error: --every: {exc}", markup=False)
        raise typer.Exit(2) from exc
    if every_s < MIN_EVERY_S:
        err.print(f"error: --every: {every} is too often; {MIN_EVERY_S:g} s at least", markup=False)
        raise typer.Exit(2)
    settings = fetch_settings(contact, delay, per_host, concurrency, timeout, allow_private, max_bytes)
    failed = False

    with interruptible(err) as stop:
        try:
            with progress_bar(quiet, verbose) as progress:

                def on_round(n: int, report: Any) -> None:
                    nonlocal failed
                    failed = failed or bool(report.errors)
                    progress.clear()  # each round draws its own bars
                    when = datetime.now().strftime("%H:%M:%S")
                    err.print(f"round {n} ({when}): {report_line(report, db)}", markup=False)

                run_watch(list(sources), db, every_s, rounds, stop, on_round, max_bytes=max_bytes,
                          batch_size=batch_size, progress=progress, fetch=settings)  # fmt: skip
        except KeyboardInterrupt:
            err.print("stopped; the batch in progress was not stored, everything before it is", markup=False)
            raise typer.Exit(130) from None
    if failed:
        raise typer.Exit(1)
