"""WARC and WARC.gz files (Common Crawl's CC-NEWS, a crawler's own archive), read as streams.

Records are read one at a time with warcio, so memory stays flat however large the file. HTTP
responses with status 200 and an HTML content type become pages (extracted like fetched pages);
every other record is skipped and counted by kind. A record's WARC-Target-URI is the article's URL
and its WARC-Date the date it was fetched, never its publication date. A document's source is
``FILE#OFFSET``, the byte offset of its record (``warcio extract FILE OFFSET`` prints it again).

For the Dask engine a file is cut into byte ranges (``warc_slices``): a slice holds the records
that *start* in its range, found by looking for the first record boundary at or after its start
(a gzip member that unpacks to ``WARC/``; in an uncompressed file a ``WARC/1.`` line whose
Content-Length leads to the next record).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader

from storyline.ingest.decode import DecodeError
from storyline.ingest.readers import open_regular
from storyline.ingest.sources.items import FetchedPage, SourceStats, WarcSlice
from storyline.model import IngestError

WARC_SUFFIXES = (".warc", ".warc.gz")
SCAN_BYTES = 1024 * 1024  # read this much at a time when looking for a record boundary
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


def is_warc(path: Path | str) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _gzipped(path: str) -> bool:
    return path.lower().endswith(".gz")


def _record_at_gz(fh: BinaryIO, pos: int) -> bool:
    fh.seek(pos)
    try:
        head = zlib.decompressobj(31).decompress(fh.read(64 * 1024), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _record_at_plain(fh: BinaryIO, pos: int) -> bool:
    """A ``WARC/1.x`` header block at ``pos`` whose Content-Length ends where the next record starts."""
    if pos > 0:
        fh.seek(pos - 1)
        if fh.read(1) != b"\n":
            return False
    fh.seek(pos)
    block = fh.read(64 * 1024)
    end = block.find(b"\r\n\r\n")
    if end < 0:
        return False
    length = None
    for line in block[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
    if length is None:
        return False
    fh.seek(pos + end + 4 + length)
    after = fh.read(4 + len(_WARC_MAGIC))
    return after in (b"", b"\r\n", b"\r\n\r\n") or after == b"\r\n\r\n" + _WARC_MAGIC


def record_start(fh: BinaryIO, start: int, end: int | None, gz: bool) -> int | None:
    """The offset of the first record that starts at or after ``start`` (and before ``end``)."""
    magic = _GZIP_MAGIC if gz else _WARC_MAGIC
    check = _record_at_gz if gz else _record_at_plain
    pos = start
    while end is None or pos < end:
        fh.seek(pos)
        data = fh.read(SCAN_BYTES)
        if len(data) < len(magic):
            return None
        at = data.find(magic)
        while at != -1:
            cand = pos + at
            if end is not None and cand >= end:
                return None
            if check(fh, cand):
                return cand
            at = data.find(magic, at + 1)
        pos += len(data) - len(magic) + 1
    return None


def warc_slices(path: Path | str, slice_bytes: int | None, done: frozenset[int] = frozenset()) -> list[WarcSlice]:
    """The file as slices of about ``slice_bytes`` (None: one slice); ``done``: offsets already stored."""
    name = str(path)
    try:
        size = os.path.getsize(name)
    except OSError:
        size = 0  # the reader reports why it cannot be read
    if not slice_bytes or size <= slice_bytes:
        return [WarcSlice(name, 0, None, done)]
    out = []
    for start in range(0, size, slice_bytes):
        end = start + slice_bytes if start + slice_bytes < size else None
        mine = frozenset(o for o in done if o >= start and (end is None or o < end))
        out.append(WarcSlice(name, start, end, mine))
    return out


def _skip_reason(record: Any) -> str | None:
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    if record.http_headers is None:
        return "responses without HTTP headers"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return "responses with status other than 200"
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media and media not in HTML_TYPES:
        return "responses that are not HTML"
    return None


def _charset(record: Any) -> str | None:
    for part in (record.http_headers.get_header("Content-Type") or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip("\"'")
    return None


class _Truncated(ValueError):
    pass


class _Records(ArchiveIterator):
    """warcio's reader, with its warning about a wrong Content-Length kept off stderr: the damage
    is counted (``err_count``) and reported as this file's one error line."""

    INC_RECORD = ""


def _check_complete(record: Any) -> None:
    """warcio stops quietly at the end of a cut file: a record with bytes missing is the sign."""
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        raise _Truncated(f"the last record lacks {stream.limit:,} of its bytes")


def read_warc(piece: WarcSlice, max_bytes: int, stats: SourceStats) -> Iterator[FetchedPage | IngestError]:
    """The HTML pages of one slice of a WARC file, as they are read; bad records get an error."""
    path = piece.path
    try:  # regular files only (a named pipe called x.warc must not block); closed by the with below
        fh = open_regular(path)
    except DecodeError as exc:
        yield IngestError(path, str(exc))
        return
    except OSError as exc:
        yield IngestError(path, f"cannot read file ({exc.strerror or exc})")
        return
    with fh:
        start: int | None = piece.start
        if piece.start > 0:
            start = record_start(fh, piece.start, piece.end, _gzipped(path))
            if start is None:
                return
        fh.seek(start or 0)
        records = _Records(fh)
        offset, read = start or 0, 0
        last = None
        try:
            for record in records:
                if last is not None:
                    _check_complete(last)
                last = record
                offset = records.offset  # where this record starts (warcio moves it on to the next)
                if not str(record.format).startswith("warc"):
                    raise _Truncated(f"its records are {record.format}, not WARC")
                if piece.end is not None and offset >= piece.end:
                    break
                read += 1
                stats.warc_records += 1
                reason = _skip_reason(record)
                if reason:
                    stats.warc_skipped[reason] += 1
                    continue
                stats.warc_pages += 1
                if offset in piece.done:
                    stats.warc_done += 1
                    continue
                source = f"{path}#{offset}"
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield IngestError(source, f"page is over the {max_bytes:,}-byte limit ({uri or 'no target URI'})")
                    continue
                _check_complete(record)
                date = record.rec_headers.get_header("WARC-Date") or ""
                yield FetchedPage(source, uri, body, date, _charset(record))
            else:
                if last is not None:
                    _check_complete(last)
                left = os.fstat(fh.fileno()).st_size - records.offset
                if piece.end is None and left > 0:  # warcio ends quietly where a cut record begins
                    offset = records.offset
                    raise _Truncated(f"its last {left:,} bytes are not a complete record")
                if records.err_count:
                    raise _Truncated(f"{records.err_count} records are longer or shorter than their Content-Length")
        except Exception as exc:  # noqa: BLE001 - warcio fails on cut or damaged data in many ways
            what = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if read == 0 and piece.start == 0:
                yield IngestError(path, f"not a readable WARC file ({what})")
            else:
                yield IngestError(path, f"WARC file is truncated or damaged near byte {offset:,} ({what}); "
                                        "the records before it were read")  # fmt: skip
