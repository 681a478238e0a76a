"""Link stage: decisions across documents — entities, stories, storylines, merged events, disagreements."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from storyline.extract.features import EMBED_DIM
from storyline.link.disagreements import find_disagreements
from storyline.link.duplicates import DuplicateFinder
from storyline.link.entities import resolve_entities
from storyline.link.events import link_events
from storyline.link.headline import story_lead, story_title
from storyline.link.keydates import mark_key_events
from storyline.link.speakers import link_quote_speakers
from storyline.link.stories import (
    DocSignals,
    StoryIndex,
    StoryState,
    build_stories,
    canonical_order,
    cluster,
    signals_for,
    story_counts,
)
from storyline.link.storylines import StoryProfile, link_storylines
from storyline.model import Document, Extraction, LinkResult, Story

# What the other stages use of the link stage (the store keeps the incremental clustering state).
__all__ = [
    "DocSignals",
    "DuplicateFinder",
    "StoryIndex",
    "StoryProfile",
    "StoryState",
    "cluster",
    "link",
    "link_storylines",
    "signals_for",
]


def link(
    docs: list[Document],
    extractions: list[Extraction],
    entity_overrides: list[tuple[str, str, str]] | None = None,
    story_overrides: list[tuple[str, str, str]] | None = None,
    index: StoryIndex | None = None,
    canonical: Collection[str] | None = None,
    storyline_of: dict[str, str] | None = None,
    storyline_overrides: list[tuple[str, str, str]] | None = None,
) -> LinkResult:
    """Everything cross-document, from plain data to plain data.

    ``docs`` need not carry their raw text. Overrides are the user's merge/split corrections,
    applied on top of the automatic decisions so that they survive every rebuild.

    Stories: without ``index`` every document is clustered from scratch. With the stored ``index``
    (the pipeline's incremental mode) only the documents it has not assigned yet are clustered,
    and ``docs`` are the documents of the storylines that changed; everything else runs per storyline.
    ``storyline_of`` (story id → storyline id) comes from the pipeline, which links storylines over
    every stored story; without it the storylines are linked from the stories of ``docs``.
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
    if storyline_of is None:
        storyline_of = link_storylines(_profiles(result.stories, index), storyline_overrides or (), index.weights)
    result.storylines = build_storylines(result.stories, storyline_of, docs)
    # Stories are the scope in which a surname alone or a short name may stand for a longer one.
    resolve_entities(docs, extractions, result, entity_overrides or (), [s.documents for s in result.stories])
    link_quote_speakers(extractions, result)
    by_doc = {d.id: d for d in docs}
    originals = set(canonical) if canonical is not None else {d.id for d in docs if not d.duplicate_of}
    entities = {e.id: e for e in result.entities}
    lines = {line.id: line for line in result.storylines}
    for line in result.storylines:
        timeline = link_events(
            line.documents, by_doc, exs, result.mention_entity, originals, entities, result.quote_speaker
        )
        events = line.events = timeline.events
        line.disagreements = find_disagreements(
            line.documents, by_doc, exs, events, timeline.conflicts, timeline.missed
        )
        line_docs = [by_doc[d] for d in line.documents if d in by_doc]
        line.key_dates = mark_key_events(line.events, line_docs, exs)
        line.title = story_title(line_docs, events, line.title)
        line.lead = story_lead(events, by_doc)
    for story in result.stories:
        parent = lines.get(story.parent) if story.parent else None
        if parent is None:
            continue
        story.events, story.disagreements = parent.told_by(story.documents)
        story_docs = [by_doc[d] for d in story.documents if d in by_doc]
        story.title = story_title(story_docs, story.events, story.title)
        story.lead = story_lead(story.events, {d.id: d for d in story_docs})
    return result


def _profiles(stories: list[Story], index: StoryIndex) -> list[StoryProfile]:
    """Storyline profiles of the stories from the index's states (the stories it holds)."""
    out = []
    for story in stories:
        state = index.stories.get(story.id)
        if state is None:
            continue
        out.append(
            StoryProfile(
                story.id, state.centroid.astype(float), state.n_embedded, state.n_docs, state.first, state.last,
                dict(state.actors), dict(state.terms),
            )
        )  # fmt: skip
    known = {p.id for p in out}
    out += [StoryProfile(s.id, np.zeros(EMBED_DIM), 0, 0, None, None) for s in stories if s.id not in known]
    return out


def build_storylines(stories: list[Story], storyline_of: dict[str, str], docs: list[Document]) -> list[Story]:
    """Storyline objects for the stories (each story's ``parent`` is set); a story the mapping does not
    name stands as a storyline of its own."""
    groups: dict[str, list[Story]] = {}
    for story in stories:
        story.parent = storyline_of.get(story.id) or "l-" + story.id.removeprefix("s-")
        groups.setdefault(story.parent, []).append(story)
    by_doc = {d.id: d for d in docs}
    out = []
    for line_id, members in sorted(groups.items()):
        members.sort(
            key=lambda s: (min(((by_doc[d].published or "9999")[:10] for d in s.documents), default="9999"), s.id)
        )
        line_docs = canonical_order(by_doc[d] for s in members for d in s.documents)
        out.append(
            Story(
                line_id,
                members[0].title,
                [d.id for d in line_docs],
                counts=story_counts(line_docs),
                level="storyline",
                stories=[s.id for s in members],
            )
        )
    return out
