"""Quotes: each quote form, speaker resolution, statement dates, and the link to entities.

The texts are invented; time expressions are given by hand, as the time-expression step would.
"""

from __future__ import annotations

import pytest

from storyline.extract import mentions
from storyline.extract.nlp import load_nlp
from storyline.extract.quotes import is_dateline as dateline
from storyline.extract.quotes import quotes as quotes_step
from storyline.extract.quotes.marks import find_quoted
from storyline.link.speakers import link_quote_speakers
from storyline.model import Document, Extraction, LinkResult, Mention, Quote, TimeExpression

from conftest import EXAMPLES


def extract(text: str, timexes: tuple[tuple[str, str], ...] = (), published: str | None = None) -> list[Quote]:
    sdoc = load_nlp()(text)
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=[(0, 0, len(text))], published=published)
    ex = Extraction("t")
    mentions.mentions(doc, sdoc, ex)
    for words, value in timexes:
        start = text.index(words)
        ex.time_expressions.append(TimeExpression(words, start, start + len(words), value))
    quotes_step(doc, sdoc, ex)
    return ex.quotes


def one(text: str, timexes: tuple[tuple[str, str], ...] = ()) -> Quote:
    found = extract(text, timexes)
    assert len(found) == 1, [(q.text, q.speaker_name) for q in found]
    return found[0]


# ---- direct quotes in their usual forms ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "quoted"),
    [
        ('"The talks were useful and we will continue them," Maria Lopez said.', "Maria Lopez",
         "The talks were useful and we will continue them"),
        ("“We will not raise taxes this year,” said Finance Minister Tomas Berg.", "Tomas Berg",
         "We will not raise taxes this year"),
        ('Mayor Anna Kovac said: "The bridge will reopen next month."', "Anna Kovac",
         "The bridge will reopen next month."),
        ("‘We will appeal the ruling in the coming weeks,’ David Reyes said.", "David Reyes",
         "We will appeal the ruling in the coming weeks"),
        ("“We need better schools for our children.” ― Carla Diaz", "Carla Diaz",
         "We need better schools for our children."),
    ],
)  # fmt: skip
def test_direct_quote_forms(text: str, speaker: str, quoted: str) -> None:
    q = one(text)
    assert (q.kind, q.speaker_name, q.text) == ("direct", speaker, quoted)
    assert text[q.start : q.end] == quoted


def test_partial_quote_of_a_clause_is_direct_and_keeps_only_the_quoted_words() -> None:
    q = one('The Harbor Authority explained that the plan "protects the river and creates jobs in the region."')
    assert (q.kind, q.speaker_name, q.cue) == ("direct", "Harbor Authority", "explained")
    assert q.text == "protects the river and creates jobs in the region."


def test_a_few_quoted_words_inside_a_reported_clause_make_an_indirect_quote() -> None:
    q = one('Ms. Lopez said there remains a "significant gap between the two offers" in the talks.')
    assert q.kind == "indirect" and q.speaker_name == "Lopez"
    assert q.text.startswith("there remains a")


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    text = (
        "Judge Helen Park spoke after the hearing.\n\n"
        '"The court has heard every argument. It will rule soon.\n\n'
        '"Nobody should expect a quick decision," Park said.\n'
    )
    q = one(text)
    assert q.speaker_name == "Helen Park"  # the full name the document gives
    assert q.text.startswith("The court has heard") and q.text.endswith("a quick decision")


def test_quote_split_by_its_attribution_is_one_quote() -> None:
    q = one('"We are ready for this," Park said. "The hearing starts on time tomorrow."')
    assert q.text == "We are ready for this … The hearing starts on time tomorrow."


def test_naming_a_thing_in_quotes_is_an_indirect_attribution_not_a_direct_quote() -> None:
    q = one("Critics called the plan 'a giveaway to the largest landowners' on Monday.")
    assert (q.kind, q.speaker_name, q.cue) == ("indirect", "Critics", "called")
    assert q.text == "the plan 'a giveaway to the largest landowners'"


