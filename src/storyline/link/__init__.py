"""Link stage: decisions across documents — entities, stories, merged events, disagreements."""

from __future__ import annotations

from storyline.link.entities import resolve_entities
from storyline.link.stories import StoryIndex, build_stories, cluster
from storyline.model import Document, Extraction, LinkResult

__all__ = ["StoryIndex", "link"]


def link(
    docs: list[Document],
    extractions: list[Extraction],
    entity_overrides: list[tuple[str, str, str]] | None = None,
    story_overrides: list[tuple[str, str, str]] | None = None,
    index: StoryIndex | None = None,
) -> LinkResult:
    """Everything cross-document, from plain data to plain data.

    ``docs`` need not carry their raw text. Overrides are the user's merge/split corrections,
    applied on top of the automatic decisions so that they survive every rebuild.

    Stories: without ``index`` every document is clustered from scratch. With the stored ``index``
    (the pipeline's incremental mode) only the documents it has not assigned yet are clustered,
    and ``docs`` are the documents of the stories that changed; everything else runs per story.
    """
    result = LinkResult()
    resolve_entities(extractions, result)
    exs = {ex.doc_id: ex for ex in extractions}
    if index is None:
        index = StoryIndex()
    known = index.story_of([d.id for d in docs])
    fresh = [d for d in docs if d.id not in known]
    if fresh:
        cluster(fresh, exs, index)
    index.apply_overrides(story_overrides or [])
    membership = index.story_of([d.id for d in docs])
    for d in docs:
        if d.id in index.duplicate_of:
            d.duplicate_of = index.duplicate_of[d.id]
    result.stories = build_stories(docs, membership)
    return result
