"""From sources (feeds, sitemaps, URL lists, URLs) to the pages they lead to, fetched politely.

``SourceReader.pages`` walks the sources in order: a feed or a sitemap lists pages, a sitemap
index lists sitemaps, a URL list lists anything. Pages are fetched on a thread pool (at most
``per_host`` at a time per host, spaced by the host delay) and handed back in the order listed.
Everything about the cache happens in the caller's thread: a link seen before is not fetched, a
feed is fetched with its ETag / Last-Modified, and a page that fails for good is remembered.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin

from storyline.ingest.decode import DecodeError
from storyline.ingest.readers import read_limited
from storyline.ingest.sources.cache import FetchCache, MemoryFetchCache
from storyline.ingest.sources.feeds import parse_feed
from storyline.ingest.sources.fetcher import Expect, Fetched, Fetcher, FetchError, now_iso
from storyline.ingest.sources.items import Entry, FetchedPage, SourceStats, WarcSlice
from storyline.ingest.sources.settings import FetchSettings
from storyline.ingest.sources.sitemaps import parse_sitemap
from storyline.ingest.sources.sniff import sniff, unpack, url_list
from storyline.ingest.sources.urls import UnsafeURL, is_web_url, normalize_url
from storyline.ingest.sources.warc import warc_slices
from storyline.model import ArticleMeta, CachedFetch, IngestError

PROGRESS_DEPTH = 1  # sources nested deeper than this (the sitemaps of an index) get no progress bar of their own
MIB = 1024 * 1024  # a WARC file's progress bar counts mebibytes


class SourceProgress(Protocol):
    """The progress hooks the sources stage calls (the pipeline's ``Progress`` has them)."""

    def start(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, n: int = 1) -> None: ...

    def step(self, phase: str, detail: str) -> None: ...


class _NoProgress:
    def start(self, task: str, total: int | None) -> None: ...

    def advance(self, task: str, n: int = 1) -> None: ...

    def step(self, phase: str, detail: str) -> None: ...


@dataclass
class _Job:
    location: str  # a normalized URL, or a local file
    expect: Expect
    label: str  # how error lines name it
    depth: int = 0
    meta: ArticleMeta = field(default_factory=ArticleMeta)  # what the listing said about a page
    warnings: list[IngestError] = field(default_factory=list)  # about those values, shown with its document
    task: str | None = None  # the progress bar it counts in
    cached: CachedFetch | None = None
    skip: bool = False

    @property
    def local(self) -> bool:
        return not is_web_url(self.location)


class SourceReader:
    def __init__(
        self,
        cache: FetchCache | None = None,
        settings: FetchSettings | None = None,
        progress: SourceProgress | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.cache: FetchCache = cache if cache is not None else MemoryFetchCache()
        self.settings = settings or FetchSettings()
        self.progress: SourceProgress = progress or _NoProgress()
        self.stop = stop or threading.Event()
        self.stats = SourceStats()
        self._fetcher: Fetcher | None = None
        self._asked: set[str] = set()  # URLs already taken up in this run

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def __enter__(self) -> SourceReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- WARC files ---------------------------------------------------------------------

    def warc_slices(self, paths: list[Path], slice_bytes: int | None = None) -> Iterator[WarcSlice]:
        """The WARC files as slices, each knowing which of its records are already stored."""
        for path in paths:
            prefix = f"{path}#"
            offsets = (s[len(prefix) :] for s in self.cache.stored_sources(prefix))
            yield from warc_slices(path, slice_bytes, frozenset(int(o) for o in offsets if o.isdigit()))

    def track(
        self, piece: WarcSlice, items: Iterable[FetchedPage | IngestError]
    ) -> Iterator[FetchedPage | IngestError]:
        """Pass the pages of a WARC file on, moving its progress bar (in MiB read) as they come."""
        try:
            size = os.path.getsize(piece.path)
        except OSError:
            size = 0
        task, total, done = f"Reading {piece.path} (MiB)", max(1, -(-size // MIB)), 0
        self.progress.start(task, total)
        for item in items:
            _path, _, offset = item.source.rpartition("#")
            if offset.isdigit() and int(offset) // MIB > done:
                self.progress.advance(task, int(offset) // MIB - done)
                done = int(offset) // MIB
            yield item
        self.progress.advance(task, total - done)

    # ---- feeds, sitemaps, URL lists, URLs -----------------------------------------------

    def pages(self, sources: list[str]) -> Iterator[FetchedPage | IngestError]:
        """Every page the sources lead to that was not read before, in the order listed."""
        yield from self._run(_Job(s, "any", s) for s in sources)

    def page_failed(self, page: FetchedPage, reason: str) -> None:
        """A fetched page gave no document (no article text, say): it is not fetched again."""
        if is_web_url(page.source):
            self.cache.put(CachedFetch(page.source, "page", page.fetched_at, 200, failed=reason))

    def _start(self, job: _Job) -> partial[Fetched] | None:
        if job.local:
            return None
        if job.location in self._asked:
            job.skip = True  # listed twice in this run: once is enough
            return None
        self._asked.add(job.location)
        cached = self.cache.get(job.location)
        if cached is not None and cached.kind != "page" and cached.failed is None:
            job.cached = cached  # a feed, sitemap or list: ask whether it changed
        elif job.expect != "sitemap" and self.cache.seen(job.location):
            job.skip = True
            self.stats.seen_before += 1
            return None
        return partial(self.fetcher.fetch, job.location, job.expect, job.cached)

    def _jobs(self, jobs: Iterable[_Job]) -> Iterator[_Job]:
        for job in jobs:
            if self.stop.is_set():  # Ctrl+C: nothing new is started
                return
            yield job

    def _run(self, jobs: Iterable[_Job]) -> Iterator[FetchedPage | IngestError]:
        for job, result in self.fetcher.fetch_many(self._jobs(jobs), self._start):
            if job.skip:
                pass
            elif job.local:
                yield from self._local(job)
            elif isinstance(result, FetchError):
                # A link that failed for good is not asked for again; a source the user named is.
                if result.final and (
                    job.expect == "page" or (job.expect == "any" and job.depth > 0 and job.cached is None)
                ):
                    self.cache.put(CachedFetch(job.location, "page", now_iso(), result.status, failed=result.reason))
                yield IngestError(job.label, result.reason)
            elif result is not None:
                answer = "not modified" if result.not_modified else str(result.status)
                self.progress.step("fetch", f"{job.location}: {answer}")  # a failure has its error line
                if result.not_modified:
                    self.stats.not_modified += 1
                else:
                    self.stats.fetched += 1
                yield from self._read(job, result.body, result)
            if job.task is not None:
                self.progress.advance(job.task)

    def _local(self, job: _Job) -> Iterator[FetchedPage | IngestError]:
        try:  # as article files are read: regular files only, never past the limit
            body = read_limited(job.location, self.settings.max_source_bytes, hint="")
        except DecodeError as exc:
            yield IngestError(job.label, str(exc))
            return
        except OSError as exc:
            yield IngestError(job.label, f"cannot read file ({exc.strerror or exc})")
            return
        yield from self._read(job, body, None)

    def _read(self, job: _Job, body: bytes, fetched: Fetched | None) -> Iterator[FetchedPage | IngestError]:
        """A document fetched or read: a page is handed on, a feed or list leads to more."""
        try:
            data = unpack(body)
        except ValueError as exc:
            yield IngestError(job.label, f"gzip body could not be read: {exc}")
            return
        media = fetched.media_type if fetched else None
        kind = sniff(data, media)
        if kind == "page":
            if job.expect == "sitemap" or fetched is None:
                yield IngestError(job.label, "is an HTML page, not a feed, sitemap or URL list")
                return
            yield FetchedPage(job.location, fetched.final_url, data, fetched.fetched_at, fetched.charset,
                              job.meta, job.warnings)  # fmt: skip
            return
        if kind == "unknown":
            yield IngestError(job.label, f"not a feed, sitemap, URL list or HTML page ({media or 'unknown type'})")
            return
        if job.expect == "page":
            yield IngestError(job.label, f"is a {'URL list' if kind == 'urls' else kind}, not an article page")
            return
        if fetched is not None and not fetched.not_modified:
            self.cache.put(CachedFetch(job.location, kind, fetched.fetched_at, fetched.status, fetched.etag,
                                       fetched.last_modified, fetched.media_type, body))  # fmt: skip
        if job.depth >= self.settings.max_source_depth:
            depth = self.settings.max_source_depth
            yield IngestError(job.label, f"sources nested more than {depth} deep are not followed")
            return
        base = fetched.final_url if fetched else None
        expect: Expect = "page"
        if kind == "feed":
            feed = parse_feed(data, base, job.label)
            entries, error = feed.entries, feed.error
        elif kind == "sitemap":
            sitemap = parse_sitemap(data, job.label)
            entries, error = sitemap.entries, sitemap.error
            expect = "sitemap" if sitemap.kind == "index" else "page"
        else:
            entries, error, expect = url_list(data.decode("utf-8", errors="replace")), None, "any"
        if error:
            yield IngestError(job.label, error)
            entries = [e for e in entries if e.url]  # an entry cut short by the fault is part of that one error
        task = f"Reading {job.label}" if job.depth <= PROGRESS_DEPTH else None
        if task is not None:
            self.progress.start(task, len(entries))
        children = []
        for entry in entries:
            child = self._child(job, entry, base, expect, task)
            if isinstance(child, _Job):
                children.append(child)
                continue
            if child is not None:
                yield child
            if task is not None:
                self.progress.advance(task)
        yield from self._run(children)

    def _child(
        self, parent: _Job, entry: Entry, base: str | None, expect: Expect, task: str | None
    ) -> _Job | IngestError | None:
        """The job of a listed link; a link that cannot be fetched gets its error line once."""
        if not entry.url:
            return IngestError(parent.label, f"{entry.where} has no link")
        link = urljoin(base, entry.url) if base else entry.url
        try:
            url = normalize_url(link)
        except UnsafeURL as exc:
            if self.cache.seen(link):
                return None
            self.cache.put(CachedFetch(link, "page", now_iso(), failed=str(exc)))
            return IngestError(parent.label, f"{entry.where}: {exc} ({entry.url})")
        return _Job(url, expect, url, parent.depth + 1, entry.meta, entry.warnings, task)
