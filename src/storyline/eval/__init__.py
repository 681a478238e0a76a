"""Scoring Storyline against hand-annotated gold files (see docs/gold-format.md)."""

from storyline.eval.run import LayerScore, SystemOutput, evaluate, load_gold, run_system

__all__ = ["LayerScore", "SystemOutput", "evaluate", "load_gold", "run_system"]
