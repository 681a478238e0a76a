"""RawArticle + metadata → cleaned Document with its id, outlet, date, title and byline."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from storyline.ingest.clean import clean
from storyline.ingest.fields import read_fields
from storyline.ingest.header import HEADER_KEYS, read_header
from storyline.ingest.language import detect_language
from storyline.ingest.untokenize import untokenize
from storyline.model import ArticleMeta, Document, IngestError, RawArticle


def content_id(text: str) -> str:
    """Documents are keyed by the hash of their raw text, so the same article is stored once."""
    norm = unicodedata.normalize("NFC", text).strip()
    norm = re.sub(r"[ \t]+\n", "\n", norm)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def to_document(raw: RawArticle, meta: ArticleMeta | None = None) -> tuple[Document, list[IngestError]]:
    """Clean one article and settle its metadata, with a warning for each bad header value.

    Precedence: ``meta`` (sidecar > manifest) > the file's own (``raw.meta``: HTML meta, JSON
    fields) > its header lines or front matter > what the text says."""
    text = untokenize(raw.text)  # the id stays the hash of the text as read
    header = read_header(text, raw.source) if raw.fmt != "html" else None
    header_meta, warnings = (
        read_fields(header.pairs, raw.source, HEADER_KEYS, context="header ") if header else (ArticleMeta(), [])
    )
    given = (meta or ArticleMeta()).over(raw.meta).over(header_meta)
    cleaned = clean(text, header.end if header else 0)
    found = cleaned.found
    doc = Document(
        id=content_id(raw.text),
        source=raw.source,
        raw_text=text,
        text=cleaned.text,
        offsets=cleaned.offsets,
        removed=cleaned.removed,
        fmt=raw.fmt,
        url=given.url,
        dateline=found.dateline,
    )
    if given.published:
        doc.published, doc.published_source = given.published, "metadata"
    elif found.published:
        doc.published, doc.published_source = found.published, "text"
    if given.outlet:
        doc.outlet, doc.outlet_source = given.outlet, "metadata"
    elif found.outlet:
        doc.outlet, doc.outlet_source = found.outlet, "text"
    doc.title = given.title or found.title
    doc.byline = list(given.byline or found.byline)
    doc.language = given.language or detect_language(doc.text)
    return doc, warnings


def settle(raw: RawArticle, meta: ArticleMeta | None = None) -> Iterator[Document | IngestError]:
    """``to_document`` as every reader uses it: the warnings, then the Document; an error line
    instead of the Document when the article cannot be processed or cleaning left no text of it."""
    try:
        doc, warnings = to_document(raw, meta)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
        yield IngestError(raw.source, f"could not be processed ({type(exc).__name__}: {exc})")
        return
    yield from warnings
    if not any(ch.isalnum() for ch in doc.text):
        reasons = sorted({r.reason for r in doc.removed})
        yield IngestError(raw.source, f"no text left after cleaning (removed: {', '.join(reasons) or 'nothing'})")
        return
    yield doc
