"""Files → RawArticle: plain text, HTML pages (via trafilatura) and JSON Lines."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.model import IngestError, RawArticle

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
DEFAULT_MAX_BYTES = 5_000_000


def discover(paths: list[Path]) -> Iterator[Path | IngestError]:
    """Article files under the given files and folders, in a stable order.

    Folders are walked recursively; hidden entries, manifests and sidecar ``.json`` files are
    skipped, and so are files of other types inside folders (a file named explicitly is read
    whatever its extension).
    """
    for path in paths:
        if not path.exists():
            yield IngestError(str(path), "no such file or folder")
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in FORMATS:
                        continue
                    yield Path(root) / name
        else:
            yield path


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (see --max-bytes)")
    with path.open("rb") as fh:
        return fh.read()


def _sniff_format(path: Path, text: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _html_article(source: str, html: str) -> RawArticle:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text if doc else "") or ""
    if not text.strip():
        raise DecodeError("HTML page has no article text that could be extracted")
    meta: dict[str, Any] = {}
    if doc.title:
        meta["title"] = doc.title
    if doc.sitename:
        meta["outlet"] = doc.sitename
    if doc.date:
        meta["published"] = doc.date
    if doc.url:
        meta["url"] = doc.url
    if doc.author:
        meta["byline"] = [a.strip() for a in doc.author.split(";") if a.strip()]
    return RawArticle(source, text, "html", meta)


def _jsonl_articles(source: str, text: str) -> tuple[list[RawArticle], list[IngestError]]:
    articles, errors = [], []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(IngestError(where, f"line {lineno} is not valid JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            errors.append(IngestError(where, f'line {lineno} has no "text" string'))
            continue
        meta = {k: obj[k] for k in ("url", "title", "outlet", "published", "language", "byline") if obj.get(k)}
        if isinstance(meta.get("byline"), str):
            meta["byline"] = [meta["byline"]]
        articles.append(RawArticle(where, obj["text"], "jsonl", meta))
    if not articles and not errors:
        errors.append(IngestError(source, "empty file"))
    return articles, errors


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawArticle], list[IngestError]]:
    """Read one file; never raises for bad input, returns the errors instead."""
    source = str(path)
    try:
        data = _read_bytes(path, max_bytes)
        text, _encoding = decode_bytes(data)
    except PermissionError:
        return [], [IngestError(source, "permission denied: cannot read this file")]
    except IsADirectoryError:
        return [], [IngestError(source, "is a folder, not a file")]
    except OSError as exc:
        return [], [IngestError(source, f"cannot read file ({exc.strerror or exc})")]
    except DecodeError as exc:
        return [], [IngestError(source, str(exc))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = _sniff_format(path, text)
    if fmt == "jsonl":
        return _jsonl_articles(source, text)
    if fmt == "html":
        try:
            return [_html_article(source, text)], []
        except DecodeError as exc:
            return [], [IngestError(source, str(exc))]
    return [RawArticle(source, text, "text")], []
