"""`storyline entities list/merge/split`: corrections persist in the store and survive rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()

ARTICLE_1 = """Talks resume in Arland

Foreign Minister Lena Varga met Tomas Rusk, the head of the Harbour Workers Union, on Monday.
Varga said the talks were useful. Rusk said nothing.
"""
ARTICLE_2 = """Union answers Arland

Tomas Rusk told reporters that Lena Varga had promised more. The Harbour Workers Union will vote.
"""
ARTICLE_3 = """Vote delayed

Lena Varga and Tomas Rusk met again on Friday.
"""


def entities(db: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["entities", "list", "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_alias(ents: list[dict], alias: str) -> dict:
    (hit,) = [e for e in ents if alias in e["aliases"]]
    return hit


def test_merge_and_split_survive_a_rebuild(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE_1)
    (corpus / "b.txt").write_text(ARTICLE_2)
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["build", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    before = entities(db)
    varga, rusk = by_alias(before, "Lena Varga"), by_alias(before, "Tomas Rusk")
    assert "Varga" in varga["aliases"] and varga["id"] != rusk["id"]

    # split "Varga" out of Lena Varga, merge Tomas Rusk into the union (deliberately odd corrections)
    union = by_alias(before, "Harbour Workers Union")
    result = runner.invoke(app, ["entities", "split", varga["id"], "Varga", "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["entities", "merge", union["name"], rusk["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output

    def check() -> None:
        ents = entities(db)
        assert by_alias(ents, "Varga")["id"] != by_alias(ents, "Lena Varga")["id"]
        assert by_alias(ents, "Tomas Rusk")["id"] == by_alias(ents, "Harbour Workers Union")["id"] == union["id"]

    check()
    (corpus / "c.txt").write_text(ARTICLE_3)  # a rebuild with a new article re-links everything
    assert runner.invoke(app, ["build", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    check()
    assert len(entities(db, "--search", "varga")) == 2


def test_entities_errors_say_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["entities", "list", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "storyline build" in result.output
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE_1)
    db = tmp_path / "s.db"
    runner.invoke(app, ["build", str(corpus), "--db", str(db), "-q"])
    result = runner.invoke(app, ["entities", "merge", "Nobody Here", "Lena Varga", "--db", str(db)])
    assert result.exit_code == 2
    assert "entities list --search" in result.output
    varga = by_alias(entities(db), "Lena Varga")
    result = runner.invoke(app, ["entities", "split", varga["id"], "Somebody Else", "--db", str(db)])
    assert result.exit_code == 2
    assert "has no alias" in result.output
    result = runner.invoke(app, ["entities", "split", varga["id"], *varga["aliases"], "--db", str(db)])
    assert result.exit_code == 2
