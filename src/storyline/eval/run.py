"""`storyline eval`: build a corpus into a store, then score it layer by layer against a gold file.

The gold format is documented in docs/gold-format.md. Each layer is a function
``score(gold, output) -> LayerScore`` registered in ``storyline.eval.layers.LAYERS``; the layers see
only ``storyline.eval.scores`` (what the system produced, and the score they return).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from storyline.eval.languages import add_by_language, impose_gold_stories
from storyline.eval.layers import LAYERS
from storyline.eval.scores import LayerScore, SystemOutput, gold_file_name
from storyline.model import Document
from storyline.pipeline import build
from storyline.render.export import load_dossier
from storyline.store import Store


def run_system(
    corpus: Path, manifest: Path | None = None, db: Path | None = None, gold_stories: dict[str, Any] | None = None
) -> SystemOutput:
    """Build the corpus (into ``db``, or a temporary store) and read the result back. With ``gold_stories``
    (a gold file), the stories are first corrected to the gold's (``eval.languages.impose_gold_stories``)."""
    with tempfile.TemporaryDirectory() as tmp:
        store_path = db or Path(tmp) / "eval.db"
        report = build([corpus], store_path, manifest=manifest)
        if gold_stories is not None and gold_stories.get("stories"):
            impose_gold_stories(store_path, gold_stories, corpus)
        with Store(store_path, readonly=True) as store:
            dossier = load_dossier(store)
            docs = list(store.load_documents())
            for d in docs:
                d.source = store.sources(d.id)[0]["source"] if store.sources(d.id) else d.source
    by_file: dict[str, Document] = {}
    doc_file: dict[str, str] = {}
    for d in docs:
        name = gold_file_name(d.source, corpus)
        by_file[name] = d
        doc_file[d.id] = name
    # Gold files may name a document by its base name when the corpus keeps texts in a subfolder.
    base_names: dict[str, list[str]] = {}
    for name in by_file:
        base_names.setdefault(Path(name.partition("#")[0]).name, []).append(name)
    for base, names in base_names.items():
        if len(names) == 1 and base not in by_file and "#" not in names[0]:
            by_file[base] = by_file[names[0]]
    return SystemOutput(dossier, by_file, doc_file, [str(e) for e in report.errors])


def load_gold(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ValueError(f'{path}: not a gold file (needs a "documents" list; see docs/gold-format.md)')
    return data


def evaluate(
    gold: dict[str, Any], output: SystemOutput, layers: list[str] | None = None, by_language: bool = False
) -> list[LayerScore]:
    """Every layer the gold annotates (or ``layers``); ``by_language`` adds each layer's metrics per language."""
    scores = []
    for name, (applies, score) in LAYERS.items():
        if layers and name not in layers:
            continue
        if layers or applies(gold):
            scores.append(score(gold, output))
    if by_language:
        add_by_language(gold, output, scores)
    return scores
