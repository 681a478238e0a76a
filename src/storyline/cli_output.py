"""What the commands print: error and warning lines, progress bars or log lines, and a build's summary line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from storyline.model import IngestError
from storyline.pipeline import BuildReport
from storyline.pipeline import Progress as BuildProgress

if TYPE_CHECKING:
    from storyline.store import Store

err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)  # paths and article text print as they are


def literal(value: str) -> str:
    """User text (a path, a line of an article) as it may be printed: control characters such as
    terminal escapes shown as ``\\x1b``. Print it with ``markup=False`` or inside a ``Text``."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in value)


def problem_line(e: IngestError) -> Text:
    """``error: FILE: reason`` (or ``warning: ...``), the file and reason printed as they are."""
    return Text.assemble(
        (e.level, "red" if e.level == "error" else "yellow"), f": {literal(e.source)}: {literal(e.reason)}"
    )


def note(message: str) -> None:
    """A line on stderr that is neither an error nor a result (another process writes to the store)."""
    err.print(literal(message))


class RichProgress(BuildProgress):
    def __init__(self, bar: Progress, quiet: bool = False) -> None:
        self.bar = bar
        self.quiet = quiet  # no bars: error lines go straight to stderr
        self.tasks: dict[str, TaskID] = {}

    def start(self, task: str, total: int | None) -> None:
        label = {
            "extract": "Reading and extracting",
            "re-extract": "Updating stored documents",
            "link": "Linking across documents",
        }
        # A label may name a URL or a path (the bars draw it without markup, see ``progress_bar``).
        self.tasks[task] = self.bar.add_task(literal(label.get(task, task)), total=total)

    def advance(self, task: str, n: int = 1) -> None:
        if task in self.tasks:
            self.bar.advance(self.tasks[task], n)

    def clear(self) -> None:
        """Remove every bar (between two rounds of `storyline watch`)."""
        for task_id in self.tasks.values():
            self.bar.remove_task(task_id)
        self.tasks.clear()

    def error(self, e: IngestError) -> None:
        if self.quiet:
            err.print(problem_line(e))
        else:
            self.bar.console.print(problem_line(e), highlight=False)

    def note(self, message: str) -> None:
        self.bar.console.print(literal(message), highlight=False)


class LogProgress(BuildProgress):
    """`--verbose`: one line per step with the time, for the log of a build nobody watches."""

    def step(self, phase: str, detail: str) -> None:
        err.print(f"{datetime.now():%H:%M:%S.%f} {phase}: {literal(detail)}")

    def error(self, e: IngestError) -> None:
        err.print(problem_line(e))

    def note(self, message: str) -> None:
        note(message)

    def clear(self) -> None:
        """Log lines stay: nothing to remove between two rounds of `storyline watch`."""


@contextmanager
def progress_bar(quiet: bool, verbose: bool = False) -> Iterator[RichProgress | LogProgress]:
    """Rich progress bars on stderr (none with ``quiet``: error and warning lines only); with
    ``verbose`` a log line per step instead of bars."""
    if verbose:
        yield LogProgress()
        return
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, disable=quiet, transient=False,
    ) as bar:  # fmt: skip
        yield RichProgress(bar, quiet)


def fail(message: str) -> typer.Exit:
    """``error: message`` on stderr; the exit (code 2: the command could not run as asked) to raise."""
    err.print(f"error: {message}", markup=False)
    return typer.Exit(2)


def open_store(db: Path, readonly: bool = False) -> Store:
    """The store of a command; a writer waits for another one (a build) to finish and says so once, a reader
    never waits. A missing or unusable store is an error line and exit code 2."""
    from storyline.store import Store, StoreError

    if not db.exists():
        raise fail(f"{db}: no such store; run `storyline build FOLDER --db {db}` first")
    try:
        return Store(db, readonly=readonly, on_wait=note)
    except StoreError as exc:
        raise fail(str(exc)) from exc


def print_skipped(report: BuildReport) -> None:
    """``warning: 3 documents: quotes skipped (ValueError: ...)``: what extraction steps could not do, at the end."""
    for line in report.skipped_lines():
        err.print(Text.assemble(("warning", "yellow"), f": {literal(line)}"))


def report_line(report: BuildReport, db: Path) -> str:
    """What a build did, in a line or two (the second one about fetching and WARC files)."""
    wps = report.words / report.seconds if report.seconds else 0.0
    line = (
        f"{report.stored} new documents stored, {report.duplicates} already stored, "
        f"{len(report.errors)} failed, {len(report.warnings)} warnings; {report.storylines} storylines, "
        f"{report.stories} stories, "
        f"{report.entities} entities in {literal(str(db))} ({report.seconds:.1f} s, {wps:,.0f} words/s)"
    )
    extra = report.sources.summary()
    if report.stopped:
        extra = "; ".join(x for x in ("stopped by Ctrl+C after a whole batch", extra) if x)
    return f"{line}\n{extra}" if extra else line
