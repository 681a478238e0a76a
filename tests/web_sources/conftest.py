"""Fixtures of the sources tests: a web server on 127.0.0.1 serving what each test makes, news
pages written for the tests, fetch settings without delays, and WARC files built with warcio.

Nothing here reaches another address: every URL fetched is the local server's.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.sources import FetchSettings

TOPICS = ["reservoir", "tram line", "harbour wall", "school roof", "bridge", "library", "ferry pier", "clinic"]
TOWNS = ["Norvale", "Ardley", "Kestwick", "Marrow Bay", "Tillbrook", "Oskarby", "Fenhold", "Brantmere"]


def article_text(n: int) -> str:
    """A plain news report of a dozen sentences, different for every ``n`` (written for these tests)."""
    topic, town = TOPICS[n % len(TOPICS)], TOWNS[(n // len(TOPICS)) % len(TOWNS)]
    return "\n\n".join(
        [
            f"The council of {town} approved plans for a new {topic} on Tuesday after a debate of four hours, "
            f"officials said. The project number {n} is expected to cost about {3 + n % 7} million euros.",
            f"Mayor Lena Hart said the {topic} would serve about {1200 + 37 * n} residents once it opens. "
            f"Opposition members argued that the money should go to housing instead.",
            f"Work on the {topic} is scheduled to begin in the spring, according to the council's own "
            f"timetable, and the contractor will be chosen in an open tender next month.",
            f"Residents of {town} who spoke at the meeting were divided. Some welcomed the {topic}, others "
            f"asked how the council would pay for the upkeep in the years after it opens.",
        ]
    )


def news_page(n: int, title: str | None = None, published: str | None = None, author: str | None = None,
              site: str | None = None, charset: str = "utf-8") -> str:  # fmt: skip
    """An HTML article page with the usual clutter around the text; meta tags only when given."""
    head = [f'<meta charset="{charset}">', f"<title>{title or f'Council report {n}'}</title>"]
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    paragraphs = "".join(f"<p>{p}</p>" for p in article_text(n).split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head>{''.join(head)}</head><body>"
        "<nav><a href='/'>Home</a> | <a href='/local'>Local</a></nav>"
        f"<article><h1>{title or f'Council report {n}'}</h1>{paragraphs}</article>"
        "<footer>Contact us | Subscribe</footer></body></html>"
    )


@pytest.fixture(scope="session")
def _server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)  # threaded: slow pages block nobody
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(_server: HTTPServer) -> HTTPServer:
    """The local server, emptied, with a robots.txt that allows everything."""
    _server.clear()
    _server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    return _server


@pytest.fixture
def settings() -> FetchSettings:
    """No delays and the local server allowed: the politeness defaults are tested on their own."""
    return FetchSettings(delay_s=0.0, allow_private=True, backoff_s=0.01, retries=1, timeout_s=5.0)


def requested(server: HTTPServer) -> list[str]:
    """The paths the server was asked for, robots.txt left out."""
    return [req.path for req, _resp in server.log if req.path != "/robots.txt"]


@pytest.fixture
def asked() -> Callable[[HTTPServer], list[str]]:
    """``asked(server)``: the paths the server was asked for so far, robots.txt left out."""
    return requested


def _record(
    writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes, date: str, kind: str = "response"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, kind, payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})  # fmt: skip
    writer.write_record(record)


@pytest.fixture
def make_warc() -> Callable[..., Path]:
    """``make_warc(path, pages, gz=True, extra=True)``: pages are (uri, html, date) or (uri, html, date, charset);
    ``extra`` adds what a crawl also holds: warcinfo, requests, a 404, a redirect, an image, metadata."""

    def make(path: Path, pages: list[tuple[Any, ...]], gz: bool = True, extra: bool = True) -> Path:
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=gz)
            if extra:
                writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
            for i, (uri, html, date, *rest) in enumerate(pages):
                charset = rest[0] if rest else "utf-8"
                if extra:
                    req = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                                    warc_headers_dict={"WARC-Date": date})  # fmt: skip
                    writer.write_record(req)
                _record(writer, uri, "200 OK", f"text/html; charset={charset}", html.encode(charset), date)
                if extra and i == 0:
                    _record(writer, uri + "/gone", "404 Not Found", "text/html", b"<html>gone</html>", date)
                    _record(writer, uri + "/moved", "301 Moved Permanently", "text/html", b"", date)
                    _record(writer, uri + "/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), date)
                    meta = writer.create_warc_record(uri, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
                                                     warc_content_type="application/warc-fields")  # fmt: skip
                    writer.write_record(meta)
        return path

    return make


@pytest.fixture
def page() -> Callable[..., str]:
    """``page(n, title=, published=, author=, site=, charset=)``: the HTML of news page ``n``."""
    return news_page
