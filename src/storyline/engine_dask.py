"""`storyline build --engine dask`: ingest and per-document extraction as Dask tasks.

The input files are cut into partitions (a file is never split; a WARC file is cut into byte
ranges of ``WARC_SLICE_BYTES``, see ``storyline.ingest.sources.warc``); web pages are fetched here,
politely, and sent to the workers in partitions of ``PAGES_PER_PARTITION``. Each partition is read,
cleaned and extracted by a Dask worker, and the results (plain, picklable dataclasses) come back to
this process, which alone writes the store and links across documents, exactly as a local build
does. Results are consumed in partition order, so the store ends up the same as after a local build.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from storyline.extract.batch import extract_safely
from storyline.ingest import DEFAULT_MAX_BYTES, gather_metadata
from storyline.ingest.readers import discover
from storyline.ingest.sources import FetchedPage, SourceReader, SourceStats, WorkItem, classify, read_items
from storyline.model import ArticleMeta, Document, Extraction, IngestError
from storyline.settings import Settings, current, install

FILES_PER_PARTITION = 64
BYTES_PER_PARTITION = 1024 * 1024  # a JSON Lines file holds many articles: cut by size too (~400 articles)
IN_FLIGHT_PER_WORKER = 2  # partitions queued ahead per worker; bounds what waits in memory
# A WARC.gz slice of 4 MiB holds about 100-200 news pages (CC-NEWS: ~30 KiB a compressed record),
# a task of a few dozen seconds whose results stay a few MB.
WARC_SLICE_BYTES = 4 * 1024 * 1024
PAGES_PER_PARTITION = 32  # fetched pages sent to a worker at a time

Result = tuple[Document, Extraction] | IngestError


@dataclass(frozen=True)
class DaskOptions:
    """Where the Dask tasks run: a running scheduler, or a local cluster of ``workers`` processes."""

    scheduler: str | None = None
    workers: int = 2


def process_partition(
    items: list[WorkItem], metadata: dict[Path, ArticleMeta], max_bytes: int, batch_size: int, settings: Settings
) -> tuple[list[Result], SourceStats]:
    """One Dask task: read, clean and extract the articles of some files, WARC records or pages, with the
    settings of the build that sent it."""
    install(settings)
    out: list[Result] = []
    docs: list[Document] = []
    stats = SourceStats()
    for item in read_items(items, metadata, max_bytes, stats):
        if isinstance(item, IngestError):
            out.append(item)
        else:
            docs.append(item)
    for i in range(0, len(docs), batch_size):
        done, errors = extract_safely(docs[i : i + batch_size], batch_size)
        out.extend(done)
        out.extend(errors)
    return out, stats


def _page_partitions(pages: Iterable[FetchedPage | IngestError]) -> Iterator[list[WorkItem] | IngestError]:
    part: list[WorkItem] = []
    for page in pages:
        if isinstance(page, IngestError):
            yield page
            continue
        part.append(page)
        if len(part) >= PAGES_PER_PARTITION:
            yield part
            part = []
    if part:
        yield part


def partitions(
    paths: list[Path], per_partition: int = FILES_PER_PARTITION, max_bytes: int = BYTES_PER_PARTITION
) -> tuple[list[list[WorkItem]], list[IngestError]]:
    """Files in input order, cut after ``per_partition`` files or ``max_bytes`` of input."""
    parts: list[list[WorkItem]] = []
    errors: list[IngestError] = []
    current: list[WorkItem] = []
    size = 0
    for found in discover(paths):
        if isinstance(found, IngestError):
            errors.append(found)
            continue
        try:
            size += found.stat().st_size
        except OSError:
            pass  # the worker reports the unreadable file
        current.append(str(found))
        if len(current) >= per_partition or size >= max_bytes:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts, errors


def run_dask(
    paths: list[Path | str],
    manifest: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 64,
    scheduler: str | None = None,
    workers: int = 2,
    per_partition: int = FILES_PER_PARTITION,
    reader: SourceReader | None = None,
) -> Iterator[tuple[Document, Extraction] | IngestError]:
    """Yield what the workers produced, partition by partition, in input order.

    Without ``scheduler`` a LocalCluster of ``workers`` processes (one thread each) is started and
    stopped again; with it, the tasks go to that running scheduler (its workers need Storyline, and
    the files and WARC files at the same paths). ``reader`` fetches the web pages of the sources
    (in this process: politeness is counted here) and keeps their cache.
    """
    own_reader = reader is None
    reader = reader or SourceReader()
    try:
        found = classify(paths)
        yield from found.errors
        metadata, meta_errors = gather_metadata(found.files, manifest)
        yield from meta_errors
        parts, errors = partitions(found.files, per_partition) if found.files else ([], [])
        yield from errors
        work: Iterator[list[WorkItem] | IngestError] = chain(
            parts,
            ([piece] for piece in reader.warc_slices(found.warcs, WARC_SLICE_BYTES)),
            _page_partitions(reader.pages(found.sources)) if found.sources else [],
        )
        yield from _run(work, metadata, max_bytes, batch_size, scheduler, workers, reader)
    finally:
        if own_reader:
            reader.close()


def _run(
    work: Iterator[list[WorkItem] | IngestError],
    metadata: dict[Path, ArticleMeta],
    max_bytes: int,
    batch_size: int,
    scheduler: str | None,
    workers: int,
    reader: SourceReader,
) -> Iterator[tuple[Document, Extraction] | IngestError]:
    first = None
    for part in work:  # errors before the first partition need no cluster
        if isinstance(part, IngestError):
            yield part
        else:
            first = part
            break
    if first is None:
        return
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        # scattered inside a list: Dask cannot scatter an empty dict (a folder with no metadata)
        [meta] = client.scatter([metadata], broadcast=True)
        settings = current()
        ahead = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = chain([first], work)
        futures: deque = deque()
        while True:
            # Only a few partitions are queued at a time, so a large corpus never sits finished in
            # the workers' memory while this process is still storing earlier ones.
            while len(futures) < ahead and not reader.stop.is_set():
                queued = next(pending, None)
                if queued is None:
                    break
                if isinstance(queued, IngestError):
                    yield queued
                    continue
                fetched = {p.source: p for p in queued if isinstance(p, FetchedPage)}
                future = client.submit(process_partition, queued, meta, max_bytes, batch_size, settings, pure=False)
                futures.append((future, fetched))
            if not futures:
                break
            future, fetched = futures.popleft()
            try:
                results, stats = future.result()
            except Exception:
                if reader.stop.is_set():  # Ctrl+C reached the workers too: what is stored stays, the rest waits
                    break
                raise
            future.release()
            reader.stats.add(stats)
            for item in results:
                if isinstance(item, IngestError) and item.level == "error" and item.source in fetched:
                    reader.page_failed(fetched[item.source], item.reason)  # not fetched again
                yield item
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
