"""The layers `storyline eval` scores. Each entry: name → (applies to this gold?, score function)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storyline.eval.layers import claims, disagreements, documents, entities, events, quotes, stories, timex
from storyline.eval.scores import LayerScore, SystemOutput

Applies = Callable[[dict[str, Any]], bool]
Score = Callable[[dict[str, Any], SystemOutput], LayerScore]

LAYERS: dict[str, tuple[Applies, Score]] = {
    "boilerplate": (documents.applies_boilerplate, documents.score_boilerplate),
    "metadata": (documents.applies_metadata, documents.score_metadata),
    "entities": (entities.applies, entities.score),
    "claims": (claims.applies, claims.score),
    "quotes": (quotes.applies, quotes.score),
    "time_expressions": (timex.applies, timex.score),
    "events": (events.applies, events.score),
    "disagreements": (disagreements.applies, disagreements.score),
    "stories": (stories.applies, stories.score),
    "storylines": (stories.applies, stories.score_storylines),
}
