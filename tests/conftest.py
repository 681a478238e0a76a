"""Shared fixtures: paths to the seed corpus and the sample corpus, and stores built from them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; in CI a missing one fails the test instead of skipping it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    return json.loads(shared_path("gold", "seeds.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_gold() -> dict:
    return json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    from storyline.pipeline import build

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    report = build([seeds_dir], db, manifest=seeds_dir / "manifest.json")
    assert not report.errors
    return db


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.pipeline import build

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    report = build([EXAMPLES / "corpus"], db)
    assert not report.errors
    return db


@pytest.fixture(scope="session")
def seeds_dossier(seeds_db: Path) -> dict:
    from storyline.render.export import load_dossier
    from storyline.store import Store

    with Store(seeds_db, readonly=True) as store:
        return load_dossier(store)


@pytest.fixture(scope="session")
def examples_dossier(examples_db: Path) -> dict:
    from storyline.render.export import load_dossier
    from storyline.store import Store

    with Store(examples_db, readonly=True) as store:
        return load_dossier(store)
