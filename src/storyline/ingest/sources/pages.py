"""A fetched (or archived) HTML page → a cleaned Document, like an ``.html`` file.

Metadata precedence, as for files: the page's own meta tags (title, site name, author, date,
canonical URL, as trafilatura reads them), then where the page was found (the URL after redirects,
a WARC record's target URI), then what the feed or sitemap said about the entry, then what the text
says. Every value is checked like any metadata (``storyline.ingest.fields``): a bad one is left out
with one warning. When the fetch date is all there is, the article stays undated: the fetch date is
kept as ``Document.fetched_at``, never as the publication date.
"""

from __future__ import annotations

import codecs

from storyline.ingest.decode import Decoded, DecodeError, decode_bytes
from storyline.ingest.document import settle
from storyline.ingest.fields import read_fields
from storyline.ingest.readers import html_article, nul_warning
from storyline.ingest.sources.items import FetchedPage
from storyline.model import Document, IngestError


def decode_page(body: bytes, charset: str | None) -> Decoded:
    """The page's text: the charset its server declared, else what ``decode_bytes`` finds.
    Stray NUL bytes are dropped (and counted) either way, as in files."""
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = None
        if codec and body.strip():
            text = body.decode(codec, errors="replace")
            return Decoded(text.replace("\x00", ""), codec, text.count("\x00"))
    return decode_bytes(body)


def page_document(page: FetchedPage, max_bytes: int) -> list[Document | IngestError]:
    """Extract one page: its warnings, then its Document, or an error line with the reason when
    the page is no article (the last item tells which)."""
    if len(page.body) > max_bytes:
        return [IngestError(page.source, f"page is {len(page.body):,} bytes, over the {max_bytes:,}-byte limit")]
    try:
        decoded = decode_page(page.body, page.charset)
        html = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        raw, warnings = html_article(page.source, html)
    except DecodeError as exc:
        return [IngestError(page.source, f"{exc} ({page.url})" if page.url and page.url != page.source else str(exc))]
    notes = [nul_warning(page.source, decoded.nuls_dropped)] if decoded.nuls_dropped else []
    # A WARC record's target URI is archive data, checked like any metadata value.
    found_at, url_warnings = read_fields({"url": page.url}, page.source, context="page ")
    raw.meta = raw.meta.over(found_at).over(page.meta)  # the page's own meta tags win over the feed's entry
    out: list[Document | IngestError] = [*notes, *warnings, *url_warnings, *page.warnings]
    for item in settle(raw):
        if isinstance(item, Document):
            item.fetched_at = page.fetched_at
        out.append(item)
    return out
