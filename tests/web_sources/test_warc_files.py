"""WARC and WARC.gz files built in the tests with warcio: what is extracted, what is skipped and
counted, damaged files, slices for the Dask engine, and the store after a build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.ingest.sources import SourceReader, SourceStats, WarcSlice, ingest_sources
from storyline.ingest.sources.warc import read_warc, warc_slices
from storyline.model import Document, IngestError
from storyline.pipeline import build

DATES = ["2025-03-02T06:10:00Z", "2025-03-02T06:11:30Z", "2025-03-02T07:00:00Z"]


def _pages(page, n: int = 3, first: int = 60) -> list[tuple]:
    pages = [(f"https://news.example/{first + i}", page(first + i), DATES[i % 3]) for i in range(n)]
    if n >= 3:  # one page says when it was published; one is in Latin-1
        pages[1] = (pages[1][0], page(first + 1, published="2025-02-27T18:00:00+01:00"), pages[1][2])
        pages[2] = (
            pages[2][0],
            page(first + 2, title="Café council vote", charset="iso-8859-1"),
            pages[2][2],
            "iso-8859-1",
        )
    return pages


def _read(inputs, reader: SourceReader | None = None):
    reader = reader or SourceReader()
    items = list(ingest_sources(inputs, reader=reader))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestError)], reader.stats


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_are_extracted_and_the_rest_counted(tmp_path: Path, make_warc, page, gz: bool) -> None:
    warc = make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), _pages(page), gz=gz)
    docs, errors, stats = _read([warc])
    assert errors == []
    assert [d.url for d in docs] == [f"https://news.example/{60 + i}" for i in range(3)]
    assert all(d.source.startswith(f"{warc}#") and d.source.split("#")[1].isdigit() for d in docs)
    # The WARC date is when the page was fetched, never its publication date.
    assert [d.fetched_at for d in docs] == DATES
    assert docs[0].published is None
    assert docs[1].published.startswith("2025-02-27")
    assert docs[2].title == "Café council vote"  # decoded with the charset the response declared
    assert stats.warc_pages == 3
    assert dict(stats.warc_skipped) == {
        "warcinfo records": 1, "request records": 3, "metadata records": 1,
        "responses with status other than 200": 2, "responses that are not HTML": 1,
    }  # fmt: skip
    assert stats.warc_records == 3 + sum(stats.warc_skipped.values())


def test_truncated_warc_gz_is_one_error_and_the_records_before_are_kept(tmp_path: Path, make_warc, page) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz", _pages(page, 6), extra=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])
    docs, errors, _stats = _read([cut])
    assert len(errors) == 1 and errors[0].source == str(cut)
    assert "truncated or damaged" in errors[0].reason
    assert 2 <= len(docs) < 6
    assert [d.url for d in docs] == [f"https://news.example/{60 + i}" for i in range(len(docs))]


def test_not_a_warc_file(tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("These are my notes, not an archive.\n" * 5, encoding="utf-8")
    docs, errors, _stats = _read([fake])
    assert docs == [] and len(errors) == 1 and "not a readable WARC file" in errors[0].reason


def test_page_over_the_size_cap_in_a_warc(tmp_path: Path, make_warc, page) -> None:
    big = page(70) + "<!--" + "x" * 6000 + "-->"
    warc = make_warc(tmp_path / "big.warc.gz", [("https://news.example/big", big, DATES[0]),
                                                 ("https://news.example/ok", page(71), DATES[1])], extra=False)  # fmt: skip
    items = list(ingest_sources([warc], max_bytes=5000))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.url for d in docs] == ["https://news.example/ok"]
    assert (
        len(errors) == 1 and "over the 5,000-byte limit" in errors[0].reason and "news.example/big" in errors[0].reason
    )


def test_folder_of_warc_files_and_articles(tmp_path: Path, make_warc, page) -> None:
    folder = tmp_path / "archive"
    (folder / "2025").mkdir(parents=True)
    make_warc(folder / "a.warc.gz", _pages(page, 1, first=80), extra=False)
    make_warc(folder / "2025" / "b.warc", _pages(page, 1, first=81), gz=False, extra=False)
    (folder / "note.txt").write_text("The harbour board met on Friday and agreed to repair the pier, a spokesman said.")
    docs, errors, _stats = _read([folder])
    assert errors == []
    assert sorted(d.url or Path(d.source).name for d in docs) == [
        "https://news.example/80", "https://news.example/81", "note.txt",
    ]  # fmt: skip


@pytest.mark.parametrize("gz", [True, False])
def test_slices_hold_every_record_once(tmp_path: Path, make_warc, page, gz: bool) -> None:
    warc = make_warc(tmp_path / ("s.warc.gz" if gz else "s.warc"), _pages(page, 12, first=90), gz=gz)
    whole_stats = SourceStats()
    whole = [p.source for p in read_warc(WarcSlice(str(warc)), 10**6, whole_stats)]
    size = warc.stat().st_size
    for slice_bytes in (700, 2000, size // 3, size - 1):
        stats = SourceStats()
        pieces = warc_slices(warc, slice_bytes)
        assert len(pieces) > 1
        parts = [p.source for piece in pieces for p in read_warc(piece, 10**6, stats)]
        assert parts == whole, slice_bytes
        assert stats.warc_records == whole_stats.warc_records


def test_build_stores_fetch_dates_and_skips_stored_records_next_time(tmp_path: Path, make_warc, page) -> None:
    warc = make_warc(tmp_path / "crawl.warc.gz", _pages(page))
    db = tmp_path / "s.db"
    first = build([warc], db)
    assert first.errors == [] and first.stored == 3 and first.sources.warc_pages == 3
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT d.url, s.seen_at, d.published FROM documents d JOIN document_sources s "
                            "ON s.doc_id = d.id ORDER BY d.url").fetchall()  # fmt: skip
    assert [(u, seen) for u, seen, _p in rows] == [(f"https://news.example/{60 + i}", DATES[i]) for i in range(3)]
    assert all(p is None or not p.startswith("2025-03-02") for _u, _s, p in rows)
    second = build([warc], db)
    assert second.stored == 0 and second.duplicates == 0 and second.sources.warc_done == 3
