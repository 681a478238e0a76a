"""Response models of the JSON API, for its OpenAPI schema.

The story and document payloads are the dicts ``storyline.render.dossier`` builds for the export
(contract ``storyline/dossier@2``, ``render/dossier.schema.json``); the ``Dossier*`` models describe them
with the model's own value sets (``storyline.model``), and ``tests/test_model.py`` checks each against the
schema. The API returns those dicts as they are, so fields added to the export appear here without a change.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from storyline.model import DisagreementKind, Modality, Precision, Provenance, QuoteKind, StoryLevel, TimexType


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    detail: str = Field(description="What went wrong, in words.")


class StorySummary(BaseModel):
    id: str
    title: str
    level: StoryLevel
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


# ---- the dossier's shapes (render/dossier.schema.json): named Dossier*, the export's own names -------------


class DossierSpan(_Open):
    start: int
    end: int


class DossierMention(DossierSpan):
    text: str
    type: str
    entity: str | None


class DossierTimeExpression(DossierSpan):
    text: str
    value: str | None = Field(description="TIMEX3-style value, e.g. 2025-03-14, 2025-W11, P3D; null if unknown.")
    type: TimexType | None = None


class DossierDocument(_Open):
    id: str
    source: str
    outlet: str | None
    published: str | None
    published_source: Provenance | None
    language: str | None
    title: str | None
    byline: list[str]
    text: str = Field(description="The cleaned body; every offset points into it.")
    time_expressions: list[DossierTimeExpression]
    mentions: list[DossierMention]


class DossierEntity(_Open):
    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int | None = None


class DossierEventSource(DossierSpan):
    doc: str
    text: str


class DossierEvent(_Open):
    id: str
    date: str | None
    date_precision: Precision | None
    summary: str
    type: str
    modality: Modality
    actors: list[str] = Field(description="Entity ids.")
    sources: list[DossierEventSource]


class DossierQuote(DossierSpan):
    id: str
    speaker: str | None = Field(description="Entity id of the speaker.")
    speaker_name: str | None
    text: str
    kind: QuoteKind
    doc: str
    said_on: str | None


class DossierClaim(_Open):
    id: str
    quantity: float
    unit: str
    text: str
    attributed_to: str | None
    doc: str
    date: str | None


class DossierDisagreement(_Open):
    id: str
    topic: str
    claims: list[str] = Field(description="Claim ids.")
    kind: DisagreementKind | None = None


class DossierStory(_Open):
    id: str
    title: str
    storyline: str | None = Field(description="A story's storyline; null for a storyline (which lists `stories`).")
    documents: list[str]
    entities: list[DossierEntity]
    events: list[DossierEvent]
    quotes: list[DossierQuote]
    claims: list[DossierClaim]
    disagreements: list[DossierDisagreement]


# The dossier schema's definition each model describes (tests/test_model.py checks that they agree).
DOSSIER_DEFS: dict[type[BaseModel], str] = {
    DossierMention: "document.mentions",
    DossierTimeExpression: "document.time_expressions",
    DossierDocument: "document",
    DossierEntity: "entity",
    DossierEventSource: "event.sources",
    DossierEvent: "event",
    DossierQuote: "quote",
    DossierClaim: "claim",
    DossierDisagreement: "disagreement",
    DossierStory: "story",
}


# ---- the API's own shapes -------------------------------------------------------------------------------


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
