"""A build killed with SIGKILL in any phase is repaired by the next plain `storyline build`.

Each case runs a build in a child process that dies at an exact step (tests/killed_build.py: the
pipeline's progress hook sends SIGKILL to its own process), checks what the killed build left in the
store, runs `storyline build` again on the same input, and compares the whole store (tests/storedump.py)
with one that no kill interrupted. One more case kills a real `storyline build --verbose` from outside
when its log shows it extracting.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from killed_build import KILL_TIMEOUT, counts, run_killed
from storedump import assert_same_store
from storyline.cli import app
from storyline.pipeline import build

from conftest import EXAMPLES

CORPUS = EXAMPLES / "corpus"


def _plain_build(db: Path, *inputs: Path) -> None:
    result = CliRunner().invoke(app, ["build", *map(str, inputs), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output


# phase, nth step, batch size, and what the killed build must have left: documents, assignments, stories
CASES = {
    "ingest": ("read", 6, 64, (0, 0, 0)),  # 6 of 12 articles read; nothing extracted or stored yet
    "extract": ("extract", 2, 4, (4, 0, 0)),  # the first batch of 4 stored, the second being extracted
    "store": ("store", 2, 4, (8, 0, 0)),  # two batches stored, the third not: between two transactions
    # every article stored and put in a story, nothing linked yet: linking is one transaction, so the
    # assignments it wrote vanish with it (before, they were committed here and the stories never came)
    "link-assigned": ("link", 2, 64, (12, 0, 0)),
    "link-linked": ("link", 3, 64, (12, 0, 0)),  # every story linked, not yet committed
}


@pytest.mark.parametrize("case", list(CASES))
def test_build_killed_in_a_phase_is_repaired_by_the_next_build(case: str, tmp_path: Path, examples_db: Path) -> None:
    phase, nth, batch, left = CASES[case]
    db = tmp_path / "killed.db"
    run_killed(db, phase, nth, [CORPUS], "--batch-size", str(batch))
    assert counts(db) == left
    _plain_build(db, CORPUS)
    assert_same_store(db, examples_db)


def _halves(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    for i, src in enumerate(sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))):
        dst = first if i % 2 == 0 else second
        dst.mkdir(exist_ok=True)
        shutil.copy(src, dst / src.name)
    return first, second


def test_incremental_build_killed_while_linking_is_repaired(tmp_path: Path) -> None:
    """Stories already stored: a later build dies after putting its articles in them, before linking."""
    first, second = _halves(tmp_path)
    reference = tmp_path / "reference.db"
    build([first], reference)
    build([second], reference)
    db = tmp_path / "killed.db"
    build([first], db)
    stored = counts(db)
    run_killed(db, "link", 2, [second])
    assert counts(db)[1:] == stored[1:]  # the stories as they were; the new articles stored, unassigned
    _plain_build(db, second)
    assert_same_store(db, reference)


def test_dask_build_killed_while_linking_is_repaired(tmp_path: Path, examples_db: Path) -> None:
    db = tmp_path / "killed.db"
    run_killed(db, "link", 2, [CORPUS], "--dask")
    assert counts(db) == (12, 0, 0)
    _plain_build(db, CORPUS)
    assert_same_store(db, examples_db)


def test_recluster_killed_while_linking_leaves_the_store_as_it_was(tmp_path: Path, examples_db: Path) -> None:
    db = tmp_path / "recluster.db"
    shutil.copy(examples_db, db)
    run_killed(db, "link", 3, [CORPUS], "--recluster")  # the stories forgotten and rebuilt, uncommitted
    assert_same_store(db, examples_db)
    _plain_build(db, CORPUS)
    assert_same_store(db, examples_db)


def test_cli_build_killed_from_outside_while_extracting(tmp_path: Path, examples_db: Path) -> None:
    """`kill -9` from another process, timed by the `--verbose` log: the third batch starts extracting."""
    db = tmp_path / "cli.db"
    cmd = [sys.executable, "-m", "storyline", "build", str(CORPUS), "--db", str(db), "--batch-size", "4", "-v"]
    child = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    seen = 0
    deadline = time.monotonic() + KILL_TIMEOUT
    for line in child.stderr:
        if " extract: " in line:
            seen += 1
            if seen == 3:
                child.kill()
                break
        assert time.monotonic() < deadline, "the build never got to its third batch"
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    # The log line comes just before the batch is extracted, which takes far longer than this kill.
    assert counts(db) == (8, 0, 0)
    _plain_build(db, CORPUS)
    assert_same_store(db, examples_db)
