"""Bad metadata (sidecars, manifests, JSON Lines fields, header lines): one line naming the file,
the key and what was expected; the article is still stored with its good values."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import pipeline
from storyline.ingest import ingest
from storyline.ingest.header import read_header
from storyline.model import Document, IngestError

BODY = "The council approved the new budget on Monday after a long debate, officials said. The mayor welcomed it.\n"


def _run(paths: list[Path], **kw) -> tuple[dict[str, Document], list[IngestError]]:
    docs: dict[str, Document] = {}
    lines: list[IngestError] = []
    for item in ingest(paths, **kw):
        if isinstance(item, Document):
            docs[
                Path(item.source.split("#")[0]).name + ("#" + item.source.split("#")[1] if "#" in item.source else "")
            ] = item
        else:
            lines.append(item)
    return docs, lines


def test_sidecar_values_of_the_wrong_type_are_reported_and_the_good_ones_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.txt.json").write_text(
        json.dumps({"outlet": {"a": 1}, "published": ["x"], "title": "Budget passes", "language": "en"})
    )
    (tmp_path / "b.txt").write_text(BODY.replace("Monday", "Friday"))
    (tmp_path / "b.txt.json").write_text(json.dumps({"published": 7, "outlet": "Town Crier"}))
    docs, lines = _run([tmp_path])
    assert docs["a.txt"].outlet is None or docs["a.txt"].outlet_source == "text"  # never "{'a': 1}"
    assert "{" not in (docs["a.txt"].outlet or "")
    assert docs["a.txt"].title == "Budget passes" and docs["a.txt"].language == "en"
    assert docs["b.txt"].outlet == "Town Crier" and docs["b.txt"].published is None
    reasons = {(Path(e.source).name, e.level, e.reason) for e in lines}
    assert reasons == {
        ("a.txt.json", "warning", '"outlet" must be a string, got an object; ignored'),
        ("a.txt.json", "warning", '"published" must be a date string such as "2025-03-04", got a list; ignored'),
        ("b.txt.json", "warning", '"published" must be a date string such as "2025-03-04", got a number; ignored'),
    }


def test_manifest_values_of_the_wrong_type_and_dates_that_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY.replace("Monday", "Friday"))
    entries = [
        {"file": "a.txt", "outlet": {"a": 1}, "published": "2025-03-04"},
        {"file": "b.txt", "outlet": "Town Crier", "published": "not a date", "language": ["en"]},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": entries}))
    docs, lines = _run([tmp_path])
    assert docs["a.txt"].published == "2025-03-04" and docs["a.txt"].published_source == "metadata"
    assert docs["b.txt"].outlet == "Town Crier" and docs["b.txt"].published is None
    assert docs["b.txt"].language == "en"  # detected from the text instead
    assert all(e.level == "warning" and Path(e.source).name == "manifest.json" for e in lines)
    shown = sorted(e.reason for e in lines)
    assert len(shown) == 3
    assert shown[0].startswith("entry 1 ('a.txt'): \"outlet\" must be a string, got an object")
    assert shown[1].startswith("entry 2 ('b.txt'): \"language\" must be a language code")
    assert shown[2].startswith("entry 2 ('b.txt'): \"published\" is 'not a date', not a date (expected")


def test_manifest_entry_outside_its_folder_is_reported_and_never_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(BODY)
    secret = tmp_path / "secret.txt"
    secret.write_text("Nothing in this file may ever be read by a build of the corpus folder next to it.\n")
    entries = [
        {"file": "../../../etc/passwd", "outlet": "X"},
        {"file": "../secret.txt", "outlet": "Y"},
        {"file": str(secret), "outlet": "Z"},
        {"file": "a.txt", "outlet": "Town Crier"},
        {"outlet": "no file"},
    ]
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}))
    docs, lines = _run([corpus])
    assert list(docs) == ["a.txt"] and docs["a.txt"].outlet == "Town Crier"
    assert [(e.level, e.reason) for e in lines] == [
        ("error", "entry 1 ('../../../etc/passwd') points outside the manifest's folder; skipped"),
        ("error", "entry 2 ('../secret.txt') points outside the manifest's folder; skipped"),
        ("error", f"entry 3 ({str(secret)!r}) points outside the manifest's folder; skipped"),
        ("error", 'entry 5 has no "file" name; skipped'),
    ]


def test_jsonl_row_with_bad_field_types_loses_only_that_field(tmp_path: Path) -> None:
    rows = [
        {"text": f"Row {i}: " + BODY.replace("Monday", f"day {i}"), "url": f"https://x.example/{i}"} for i in range(6)
    ]
    rows[1]["url"] = {"href": "https://x.example/1"}
    rows[2]["language"] = ["en"]
    rows[3]["byline"] = [1, 2]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    docs, lines = _run([tmp_path])
    assert len(docs) == 6
    assert docs["feed.jsonl#2"].url is None and docs["feed.jsonl#1"].url == "https://x.example/0"
    assert [(e.source.split("/")[-1], e.level) for e in lines] == [
        ("feed.jsonl#2", "warning"),
        ("feed.jsonl#3", "warning"),
        ("feed.jsonl#4", "warning"),
    ]
    assert '"url" must be a string, got an object' in lines[0].reason


def test_a_bad_jsonl_field_no_longer_rolls_back_its_batch(tmp_path: Path) -> None:
    rows = [{"text": f"Row {i}: " + BODY.replace("Monday", f"day {i}")} for i in range(6)]
    rows[0]["url"] = {"href": "https://x.example/1"}
    rows[4]["language"] = ["en", "fr"]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = pipeline.build([tmp_path / "feed.jsonl"], tmp_path / "s.db")
    assert report.stored == 6 and not report.errors
    assert len(report.warnings) == 2


def test_header_lines_become_metadata_and_leave_the_text(tmp_path: Path) -> None:
    header = (
        "url: https://news.example/2024/10/15/budget\npublished: 2011-02-03\ntitle: Budget passes\n"
        "outlet: Town Crier\nauthor: Jane Roe and John Doe\n\n"
    )
    (tmp_path / "a.txt").write_text(header + BODY)
    docs, lines = _run([tmp_path])
    doc = docs["a.txt"]
    assert not lines
    assert doc.url == "https://news.example/2024/10/15/budget"
    assert (doc.published, doc.published_source) == ("2011-02-03", "metadata")
    assert (doc.title, doc.outlet, doc.byline) == ("Budget passes", "Town Crier", ["Jane Roe", "John Doe"])
    assert doc.text == BODY.strip()
    assert [r.reason for r in doc.removed] == ["header"] * 5
    # The raw text is whole and the offset map leads every cleaned character back to it.
    assert doc.raw_text == header + BODY
    for clean_start, raw_start, length in doc.offsets:
        assert doc.text[clean_start : clean_start + length] == doc.raw_text[raw_start : raw_start + length]
    assert doc.raw_text[doc.offsets[0][1] :].startswith("The council")


def test_front_matter_block_is_read_and_unknown_keys_ignored(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Budget: a long night"\ndate: 2012-05-06\ntags:\n  - a\n  - b\n'
        "authors:\n  - Ann Lee\n  - 'Bo Ek'\nsource: Daily Example\nlayout: post\n---\n" + BODY
    )
    (tmp_path / "a.md").write_text(text)
    docs, lines = _run([tmp_path])
    doc = docs["a.md"]
    assert not lines
    assert (doc.title, doc.published, doc.outlet, doc.byline) == (
        "Budget: a long night",
        "2012-05-06",
        "Daily Example",
        ["Ann Lee", "Bo Ek"],
    )
    assert doc.text == BODY.strip()


def test_header_value_that_is_no_date_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("title: Budget passes\npublished: not a date\n\n" + BODY)
    docs, lines = _run([tmp_path])
    assert docs["a.txt"].title == "Budget passes" and docs["a.txt"].published is None
    assert [(e.level, e.reason) for e in lines] == [
        (
            "warning",
            'header "published" is \'not a date\', not a date (expected e.g. "2025-03-04" or "Mar. 4, 2025"); ignored',
        )
    ]


def test_metadata_precedence_sidecar_manifest_header_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("published: 2011-02-03\noutlet: Header Post\ntitle: Header title\n\n" + BODY)
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [{"file": "a.txt", "outlet": "Manifest Times"}]}))
    (tmp_path / "a.txt.json").write_text(json.dumps({"title": "Sidecar title"}))
    docs, _lines = _run([tmp_path])
    doc = docs["a.txt"]
    assert (doc.title, doc.outlet, doc.published) == ("Sidecar title", "Manifest Times", "2011-02-03")


def test_only_clear_headers_are_taken() -> None:
    # One line with a free-text key may be a headline ("Source: ..."), not a header.
    assert read_header("Source: the minister will resign\n\n" + BODY).end == 0
    # A date line alone is a header only when its value is a date.
    assert read_header("published: 2009-03-02\n\n" + BODY).end == len("published: 2009-03-02")
    assert read_header("Date: next week, maybe\n\n" + BODY).end == 0
    # Unknown keys do not make a header; a rule "---" with prose under it is no front matter.
    assert read_header("Note: this is it\nWarning: more\n\n" + BODY).end == 0
    assert read_header("---\nThe council met. It was late.\n---\n" + BODY).end == 0
    assert read_header("---\ntitle: never closed\n" + BODY).end == 0
