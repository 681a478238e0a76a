"""Dates in languages the English parse cannot read (placeholder until the patterns land)."""

from __future__ import annotations

from storyline.extract.timex.context import Found


def find_foreign(text: str, language: str, published: str | None) -> list[Found]:
    return []
