"""Reading files: formats, metadata precedence, and what the text says when metadata is missing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storyline.ingest import ingest
from storyline.model import Document, IngestError

from conftest import EXAMPLES


def _docs(items) -> dict[str, Document]:
    return {Path(d.source).name: d for d in items if isinstance(d, Document)}


def test_seeds_with_manifest_match_gold(seeds_dir: Path, seeds_gold: dict) -> None:
    docs = _docs(ingest([seeds_dir], manifest=seeds_dir / "manifest.json"))
    manifest = {e["file"]: e for e in json.loads((seeds_dir / "manifest.json").read_text())["documents"]}
    assert len(docs) == 5
    for gold_doc in seeds_gold["documents"]:
        doc = docs[gold_doc["file"]]
        assert doc.outlet == gold_doc["outlet"]
        assert doc.published == manifest[gold_doc["file"]]["published"]
        assert doc.published_source == "metadata"


def test_seeds_without_manifest_find_outlets_and_printed_dates(
    seeds_dir: Path, seeds_gold: dict, tmp_path: Path
) -> None:
    for f in seeds_dir.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    docs = _docs(ingest([tmp_path]))
    manifest = {e["file"]: e for e in json.loads((seeds_dir / "manifest.json").read_text())["documents"]}
    for gold_doc in seeds_gold["documents"]:
        doc = docs[gold_doc["file"]]
        assert doc.outlet == gold_doc["outlet"], gold_doc["file"]
        assert doc.byline == gold_doc["byline"]
        assert doc.title == gold_doc["headline"]
        entry = manifest[gold_doc["file"]]
        if entry["date_source"] == "text":  # printed in the text: found without the manifest
            assert doc.published is not None and entry["published"].startswith(doc.published[:16])
            assert doc.published_source == "text"
        else:
            assert doc.published is None  # never guessed


def test_sample_corpus_formats_and_metadata(examples_gold: dict) -> None:
    items = list(ingest([EXAMPLES / "corpus"]))
    assert not [i for i in items if isinstance(i, IngestError)]
    docs = {d.source.split("corpus/")[-1]: d for d in items if isinstance(d, Document)}
    assert len(docs) == 12  # 9 files, one of them JSON Lines with 3 articles
    assert {d.fmt for d in docs.values()} == {"text", "html", "jsonl"}
    for gold_doc in examples_gold["documents"]:
        doc = docs[gold_doc["file"]]
        assert doc.outlet == gold_doc["outlet"], gold_doc["file"]
        assert doc.byline == gold_doc["byline"], gold_doc["file"]
    assert docs["web_1.html"].title == "River deal row: how much water will Ilmora really get?"
    assert docs["web_1.html"].published == "2025-10-16"
    assert docs["wire_1.txt"].published.startswith("2025-10-09")  # from the sidecar wire_1.txt.json
    assert docs["regional_1.txt"].published == "2025-11-04T18:05"  # printed in the text only
    assert docs["foreign_de.txt"].language == "de"
    assert docs["feed.jsonl#1"].url.startswith("https://")


def test_same_article_twice_has_one_id(tmp_path: Path) -> None:
    text = "The council approved the new budget on Monday after a long debate, officials said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n", encoding="utf-8")
    ids = {d.id for d in ingest([tmp_path]) if isinstance(d, Document)}
    assert len(ids) == 1


def test_sidecar_beats_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The river rose by two metres overnight, the water agency said on Monday.\n")
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [{"file": "a.txt", "outlet": "Manifest Times"}]}))
    (tmp_path / "a.txt.json").write_text(json.dumps({"outlet": "Sidecar Post", "published": "2025-01-02"}))
    (doc,) = [d for d in ingest([tmp_path]) if isinstance(d, Document)]
    assert doc.outlet == "Sidecar Post"
    assert doc.published == "2025-01-02"
