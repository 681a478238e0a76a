"""Export: the dossier contract (validated against its JSON Schema) and Markdown."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from storyline.cli import app
from storyline.render.markdown import md, render_markdown

runner = CliRunner()


def _schema() -> dict:
    return json.loads(resources.files("storyline.render").joinpath("dossier.schema.json").read_text())


def test_seed_export_follows_the_schema(seeds_dossier: dict) -> None:
    jsonschema.validate(seeds_dossier, _schema())
    assert seeds_dossier["schema"] == "storyline/dossier@2"
    assert len(seeds_dossier["documents"]) == 5
    assert {d for s in seeds_dossier["stories"] for d in s["documents"]} == {
        d["id"] for d in seeds_dossier["documents"]
    }
    # the five seed articles are one developing story: one storyline holding every story
    (line,) = seeds_dossier["storylines"]
    assert set(line["documents"]) == {d["id"] for d in seeds_dossier["documents"]}
    assert {s["storyline"] for s in seeds_dossier["stories"]} == {line["id"]}
    assert set(line["stories"]) == {s["id"] for s in seeds_dossier["stories"]}


def test_sample_export_follows_the_schema(examples_dossier: dict) -> None:
    jsonschema.validate(examples_dossier, _schema())


def test_schema_rejects_a_broken_dossier(seeds_dossier: dict) -> None:
    broken = json.loads(json.dumps(seeds_dossier))
    del broken["documents"][0]["text"]
    try:
        jsonschema.validate(broken, _schema())
    except jsonschema.ValidationError as exc:
        assert "'text' is a required property" in exc.message
    else:
        raise AssertionError("a document without text passed the schema")


def test_mentions_point_into_the_text_and_carry_entities(seeds_dossier: dict) -> None:
    for doc in seeds_dossier["documents"]:
        assert doc["mentions"]
        for m in doc["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]
            assert m["entity"]


def test_export_cli_json_and_markdown(seeds_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "storyline/dossier@2"
    out = tmp_path / "d.md"
    result = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "markdown", "--output", str(out)])
    assert result.exit_code == 0
    assert out.read_text().startswith("# ")


def test_export_errors_are_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "run `storyline build" in result.output


def test_markdown_escapes_article_text() -> None:
    evil = "<script>alert(1)</script> [click](javascript:alert(1)) **bold** <img src=x onerror=alert(1)>"
    escaped = md(evil)
    assert "<script>" not in escaped and "<img" not in escaped
    assert "](javascript:" not in escaped
    dossier = {
        "documents": [{"id": "d1", "outlet": evil, "published": None, "title": evil, "text": evil, "source": "x"}],
        "stories": [{"id": "s", "title": evil, "documents": ["d1"], "events": [], "entities": [],
                     "quotes": [{"speaker_name": evil, "text": evil, "kind": "direct", "said_on": None, "doc": "d1"}],
                     "claims": [], "disagreements": []}],
    }  # fmt: skip
    out = render_markdown(dossier)
    assert "<script>" not in out
    assert "<img" not in out
    assert "](javascript:" not in out


def test_minor_entries_are_folded_under_the_timeline() -> None:
    text = "Talks began in June. Something was discussed."
    events = [
        {"id": "e1", "date": "2025-06", "summary": "Talks began", "type": "meet", "modality": "asserted",
         "actors": [], "sources": [{"doc": "d1", "start": 0, "end": 20, "text": text[:20]}]},
        {"id": "e2", "date": None, "summary": "Something was discussed", "type": "discuss", "modality": "asserted",
         "actors": [], "sources": [{"doc": "d1", "start": 21, "end": 46, "text": text[21:]}], "minor": True},
    ]  # fmt: skip
    dossier = {
        "documents": [{"id": "d1", "outlet": "O", "published": "2025-07-01", "title": "T", "text": text, "source": "x"}],
        "stories": [{"id": "s", "title": "T", "documents": ["d1"], "events": events, "entities": [], "quotes": [],
                     "claims": [], "disagreements": []}],
    }  # fmt: skip
    out = render_markdown(dossier)
    timeline, _, minor = out.partition("### Minor mentions")
    assert "Talks began" in timeline and "Something was discussed" not in timeline
    assert "Something was discussed" in minor and "Undated events" not in out
