"""Feeds, sitemaps, URL lists and URLs fetched from a local server: what is read, with which
metadata, what is refused, and how politely. Ingest only (no extraction): fast."""

from __future__ import annotations

import gzip
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from storyline.ingest.sources import FetchSettings, MemoryFetchCache, SourceReader, ingest_sources
from storyline.ingest.sources.sniff import sniff
from storyline.model import Document, IngestError


def _read(inputs, settings: FetchSettings, cache: MemoryFetchCache | None = None, reader: SourceReader | None = None):
    own = reader or SourceReader(cache if cache is not None else MemoryFetchCache(), settings)
    try:
        items = list(ingest_sources(inputs, reader=own))
    finally:
        if reader is None:
            own.close()
    docs = {d.source: d for d in items if isinstance(d, Document)}
    errors = [e for e in items if isinstance(e, IngestError)]
    return docs, errors


def _rss(server: HTTPServer, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Town news</title>'
        f"<link>{server.url_for('/')}</link>{''.join(items)}</channel></rss>"
    )


def _item(link: str, title: str = "", date: str = "", author: str = "") -> str:
    parts = [f"<link>{link}</link>"]
    if title:
        parts.append(f"<title>{title}</title>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if author:
        parts.append(f"<author>{author}</author>")
    return f"<item>{''.join(parts)}</item>"


# ---- feeds ------------------------------------------------------------------------------


def test_rss_feed_pages_get_feed_metadata_where_the_page_says_nothing(server, settings, page) -> None:
    server.expect_request("/a1").respond_with_data(
        page(1, title="Page headline", published="2024-10-15T08:00:00+00:00", site="The Courier"),
        content_type="text/html; charset=utf-8",
    )
    server.expect_request("/a2").respond_with_data(page(2), content_type="text/html")
    feed = _rss(server, [
        _item(server.url_for("/a1"), "Feed headline one", "Wed, 16 Oct 2024 18:05:00 +0200", "desk@example.org (Ann Desk)"),
        _item("/a2", "Feed headline two", "Thu, 17 Oct 2024 09:30:00 +0200", "desk@example.org (Bo Field)"),
    ])  # fmt: skip
    server.expect_request("/rss.xml").respond_with_data(feed, content_type="application/rss+xml")
    docs, errors = _read([server.url_for("/rss.xml")], settings)
    assert errors == []
    first, second = docs[server.url_for("/a1")], docs[server.url_for("/a2")]  # a relative link resolved
    # The page's own meta tags win ...
    assert first.title == "Page headline"
    assert first.published.startswith("2024-10-15") and first.published_source == "metadata"
    assert first.outlet == "The Courier"
    # ... and the feed fills what the page does not say (no date, no author on page 2).
    assert second.published == "2024-10-17T09:30:00+02:00"
    assert second.byline == ["Bo Field"]
    assert second.url == server.url_for("/a2")
    assert second.fetched_at and second.fetched_at != second.published


def test_atom_and_rss1_feeds_from_local_files(server, settings, page, tmp_path: Path) -> None:
    for n in (3, 4):
        server.expect_request(f"/p{n}").respond_with_data(page(n), content_type="text/html")
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>'
        f'<entry><title>Atom entry</title><link href="{server.url_for("/p3")}"/>'
        "<published>2024-11-02T10:00:00Z</published><author><name>Cai Wren</name></author></entry>"
        '<entry><title>Relative</title><link href="/p9"/></entry></feed>',
        encoding="utf-8",
    )
    rdf = tmp_path / "news.rdf"
    rdf.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel><title>RSS 1.0</title></channel>'
        f"<item><title>RDF item</title><link>{server.url_for('/p4')}</link></item></rdf:RDF>",
        encoding="utf-8",
    )
    docs, errors = _read([str(atom), str(rdf)], settings)
    assert sorted(docs) == [server.url_for("/p3"), server.url_for("/p4")]
    assert docs[server.url_for("/p3")].byline == ["Cai Wren"]
    assert docs[server.url_for("/p3")].published == "2024-11-02T10:00:00+00:00"
    # A relative link in a local file has nothing to be relative to: one line, the rest is read.
    assert len(errors) == 1 and errors[0].source == str(atom) and "entry 2" in errors[0].reason


