"""Scoring Storyline against hand-annotated gold files (see docs/gold-format.md)."""

from storyline.eval.run import evaluate, load_gold, run_system
from storyline.eval.scores import LayerScore, SystemOutput

__all__ = ["LayerScore", "SystemOutput", "evaluate", "load_gold", "run_system"]
