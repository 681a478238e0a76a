"""Link stage: decisions across documents — entities, stories, merged events, disagreements."""

from __future__ import annotations

from storyline.link.entities import resolve_entities
from storyline.link.speakers import link_quote_speakers
from storyline.link.stories import group_stories
from storyline.model import Document, Extraction, LinkResult

__all__ = ["link"]


def link(
    docs: list[Document],
    extractions: list[Extraction],
    entity_overrides: list[tuple[str, str, str]] | None = None,
    story_overrides: list[tuple[str, str, str]] | None = None,
) -> LinkResult:
    """Everything cross-document, from plain data to plain data.

    ``docs`` need not carry their raw text. Overrides are the user's merge/split corrections,
    applied on top of the automatic decisions so that they survive every rebuild.
    """
    result = LinkResult()
    result.stories = group_stories(docs, extractions)
    # Stories are the scope in which a surname alone or a short name may stand for a longer one.
    resolve_entities(docs, extractions, result, entity_overrides or (), [s.documents for s in result.stories])
    link_quote_speakers(extractions, result)
    return result
