"""The same articles give the same store on every run: nothing may depend on the order Python happens to
iterate a set of strings in (it changes with ``PYTHONHASHSEED`` from one process to the next)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storedump import canonical

from conftest import EXAMPLES


def _build(db: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    corpora = [str(EXAMPLES / "corpus"), str(EXAMPLES / "multilingual" / "corpus")]
    cmd = [sys.executable, "-m", "storyline", "build", *corpora, "--db", str(db)]
    subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)


def test_two_processes_with_different_hash_seeds_store_the_same(tmp_path: Path) -> None:
    # English and eight other languages: entities, foreign names and stems, events, forecasts, storylines
    _build(tmp_path / "a.db", "1")
    _build(tmp_path / "b.db", "2")
    first, second = canonical(tmp_path / "a.db"), canonical(tmp_path / "b.db")
    assert first["documents"] and first["events"] and first["stories"]
    differ = [table for table in first if first[table] != second.get(table)]
    assert differ == []
