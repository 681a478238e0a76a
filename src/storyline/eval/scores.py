"""What a layer of `storyline eval` reads (the system's output for a corpus, by the gold's file names) and what it
returns (its score)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.model import Document


def gold_file_name(source: str, corpus: Path) -> str:
    """'corpus/sub/a.txt' → 'sub/a.txt'; JSON Lines keep their '#line' suffix."""
    path, _, line = source.partition("#")
    try:
        rel = Path(path).resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        rel = Path(path).name
    return f"{rel}#{line}" if line else rel


@dataclass
class SystemOutput:
    """What Storyline produced for a corpus, indexed by the gold's file names."""

    dossier: dict[str, Any]
    docs: dict[str, Document]  # gold file name → stored document (with raw text and offsets)
    doc_file: dict[str, str]  # document id → gold file name
    build_errors: list[str] = field(default_factory=list)

    def document_json(self, file: str) -> dict[str, Any] | None:
        doc = self.docs.get(file)
        if doc is None:
            return None
        return next((d for d in self.dossier["documents"] if d["id"] == doc.id), None)


@dataclass
class LayerScore:
    layer: str
    metrics: dict[str, float | int | None]
    n_gold: int
    errors: list[str] = field(default_factory=list)  # a sample of misses, for people
    # language → the layer's metrics on the articles in that language (``--by-language``), with "n_gold"
    by_language: dict[str, dict[str, float | int | None]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = {"layer": self.layer, "n_gold": self.n_gold, "metrics": self.metrics, "errors": self.errors}
        if self.by_language:
            out["by_language"] = self.by_language
        return out