def test_malformed_feed_is_one_error_and_its_readable_entries_are_kept(server, settings, page) -> None:
    server.expect_request("/a1").respond_with_data(page(5), content_type="text/html")
    server.expect_request("/ok").respond_with_data(page(6), content_type="text/html")
    broken = f'<?xml version="1.0"?><rss version="2.0"><channel><item><link>{server.url_for("/a1")}</link></item><item><title>cut &amp'
    server.expect_request("/broken.xml").respond_with_data(broken, content_type="application/rss+xml")
    server.expect_request("/good.xml").respond_with_data(_rss(server, [_item(server.url_for("/ok"))]),
                                                         content_type="application/rss+xml")  # fmt: skip
    docs, errors = _read([server.url_for("/broken.xml"), server.url_for("/good.xml")], settings)
    assert len(errors) == 1
    assert errors[0].source == server.url_for("/broken.xml") and "feed XML is malformed" in errors[0].reason
    assert set(docs) == {server.url_for("/a1"), server.url_for("/ok")}


def test_feed_linking_to_missing_pages(server, settings, page, asked) -> None:
    server.expect_request("/here").respond_with_data(page(7), content_type="text/html")
    server.expect_request("/gone1").respond_with_data("not here", status=404)
    server.expect_request("/gone2").respond_with_data("not here", status=410)
    links = [server.url_for(p) for p in ("/gone1", "/here", "/gone2")]
    server.expect_request("/rss.xml").respond_with_data(_rss(server, [_item(u) for u in links]),
                                                        content_type="application/rss+xml")  # fmt: skip
    cache = MemoryFetchCache()
    docs, errors = _read([server.url_for("/rss.xml")], settings, cache)
    assert list(docs) == [server.url_for("/here")]
    assert {e.source: e.reason for e in errors} == {links[0]: "HTTP 404 NOT FOUND", links[2]: "HTTP 410 GONE"}
    # A page that failed for good is remembered and not asked for again.
    cache.stored.update(docs)
    before = len(asked(server))
    docs, errors = _read([server.url_for("/rss.xml")], settings, cache)
    assert (docs, errors) == ({}, [])
    assert asked(server)[before:] == ["/rss.xml"]


# ---- sitemaps and URL lists ---------------------------------------------------------------


def test_news_sitemap_gives_title_date_outlet_language(server, settings, page) -> None:
    server.expect_request("/s1").respond_with_data(page(8, title="Page title"), content_type="text/html")
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{server.url_for('/s1')}</loc><news:news><news:publication><news:name>Harbour Herald</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2024-12-01T07:45:00+01:00</news:publication_date>"
        "<news:title>Sitemap title</news:title></news:news></url></urlset>"
    )
    server.expect_request("/news-sitemap.xml").respond_with_data(sitemap, content_type="application/xml")
    docs, errors = _read([server.url_for("/news-sitemap.xml")], settings)
    assert errors == []
    doc = docs[server.url_for("/s1")]
    assert doc.title == "Page title"  # the page's own title wins
    assert doc.outlet == "Harbour Herald" and doc.outlet_source == "metadata"
    assert doc.published == "2024-12-01T07:45:00+01:00"
    assert doc.language == "en"


def test_sitemap_index_with_plain_and_gzipped_sitemaps(server, settings, page) -> None:
    for n in (10, 11):
        server.expect_request(f"/x{n}").respond_with_data(page(n), content_type="text/html")

    def urlset(path: str) -> bytes:
        return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{server.url_for(path)}</loc></url></urlset>").encode()  # fmt: skip

    server.expect_request("/sm-a.xml").respond_with_data(urlset("/x10"), content_type="application/xml")
    server.expect_request("/sm-b.xml.gz").respond_with_data(
        gzip.compress(urlset("/x11")), content_type="application/gzip"
    )
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.url_for('/sm-a.xml')}</loc></sitemap>"
        f"<sitemap><loc>{server.url_for('/sm-b.xml.gz')}</loc></sitemap></sitemapindex>"
    )
    server.expect_request("/sitemap_index.xml").respond_with_data(index, content_type="text/xml")
    docs, errors = _read([server.url_for("/sitemap_index.xml")], settings)
    assert errors == []
    assert sorted(docs) == [server.url_for("/x10"), server.url_for("/x11")]


