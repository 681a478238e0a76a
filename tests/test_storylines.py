"""Storylines: stories of one developing matter linked over months, kept apart from look-alikes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from storyline.cli import app
from storyline.extract.features import EMBED_DIM
from storyline.link.stories import back_references
from storyline.link.storylines import StoryProfile, back_reference, link_storylines
from storyline.model import Extraction, TimeExpression
from storyline.pipeline import build
from storyline.store import Store
from storyline.store.stream import list_stories, storyline_membership

from conftest import EXAMPLES

runner = CliRunner()


def _vector(angle_to_base: float, other_axis: int = 1) -> np.ndarray:
    """A unit vector at the given cosine to the first axis, leaning towards ``other_axis``."""
    v = np.zeros(EMBED_DIM)
    v[0] = angle_to_base
    v[other_axis] = (1 - angle_to_base**2) ** 0.5
    return v


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def profile(sid: str, first: str, vector: np.ndarray, actors: dict[str, int] | None = None, n: int = 3,
            terms: dict[str, int] | None = None, refs: dict[str, int] | None = None,
            previous: str | None = None) -> StoryProfile:  # fmt: skip
    return StoryProfile(sid, vector * n, n, n, _day(first), _day(first) + 3, actors or {}, terms or {}, previous,
                        refs or {})  # fmt: skip


TREATY = {"kim": 3, "putin": 3, "north-korea": 3, "russia": 3, "treaty": 2}
VISIT = {"putin": 3, "vietnam": 3, "hanoi": 2, "to-lam": 3, "russia": 2}
FILLER = [profile(f"s-filler{i}", "2024-03-01", _vector(0.1, 10 + i), {f"thing-{i}": 2}) for i in range(20)]


def test_a_developing_story_over_months_is_one_storyline() -> None:
    signed = profile("s-signed", "2024-06-19", _vector(1.0), TREATY)
    ratified = profile("s-ratified", "2024-11-09", _vector(0.8, 2), {**TREATY, "duma": 2})
    lines = link_storylines([signed, ratified, *FILLER])
    assert lines["s-signed"] == lines["s-ratified"] == "l-signed"  # named after its earliest story


def test_a_visit_in_the_same_week_sharing_a_famous_actor_stays_apart() -> None:
    signed = profile("s-signed", "2024-06-19", _vector(1.0), TREATY)
    visit = profile("s-visit", "2024-06-20", _vector(0.55, 3), VISIT)
    lines = link_storylines([signed, visit, *FILLER])
    assert lines["s-signed"] != lines["s-visit"]


def test_a_later_report_in_another_language_joins_by_its_references_back() -> None:
    signed = profile("s-signed", "2024-06-19", _vector(1.0), TREATY)
    # no actor or term in common (another language, not parsed), content only fair ...
    later = profile("s-later", "2024-11-20", _vector(0.6, 4), {}, refs={"2024-06-19": 1, "2024-06": 1})
    assert link_storylines([signed, later, *FILLER])["s-later"] == link_storylines([signed, *FILLER])["s-signed"]
    # ... while the same content with no reference back stays apart
    alone = profile("s-later", "2024-11-20", _vector(0.6, 4), {})
    assert link_storylines([signed, alone, *FILLER])["s-later"] != "l-signed"


def test_back_reference_counts_days_and_months_on_the_storylines_stories() -> None:
    spans = [(_day("2024-06-18"), _day("2024-06-21"))]
    assert back_reference({"2024-06-19": 1, "2024-06-20": 2}, spans) == 1.0
    assert back_reference({"2024-06-19": 1, "2024-06": 2}, spans) == 0.75  # a month counts half
    assert back_reference({"2024-06-25": 1}, spans) == 0.0  # days off the stories' days
    assert 0 < back_reference({"2024-06-19": 1, "2023-01-05": 1, "2022-02": 1}, spans) < 0.5


def test_an_undated_articles_own_days_are_no_reference_back() -> None:
    """An undated article is taken as written on the latest day it names (its dateline's): the days just
    before it are its own news; only those at least a week earlier refer back."""

    def timex(*values: str) -> Extraction:
        return Extraction("d", time_expressions=[TimeExpression(v, 0, 1, v, "DATE") for v in values])

    told = timex("2025-06-14", "2025-06-12", "2025-06-02", "2025-05")
    assert back_references(None, told) == {"2025-06-02", "2025-05"}
    assert back_references("2025-06-30", told) == {"2025-06-14", "2025-06-12", "2025-06-02", "2025-05"}  # dated
    assert back_references(None, timex("2025-05", "2024-11")) == {"2025-05", "2024-11"}  # no day named: months count


def test_a_storyline_naming_no_actor_is_no_evidence_of_other_actors() -> None:
    """Stories whose articles are in a language whose names no earlier article made known name no actors:
    a later story naming its own actors is not another matter for that alone."""
    unnamed = profile("s-unnamed", "2024-06-19", _vector(1.0), {})
    later = profile("s-later", "2024-06-20", _vector(0.7, 2), {"vera-lind": 3, "oskar-tamm": 3, "lunograd": 2})
    assert link_storylines([unnamed, later, *FILLER])["s-later"] == "l-unnamed"
    # the same story against a storyline that names other actors is another matter
    named = profile("s-unnamed", "2024-06-19", _vector(1.0), TREATY)
    assert link_storylines([named, later, *FILLER])["s-later"] != "l-unnamed"


def test_ids_stay_across_builds_and_corrections_apply_on_top() -> None:
    a = profile("s-a", "2024-06-19", _vector(1.0), TREATY)
    b = profile("s-b", "2024-07-01", _vector(0.95, 2), TREATY)
    c = profile("s-c", "2024-06-20", _vector(0.3, 5), VISIT)
    first = link_storylines([a, b, c, *FILLER])
    assert first["s-a"] == first["s-b"] != first["s-c"]
    # later: an older story arrives; the storyline keeps the id its stories held
    a.previous, b.previous, c.previous = first["s-a"], first["s-b"], first["s-c"]
    older = profile("s-0", "2024-05-01", _vector(0.97, 6), TREATY)
    again = link_storylines([older, a, b, c, *FILLER])
    assert again["s-0"] == again["s-a"] == first["s-a"]
    merged = link_storylines([a, b, c], [("merge", first["s-a"], first["s-c"])])
    assert merged["s-c"] == merged["s-a"] == first["s-a"]
    split = link_storylines([a, b, c], [("split", first["s-a"], "s-b")])
    assert split["s-b"] == "l-b" and split["s-a"] == first["s-a"]


def test_sample_corpus_keeps_its_two_stories_as_two_storylines(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        lines = list_stories(store, level="storyline")
        stories = list_stories(store)
    assert len(lines) == 2 and sorted(line["article_count"] for line in lines) == [4, 8]
    assert {s["storyline"] for s in stories} == {line["id"] for line in lines}


def _split_corpus(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for f in (EXAMPLES / "corpus").iterdir():
        target = first if f.name in {"wire_1.txt", "wire_1.txt.json", "web_2.html"} else second
        target.joinpath(f.name).write_bytes(f.read_bytes())
    return first, second


def test_a_later_build_extends_the_storylines_and_keeps_their_ids(tmp_path: Path) -> None:
    first, second = _split_corpus(tmp_path)
    db = tmp_path / "inc.db"
    build([first], db)
    with Store(db) as store:
        before = {line["id"] for line in list_stories(store, level="storyline")}
    build([second], db)
    with Store(db) as store:
        after = {line["id"]: line for line in list_stories(store, level="storyline")}
    assert before <= set(after) and len(after) == 2
    assert sorted(line["article_count"] for line in after.values()) == [4, 8]


def test_storyline_corrections_survive_builds_and_reclustering(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    build([EXAMPLES / "corpus"], db)
    listed = runner.invoke(app, ["storylines", "list", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    lines = json.loads(listed.stdout)
    assert len(lines) == 2 and all(line["stories"] == 1 for line in lines)
    keep, other = lines[0]["id"], lines[1]["id"]
    assert runner.invoke(app, ["storylines", "merge", keep, other, "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        assert set(storyline_membership(store).values()) == {keep}
        (line,) = store.load_stories(level="storyline")
        assert len(line.stories) == 2 and line.id == keep
    build([EXAMPLES / "corpus"], db, recluster=True)
    with Store(db) as store:
        assert set(storyline_membership(store).values()) == {keep}
        story = next(s for s, line in storyline_membership(store).items() if s != "s-" + keep[2:])
    split = runner.invoke(app, ["storylines", "split", keep, story, "--db", str(db)])
    assert split.exit_code == 0, split.output
    with Store(db) as store:
        assert len(set(storyline_membership(store).values())) == 2
    bad = runner.invoke(app, ["storylines", "merge", keep, "l-nosuchline", "--db", str(db)])
    assert bad.exit_code == 2 and "no storyline" in bad.output


def test_two_treaties_between_other_countries_stay_apart_however_alike_they_read() -> None:
    words = {"en:treati": 3, "en:ratifi": 3, "en:parliament": 2}
    water = {"dravenia": 3, "ilmora": 3, "dovrin": 3, "tessa-river": 3}
    defence = {"veskaria": 3, "halvoria": 3, "brannvik": 3, "kvarn": 3}
    # alike as two reports of two treaties read (their leads' cosine, measured, about 0.63)
    a = profile("s-water", "2025-10-09", _vector(1.0), water, terms={**words, "en:water": 3, "en:river": 3},
                refs={"2025-06": 3})  # fmt: skip
    b = profile("s-defence", "2025-06-12", _vector(0.63, 7), defence, terms={**words, "en:troop": 3})
    lines = link_storylines([a, b, *FILLER])
    assert lines["s-water"] != lines["s-defence"]
