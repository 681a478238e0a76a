"""Event mentions: types, participants, modality and dates from one parsed document.

Time expressions are given by hand (``TimeExpression`` objects with TIMEX3 values), so these tests pin
the dating logic — which expression dates which event — independently of the time-expression step.
"""

from __future__ import annotations

from storyline import timespan
from storyline.extract import STEPS, mentions
from storyline.extract.events import events
from storyline.extract.events.dating import reanchor
from storyline.extract.nlp import load_nlp
from storyline.extract.stances import stances
from storyline.model import Document, EventMention, Extraction, Quote, TimeExpression

PUBLISHED = "2025-03-12"  # a Wednesday


def te(text: str, phrase: str, value: str | None, nth: int = 0) -> TimeExpression:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return TimeExpression(phrase, start, start + len(phrase), value)


def extract(
    text: str, tes: list[TimeExpression] | None = None, quotes: list[Quote] | None = None, published: str = PUBLISHED
) -> list[EventMention]:
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=[(0, 0, len(text))], published=published)
    ex = Extraction(doc_id="t", time_expressions=tes or [], quotes=quotes or [])
    sdoc = load_nlp()(text)
    mentions.sentences(doc, sdoc, ex)
    mentions.mentions(doc, sdoc, ex)
    events(doc, sdoc, ex)
    return ex.events


def of_type(found: list[EventMention], type_name: str) -> EventMention:
    hits = [e for e in found if e.type == type_name]
    assert len(hits) == 1, [(e.type, e.summary) for e in found]
    return hits[0]


def test_events_run_after_time_expressions_and_quotes() -> None:
    names = [s.name for s in STEPS]
    assert names.index("events") > names.index("time_expressions")
    assert names.index("events") > names.index("quotes")
    assert names.index("stances") > names.index("quotes")


def test_a_dated_verb_event_with_its_participants() -> None:
    text = "Norway's parliament ratified the Arctic Fisheries Agreement on May 2."
    e = of_type(extract(text, [te(text, "May 2", "2024-05-02")]), "ratify")
    assert (e.date, e.date_precision, e.modality) == ("2024-05-02", "day", "asserted")
    assert "Norway" in " ".join(e.actors)
    assert e.attributes.plover == "AGREE" and e.attributes.dating.date_basis == "own"
    assert text[e.start : e.end] == text and e.summary.startswith("Norway's parliament ratified")


def test_no_time_expression_means_undated_whatever_the_publication_date() -> None:
    text = "The president signed the agreement in the capital."
    e = of_type(extract(text, published="2025-03-12"), "sign")
    assert e.date is None and e.date_precision is None


def test_a_conjoined_verb_shares_the_fronted_date_of_its_clause() -> None:
    text = "In June, the president visited the capital and signed the agreement with the prime minister."
    found = extract(text, [te(text, "June", "2024-06")])
    assert of_type(found, "visit").date == "2024-06"
    sign = of_type(found, "sign")
    assert (sign.date, sign.date_precision) == ("2024-06", "month")
    assert sign.summary.startswith("The president signed the agreement")


def test_a_date_dates_only_its_own_clause() -> None:
    text = "The union, which struck in 2019, signed a new contract on Monday."
    found = extract(text, [te(text, "2019", "2019"), te(text, "Monday", "2025-03-10")])
    assert of_type(found, "sign").date == "2025-03-10"


def test_expected_events_and_their_dates() -> None:
    text = "The upper house will discuss the bill on the 6th. The minister is scheduled to visit the region next week."
    found = extract(text, [te(text, "the 6th", "2025-03-06"), te(text, "next week", "2025-W12")])
    discuss = of_type(found, "discuss")
    assert (discuss.modality, discuss.date) == ("expected", "2025-03-06")
    visit = of_type(found, "visit")
    assert (visit.modality, visit.date, visit.date_precision) == ("expected", "2025-W12", "week")


def test_a_date_after_publication_makes_an_event_expected() -> None:
    text = "The two governments exchange the instruments of ratification on March 20."
    e = of_type(extract(text, [te(text, "March 20", "2025-03-20")]), "exchange")
    assert e.modality == "expected"


def test_a_past_tense_verb_is_never_dated_after_the_article() -> None:
    text = "The army blew up sections of the bridge as tensions rose day after day."
    e = of_type(extract(text, [te(text, "day after", "2025-03-13")]), "destroy")
    assert e.date is None and e.modality == "asserted"


def test_possible_events() -> None:
    text = "There is a possibility that the rebels attacked the town on May 7."
    e = of_type(extract(text, [te(text, "May 7", "2024-05-07")]), "attack")
    assert (e.modality, e.date) == ("possible", "2024-05-07")
    assert of_type(extract("The troops may have attacked the town."), "attack").modality == "possible"
    assert of_type(extract("The rebels reportedly attacked the town."), "attack").modality == "possible"


