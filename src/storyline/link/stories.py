"""Documents → stories (baseline: every document in one story)."""

from __future__ import annotations

from storyline.model import Document, Extraction, Story


def story_title(docs: list[Document]) -> str:
    titled = [d for d in docs if d.title]
    if titled:
        return min(titled, key=lambda d: (d.published or "9999", d.id)).title or ""
    if docs:
        first = docs[0].text.strip().split("\n", 1)[0]
        return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
    return "Untitled story"


def group_stories(docs: list[Document], extractions: list[Extraction]) -> list[Story]:
    if not docs:
        return []
    ordered = sorted(docs, key=lambda d: (d.published or "9999", d.id))
    return [Story(id=f"s-{ordered[0].id[:10]}", title=story_title(ordered), documents=[d.id for d in ordered])]
