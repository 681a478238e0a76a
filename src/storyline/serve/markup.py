"""Small helpers that turn untrusted text into safe HTML: everything is escaped before any tag is added."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

# Private-use characters mark search hits inside snippets; they never reach the page as such.
HIT_OPEN = "\ue000"
HIT_CLOSE = "\ue001"
_HIT = re.compile(f"([{HIT_OPEN}{HIT_CLOSE}])")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


def marked_html(text: str) -> Markup:
    """Escape ``text`` and turn the hit markers into balanced <mark> elements."""
    out: list[str] = []
    open_ = False
    for part in _HIT.split(text):
        if part == HIT_OPEN:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == HIT_CLOSE:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(str(escape(part)))
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def hit_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, and the (start, end) offsets of the hits in it (for the JSON API)."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for part in _HIT.split(text):
        if part == HIT_OPEN:
            start = pos if start is None else start
        elif part == HIT_CLOSE:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            plain.append(part)
            pos += len(part)
    if start is not None and pos > start:
        spans.append((start, pos))
    return "".join(plain), spans


def dom_id(prefix: str, raw: str) -> str:
    """An HTML id built from a stored id (which may hold ':' or other characters)."""
    return f"{prefix}-{_UNSAFE_ID.sub('-', raw)}"


def path_part(value: str) -> str:
    """Quote a stored id for use as one URL path segment."""
    return quote(value, safe="")


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (``javascript:`` and friends never become links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None