def test_url_list_file_of_pages_and_feeds(server, settings, page, tmp_path: Path) -> None:
    server.expect_request("/direct").respond_with_data(page(12), content_type="text/html")
    server.expect_request("/via-feed").respond_with_data(page(13), content_type="text/html")
    server.expect_request("/rss.xml").respond_with_data(_rss(server, [_item(server.url_for("/via-feed"))]),
                                                        content_type="application/rss+xml")  # fmt: skip
    urls = tmp_path / "sources.txt"
    urls.write_text(
        f"# my sources\n{server.url_for('/rss.xml')}\n\n{server.url_for('/direct')}\nftp://files.example/a.txt\n",
        encoding="utf-8",
    )
    article = tmp_path / "note.txt"  # a .txt that is not a URL list is an article, as before
    article.write_text(article_text_of(page), encoding="utf-8")
    docs, errors = _read([str(urls), str(article)], settings)
    assert set(docs) == {str(article), server.url_for("/via-feed"), server.url_for("/direct")}
    assert [(e.source, e.reason.split(":")[0]) for e in errors] == [(str(urls), "line 5")]
    assert "only http(s) URLs are fetched" in errors[0].reason


def article_text_of(page) -> str:
    """The text of a news page, as a plain-text article (the tests' own prose)."""
    import re

    return re.sub(r"<[^>]+>", "\n", page(14)).strip()


def test_single_urls_and_what_is_not_a_source(server, settings, page) -> None:
    server.expect_request("/story").respond_with_data(page(15), content_type="text/html")
    server.expect_request("/data.json").respond_with_data('{"a": 1}', content_type="application/json")
    server.expect_request("/odd.xml").respond_with_data("<catalog><item/></catalog>", content_type="application/xml")
    docs, errors = _read(
        [server.url_for("/story"), server.url_for("/data.json"), server.url_for("/odd.xml"), "gopher://old.example/"],
        settings,
    )
    assert list(docs) == [server.url_for("/story")]
    reasons = {e.source: e.reason for e in errors}
    assert "content type application/json" in reasons[server.url_for("/data.json")]
    assert "not a feed, sitemap, URL list or HTML page" in reasons[server.url_for("/odd.xml")]
    assert "only http(s)" in reasons["gopher://old.example/"]


