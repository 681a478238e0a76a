"""The bad-input rules of file ingest hold for sources too: metadata from feeds, sitemaps and WARC
records is checked like any metadata (one warning per bad value, the article still stored),
warnings never fail a build, user text is printed without markup, and only regular files are read."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.ingest.sources import MemoryFetchCache, SourceReader, ingest_sources
from storyline.model import Document, IngestError

runner = CliRunner()


def _read(inputs, reader: SourceReader) -> tuple[list[Document], list[IngestError], list[IngestError]]:
    items = list(ingest_sources(inputs, reader=reader))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, IngestError)]
    return docs, [p for p in problems if p.level == "error"], [p for p in problems if p.level == "warning"]


def _feed_and_sitemap(server, page) -> tuple[str, str]:
    server.expect_request("/f1").respond_with_data(page(150), content_type="text/html")
    server.expect_request("/s1").respond_with_data(page(151), content_type="text/html")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title>'
        f"<item><title>Report</title><link>{server.url_for('/f1')}</link><pubDate>sometime soon</pubDate></item>"
        "</channel></rss>"
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{server.url_for('/s1')}</loc><news:news><news:publication><news:name>Harbour Herald</news:name>"
        "<news:language>english</news:language></news:publication>"
        "<news:publication_date>2024-12-01</news:publication_date></news:news></url></urlset>"
    )
    server.expect_request("/rss.xml").respond_with_data(feed, content_type="application/rss+xml")
    server.expect_request("/sitemap.xml").respond_with_data(sitemap, content_type="application/xml")
    return server.url_for("/rss.xml"), server.url_for("/sitemap.xml")


def test_bad_feed_and_sitemap_values_are_one_warning_each_and_the_pages_are_stored(server, settings, page) -> None:
    feed, sitemap = _feed_and_sitemap(server, page)
    cache = MemoryFetchCache()
    with SourceReader(cache, settings) as reader:
        docs, errors, warnings = _read([feed, sitemap], reader)
    assert errors == []
    assert [(w.source, w.reason) for w in warnings] == [
        (feed, "entry 1: \"published\" is 'sometime soon', not a date (expected e.g. \"2025-03-04\" or "
               "\"Mar. 4, 2025\"); ignored"),
        (sitemap, "url 1: \"language\" is 'english', not a language code (expected e.g. \"en\" or \"pt-BR\"); "
                  "ignored"),
    ]  # fmt: skip
    by_url = {d.url: d for d in docs}
    from_feed, from_sitemap = by_url[server.url_for("/f1")], by_url[server.url_for("/s1")]
    assert from_feed.title == "Council report 150" and from_feed.published_source != "metadata"
    # The sitemap's good values are kept beside the ignored one.
    assert from_sitemap.outlet == "Harbour Herald" and from_sitemap.published.startswith("2024-12-01")
    # A page read before is not fetched again, and its warnings are not repeated.
    cache.stored.update(d.source for d in docs)
    with SourceReader(cache, settings) as reader:
        assert _read([feed, sitemap], reader) == ([], [], [])


def test_cli_build_prints_warnings_and_exits_0_when_only_values_were_ignored(server, page, tmp_path: Path) -> None:
    feed, _sitemap = _feed_and_sitemap(server, page)
    args = ["build", feed, "--db", str(tmp_path / "c.db"), "--allow-private", "--delay", "0", "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [ln for ln in result.output.splitlines() if ln.startswith(("error", "warning"))] == [
        f"warning: {feed}: entry 1: \"published\" is 'sometime soon', not a date (expected e.g. \"2025-03-04\" or "
        "\"Mar. 4, 2025\"); ignored"
    ]  # fmt: skip
    assert "1 new documents stored, 0 already stored, 0 failed, 1 warnings;" in result.output


def test_cli_prints_a_feed_file_name_with_markup_as_it_is(tmp_path: Path) -> None:
    feed = tmp_path / "feed[red].xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><link>javascript:alert(1)</link></item></channel></rss>",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", str(feed), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert f"error: {feed}: entry 1: only http(s) URLs are fetched, not javascript: (javascript:alert(1))" in (
        result.output
    )


def test_archived_target_uri_too_long_for_a_url_is_a_warning(tmp_path: Path, make_warc, page) -> None:
    uri = "https://news.example/" + "a" * 5_000
    warc = make_warc(tmp_path / "odd.warc.gz", [(uri, page(152), "2025-03-02T06:10:00Z")], extra=False)
    docs, errors, warnings = _read([warc], SourceReader())
    assert errors == [] and len(docs) == 1 and docs[0].url is None
    assert [(w.source, w.reason) for w in warnings] == [
        (docs[0].source, 'page "url" is 5,021 characters long, over the 4,000-character limit; ignored')
    ]


def test_named_pipes_are_reported_never_opened_and_link_loops_not_followed(tmp_path: Path, make_warc, page) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    make_warc(
        folder / "a.warc.gz", [(f"https://news.example/{n}", page(n), "2025-03-02T06:10:00Z") for n in (153, 154)]
    )
    (folder / "loop").symlink_to(folder)  # the WARC file would be found again and again through it
    os.mkfifo(tmp_path / "pipe.warc")
    os.mkfifo(tmp_path / "pipe.xml")
    out: list = []
    worker = threading.Thread(
        target=lambda: out.append(_read([folder, tmp_path / "pipe.warc", str(tmp_path / "pipe.xml")], SourceReader())),
        daemon=True,
    )
    worker.start()
    worker.join(60)
    assert out, "reading blocked on a named pipe"
    docs, errors, _warnings = out[0]
    assert sorted(d.url for d in docs) == ["https://news.example/153", "https://news.example/154"]
    assert sorted((Path(e.source).name, e.reason) for e in errors) == [
        ("loop", "symbolic link loop (to a folder that contains it); not followed"),
        ("pipe.warc", "a named pipe, not a regular file; skipped"),
        ("pipe.xml", "a named pipe, not a regular file; skipped"),
    ]
