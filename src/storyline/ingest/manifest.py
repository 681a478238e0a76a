"""Metadata given beside the articles: a folder manifest or a per-file sidecar ``<file>.json``.

Manifest format (as crawlers write it)::

    {"documents": [{"file": "a.txt", "outlet": "ABC News", "published": "2025-03-04",
                    "date_source": "text", "language": "en"}]}

``file`` is relative to the manifest's folder; a name found nowhere there is looked up by its
base name in the folder's subfolders (corpora often keep the texts in ``docs/``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

META_KEYS = ("outlet", "published", "date_source", "language", "title", "url", "byline", "author")


class ManifestError(ValueError):
    pass


def _meta(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: entry[k] for k in META_KEYS if entry.get(k) not in (None, "", [])}


def load_manifest(path: Path) -> dict[Path, dict[str, Any]]:
    """Map each listed file (resolved path) to its metadata. Raises ManifestError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ManifestError(f"cannot read manifest ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"manifest is not valid JSON ({exc})") from exc
    entries = data.get("documents") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ManifestError('manifest needs a "documents" list')
    out: dict[Path, dict[str, Any]] = {}
    by_name: dict[str, list[Path]] | None = None
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise ManifestError(f'manifest entry {i + 1} has no "file" name')
        target = path.parent / entry["file"]
        if not target.exists():
            if by_name is None:  # walk the folder once, and only when some name needs it
                by_name = {}
                for found in path.parent.rglob("*"):
                    by_name.setdefault(found.name, []).append(found)
            hits = by_name.get(Path(entry["file"]).name, [])
            target = hits[0] if len(hits) == 1 else target
        out[target.resolve()] = _meta(entry)
    return out


def load_sidecar(article: Path) -> dict[str, Any] | None:
    """Metadata from ``<article>.json`` if present. Raises ManifestError when it is broken."""
    sidecar = article.with_name(article.name + ".json")
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"sidecar {sidecar.name} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"sidecar {sidecar.name} must hold a JSON object")
    return _meta(data)
