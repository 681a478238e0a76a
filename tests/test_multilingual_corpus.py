"""The multilingual sample corpus (examples/multilingual) and its gold agree with each other.

Every document the gold names is read the way `storyline build` reads it (the same readers, cleaner and
language identifier), and every piece of text the gold cites is looked up in it: quotes, aliases, time
expressions, boilerplate lines, claim units and event keywords. A gold file whose texts drift from its
corpus scores zero for reasons that have nothing to do with Storyline, so this is checked here.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from storyline.eval.layers.common import norm
from storyline.eval.layers.disagreements import numbers
from storyline.ingest.document import to_document
from storyline.ingest.language import detect_language
from storyline.ingest.readers import discover, read_file
from storyline.model import Document

from conftest import EXAMPLES

ROOT = EXAMPLES / "multilingual"
CORPUS = ROOT / "corpus"
TIMEX3 = re.compile(
    r"^(?:\d{2,4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?)?|W\d{2}|Q\d|SP|SU|FA|WI))?"
    r"|XXXX-(?:SU|WXX-\d)|P\d+[YMWD]|PT\d+[HM]|(?:PRESENT|PAST|FUTURE)_REF)$"
)


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((ROOT / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    """Gold file name → the document as `storyline build` reads it, without the manifest's metadata."""
    out: dict[str, Document] = {}
    for path in discover([CORPUS]):
        assert isinstance(path, Path)
        articles, errors = read_file(path)
        assert not errors, errors
        for article in articles:
            doc, _warnings = to_document(article)
            out[Path(article.source).relative_to(CORPUS).as_posix()] = doc
    return out


def _body(doc: Document, gold_doc: dict) -> str:
    """The raw text without the lines the gold calls boilerplate or metadata."""
    drop = {line.strip() for line in gold_doc["boilerplate"] + gold_doc["metadata_lines"]}
    return "\n".join(line for line in doc.raw_text.split("\n") if line.strip() not in drop)


def test_gold_names_every_article_once(gold: dict, docs: dict[str, Document]) -> None:
    files = [d["file"] for d in gold["documents"]]
    assert len(files) == len(set(files))
    assert set(files) == set(docs)
    assert len(files) >= 40


def test_every_document_is_in_exactly_one_story(gold: dict) -> None:
    placed = Counter(f for story in gold["stories"] for f in story["docs"])
    assert set(placed) == {d["file"] for d in gold["documents"]}
    assert all(n == 1 for n in placed.values()), [f for f, n in placed.items() if n > 1]
    story_of = {d["file"]: d["story"] for d in gold["documents"]}
    assert all(story_of[f] == s["id"] for s in gold["stories"] for f in s["docs"])


def test_language_identifier_agrees_with_the_gold(gold: dict, docs: dict[str, Document]) -> None:
    wrong = {
        d["file"]: (detect_language(docs[d["file"]].text), d["language"])
        for d in gold["documents"]
        if detect_language(docs[d["file"]].text) != d["language"]
    }
    assert not wrong
    per_language = Counter(d["language"] for d in gold["documents"])
    assert per_language["en"] >= 10
    assert len(per_language) >= 8 and min(per_language.values()) >= 3, per_language


def test_manifest_entries_agree_with_the_gold(gold: dict) -> None:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    by_file = {d["file"]: d for d in gold["documents"]}
    for entry in manifest["documents"]:
        assert (CORPUS / entry["file"]).is_file()
        want = by_file[entry["file"]]
        assert (entry["outlet"], entry["language"]) == (want["outlet"], want["language"])
        assert entry["published"][:10] == want["published"]


def test_document_lines_occur_in_their_documents(gold: dict, docs: dict[str, Document]) -> None:
    for d in gold["documents"]:
        doc = docs[d["file"]]
        lines = {line.strip() for line in doc.raw_text.split("\n")}
        for line in d["boilerplate"] + d["metadata_lines"]:
            assert line in lines, (d["file"], line)
        if d["headline"]:
            assert d["headline"] in lines, d["file"]
        on_disk = (CORPUS / d["file"].partition("#")[0]).read_text(encoding="utf-8")
        for name in d["byline"]:  # in the text, or in the page's or line's metadata
            assert name in doc.raw_text or name in on_disk, (d["file"], name)
        if d["dateline"]:
            assert norm(d["dateline"]) in norm(doc.raw_text), (d["file"], d["dateline"])


