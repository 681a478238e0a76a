"""Time expressions: the seed floor through `storyline eval`, and the normalization rules one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval import evaluate, load_gold, run_system
from storyline.eval.layers.timex import Timex, gold_spans, score_spans
from storyline.extract.nlp import load_nlp
from storyline.extract.timex import find_time_expressions, time_expressions
from storyline.extract.timex.foreign import find_foreign
from storyline.model import Document, Extraction

WEDNESDAY = "2024-10-16"  # a Wednesday in ISO week 42


def values(text: str, published: str | None = WEDNESDAY) -> dict[str, str | None]:
    found = find_time_expressions(text, published, load_nlp()(text))
    return {text[f.start : f.end]: f.value for f in found}


def types(text: str, published: str | None = WEDNESDAY) -> dict[str, str]:
    found = find_time_expressions(text, published, load_nlp()(text))
    return {text[f.start : f.end]: f.type for f in found}


def test_seed_values_right_floor(seeds_dir: Path) -> None:
    gold = load_gold(seeds_dir.parent / "gold" / "seeds.gold.json")
    out = run_system(seeds_dir, seeds_dir / "manifest.json")
    (score,) = evaluate(gold, out, ["time_expressions"])
    assert score.n_gold == 21
    assert score.metrics["values_right"] >= 0.90, score.errors
    assert score.metrics["relaxed_recall"] >= 0.90


def test_deictic_days_and_weeks() -> None:
    got = values(
        "Officials met yesterday and will meet again tomorrow. Talks resume next week after last week's pause."
    )
    assert got["yesterday"] == "2024-10-15"
    assert got["tomorrow"] == "2024-10-17"
    assert got["next week"] == "2024-W43"
    assert got["last week"] == "2024-W41"
    assert values("This week the council voted.")["This week"] == "2024-W42"


def test_weekday_follows_the_tense() -> None:
    assert values("On Friday Prime Minister Kishida met the press.")["Friday"] == "2024-10-11"
    assert values("The minister visited Seoul on Monday.")["Monday"] == "2024-10-14"
    assert values("The minister will visit Seoul on Monday.")["Monday"] == "2024-10-21"
    assert values("The minister is expected to arrive on Friday.")["Friday"] == "2024-10-18"
    assert values("Voters went to the polls on Wednesday.")["Wednesday"] == "2024-10-16"


def test_month_follows_the_tense_and_rolls_over_the_year() -> None:
    assert values("The treaty was signed in June.")["June"] == "2024-06"
    assert values("The treaty is expected to be ratified in November.")["November"] == "2024-11"
    assert values("The commission will meet for the first time in January.")["January"] == "2025-01"
    assert values("The treaty signed last June took effect.")["last June"] == "2024-06"
    assert values("The deal was struck on Oct. 7.")["Oct. 7"] == "2024-10-07"


def test_relative_days_count_from_the_narrative_not_publication() -> None:
    text = ("According to the agency on Monday, the spokesman said the treaty mattered. "
            "The president submitted it to parliament the previous day.")  # fmt: skip
    got = values(text)
    assert got["Monday"] == "2024-10-14"
    assert got["the previous day"] == "2024-10-13"
    assert (
        values("The treaty was signed last June. Four months later, parliament ratified it.")["Four months later"]
        == "2024-10"
    )


def test_today_inside_a_quotation_is_the_day_it_was_said() -> None:
    caption = '[Jane Roe, Prime Minister / June 19: "The accord signed today protects both sides."]'
    assert values(caption)["today"] == "2024-06-19"
    assert values('"We will decide today," the minister told reporters.')["today"] == WEDNESDAY
    assert values("The minister said today that the talks would resume.")["today"] == WEDNESDAY


def test_later_counts_from_the_last_event_told() -> None:
    text = (
        '[Jane Roe, Prime Minister / June 19: "The accord signed today protects both sides."] '
        "With the bill sent to parliament, ratification began about four months later."
    )
    assert values(text)["about four months later"] == "2024-10"


def test_repetition_is_not_a_date() -> None:
    got = values("Protesters returned day after day. A day earlier, police had closed the square.")
    assert "day after" not in got
    assert got["A day earlier"] == "2024-10-15"


def test_the_clause_decides_the_direction_of_a_weekday_or_date() -> None:
    friday = "1989-10-27"
    assert (
        values("Directors declared a dividend, payable Dec. 7 to holders of record.", friday)["Dec. 7"] == "1989-12-07"
    )
    assert values("Directors authorized a split, payable Dec. 7.", friday)["Dec. 7"] == "1989-12-07"
    assert values("The news may have hurt the stock on Wednesday.", friday)["Wednesday"] == "1989-10-25"
    assert values("Trading in the shares is to resume Tuesday.", friday)["Tuesday"] == "1989-10-31"
    got = values("Under the terms, announced Tuesday, holders would receive $42 a share.", friday)
    assert got["Tuesday"] == "1989-10-24"
    # "effective" looks neither way: the date nearest publication.
    assert values("The company created a new office, effective Feb. 1.", friday)["Feb. 1"] == "1990-02-01"
    assert (
        values("Her properties, worth millions in October, are worth half that now.", "1998-01-08")["October"]
        == "1997-10"
    )


def test_narrative_units_and_counted_spans() -> None:
    got = values("The index fell 1.2% on Friday. For the week, it dropped 3.8%.", "1989-10-30")
    assert got["Friday"] == "1989-10-27"
    assert got["the week"] == "1989-W43"
    got = values("The board met on Monday. A few days later, the chairman resigned.")
    assert got["A few days later"] == "PXD"
    got = values("The banks must wait at least 30 days before closing the purchase.")
    assert got["at least 30 days"] == "P30D"
    got = values(
        "Profit rose in the third quarter, and the company expects a loss in the fourth quarter. "
        "In the year-ago quarter it earned $1 million."
    )
    assert got["the year-ago quarter"] == "2023-Q3"
    got = values(
        "Prices will rise soon, and the firm wants a deal as soon as possible. Talks ended as soon as they began."
    )
    assert got["soon"] == "FUTURE_REF"
    assert got["as soon as possible"] == "FUTURE_REF"
    assert "as soon" not in got and len(got) == 2
    assert values('Secretary Baker, speaking on ABC\'s "This Week," said the request was valid.') == {}
    # Only the quoted name is a title: a headline in title case still tells the week.
    assert values("Markets Tumble This Week as Rates Rise")["This Week"] == "2024-W42"


def test_ordinal_days_of_this_and_last_month() -> None:
    got = values("The council will vote on the 21st. The lower house approved it on the 24th of last month.")
    assert got["the 21st"] == "2024-10-21"
    assert got["the 24th of last month"] == "2024-09-24"
    assert values("The agency reported on the 5th that talks had failed.", "2024-11-05")["the 5th"] == "2024-11-05"


def test_years_seasons_quarters_decades() -> None:
    got = values("Sales fell in the third quarter, unlike 1998 or the 1990s, and will recover by next summer.")
    assert got["the third quarter"] == "2024-Q3"
    assert got["1998"] == "1998"
    assert got["the 1990s"] == "199"
    assert got["next summer"] == "2025-SU"
    assert values("Prices rose last year and this year.")["last year"] == "2023"


def test_durations_sets_and_references() -> None:
    got = values("The strike lasted three days after a 2 1/2 years dispute and a two-hour meeting.")
    assert got["three days"] == "P3D"
    assert got["2 1/2 years"] == "P2Y6M"
    assert got["two-hour"] == "PT2H"
    got = values("The market opens every Monday, and prices are now higher than they were recently.")
    assert got["every Monday"] == "XXXX-WXX-1"
    assert got["now"] == "PRESENT_REF"
    assert got["recently"] == "PAST_REF"
    assert types("The market opens every Monday.")["every Monday"] == "SET"


def test_times_of_day() -> None:
    got = values("The blast happened at 9:08 a.m. and the curfew starts at 10 p.m. Wednesday.")
    assert got["9:08 a.m."] == "2024-10-16T09:08"
    assert got["10 p.m. Wednesday"] == "2024-10-16T22:00"
    assert values("Leaders met this morning.")["this morning"] == "2024-10-16TMO"
    assert values("Mid afternoon yesterday the market turned.")["Mid afternoon yesterday"] == "2024-10-15TAF"


def test_the_publication_clock_time_counts_hours_and_places_bare_times() -> None:
    morning = "2024-10-16T09:08+09:00"
    got = values("The blast happened two hours ago. Rescuers arrived 30 minutes ago.", morning)
    assert got["two hours ago"] == "2024-10-16T07"
    assert got["30 minutes ago"] == "2024-10-16T08:38"
    assert values("The first tremor struck three hours ago.", "2024-10-16T01:30")["three hours ago"] == "2024-10-15T22"
    # Nothing dated before it: a time later than the clock, told as done, was the evening before.
    assert values("The blast happened at 10 p.m., police said.", morning)["10 p.m."] == "2024-10-15T22:00"
    assert values("The minister will speak at 8 a.m.", morning)["8 a.m."] == "2024-10-17T08:00"
    assert values("The minister spoke at 8 a.m.", morning)["8 a.m."] == "2024-10-16T08:00"
    # A time told on a day carries its clock: "an hour later" counts from it.
    got = values("On Monday at 9:30 p.m. the first shot was fired. An hour later, troops moved in.", morning)
    assert got["An hour later"] == "2024-10-14T22"
    assert values("Protesters gathered tonight.", "2024-10-16T01:30")["tonight"] == "2024-10-15TNI"
    assert values("Protesters gathered tonight.", morning)["tonight"] == "2024-10-16TNI"
    assert values("Markets fell overnight.")["overnight"] == "2024-10-15TNI"


def test_a_part_of_day_still_dates_events_and_statements_by_its_day() -> None:
    from storyline.extract import mentions
    from storyline.extract.events import events
    from storyline.extract.quotes import quotes

    text = 'Police arrested two men on Thursday morning. "We acted fast," the police chief said on Thursday morning.'
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=[(0, 0, len(text))], published="2025-10-25")
    ex = Extraction(doc_id="t")
    sdoc = load_nlp()(text)
    for step in (mentions.sentences, mentions.mentions, time_expressions, quotes, events):
        step(doc, sdoc, ex)
    assert [t.value for t in ex.time_expressions] == ["2025-10-23TMO", "2025-10-23TMO"]
    assert [(e.type, e.date, e.date_precision) for e in ex.events] == [
        ("arrest", "2025-10-23", "day"),
        ("statement", "2025-10-23", "day"),
    ]
    assert [q.said_on for q in ex.quotes] == ["2025-10-23"]


@pytest.mark.parametrize(
    "text",
    [
        "Call 02-398-8585 or 02-781-1234 for tips.",
        "The rain may stop, officials said.",
        "We will march to the square, they said.",
        "The Sunday Times reported the story.",
        "The Good Friday Agreement holds.",
        "The bill costs $2,000 under Section 2024 of the code.",
        "The convention voted 89-52 for a republic.",
        "Some 1500 troops crossed the border.",
    ],
)
def test_no_false_hits(text: str) -> None:
    assert values(text) == {}


def test_undeterminable_values_are_none_without_a_date() -> None:
    got = values("The talks ended yesterday after the treaty of June 19, 2024.", published=None)
    assert got["yesterday"] is None
    assert got["June 19, 2024"] == "2024-06-19"


def test_foreign_dates() -> None:
    text = "Das Parlament hat am Freitag zugestimmt. Der Senat soll am 12. November abstimmen."
    got = {text[f.start : f.end]: f.value for f in find_foreign(text, "de", "2025-10-25")}
    assert got == {"Freitag": "2025-10-24", "12. November": "2025-11-12"}
    ko = "연방평의회는 6일 비준을 논의한다. 하원은 지난달 24일 비준했다."
    got = {ko[f.start : f.end]: f.value for f in find_foreign(ko, "ko", "2024-11-05")}
    assert got == {"6일": "2024-11-06", "지난달 24일": "2024-10-24"}
    es = "El gobierno dijo el 12 de noviembre de 2025 que el martes votará."
    got = {es[f.start : f.end]: f.value for f in find_foreign(es, "es", "2025-11-13")}
    assert got == {"12 de noviembre de 2025": "2025-11-12", "martes": "2025-11-18"}


def test_the_step_fills_the_extraction_and_survives_odd_text() -> None:
    doc = Document(id="x", source="x", raw_text="", text="On Monday, 3 p.m., \x00 ]]]] 9999-99-99 Mon",
                   offsets=[], published="not a date", language="en")  # fmt: skip
    ex = Extraction(doc_id="x")
    time_expressions(doc, load_nlp()(doc.text), ex)
    assert [t.text for t in ex.time_expressions] == ["Monday", "3 p.m."]
    assert all(t.value is None for t in ex.time_expressions)
    empty = Extraction(doc_id="y")
    time_expressions(Document(id="y", source="y", raw_text="", text="", offsets=[]), None, empty)
    assert empty.time_expressions == []


def test_scoring_matches_overlaps_and_locates_gold_by_text() -> None:
    raw = "Talks began on Tuesday and ended in June, two days later."
    gold = gold_spans(
        {"time_expressions": [{"doc": "a", "text": "on Tuesday", "value": "2024-10-15"},
                              {"doc": "a", "text": "in June", "value": "2024-06"},
                              {"doc": "a", "text": "two days", "value": "P2D"}]},
        {"a": raw},
    )  # fmt: skip
    assert [(g.start, g.end) for g in gold["a"]] == [(12, 22), (33, 40), (42, 50)]
    pred = {"a": [Timex("a", 15, 22, "Tuesday", "2024-10-15"), Timex("a", 36, 40, "June", "2023-06"),
                  Timex("a", 0, 5, "Talks", "PRESENT_REF")]}  # fmt: skip
    metrics, errors = score_spans(gold, pred)
    assert metrics["relaxed_recall"] == round(2 / 3, 4) and metrics["relaxed_precision"] == round(2 / 3, 4)
    assert metrics["strict_f1"] == 0.0
    assert metrics["values_right"] == round(1 / 3, 4) and metrics["value_accuracy"] == 0.5
    assert metrics["value_precision"] == round(1 / 3, 4)
    assert any("missed 'two days'" in e for e in errors)
