"""`storyline build`: ingest → extract → store, then link across everything stored.

The stages never call each other; this module moves plain data from one to the next.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.extract import EXTRACTOR_VERSION
from storyline.extract.batch import extract_safely
from storyline.ingest.sources import FetchSettings, SourceReader, SourceStats, classify, ingest_sources
from storyline.link import StoryIndex, cluster, link, link_storylines
from storyline.model import Document, Extraction, IngestError, LinkResult, StepWarning
from storyline.settings import Settings, current, use
from storyline.store import Store, stream
from storyline.store.fetch_cache import StoreFetchCache

if TYPE_CHECKING:
    from storyline.engine_dask import DaskOptions


class Progress:
    """Hooks for long work; the CLI draws them as Rich progress bars. The default does nothing."""

    def start(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, n: int = 1) -> None: ...

    def error(self, err: IngestError) -> None:
        """One bad input: an error, or a warning (``err.level``) about an article that was stored."""

    def step(self, phase: str, detail: str) -> None:
        """A step of the build: a document read, a batch extracted or stored, a stage of linking."""

    def note(self, message: str) -> None:
        """Something the user should know that is not an error (another build holds the store)."""


@dataclass
class BuildReport:
    articles: int = 0  # articles read without error
    stored: int = 0  # new documents stored
    duplicates: int = 0  # articles already in the store (re-ingested or repeated)
    reextracted: int = 0  # stored documents extracted again by a newer extractor
    words: int = 0  # words of the documents extracted in this run
    errors: list[IngestError] = field(default_factory=list)  # inputs not read or not stored
    warnings: list[IngestError] = field(default_factory=list)  # stored, with a value ignored or text repaired
    stories: int = 0
    storylines: int = 0
    entities: int = 0
    seconds: float = 0.0
    sources: SourceStats = field(default_factory=SourceStats)  # fetching and WARC counts
    stopped: bool = False  # Ctrl+C: reading stopped after a whole batch
    skipped: list[tuple[str, StepWarning]] = field(default_factory=list)  # (document source, what a step could not do)

    def skipped_lines(self) -> list[str]:
        """One line per extraction step and exception that left documents without a result:
        ``3 documents: quotes skipped (ValueError: ...)`` (the first reason as an example)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for _source, w in self.skipped:
            groups.setdefault((w.step, w.reason.partition(":")[0]), []).append(w.reason)
        lines = []
        for (step, _kind), reasons in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            n = len(reasons)
            lines.append(f"{n} document{'s' * (n != 1)}: {step} skipped ({reasons[0]})")
        return lines


