"""What each input of `build` is: article files, WARC files, or sources that lead to web pages.

* an ``http(s)://`` URL: fetched, then read as whatever it turns out to be (feed, sitemap, URL
  list or article page);
* a ``.warc`` / ``.warc.gz`` file, or one inside a folder;
* a named ``.xml``, ``.rss``, ``.atom``, ``.rdf`` or ``.xml.gz`` file: a feed or a sitemap;
* a named ``.txt`` file whose every line is a URL: a URL list (any other ``.txt`` is an article);
* everything else: article files and folders, read as before.

Feeds, sitemaps and URL lists are recognised only when named: a folder of articles never makes
Storyline go online.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest.sources.sniff import is_url_list
from storyline.ingest.sources.urls import UnsafeURL, is_web_url, looks_like_url, normalize_url
from storyline.ingest.sources.warc import is_warc
from storyline.model import IngestError

SOURCE_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".xml.gz")
LIST_SUFFIXES = (".txt", ".urls")
LIST_SNIFF_BYTES = 1024 * 1024  # a URL list is recognised from its first MiB


@dataclass
class Inputs:
    files: list[Path] = field(default_factory=list)  # article files and folders (read as before)
    warcs: list[Path] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # normalized URLs and local feed/sitemap/list files
    errors: list[IngestError] = field(default_factory=list)


def _warcs_in(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / n for n in sorted(files) if not n.startswith(".") and is_warc(n)]
    return found


def _is_list_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(LIST_SNIFF_BYTES)
    except OSError:
        return False  # the article reader reports why it cannot be read
    return is_url_list(head.decode("utf-8", errors="replace"))


def classify(inputs: list[str | Path]) -> Inputs:
    found = Inputs()
    for given in inputs:
        text = str(given)
        if not isinstance(given, Path) and is_web_url(text):
            try:
                found.sources.append(normalize_url(text))
            except UnsafeURL as exc:
                found.errors.append(IngestError(text, str(exc)))
            continue
        path = Path(given)
        if not path.exists() and not isinstance(given, Path) and looks_like_url(text):
            found.errors.append(IngestError(text, "only http(s) URLs are fetched"))
        elif path.is_dir():
            found.files.append(path)
            found.warcs += _warcs_in(path)
        elif is_warc(path):
            found.warcs.append(path)
        elif path.is_file() and (
            path.name.lower().endswith(SOURCE_SUFFIXES)
            or (path.name.lower().endswith(LIST_SUFFIXES) and _is_list_file(path))
        ):
            found.sources.append(str(path))
        else:
            found.files.append(path)  # a missing path gets its error from the article reader
    return found
