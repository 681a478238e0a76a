"""Ingest stage: files and folders → cleaned Documents (plus one IngestError per bad input)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.document import content_id, to_document
from storyline.ingest.manifest import ManifestError, load_manifest, load_sidecar
from storyline.ingest.readers import DEFAULT_MAX_BYTES, discover, read_file
from storyline.model import Document, IngestError

__all__ = ["DEFAULT_MAX_BYTES", "content_id", "gather_metadata", "ingest", "ingest_files", "to_document"]


def _folder_manifests(paths: list[Path], explicit: Path | None) -> tuple[dict[Path, dict[str, Any]], list[IngestError]]:
    metadata: dict[Path, dict[str, Any]] = {}
    errors: list[IngestError] = []
    manifests = [p / "manifest.json" for p in paths if p.is_dir()]
    manifests = [m for m in manifests if m.is_file()]
    for p in paths:
        if p.is_dir():
            manifests += [m for m in sorted(p.rglob("*/manifest.json")) if m not in manifests]
    if explicit is not None:
        manifests.append(explicit)
    for m in manifests:
        try:
            metadata.update(load_manifest(m))  # an explicit manifest, read last, wins
        except ManifestError as exc:
            errors.append(IngestError(str(m), str(exc)))
    return metadata, errors


def ingest(
    paths: list[Path],
    manifest: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Yield a Document for every article found, and an IngestError for every bad input.

    A ``manifest.json`` inside a given folder is used automatically; ``manifest`` adds one more
    (its entries win). Metadata precedence: sidecar > manifest > the file's own (HTML meta,
    JSON fields) > what the text itself says.
    """
    metadata, errors = _folder_manifests(paths, manifest)
    yield from errors
    yield from ingest_files(discover(paths), metadata, max_bytes)


def gather_metadata(
    paths: list[Path], manifest: Path | None = None
) -> tuple[dict[Path, dict[str, Any]], list[IngestError]]:
    """The manifest metadata ``ingest`` would use, by resolved file path (for ``ingest_files``)."""
    return _folder_manifests(paths, manifest)


def ingest_files(
    files: Iterable[Path | IngestError], metadata: dict[Path, dict[str, Any]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestError]:
    """Read the given files (as ``discover`` lists them) with manifest ``metadata`` already gathered;
    the Dask engine runs this on each partition of the files."""
    for found in files:
        if isinstance(found, IngestError):
            yield found
            continue
        meta = dict(metadata.get(found.resolve(), {}))
        try:
            sidecar = load_sidecar(found)
        except ManifestError as exc:
            yield IngestError(str(found), str(exc))
            sidecar = None
        meta.update(sidecar or {})
        articles, read_errors = read_file(found, max_bytes)
        yield from read_errors
        for article in articles:
            if article.fmt == "jsonl":  # a line's own fields beat the file's metadata
                article.meta = {**meta, **article.meta}
            try:
                yield to_document(article, None if article.fmt == "jsonl" else meta)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
                yield IngestError(article.source, f"could not be processed ({type(exc).__name__}: {exc})")
