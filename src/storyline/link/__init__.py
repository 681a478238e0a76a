"""Link stage: decisions across documents — entities, stories, merged events, disagreements."""

from __future__ import annotations

from collections.abc import Collection

from storyline.link.disagreements import find_disagreements
from storyline.link.entities import resolve_entities
from storyline.link.events import link_events
from storyline.link.headline import story_lead, story_title
from storyline.link.speakers import link_quote_speakers
from storyline.link.stories import StoryIndex, build_stories, cluster
from storyline.model import Document, Extraction, LinkResult

__all__ = ["StoryIndex", "link"]


def link(
    docs: list[Document],
    extractions: list[Extraction],
    entity_overrides: list[tuple[str, str, str]] | None = None,
    story_overrides: list[tuple[str, str, str]] | None = None,
    index: StoryIndex | None = None,
    canonical: Collection[str] | None = None,
) -> LinkResult:
    """Everything cross-document, from plain data to plain data.

    ``docs`` need not carry their raw text. Overrides are the user's merge/split corrections,
    applied on top of the automatic decisions so that they survive every rebuild.

    Stories: without ``index`` every document is clustered from scratch. With the stored ``index``
    (the pipeline's incremental mode) only the documents it has not assigned yet are clustered,
    and ``docs`` are the documents of the stories that changed; everything else runs per story.
    ``canonical`` names the documents that are not reprints of another (by default, those the
    story index does not mark as reprints): reprints add sources to the events their original
    tells but never count as independent tellings.
    """
    result = LinkResult()
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
    # Stories are the scope in which a surname alone or a short name may stand for a longer one.
    resolve_entities(docs, extractions, result, entity_overrides or (), [s.documents for s in result.stories])
    link_quote_speakers(extractions, result)
    by_doc = {d.id: d for d in docs}
    originals = set(canonical) if canonical is not None else {d.id for d in docs if not d.duplicate_of}
    entities = {e.id: e for e in result.entities}
    for story in result.stories:
        events, conflicts, missed, _ = link_events(
            story.documents, by_doc, exs, result.mention_entity, originals, entities, result.quote_speaker
        )
        story.events = events
        story.disagreements = find_disagreements(story.documents, by_doc, exs, events, conflicts, missed)
        story_docs = [by_doc[d] for d in story.documents if d in by_doc]
        story.title = story_title(story_docs, events, story.title)
        story.extra["lead"] = story_lead(events, by_doc)
    return result
