"""Language identification: short texts, scripts of one language, mixed scripts."""

from __future__ import annotations

import pytest

from storyline.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Strike ends with 9% pay deal", "en"),
        ("Police said two people were hurt.", "en"),
        ("Streik im Hafen beendet", "de"),
        ("La grève est terminée au port.", "fr"),
        ("Termina la huelga en el puerto", "es"),  # the full model says Extremaduran
        ("Парламент ратифицировал договор в пятницу.", "ru"),
        ("국회가 금요일에 협정을 비준했다.", "ko"),
        ("議会は金曜日に協定を批准した。", "ja"),
        ("议会星期五批准了该协定。", "zh"),
    ],
)
def test_short_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_too_little_to_tell() -> None:
    assert detect_language("") is None
    assert detect_language("12:30 — 4/5") is None
    assert detect_language("Ok then") is None


def test_mixed_scripts_follow_the_body() -> None:
    english = (
        "The ministry said on Monday that the talks would resume next week in the capital, "
        "and that both delegations had agreed on an agenda.\n동영상 고정 취소\n"
        "Officials declined to say who would lead the delegation."
    )
    assert detect_language(english) == "en"
    korean = "정부는 월요일 회담이 다음 주 재개된다고 밝혔다. (Reuters) 양측은 의제에 합의했다."
    assert detect_language(korean) == "ko"


def test_sample_corpus_languages(examples_dossier: dict) -> None:
    langs = {d["source"].rsplit("/", 1)[-1]: d["language"] for d in examples_dossier["documents"]}
    assert langs["foreign_de.txt"] == "de"
    assert sum(1 for lang in langs.values() if lang == "en") == len(langs) - 1
