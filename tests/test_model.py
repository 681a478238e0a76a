"""One model, four shapes: the dataclasses of ``storyline.model``, the store's tables, the dossier schema and the
API's response models. Each test fails when one of them drifts from the model."""

from __future__ import annotations

import json
import typing
from dataclasses import field, fields, make_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from storyline import codec
from storyline.model import (
    Claim,
    Disagreement,
    DisagreementKind,
    Document,
    Entity,
    Event,
    EventAttributes,
    EventDating,
    EventMention,
    EventPhase,
    EventPosition,
    EventRoles,
    EventSource,
    EventTelling,
    EventTopic,
    Extraction,
    FigurePosition,
    KeyDate,
    LeadSentence,
    LinkResult,
    Mention,
    Modality,
    Position,
    Precision,
    Provenance,
    Quote,
    QuoteKind,
    RemovedLine,
    Sentence,
    Stance,
    StancePosition,
    StanceSide,
    Story,
    StoryCounts,
    TimeExpression,
    TimexType,
)
from storyline.serve.schemas import DOSSIER_DEFS
from storyline.store import Store, rows
from storyline.store.db import connect

SCHEMA = json.loads(resources.files("storyline.render").joinpath("dossier.schema.json").read_text())
DEFS = SCHEMA["$defs"]
POSITIONS = (Position, FigurePosition, StancePosition, EventPosition)


def _def(path: str) -> dict[str, Any]:
    """A definition of the schema: "event", or "document.mentions" for the items of a property."""
    name, *inner = path.split(".")
    found = DEFS[name]
    for prop in inner:
        found = found["properties"][prop]
        found = found.get("items", found)
    return found


def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


# ---- the store ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", rows.TABLES, ids=lambda t: t.name)
def test_every_table_maps_its_dataclass_column_by_column(table: rows.Table, tmp_path: Path) -> None:
    conn = connect(tmp_path / "schema.db")
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")]
    conn.close()
    assert sorted(table.stored_columns) == sorted(columns)  # every column is a field, a key or a named other
    assert len(set(table.stored_columns)) == len(table.stored_columns)
    assert set(table.own) | set(table.in_rest) | table.skip == set(_names(table.cls))  # every field has a place
    assert bool(table.in_rest) == bool(table.rest)
    assert set(table.renamed) | set(table.converted) <= set(table.own)


def test_a_reordered_dataclass_still_puts_each_field_in_its_column(tmp_path: Path) -> None:
    conn = connect(tmp_path / "order.db")
    conn.execute("INSERT INTO documents(id, source, fmt, raw_text, text, ingested_at) VALUES ('d','s','text','','','')")
    shuffled = make_dataclass("Quote", [(f.name, f.type, field(default=None)) for f in reversed(fields(Quote))])
    table = replace(rows.QUOTES, cls=shuffled)
    quote = shuffled(id="d:q0", text="We will sign", start=3, end=15, kind="direct", speaker_name="Ana Ruiz",
                     speaker_start=20, speaker_end=28, cue="said", said_on="2025-03-04", speaker="e-ruiz")  # fmt: skip
    conn.execute(table.insert(), table.row(quote, "d"))
    row = conn.execute('SELECT speaker_name, "end", said_on, speaker_entity FROM quotes').fetchone()
    assert tuple(row) == ("Ana Ruiz", 15, "2025-03-04", "e-ruiz")
    assert table.read(conn.execute(f"SELECT {table.select()} FROM quotes").fetchone()) == quote
    conn.close()


