"""Plain data of the sources stage: links found, pages fetched, slices of WARC files, counts.

These travel to Dask workers too, so they are small picklable dataclasses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from storyline.model import ArticleMeta, IngestError


@dataclass
class Entry:
    """A link found in a feed, sitemap or URL list, and the metadata given with it."""

    url: str  # as written (made absolute against the document's URL); checked before fetching
    meta: ArticleMeta = field(default_factory=ArticleMeta)  # title, published, byline, outlet, language
    where: str = ""  # "entry 3", "line 12": where a bad link sits, for its error line
    # One warning per bad metadata value (``fields.read_fields``), shown with the page's document.
    warnings: list[IngestError] = field(default_factory=list)


@dataclass
class FetchedPage:
    """An HTML page fetched from the web (or read from a WARC record), before extraction."""

    source: str  # the URL as listed (the document's source), or "file.warc.gz#offset"
    url: str  # where the page was found in the end (after redirects), or the WARC target URI ("": none)
    body: bytes
    fetched_at: str  # ISO 8601: when it was fetched (never taken for the publication date)
    charset: str | None = None  # from the Content-Type header
    meta: ArticleMeta = field(default_factory=ArticleMeta)  # from the feed or sitemap entry
    warnings: list[IngestError] = field(default_factory=list)  # about the entry's metadata values


@dataclass(frozen=True)
class WarcSlice:
    """The records of a WARC file that start in ``[start, end)`` (end None: to the end of the file)."""

    path: str
    start: int = 0
    end: int | None = None
    done: frozenset[int] = frozenset()  # offsets of records whose documents are already stored


@dataclass
class SourceStats:
    """What the sources stage did, for the summary line of `build` and `watch`."""

    fetched: int = 0  # responses read in full (pages, feeds, sitemaps, URL lists)
    not_modified: int = 0  # feeds, sitemaps and lists that answered "304 Not Modified"
    seen_before: int = 0  # links not fetched because a run before already read them
    warc_records: int = 0  # WARC records read
    warc_pages: int = 0  # of them, HTML responses with status 200 (extracted)
    warc_done: int = 0  # of them, records whose documents were already stored (not extracted again)
    warc_skipped: Counter[str] = field(default_factory=Counter)  # other records, by reason

    def add(self, other: SourceStats) -> None:
        self.fetched += other.fetched
        self.not_modified += other.not_modified
        self.seen_before += other.seen_before
        self.warc_records += other.warc_records
        self.warc_pages += other.warc_pages
        self.warc_done += other.warc_done
        self.warc_skipped.update(other.warc_skipped)

    def summary(self) -> str:
        """One line for the end of a run ("" when no source was fetched or archived)."""
        parts = []
        if self.fetched or self.not_modified or self.seen_before:
            parts.append(
                f"fetched {_n(self.fetched, 'URL')}, {self.not_modified:,} not modified, "
                f"{_n(self.seen_before, 'link')} seen before and not fetched again"
            )
        if self.warc_records:
            skipped = ", ".join(f"{n:,} {why}" for why, n in sorted(self.warc_skipped.items()))
            parts.append(
                f"WARC: {_n(self.warc_records, 'record')}, {_n(self.warc_pages, 'HTML page')}"
                + (f" ({self.warc_done:,} already stored)" if self.warc_done else "")
                + (f", skipped {skipped}" if skipped else "")
            )
        return "; ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
