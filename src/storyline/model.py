"""Plain data passed between the stages: ingest → extract → link → store → render.

Every stage takes and returns these dataclasses; none of them knows about SQLite,
spaCy or HTML. Offsets (``start``/``end``) always point into ``Document.text``,
the cleaned body, unless a field says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Literal

# The values a field may take, where there is a fixed set (the dossier schema lists the same; tests/test_model.py
# checks that they agree).
Modality = Literal["asserted", "reported", "possible", "expected", "denied"]
Precision = Literal["day", "week", "month", "season", "quarter", "year", "decade"]  # of a date value (timespan)
QuoteKind = Literal["direct", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Provenance = Literal["metadata", "text"]  # where a document's outlet or date came from
InputFormat = Literal["text", "html", "jsonl"]
EventPhase = Literal["begin", "end", "extend"]  # "began talks", "ended the strike", "extended the truce"
DisagreementKind = Literal["conflict", "later_figure", "stance", "date", "schedule"]
StanceSide = Literal["yes", "no"]

# Field metadata for the JSON the store and the export write (``storyline.codec``): an OPTIONAL field is
# left out while it holds its default; a FLAT field (a dataclass) writes its own fields in its place.
OPTIONAL = {"json": "optional"}
FLAT = {"json": "flat"}


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
    fmt: InputFormat
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
    fmt: InputFormat = "text"
    url: str | None = None
    outlet: str | None = None
    outlet_source: Provenance | None = None
    published: str | None = None  # ISO 8601
    published_source: Provenance | None = None
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
    type: TimexType = "DATE"


@dataclass
class Quote:
    id: str  # stable: "<doc id>:q<n>"
    text: str
    start: int
    end: int
    kind: QuoteKind
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


CharSpan = tuple[int, int]  # (start, end) of a mention in ``Document.text``
DateBasis = Literal["own", "clause", "report", "quote"]  # where an event mention's date came from


@dataclass
class EventRoles:
    """Who takes part in an event mention: spans of the mentions that name them."""

    agents: list[CharSpan] = field(default_factory=list)  # the doers
    patients: list[CharSpan] = field(default_factory=list)  # those acted on
    places: list[CharSpan] = field(default_factory=list, metadata=OPTIONAL)


@dataclass
class EventTopic:
    """What an event mention is about."""

    object: str | None = field(default=None, metadata=OPTIONAL)  # lemma of the object noun: "bill"
    object_text: str | None = field(default=None, metadata=OPTIONAL)  # the object phrase as written
    themes: list[str] = field(default_factory=list, metadata=OPTIONAL)  # nouns it is about: "drone", "road"


@dataclass
class EventTelling:
    """How the sentence tells the event."""

    source: str | None = field(default=None, metadata=OPTIONAL)  # who reports it (not asserted by the outlet)
    in_quote: int | None = field(default=None, metadata=OPTIONAL)  # start of the quotation it is told in
    phase: EventPhase | None = field(default=None, metadata=OPTIONAL)  # "began talks"
    noun: bool = field(default=False, metadata=OPTIONAL)  # the trigger is a noun ("the signing")
    participle: bool = field(default=False, metadata=OPTIONAL)  # a background clause ("the treaty signed in June")
    language: str | None = field(default=None, metadata=OPTIONAL)  # ISO 639-1 of a sentence not in English


@dataclass
class EventDating:
    """How an event mention got its date."""

    date_text: str | None = field(default=None, metadata=OPTIONAL)  # the time expression
    date_basis: DateBasis | None = field(default=None, metadata=OPTIONAL)
    date_weak: bool = field(default=False, metadata=OPTIONAL)  # only through a clause it hangs on


@dataclass
class EventAttributes:
    """What the extract stage learned of an event mention beyond its core fields, in groups (each stored
    flat, beside the others, in the ``attributes`` JSON column)."""

    plover: str | None = None  # PLOVER category of the type, where one fits
    trigger_start: int | None = None  # the trigger word's span
    trigger_end: int | None = None
    roles: EventRoles = field(default_factory=EventRoles, metadata=FLAT)
    topic: EventTopic = field(default_factory=EventTopic, metadata=FLAT)
    telling: EventTelling = field(default_factory=EventTelling, metadata=FLAT)
    dating: EventDating = field(default_factory=EventDating, metadata=FLAT)


@dataclass
class EventMention:
    """An event as told by one sentence of one document (merged later by link)."""

    id: str  # stable: "<doc id>:e<n>"
    type: str
    summary: str
    start: int  # the evidence sentence
    end: int
    trigger: str = ""
    modality: Modality = "asserted"
    date: str | None = None
    date_precision: Precision | None = None
    actors: list[str] = field(default_factory=list)  # surface names
    attributes: EventAttributes = field(default_factory=EventAttributes)


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
class StepWarning:
    """What one extraction step could not do for a document, and why: its part of the Extraction stays
    empty, the build reports it (``BuildReport.skipped``) and the store keeps it with the extraction."""

    step: str  # the step's name: "quotes", "time_expressions", ...
    reason: str  # the exception: "ValueError: ..."


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
    warnings: list[StepWarning] = field(default_factory=list)  # steps that could not finish


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
    """One entry of a storyline's timeline: a real-world event, merged from the mentions that tell it.

    The fields after ``sources`` are what the link stage learns about the entry; the export writes them
    after ``sources`` in this order, and leaves out those marked ``OPTIONAL`` while they hold their default.
    """

    id: str
    date: str | None
    date_precision: Precision | None
    summary: str
    type: str
    modality: Modality
    actors: list[str] = field(default_factory=list)  # entity ids: agents first, then patients
    sources: list[EventSource] = field(default_factory=list)
    # -- who and what (link.events)
    plover: str | None = None  # PLOVER category of the type, where one fits
    mentions: list[str] = field(default_factory=list)  # ids of the event mentions merged into it
    docs: int = 0  # documents that tell it
    outlets: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)  # entity ids of the doers
    patients: list[str] = field(default_factory=list)  # entity ids of those acted on
    agent_names: list[str] = field(default_factory=list, metadata=OPTIONAL)  # the doers as the sources name them
    independent_docs: int | None = field(default=None, metadata=OPTIONAL)  # set when reprints tell it too
    places: list[str] = field(default_factory=list, metadata=OPTIONAL)  # entity ids
    date_weak: bool = field(default=False, metadata=OPTIONAL)  # dated only by a clause it hangs on
    reported_by: list[str] = field(default_factory=list, metadata=OPTIONAL)  # who tells a reported or expected event
    phase: EventPhase | None = field(default=None, metadata=OPTIONAL)
    date_text: str | None = field(default=None, metadata=OPTIONAL)  # the time expression that dates it
    # -- forecasts and what became of them (link.events.link_forecasts)
    fulfilled_by: str | None = field(default=None, metadata=OPTIONAL)  # on an expected event: what happened
    forecast_of: list[str] = field(default_factory=list, metadata=OPTIONAL)  # on an event: the forecasts it fulfilled
    echoes: list[str] = field(default_factory=list, metadata=OPTIONAL)  # quotation ids repeating it (link.echoes)
    # -- how much it matters (link.salience, link.keydates)
    minor: bool = field(default=False, metadata=OPTIONAL)  # one article, no date, no named doer: folded
    salience: float | None = field(default=None, metadata=OPTIONAL)
    key: bool = field(default=False, metadata=OPTIONAL)  # one of the storyline's most salient dated entries


@dataclass
class Position:
    """One side of a disagreement: who says what, and where (``start``/``end`` in ``doc``)."""

    doc: str
    by: str | None
    says: str
    start: int
    end: int


@dataclass
class FigurePosition(Position):
    """A side given by a claim (figure disagreements)."""

    date: str | None
    claim: str


@dataclass
class StancePosition(Position):
    """A side that affirms ("yes") or denies ("no") a characterization."""

    stance: StanceSide


@dataclass
class EventPosition(Position):
    """A side that dates an event (date and schedule disagreements); ``text`` is its evidence sentence."""

    text: str


AnyPosition = FigurePosition | StancePosition | EventPosition | Position


@dataclass
class Disagreement:
    """Where sources disagree (``link.disagreements``). ``kind`` says which of the fields below it fills:
    figures (``conflict``, ``later_figure``) name their ``subject`` and list claim ids in ``claims``; a
    ``stance`` names its ``key``; ``date`` and ``schedule`` name the two ``events``."""

    id: str
    topic: str
    claims: list[str] = field(default_factory=list)
    kind: DisagreementKind = "conflict"
    subject: str | None = field(default=None, metadata=OPTIONAL)
    key: str | None = field(default=None, metadata=OPTIONAL)
    events: list[str] | None = field(default=None, metadata=OPTIONAL)
    positions: list[AnyPosition] = field(default_factory=list)


@dataclass
class StoryCounts:
    """How many articles tell a story, and how many of them are independent reports (``link.stories``)."""

    article_count: int
    independent_source_count: int  # outlets of the originals (reprints and one outlet's repeats aside)
    duplicate_count: int
    languages: dict[str, int] = field(default_factory=dict)  # language code ("und": unknown) → articles


@dataclass
class KeyDate:
    """A day of a storyline that many independent articles name (``link.keydates``)."""

    date: str  # YYYY-MM-DD
    rank: int  # 1: the most salient
    score: float
    articles: int  # independent articles naming it
    later_articles: int  # ... of them written two or more days later
    events: list[str] = field(default_factory=list)  # entries dated that day, most salient first


@dataclass
class LeadSentence:
    """A sentence of a story's lead (``link.headline.story_lead``)."""

    text: str
    doc: str
    start: int
    end: int
    event: str
    date: str | None


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
    level: StoryLevel = "story"
    parent: str | None = None  # a story's storyline
    stories: list[str] = field(default_factory=list)  # a storyline's stories, oldest first
    counts: StoryCounts | None = field(default=None, metadata=FLAT)
    key_dates: list[KeyDate] | None = field(default=None, metadata=OPTIONAL)  # storylines: most salient first
    lead: list[LeadSentence] | None = field(default=None, metadata=OPTIONAL)  # in date order

    def told_by(self, documents: Iterable[str]) -> tuple[list[Event], list[Disagreement]]:
        """The entries of this storyline that one of ``documents`` is a source of, and the disagreements
        in which one of them takes a side: what a story of the storyline shows."""
        docs = set(documents)
        events = [e for e in self.events if any(s.doc in docs for s in e.sources)]
        disagreements = [d for d in self.disagreements if any(p.doc in docs for p in d.positions)]
        return events, disagreements


@dataclass
class LinkResult:
    """What the link stage decides across documents."""

    entities: list[Entity] = field(default_factory=list)
    mention_entity: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (doc, start, end) → entity id
    quote_speaker: dict[str, str] = field(default_factory=dict)  # quote id → entity id
    stories: list[Story] = field(default_factory=list)
    storylines: list[Story] = field(default_factory=list)  # each story's ``parent``
