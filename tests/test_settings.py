"""One settings object: each threshold and weight documented, overridable from a TOML file, and used."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline import settings
from storyline.cli import app
from storyline.pipeline import build
from storyline.settings import Settings, SettingsError, current, from_mapping, load, use
from storyline.store import Store

from conftest import EXAMPLES, ROOT

SRC = ROOT / "src" / "storyline"


def _all() -> list[tuple[str, str, object, dict]]:
    s = Settings()
    return [(g.name, f.name, getattr(getattr(s, g.name), f.name), dict(f.metadata))
            for g in fields(s) for f in fields(getattr(s, g.name))]  # fmt: skip


def test_every_setting_has_a_unit_and_a_reason() -> None:
    found = _all()
    assert len(found) > 100
    for group, name, _default, meta in found:
        assert meta.get("unit") and len(meta.get("why", "")) > 15, f"{group}.{name}"


def test_docs_settings_page_is_written_from_the_code() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert page == settings.markdown(), "run: python -m storyline.settings > docs/settings.md"
    for group, name, _default, _meta in _all():
        assert f"| `{name}` |" in page.split(f"## `[{group}]`")[1].split("## ")[0]


def test_every_setting_is_read_somewhere() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "settings.py")
    unused = [f"{g}.{n}" for g, n, _d, _m in _all() if not re.search(rf"\.{n}\b|\"{n}\"", code)]
    assert not unused


def test_a_file_overrides_some_values_and_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[stories]\nwindow_days = 21\n\n[events]\nmerge_dated = 4\n[timeline]\nsummary_words = [3, 40]\n")
    s = load(path)
    assert s.stories.window_days == 21 and s.events.merge_dated == 4.0 and s.timeline.summary_words == (3, 40)
    assert s.stories.join == Settings().stories.join and s.fetch == Settings().fetch


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[story]\nwindow_days = 3\n", "unknown group [story]"),
        ("[stories]\nwindow = 3\n", "unknown setting stories.window"),
        ('[stories]\nwindow_days = "3"\n', "stories.window_days must be an integer like 30"),
        ("[stories]\nwindow_days = 2.5\n", "stories.window_days must be an integer"),
        ("[timeline]\nsummary_words = [3]\n", "timeline.summary_words must be a list of 2 values"),
        ("stories = 3\n", "[stories] must be a table"),
        ("[stories\n", "not a TOML file"),
    ],
)
def test_a_bad_file_names_the_file_and_the_setting(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=re.escape(message)) as err:
        load(path)
    assert str(path) in str(err.value)


def test_use_puts_settings_in_force_for_a_block_only() -> None:
    strict = from_mapping({"stories": {"join": 9.0}})
    with use(strict):
        assert current().stories.join == 9.0
    assert current().stories.join == Settings().stories.join


def test_build_config_changes_what_the_build_decides(tmp_path: Path) -> None:
    """A join score no article can reach puts every original article in a story of its own."""
    config = tmp_path / "apart.toml"
    config.write_text("[stories]\njoin = 99.0\n")
    db = tmp_path / "apart.db"
    result = CliRunner().invoke(
        app, ["build", str(EXAMPLES / "corpus"), "--db", str(db), "-q", "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    with Store(db, readonly=True) as store:
        stories = store.load_stories(level="story")
        originals = store.conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0]
    assert len(stories) == originals > 2  # the default puts the sample corpus in two stories
    assert current() == Settings()  # the build's settings were in force for the build only
    assert len(build([EXAMPLES / "corpus" / "wire_1.txt"], tmp_path / "plain.db").errors) == 0


def test_build_with_a_bad_config_stops_with_one_error_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[stories]\nwindow_dayz = 3\n")
    result = CliRunner().invoke(app, ["build", str(EXAMPLES / "corpus"), "--db", str(tmp_path / "x.db"), "--config",
                                      str(config)])  # fmt: skip
    assert result.exit_code == 2
    assert f"error: {config}: unknown setting stories.window_dayz" in result.output
    assert not (tmp_path / "x.db").exists()
