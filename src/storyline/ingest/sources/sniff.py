"""What a fetched or named document is: a feed, a sitemap, a list of URLs, or a web page.

Decided by the document's root element (``<rss>``, ``<rdf:RDF>``, ``<feed>``; ``<urlset>``,
``<sitemapindex>``; ``<html>``), then by the Content-Type, then by the text: a file whose every
line (blank lines and ``#`` comments aside) is a URL is a URL list.
"""

from __future__ import annotations

import re
from typing import Literal

from storyline.ingest.sources.items import Entry
from storyline.ingest.sources.sitemaps import gunzip
from storyline.ingest.sources.urls import looks_like_url

Kind = Literal["feed", "sitemap", "urls", "page", "unknown"]

SNIFF_BYTES = 8192  # the root element is found in the first this many bytes
FEED_ROOTS = frozenset({"rss", "rdf", "feed", "channel"})
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_PROLOG = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![^>]*>", re.S)
_ROOT = re.compile(rb"<([A-Za-z][\w:.-]*)")


def unpack(body: bytes) -> bytes:
    """The body, gunzipped when it is gzip data (``sitemap.xml.gz``). Raises ValueError."""
    return gunzip(body) if body[:2] == b"\x1f\x8b" else body


def root_element(body: bytes) -> str | None:
    """The local name of the first element, lower case (``rdf`` for ``<rdf:RDF>``)."""
    head = body[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    m = _ROOT.search(_PROLOG.sub(b"", head))
    return m.group(1).decode("ascii").split(":")[-1].lower() if m else None


def url_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of the lines that are not blank or ``#`` comments."""
    return [(n, ln.strip()) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip() and not ln.lstrip().startswith("#")]  # fmt: skip


def is_url_list(text: str) -> bool:
    lines = url_lines(text)
    return bool(lines) and all(looks_like_url(ln) for _n, ln in lines)


def url_list(text: str) -> list[Entry]:
    return [Entry(ln, where=f"line {n}") for n, ln in url_lines(text)]


def sniff(body: bytes, media: str | None) -> Kind:
    root = root_element(body)
    if root in FEED_ROOTS:
        return "feed"
    if root in SITEMAP_ROOTS:
        return "sitemap"
    if root == "html" or media in ("text/html", "application/xhtml+xml"):
        return "page"
    if root is None and is_url_list(body[: 1024 * 1024].decode("utf-8", errors="replace")):
        return "urls"
    return "unknown"
