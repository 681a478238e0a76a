"""Sitemaps (sitemaps.org, with Google News' ``<news:news>``) and sitemap indexes → entries.

A ``<urlset>`` lists pages; a news sitemap also gives each page's title, publication date, the
publication's name (the outlet) and language, checked like any metadata (``storyline.ingest.fields``,
one warning per bad value). A ``<sitemapindex>`` lists more sitemaps. Elements
are matched by local name, so sitemaps with a missing or unusual namespace are read too. The XML
parser resolves no entities and loads nothing from the network.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from storyline.ingest.fields import read_fields
from storyline.ingest.sources.feeds import feed_date
from storyline.ingest.sources.items import Entry
from storyline.model import ArticleMeta
from storyline.settings import current


@dataclass
class Sitemap:
    kind: Literal["urlset", "index"]
    entries: list[Entry]
    error: str | None = None  # the XML broke: the entries that could be read are still given


def gunzip(data: bytes, limit: int | None = None) -> bytes:
    """Decompress a gzip body, refusing one that would unpack to more than ``limit`` bytes (by default the
    setting ``fetch.max_source_bytes``)."""
    limit = current().fetch.max_source_bytes if limit is None else limit
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: a gzip or zlib header
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"gzip data is damaged ({exc})") from exc
    if len(out) > limit:
        raise ValueError(f"unpacks to more than {limit:,} bytes")
    return out


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: Any, *path: str) -> str | None:
    node = el
    for name in path:
        node = next((c for c in node if _local(c.tag) == name), None)
        if node is None:
            return None
    text = (node.text or "").strip()
    return text or None


def _parse(data: bytes, recover: bool) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=recover)
    return etree.fromstring(data, parser)


def parse_sitemap(data: bytes, where: str = "") -> Sitemap:
    """The entries of a sitemap or sitemap index, in document order; ``where`` (the sitemap's URL
    or file) is named in the warnings about bad values."""
    error = None
    try:
        root = _parse(data, recover=False)
    except etree.XMLSyntaxError as exc:
        error = f"sitemap XML is malformed ({exc})"
        try:
            root = _parse(data, recover=True)
        except etree.XMLSyntaxError:
            root = None
    if root is None:
        return Sitemap("urlset", [], error or "empty sitemap")
    kind: Literal["urlset", "index"] = "index" if _local(root.tag) == "sitemapindex" else "urlset"
    item = "sitemap" if kind == "index" else "url"
    entries = []
    for n, el in enumerate((c for c in root if _local(c.tag) == item), start=1):
        if kind == "urlset":
            written = _child_text(el, "news", "publication_date")
            values = {
                "title": _child_text(el, "news", "title"),
                "published": feed_date(written, None) or written,
                "outlet": _child_text(el, "news", "publication", "name"),
                "language": _child_text(el, "news", "publication", "language"),  # "en", "zh-cn": ISO 639
            }
            meta, warnings = read_fields(values, where, context=f"{item} {n}: ")
        else:
            meta, warnings = ArticleMeta(), []
        entries.append(Entry(_child_text(el, "loc") or "", meta, f"{item} {n}", warnings))
    if error:
        error += f"; {len(entries)} URLs could still be read"
    return Sitemap(kind, entries, error)