def test_sniffing_by_root_element_not_by_name() -> None:
    assert sniff(b'<?xml version="1.0"?>\n<!-- hi --><rss version="2.0">', "text/html") == "feed"
    assert sniff(b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", None) == "feed"
    assert sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>", "text/plain") == "feed"
    assert sniff(b"<sitemapindex>", None) == "sitemap"
    assert sniff(b"<!DOCTYPE html><html><body>", None) == "page"
    assert sniff(b"https://a.example/1\nhttps://a.example/2\n", "text/plain") == "urls"
    assert sniff(b"hello https://a.example/1", "text/plain") == "unknown"


# ---- safety ------------------------------------------------------------------------------


def test_private_addresses_are_refused_without_allow_private(server, asked) -> None:
    strict = FetchSettings(delay_s=0.0, retries=0)  # allow_private left at its default
    docs, errors = _read([server.url_for("/rss.xml"), "http://localhost:9/x"], strict)
    assert docs == {}
    assert len(errors) == 2 and all("--allow-private" in e.reason for e in errors)
    assert "localhost resolves to 127.0.0.1" in errors[1].reason
    assert server.log == []  # not even robots.txt was asked for


def test_feeds_cannot_point_at_files_or_other_schemes(server, settings, page, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text(page(16, title="Local secret"), encoding="utf-8")
    server.expect_request("/ok").respond_with_data(page(17), content_type="text/html")
    links = [secret.as_uri(), "javascript:alert(1)", "ftp://files.example/x.html", "data:text/html,<p>x</p>",
             server.url_for("/ok")]  # fmt: skip
    server.expect_request("/rss.xml").respond_with_data(_rss(server, [_item(u) for u in links]),
                                                        content_type="application/rss+xml")  # fmt: skip
    docs, errors = _read([server.url_for("/rss.xml")], settings)
    assert list(docs) == [server.url_for("/ok")]
    assert all("Local secret" not in d.text and d.title != "Local secret" for d in docs.values())
    assert len(errors) == 4 and all(e.source == server.url_for("/rss.xml") for e in errors)
    assert all("only http(s) URLs are fetched" in e.reason for e in errors)


def test_redirects_are_followed_checked_and_limited(server, settings, page) -> None:
    server.expect_request("/new-home").respond_with_data(page(18), content_type="text/html")
    server.expect_request("/old-home").respond_with_data("", status=301, headers={"Location": "/new-home"})
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=302, headers={"Location": "/loop-a"})
    for n in range(8):
        server.expect_request(f"/hop{n}").respond_with_data("", status=307, headers={"Location": f"/hop{n + 1}"})
    server.expect_request("/to-file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    urls = [server.url_for(p) for p in ("/old-home", "/loop-a", "/hop0", "/to-file")]
    docs, errors = _read(urls, settings)
    assert list(docs) == [urls[0]]
    assert docs[urls[0]].url == server.url_for("/new-home")  # where the page was found in the end
    reasons = {e.source: e.reason for e in errors}
    assert reasons[urls[1]].startswith("redirect loop")
    assert reasons[urls[2]].startswith("more than 5 redirects")
    assert "redirects to a URL that is not fetched" in reasons[urls[3]]


def test_responses_over_the_size_cap(server, page) -> None:
    capped = FetchSettings(delay_s=0.0, allow_private=True, max_bytes=4000)
    big = page(19) + "<!--" + "x" * 5000 + "-->"
    server.expect_request("/declared").respond_with_data(big, content_type="text/html")

    def streamed(_request: Request) -> Response:  # no Content-Length: the cap holds while reading
        return Response((big[i : i + 500] for i in range(0, len(big), 500)), content_type="text/html")

    server.expect_request("/streamed").respond_with_handler(streamed)
    server.expect_request("/small").respond_with_data(page(20), content_type="text/html")
    docs, errors = _read([server.url_for("/declared"), server.url_for("/streamed"), server.url_for("/small")], capped)
    assert list(docs) == [server.url_for("/small")]
    assert len(errors) == 2 and all("over the 4,000-byte limit" in e.reason for e in errors)


def test_slow_page_times_out_and_others_are_read(server, page) -> None:
    quick = FetchSettings(delay_s=0.0, allow_private=True, timeout_s=0.5, retries=0)

    def slow(_request: Request) -> Response:
        time.sleep(2)
        return Response(page(21), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    server.expect_request("/fast").respond_with_data(page(22), content_type="text/html")
    docs, errors = _read([server.url_for("/slow"), server.url_for("/fast")], quick)
    assert list(docs) == [server.url_for("/fast")]
    assert [e.source for e in errors] == [server.url_for("/slow")] and "timed out" in errors[0].reason


def test_transient_failures_are_retried(server, settings, page, asked) -> None:
    calls = []

    def flaky(_request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("busy", status=503, headers={"Retry-After": "0"})
        return Response(page(23), content_type="text/html")

    server.expect_request("/flaky").respond_with_handler(flaky)
    docs, errors = _read([server.url_for("/flaky")], settings)
    assert errors == [] and list(docs) == [server.url_for("/flaky")]
    assert asked(server) == ["/flaky", "/flaky"]


def test_a_page_that_failed_for_now_is_fetched_on_the_next_run(server, settings, page, asked) -> None:
    """A 503 is not remembered; the feed answering 304 still lists the page, which is read then."""
    state = {"up": False}

    def article(_request: Request) -> Response:
        return Response(page(24), content_type="text/html") if state["up"] else Response("down", status=503)

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        body = _rss(server, [_item(server.url_for("/later"))])
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    server.expect_request("/later").respond_with_handler(article)
    server.expect_request("/rss.xml").respond_with_handler(feed)
    cache = MemoryFetchCache()
    docs, errors = _read([server.url_for("/rss.xml")], settings, cache)
    assert docs == {} and [e.reason for e in errors] == ["HTTP 503 SERVICE UNAVAILABLE"]
    state["up"] = True
    reader = SourceReader(cache, settings)
    docs, errors = _read([server.url_for("/rss.xml")], settings, reader=reader)
    reader.close()
    assert errors == [] and list(docs) == [server.url_for("/later")]
    assert reader.stats.not_modified == 1 and reader.stats.fetched == 1


# ---- politeness --------------------------------------------------------------------------


def test_robots_txt_disallow_is_honoured(server, settings, page, asked) -> None:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /\n\nUser-agent: Storyline\nDisallow: /private/\nAllow: /\n",
        content_type="text/plain",
    )
    server.expect_request("/public").respond_with_data(page(25), content_type="text/html")
    server.expect_request("/private/memo").respond_with_data(page(26), content_type="text/html")
    docs, errors = _read([server.url_for("/private/memo"), server.url_for("/public")], settings)
    assert list(docs) == [server.url_for("/public")]  # the rules for "Storyline" apply, not those for "*"
    assert [(e.source, e.reason) for e in errors] == [
        (server.url_for("/private/memo"), "disallowed by the site's robots.txt")
    ]
    assert asked(server) == ["/public"]


def test_unreadable_robots_txt_leaves_the_host_alone(server, settings, page, asked) -> None:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("oops", status=503)
    server.expect_request("/a").respond_with_data(page(27), content_type="text/html")
    docs, errors = _read([server.url_for("/a")], settings)
    assert docs == {} and "robots.txt could not be read" in errors[0].reason
    assert asked(server) == []


def test_missing_robots_txt_allows_everything(server, settings, page) -> None:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/a").respond_with_data(page(28), content_type="text/html")
    docs, errors = _read([server.url_for("/a")], settings)
    assert errors == [] and list(docs) == [server.url_for("/a")]


def test_user_agent_names_storyline_and_the_contact(server, page) -> None:
    with_contact = FetchSettings(delay_s=0.0, allow_private=True, contact="newsdesk@example.org")
    server.expect_request("/a").respond_with_data(page(29), content_type="text/html")
    _read([server.url_for("/a")], with_contact)
    agents = {req.headers.get("User-Agent") for req, _ in server.log}
    assert agents == {"Storyline/0.1.0 (+mailto:newsdesk@example.org)"}


def test_per_host_delay_and_concurrency_cap(server, page) -> None:
    polite = FetchSettings(delay_s=0.15, per_host=2, concurrency=8, allow_private=True)
    lock, state = threading.Lock(), {"now": 0, "most": 0}
    starts: list[float] = []

    def handler(request: Request) -> Response:
        with lock:
            starts.append(time.monotonic())
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.4)
        with lock:
            state["now"] -= 1
        return Response(page(30 + int(request.path.rsplit("/", 1)[1])), content_type="text/html")

    for n in range(5):
        server.expect_request(f"/p/{n}").respond_with_handler(handler)
    docs, errors = _read([server.url_for(f"/p/{n}") for n in range(5)], polite)
    assert errors == [] and len(docs) == 5
    assert state["most"] == 2  # never more than two at once on one host ...
    gaps = [b - a for a, b in pairwise(starts)]
    assert min(gaps) >= 0.14  # ... and their starts at least the delay apart


def test_robots_crawl_delay_slows_the_host_down(server, page) -> None:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain"
    )
    starts: list[float] = []

    def handler(_request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(page(40 + len(starts)), content_type="text/html")

    for n in range(3):
        server.expect_request(f"/c/{n}").respond_with_handler(handler)
    docs, _errors = _read([server.url_for(f"/c/{n}") for n in range(3)], FetchSettings(delay_s=0.0, allow_private=True))
    assert len(docs) == 3
    assert min(b - a for a, b in pairwise(starts)) >= 0.28


@pytest.mark.parametrize("contact", [None, "https://example.org/about"])
def test_user_agent_without_or_with_a_web_contact(contact) -> None:
    agent = FetchSettings(contact=contact).user_agent
    assert agent.startswith("Storyline/")
    assert (contact or "no contact given") in agent


def test_urls_are_normalized_and_checked() -> None:
    from storyline.ingest.sources.urls import UnsafeURL, normalize_url

    assert normalize_url("HTTPS://News.Example.ORG:443/a/b?x=1#comments") == "https://news.example.org/a/b?x=1"
    assert normalize_url("http://news.example:8080") == "http://news.example:8080/"
    assert normalize_url("https://bücher.example/ß") == "https://xn--bcher-kva.example/ß"
    for bad, why in [("file:///etc/passwd", "not file:"), ("javascript:alert(1)", "not javascript:"),
                     ("https://user:pw@news.example/", "user names"), ("https:///path", "no host"),
                     ("/relative/path", "no scheme")]:  # fmt: skip
        with pytest.raises(UnsafeURL, match=why):
            normalize_url(bad)
