"""Which field is which column: the one place where the model's dataclasses meet the store's tables.

A ``Table`` names a table and the dataclass its rows hold. A field is stored in the column of its own
name unless ``renamed`` says otherwise; ``converted`` fields are turned into what SQLite keeps (JSON
text, 0/1, compressed bytes) and back. Where a table has a JSON column of details (``rest``: ``extra``),
every field without a column of its own (those not in ``columns``) is kept there, written by
``storyline.codec``. Columns that are no field (the owning document, the clock) come first in a row and
are given by the writer (``keys``), or filled by the database or the writer alone (``other``).

``select`` lists the columns in field order and ``read`` builds the object from them in one call, so a
reordered or renamed field can never land in another field's column; ``tests/test_model.py`` checks
every table against the schema the migrations create.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

import numpy as np

from storyline import codec
from storyline.extract.features import EMBED_DIM
from storyline.link import StoryState
from storyline.model import (
    CachedFetch,
    Claim,
    Disagreement,
    Document,
    Entity,
    Event,
    EventMention,
    Extraction,
    Mention,
    Quote,
    Sentence,
    Stance,
    StepWarning,
    Story,
    TimeExpression,
)

Convert = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (to the column, from the column)


def as_json(cls: type, name: str, sort_keys: bool = False) -> Convert:
    """A field kept as JSON text, read back with its declared type."""
    decode = codec.decoder(cls, name)
    return (lambda v: json.dumps(codec.plain(v), ensure_ascii=False, sort_keys=sort_keys)), (
        lambda text: decode(json.loads(text))
    )


FLAG: Convert = (int, bool)  # booleans as 0/1
ZLIB: Convert = (
    lambda v: None if v is None else zlib.compress(v),
    lambda v: None if v is None else zlib.decompress(v),
)


def _centroid(blob: bytes) -> np.ndarray:
    """A story's stored centroid; a damaged one counts as no embedding at all."""
    centroid = np.frombuffer(blob, dtype="<f4").copy()
    return centroid if centroid.shape == (EMBED_DIM,) else np.zeros(EMBED_DIM, dtype=np.float32)


CENTROID: Convert = (lambda v: np.asarray(v).astype("<f4").tobytes(), _centroid)


@dataclass(frozen=True)
class Table:
    name: str
    cls: type
    keys: tuple[str, ...] = ()  # leading columns given by the writer: the owner of the row
    columns: tuple[str, ...] | None = None  # fields with a column of their own (None: every field not skipped)
    renamed: Mapping[str, str] = field(default_factory=dict)  # field → column
    converted: Mapping[str, Convert] = field(default_factory=dict)
    rest: str | None = None  # JSON column holding the fields without a column of their own
    skip: frozenset[str] = frozenset()  # fields kept in other tables (a story's documents, events ...)
    other: tuple[str, ...] = ()  # columns that are no field: filled by the database or by the writer alone

    @cached_property
    def own(self) -> list[str]:
        """Fields with a column of their own, in field order."""
        names = [f.name for f in fields(self.cls) if f.name not in self.skip]
        return names if self.columns is None else [n for n in names if n in self.columns]

    @cached_property
    def in_rest(self) -> list[str]:
        """Fields kept in the ``rest`` JSON column."""
        return [f.name for f in fields(self.cls) if f.name not in self.skip and f.name not in self.own]

    def column(self, name: str) -> str:
        return self.renamed.get(name, name)

    @cached_property
    def stored_columns(self) -> list[str]:
        """Every column of the table this mapping knows, in row order: keys, fields, rest, others."""
        return [*self.keys, *(self.column(n) for n in self.own), *([self.rest] if self.rest else []), *self.other]

    def select(self, prefix: str = "", replace: Mapping[str, str] | None = None) -> str:
        """The field columns (then ``rest``) for a SELECT, in the order ``read`` takes them. ``replace`` gives
        another expression for a field (``{"raw_text": "'' AS raw_text"}``)."""
        replace = replace or {}
        cols = [replace.get(n) or f'{prefix}"{self.column(n)}"' for n in self.own]
        return ", ".join([*cols, *([f'{prefix}"{self.rest}"'] if self.rest else [])])

    def insert(
        self, verb: str = "INSERT", without: Sequence[str] = (), also: Sequence[str] = (), suffix: str = ""
    ) -> str:
        """An INSERT of ``keys``, the field columns (and ``rest``), then the columns ``also`` names, for ``row``;
        ``without``: fields left out."""
        cols = [
            *self.keys,
            *(self.column(n) for n in self.own if n not in without),
            *([self.rest] if self.rest else []),
        ]
        cols += also
        names = ", ".join(f'"{c}"' for c in cols)
        return f"{verb} INTO {self.name}({names}) VALUES ({','.join('?' * len(cols))}) {suffix}".rstrip()

    @cached_property
    def _plain(self) -> bool:
        """Whether a row's field columns are the constructor's arguments as they are (the fast way)."""
        return not self.converted and not self.rest and not self.skip and self.own == [f.name for f in fields(self.cls)]

    def row(self, obj: Any, *keys: Any, without: Sequence[str] = (), also: Sequence[Any] = ()) -> tuple[Any, ...]:
        """The values ``insert`` takes: the given keys, then each field as its column keeps it, then ``also``."""
        values = list(keys)
        for n in self.own:
            if n in without:
                continue
            v = getattr(obj, n)
            conv = self.converted.get(n)
            values.append(conv[0](v) if conv else v)
        if self.rest:
            values.append(json.dumps(codec.to_json(obj, only=self.in_rest), ensure_ascii=False))
        return (*values, *also)

    def values(self, r: Sequence[Any], at: int = 0) -> dict[str, Any]:
        """Field values from a row selected with ``select``, starting at column ``at``."""
        out: dict[str, Any] = {}
        for i, n in enumerate(self.own, start=at):
            conv = self.converted.get(n)
            out[n] = conv[1](r[i]) if conv else r[i]
        if self.rest:
            out.update(codec.values_from_json(self.cls, json.loads(r[at + len(self.own)]), only=self.in_rest))
        return out

    def read(self, r: Sequence[Any], at: int = 0) -> Any:
        """The object of a row selected with ``select``, starting at column ``at``."""
        if self._plain:
            return self.cls(*r[at:])
        return self.cls(**self.values(r, at))