def test_two_quotes_of_one_verb_stay_two() -> None:
    found = extract('He later claimed, "The rivals are buying more votes every day," and "They will fail in the end."')
    assert [q.text for q in found] == ["The rivals are buying more votes every day", "They will fail in the end."]


@pytest.mark.parametrize(
    "text",
    [
        'The ministers held a "strategic dialogue" on the "Northern Waters Treaty" last week.',
        "The minister's 'reform agenda' met 'strong resistance' in parliament.",
        'Russia even mentions aid..."Troops sent to the border"',  # a headline: nobody to credit
    ],
)
def test_scare_quotes_titles_and_unattributed_quotes_are_not_quotes(text: str) -> None:
    assert extract(text) == []


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The country's '90s reforms and the parties' positions don't matter, 'Tom' said nothing."
    assert [text[a:b] for q in find_quoted(text) for a, b in q.pieces] == ["Tom"]


def test_typewriter_and_nested_quotation_marks() -> None:
    text = "He said ''we will win,'' and then: \"The question was: “Do you agree?” Yes, we do.\""
    inner = [text[q.pieces[0][0] : q.pieces[-1][1]] for q in find_quoted(text)]
    assert inner == ["we will win,", "The question was: “Do you agree?” Yes, we do."]


# ---- captions and transcripts ---------------------------------------------------------------


def test_broadcast_captions_name_and_date_the_speaker() -> None:
    text = (
        'Officials met on Friday.\n\n[Anna Kovac, Mayor of Riverton / March 3: "The bridge will reopen next month."]\n\n'
        '[Tomas Berg/Senior Analyst, Institute for Trade: "Exports will grow strongly this year."]\n\n'
        "[City spokesman Peter Holm: The bridge will reopen next month.]\n"
    )
    found = extract(text, (("March 3", "2025-03-03"),))
    assert [(q.speaker_name, q.kind, q.said_on) for q in found] == [
        ("Anna Kovac", "direct", "2025-03-03"),
        ("Tomas Berg", "direct", None),
        ("Peter Holm", "direct", None),
    ]
    assert found[2].text == "The bridge will reopen next month."


def test_transcript_turns() -> None:
    text = (
        "MILLER: Will you release the plan before the vote?\n\nGRANT: We will release it next week, I promise.\n\n"
        "MILLER: When exactly will that be?\n\nGRANT: On Monday, after the board meets.\n"
    )
    assert [q.speaker_name for q in extract(text)] == ["Miller", "Grant", "Miller", "Grant"]


# ---- indirect speech ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "content", "cue"),
    [
        ("Anna Kovac said that the bridge would reopen next month.", "Anna Kovac",
         "the bridge would reopen next month", "said"),
        ("The minister urged companies to cut emissions by half.", "minister",
         "companies to cut emissions by half", "urged"),
        ("According to the Trade Ministry, exports rose by ten percent last year.", "Trade Ministry",
         "exports rose by ten percent last year", "according to"),
        ("Exports will grow, the central bank's chief economist, Omar Haddad, said on the radio.", "Omar Haddad",
         "Exports will grow", "said"),
    ],
)  # fmt: skip
def test_indirect_speech(text: str, speaker: str, content: str, cue: str) -> None:
    q = one(text)
    assert (q.kind, q.speaker_name, q.text, q.cue) == ("indirect", speaker, content, cue)


@pytest.mark.parametrize(
    "text",
    [
        "The treaty states that each party will defend the other.",  # a legal text does not speak
        "It was reported that the plant would close.",  # nobody is named
        "Local media reported that the mayor had resigned.",  # a news report relays facts
        "When asked whether the plant would close, the manager smiled.",
    ],
)
def test_no_speaker_no_quote(text: str) -> None:
    assert extract(text) == []


def test_according_to_inside_a_statement_is_only_its_channel() -> None:
    q = one("He replied that, according to press reports, the wording of the treaty is clear.")
    assert q.cue == "replied"


# ---- who the speaker is -----------------------------------------------------------------------


