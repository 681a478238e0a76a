"""Cleaning: boilerplate and metadata lines go, every body line stays, offsets map back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.ingest.clean import OffsetMap, clean

from conftest import EXAMPLES


def _norm(s: str) -> str:
    s = re.sub(r"-\s+(?=[a-z])", "-", s)
    s = re.sub(r"\s+,", ",", s)
    return " ".join(s.split())


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _check_document(raw: str, gold_doc: dict) -> tuple[list[str], list[str]]:
    """(gold boilerplate lines left in the text, body lines lost from it)."""
    cleaned = clean(raw)
    kept = {_norm(ln) for ln in _lines(cleaned.text)}
    drop = set(gold_doc["boilerplate"]) | set(gold_doc["metadata_lines"])
    left = [b for b in drop if _norm(b) in kept]
    lost = [ln for ln in _lines(raw) if ln not in drop and not any(d in ln for d in drop) and _norm(ln) not in kept]
    return left, lost


def test_seed_boilerplate_removed_and_body_kept(seeds_dir: Path, seeds_gold: dict) -> None:
    total_drop = 0
    for gold_doc in seeds_gold["documents"]:
        raw = (seeds_dir / gold_doc["file"]).read_text(encoding="utf-8")
        left, lost = _check_document(raw, gold_doc)
        assert left == [], f"{gold_doc['file']}: boilerplate left in text: {left}"
        assert lost == [], f"{gold_doc['file']}: body lines lost: {lost}"
        total_drop += len(gold_doc["boilerplate"]) + len(gold_doc["metadata_lines"])
    assert total_drop == 29


def _example_text(name: str) -> str:
    if "#" in name:
        file, line = name.split("#")
        rows = (EXAMPLES / "corpus" / file).read_text(encoding="utf-8").splitlines()
        return json.loads(rows[int(line) - 1])["text"]
    return (EXAMPLES / "corpus" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "broadcast_1.txt",
        "broadcast_2.txt",
        "wire_1.txt",
        "wire_2.txt",
        "syndicated_1.txt",
        "regional_1.txt",
        "foreign_de.txt",
        "feed.jsonl#2",
        "feed.jsonl#3",
    ],
)
def test_sample_corpus_boilerplate(name: str, examples_gold: dict) -> None:
    gold_doc = next(d for d in examples_gold["documents"] if d["file"] == name)
    left, lost = _check_document(_example_text(name), gold_doc)
    assert left == []
    assert lost == []


def test_offsets_point_back_into_the_raw_text(seeds_dir: Path) -> None:
    raw = (seeds_dir / "000_2eb32fce0990fe07.txt").read_text(encoding="utf-8")
    cleaned = clean(raw)
    for c, r, n in cleaned.offsets:
        assert cleaned.text[c : c + n] == raw[r : r + n]
    om = OffsetMap(cleaned.offsets)
    i = cleaned.text.index("Vladimir Putin")
    assert raw[om.to_raw(i) : om.to_raw(i) + 14] == "Vladimir Putin"
    assert om.to_clean(om.to_raw(i)) == i


def test_repairs_split_names_and_stray_spaces() -> None:
    cleaned = clean("The leader Park Min- jun , who chaired the talks, spoke on Monday to reporters in the capital.")
    assert "Park Min-jun, who" in cleaned.text
    raw_removed = [r.text for r in cleaned.removed]
    assert raw_removed == []


def test_lines_in_another_script_and_ui_strings() -> None:
    raw = (
        "Unpin video\n\n동영상 고정 취소\n\nThe council voted on Tuesday to approve the budget, officials said.\n"
        "The mayor (시장) welcomed the vote and promised to publish the figures by Friday.\n"
        "▷ 이메일 : tips@example.example\n"
    )
    cleaned = clean(raw)
    assert cleaned.text.startswith("The council voted")
    assert "(시장)" in cleaned.text  # a word of another script inside a body sentence stays
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Unpin video"] == "ui-string"
    assert reasons["동영상 고정 취소"] == "other-script"


def test_broadcast_cues_sign_offs_and_metadata_found() -> None:
    raw = (
        "2025.03.04 오후 3:05\n[Anchor]\nThe storm reached the coast on Monday night, forecasters said.\n"
        "Jane Roe reports.\n[Report]\nWaves up to six metres hit the harbour wall before dawn on Tuesday.\n"
        "This is ABC News Jane Roe from Lisbon.\n"
    )
    cleaned = clean(raw)
    assert cleaned.found.published == "2025-03-04T15:05"
    assert cleaned.found.outlet == "ABC"
    assert cleaned.found.byline == ["Jane Roe"]
    assert cleaned.found.dateline == "Lisbon"
    assert _lines(cleaned.text) == [
        "The storm reached the coast on Monday night, forecasters said.",
        "Waves up to six metres hit the harbour wall before dawn on Tuesday.",
    ]


def test_cited_agency_is_not_the_outlet() -> None:
    raw = "According to TASS News on Tuesday, the ministry said the talks would resume next week in the capital.\n"
    assert clean(raw).found.outlet is None


def test_copyright_line_names_the_outlet() -> None:
    raw = "The ministry said the talks would resume next week in the capital city.\n© 2025 Example Daily Times (www.example.example). All rights reserved.\n"
    cleaned = clean(raw)
    assert cleaned.found.outlet == "Example Daily Times"
    assert "All rights reserved" not in cleaned.text
