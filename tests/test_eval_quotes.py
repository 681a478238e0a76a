"""The quotes eval layer: its scoring rules, and the floors on the seed articles."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.eval import evaluate, load_gold, run_system
from storyline.eval.layers.quotes import SysQuote, match, names_among, score_quotes, speaker_right
from storyline.eval.run import gold_file_name
from storyline.extract import extract
from storyline.ingest import ingest
from storyline.model import Document, TimeExpression

from conftest import shared_path


def test_seed_quotes_meet_the_floors(seeds_dir: Path) -> None:
    gold = load_gold(seeds_dir.parent / "gold" / "seeds.gold.json")
    out = run_system(seeds_dir, seeds_dir / "manifest.json")
    (score,) = evaluate(gold, out, ["quotes"])
    m = score.metrics
    assert m["recall"] >= 0.90, score.errors
    assert m["precision"] >= 0.85, score.errors
    assert m["speaker_accuracy"] >= 0.90, score.errors
    assert m["kind_accuracy"] >= 0.90


def test_seed_statement_dates_given_the_time_expressions(seeds_dir: Path) -> None:
    """said_on reads the time-expression step's output; here the gold's own time expressions stand in."""
    gold = load_gold(shared_path("gold", "seeds.gold.json"))
    docs = [d for d in ingest([seeds_dir], seeds_dir / "manifest.json") if isinstance(d, Document)]
    files = {d.id: gold_file_name(d.source, seeds_dir) for d in docs}

    def given_times(doc: Document, _sdoc: object, ex) -> None:  # stands in for the time-expression step
        for t in gold["time_expressions"]:
            if t["doc"] == files[doc.id]:
                for m in re.finditer(re.escape(t["text"]), doc.text):
                    ex.time_expressions.append(TimeExpression(t["text"], m.start(), m.end(), t["value"]))

    from storyline.extract import STEPS
    from storyline.extract.steps import Step

    gold_times = Step("gold time expressions", given_times, (), ("time_expressions",), "the gold's, for this test")
    steps = []
    for step in STEPS:  # the gold's time expressions replace the step's own, just before the quotes step
        if step.name == "quotes":
            steps.append(gold_times)
        steps.append(step)
    system = [
        SysQuote(files[ex.doc_id], q.text, q.kind, [q.speaker_name or ""], q.said_on)
        for ex in extract(docs, steps=steps)
        for q in ex.quotes
    ]
    metrics, errors = score_quotes(gold["quotes"], system, gold["entities"])
    assert metrics["said_on_scored"] >= 10
    assert metrics["said_on_accuracy"] >= 0.9, errors


def test_matching_is_one_to_one_and_best_first() -> None:
    gold = [{"doc": "a", "text": "the bridge will reopen next month"}, {"doc": "a", "text": "the bridge will close"}]
    system = [SysQuote("a", "the bridge will reopen next month", "indirect")]
    assert match(gold, system) == [(0, 0, 1.0)]
    assert match(gold, [SysQuote("a", "taxes will rise")]) == []


def test_speaker_names_compare_by_name_not_by_title() -> None:
    firsts: dict[str, set[str]] = {}
    assert speaker_right(["Mike Pence"], "Republican nominee Gov. Mike Pence (R-IN)", [], firsts)
    assert speaker_right(["Mike Pence"], "PENCE", [], firsts)
    assert speaker_right(["Charles E. Grassley"], "Mr. Grassley and Mr. Leahy", [], firsts)
    assert speaker_right(["SEC"], "The S.E.C.", [], firsts)
    assert not speaker_right(["Bill Clinton"], "Hillary Clinton", [], firsts)
    # a surname alone is right unless the document's gold names two people with it
    assert speaker_right(["Hillary Clinton"], "Clinton", [], {"clinton": {"hillary"}})
    assert not speaker_right(["Hillary Clinton"], "Clinton", [], {"clinton": {"hillary", "bill"}})
    # gold aliases count: a spelling variant of the same person
    entities = [{"name": "Aleksandr Petrov", "aliases": ["Alexander Petrov", "Petrov"]}]
    assert speaker_right(["Alexander Petrov"], "Aleksandr Petrov", entities, firsts)


def test_only_named_gold_speakers_are_scored() -> None:
    named = names_among(["he", "a source", "The Republican nominee", "Mr. Obama", "The New York Post", "Officials"])
    assert named == {"Mr. Obama", "The New York Post"}
    gold = [{"doc": "a", "text": "taxes will rise next year", "speaker": "he", "kind": "indirect"}]
    metrics, _errors = score_quotes(gold, [SysQuote("a", "taxes will rise next year", "indirect", ["Tom Berg"])])
    assert metrics["matched"] == 1 and metrics["speaker_scored"] == 0 and metrics["kind_accuracy"] == 1.0