def test_quotes_occur_verbatim_with_a_known_speaker(gold: dict, docs: dict[str, Document]) -> None:
    entity_names = {e["name"] for e in gold["entities"]}
    language = {d["file"]: d["language"] for d in gold["documents"]}
    for q in gold["quotes"]:
        assert q["text"] in docs[q["doc"]].raw_text, (q["doc"], q["text"])
        assert q["kind"] in ("direct", "indirect")
        assert q["language"] == language[q["doc"]]
        # a name is a gold actor (so its aliases in every script count); else a common noun ("the crowd")
        assert q["speaker"] in entity_names or q["speaker"][0].islower(), q["speaker"]
        assert "said_on" not in q or TIMEX3.match(q["said_on"])


def test_aliases_occur_in_documents_of_their_language(gold: dict, docs: dict[str, Document]) -> None:
    language = {d["file"]: d["language"] for d in gold["documents"]}
    bodies = {d["file"]: norm(_body(docs[d["file"]], d)) for d in gold["documents"]}
    for e in gold["entities"]:
        by_language = e["aliases_by_language"]
        assert sorted(e["aliases"]) == sorted({a for aliases in by_language.values() for a in aliases}), e["name"]
        for lang, aliases in by_language.items():
            texts = [bodies[f] for f in e["docs"] if language[f] == lang]
            for alias in aliases:
                assert any(norm(alias) in t for t in texts), (e["name"], lang, alias)
        for f in e["docs"]:
            assert any(norm(a) in bodies[f] for a in by_language.get(language[f], [])), (e["name"], f)
    names = {e["name"] for e in gold["entities"]}
    assert all(a in names and b in names for a, b in gold["must_not_merge"])


def test_names_are_spelled_across_scripts(gold: dict) -> None:
    """The actors the storyline turns on are written in several scripts, so resolution across them is tested."""
    entity = {e["name"]: e for e in gold["entities"]}
    for name in ("Stanimir Vedrak", "Eskil Brännvik", "Yelizaveta Dronskaya", "Runa Falkeid"):
        scripts = {
            script
            for alias in entity[name]["aliases"]
            for script, pattern in (
                ("Latin", r"[A-Za-zÀ-ÿ]"),
                ("Cyrillic", r"[\u0400-\u04ff]"),
                ("Hangul", r"[\uac00-\ud7af]"),
                ("Kana", r"[\u30a0-\u30ff]"),
                ("Arabic", r"[\u0600-\u06ff]"),
            )
            if re.search(pattern, alias)
        }
        assert {"Latin", "Cyrillic", "Hangul", "Kana"} <= scripts, (name, scripts)


def test_time_expressions_point_at_their_text(gold: dict, docs: dict[str, Document]) -> None:
    for t in gold["time_expressions"]:
        raw = docs[t["doc"]].raw_text
        assert raw[t["start"] : t["end"]] == t["text"], t
        assert TIMEX3.match(t["value"]), t["value"]
        assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
    assert len({t["doc"] for t in gold["time_expressions"]}) == len(gold["documents"])


def test_claims_count_something_their_document_names(gold: dict, docs: dict[str, Document]) -> None:
    for c in gold["claims"]:
        text = norm(docs[c["doc"]].raw_text)
        assert norm(c["unit"]) in text, (c["id"], c["unit"])
        assert float(c["quantity"]) > 0 and TIMEX3.match(c["reported_on"])


def test_disagreement_figures_are_gold_claims_of_their_documents(gold: dict) -> None:
    quantities: dict[str, set[float]] = defaultdict(set)
    for c in gold["claims"]:
        quantities[c["doc"]].add(float(c["quantity"]))
    for d in gold["disagreements"]:
        assert len({p["doc"] for p in d["positions"]}) >= 2
        for p in d["positions"]:
            assert numbers(p["says"]) <= quantities[p["doc"]], (d["id"], p)
    troops = next(d for d in gold["disagreements"] if d["id"] == "D1")
    assert {3000.0, 10000.0} <= set().union(*(numbers(p["says"]) for p in troops["positions"]))


def test_events_are_told_by_their_documents(gold: dict, docs: dict[str, Document]) -> None:
    by_file = {d["file"]: d for d in gold["documents"]}
    for ev in gold["events"]:
        assert ev["date"] is None or TIMEX3.match(ev["date"])
        for f in ev["docs"]:
            assert by_file[f]["story"] == ev["story"], (ev["id"], f)
            body = norm(_body(docs[f], by_file[f]))
            assert any(norm(k) in body for k in ev["keywords"]), (ev["id"], f)
    key = [ev for ev in gold["events"] if ev["key"]]
    assert len(key) == 10 and all(ev["date"] and ev["story"] == "L1" for ev in key)
    # the main storyline runs for months and in every language of the corpus
    main = next(s for s in gold["stories"] if s["id"] == "L1")
    assert {by_file[f]["language"] for f in main["docs"]} == {d["language"] for d in gold["documents"]}
    months = {by_file[f]["published"][:7] for f in main["docs"]}
    assert len(months) >= 6