def test_reported_events_keep_their_source() -> None:
    e = of_type(extract("Ukrainian officials said the battalion was deployed to the front."), "deploy")
    assert e.modality == "reported" and e.attributes.telling.source == "Ukrainian officials"


def test_denied_events() -> None:
    assert of_type(extract("The government denies sending soldiers to the region."), "deploy").modality == "denied"
    assert of_type(extract("The president did not sign the bill."), "sign").modality == "denied"
    assert of_type(extract("The minister declined to discuss the proposal."), "discuss").modality == "denied"


def test_conditions_requests_and_provisions_tell_no_event() -> None:
    assert not [e for e in extract("If the parliament ratifies the treaty, it takes effect.") if e.type == "ratify"]
    found = extract("The committee recommended that the chamber ratify the treaty.")
    assert [e.type for e in found] == ["recommend"]
    assert not [e for e in extract("The treaty includes providing military aid to the other party.") if e.type == "aid"]
    assert not [e for e in extract("Shareholders have the right to vote on the merger.") if e.type == "vote"]


def test_nouns_are_events_only_where_the_sentence_tells_one() -> None:
    text = "The talks began on Monday, and the ratification process is slow."
    found = extract(text, [te(text, "Monday", "2025-03-10")])
    talks = of_type(found, "meet")
    assert (talks.date, talks.attributes.telling.phase, talks.attributes.telling.noun) == ("2025-03-10", "begin", True)
    assert not [e for e in found if e.type == "ratify"]  # a modifier of "process", not an event
    assert not extract("He had a heart attack.")


def test_a_noun_during_which_a_verb_happened_takes_the_verbs_time() -> None:
    text = "The spokesperson, during a briefing on Tuesday, criticized the announcement."
    found = extract(text, [te(text, "Tuesday", "2025-03-11")])
    assert of_type(found, "accuse").date == "2025-03-11"
    assert not [e for e in found if e.type == "statement"]  # the briefing is the criticism's occasion


def test_a_date_in_the_next_paragraph_dates_nothing_in_this_one() -> None:
    text = "Port strike ends with pay deal\n\nHARBOUR TOWN, March 10 — Talks continue."
    found = extract(text, [te(text, "March 10", "2025-03-10")])
    strike = of_type(found, "protest")
    assert strike.date is None and text[strike.start : strike.end] == "Port strike ends with pay deal"


def test_today_in_a_quotation_is_the_day_it_was_said() -> None:
    text = 'The minister said: "The accord signed today opens a new chapter."'
    q_start = text.index("The accord")
    quote = Quote("t:q0", text[q_start:-2], q_start, len(text) - 2, "direct", speaker_name="The minister",
                  said_on="2024-05-03")  # fmt: skip
    e = of_type(extract(text, [te(text, "today", PUBLISHED)], [quote]), "sign")
    assert (e.date, e.modality, e.attributes.telling.source) == ("2024-05-03", "reported", "The minister")


def test_reanchor_counts_deictic_phrases_from_the_quotes_day() -> None:
    assert reanchor("yesterday", "2025-03-11", "2024-05-03") == "2024-05-02"
    assert reanchor("next month", "2025-04", "2024-05-03") == "2024-06"
    assert reanchor("this week", "2025-W11", "2024-05-03") == "2024-W18"
    assert reanchor("on May 3", "2024-05-03", "2024-05-04") is None
    assert reanchor("today", "2025-03-12", None) is None


def test_a_saying_is_a_timeline_event_only_when_dated_and_with_a_speaker() -> None:
    text = "Prime Minister Jane Roe said on Tuesday that the deal was fair. It was said that nothing changed."
    found = extract(text, [te(text, "Tuesday", "2025-03-11")])
    said = of_type(found, "statement")
    assert said.date == "2025-03-11" and said.actors == ["Jane Roe"]
    assert not extract("Jane Roe said the deal was fair.")


def test_he_continues_the_last_subject_and_her_the_person_of_her_sentence() -> None:
    text = (
        "Deputy minister John Doe spoke to reporters. Asked whether Mary Major discussed the plan during her "
        "dialogue with Paul Poe on the 1st, he replied that he could not say."
    )
    found = extract(text, [te(text, "the 1st", "2025-03-01")])
    dialogue = of_type(found, "meet")
    assert dialogue.date == "2025-03-01" and dialogue.actors[:2] == ["Mary Major", "Paul Poe"]


