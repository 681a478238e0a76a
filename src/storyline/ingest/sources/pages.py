"""A fetched (or archived) HTML page → a cleaned Document, like an ``.html`` file.

Metadata precedence, as for files: the page's own meta tags (title, site name, author, date,
canonical URL, as trafilatura reads them), then what the feed or sitemap said about the entry,
then what the text says. When the fetch date is all there is, the article stays undated: the
fetch date is kept as ``Document.fetched_at``, never as the publication date.
"""

from __future__ import annotations

import codecs

from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.ingest.document import to_document
from storyline.ingest.readers import _html_article
from storyline.ingest.sources.items import FetchedPage
from storyline.model import Document, IngestError


def decode_page(body: bytes, charset: str | None) -> str:
    """The page's text: the charset its server declared, else what ``decode_bytes`` finds."""
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None
        if codec and body.strip():
            return body.decode(codec, errors="replace")
    text, _encoding = decode_bytes(body)
    return text


def page_document(page: FetchedPage, max_bytes: int) -> Document | IngestError:
    """Extract one page; a page that is not an article gets its reason instead."""
    if len(page.body) > max_bytes:
        return IngestError(page.source, f"page is {len(page.body):,} bytes, over the {max_bytes:,}-byte limit")
    try:
        html = decode_page(page.body, page.charset).replace("\r\n", "\n").replace("\r", "\n")
        raw = _html_article(page.source, html)
    except DecodeError as exc:
        return IngestError(page.source, f"{exc} ({page.url})" if page.url != page.source else str(exc))
    raw.meta = {**page.meta, "url": page.url, **raw.meta}  # the page's own meta tags win
    try:
        doc = to_document(raw)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the rest
        return IngestError(page.source, f"could not be processed ({type(exc).__name__}: {exc})")
    doc.fetched_at = page.fetched_at
    return doc
