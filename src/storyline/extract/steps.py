"""Extraction steps that say what they read and write, the check of their order, and the runner.

Like a spaCy component's ``requires``/``assigns``, each ``Step`` names the parts of the ``Extraction`` it
reads and those it writes, and the documents it runs on: those the English model parses, the others (read
with their language's resources), or all. ``order_problems`` finds, among the steps that run on one kind
of document, a step that reads a part no earlier step writes (or one a later step writes), and two steps
writing one part; ``extract.STEPS`` must have none (``tests/test_extract_steps.py``, which also traces
each step to see that it reads and writes only what it declares). ``python -m storyline.extract`` writes
the list of docs/architecture.md.

A step that meets input its rules did not expect raises one of ``STEP_ERRORS``; ``run_step`` records that
as a ``StepWarning`` of the document and leaves the parts the step writes empty, so a bug shows as a
warning in the build's report, never as a silently empty result. Other exceptions (out of memory, an
interrupted build) go on up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storyline.model import Document, Extraction, StepWarning

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The parts of an Extraction a step may read or write (its lists of results).
Part = Literal["sentences", "mentions", "time_expressions", "quotes", "claims", "events", "stances"]
# What a rule raises on input it did not expect (a span past the end, a missing key, a None where a token
# was expected, a regular expression or recursion too deep): the step's results are left out, with a warning.
STEP_ERRORS: tuple[type[Exception], ...] = (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError)

# The documents a step runs on: those with an English parse, those without one (other languages), or all.
Runs = Literal["parsed", "unparsed", "all"]
KINDS: tuple[Runs, ...] = ("parsed", "unparsed")
RUNS_ON = {"parsed": "English (parsed)", "unparsed": "other languages", "all": "every language"}
READS_ALONE = {"parsed": "the parse", "unparsed": "the text", "all": "the text (and the parse)"}

StepFunction = Callable[[Document, "Doc | None", Extraction], None]


@dataclass(frozen=True)
class Step:
    """One extraction step: ``run(doc, parsed, extraction)`` fills the parts it ``writes`` from the document,
    its parse (None for a language without a parser) and the parts it ``reads``; it runs on the documents
    ``docs`` names."""

    name: str
    run: StepFunction
    reads: tuple[Part, ...]
    writes: tuple[Part, ...]
    why: str  # one line: what it does, and why it needs what it reads
    docs: Runs = "all"

    def __call__(self, doc: Document, parsed: Doc | None, ex: Extraction) -> None:
        self.run(doc, parsed, ex)

    def runs_on(self, parsed: Doc | None) -> bool:
        """Whether the step runs on a document with this parse (None: a language without one)."""
        return self.docs == "all" or (self.docs == "parsed") == (parsed is not None)


def order_problems(steps: Sequence[Step]) -> list[str]:
    """What is wrong with the order of ``steps``, for each kind of document: a part read before any step wrote
    it (or written again by a later step), a part written twice. Empty when every step runs after those it
    depends on. Steps that never run on one document (an English step and its twin for other languages)
    may write the same part."""
    problems: list[str] = []
    for kind in KINDS:
        found = _problems([s for s in steps if s.docs in (kind, "all")])
        problems += [p for p in found if p not in problems]
    return problems


def _problems(steps: Sequence[Step]) -> list[str]:
    problems = []
    written: dict[str, str] = {}
    for i, step in enumerate(steps):
        for part in step.reads:
            later = [s.name for s in steps[i + 1 :] if part in s.writes]
            if later:
                problems.append(f"{step.name} reads {part}, which {later[0]} writes after it")
            elif part not in written:
                problems.append(f"{step.name} reads {part}, which no step before it writes")
        for part in step.writes:
            if part in written:
                problems.append(f"{step.name} writes {part}, which {written[part]} wrote already")
            written[part] = step.name
    return problems


def run_step(step: Step, doc: Document, parsed: Doc | None, ex: Extraction) -> None:
    """Run one step; when it raises one of ``STEP_ERRORS``, its parts stay empty and the document keeps a
    ``StepWarning`` saying which step could not finish and why."""
    try:
        step.run(doc, parsed, ex)
    except STEP_ERRORS as exc:
        for part in step.writes:
            setattr(ex, part, [])
        ex.warnings.append(StepWarning(step.name, f"{type(exc).__name__}: {exc}"[:300]))


def markdown(steps: Sequence[Step]) -> str:
    """The steps as docs/architecture.md lists them, in their order."""
    lines = ["| # | step | runs on | reads | writes | what and why |", "| --- | --- | --- | --- | --- | --- |"]
    for i, s in enumerate(steps, start=1):
        reads = ", ".join(f"`{p}`" for p in s.reads) or READS_ALONE[s.docs]
        writes = ", ".join(f"`{p}`" for p in s.writes)
        lines.append(f"| {i} | `{s.name}` | {RUNS_ON[s.docs]} | {reads} | {writes} | {s.why} |")
    return "\n".join(lines) + "\n"