def test_bad_input_yields_fewer_events_not_errors() -> None:
    for text in ["", "   ", "\n\n", "signed signed signed", "(((", "Ratify!" * 50]:
        extract(text)
    doc = Document(id="x", source="x", raw_text="x", text="x", offsets=[])
    ex = Extraction(doc_id="x")
    events(doc, None, ex)
    assert ex.events == []


def test_stances_affirmed_and_negated() -> None:
    text = (
        'The offer is in effect a hostile takeover. The chairman said: "The bid does not amount to a hostile takeover."'
    )
    q_start = text.index("The bid")
    quote = Quote("t:q0", text[q_start:-2], q_start, len(text) - 2, "direct", speaker_name="The chairman")
    doc = Document(id="t", source="t", raw_text=text, text=text, offsets=[(0, 0, len(text))])
    ex = Extraction(doc_id="t", quotes=[quote])
    stances(doc, load_nlp()(text), ex)
    found = [(s.negated, s.holder, s.subject) for s in ex.stances if "hostile takeover" in s.keys]
    assert (False, None, "The offer") in found and (True, "The chairman", "The bid") in found


def test_timespan_values() -> None:
    assert timespan.parse("2024-06-19T10:00")[2] == "day"
    assert timespan.compatible("2024-06", "2024-06-19") and not timespan.compatible("2024-06", "2024-11-05")
    assert timespan.compatible("2024-W43", "2024-10-24") and timespan.compatible("2024-SU", "2024-07")
    assert timespan.width("2024-06-19") < timespan.width("2024-06") < timespan.width("2024")
    assert timespan.parse("PRESENT_REF") is None and timespan.parse("P3D") is None and timespan.parse(None) is None
    assert timespan.gap_days("2024-11", "2024-10-24") == 8
    assert timespan.normalize("2024-10-24T09:00") == "2024-10-24" and timespan.normalize("PAST_REF") is None
    assert timespan.months_touched("2024-W01") == [(2024, 1)]
    assert timespan.precision("2024-WI") == "season" and timespan.parse("2024-WI")[1].year == 2025


def test_a_trip_to_meet_someone_is_one_event_told_by_the_trip() -> None:
    text = "The premier will travel to Lisbon on Friday to negotiate a new accord with the president."
    found = extract(text, [te(text, "on Friday", "2025-03-14")])
    trip = of_type(found, "visit")
    assert not [e for e in found if e.type == "negotiate"]
    assert trip.summary.startswith("The premier will travel to Lisbon to negotiate a new accord")
    assert (trip.date, trip.modality) == ("2025-03-14", "expected")


def test_a_relative_clause_vote_on_a_bill_has_its_chamber_and_its_object() -> None:
    text = "The Senate, which is due to vote on the bill on Friday, is divided."
    vote = of_type(extract(text, [te(text, "on Friday", "2025-03-14")]), "vote")
    assert vote.summary == "The Senate is due to vote on the bill"
    assert vote.attributes.topic.object == "bill" and "bill" in vote.attributes.topic.themes
    assert [text[a:b] for a, b in vote.attributes.roles.agents] == ["Senate"]


def test_what_an_event_is_about_is_kept_as_theme_nouns() -> None:
    text = "Rebels blew up sections of the main road on Tuesday."
    blast = of_type(extract(text, [te(text, "on Tuesday", "2025-03-11")]), "destroy")
    assert blast.attributes.topic.themes == ["road"]  # "sections" is too general to tell events apart


def test_an_event_told_before_and_referred_back_to_is_not_a_new_one() -> None:
    assert not [e for e in extract("That meeting ended without a deal.") if e.type == "meet"]
    summit = of_type(extract("The summit on Monday ended.", [te("The summit on Monday ended.", "on Monday", "2025-03-10")]),
                     "meet")  # fmt: skip
    assert summit.date == "2025-03-10"


def test_a_time_clause_under_a_request_is_an_event_that_happened() -> None:
    text = "The minister asked for calm before the strike began on Monday."
    strike = of_type(extract(text, [te(text, "on Monday", "2025-03-10")]), "protest")
    assert (strike.modality, strike.date) == ("asserted", "2025-03-10")


def test_a_saying_told_after_its_words_reads_speaker_first() -> None:
    text = "The strike will continue until the company raises its offer, the union said on Monday."
    said = of_type(extract(text, [te(text, "on Monday", "2025-03-10")]), "statement")
    assert said.summary == "The union said the strike will continue until the company raises its offer"


def test_a_quotation_after_its_saying_verb_stays_a_quotation_in_the_summary() -> None:
    text = 'The minister said on Monday, "We will not sign this accord until the annex is published."'
    said = of_type(extract(text, [te(text, "on Monday", "2025-03-10")]), "statement")
    assert said.summary == "The minister said: “We will not sign this accord until the annex is published”"
