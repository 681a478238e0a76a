"""The fetching options of `storyline build` and `storyline watch`, Ctrl+C handling, and `watch`."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from storyline.cli_output import err, print_skipped, progress_bar, report_line
from storyline.ingest.sources import FetchSettings
from storyline.settings import Settings, SettingsError, current, use
from storyline.settings import load as load_settings

ContactOption = Annotated[
    Optional[str],
    typer.Option(
        envvar="STORYLINE_CONTACT",
        help="Your e-mail address or web page, sent in the User-Agent so a site's operators can reach you "
        "(or set STORYLINE_CONTACT).",
    ),
]
_DEFAULTS = Settings()
DelayOption = Annotated[
    Optional[float],
    typer.Option(
        min=0.0,
        help="Seconds between two requests to the same host (a robots.txt Crawl-delay may ask more). "
        f"Default: fetch.delay_s ({_DEFAULTS.fetch.delay_s:g}).",
    ),
]
PerHostOption = Annotated[
    Optional[int],
    typer.Option(
        "--per-host",
        min=1,
        help=f"Requests in flight to one host at most. Default: fetch.per_host ({_DEFAULTS.fetch.per_host}).",
    ),
]
ConcurrencyOption = Annotated[
    Optional[int],
    typer.Option(
        min=1,
        help=f"Requests in flight over all hosts at most. Default: fetch.concurrency ({_DEFAULTS.fetch.concurrency}).",
    ),
]
TimeoutOption = Annotated[
    Optional[float],
    typer.Option(
        min=0.1,
        help="Seconds a whole response may take; a slower one is tried again, then reported. "
        f"Default: fetch.timeout_s ({_DEFAULTS.fetch.timeout_s:g}).",
    ),
]
MaxBytesOption = Annotated[
    Optional[int],
    typer.Option(
        help=f"Skip files and pages larger than this many bytes. Default: build.max_bytes ({_DEFAULTS.build.max_bytes})."
    ),
]
BatchSizeOption = Annotated[
    Optional[int],
    typer.Option(
        min=1,
        help="Documents per extraction batch and per store transaction. "
        f"Default: build.batch_size ({_DEFAULTS.build.batch_size}).",
    ),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        dir_okay=False,
        help="A TOML file of settings (thresholds, weights, fetching politeness; every one is listed with its "
        "default and reason in docs/settings.md) that replace the defaults for this run. Options given "
        "on the command line win over the file.",
    ),
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


def run_settings(config: Path | None) -> Settings:
    """The settings of a run: the defaults, or those of ``--config`` (a bad file: one error line, exit 2)."""
    if config is None:
        return current()
    try:
        return load_settings(config)
    except SettingsError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc


def fetch_settings(
    contact: str | None, delay: float | None, per_host: int | None, concurrency: int | None, timeout: float | None,
    allow_private: bool, max_bytes: int | None,
) -> FetchSettings:  # fmt: skip
    """How pages are fetched: the settings in force, changed by the options given on the command line."""
    base = FetchSettings(contact=contact, allow_private=allow_private)
    return replace(
        base,
        delay_s=base.delay_s if delay is None else delay,
        per_host=base.per_host if per_host is None else per_host,
        concurrency=base.concurrency if concurrency is None else concurrency,
        timeout_s=base.timeout_s if timeout is None else timeout,
        max_bytes=base.max_bytes if max_bytes is None else max_bytes,
    )


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
    max_bytes: MaxBytesOption = None,
    batch_size: BatchSizeOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    verbose: VerboseOption = False,
    contact: ContactOption = None,
    delay: DelayOption = None,
    per_host: PerHostOption = None,
    concurrency: ConcurrencyOption = None,
    timeout: TimeoutOption = None,
    allow_private: AllowPrivateOption = False,
    config: ConfigOption = None,
) -> None:
    """Read the sources now and again every --every, adding what is new to the stored stories.

    Feeds and sitemaps are asked whether they changed (ETag, Last-Modified); a page read before is
    never fetched again, so a quiet round fetches nothing but the feeds. `storyline serve --db` on
    the same store shows new articles on reload. Ctrl+C stops after the batch at hand (nothing is
    lost); a second Ctrl+C stops at once.

    Example: storyline watch feeds.txt --every 15m --db news.db --contact you@example.org
    """
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
    failed = False
    with use(run_settings(config)) as chosen, interruptible(err) as stop:
        fetch = fetch_settings(contact, delay, per_host, concurrency, timeout, allow_private, max_bytes)
        try:
            with progress_bar(quiet, verbose) as progress:

                def on_round(n: int, report: Any) -> None:
                    nonlocal failed
                    failed = failed or bool(report.errors)
                    progress.clear()  # each round draws its own bars
                    when = datetime.now().strftime("%H:%M:%S")
                    print_skipped(report)
                    err.print(f"round {n} ({when}): {report_line(report, db)}", markup=False)

                run_watch(list(sources), db, every_s, rounds, stop, on_round, max_bytes=max_bytes,
                          batch_size=batch_size, progress=progress, fetch=fetch, settings=chosen)  # fmt: skip
        except KeyboardInterrupt:
            err.print("stopped; the batch in progress was not stored, everything before it is", markup=False)
            raise typer.Exit(130) from None
    if failed:
        raise typer.Exit(1)
