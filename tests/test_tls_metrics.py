"""Timeline summarization scores: Date-F1 and alignment ROUGE (many-to-one, date-weighted)."""

from __future__ import annotations

import pytest

from storyline.eval.tls import align_rouge, date_f1, tokens


def test_date_f1() -> None:
    s = date_f1(["2024-01-01", "2024-01-02", "2024-01-05"], ["2024-01-02", "2024-01-05"])
    assert (s.precision, s.recall) == (pytest.approx(2 / 3), 1.0)
    assert s.f1 == pytest.approx(0.8)
    assert date_f1([], ["2024-01-01"]).f1 == 0.0


def test_tokens_drop_function_words_and_stem() -> None:
    assert tokens("The rigs exploded, and the wells were leaking.") == ["rig", "explod", "well", "leak"]


def test_identical_timelines_score_one_and_a_day_off_scores_half() -> None:
    ref = {"2024-04-20": ["The rig exploded in the gulf."], "2024-07-15": ["The leaking well was capped."]}
    same = align_rouge(ref, ref, 1)
    assert same.f1 == pytest.approx(1.0)
    shifted = {"2024-04-21": ref["2024-04-20"], "2024-07-16": ref["2024-07-15"]}
    assert align_rouge(shifted, ref, 1).f1 == pytest.approx(0.5)  # each shared word counts 1 / (1 + 1)
    assert align_rouge(shifted, ref, 2).f1 == pytest.approx(0.5)


def test_many_to_one_alignment_and_unmatched_words() -> None:
    ref = {"2024-04-20": ["The rig exploded in the gulf."]}
    system = {"2024-04-20": ["The rig exploded."], "2024-04-22": ["Officials met bankers."]}
    s = align_rouge(system, ref, 1)
    # both system days align to the one reference day; only "rig", "explod" are shared (on the right day)
    assert s.recall == pytest.approx(2 / 3)  # reference tokens: rig, explod, gulf
    assert s.precision == pytest.approx(2 / 5)  # system tokens: rig, explod, offici, met, banker
    assert align_rouge({}, ref, 1).f1 == 0.0
