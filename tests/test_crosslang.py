"""Actors, figures and scores across languages: one actor for every spelling, and nothing joined by chance.

Names and figures are invented for the test.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.eval.languages import subset_gold
from storyline.link.disagreements import find_disagreements
from storyline.link.entities import resolve_entities
from storyline.model import Claim, Document, Extraction, LinkResult, Mention

from conftest import EXAMPLES

MULTI = EXAMPLES / "multilingual"


def _doc(doc_id: str, lang: str, names: list[tuple[str, str]]) -> tuple[Document, Extraction]:
    """A document in ``lang`` whose text is the given names, one a line, each a mention of its type."""
    text = "\n".join(n for n, _t in names)
    mentions, pos = [], 0
    for name, type_ in names:
        mentions.append(Mention(name, pos, pos + len(name), type_))
        pos += len(name) + 1
    doc = Document(id=doc_id, source=doc_id, raw_text=text, text=text, offsets=[(0, 0, len(text))], language=lang)
    return doc, Extraction(doc_id=doc_id, language=lang, mentions=mentions)


def _entities(*docs: tuple[Document, Extraction]) -> dict[tuple[str, str], str | None]:
    result = LinkResult()
    resolve_entities([d for d, _ in docs], [e for _, e in docs], result, (), [[d.id for d, _ in docs]])
    return {
        (ex.doc_id, m.text): result.mention_entity.get((ex.doc_id, m.start, m.end))
        for _, ex in docs
        for m in ex.mentions
    }


def test_one_actor_for_every_spelling_of_a_name() -> None:
    found = _entities(
        _doc("en", "en", [("Oskar Lindqvar", "PERSON"), ("Tarvelia", "GPE")]),
        _doc("ru", "ru", [("Оскар Линдквар", "PERSON"), ("Линдквара", "PERSON"), ("Тарвелии", "MISC")]),
        _doc("ko", "ko", [("오스카르 린드크바르", "PERSON"), ("타르벨리아", "MISC")]),
        _doc("ja", "ja", [("オスカル・リンドクヴァル", "PERSON")]),
        _doc("ar", "ar", [("أوسكار ليندكفار", "PERSON")]),
        _doc("de", "de", [("Oskar Lindkwar", "PERSON"), ("Tarvelien", "MISC")]),
    )
    person = found[("en", "Oskar Lindqvar")]
    assert person is not None
    for key in [("ru", "Оскар Линдквар"), ("ru", "Линдквара"), ("ko", "오스카르 린드크바르"), ("ja", "オスカル・リンドクヴァル"),
                ("ar", "أوسكار ليندكفار"), ("de", "Oskar Lindkwar")]:  # fmt: skip
        assert found[key] == person, key
    place = found[("en", "Tarvelia")]
    assert place != person and found[("ru", "Тарвелии")] == place and found[("ko", "타르벨리아")] == place
    assert found[("de", "Tarvelien")] == place


def test_an_ambiguous_surname_and_a_weak_candidate_join_nothing() -> None:
    found = _entities(
        _doc("en", "en", [("Oskar Lindqvar", "PERSON"), ("Aksel Lindqvar", "PERSON")]),
        _doc("ko", "ko", [("린드크바르", "PERSON"), ("모르란트", "MISC")]),
    )
    assert found[("en", "Oskar Lindqvar")] != found[("en", "Aksel Lindqvar")]
    assert found[("ko", "린드크바르")] not in {found[("en", "Oskar Lindqvar")], found[("en", "Aksel Lindqvar")]}
    assert found[("ko", "모르란트")] is None  # names no known actor: no entity


def test_a_strong_foreign_name_opens_an_actor_of_its_own() -> None:
    found = _entities(
        _doc("en", "en", [("Oskar Lindqvar", "PERSON")]), _doc("ko", "ko", [("마리아 솔베르그", "PERSON")])
    )
    assert found[("ko", "마리아 솔베르그")] is not None
    assert found[("ko", "마리아 솔베르그")] != found[("en", "Oskar Lindqvar")]


def _claims(*claims: tuple[str, str | None, float, str, str]) -> list:
    docs, exs = {}, {}
    for doc_id, lang, value, unit, subject in claims:
        text = f"{value:g} {unit}"
        docs[doc_id] = Document(
            id=doc_id, source=doc_id, raw_text=text, text=text, offsets=[], language=lang, outlet=doc_id
        )
        claim = Claim(f"{doc_id}:c0", value, unit, text, 0, len(text), subject=subject, language=lang)
        exs[doc_id] = Extraction(doc_id=doc_id, claims=[claim])
    return find_disagreements(list(docs), docs, exs, [], [], [])


def test_figures_in_two_languages_disagree_or_agree_by_value() -> None:
    (d,) = _claims(("a", "en", 3000, "troops", "troop"), ("b", "ko", 10000, "명 (병력)", "troop"))
    assert d.kind == "conflict" and len(d.claims) == 2
    assert not _claims(("a", "en", 3000, "troops", "troop"), ("b", "ja", 3000, "人 (部隊)", "troop"))
    assert not _claims(("a", "en", 3000, "people", "people"), ("b", "ru", 10000, "человек", "people"))


def test_the_gold_cut_to_one_language() -> None:
    gold = json.loads((MULTI / "gold.json").read_text(encoding="utf-8"))
    files = {d["file"] for d in gold["documents"] if d["language"] == "ko"}
    sub = subset_gold(gold, files)
    assert {d["file"] for d in sub["documents"]} == files
    assert sub["quotes"] and all(q["doc"] in files for q in sub["quotes"])
    assert all(set(e["docs"]) <= files and e["docs"] for e in sub["events"])


def test_eval_by_language_on_the_multilingual_corpus() -> None:
    """The targets on the invented corpus, stories as the gold has them: foreign articles name their story's
    actors as the rest does, no actors of different languages merge wrongly, troop figures are found."""
    result = CliRunner().invoke(
        app,
        ["eval", str(MULTI / "gold.json"), "--corpus", str(MULTI / "corpus"), "--json", "--by-language",
         "--gold-stories", "--layer", "entities", "--layer", "claims", "--layer", "quotes", "--layer", "stories"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = {s["layer"]: s for s in json.loads(result.stdout)}
    assert scores["stories"]["metrics"]["bcubed_f1"] == 1.0
    langs = scores["entities"]["by_language"]
    assert set(langs) == {"ar", "de", "en", "es", "fr", "ja", "ko", "ru"}
    foreign = [m for lang, m in langs.items() if lang != "en"]
    named = sum(m["main_actor_docs_right"] for m in foreign) / sum(m["main_actor_docs"] for m in foreign)
    assert named >= 0.8
    assert all(m["wrong_merges"] == 0 for m in foreign)
    for lang in ("ko", "ja", "ru"):
        assert scores["claims"]["by_language"][lang]["recall"] == 1.0, lang
    assert scores["quotes"]["metrics"]["named_speaker_precision"] >= 0.8
