"""The one place where metadata values given with an article are checked.

Sidecars, manifests, JSON Lines rows, HTML meta tags and header lines all hand their ``key: value``
pairs to ``read_fields``. A value of the wrong type (an object where a name was expected, a number
where a date was), a ``published`` that is no date or a ``language`` that is no language code is
left out with one warning naming the key and what was expected; the other values are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from storyline.ingest.dateline import find_date, parse_date_line
from storyline.model import ArticleMeta, IngestError

# Keys of the JSON inputs (manifest entries, sidecars, JSON Lines rows) → the field they fill.
JSON_KEYS = {
    "url": "url", "title": "title", "outlet": "outlet", "published": "published",
    "language": "language", "byline": "byline", "author": "byline",
}  # fmt: skip

MAX_TEXT_CHARS = 1_000  # a title, outlet or name longer than this is a pasted article, not metadata
MAX_URL_CHARS = 4_000  # browsers and servers stop at about 8 KB; real article URLs are far shorter
MAX_DATE_CHARS = 100  # the longest written-out date with weekday, time and zone is about 50 characters

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")  # BCP 47 style: en, en-GB, pt_BR
_NAME_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&)\s*")


def normalize_published(value: str) -> str | None:
    """An ISO 8601 date (or date-time) from a metadata string, or None when it is not a date."""
    s = value.strip()
    if not s or len(s) > MAX_DATE_CHARS:
        return None
    if _ISO.match(s):
        return s.replace(" ", "T", 1)
    found = parse_date_line(s)
    if found:
        return found.iso
    return find_date(s)


def split_names(value: str) -> list[str]:
    """'Jane Roe, John Doe and Ann Lee' → three names (header lines list authors this way)."""
    return [n for n in _NAME_SPLIT.split(value) if n]


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "null"
    return "a string" if isinstance(value, str) else type(value).__name__


def _short(value: str, limit: int = 60) -> str:
    """A value quoted in a message: cut, and with line breaks and control characters escaped."""
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(shown)


def _text(value: Any, limit: int) -> tuple[str | None, str | None]:
    """(the cleaned string, None) or (None, what was wrong)."""
    if not isinstance(value, str):
        return None, f"must be a string, got {_kind(value)}"
    s = " ".join(value.split())
    if len(s) > limit:
        return None, f"is {len(s):,} characters long, over the {limit:,}-character limit"
    return s, None


def _check(field: str, value: Any) -> tuple[Any, str | None]:
    """The checked value of one field, or (None, the complaint)."""
    if field == "byline":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return None, f"must be a name or a list of names, got {_kind(value)}"
        out = []
        for n in names:
            s, problem = _text(n, MAX_TEXT_CHARS)
            if problem:
                return None, f"holds a name that {problem}"
            if s and s not in out:
                out.append(s)
        return out, None
    if field == "published":
        if not isinstance(value, str):
            return None, f'must be a date string such as "2025-03-04", got {_kind(value)}'
        iso = normalize_published(value)
        if iso is None:
            return None, f'is {_short(value)}, not a date (expected e.g. "2025-03-04" or "Mar. 4, 2025")'
        return iso, None
    if field == "language":
        if not isinstance(value, str):
            return None, f'must be a language code such as "en", got {_kind(value)}'
        m = _LANGUAGE.match(value.strip())
        if not m:
            return None, f'is {_short(value)}, not a language code (expected e.g. "en" or "pt-BR")'
        return m.group(1).lower(), None
    if field == "url":
        s, problem = _text(value, MAX_URL_CHARS)
        if problem:
            return None, problem
        parts = urlsplit(s) if s and " " not in s else None
        if parts is None or not parts.scheme or not parts.netloc:
            return None, f'is {_short(value)}, not a URL (expected e.g. "https://example.org/news/1")'
        return s, None
    return _text(value, MAX_TEXT_CHARS)  # title, outlet


def read_fields(
    pairs: Mapping[str, Any] | Iterable[tuple[str, Any]],
    where: str,
    keys: Mapping[str, str] = JSON_KEYS,
    context: str = "",
) -> tuple[ArticleMeta, list[IngestError]]:
    """Check the metadata ``pairs`` (key as written → value) read from ``where``.

    ``keys`` maps the accepted keys to the fields they fill; other keys are ignored. Empty values
    (null, "", []) count as absent. The first good value of a field wins. ``context`` starts each
    warning ("entry 3 (a.txt): ").
    """
    values: dict[str, Any] = {}
    warnings: list[IngestError] = []
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    for key, value in items:
        field = keys.get(key.lower()) if isinstance(key, str) else None
        if field is None or field in values or value is None or value == "" or value == []:
            continue
        checked, problem = _check(field, value)
        if problem:
            warnings.append(IngestError(where, f'{context}"{key}" {problem}; ignored', "warning"))
        elif checked:
            values[field] = checked
    return ArticleMeta(**values), warnings
