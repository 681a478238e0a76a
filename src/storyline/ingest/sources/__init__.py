"""Sources: feeds, sitemaps, URL lists, single URLs and WARC archives → Documents.

The same ingest as for files, with one more step before it: sources lead to web pages, which are
fetched politely (``fetcher``, ``robots``, ``settings``) or read from WARC records (``warc``), then
extracted like HTML files (``pages``). The store is reached only through a ``FetchCache``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.ingest import DEFAULT_MAX_BYTES, ingest, ingest_files
from storyline.ingest.sources.cache import FetchCache, MemoryFetchCache
from storyline.ingest.sources.inputs import Inputs, classify
from storyline.ingest.sources.items import FetchedPage, SourceStats, WarcSlice
from storyline.ingest.sources.pages import page_document
from storyline.ingest.sources.reader import SourceProgress, SourceReader
from storyline.ingest.sources.settings import FetchSettings
from storyline.ingest.sources.warc import read_warc
from storyline.model import ArticleMeta, Document, IngestError

__all__ = [
    "FetchCache",
    "FetchSettings",
    "FetchedPage",
    "Inputs",
    "MemoryFetchCache",
    "SourceProgress",
    "SourceReader",
    "SourceStats",
    "WarcSlice",
    "WorkItem",
    "classify",
    "ingest_sources",
    "read_items",
]

WorkItem = str | WarcSlice | FetchedPage  # an article file's path, a slice of a WARC file, a fetched page


def _documents(
    pages: Iterable[FetchedPage | IngestError], max_bytes: int, reader: SourceReader | None
) -> Iterator[Document | IngestError]:
    for page in pages:
        if isinstance(page, IngestError):
            yield page
            continue
        items = page_document(page, max_bytes)
        last = items[-1]
        if isinstance(last, IngestError) and reader is not None:  # the page gave no document
            reader.page_failed(page, last.reason)
        yield from items


def ingest_sources(
    inputs: list[str | Path],
    manifest: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    reader: SourceReader | None = None,
) -> Iterator[Document | IngestError]:
    """Like ``ingest``, for any inputs: article files and folders first (as ``ingest`` reads
    them), then WARC files, then feeds, sitemaps, URL lists and URLs, in the order given."""
    own = reader is None
    reader = reader or SourceReader()
    try:
        found = classify(inputs)
        yield from found.errors
        if found.files:
            yield from ingest(found.files, manifest, max_bytes)
        for piece in reader.warc_slices(found.warcs):
            yield from _documents(reader.track(piece, read_warc(piece, max_bytes, reader.stats)), max_bytes, None)
        if found.sources:
            yield from _documents(reader.pages(found.sources), max_bytes, reader)
    finally:
        if own:
            reader.close()


def read_items(
    items: Iterable[WorkItem], metadata: dict[Path, ArticleMeta], max_bytes: int, stats: SourceStats
) -> Iterator[Document | IngestError]:
    """Read work items where they were sent (a Dask worker): files, WARC slices, fetched pages."""
    for item in items:
        if isinstance(item, WarcSlice):
            yield from _documents(read_warc(item, max_bytes, stats), max_bytes, None)
        elif isinstance(item, FetchedPage):
            yield from _documents([item], max_bytes, None)
        else:
            yield from ingest_files([Path(item)], metadata, max_bytes)
