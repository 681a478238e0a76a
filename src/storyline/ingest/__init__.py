"""Ingest stage: files and folders → cleaned Documents (plus one IngestError per bad input)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.ingest.document import content_id, settle, to_document
from storyline.ingest.manifest import ManifestError, load_manifest, load_sidecar
from storyline.ingest.readers import DEFAULT_MAX_BYTES, discover, read_file, real_path, tidy, walk
from storyline.model import ArticleMeta, Document, IngestError

__all__ = ["DEFAULT_MAX_BYTES", "content_id", "gather_metadata", "ingest", "ingest_files", "to_document"]


def _folder_manifests(paths: list[Path], explicit: Path | None) -> tuple[dict[Path, ArticleMeta], list[IngestError]]:
    metadata: dict[Path, ArticleMeta] = {}
    errors: list[IngestError] = []
    # Each given folder's own manifest first, then those of its subfolders (they win for their
    # files), then the explicit one; problems with the folders themselves are reported by ``discover``.
    tops = [tidy(p) / "manifest.json" for p in paths]
    nested = [
        item[1] / "manifest.json" for item in walk(paths) if not isinstance(item, IngestError) and item[0] == "dir"
    ]
    manifests: dict[Path, Path] = {}  # real path → the spelling shown (a manifest is read once)
    for m in [*tops, *nested]:
        if m.is_file():
            manifests.setdefault(real_path(m), m)
    order = list(manifests.values())
    if explicit is not None:
        order.append(explicit)
    for m in order:
        try:
            found, problems = load_manifest(m)
        except ManifestError as exc:
            errors.append(IngestError(str(m), str(exc)))
            continue
        metadata.update(found)  # an explicit manifest, read last, wins
        errors.extend(problems)
    return metadata, errors


def ingest(
    paths: list[Path],
    manifest: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Yield a Document for every article found, and an IngestError for every bad input.

    A ``manifest.json`` inside a given folder is used automatically; ``manifest`` adds one more
    (its entries win). Metadata precedence: sidecar > manifest > the file's own (HTML meta,
    JSON fields) > its header lines or front matter > what the text itself says.
    """
    metadata, errors = _folder_manifests(paths, manifest)
    yield from errors
    yield from ingest_files(discover(paths), metadata, max_bytes)


def gather_metadata(
    paths: list[Path], manifest: Path | None = None
) -> tuple[dict[Path, ArticleMeta], list[IngestError]]:
    """The manifest metadata ``ingest`` would use, by real file path (for ``ingest_files``)."""
    return _folder_manifests(paths, manifest)


def ingest_files(
    files: Iterable[Path | IngestError], metadata: dict[Path, ArticleMeta], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | IngestError]:
    """Read the given files (as ``discover`` lists them) with manifest ``metadata`` already gathered;
    the Dask engine runs this on each partition of the files."""
    for found in files:
        if isinstance(found, IngestError):
            yield found
            continue
        sidecar, problems = load_sidecar(found)
        yield from problems
        meta = (sidecar or ArticleMeta()).over(metadata.get(real_path(found), ArticleMeta()))
        articles, read_errors = read_file(found, max_bytes)
        yield from read_errors
        for article in articles:
            if article.fmt == "jsonl":  # a line's own fields beat the file's metadata
                article.meta = article.meta.over(meta)
            yield from settle(article, None if article.fmt == "jsonl" else meta)
