"""Extraction steps declare what they read and write; their order, the declarations and the docs are checked,
and what a step could not do is a recorded warning."""

from __future__ import annotations

import sqlite3
import typing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import extract as extraction
from storyline.cli import app
from storyline.extract import STEPS, extract
from storyline.extract.nlp import load_nlp
from storyline.extract.steps import Part, Step, markdown, order_problems, run_step
from storyline.ingest import ingest
from storyline.model import Document, Extraction, StepWarning

from conftest import EXAMPLES, ROOT

PARTS = set(typing.get_args(Part))


def test_the_steps_run_after_the_steps_they_read() -> None:
    assert order_problems(STEPS) == []


def test_a_step_moved_before_what_it_reads_is_found() -> None:
    names = [s.name for s in STEPS]
    quotes = STEPS[names.index("quotes")]
    moved = [quotes, *(s for s in STEPS if s is not quotes)]
    assert "quotes reads mentions, which mentions writes after it" in order_problems(moved)
    twice = [*STEPS, replace(STEPS[0], name="again")]
    assert "again writes sentences, which sentences wrote already" in order_problems(twice)
    alone = [s for s in STEPS if s.name != "time_expressions"]
    assert "quotes reads time_expressions, which no step before it writes" in order_problems(alone)


class _Traced(Extraction):
    """An Extraction that notes which of its parts are read and which are assigned."""

    def start(self) -> None:
        object.__setattr__(self, "_read", set())
        object.__setattr__(self, "_written", set())

    def __getattribute__(self, name: str) -> Any:
        if name in PARTS and "_read" in object.__getattribute__(self, "__dict__"):
            object.__getattribute__(self, "_read").add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in PARTS and "_written" in self.__dict__:
            self.__dict__["_written"].add(name)
        object.__setattr__(self, name, value)


def _article() -> Document:
    """The longest sample article: it gives every step something to do (quotes, dates, figures, events)."""
    return max((d for d in ingest([EXAMPLES / "corpus"]) if isinstance(d, Document)), key=lambda d: len(d.text))


def test_each_step_reads_and_writes_what_it_declares() -> None:
    doc = _article()
    parsed = load_nlp()(doc.text)
    ex = _Traced(doc_id=doc.id)
    for step in STEPS:
        ex.start()
        step.run(doc, parsed, ex)
        read, written = ex.__dict__["_read"], ex.__dict__["_written"]
        assert written == set(step.writes), step.name
        assert read - set(step.writes) == set(step.reads), step.name  # reading a part it fills is its own business
        assert all(getattr(ex, part) for part in step.writes), f"{step.name} found nothing to test with"


def test_the_architecture_page_lists_the_steps_from_the_code() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = page.split("checked by tests/test_extract_steps.py -->\n", 1)[1].split("<!-- /steps -->")[0]
    assert listed == markdown(STEPS), "run: python -m storyline.extract, and paste it into docs/architecture.md"


def _doc(text: str = "Ana Ruiz said on Monday that talks would resume.") -> Document:
    return Document("d", "a.txt", text, text, [(0, 0, len(text))], published="2025-03-04")


def _broken(doc: Document, parsed: object, ex: Extraction) -> None:
    ex.quotes = ["half-written"]  # type: ignore[list-item]
    raise ValueError("unexpected span")


def test_a_step_that_raises_leaves_its_parts_empty_and_a_warning() -> None:
    ex = Extraction("d")
    run_step(Step("quotes", _broken, (), ("quotes",), "a broken step"), _doc(), None, ex)
    assert ex.quotes == [] and ex.warnings == [StepWarning("quotes", "ValueError: unexpected span")]


def test_other_exceptions_are_not_taken_for_a_step_failure() -> None:
    def out_of_memory(doc: Document, parsed: object, ex: Extraction) -> None:
        raise MemoryError

    with pytest.raises(MemoryError):
        run_step(Step("quotes", out_of_memory, (), ("quotes",), "a step the machine cannot run"), _doc(), None,
                 Extraction("d"))  # fmt: skip


def test_the_other_steps_still_run_after_one_failed() -> None:
    steps = [replace(s, run=_broken) if s.name == "quotes" else s for s in STEPS]
    (ex,) = extract([_article()], steps=steps)
    assert ex.mentions and ex.time_expressions and ex.events  # the steps after it ran, without quotes
    assert ex.quotes == [] and [w.step for w in ex.warnings] == ["quotes"]


def test_a_build_reports_and_stores_what_a_step_could_not_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = [s.name for s in STEPS].index("quotes")
    monkeypatch.setattr(extraction, "STEPS", [*STEPS[:at], replace(STEPS[at], run=_broken), *STEPS[at + 1 :]])
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES / "corpus"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output  # stored all the same: a warning, not an error
    assert "warning: 12 documents: quotes skipped (ValueError: unexpected span)" in result.output
    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT count(DISTINCT doc_id), min(step), min(reason) FROM extraction_warnings"
        ).fetchone()
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert stored == (12, "quotes", "ValueError: unexpected span") and quotes == 0
