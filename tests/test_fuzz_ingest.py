"""Property-based fuzzing (Hypothesis) of the readers, cleaners, date-line reader and time tagger.

Whatever the input, none of them raises anything but its documented one-line error (DecodeError,
ManifestError), and what they return keeps its promises (offsets lead back to the raw text, a
metadata value has its type). How their time grows with the input is measured in
benchmarks/ingest_scaling.py, not here.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.extract.timex import find_time_expressions
from storyline.ingest import boilerplate, dateline, readers
from storyline.ingest.clean import clean
from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.ingest.document import to_document
from storyline.ingest.fields import read_fields
from storyline.ingest.header import HEADER_KEYS, read_header
from storyline.ingest.manifest import ManifestError, load_manifest
from storyline.model import IngestError, RawArticle

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of news pages that trigger the rules, mixed with arbitrary text.
FRAGMENTS = [
    "\n", "\n\n", " ", "  ", "\t", ".", ",", ":", "---", "...", "@", "a@b.example", "+1 000 555 0100",
    "https://x.example/a", "www.", "©", "(c) 2025 Town Crier", "All rights reserved", "By ", "Jane Roe", " and ",
    "Reporting by ", "This is ", "ABC News", "[Anchor]", "• ", "※", "Subscribe", "Share", "published: ",
    "date: ", "title: ", "url: ", "author: ", "source: ", "2025-03-04", "2025.03.04 오전 07:15", "Oct. 16, 2024",
    "| 6:05 p.m.", "Updated ", "GENEVA, Oct 9 (Wire) — ", "May ", "Monday", "the previous day", "last year",
    "on the 24th of last month", "in January", "1/2/3", "9999", "0000", "12:00", "Q3", "a year later",
    "Park Min- jun ,", "동영상 고정 취소", "関係者", "\u200b", "\ufeff", "\x00", "\x1b[31m", "'", '"', "“", "”",
]  # fmt: skip
news_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=80).map("".join)
any_text = st.one_of(news_text, st.text(max_size=400))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
meta_objects = st.dictionaries(st.sampled_from([*HEADER_KEYS, "file", "text", "documents"]), json_values, max_size=8)


@FUZZ
@given(any_text)
def test_clean_keeps_its_offsets(raw: str) -> None:
    cleaned = clean(raw)
    for clean_start, raw_start, length in cleaned.offsets:
        assert cleaned.text[clean_start : clean_start + length] == raw[raw_start : raw_start + length]
    for line in cleaned.removed:
        assert 0 <= line.start <= line.end <= len(raw)


@FUZZ
@given(any_text)
def test_classify_and_date_lines(line: str) -> None:
    verdict = boilerplate.classify(line)
    assert verdict.reason is None or isinstance(verdict.reason, str)
    found = dateline.parse_date_line(line)
    assert found is None or found.iso[:4].isdigit()
    iso = dateline.find_date(line)
    assert iso is None or len(iso) >= 10


@FUZZ
@given(
    any_text,
    st.one_of(st.none(), st.sampled_from(["2025-03-04", "2009-03-02T10:00", "1900-01-01"]), st.text(max_size=20)),
)
def test_time_tagger(text: str, published: str | None) -> None:
    for found in find_time_expressions(text, published):
        assert 0 <= found.start <= found.end <= len(text)


@FUZZ
@given(any_text)
def test_header_and_document(text: str) -> None:
    header = read_header(text, "a.txt")
    assert 0 <= header.end <= len(text)
    doc, warnings = to_document(RawArticle("a.txt", text, "text"))
    assert all(isinstance(w, IngestError) and w.level == "warning" for w in warnings)
    for clean_start, raw_start, length in doc.offsets:
        assert doc.text[clean_start : clean_start + length] == text[raw_start : raw_start + length]


@FUZZ
@given(meta_objects)
def test_metadata_values_get_their_types(obj: dict) -> None:
    meta, warnings = read_fields(obj, "a.json", HEADER_KEYS)
    for value in (meta.url, meta.title, meta.outlet, meta.published, meta.language):
        assert value is None or isinstance(value, str)
    assert all(isinstance(name, str) for name in meta.byline)
    assert all(w.level == "warning" and w.source == "a.json" for w in warnings)


@FUZZ
@given(st.binary(max_size=600) | news_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_decode_raises_only_decode_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    assert any(ch.isalnum() for ch in decoded.text)


@FUZZ
@given(st.lists(st.one_of(json_values.map(json.dumps), meta_objects.map(json.dumps), any_text), max_size=12))
def test_jsonl_reader(lines: list[str]) -> None:
    articles, problems = readers._jsonl_articles("f.jsonl", "\n".join(lines))
    assert all(isinstance(a.text, str) and a.text.strip() for a in articles)
    assert all(isinstance(p, IngestError) for p in problems)


@FUZZ
@given(st.one_of(json_values, st.fixed_dictionaries({"documents": st.lists(meta_objects, max_size=6)})), any_text)
def test_manifest_reader(tmp_path_factory, data: object, junk: str) -> None:
    folder = tmp_path_factory.mktemp("manifest")
    for i, text in enumerate((json.dumps(data), junk)):
        path = Path(folder) / f"manifest{i}.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            found, problems = load_manifest(path)
        except ManifestError:
            continue
        assert all(isinstance(p, IngestError) for p in problems)
        assert all(isinstance(k, Path) for k in found)
