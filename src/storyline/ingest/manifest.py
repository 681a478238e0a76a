"""Metadata given beside the articles: a folder manifest or a per-file sidecar ``<file>.json``.

Manifest format (as crawlers write it)::

    {"documents": [{"file": "a.txt", "outlet": "ABC News", "published": "2025-03-04",
                    "language": "en"}]}

``file`` is relative to the manifest's folder; a name found nowhere there is looked up by its
base name in the folder's subfolders (corpora often keep the texts in ``docs/``). An entry that
points outside the folder (``../../etc/passwd``, an absolute path) is reported and never used.
The metadata keys are those of ``fields.JSON_KEYS``; other keys are ignored, and a value of the
wrong type is reported and left out (the entry's other values are used).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from storyline.ingest.decode import DecodeError
from storyline.ingest.fields import read_fields
from storyline.ingest.readers import read_limited, real_path
from storyline.model import ArticleMeta, IngestError

MAX_MANIFEST_BYTES = 500_000_000  # about two million entries
MAX_SIDECAR_BYTES = 1_000_000  # the metadata of one article


class ManifestError(ValueError):
    pass


def _load_json(path: Path, what: str, max_bytes: int) -> Any:
    try:
        return json.loads(read_limited(path, max_bytes).decode("utf-8-sig"))
    except OSError as exc:
        raise ManifestError(f"cannot read {what} ({exc.strerror or exc})") from exc
    except DecodeError as exc:
        raise ManifestError(f"{what}: {exc}") from exc
    except RecursionError as exc:
        raise ManifestError(f"{what} is not usable JSON (nested too deeply)") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"{what} is not valid JSON ({exc})") from exc


def _inside(folder: Path, name: str) -> bool:
    """Whether ``name`` (as written in the manifest) stays inside ``folder``."""
    if os.path.isabs(name):
        return False
    joined = os.path.normpath(os.path.join(folder, name))
    return os.path.commonpath([joined, os.path.normpath(folder)]) == os.path.normpath(folder)


def load_manifest(path: Path) -> tuple[dict[Path, ArticleMeta], list[IngestError]]:
    """Map each listed file (its real path) to its metadata, with one line per bad entry or value.

    Raises ManifestError when the manifest as a whole cannot be used."""
    data = _load_json(path, "manifest", MAX_MANIFEST_BYTES)
    entries = data.get("documents") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ManifestError('manifest needs a "documents" list')
    out: dict[Path, ArticleMeta] = {}
    problems: list[IngestError] = []
    by_name: dict[str, list[Path]] | None = None
    for i, entry in enumerate(entries, start=1):
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip():
            problems.append(IngestError(str(path), f'entry {i} has no "file" name; skipped'))
            continue
        if not _inside(path.parent, name):
            problems.append(
                IngestError(str(path), f"entry {i} ({name!r}) points outside the manifest's folder; skipped")
            )
            continue
        target = path.parent / name
        if not os.path.lexists(target):
            if by_name is None:  # walk the folder once, and only when some name needs it
                by_name = {}
                for found in path.parent.rglob("*"):
                    by_name.setdefault(found.name, []).append(found)
            hits = by_name.get(Path(name).name, [])
            target = hits[0] if len(hits) == 1 else target
        meta, warnings = read_fields(entry, str(path), context=f"entry {i} ({name!r}): ")
        problems.extend(warnings)
        out[real_path(target)] = meta
    return out, problems


def load_sidecar(article: Path) -> tuple[ArticleMeta | None, list[IngestError]]:
    """Metadata from ``<article>.json`` if present, with one line per bad value (naming the
    sidecar); a sidecar that cannot be used at all gives one error and no metadata."""
    sidecar = article.with_name(article.name + ".json")
    if not sidecar.is_file():
        return None, []
    try:
        data = _load_json(sidecar, "sidecar", MAX_SIDECAR_BYTES)
    except ManifestError as exc:
        return None, [IngestError(str(sidecar), f"{exc}; the article is read without it")]
    if not isinstance(data, dict):
        return None, [IngestError(str(sidecar), "sidecar must hold a JSON object; the article is read without it")]
    return read_fields(data, str(sidecar))
