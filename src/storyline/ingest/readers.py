"""Files → RawArticle: plain text, HTML pages (via trafilatura) and JSON Lines.

Only regular files are read (a named pipe or a device named ``*.txt`` is reported, never opened
for reading in a way that could block), and the size limit is enforced while reading, so a file
that reports a wrong size cannot make the build read without end.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.ingest.fields import read_fields
from storyline.model import ArticleMeta, IngestError, RawArticle

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
DEFAULT_MAX_BYTES = 5_000_000
READ_CHUNK = 1 << 20  # bytes read at a time while the size limit is checked

_FILE_KINDS = [
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
]  # fmt: skip


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def tidy(path: Path) -> Path:
    """``./dir/../dir/a.txt`` → ``dir/a.txt``, so one file has one name whatever spelling was typed.

    The short spelling is kept only when it names the same file (``..`` after a symbolic link
    does not go back where it came from)."""
    short = Path(os.path.normpath(path))
    if short == path:
        return path
    try:
        return short if os.path.samefile(short, path) else path
    except OSError:
        return path


def real_path(path: Path) -> Path:
    """The absolute path without symbolic links; never raises, even on a link loop."""
    return Path(os.path.realpath(path))


def _link_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link points back to itself); skipped"
    if os.path.islink(path):
        return f"broken symbolic link (to {os.readlink(path)!r}); skipped"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read ({exc.strerror or exc})"


def walk(paths: list[Path]) -> Iterator[tuple[str, Path] | IngestError]:
    """("dir", folder) and ("file", path) for everything under ``paths``, in a stable order.

    Folders are walked recursively, also through symbolic links to folders; a link back to a folder
    being walked (a loop) is reported and not followed, a folder reached twice is walked once, and
    the same file given twice (under two spellings, or through a link) is listed once. Hidden
    entries are skipped. Every path is given in its tidy spelling.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def visit(
        path: Path, ancestors: tuple[tuple[int, int], ...], named: bool
    ) -> Iterator[tuple[str, Path] | IngestError]:
        try:
            st = os.stat(path)
        except OSError as exc:
            if named or os.path.islink(path):
                yield IngestError(str(path), _link_problem(path, exc))
            return
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in ancestors:
                yield IngestError(str(path), "symbolic link loop (to a folder that contains it); not followed")
                return
            if key in seen_dirs:
                return
            seen_dirs.add(key)
            yield "dir", path
            try:
                names = sorted(os.listdir(path))
            except OSError as exc:
                yield IngestError(str(path), f"cannot read folder ({exc.strerror or exc})")
                return
            for name in names:
                if not name.startswith("."):
                    yield from visit(path / name, (*ancestors, key), False)
            return
        if not named and Path(path.name).suffix.lower() not in FORMATS:
            return  # inside folders, only article files
        if not stat.S_ISREG(st.st_mode):
            yield IngestError(str(path), f"{file_kind(st.st_mode)}, not a regular file; skipped")
        elif key not in seen_files:
            seen_files.add(key)
            yield "file", path

    for given in paths:
        yield from visit(tidy(given), (), True)


def discover(paths: list[Path]) -> Iterator[Path | IngestError]:
    """Article files under the given files and folders, in a stable order (see ``walk``).

    Manifests and sidecar ``.json`` files are not articles, and neither are files of other types
    inside folders (a file named explicitly is read whatever its extension).
    """
    for item in walk(paths):
        if isinstance(item, IngestError):
            yield item
        elif item[0] == "file":
            yield item[1]


def open_regular(path: Path | str) -> BinaryIO:
    """A regular file opened for reading; raises DecodeError (a pipe, a device, ...) or OSError."""
    # O_NONBLOCK: opening a named pipe put here after the folder was walked must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    fh = os.fdopen(fd, "rb")
    mode = os.fstat(fh.fileno()).st_mode
    if not stat.S_ISREG(mode):
        fh.close()
        raise DecodeError(f"{file_kind(mode)}, not a regular file; skipped")
    return fh