def _extraction(doc: str) -> Extraction:
    return Extraction(
        doc_id=doc,
        language="en",
        sentences=[Sentence(0, 40), Sentence(41, 90)],
        mentions=[Mention("Ana Ruiz", 0, 8, "PERSON", None)],
        time_expressions=[TimeExpression("on Tuesday", 20, 30, "2025-03-04", "DATE")],
        quotes=[Quote(f"{doc}:q0", "We will sign", 45, 57, "direct", "Ana Ruiz", 0, 8, "said", "2025-03-04", None)],
        claims=[
            Claim(
                f"{doc}:c0",
                3000.0,
                "troops",
                "3,000 troops",
                60,
                72,
                "about",
                "Ana Ruiz",
                "2025-03-04",
                "troop",
                5000.0,
            )
        ],
        events=[
            EventMention(
                f"{doc}:e0",
                "sign",
                "Ruiz signs",
                0,
                40,
                "signs",
                "expected",
                "2025-03",
                "month",
                ["Ana Ruiz"],
                EventAttributes(
                    "AGREE",
                    3,
                    8,
                    EventRoles([(0, 8)], [], [(20, 25)]),
                    EventTopic("treaty", "the treaty", ["treaty"]),
                    EventTelling("Ana Ruiz", 45, "begin", True),
                    EventDating("on Tuesday", "own", True),
                ),
            )
        ],
        stances=[Stance(["hostile takeover"], "a hostile takeover", True, 41, 90, "Ana Ruiz", "The bid")],
        signature=b"\x01\x02",
        embedding=b"\x03\x04",
        shingles=7,
    )


def test_documents_and_extractions_come_back_as_they_were_stored(tmp_path: Path) -> None:
    text = "Ana Ruiz said on Tuesday the treaty holds. She said: We will sign. About 3,000 troops and more."
    doc = Document("d1", "a.txt", "RAW " + text, text, [(0, 4, 20)], [RemovedLine("Menu", 0, 4, "menu")], "html",
                   "https://x.example/a", "Outlet", "metadata", "2025-03-05", "text", "en", "Title", ["A B"],
                   "CITY", None, None)  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        store.save_batch([(doc, _extraction("d1"))], "v")
        assert list(store.load_documents()) == [doc]
        assert list(store.load_extractions()) == [_extraction("d1")]


def _event() -> Event:
    return Event("ev-1", "2025-03-04", "day", "Ruiz signs", "sign", "expected", ["e1"], [EventSource("d1", "x", 0, 9)],
                 "AGREE", ["d1:e0"], 1, ["Outlet"], ["e1"], [], ["Ruiz"], 1, ["e2"], True, ["Outlet"], "begin",
                 "on Tuesday", "ev-2", ["ev-0"], ["d1:q0"], True, 3.5, True)  # fmt: skip


def test_stories_come_back_with_every_typed_field(tmp_path: Path) -> None:
    text = "Ana Ruiz said on Tuesday the treaty holds. She said: We will sign. About 3,000 troops and more."
    doc = Document("d1", "a.txt", text, text, [(0, 0, len(text))], published="2025-03-05")
    positions = [
        Position("d1", "Outlet", "no", 0, 9),
        FigurePosition("d1", None, "3,000 troops", 60, 72, "2025-03-04", "d1:c0"),
        StancePosition("d1", "Ana Ruiz", "a hostile takeover", 41, 90, "no"),
        EventPosition("d1", "Outlet", "on 2025-03-04", 0, 40, "Ana Ruiz said on Tuesday"),
    ]
    dis = Disagreement("dis-1", "How many troops", ["d1:c0"], "later_figure", "troop", None, None, positions)
    line = Story("l-1", "Line", ["d1"], [_event()], [dis], "storyline", None, ["s-1"],
                 StoryCounts(1, 1, 0, {"en": 1}), [KeyDate("2025-03-04", 1, 2.5, 1, 0, ["ev-1"])],
                 [LeadSentence("Ana Ruiz said", "d1", 0, 13, "ev-1", "2025-03-04")])  # fmt: skip
    story = Story("s-1", "Story", ["d1"], level="story", parent="l-1", counts=StoryCounts(1, 1, 0, {"en": 1}))
    with Store(tmp_path / "s.db") as store:
        store.save_batch([(doc, _extraction("d1"))], "v")
        store.save_links(LinkResult(entities=[Entity("e1", "Ana Ruiz", "PERSON", ["Ruiz"])], stories=[story],
                                    storylines=[line]))  # fmt: skip
        loaded = {s.id: s for s in store.load_stories()}
    assert loaded["l-1"] == line
    assert loaded["s-1"] == replace(story, events=line.events, disagreements=[dis])  # told by its own article


