"""Response models of the JSON API, for its OpenAPI schema.

The story and document payloads are the dicts ``storyline.render.dossier`` builds for the export
(contract ``storyline/dossier@2``, ``render/dossier.schema.json``); these models describe them. The API
returns those dicts as they are, so fields added to the export appear here without a change.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    detail: str = Field(description="What went wrong, in words.")


class StorySummary(BaseModel):
    id: str
    title: str
    level: Literal["story", "storyline"]
    storyline: str | None = Field(description="The storyline a story belongs to (null for a storyline).")
    articles: int = Field(description="Number of articles in the story.")
    first: str | None = Field(description="Publication date of the earliest article (ISO 8601).")
    last: str | None = Field(description="Publication date of the latest article (ISO 8601).")
    outlets: list[str]
    languages: list[str]
    updated_at: str = Field(description="When the newest of its articles was stored (ISO 8601, UTC).")


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StorySummary]


class StorylineSummary(StorySummary):
    stories: list[StorySummary] = Field(description="Its stories, newest first.")


class StorylineList(BaseModel):
    total: int
    limit: int
    offset: int
    storylines: list[StorylineSummary]


class Span(_Open):
    start: int
    end: int


class Mention(Span):
    text: str
    type: str
    entity: str | None


class TimeExpression(Span):
    text: str
    value: str | None = Field(description="TIMEX3-style value, e.g. 2025-03-14, 2025-W11, P3D; null if unknown.")
    type: str | None = None


class Document(_Open):
    id: str
    source: str
    outlet: str | None
    published: str | None
    published_source: str | None
    language: str | None
    title: str | None
    byline: list[str]
    text: str = Field(description="The cleaned body; every offset points into it.")
    time_expressions: list[TimeExpression]
    mentions: list[Mention]


class StoryEntity(_Open):
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int | None = None


class EventSource(Span):
    doc: str
    text: str


class Event(_Open):
    id: str
    date: str | None
    date_precision: str | None
    summary: str
    type: str
    modality: str
    actors: list[str] = Field(description="Entity ids.")
    sources: list[EventSource]


class Quote(Span):
    id: str
    speaker: str | None = Field(description="Entity id of the speaker.")
    speaker_name: str | None
    text: str
    kind: str
    doc: str
    said_on: str | None


class Claim(_Open):
    id: str
    quantity: float
    unit: str
    text: str
    attributed_to: str | None
    doc: str
    date: str | None


class Disagreement(_Open):
    id: str
    topic: str
    claims: list[str] = Field(description="Claim ids.")


class Story(_Open):
    id: str
    title: str
    storyline: str | None = Field(description="A story's storyline; null for a storyline (which lists `stories`).")
    documents: list[str]
    entities: list[StoryEntity]
    events: list[Event]
    quotes: list[Quote]
    claims: list[Claim]
    disagreements: list[Disagreement]


class EntityDetail(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int = Field(description="Mentions in all stored articles.")
    stories: list[str]
    documents: list[str] = Field(description="Articles that mention it (newest first, at most 200).")
    quotes: list[str] = Field(description="Ids of the quotes it is the speaker of (at most 200).")
    events: list[str] = Field(description="Ids of the events it takes part in (at most 200).")


class DocumentHit(BaseModel):
    id: str
    doc: str
    outlet: str | None
    published: str | None
    title: str | None
    title_highlights: list[tuple[int, int]]
    snippet: str = Field(description="Plain text around the first hit.")
    highlights: list[tuple[int, int]] = Field(description="(start, end) of each hit in the snippet.")


class QuoteHit(BaseModel):
    id: str
    doc: str
    outlet: str | None
    published: str | None
    text: str
    kind: str
    speaker: str | None
    speaker_name: str | None
    start: int
    end: int
    snippet: str
    highlights: list[tuple[int, int]]


class SearchResults(BaseModel):
    query: str
    limit: int
    offset: int
    total_documents: int
    total_quotes: int
    documents: list[DocumentHit]
    quotes: list[QuoteHit]


def documented(model: type[BaseModel], *errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a route that returns ``model`` or one of the ``errors``."""
    described = {400: "The request cannot be answered as asked.", 404: "No such item."}
    out: dict[int | str, dict[str, Any]] = {200: {"model": model}}
    for code in errors:
        out[code] = {"model": Problem, "description": described.get(code, "Error")}
    return out
