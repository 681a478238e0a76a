"""Plain data passed between the stages: ingest → extract → link → store → render.

Every stage takes and returns these dataclasses; none of them knows about SQLite,
spaCy or HTML. Offsets (``start``/``end``) always point into ``Document.text``,
the cleaned body, unless a field says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Literal


@dataclass
class ArticleMeta:
    """Metadata given with an article (sidecar, manifest, JSON fields, HTML meta, header lines),
    already checked: every value has its type, a date is ISO 8601, a language an ISO 639 code."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601
    language: str | None = None
    byline: list[str] = field(default_factory=list)

    def over(self, weaker: ArticleMeta) -> ArticleMeta:
        """These values, with the gaps filled from ``weaker``."""
        return ArticleMeta(**{f.name: getattr(self, f.name) or getattr(weaker, f.name) for f in fields(self)})


@dataclass
class RawArticle:
    """One article as read from disk, before cleaning."""

    source: str  # path, "path#line" for JSON Lines, or URL
    text: str  # decoded text (for HTML: the text trafilatura extracted)
    fmt: str  # "text" | "html" | "jsonl"
    meta: ArticleMeta = field(default_factory=ArticleMeta)  # metadata given with the file


@dataclass
class CachedFetch:
    """What fetching remembers of a URL between runs (the store's ``fetch_cache`` table)."""

    url: str  # as requested (normalized)
    kind: Literal["feed", "sitemap", "urls", "page"]
    fetched_at: str  # ISO 8601, UTC
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    body: bytes | None = None  # feeds, sitemaps and URL lists only: read again after a 304
    failed: str | None = None  # why a page failed for good (it is not fetched again)


@dataclass
class IngestError:
    """One line of the build's report about a bad input. An ``error``: something given was not
    read or not stored (a file, a JSON Lines row, a manifest entry); a ``warning``: the article was
    stored, but a metadata value was ignored or its text repaired."""

    source: str
    reason: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class RemovedLine:
    """A line of the raw text that cleaning dropped, and why."""

    text: str
    start: int  # offsets into the raw text
    end: int
    reason: str  # e.g. "broadcast-cue", "contact", "copyright", "metadata"


@dataclass
class Document:
    id: str  # content hash of the raw text
    source: str
    raw_text: str
    text: str  # cleaned body
    offsets: list[tuple[int, int, int]]  # (clean_start, raw_start, length) runs copied verbatim
    removed: list[RemovedLine] = field(default_factory=list)
    fmt: str = "text"
    url: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None  # "metadata" | "text"
    published: str | None = None  # ISO 8601
    published_source: str | None = None  # "metadata" | "text"
    language: str | None = None
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    # When a web page was fetched (or archived: a WARC record's date); never taken for ``published``.
    # Stored as the ``seen_at`` of the document's source.
    fetched_at: str | None = None
    # Set by the link stage: the id of the document this one is a near-duplicate (a reprint) of.
    # Later stages count only documents whose ``duplicate_of`` is None as independent reports.
    duplicate_of: str | None = None


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Mention:
    text: str
    start: int
    end: int
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...
    entity: str | None = None  # filled by the link stage


@dataclass
class TimeExpression:
    text: str
    start: int
    end: int
    value: str | None  # TIMEX3 value, or None when it cannot be determined
    type: str = "DATE"  # DATE | TIME | DURATION | SET


@dataclass
class Quote:
    id: str  # stable: "<doc id>:q<n>"
    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect"
    speaker_name: str | None = None
    speaker_start: int | None = None  # the mention the speaker was resolved from
    speaker_end: int | None = None
    cue: str | None = None
    said_on: str | None = None
    speaker: str | None = None  # entity id, filled by the link stage
    language: str | None = None  # ISO 639-1 of the quoted words, kept as written (None: not recorded)


@dataclass
class Claim:
    id: str  # stable: "<doc id>:c<n>"
    quantity: float
    unit: str
    text: str  # the sentence stating it
    start: int
    end: int
    qualifier: str | None = None  # "at least", "about", "between 3,000 and 5,000", "112 to 40" (a vote tally)
    attributed_to: str | None = None  # who the text says claims it; None: the outlet itself
    date: str | None = None  # the day the claim was made or reported (YYYY-MM-DD)
    subject: str | None = None  # what is counted, coarse, to compare claims across articles: "troop"
    quantity_max: float | None = None  # the upper end of a range ("between 3,000 and 5,000")
    language: str | None = None  # ISO 639-1 of the sentence stating it (None: not recorded)


@dataclass
class EventMention:
    """An event as told by one sentence of one document (merged later by link)."""

    id: str  # stable: "<doc id>:e<n>"
    type: str
    summary: str
    start: int  # the evidence sentence
    end: int
    trigger: str = ""
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None
    actors: list[str] = field(default_factory=list)  # surface names
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Stance:
    """A characterization a sentence affirms or denies ("the offer is in effect a hostile takeover" /
    "the bid does not amount to a hostile takeover"), for finding sources that disagree."""

    keys: list[str]  # lemma pairs of the noun phrase, e.g. ["hostile takeover", "takeover bid"]
    phrase: str  # the noun phrase as written
    negated: bool
    start: int  # the evidence sentence
    end: int
    holder: str | None = None  # who says it (a quote's speaker, a reporting clause's subject); None: the outlet
    subject: str | None = None  # what it is said of, as written: "the treaty"


@dataclass
class Extraction:
    """Everything the extract stage found in one document."""

    doc_id: str
    language: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # Stream features (storyline.extract.features): MinHash signature of the cleaned text
    # (uint32 values) and the multilingual embedding of its lead (unit-length float16 values).
    signature: bytes = b""
    embedding: bytes = b""
    shingles: int = 0  # how many distinct word shingles the signature summarizes


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class EventSource:
    doc: str
    text: str
    start: int
    end: int


@dataclass
class Event:
    id: str
    date: str | None
    date_precision: str | None
    summary: str
    type: str
    modality: str
    actors: list[str] = field(default_factory=list)  # entity ids
    sources: list[EventSource] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Disagreement:
    id: str
    topic: str
    claims: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


StoryLevel = Literal["story", "storyline"]


@dataclass
class Story:
    """A story (articles that tell one happening, within weeks) or a storyline (the stories of one
    developing matter, over months). A storyline holds the timeline and the disagreements; a story
    shows the entries and disagreements of its storyline that its own articles tell."""

    id: str
    title: str
    documents: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    level: StoryLevel = "story"
    parent: str | None = None  # a story's storyline
    stories: list[str] = field(default_factory=list)  # a storyline's stories, oldest first

    def told_by(self, documents: Iterable[str]) -> tuple[list[Event], list[Disagreement]]:
        """The entries of this storyline that one of ``documents`` is a source of, and the disagreements
        in which one of them takes a side: what a story of the storyline shows."""
        docs = set(documents)
        events = [e for e in self.events if any(s.doc in docs for s in e.sources)]
        disagreements = [
            d for d in self.disagreements if any(p.get("doc") in docs for p in d.extra.get("positions", []))
        ]
        return events, disagreements


@dataclass
class LinkResult:
    """What the link stage decides across documents."""

    entities: list[Entity] = field(default_factory=list)
    mention_entity: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (doc, start, end) → entity id
    quote_speaker: dict[str, str] = field(default_factory=dict)  # quote id → entity id
    stories: list[Story] = field(default_factory=list)
    storylines: list[Story] = field(default_factory=list)  # each story's ``parent``