# ---- the dossier schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "path", "prop"),
    [
        (Modality, "event", "modality"),
        (Precision, "event", "date_precision"),
        (EventPhase, "event", "phase"),
        (QuoteKind, "quote", "kind"),
        (DisagreementKind, "disagreement", "kind"),
        (StanceSide, "disagreement.positions", "stance"),
        (TimexType, "document.time_expressions", "type"),
        (Provenance, "document", "published_source"),
    ],
)
def test_the_models_value_sets_are_the_schemas_enums(values: Any, path: str, prop: str) -> None:
    enum = _def(path)["properties"][prop]["enum"]
    assert set(typing.get_args(values)) == {v for v in enum if v is not None}


def test_the_schema_lists_every_field_the_model_writes_in_its_order() -> None:
    assert list(_def("event")["properties"]) == _names(Event)
    assert list(_def("event.sources")["properties"]) == ["doc", "text"]
    assert set(_names(EventSource)) == {"doc", "text", "start", "end"}  # start and end: the span definition
    assert list(_def("disagreement")["properties"]) == codec.field_names(Disagreement)
    assert set(_def("disagreement.positions")["properties"]) == {n for cls in POSITIONS for n in _names(cls)}
    assert set(_def("key_date")["properties"]) == set(_names(KeyDate))
    assert set(_def("story.lead")["properties"]) | {"start", "end"} == set(_names(LeadSentence))
    written = {"id", "title", "documents", "entities", "events", "quotes", "claims", "disagreements", "storyline",
               *codec.field_names(StoryCounts), "key_dates", "lead", "stories"}  # fmt: skip
    assert set(_def("story")["properties"]) | set(_def("storyline")["properties"]) == written


def _keys(objects: list[dict[str, Any]]) -> set[str]:
    return {k for o in objects for k in o}


def test_every_key_of_an_export_is_in_the_schema(examples_dossier: dict) -> None:
    """The export's dicts (documents, quotes, claims are written by hand in render/dossier.py) say nothing the
    schema does not describe."""
    docs, lines, stories = examples_dossier["documents"], examples_dossier["storylines"], examples_dossier["stories"]
    both = [*lines, *stories]
    spans = set(_def("span")["properties"])
    checks = {
        "document": docs,
        "document.mentions": [m for d in docs for m in d["mentions"]],
        "document.time_expressions": [t for d in docs for t in d["time_expressions"]],
        "entity": [e for s in both for e in s["entities"]],
        "event": [e for s in both for e in s["events"]],
        "quote": [q for s in both for q in s["quotes"]],
        "claim": [c for s in both for c in s["claims"]],
        "disagreement": [d for s in both for d in s["disagreements"]],
        "disagreement.positions": [p for s in both for d in s["disagreements"] for p in d["positions"]],
        "key_date": [k for s in lines for k in s["key_dates"]],
    }
    for path, objects in checks.items():
        assert objects, path  # the sample corpus has some of each
        assert _keys(objects) <= set(_def(path)["properties"]) | spans, path
    assert _keys(stories) <= set(_def("story")["properties"])
    assert _keys(lines) <= set(_def("story")["properties"]) | set(_def("storyline")["properties"])


# ---- the API's response models -----------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(DOSSIER_DEFS), ids=lambda m: m.__name__)
def test_the_api_models_describe_the_schemas_definitions(model: type[BaseModel]) -> None:
    definition = _def(DOSSIER_DEFS[model])
    spans = set(_def("span")["properties"])
    props = {**definition["properties"], **{s: {} for s in spans}}
    required = set(definition.get("required", [])) - spans
    assert set(model.model_fields) <= set(props)
    assert required <= {n for n, f in model.model_fields.items() if f.is_required()}
    for name, f in model.model_fields.items():
        enum = props[name].get("enum")
        options = [f.annotation, *typing.get_args(f.annotation)]
        literal = next((o for o in options if typing.get_origin(o) is typing.Literal), None)
        if enum is not None:  # a field with a fixed value set takes the model's Literal
            assert literal is not None and set(typing.get_args(literal)) == {v for v in enum if v is not None}, name
