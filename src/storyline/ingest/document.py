"""RawArticle + metadata → cleaned Document with its id, outlet, date, title and byline."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from storyline.ingest.clean import clean
from storyline.ingest.dateline import find_date, parse_date_line
from storyline.ingest.language import detect_language
from storyline.model import Document, RawArticle

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def content_id(text: str) -> str:
    """Documents are keyed by the hash of their raw text, so the same article is stored once."""
    norm = unicodedata.normalize("NFC", text).strip()
    norm = re.sub(r"[ \t]+\n", "\n", norm)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def normalize_published(value: Any) -> str | None:
    """An ISO 8601 date (or date-time) from a metadata value, or None when it is not a date."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if _ISO.match(s):
        return s.replace(" ", "T", 1)
    found = parse_date_line(s)
    if found:
        return found.iso
    return find_date(s)


def to_document(raw: RawArticle, meta: dict[str, Any] | None = None) -> Document:
    """Clean one article and settle its metadata: given metadata wins over what the text says."""
    given = {**raw.meta, **(meta or {})}
    cleaned = clean(raw.text)
    found = cleaned.found
    doc = Document(
        id=content_id(raw.text),
        source=raw.source,
        raw_text=raw.text,
        text=cleaned.text,
        offsets=cleaned.offsets,
        removed=cleaned.removed,
        fmt=raw.fmt,
        url=given.get("url"),
        dateline=found.get("dateline"),  # type: ignore[arg-type]
    )
    published = normalize_published(given.get("published"))
    if published:
        doc.published, doc.published_source = published, "metadata"
    elif found.get("published"):
        doc.published, doc.published_source = str(found["published"]), "text"
    if given.get("outlet"):
        doc.outlet, doc.outlet_source = str(given["outlet"]), "metadata"
    elif found.get("outlet"):
        doc.outlet, doc.outlet_source = str(found["outlet"]), "text"
    doc.title = given.get("title") or found.get("title")  # type: ignore[assignment]
    byline = given.get("byline") or given.get("author") or found.get("byline") or []
    doc.byline = [byline] if isinstance(byline, str) else list(byline)
    doc.language = given.get("language") or detect_language(doc.text)
    return doc
