"""Link stage: decisions across documents — entities, stories, merged events, disagreements."""

from __future__ import annotations

from collections.abc import Collection

from storyline.link.disagreements import find_disagreements
from storyline.link.entities import resolve_entities
from storyline.link.events import link_events
from storyline.link.headline import story_lead, story_title
from storyline.link.speakers import link_quote_speakers
from storyline.link.stories import group_stories
from storyline.model import Document, Extraction, LinkResult

__all__ = ["link"]


def link(
    docs: list[Document],
    extractions: list[Extraction],
    entity_overrides: list[tuple[str, str, str]] | None = None,
    story_overrides: list[tuple[str, str, str]] | None = None,
    canonical: Collection[str] | None = None,
) -> LinkResult:
    """Everything cross-document, from plain data to plain data.

    ``docs`` need not carry their raw text. Overrides are the user's merge/split corrections,
    applied on top of the automatic decisions so that they survive every rebuild. ``canonical``
    names the documents that are not reprints of another (all of them when None): reprints add
    sources to the events their original tells but never count as independent tellings.
    """
    result = LinkResult()
    result.stories = group_stories(docs, extractions)
    # Stories are the scope in which a surname alone or a short name may stand for a longer one.
    resolve_entities(docs, extractions, result, entity_overrides or (), [s.documents for s in result.stories])
    link_quote_speakers(extractions, result)
    by_doc = {d.id: d for d in docs}
    by_ex = {ex.doc_id: ex for ex in extractions}
    originals = set(canonical) if canonical is not None else None
    for story in result.stories:
        events, conflicts, missed, _ = link_events(story.documents, by_doc, by_ex, result.mention_entity, originals)
        story.events = events
        story.disagreements = find_disagreements(story.documents, by_doc, by_ex, events, conflicts, missed)
        story_docs = [by_doc[d] for d in story.documents if d in by_doc]
        story.title = story_title(story_docs, events, story.title)
        story.extra["lead"] = story_lead(events, by_doc)
    return result
