"""RSS 0.9x/1.0/2.0 and Atom feeds → the entries to fetch, with what the feed says about each.

feedparser reads every flavour and survives most broken XML; it is only ever given bytes (given a
string it would open files and URLs itself). An entry's title, publication date, author and link
become metadata that fills what the page's own meta tags do not say; the values are checked like
any metadata (``storyline.ingest.fields``), one warning per bad value.
"""

from __future__ import annotations

import email.utils
import io
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from storyline.ingest.fields import read_fields
from storyline.ingest.sources.items import Entry


@dataclass
class Feed:
    entries: list[Entry]
    error: str | None = None  # the XML broke: the entries that could be read are still given


def feed_date(value: str | None, parsed: Any) -> str | None:
    """An ISO 8601 date-time from a feed date, keeping the publisher's UTC offset when it gives one."""
    if value:
        text = value.strip()
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(text).isoformat()  # RSS: "Wed, 16 Oct 2024 18:05:00 +0000"
        except (TypeError, ValueError, IndexError):
            pass
    if parsed:  # feedparser understood some other format (and converted it to UTC)
        try:
            year, month, day, hour, minute, second = parsed[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def _authors(entry: Any) -> list[str]:
    names = [a.get("name", "").strip() for a in entry.get("authors", []) if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    return names


def parse_feed(data: bytes, base_url: str | None = None, where: str = "") -> Feed:
    """The entries of a feed, in the feed's order; ``base_url`` resolves relative links, ``where``
    (the feed's URL or file) is named in the warnings about bad values."""
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    entries = []
    for n, item in enumerate(parsed.entries, start=1):
        raw_date = item.get("published")
        values = {
            "title": item.get("title"),
            # a date feedparser could not convert is passed on as written, to be read or reported
            "published": feed_date(raw_date, item.get("published_parsed")) or raw_date,
            "byline": _authors(item),
        }
        meta, warnings = read_fields(values, where, context=f"entry {n}: ")
        entries.append(Entry(str(item.get("link") or "").strip(), meta, f"entry {n}", warnings))
    error = None
    exc = parsed.get("bozo_exception")
    # feedparser also flags harmless things (a charset that differs from the one declared, an XML
    # feed served as text/html); only a parse error means entries may be missing.
    if parsed.get("bozo") and isinstance(exc, xml.sax.SAXException):
        error = f"feed XML is malformed ({exc}); {len(entries)} entries could still be read"
    elif not entries and not parsed.get("version"):
        error = "not an RSS or Atom feed"
    return Feed(entries, error)
