"""Titles that read like headlines, openings that stand alone, and tokenised research text rejoined."""

from __future__ import annotations

import pytest

from storyline.ingest.untokenize import untokenize
from storyline.link.titles import headline, stands_alone


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("By Jane Roe, Health and Science Editor WASHINGTON | Tue Apr 21, 2009 10:19 pm BST WASHINGTON (Wire) - "
         "Health officials said on Tuesday that two children had been infected with a new strain of flu.",
         "Health officials said on Tuesday that two children had been infected with a new…"),
        ("PARIS | Wed Oct 26, 2011 7:09 am EDT PARIS (Wire) - Euro zone leaders struggled to agree a deal.",
         "Euro zone leaders struggled to agree a deal"),
        ("Company says test shuts off oil leak from well HOUSTON | Thu Jul 15, 2010 7:36 pm EDT HOUSTON (Wire) - "
         "The company said", "Company says test shuts off oil leak from well"),
        ("Jane Roe | 07:37 UK time, Friday, 29 May 2009 The city is taking the threat seriously.", None),
        ("* Lawmakers want extras in the funding bill * Congress bogged down WASHINGTON, June 8 (Wire)",
         "Lawmakers want extras in the funding bill"),
        ("Wednesday, May 26, 2010 ; 4:26 PM As his administration comes under criticism", None),
        ("A day earlier, the ministry said it would appeal the ruling.", None),
    ],
)  # fmt: skip
def test_headline_drops_bylines_datelines_agency_tags_and_times(opening: str, title: str | None) -> None:
    assert headline(opening) == title


def test_given_headlines_may_be_in_title_case_but_never_furniture() -> None:
    assert headline("Leader Tries to Buy A Superman Cape", given=True) == "Leader Tries to Buy A Superman Cape"
    assert headline("Leader Tries to Buy A Superman Cape") is None  # as an opening it reads like a name list
    assert headline("By Jane Roe", given=True) is None
    assert headline("10:19 pm BST", given=True) is None


def test_openings_that_lean_on_an_earlier_sentence() -> None:
    assert not stands_alone("A day earlier, the ministry said it would appeal.")
    assert not stands_alone("The previous day the vote was postponed.")
    assert not stands_alone("He said the talks would resume.")
    assert not stands_alone("“Meanwhile, the river kept rising.")
    assert stands_alone("The ministry said it would appeal.")
    assert stands_alone("Theresa May resigned on Friday.")


def test_tokenised_text_is_rejoined_and_plain_text_left_alone() -> None:
    tokenised = "``It is the world ,'' he said -LRB- Wire -RRB- . Mubarak 's men do n't go \\/ stay . ``Yes .''"
    assert untokenize(tokenised) == "“It is the world,” he said (Wire). Mubarak's men don't go / stay. “Yes.”"
    plain = "Park Min- jun , a diplomat , said the talks ( held in Geneva ) went well."
    assert untokenize(plain) == plain  # a space before a comma alone is a scraping artefact, not tokenisation
