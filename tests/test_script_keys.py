"""Actor keys across scripts: an article in another language counts the known actors it names.

Story clustering and storyline linking compare actor keys; an article in Russian, Korean, Japanese,
Arabic or German names the actors of its story in its own spelling, so it gets the keys of the known
actors its names match by skeleton, and never keys of its own.
"""

from __future__ import annotations

import json

import pytest

from storyline.eval import evaluate, load_gold, run_system
from storyline.link.script_keys import KeySkeletons, runs, script_keys
from storyline.link.stories import StoryIndex, doc_actor_keys, signals_for
from storyline.model import Document, Extraction, Mention

from conftest import EXAMPLES

# invented names, as English articles would have made them known
KNOWN = ["morvania", "morvanian", "anton-velmarsk", "velmarsk", "ostrava-pact", "belgrin", "pelgran"]


@pytest.fixture(scope="module")
def known() -> KeySkeletons:
    return KeySkeletons(KNOWN)


@pytest.mark.parametrize(
    ("lang", "name", "keys"),
    [
        ("ru", "Антона Вельмарска", {"anton-velmarsk", "velmarsk"}),  # inflected; the name and the surname
        ("ru", "Вельмарском", {"velmarsk"}),
        ("ko", "안톤 벨마르스크", {"anton-velmarsk", "velmarsk"}),
        ("ja", "アントン・ヴェルマルスク", {"anton-velmarsk", "velmarsk"}),
        ("ar", "أنطون فيلمارسك", {"anton-velmarsk", "velmarsk"}),
        ("de", "Anton Welmarsk", {"anton-velmarsk", "velmarsk"}),
        ("ru", "Морвании", {"morvania", "morvanian"}),  # a country and its people: one name
        ("ko", "모르바니아", {"morvania", "morvanian"}),
        ("ar", "مورفانيا", {"morvania", "morvanian"}),
    ],
)
def test_names_in_any_script_match_the_known_keys(known: KeySkeletons, lang: str, name: str, keys: set) -> None:
    assert script_keys([name], lang, known) == keys


def test_unknown_names_add_nothing_and_short_names_never_match(known: KeySkeletons) -> None:
    assert script_keys(["Владимир Зорин", "Лунград"], "ru", known) == set()
    # "Kreller" reads KR: too few consonant classes to be told from other names, in any script
    assert script_keys(["Креллер"], "ru", KeySkeletons(["kreller"])) == set()
    assert script_keys(["Томас Креллер"], "ru", KeySkeletons(["tomas-kreller"])) == {"tomas-kreller"}


def test_a_skeleton_two_different_known_keys_share_names_neither(known: KeySkeletons) -> None:
    # "belgrin" and "pelgran" both read BRKRN: a name with that skeleton could be either
    assert script_keys(["Бельгрин"], "ru", known) == set()
    assert script_keys(["Бельгрин"], "ru", KeySkeletons(["belgrin"])) == {"belgrin"}


def test_runs_of_a_long_name_are_compared_one_by_one(known: KeySkeletons) -> None:
    assert runs("a b c d") == [["a", "b", "c"], ["b", "c", "d"], ["a", "b"], ["b", "c"], ["c", "d"], ["a"], ["b"], ["c"], ["d"]]  # fmt: skip
    # a name the extractor ran together with the country before it
    assert script_keys(["Морвании Антон Вельмарск"], "ru", known) == {
        "morvania",
        "morvanian",
        "anton-velmarsk",
        "velmarsk",
    }


def _doc(doc_id: str, language: str, text: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", raw_text=text, text=text, offsets=[], language=language)


def test_foreign_documents_get_known_keys_and_english_ones_stay_as_they_were() -> None:
    index = StoryIndex(df=dict.fromkeys(KNOWN, 2), weights={"morvania": 0.5, "morvanian": 0.3}, n_docs=4)
    ru_text = "Президент Антон Вельмарск прибыл в Морванию. Его встретил Владимир Зорин."
    names = [Mention("Антон Вельмарск", 10, 25, "PERSON"), Mention("Владимир Зорин", 58, 72, "PERSON")]
    keys = doc_actor_keys(_doc("ru1", "ru", ru_text), Extraction("ru1", mentions=names), index)
    assert keys == {"anton-velmarsk": 1.0, "velmarsk": 1.0}  # "Владимир Зорин" is no key: nobody made it known
    # without mentions (a language with no extractor), its capitalised word runs are compared
    bare = doc_actor_keys(_doc("ru2", "ru", ru_text), Extraction("ru2"), index)
    assert set(bare) == {"anton-velmarsk", "velmarsk", "morvania", "morvanian"} and bare["morvania"] == 0.5

    english = StoryIndex(df=dict.fromkeys(KNOWN, 2), n_docs=4)
    en = Extraction("en1", mentions=[Mention("Anton Velmarsk", 0, 14, "PERSON"), Mention("Lunograd", 23, 31, "GPE")])
    assert doc_actor_keys(_doc("en1", "en", "Anton Velmarsk visited Lunograd."), en, english) == {
        "anton-velmarsk": 1.0, "velmarsk": 1.0, "lunograd": 0.5,
    }  # fmt: skip
    assert english._skeletons is None  # English documents never build the skeleton index


def test_keys_made_known_later_are_matched_by_later_articles() -> None:
    index = StoryIndex(n_docs=0)
    ko = [Mention("벨마르스크", 0, 5, "PERSON")]
    first = signals_for(_doc("ko1", "ko", "벨마르스크"), Extraction("ko1", mentions=ko), index)
    assert first.actors == {}
    index.add(first)
    en = [Mention("Velmarsk", 0, 8, "PERSON"), Mention("Anton Velmarsk", 9, 23, "PERSON")]
    index.add(signals_for(_doc("en1", "en", "Velmarsk Anton Velmarsk"), Extraction("en1", mentions=en), index))
    later = signals_for(_doc("ko2", "ko", "벨마르스크"), Extraction("ko2", mentions=ko), index)
    assert later.actors == {"velmarsk": 1.0}
    assert set(index.df) == {"velmarsk", "anton-velmarsk"}  # the Korean spelling never became a key


def test_multilingual_sample_storylines_keep_their_matters_apart() -> None:
    gold = load_gold(EXAMPLES / "multilingual" / "gold.json")
    out = run_system(EXAMPLES / "multilingual" / "corpus")
    scores = {s.layer: s.metrics for s in evaluate(gold, out, ["stories", "storylines"])}
    assert scores["storylines"]["false_merges"] == 0 and scores["stories"]["false_merges"] == 0
    assert scores["storylines"]["bcubed_precision"] >= 0.95
    # the treaty's articles in Russian, Korean, Japanese and Arabic share its storyline with the English ones
    treaty = next(s for s in gold["stories"] if any("ko_saebyeok_1" in d for d in s["docs"]))
    lines = {
        out.doc_file[d]: line["id"]
        for line in out.dossier["storylines"]
        for d in line["documents"]
        if d in out.doc_file
    }
    assert len({lines[f] for f in treaty["docs"]}) == 1, json.dumps({f: lines[f] for f in treaty["docs"]})
