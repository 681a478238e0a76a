"""The entities eval layer: the floor on the seed corpus, the sample corpus, and the scorer itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval import evaluate, run_system
from storyline.eval.layers.entities import locate, score
from storyline.eval.scores import SystemOutput
from storyline.model import Document

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def seeds_entities(seeds_dir: Path, seeds_gold: dict, seeds_db: Path) -> dict:
    out = run_system(seeds_dir, seeds_dir / "manifest.json", seeds_db)
    (result,) = evaluate(seeds_gold, out, ["entities"])
    return result.metrics


def test_seed_actors_are_all_merged_and_never_wrongly(seeds_entities: dict) -> None:
    m = seeds_entities
    assert m["multi_alias"] == 12
    assert m["merged"] == 12
    assert m["wrong_merges"] == 0
    assert m["must_not_merge_violated"] == 0
    assert m["must_not_merge_pairs"] == 5
    assert m["bcubed_precision"] == 1.0
    assert m["bcubed_recall"] >= 0.97


def test_sample_corpus_keeps_distinct_actors_apart(examples_gold: dict, examples_db: Path) -> None:
    out = run_system(EXAMPLES / "corpus", None, examples_db)
    (result,) = evaluate(examples_gold, out, ["entities"])
    m = result.metrics
    assert m["wrong_merges"] == 0
    assert m["must_not_merge_violated"] == 0
    assert m["must_not_merge_pairs"] == 9
    # the German article is not parsed, so only the mentions the system has can be merged
    assert m["merged_among_found"] >= 18
    assert m["bcubed_precision"] == 1.0


def test_locate_compares_like_norm() -> None:
    text = "signed with Kim Jong- un , the chairman. KIM JONG-UN left."
    spans = locate(text, "Kim Jong-un", {})
    assert [text[s:e] for s, e in spans] == ["Kim Jong- un", "KIM JONG-UN"]
    assert locate(text, "Kim Jong", {}) == [(12, 20), (41, 49)]
    assert locate(text, "Jong-u", {}) == []


def _output(text: str, mentions: list[tuple[int, int, str]]) -> SystemOutput:
    doc = Document(id="d", source="a.txt", raw_text=text, text=text, offsets=[])
    dossier = {
        "documents": [
            {
                "id": "d",
                "mentions": [
                    {"text": text[s:e], "start": s, "end": e, "type": "X", "entity": ent} for s, e, ent in mentions
                ],
            }
        ]
    }
    return SystemOutput(dossier, {"a.txt": doc}, {"d": "a.txt"})


def test_scorer_counts_merges_wrong_merges_and_nested_aliases() -> None:
    text = "Lena Varga met Varga's rival Tomas Rusk at the Varga Bank in Arland."
    gold = {
        "entities": [
            {"name": "Lena Varga", "aliases": ["Lena Varga", "Varga"], "docs": ["a.txt"]},
            {"name": "Tomas Rusk", "aliases": ["Tomas Rusk"], "docs": ["a.txt"]},
            {"name": "Varga Bank", "aliases": ["Varga Bank"], "docs": ["a.txt"]},
            {"name": "Arland", "aliases": ["Arland"], "docs": ["a.txt"]},
        ],
        "must_not_merge": [["Lena Varga", "Tomas Rusk"]],
    }
    good = _output(text, [(0, 10, "p1"), (15, 20, "p1"), (29, 39, "p2"), (47, 57, "o1"), (61, 67, "g1")])
    m = score(gold, good).metrics
    assert (m["merged"], m["multi_alias"], m["wrong_merges"], m["must_not_merge_violated"]) == (1, 1, 0, 0)
    assert m["bcubed_f1"] == 1.0  # "Varga" inside "Varga Bank" is not an occurrence of the person
    bad = _output(text, [(0, 10, "p1"), (15, 20, "p2"), (29, 39, "p2"), (47, 57, "o1")])
    m = score(gold, bad).metrics
    assert (m["merged"], m["wrong_merges"], m["must_not_merge_violated"]) == (0, 1, 1)
    assert m["mentions_found"] == 4 and m["alias_occurrences"] == 5
    assert m["bcubed_precision"] < 1.0 and m["bcubed_recall"] < 1.0