def _json(cls: type, *names: str, sort_keys: bool = False) -> dict[str, Convert]:
    return {n: as_json(cls, n, sort_keys) for n in names}


DOCUMENTS = Table(
    "documents",
    Document,
    converted=_json(Document, "offsets", "removed", "byline"),
    skip=frozenset({"fetched_at"}),  # kept as the ``seen_at`` of the document's source
    other=("ingested_at", "extracted_with"),
)
SENTENCES = Table("sentences", Sentence, keys=("doc_id", "idx"))
MENTIONS = Table("mentions", Mention, keys=("doc_id",), renamed={"entity": "entity_id"}, other=("id",))
TIME_EXPRESSIONS = Table("time_expressions", TimeExpression, keys=("doc_id",), other=("id",))
QUOTES = Table("quotes", Quote, keys=("doc_id",), renamed={"speaker": "speaker_entity"})
CLAIMS = Table("claims", Claim, keys=("doc_id",))
EVENT_MENTIONS = Table("event_mentions", EventMention, keys=("doc_id",),
                       converted=_json(EventMention, "actors", "attributes"))  # fmt: skip
STANCES = Table(
    "stances", Stance, keys=("doc_id",), converted={**_json(Stance, "keys"), "negated": FLAG}, other=("id",)
)
FEATURES = Table("doc_features", Extraction, keys=("doc_id",), columns=("signature", "shingles", "embedding"),
                 skip=frozenset(f.name for f in fields(Extraction)) - {"signature", "shingles", "embedding"})  # fmt: skip
WARNINGS = Table("extraction_warnings", StepWarning, keys=("doc_id",), other=("id",))
ENTITIES = Table("entities", Entity, converted=_json(Entity, "aliases"))
STORIES = Table(
    "stories",
    Story,
    columns=("id", "title", "level", "parent"),
    rest="extra",
    skip=frozenset({"documents", "events", "disagreements", "stories"}),  # story_documents, events, ...
    other=("updated_at",),
)
EVENTS = Table(
    "events",
    Event,
    keys=("story_id",),
    columns=("id", "date", "date_precision", "summary", "type", "modality", "actors", "sources"),
    converted=_json(Event, "actors", "sources"),
    rest="extra",
)
DISAGREEMENTS = Table("disagreements", Disagreement, keys=("story_id",), columns=("id", "topic", "claims"),
                      converted=_json(Disagreement, "claims"), rest="extra")  # fmt: skip
STORY_INDEX = Table(
    "story_index",
    StoryState,
    renamed={"id": "story_id", "first": "first_day", "last": "last_day"},
    converted={"centroid": CENTROID, **_json(StoryState, "actors", "terms", "refs", sort_keys=True)},
)
FETCH_CACHE = Table("fetch_cache", CachedFetch, converted={"body": ZLIB})

# The tables whose rows are model objects (the others hold links between them, or the clustering state).
TABLES = (DOCUMENTS, SENTENCES, MENTIONS, TIME_EXPRESSIONS, QUOTES, CLAIMS, EVENT_MENTIONS, STANCES, FEATURES,
          WARNINGS, ENTITIES, STORIES, EVENTS, DISAGREEMENTS, STORY_INDEX, FETCH_CACHE)  # fmt: skip
