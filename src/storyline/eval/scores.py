"""What a layer of `storyline eval` reads (the system's output for a corpus) and what it returns (its score)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model import Document


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

    def as_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "n_gold": self.n_gold, "metrics": self.metrics, "errors": self.errors}