class Builder:
    def __init__(
        self,
        store: Store,
        batch_size: int | None = None,
        progress: Progress | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.batch_size = batch_size or current().build.batch_size
        self.progress = progress or Progress()
        self.report = BuildReport()
        self.stop = stop or threading.Event()  # set (by Ctrl+C): store the batch at hand, read no more

    def _fail(self, err: IngestError) -> None:
        (self.report.warnings if err.level == "warning" else self.report.errors).append(err)
        self.progress.error(err)

    def _stored(self, done: list[tuple[Document, Extraction]]) -> None:
        """Count what a stored batch added, and what its extraction steps could not do."""
        self.report.stored += len(done)
        self.report.words += sum(len(d.text.split()) for d, _ in done)
        self.report.skipped += [(doc.source, w) for doc, ex in done for w in ex.warnings]

    def _store_batch(self, docs: list[Document]) -> None:
        known = self.store.known_ids([d.id for d in docs], extracted_with=EXTRACTOR_VERSION)
        fresh: dict[str, Document] = {}
        repeats = []
        for d in docs:
            if d.id in known or d.id in fresh:
                repeats.append(d)
            else:
                fresh[d.id] = d
        if fresh:
            self.progress.step("extract", f"{len(fresh)} documents")
            done, errors = extract_safely(list(fresh.values()), self.batch_size)
            for err in errors:
                self._fail(err)
            try:
                self.store.save_batch(done, EXTRACTOR_VERSION)
            except sqlite3.Error as exc:  # report and keep going: the batch was rolled back
                for doc, _ex in done:
                    self._fail(IngestError(doc.source, f"could not be stored ({type(exc).__name__}: {exc})"))
            else:
                self._stored(done)
                self.progress.step("store", f"{len(done)} documents stored ({self.report.stored} in this build)")
        if repeats:  # after the batch is stored: a repeat may copy a document of this very batch
            stored = self.store.known_ids([d.id for d in repeats])
            self.report.duplicates += len(repeats)
            self.store.add_sources([d for d in repeats if d.id in stored])
        self.progress.advance("extract", len(docs))

    def _batches(self, items: Iterable[Any]) -> Iterator[list[Any]]:
        """The good items in batches of ``batch_size``; each bad one is reported and skipped."""
        batch: list[Any] = []
        stream = iter(items)
        try:
            for item in stream:
                if isinstance(item, IngestError):
                    self._fail(item)
                else:
                    self.report.articles += 1
                    self.progress.step("read", (item[0] if isinstance(item, tuple) else item).source)
                    batch.append(item)
                if len(batch) >= self.batch_size:
                    yield batch
                    batch = []
                if self.stop.is_set():
                    self.report.stopped = True
                    break
            if batch:
                yield batch
        finally:
            close = getattr(stream, "close", None)
            if close is not None:  # stops fetching and Dask workers at once when reading stops early
                close()

    def add_extracted(self, items: Iterable[tuple[Document, Extraction] | IngestError]) -> None:
        """Store documents extracted elsewhere (by Dask workers), skipping those already stored."""
        for batch in self._batches(items):
            known = self.store.known_ids([d.id for d, _ in batch], extracted_with=EXTRACTOR_VERSION)
            fresh: dict[str, tuple[Document, Extraction]] = {}
            repeats = []
            for d, ex in batch:
                if d.id in known or d.id in fresh:
                    repeats.append(d)
                else:
                    fresh[d.id] = (d, ex)
            if fresh:
                self.store.save_batch(list(fresh.values()), EXTRACTOR_VERSION)
                self._stored(list(fresh.values()))
                self.progress.step("store", f"{len(fresh)} documents stored ({self.report.stored} in this build)")
            if repeats:
                self.report.duplicates += len(repeats)
                self.store.add_sources(repeats)
            self.progress.advance("extract", len(batch))

    def add(self, items: Iterable[Document | IngestError]) -> None:
        for batch in self._batches(items):
            self._store_batch(batch)

    def refresh_stale(self) -> None:
        """Extract again the stored documents that an older extractor version produced."""
        stale = [
            r[0]
            for r in self.store.conn.execute(
                "SELECT id FROM documents WHERE extracted_with IS NOT ? ORDER BY id", (EXTRACTOR_VERSION,)
            )
        ]
        if not stale:
            return
        self.progress.start("re-extract", len(stale))
        for i in range(0, len(stale), self.batch_size):
            docs = list(self.store.load_documents(stale[i : i + self.batch_size]))
            done, errors = extract_safely(docs, self.batch_size)
            for err in errors:
                self._fail(err)
            self.store.save_batch(done, EXTRACTOR_VERSION)
            self.report.reextracted += len(done)
            self.report.skipped += [(doc.source, w) for doc, ex in done for w in ex.warnings]
            self.progress.advance("re-extract", len(docs))

    def _link_storylines(self, touched: set[str], recluster: bool) -> dict[str, list[str]]:
        """Link every story into storylines; store the result. Returns the storylines to link again (those
        whose stories changed, moved or vanished), each with its stories now."""
        store = self.store
        previous = stream.storyline_membership(store)
        membership = link_storylines(
            stream.story_profiles(store), store.overrides("storyline"), stream.actor_weights(store)
        )
        moved = {s for s in set(previous) | set(membership) if previous.get(s) != membership.get(s)}
        changed = {line for s in touched | moved for line in (previous.get(s), membership.get(s)) if line}
        if recluster:
            changed |= set(membership.values())
        stream.save_storylines(store, membership)
        lines: dict[str, list[str]] = {line: [] for line in changed}
        for story, line in sorted(membership.items()):
            if line in lines:
                lines[line].append(story)
        return lines

    def _link(
        self, index: StoryIndex, story_overrides: list[tuple[str, str, str]], lines: dict[str, list[str]]
    ) -> None:
        """Link the given storylines again, a few thousand documents at a time (a bigger storyline goes
        alone), and drop the stories and storylines that no longer exist."""
        store = self.store
        entity_overrides = store.overrides("entity")
        group: list[str] = []
        size = 0
        ordered = sorted(lines)
        for n, line in enumerate(ordered):
            group.append(line)
            size += len(stream.story_members(store, lines[line]))
            if size < current().build.link_chunk and n < len(ordered) - 1:
                continue
            stories = [s for g in group for s in lines[g]]
            ids = stream.story_members(store, stories)
            docs = list(store.load_documents(ids, with_raw=False))
            extractions = list(store.load_extractions([d.id for d in docs]))
            storyline_of = {s: g for g in group for s in lines[g]}
            result = link(docs, extractions, entity_overrides, story_overrides, index=index, storyline_of=storyline_of)
            store.save_links(result, {*group, *stories, *stream.stories_of_lines(store, group)}, [d.id for d in docs])
            self.progress.step("link", f"{n + 1} of {len(ordered)} storylines linked")
            group, size = [], 0
        stream.drop_unlinked(store)

    def relink(self, recluster: bool = False, also: Iterable[str] = ()) -> None:
        """Put the new documents in stories, then link again only the stories that changed.

        Clustering reads the stored story states, never the stored documents; entity resolution and
        the other cross-document steps run over the documents of the changed stories.
        ``recluster`` forgets every story and clusters the whole store again (overrides still apply).

        All of it is one transaction. A process killed while linking leaves the store as it was
        before (its new documents stored but in no story yet, so the next build links them); readers
        see the old stories until the new ones are complete.
        """
        with self.store.transaction():
            self._relink(recluster, also)
        self.progress.step(
            "link",
            f"done: {self.report.storylines} storylines, {self.report.stories} stories, {self.report.entities} entities",
        )

    def _relink(self, recluster: bool, also: Iterable[str]) -> None:

        self.progress.start("link", None)
        store = self.store
        self.progress.step("link", "started")
        if recluster:
            with store.transaction() as conn:
                for table in ("story_assignments", "story_index", "actor_df", "minhash_bands", "storyline_assignments"):
                    conn.execute(f"DELETE FROM {table}")
                conn.execute("UPDATE documents SET duplicate_of = NULL")
        story_overrides = store.overrides("story")
        pending = stream.pending_ids(store)
        index = stream.load_index(store, pending, story_overrides)
        finder = stream.duplicate_finder(store)
        step = current().build.cluster_batch  # bounded memory: the features of this many documents at a time
        for i in range(0, len(pending), step):
            ids = pending[i : i + step]
            docs = list(store.load_documents(ids, with_raw=False))
            exs = {ex.doc_id: ex for ex in store.load_extractions(ids)}
            cluster(docs, exs, index, finder)
        index.apply_overrides(story_overrides)
        stream.save_state(store, index, finder)
        touched = index.changed | index.removed | set(also)  # ``also``: stories a correction touches
        self.progress.step("link", f"{len(index.assigned)} documents put in stories")
        lines = self._link_storylines(touched, recluster)
        self.progress.step("link", f"{len(lines)} storylines to link")
        if recluster:
            store.save_links(LinkResult())  # every storyline is linked again below
        self._link(index, story_overrides, lines)
        if lines:
            store.prune_entities()
        self.report.stories = int(
            store.conn.execute("SELECT count(*) FROM stories WHERE level = 'story'").fetchone()[0]
        )
        self.report.storylines = int(
            store.conn.execute("SELECT count(*) FROM stories WHERE level = 'storyline'").fetchone()[0]
        )
        self.report.entities = int(store.conn.execute("SELECT count(*) FROM entities").fetchone()[0])
        self.progress.advance("link", 1)


def count_inputs(paths: list[Path], max_bytes: int | None = None) -> int:
    """How many articles the paths hold (JSON Lines count a line each), for the progress bar."""
    from storyline.ingest.decode import DecodeError
    from storyline.ingest.readers import FORMATS, discover, read_limited

    total = 0
    max_bytes = max_bytes or current().build.max_bytes
    for p in discover(paths):
        if not isinstance(p, Path):
            continue
        if FORMATS.get(p.suffix.lower()) == "jsonl":
            try:  # read as ingest reads it: regular files only, never past the size limit
                total += sum(1 for line in read_limited(p, max_bytes).splitlines() if line.strip())
            except (OSError, DecodeError):
                total += 1
        else:
            total += 1
    return total


def build(
    paths: list[Path | str],
    db: Path,
    manifest: Path | None = None,
    max_bytes: int | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    documents: Callable[[], Iterable[Document | IngestError]] | None = None,
    extracted: Callable[[], Iterable[tuple[Document, Extraction] | IngestError]] | None = None,
    recluster: bool = False,
    fetch: FetchSettings | None = None,
    dask: DaskOptions | None = None,
    stop: threading.Event | None = None,
    settings: Settings | None = None,
) -> BuildReport:
    """Add articles to the store and bring every cross-document result up to date.

    ``paths`` are article files and folders, WARC files, feeds, sitemaps, URL lists and URLs
    (``storyline.ingest.sources``); ``fetch`` says how pages are fetched. ``dask`` reads and
    extracts on Dask workers. ``documents`` replaces the local ingest; ``extracted`` replaces
    ingest and extraction both. ``stop`` (set by Ctrl+C) ends reading after the batch at hand; what
    was stored is linked. ``settings`` (``storyline build --config``) replace the thresholds and weights
    in force for this build; ``max_bytes`` and ``batch_size`` default to theirs.

    The store is written by this process only: it holds the store's writer lock from start to end
    (fetch-cache rows included), and waits for another writer's (``progress.note`` says so).
    """
    with use(settings or current()):
        return _build(paths, db, manifest, max_bytes, batch_size, progress, documents, extracted, recluster, fetch,
                      dask, stop)  # fmt: skip


def _build(
    paths: list[Path | str],
    db: Path,
    manifest: Path | None,
    max_bytes: int | None,
    batch_size: int | None,
    progress: Progress | None,
    documents: Callable[[], Iterable[Document | IngestError]] | None,
    extracted: Callable[[], Iterable[tuple[Document, Extraction] | IngestError]] | None,
    recluster: bool,
    fetch: FetchSettings | None,
    dask: DaskOptions | None,
    stop: threading.Event | None,
) -> BuildReport:
    started = time.perf_counter()
    progress = progress or Progress()
    max_bytes = max_bytes or current().build.max_bytes
    with Store(db, on_wait=progress.note) as store:
        builder = Builder(store, batch_size, progress, stop)
        with SourceReader(StoreFetchCache(store), fetch, builder.progress, builder.stop) as reader:
            if extracted is None and dask is not None:
                from storyline.engine_dask import run_dask

                items = run_dask(paths, manifest, max_bytes, builder.batch_size, dask.scheduler, dask.workers,
                                 reader=reader)  # fmt: skip
                builder.progress.start("extract", None)
                builder.add_extracted(items)
            elif extracted is not None:
                builder.progress.start("extract", None)
                builder.add_extracted(extracted())
            else:
                found = classify(paths) if documents is None else None
                total = count_inputs(found.files, max_bytes) if found and not (found.warcs or found.sources) else None
                builder.progress.start("extract", total)
                builder.add(documents() if documents else ingest_sources(paths, manifest, max_bytes, reader))
        builder.report.sources = reader.stats
        if not builder.report.stopped:
            builder.refresh_stale()
        builder.relink(recluster=recluster)
    builder.report.seconds = time.perf_counter() - started
    return builder.report


def relink(db: Path, progress: Progress | None = None) -> BuildReport:
    """Bring the stories up to date without reading new articles (after a merge or a split)."""
    started = time.perf_counter()
    progress = progress or Progress()
    with Store(db, on_wait=progress.note) as store:
        builder = Builder(store, progress=progress)
        builder.relink()
    builder.report.seconds = time.perf_counter() - started
    return builder.report
