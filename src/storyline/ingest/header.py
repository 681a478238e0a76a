"""Metadata lines at the top of a plain-text article, as scraped collections and datasets write them.

Two shapes are read, with a small strict reader of ``key: value`` lines (no YAML library):

* header lines: the article opens with lines such as ``url: https://…``, ``published: 2011-02-03``,
  ``title: …``, ``outlet: …``, ``author: …``. They are taken only when they clearly are a header:
  the first lines of the text, every one with a key of ``HEADER_KEYS``, and either two different
  fields or one ``url`` / ``published`` line whose value is a URL / a date;
* a front-matter block: a first line ``---``, ``key: value`` lines (values may be quoted; a key
  with no value may be followed by ``- item`` lines), and a closing ``---`` (or ``...``) line.
  Keys that are not in ``HEADER_KEYS`` are ignored; a line of any other shape means the block is
  not front matter (an article may open with a ``---`` rule).

The header is removed from the article's text by the cleaner (its lines are recorded as removed
lines, so the raw text and the offset map stay whole) and its values checked like any metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.fields import JSON_KEYS, read_fields, split_names

# The keys a header may use (lower case; spaces and hyphens read as "_") → the field they fill.
HEADER_KEYS = {
    **JSON_KEYS,
    "link": "url", "source_url": "url", "canonical_url": "url",
    "date": "published", "pubdate": "published", "pub_date": "published", "publish_date": "published",
    "published_at": "published", "publication_date": "published", "published_date": "published",
    "headline": "title",
    "source": "outlet", "site": "outlet", "site_name": "outlet", "sitename": "outlet",
    "publisher": "outlet", "publication": "outlet", "newspaper": "outlet",
    "authors": "byline", "writer": "byline", "reporter": "byline",
    "lang": "language",
}  # fmt: skip
MAX_HEADER_LINES = 20  # header lines without delimiters: datasets write a handful
MAX_FRONT_MATTER_LINES = 200  # a front-matter block must close within this many lines
MAX_HEADER_LINE_CHARS = 4_000  # a longer line is body text (and keeps the reader linear)

_PAIR = re.compile(r"([A-Za-z][A-Za-z0-9 _-]{0,39}?)[ \t]*:(?:[ \t]+(.*))?")
_LIST_ITEM = re.compile(r"[ \t]*-[ \t]+(.*)")
_DELIMITERS = ("---", "...")


@dataclass
class Header:
    pairs: list[tuple[str, object]] = field(default_factory=list)  # key as written → value
    end: int = 0  # offset in the text just after the header's last line (0: no header)


def _field(key: str) -> str | None:
    return HEADER_KEYS.get(re.sub(r"[ -]", "_", key.strip().lower()))


def _unquote(raw: str) -> str:
    v = raw.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return re.sub(r'\\(["\\])', r"\1", v[1:-1])
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def _value(key: str, raw: str | list[str]) -> object:
    """A value as the fields reader wants it: names split into a list for the byline."""
    if isinstance(raw, list):
        return [_unquote(v) for v in raw]
    v = raw.strip()
    if _field(key) != "byline":
        return _unquote(v)
    if v.startswith("[") and v.endswith("]"):  # a flow list: [Jane Roe, "Doe, John"]
        return [_unquote(x) for x in re.findall(r'"[^"]*"|\'[^\']*\'|[^,]+', v[1:-1]) if x.strip()]
    return split_names(_unquote(v))


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first lines, enough for any header."""
    out, pos = [], 0
    for line in text.split("\n", MAX_FRONT_MATTER_LINES + 2)[: MAX_FRONT_MATTER_LINES + 2]:
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _front_matter(lines: list[tuple[int, str]], first: int) -> Header | None:
    pairs: list[tuple[str, str | list[str]]] = []
    for pos, line in lines[first + 1 :]:
        if line.strip() in _DELIMITERS:
            if not pairs:
                return None
            return Header([(k, _value(k, v)) for k, v in pairs if _field(k)], pos + len(line))
        if len(line) > MAX_HEADER_LINE_CHARS:
            return None
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.fullmatch(line)
        if item and pairs and (isinstance(pairs[-1][1], list) or not pairs[-1][1]):
            key, value = pairs[-1]
            pairs[-1] = (key, [*value, item.group(1)] if isinstance(value, list) else [item.group(1)])
            continue
        if line[0] in " \t":  # the continuation of a value this reader does not use
            continue
        m = _PAIR.fullmatch(line.rstrip())
        if not m:
            return None
        pairs.append((m.group(1), m.group(2) or ""))
    return None  # never closed


def _header_lines(lines: list[tuple[int, str]], first: int, source: str) -> Header | None:
    pairs: list[tuple[str, object]] = []
    end = 0
    for pos, line in lines[first : first + MAX_HEADER_LINES]:
        m = _PAIR.fullmatch(line.strip()) if len(line) <= MAX_HEADER_LINE_CHARS else None
        if not m or not m.group(2) or _field(m.group(1)) is None:
            break
        pairs.append((m.group(1), _value(m.group(1), m.group(2))))
        end = pos + len(line)
    fields = {_field(k) for k, _ in pairs}
    if len(fields) >= 2:
        return Header(pairs, end)
    if len(pairs) == 1 and fields <= {"url", "published"}:
        meta, problems = read_fields(pairs, source, HEADER_KEYS)
        if not problems and (meta.url or meta.published):
            return Header(pairs, end)
    return None


def read_header(text: str, source: str = "") -> Header:
    """The header lines or front-matter block that opens ``text`` (an empty Header if none)."""
    lines = _lines(text)
    first = next((i for i, (_pos, line) in enumerate(lines) if line.strip()), None)
    if first is None:
        return Header()
    if lines[first][1].strip() == "---":
        return _front_matter(lines, first) or Header()
    return _header_lines(lines, first, source) or Header()