def test_pronoun_goes_to_the_last_subject() -> None:
    text = "Finance Minister Tomas Berg visited the port on Monday. He said the budget would be balanced."
    q = one(text)
    assert q.speaker_name == "Tomas Berg"
    assert (q.speaker_start, q.speaker_end) == (17, 27)  # the named mention, for the link stage
    assert text[q.speaker_start : q.speaker_end] == "Tomas Berg"


def test_a_family_name_written_first_gets_the_full_name() -> None:
    text = 'The talks were chaired by Park Min-jun. "Nobody got everything they wanted here," Park said.'
    assert one(text).speaker_name == "Park Min-jun"


def test_title_inside_an_organisation_name_stays() -> None:
    q = one("The Ministry of Water Resources said in a statement that the deal guarantees water every year.")
    assert q.speaker_name == "Ministry of Water Resources"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    q = one("Mr. Berg spoke first. Ms. Lopez then took questions. He said the deal was close.")
    assert q.speaker_name == "Berg"


def test_pronoun_skips_names_in_a_question_put_to_the_speaker() -> None:
    text = (
        "Minister Tomas Berg spoke to reporters. "
        'When asked whether Anna Kovac had met Peter Holm on Friday, he replied, "All issues were discussed."'
    )
    assert one(text).speaker_name == "Tomas Berg"


def test_definite_title_goes_to_the_person_with_that_title() -> None:
    q = one("Foreign Ministry spokesperson Lena Ortiz spoke on Monday. The spokeswoman said the visit would go ahead.")
    assert q.speaker_name == "Lena Ortiz"


def test_statement_of_another_speaker_belongs_to_that_speaker() -> None:
    text = (
        "Senator Ruth Hale criticized the Defense Department's announcement that "
        '"all troops will return home by May," saying, "Nobody believes that timetable any more."'
    )
    found = extract(text)
    assert [(q.speaker_name, q.cue) for q in found] == [("Defense Department", "announcement"), ("Ruth Hale", "saying")]


def test_continuing_quote_paragraph_keeps_the_speaker() -> None:
    text = (
        '"The port will stay open through the winter months," harbor master Ines Vidal said.\n\n'
        '"We have enough staff for the whole season and more boats than last year."\n'
    )
    assert [q.speaker_name for q in extract(text)] == ["Ines Vidal", "Ines Vidal"]


# ---- when it was said ---------------------------------------------------------------------------


def test_said_on_from_a_date_of_the_reporting_verb() -> None:
    q = one("Tomas Berg said on Tuesday that the budget would be balanced.", (("Tuesday", "2025-03-04"),))
    assert q.said_on == "2025-03-04"


def test_a_date_inside_the_quote_does_not_date_the_statement() -> None:
    q = one('"The vote will happen on Friday," Tomas Berg said.', (("Friday", "2025-03-07"),))
    assert q.said_on is None


def test_undated_statement_has_no_date() -> None:
    assert one("Tomas Berg said the budget would be balanced.").said_on is None


def test_a_dated_report_frames_the_statements_after_it() -> None:
    text = "On Monday, the agency reported that the plant would close. Tomas Berg said the decision was final."
    q = one(text, (("Monday", "2025-03-03"),))
    assert (q.speaker_name, q.said_on) == ("Tomas Berg", "2025-03-03")


def test_the_date_of_a_statement_noun_dates_its_quote() -> None:
    text = (
        "Senator Ruth Hale criticized the Defense Department's announcement the previous day that "
        '"all troops will return home by May," saying, "Nobody believes that timetable any more."'
    )
    found = extract(text, (("the previous day", "2025-03-02"),))
    assert [q.said_on for q in found] == ["2025-03-02", None]


def test_the_same_day_takes_the_date_of_the_reporting_frame() -> None:
    text = (
        "On Monday, the ministry announced that new rules were coming. Spokesperson Lena Ortiz, during a briefing "
        'on the same day, said, "The rules take effect at once and apply to every company."'
    )
    found = extract(text, (("Monday", "2025-03-03"), ("the same day", "2025-02-27")))
    assert [(q.speaker_name, q.said_on) for q in found][-1] == ("Lena Ortiz", "2025-03-03")


