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

from storyline.ingest.decode import DecodeError
from storyline.ingest.readers import open_regular, real_path, walk
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
    """The WARC files in a folder and its subfolders, walked as articles are (links followed, a
    loop not; what cannot be read is reported once, by the article reader's walk)."""
    found = []
    for item in walk([folder]):
        if isinstance(item, IngestError) or item[0] != "dir":
            continue
        try:
            names = sorted(os.listdir(item[1]))
        except OSError:
            continue
        found += [item[1] / n for n in names if not n.startswith(".") and is_warc(n)]
    return found


def _is_list_file(path: Path) -> bool:
    try:
        with open_regular(path) as fh:
            head = fh.read(LIST_SNIFF_BYTES)
    except (OSError, DecodeError):
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
    unique: dict[Path, Path] = {}  # a WARC file named twice, or also found in a folder, is read once
    for warc in found.warcs:
        unique.setdefault(real_path(warc), warc)
    found.warcs = list(unique.values())
    return found
