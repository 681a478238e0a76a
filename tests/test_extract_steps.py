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
from storyline.extract.foreign import french
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
    assert "foreign_quotes reads time_expressions, which no step before it writes" in order_problems(alone)


def test_the_steps_of_other_languages_are_checked_in_their_own_order() -> None:
    """An English step and its twin for other languages never run on one document: both may write a part. A
    step for other languages moved before what it reads, or one made to run everywhere, is found."""
    names = [s.name for s in STEPS]
    assert {"sentences", "foreign_sentences"} <= set(names) and order_problems(STEPS) == []
    foreign_quotes = STEPS[names.index("foreign_quotes")]
    moved = [foreign_quotes, *(s for s in STEPS if s is not foreign_quotes)]
    assert order_problems(moved) == [
        "foreign_quotes reads sentences, which foreign_sentences writes after it",
        "foreign_quotes reads mentions, which foreign_mentions writes after it",
        "foreign_quotes reads time_expressions, which time_expressions writes after it",
    ]  # only the other languages' order: the English steps read nothing foreign_quotes writes
    everywhere = [replace(s, docs="all") if s is foreign_quotes else s for s in STEPS]
    assert "foreign_quotes writes quotes, which quotes wrote already" in order_problems(everywhere)


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


def _foreign_article() -> Document:
    """A Spanish sample article with names, dates, quotes, figures and events for the other languages' steps."""
    corpus = EXAMPLES / "multilingual" / "corpus"
    (doc,) = [d for d in ingest([corpus / "es_cronica_1.txt"]) if isinstance(d, Document)]
    assert doc.language == "es"
    return doc


@pytest.mark.parametrize("kind", ["parsed", "unparsed"])
def test_each_step_reads_and_writes_what_it_declares(kind: str) -> None:
    doc = _article() if kind == "parsed" else _foreign_article()
    parsed = load_nlp()(doc.text) if kind == "parsed" else None
    ex = _Traced(doc_id=doc.id)
    steps = [s for s in STEPS if s.runs_on(parsed)]
    assert {s.docs for s in steps} == {kind, "all"}
    for step in steps:
        ex.start()
        step.run(doc, parsed, ex)
        read, written = ex.__dict__["_read"], ex.__dict__["_written"]
        assert written == set(step.writes), step.name
        assert read - set(step.writes) == set(step.reads), step.name  # reading a part it fills is its own business
        assert all(getattr(ex, part) for part in step.writes), f"{step.name} found nothing to test with"


def test_a_step_runs_only_on_the_documents_it_declares() -> None:
    """A foreign document gets no English step (its parts come from the other languages' steps) and an English
    one no foreign step, even when the step would run."""
    ran: list[tuple[str, str]] = []

    def noting(step: Step) -> Step:
        def run(doc: Document, parsed: object, ex: Extraction) -> None:
            ran.append((step.name, doc.language or "en"))
            step.run(doc, parsed, ex)  # type: ignore[arg-type]

        return replace(step, run=run)

    english, spanish = extract([_article(), _foreign_article()], steps=[noting(s) for s in STEPS])
    by_lang = {lang: [name for name, lg in ran if lg == lang] for lang in ("en", "es")}
    assert by_lang["en"] == [s.name for s in STEPS if s.docs != "unparsed"]
    assert by_lang["es"] == [s.name for s in STEPS if s.docs != "parsed"]
    assert english.quotes and spanish.quotes and spanish.mentions and not spanish.warnings


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


def test_a_foreign_step_that_raises_leaves_a_warning_and_the_others_run() -> None:
    steps = [replace(s, run=_broken) if s.name == "foreign_quotes" else s for s in STEPS]
    (ex,) = extract([_foreign_article()], steps=steps)
    assert ex.mentions and ex.time_expressions and ex.claims  # the steps after it ran, without quotes
    assert ex.quotes == [] and [w.step for w in ex.warnings] == ["foreign_quotes"]


def test_french_names_without_the_french_model_are_read_by_the_rules_and_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (doc,) = [d for d in ingest([EXAMPLES / "multilingual" / "corpus" / "fr_vigie_1.txt"]) if isinstance(d, Document)]
    (with_model,) = extract([doc])

    def missing(text: str) -> list[tuple[int, int, str]]:
        raise french.ModelMissing("the spaCy model fr_core_news_sm is not installed")

    monkeypatch.setattr(french, "entities", missing)
    (rules_only,) = extract([doc])
    assert rules_only.mentions and rules_only.quotes  # the rules still read the article
    assert not with_model.warnings
    assert rules_only.warnings == [
        StepWarning(
            "foreign_mentions", "French names by the rules only: the spaCy model fr_core_news_sm is not installed"
        )
    ]


def test_a_build_reports_and_stores_what_a_step_could_not_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = [s.name for s in STEPS].index("quotes")
    monkeypatch.setattr(extraction, "STEPS", [*STEPS[:at], replace(STEPS[at], run=_broken), *STEPS[at + 1 :]])
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["build", str(EXAMPLES / "corpus"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output  # stored all the same: a warning, not an error
    # the English quotes step runs on the 11 English articles (the German one is read by foreign_quotes)
    assert "warning: 11 documents: quotes skipped (ValueError: unexpected span)" in result.output
    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT count(DISTINCT doc_id), min(step), min(reason) FROM extraction_warnings"
        ).fetchone()
        english = conn.execute(
            "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE coalesce(d.language, 'en') = 'en'"
        ).fetchone()[0]
        languages = dict(conn.execute("SELECT coalesce(language, 'en'), count(*) FROM documents GROUP BY 1"))
    assert stored == (11, "quotes", "ValueError: unexpected span") and english == 0
    assert languages == {"en": 11, "de": 1}