def test_a_speech_act_without_words_frames_what_follows() -> None:
    text = (
        "The ministry rejected the findings on Wednesday. Spokesperson Lena Ortiz told reporters that "
        "the study had been finished the previous day. She said the figures were wrong."
    )
    found = extract(text, (("Wednesday", "2025-03-05"), ("the previous day", "2025-03-04")))
    assert [q.said_on for q in found] == ["2025-03-05", "2025-03-05"]


def test_a_statement_released_on_a_day_dates_the_saying() -> None:
    text = "In a statement released on Monday, the union said the offer was too low."
    assert one(text, (("Monday", "2025-03-03"),)).said_on == "2025-03-03"


def test_a_wire_dateline_frames_the_undated_statements() -> None:
    text = (
        "KORVIK, March 6 (Northern Wire) - The two companies agreed to merge.\n\n"
        "Chief executive Tomas Berg told staff that no jobs would be lost."
    )
    assert one(text, (("March 6", "2025-03-06"),)).said_on == "2025-03-06"


def test_deadlines_and_other_events_do_not_date_the_saying() -> None:
    text = (
        "Tomas Berg said the plant would close and expected a decision before the end of the month. "
        "The union had asked for more before the strike began on March 2. Lena Ortiz said the talks were over."
    )
    found = extract(text, (("the month", "2025-03"), ("March 2", "2025-03-02")))
    assert [(q.speaker_name, q.said_on) for q in found if q.speaker_name in ("Tomas Berg", "Lena Ortiz")] == [
        ("Tomas Berg", None),
        ("Lena Ortiz", None),
    ]


def test_a_wire_dateline_is_never_a_quote() -> None:
    """The parser reads the dateline of this sample article as speech fronted before "agreed"."""
    from storyline.extract import extract as extract_all
    from storyline.ingest import ingest

    docs = [d for d in ingest([EXAMPLES / "corpus" / "wire_2.txt"]) if isinstance(d, Document)]
    found = extract_all(docs)[0].quotes
    assert found and not [q for q in found if q.text.startswith("PORT SADRIN")]
    assert dateline(docs[0].text, *_span_of(docs[0].text, "PORT SADRIN, Ilmora, Oct 30 (Continental Wire)"))
    assert not dateline("He said: THE END, we are done - really", 9, 30)


def _span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_date_after_publication_never_dates_a_statement() -> None:
    text = "The assembly will vote on the 21st, and deputies have said they want the annex read out first."
    found = extract(text, (("the 21st", "2025-03-21"),), published="2025-03-16")
    assert found and all(q.said_on is None for q in found)


# ---- robustness and the link stage ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['"', '""', "“ ” ‘ ’ ' ' \" \"", "[: ]", "[Name: ]", 'He said: "', "ALPHA:\n\nBETA: x", "\n\n\n", "'" * 50],
)
def test_odd_text_never_fails(text: str) -> None:
    assert isinstance(extract(text), list)


def test_link_maps_quote_speakers_to_entities() -> None:
    ex = Extraction("d1", mentions=[Mention("Tomas Berg", 0, 10, "PERSON"), Mention("Anna Kovac", 40, 50, "PERSON")])
    ex.quotes = [
        Quote("d1:q0", "a", 11, 20, "indirect", "Tomas Berg", 0, 10),
        Quote("d1:q1", "b", 51, 60, "direct", "Anna Kovac"),  # no anchor: found by name
        Quote("d1:q2", "c", 61, 70, "direct", None),
    ]
    result = LinkResult(mention_entity={("d1", 0, 10): "person:tomas-berg", ("d1", 40, 50): "person:anna-kovac"})
    link_quote_speakers([ex], result)
    assert result.quote_speaker == {"d1:q0": "person:tomas-berg", "d1:q1": "person:anna-kovac"}
