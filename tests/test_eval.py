"""`storyline eval`: layer scores on the seeds and the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.eval import evaluate, load_gold, run_system

from conftest import EXAMPLES

runner = CliRunner()


def test_seed_document_layers(seeds_dir: Path) -> None:
    gold = load_gold(seeds_dir.parent / "gold" / "seeds.gold.json")
    out = run_system(seeds_dir, seeds_dir / "manifest.json")
    scores = {s.layer: s.metrics for s in evaluate(gold, out, ["boilerplate", "metadata"])}
    assert scores["boilerplate"]["removed"] == 29 and scores["boilerplate"]["to_remove"] == 29
    assert scores["boilerplate"]["body_kept_ratio"] == 1.0
    assert scores["metadata"]["outlet_accuracy"] == 1.0


def test_eval_cli_json_on_the_sample_corpus() -> None:
    result = runner.invoke(
        app,
        ["eval", str(EXAMPLES / "gold.json"), "--corpus", str(EXAMPLES / "corpus"), "--json", "--layer", "metadata"],
    )
    assert result.exit_code == 0, result.output
    (score,) = json.loads(result.stdout)
    assert score["layer"] == "metadata"
    assert score["metrics"]["outlet_accuracy"] == 1.0


def test_eval_rejects_unknown_layers_and_bad_gold(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    result = runner.invoke(app, ["eval", str(bad), "--corpus", str(EXAMPLES / "corpus")])
    assert result.exit_code == 2 and "not a gold file" in result.output
    result = runner.invoke(
        app, ["eval", str(EXAMPLES / "gold.json"), "--corpus", str(EXAMPLES / "corpus"), "--layer", "nope"]
    )
    assert result.exit_code == 2 and "unknown layer" in result.output