def read_limited(path: Path | str, max_bytes: int, hint: str = " (see --max-bytes)") -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; raises DecodeError or OSError.
    ``hint`` ends the message about a file over the limit (where the limit is set)."""
    with open_regular(path) as fh:
        st = os.fstat(fh.fileno())
        if st.st_size > max_bytes:
            raise DecodeError(f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit{hint}")
        chunks, size = [], 0
        while size <= max_bytes:  # the limit holds whatever st_size said
            chunk = fh.read(min(READ_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    if size > max_bytes:
        raise DecodeError(f"file is over the {max_bytes:,}-byte limit{hint}")
    return b"".join(chunks)


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


def html_article(source: str, html: str) -> tuple[RawArticle, list[IngestError]]:
    """The article text and the checked meta tags of an HTML page (a file, a fetched or archived
    page); raises DecodeError when the page holds no article text."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from trafilatura.settings import Document as Extracted

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text if isinstance(doc, Extracted) else "") or ""
    if not isinstance(doc, Extracted) or not text.strip():  # a dict only comes with as_dict=True
        raise DecodeError("HTML page has no article text that could be extracted")
    byline = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    meta, warnings = read_fields(
        {"title": doc.title, "outlet": doc.sitename, "published": doc.date, "url": doc.url, "byline": byline},
        source,
        context="HTML meta ",
    )
    return RawArticle(source, text, "html", meta), warnings


def nul_warning(where: str, count: int) -> IngestError:
    """The warning for NUL bytes dropped from an article's text (they are never meaningful in text)."""
    return IngestError(where, f"{count:,} NUL byte{'s' if count != 1 else ''} dropped from the text", "warning")


def _jsonl_articles(source: str, text: str) -> tuple[list[RawArticle], list[IngestError]]:
    articles: list[RawArticle] = []
    problems: list[IngestError] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(IngestError(where, f"line {lineno} is not valid JSON ({exc.msg})"))
            continue
        except RecursionError:
            problems.append(IngestError(where, f"line {lineno} is not usable JSON (nested too deeply)"))
            continue
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            problems.append(IngestError(where, f"line {lineno} is not usable JSON ({exc})"))
            continue
        body = obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(body, str) or not body.strip():
            problems.append(IngestError(where, f'line {lineno} has no "text" string'))
            continue
        if "\x00" in body:
            problems.append(nul_warning(where, body.count("\x00")))
            body = body.replace("\x00", "")
        meta, warnings = read_fields(obj, where)
        problems.extend(warnings)
        articles.append(RawArticle(where, body, "jsonl", meta))
    if not articles and not problems:
        problems.append(IngestError(source, "empty file"))
    return articles, problems


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawArticle], list[IngestError]]:
    """Read one file; never raises for bad input, returns the errors and warnings instead."""
    source = str(path)
    try:
        decoded = decode_bytes(read_limited(path, max_bytes))
    except PermissionError:
        return [], [IngestError(source, "permission denied: cannot read this file")]
    except IsADirectoryError:
        return [], [IngestError(source, "is a folder, not a file")]
    except OSError as exc:
        return [], [IngestError(source, _link_problem(path, exc) if exc.errno == errno.ELOOP else
                                f"cannot read file ({exc.strerror or exc})")]  # fmt: skip
    except DecodeError as exc:
        return [], [IngestError(source, str(exc))]
    notes = [nul_warning(source, decoded.nuls_dropped)] if decoded.nuls_dropped else []
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = _sniff_format(path, text)
    if fmt == "jsonl":
        articles, problems = _jsonl_articles(source, text)
        return articles, notes + problems
    if fmt == "html":
        try:
            article, warnings = html_article(source, text)
        except DecodeError as exc:
            return [], [*notes, IngestError(source, str(exc))]
        return [article], notes + warnings
    return [RawArticle(source, text, "text", ArticleMeta())], notes
