"""The timeline across documents: merging, forecasts, disagreements, title and lead (plain data, no parsing)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.extract.events.ontology import family
from storyline.link.disagreements import figure_disagreements, find_disagreements, stance_disagreements
from storyline.link.events import _Index, items_of, link_events
from storyline.link.headline import story_lead, story_title
from storyline.link.salience import mark_minor, named_summary
from storyline.model import (
    Claim,
    Document,
    Entity,
    Event,
    EventAttributes,
    EventMention,
    EventPhase,
    EventRoles,
    EventSource,
    EventTelling,
    EventTopic,
    Extraction,
    Mention,
    Modality,
    Quote,
    Stance,
    StancePosition,
)

SENTENCE = "Sentence of the article that tells the event, long enough to quote in a lead sentence."


def doc(i: int, published: str, outlet: str = "Outlet", title: str | None = None) -> Document:
    text = " ".join([SENTENCE] * 6)
    return Document(id=f"d{i}", source=f"d{i}.txt", raw_text=text, text=text, offsets=[], published=published,
                    outlet=f"{outlet} {i}", title=title)  # fmt: skip


def mention(d: Document, n: int, type_: str, summary: str, date: str | None = None, modality: Modality = "asserted",
            agents: Sequence[tuple[int, int]] = (), patients: Sequence[tuple[int, int]] = (), obj: str | None = None,
            themes: Sequence[str] = (), in_quote: int | None = None, phase: EventPhase | None = None,
            noun: bool = False) -> EventMention:  # fmt: skip
    start = n * (len(SENTENCE) + 1)
    attributes = EventAttributes(
        roles=EventRoles(list(agents), list(patients)),
        topic=EventTopic(object=obj, themes=list(themes)),
        telling=EventTelling(in_quote=in_quote, phase=phase, noun=noun),
    )
    return EventMention(f"{d.id}:e{n}", type_, summary, start, start + len(SENTENCE), modality=modality, date=date,
                        attributes=attributes)  # fmt: skip


# Mention spans stand for entities: (0, 5) is "Roe", (10, 15) "Doe", (20, 25) the treaty, (30, 35) a law,
# (40, 45) the lower house, (50, 55) the upper house.
ENTITIES = {
    (0, 5): "roe",
    (10, 15): "doe",
    (20, 25): "treaty",
    (30, 35): "law",
    (40, 45): "lower",
    (50, 55): "upper",
}
ROE, DOE, TREATY, LAW, LOWER, UPPER = (0, 5), (10, 15), (20, 25), (30, 35), (40, 45), (50, 55)


def run(mentions_by_doc: dict[str, tuple[Document, list[EventMention]]], canonical: set[str] | None = None) -> tuple:
    """(events, date conflicts, missed forecasts, clusters by entry id) of the documents' mentions."""
    docs = {d.id: d for d, _ in mentions_by_doc.values()}
    exs = {d.id: Extraction(doc_id=d.id, events=ms) for d, ms in mentions_by_doc.values()}
    entity = {(d, *span): eid for d in docs for span, eid in ENTITIES.items()}
    t = link_events(list(docs), docs, exs, entity, canonical)
    return t.events, t.conflicts, t.missed, t.clusters


def test_one_event_told_at_different_precisions_is_one_entry_with_the_most_precise_date() -> None:
    a, b, c = doc(1, "2024-10-15"), doc(2, "2024-10-16"), doc(3, "2024-11-05")
    events, *_ = run({
        "a": (a, [mention(a, 0, "sign", "Roe signed the treaty with Doe", "2024-06", agents=[ROE], patients=[TREATY, DOE],
                    obj="treaty")]),
        "b": (b, [mention(b, 1, "sign", "The treaty signed on June 19", "2024-06-19", patients=[TREATY], obj="treaty")]),
        "c": (c, [mention(c, 2, "sign", "The treaty signed in June by Roe and Doe", "2024-06", agents=[ROE, DOE],
                    obj="treaty")]),
    })  # fmt: skip
    (signing,) = events
    assert (signing.date, signing.date_precision) == ("2024-06-19", "day")
    assert {s.doc for s in signing.sources} == {"d1", "d2", "d3"} and signing.docs == 3
    assert signing.sources[0].text == SENTENCE and signing.plover == "AGREE"
    assert set(signing.actors) >= {"roe", "doe", "treaty"}


def test_different_events_with_overlapping_words_stay_apart() -> None:
    a, b = doc(1, "2024-11-10"), doc(2, "2024-11-12")
    events, *_ = run({
        "a": (a, [mention(a, 0, "sign", "Roe signed the treaty", "2024-06", agents=[ROE], patients=[TREATY], obj="treaty"),
            mention(a, 1, "submit", "Roe submitted the treaty for ratification", "2024-10-14", agents=[ROE],
                    patients=[TREATY], obj="treaty"),
            mention(a, 2, "ratify", "The lower house ratified the treaty", "2024-10-24", agents=[LOWER],
                    patients=[TREATY], obj="treaty")]),
        "b": (b, [mention(b, 3, "sign", "Roe signed the ratification law", "2024-11-09", agents=[ROE], patients=[LAW],
                    obj="law"),
            mention(b, 4, "ratify", "The upper house ratified the treaty", None, agents=[UPPER], patients=[TREATY],
                    obj="treaty")]),
    })  # fmt: skip
    assert len(events) == 5
    assert [e.date for e in events] == ["2024-06", "2024-10-14", "2024-10-24", "2024-11-09", None]


def test_an_undated_telling_joins_the_one_entry_it_clearly_fits() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")
    events, *_ = run({
        "a": (a, [mention(a, 0, "submit", "Roe submitted the treaty to the lower house", "2024-10-14", agents=[ROE],
                    patients=[TREATY, LOWER], obj="treaty")]),
        "b": (b, [mention(b, 1, "submit", "Roe's submission of the ratification proposal", None, agents=[ROE],
                    obj="proposal", noun=True)]),
    })  # fmt: skip
    (submission,) = events
    assert submission.date == "2024-10-14" and len(submission.sources) == 2


def test_forecasts_are_linked_to_what_happened_not_merged() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-11-05")
    events, _conflicts, missed, _ = run({
        "a": (a, [mention(a, 0, "ratify", "The treaty is expected to be ratified by the lower house in November", "2024-11",
                    "expected", agents=[LOWER], patients=[TREATY], obj="treaty")]),
        "b": (b, [mention(b, 1, "ratify", "The lower house ratified the treaty", "2024-10-24", agents=[LOWER],
                    patients=[TREATY], obj="treaty")]),
    })  # fmt: skip
    forecast = next(e for e in events if e.modality == "expected")
    outcome = next(e for e in events if e.modality == "asserted")
    assert forecast.fulfilled_by == outcome.id and outcome.forecast_of == [forecast.id]
    assert len(missed) == 1  # expected in November, happened on October 24


def test_a_one_off_event_dated_differently_by_two_outlets_is_a_date_disagreement() -> None:
    a, b = doc(1, "2024-10-20"), doc(2, "2024-10-21")
    events, conflicts, missed, _ = run({
        "a": (a, [mention(a, 0, "ratify", "The lower house ratified the treaty", "2024-10-14", agents=[LOWER],
                    patients=[TREATY], obj="treaty")]),
        "b": (b, [mention(b, 1, "ratify", "The lower house ratified the treaty", "2024-10-16", agents=[LOWER],
                    patients=[TREATY], obj="treaty")]),
    })  # fmt: skip
    assert len(events) == 2 and len(conflicts) == 1
    docs = {d.id: d for d in (a, b)}
    (found,) = find_disagreements(["d1", "d2"], docs, {}, events, conflicts, missed)
    assert found.kind == "date" and {p.doc for p in found.positions} == {"d1", "d2"}
    assert found.topic == "When the ratification of the treaty took place"


def test_reprints_add_sources_but_no_entries() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")
    events, *_ = run({
        "a": (a, [mention(a, 0, "sign", "Roe signed the treaty", "2024-06", agents=[ROE], obj="treaty")]),
        "b": (b, [mention(b, 1, "sign", "Roe signed the treaty", "2024-06", agents=[ROE], obj="treaty"),
            mention(b, 2, "attack", "Rebels attacked the town", None)]),
    }, canonical={"d1"})  # fmt: skip
    (signing,) = events
    assert len(signing.sources) == 2 and signing.independent_docs == 1


def test_candidates_come_from_the_mentions_block_and_month() -> None:
    d = doc(1, "2024-10-15")
    ex = Extraction(doc_id="d1", events=[
        mention(d, 0, "sign", "A signed", "2024-06", agents=[ROE]),
        mention(d, 1, "attack", "B attacked", "2024-06", agents=[ROE]),
        mention(d, 2, "sign", "C signed", "2023-01", agents=[ROE]),
    ])  # fmt: skip
    items = items_of(ex, d, {("d1", *ROE): "roe"})
    from storyline.link.events import Cluster

    index = _Index()
    for it in items:
        c = Cluster()
        c.add(it)
        index.add(c)
    found = index.candidates(items[0])
    assert [c.items[0].m.summary for c in found] == ["A signed"]


def claim(d: str, n: int, qty: float, date: str | None, by: str | None, text: str = "", **kw: Any
          ) -> tuple[str, Claim]:  # fmt: skip
    text = text or f"{qty:,.0f} soldiers of the northern army moved to the border region"
    return d, Claim(f"{d}:c{n}", qty, "troops", text, 0, 10, attributed_to=by, date=date, subject="troop", **kw)


def test_figures_later_figure_conflict_and_tallies() -> None:
    docs = {"d1": doc(1, "2024-10-16"), "d2": doc(2, "2024-11-05")}
    later = figure_disagreements(
        [claim("d1", 0, 3000, "2024-10-16", "media"), claim("d2", 0, 10000, "2024-11-04", "officials",
                                                                 qualifier="at least")], docs, [])  # fmt: skip
    assert len(later) == 1 and later[0].kind == "later_figure" and len(later[0].claims) == 2
    assert later[0].topic == "How many troops"
    same_day = figure_disagreements(
        [claim("d1", 0, 3000, "2024-10-16", "media"), claim("d2", 0, 5000, "2024-10-16", "officials")], docs, []
    )
    assert same_day[0].kind == "conflict"
    agree = figure_disagreements(
        [claim("d1", 0, 3000, "2024-10-16", "media"), claim("d2", 0, 3100, "2024-10-16", "x", qualifier="about")],
        docs, [],
    )  # fmt: skip
    assert agree == []
    unrelated = figure_disagreements(
        [claim("d1", 0, 3000, None, "a", "3,000 troops guard the capital"),
         claim("d2", 0, 10000, None, "b", "10,000 troops sailed south for an exercise")], docs, [],
    )  # fmt: skip
    assert unrelated == []  # nothing in common but what is counted
    apart = figure_disagreements(
        [claim("d1", 0, 3, None, "a"), claim("d2", 0, 5, None, "b"), claim("d2", 1, 900000, None, "c")], docs, []
    )
    assert apart == []  # small counts, and figures orders of magnitude apart, are other things
    tallies = figure_disagreements(
        [claim("d1", 0, 112, None, "a", qualifier="112 to 40"), claim("d2", 0, 48, None, "b", qualifier="48 to 11")],
        docs, [],
    )  # fmt: skip
    assert tallies == []


def test_stances_affirmed_and_denied_across_sources() -> None:
    docs = {"d1": doc(1, "2024-10-16", "KBS"), "d2": doc(2, "2024-11-05")}
    found = stance_disagreements(
        [("d1", Stance(["hostile takeover"], "a hostile takeover", False, 0, 40)),
         ("d2", Stance(["hostile takeover"], "a hostile takeover", True, 0, 40, "The minister", "The bid")),
         ("d2", Stance(["decisive evidence"], "decisive evidence", True, 50, 80, "The spokesman"))],
        docs,
    )  # fmt: skip
    (d,) = found
    assert d.topic == "Whether the bid is a hostile takeover" and d.kind == "stance"
    assert [(p.by, p.stance) for p in d.positions if isinstance(p, StancePosition)] == [
        ("KBS 1", "yes"),
        ("The minister", "no"),
    ]


def test_title_from_agreeing_headlines_else_the_most_covered_event() -> None:
    titles = ["Treaty ratified by parliament", "Parliament ratifies water treaty with neighbour",
              "Neighbour's water treaty signed", "Weather turns cold"]  # fmt: skip
    docs = [doc(i, "2024-10-15", title=t) for i, t in enumerate(titles)]
    assert story_title(docs, [], "fallback") == "Parliament ratifies water treaty with neighbour"
    plain = [doc(1, "2024-10-15"), doc(2, "2024-10-16")]
    told = Event("e1", "2024-06", "month", "Roe signed the treaty with Doe", "sign", "asserted",
                 sources=[EventSource("d1", SENTENCE, 0, 10), EventSource("d2", SENTENCE, 0, 10)])  # fmt: skip
    assert story_title(plain, [told], "fallback") == "Roe signed the treaty with Doe"
    assert story_title(plain, [], "fallback") == "fallback"


def test_lead_takes_readable_sentences_of_the_most_covered_events_in_date_order() -> None:
    docs = {d.id: d for d in (doc(1, "2024-10-15"), doc(2, "2024-10-16"))}
    wide = Event("e1", "2024-10-24", "day", "Ratified", "ratify", "asserted",
                 sources=[EventSource("d1", SENTENCE, 0, 80), EventSource("d2", SENTENCE, 0, 80)])  # fmt: skip
    early = Event(
        "e2", "2024-06", "month", "Signed", "sign", "asserted", sources=[EventSource("d1", SENTENCE, 90, 170)]
    )
    caption = Event(
        "e3", None, None, "Said", "statement", "asserted", sources=[EventSource("d2", "[Caption: x]", 5, 9)]
    )
    planned = Event(
        "e4", "2025-01", "month", "Will vote", "vote", "expected", sources=[EventSource("d2", SENTENCE, 200, 280)]
    )
    lead = story_lead([caption, wide, planned, early], docs)
    assert [x.event for x in lead] == ["e2", "e1", "e3"][: len(lead)] and "e4" not in [x.event for x in lead]
    assert lead[0].date == "2024-06"


def test_lead_sentence_tells_the_event_rather_than_mentioning_it() -> None:
    docs = {d.id: d for d in (doc(1, "2024-10-15"), doc(2, "2024-10-16"))}
    passing = "The ministry stressed the importance of the treaty it signed with its neighbour last summer."
    direct = "In June the president travelled north and signed the border treaty with the neighbouring premier."
    signed = Event("e1", "2024-06", "month", "The president signed the border treaty with the premier", "sign",
                   "asserted", sources=[EventSource("d1", passing, 0, len(passing)),
                                        EventSource("d2", direct, 0, len(direct))])  # fmt: skip
    (first,) = story_lead([signed], docs)
    assert first.doc == "d2" and first.text == direct  # though d1 was published first


def test_odd_stored_mentions_give_entries_not_errors() -> None:
    a = doc(1, "2024-10-15")
    odd = [
        EventMention("d1:e0", "no_such_type", "Something happened", 0, 10, date="not a date"),
        EventMention(
            "d1:e1",
            "sign",
            "",
            5,
            3,
            date="2024-13-45",
            attributes=EventAttributes(roles=EventRoles(agents=[(900, 905)], patients=[(7, 2)])),
        ),
    ]
    events, *_ = run({"a": (a, odd)})
    assert len(events) == 2 and all(e.date is None for e in events)


# --- one event told several ways: doers that stand for each other, quoted voices, figures, phases, echoes ---


def run_with(
    mentions_by_doc: dict[str, tuple[Document, list[EventMention]]],
    people: frozenset[str] = frozenset(),
    named: dict[str, list[Mention]] | None = None,
    quotes: dict[str, list[Quote]] | None = None,
) -> list[Event]:
    """``run`` with entity kinds (``people`` are persons, the rest institutions), named mentions and quotations."""
    docs = {d.id: d for d, _ in mentions_by_doc.values()}
    exs = {
        d.id: Extraction(
            doc_id=d.id, events=ms, mentions=(named or {}).get(d.id, []), quotes=(quotes or {}).get(d.id, [])
        )
        for d, ms in mentions_by_doc.values()
    }
    entity = {(d, *span): eid for d in docs for span, eid in ENTITIES.items()}
    entities = {e: Entity(e, e.title(), "PERSON" if e in people else "ORG") for e in ENTITIES.values()}
    speakers = {q.id: q.speaker for qs in (quotes or {}).values() for q in qs if q.speaker}
    events = link_events(list(docs), docs, exs, entity, None, entities, speakers).events
    return events


def _at(n: int) -> int:
    """Where the ``n``-th sentence of a test document starts (``mention`` places mention ``n`` there)."""
    return n * (len(SENTENCE) + 1)


def test_a_spokesperson_and_the_institution_they_speak_for_are_one_doer() -> None:
    a, b = doc(1, "2024-10-16"), doc(2, "2024-10-16")
    told = {
        "a": (a, [mention(a, 0, "accuse", "Roe criticized the provocation", "2024-10-15", agents=[ROE])]),
        "b": (b, [mention(b, 1, "accuse", "Spokesperson Doe condemned the incursion", "2024-10-15", agents=[DOE])]),
    }
    # "Roe spokesperson Doe": the organisation named right before the person in a title
    title = {"d2": [Mention("Roe", *ROE, "ORG"), Mention("Doe", *DOE, "PERSON")]}
    (criticism,) = run_with(told, people=frozenset({"doe"}), named=title)
    assert {s.doc for s in criticism.sources} == {"d1", "d2"}
    assert len(run_with(told, people=frozenset({"doe"}))) == 2  # without the title nothing ties them


def test_tellings_inside_one_speakers_quotations_of_one_day_are_one_statement() -> None:
    a, b = doc(1, "2024-10-16"), doc(2, "2024-10-17")

    def told(day_b: str) -> dict:
        q1 = Quote("d1:q0", "The terms are clear", 0, 40, "direct", said_on="2024-10-15", speaker="doe")
        q2 = Quote("d2:q0", "Nobody doubts the text", _at(1), _at(1) + 40, "direct", said_on=day_b,
                   speaker="doe")  # fmt: skip
        return {
            "mentions": {
                "a": (a, [mention(a, 0, "statement", "The terms are clear", "2024-10-15", in_quote=0)]),
                "b": (b, [mention(b, 1, "statement", "Nobody doubts the text", "2024-10-15", in_quote=_at(1))]),
            },
            "quotes": {"d1": [q1], "d2": [q2]},
        }

    same = told("2024-10-15")
    assert len(run_with(same["mentions"], people=frozenset({"doe"}), quotes=same["quotes"])) == 1
    other = told("2024-10-14")  # the second quotation was said another day: another saying
    assert len(run_with(other["mentions"], people=frozenset({"doe"}), quotes=other["quotes"])) == 2


def test_different_figures_and_phases_keep_events_apart() -> None:
    a, b = doc(1, "2024-11-05"), doc(2, "2024-11-05")
    events, *_ = run({
        "a": (a, [mention(a, 0, "deploy", "Roe sent 3,000 troops to the front", "2024-11-04", agents=[ROE]),
                  mention(a, 2, "protest", "Dockers began a strike", "2024-11", agents=[DOE], phase="begin")]),
        "b": (b, [mention(b, 1, "deploy", "Roe has moved 10,000 troops to the front", "2024-11-04", agents=[ROE]),
                  mention(b, 3, "protest", "Dockers ended their strike", "2024-11", agents=[DOE], phase="end")]),
    })  # fmt: skip
    assert len(events) == 4
    events, *_ = run({
        "a": (a, [mention(a, 0, "deploy", "Roe sent 3,000 troops to the front", "2024-11-04", agents=[ROE])]),
        "b": (b, [mention(b, 1, "deploy", "Roe has moved 3,000 troops to the front", "2024-11-04", agents=[ROE])]),
    })  # fmt: skip
    assert len(events) == 1


def test_an_undated_telling_joins_the_only_entry_it_shares_a_doer_with_but_not_one_of_two() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")
    undated = mention(b, 2, "destroy", "Roe destroyed it", None, agents=[ROE])
    events, *_ = run({
        "a": (a, [mention(a, 0, "destroy", "Roe blew up the bridge", "2024-10-14", agents=[ROE])]),
        "b": (b, [undated]),
    })  # fmt: skip
    assert len(events) == 1 and len(events[0].sources) == 2
    events, *_ = run({
        "a": (a, [mention(a, 0, "destroy", "Roe blew up the bridge", "2024-10-14", agents=[ROE]),
                  mention(a, 1, "destroy", "Roe blew up the dam", "2024-09-02", agents=[ROE])]),
        "b": (b, [undated]),
    })  # fmt: skip
    assert len(events) == 3  # two candidates and nothing to choose between them


def test_two_mentions_of_one_sentence_are_one_event_and_a_debate_of_a_bill_joins_its_vote() -> None:
    a = doc(1, "2024-10-25")
    voted = mention(a, 0, "vote", "The lower house voted to ratify the treaty", "2024-10-24", agents=[LOWER])
    approving = EventMention("d1:e9", "approve", "Approving the bill", voted.start, voted.end, date="2024-10-24",
                             attributes=EventAttributes(topic=EventTopic(object="bill")))  # fmt: skip
    events, *_ = run({"a": (a, [voted, approving])})
    assert len(events) == 1 and len(events[0].mentions) == 2
    assert (
        family("discuss", "bill") == family("vote") == "ratify"
        and family("discuss", "weather") == family("discuss") != "ratify"
    )


def test_a_quotation_that_repeats_a_statement_joins_its_entry() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")
    said = "the terms of the accord are clear and binding for both governments"
    q1 = Quote("d1:q0", said, 10, 90, "direct", said_on="2024-10-15", speaker="doe")
    q2 = Quote("d2:q0", "The terms of the accord are so clear and binding", 200, 250, "direct", speaker="doe")
    q3 = Quote("d2:q1", "The terms of the accord are so clear and binding", 300, 350, "direct", speaker="roe")
    events = run_with(
        {"a": (a, [mention(a, 0, "statement", f"Doe said {said}", "2024-10-15", agents=[DOE])]), "b": (b, [])},
        people=frozenset({"doe"}),
        quotes={"d1": [q1], "d2": [q2, q3]},
    )
    (statement,) = events
    assert statement.echoes == ["d2:q0"] and statement.docs == 2
    assert [s.doc for s in statement.sources] == ["d1", "d2"]  # the other speaker's words stay out


def test_summaries_name_the_doer_in_full_and_thin_entries_are_minor() -> None:
    assert named_summary("Ruiz said the port reopens", ["Ruiz"], ["Ana Ruiz"]) == "Ana Ruiz said the port reopens"
    assert named_summary("Ruiz said the port reopens", ["Ruiz"], ["Ruiz Holdings"]) == "Ruiz said the port reopens"
    assembly = named_summary("The Assembly is due to vote", ["Assembly"], ["Tarn's Assembly"])
    assert assembly == "Tarn's Assembly is due to vote"  # not "The Tarn's Assembly"
    assert named_summary("Then the Senate voted", ["Senate"], ["Tarnian Senate"]) == "Then the Tarnian Senate voted"
    thin = Event("e1", None, None, "Talks were held", "meet", "asserted", docs=1)
    dated = Event("e2", "2025-06", "month", "Talks began", "meet", "asserted", docs=1)
    told = Event("e3", None, None, "Ruiz resigned", "resign", "asserted", docs=2)
    mark_minor([thin, dated, told])
    assert [e.minor for e in (thin, dated, told)] == [True, False, False]


def test_an_undated_telling_without_doers_joins_the_one_entry_of_its_kind_about_the_same_thing() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")

    def entries(theme: str) -> list[Event]:
        events, *_ = run({
            "a": (a, [mention(a, 0, "attack", "Roe's drones invaded the territory", None, agents=[ROE],
                              themes=["drone", "territory"], obj="territory")]),
            "b": (b, [mention(b, 1, "attack", f"The {theme} incident hit the capital", None, themes=[theme],
                              obj="capital")]),
        })  # fmt: skip
        return events

    assert len(entries("drone")) == 1
    assert len(entries("missile")) == 2


def test_a_bare_telling_joins_its_own_articles_entry_of_that_kind_when_there_is_one() -> None:
    a, b = doc(1, "2024-10-15"), doc(2, "2024-10-16")
    signed = mention(a, 0, "sign", "Roe signed the treaty", "2024-06-19", agents=[ROE], obj="treaty")
    bare = mention(a, 1, "sign", "It was signed", None, obj="it")
    events, *_ = run({"a": (a, [signed, bare])})
    assert len(events) == 1 and len(events[0].sources) == 2
    other = mention(b, 2, "sign", "It was signed", None, obj="it")  # another article: nothing ties it
    events, *_ = run({"a": (a, [signed]), "b": (b, [other])})
    assert len(events) == 2
    also = mention(a, 2, "sign", "Doe signed the accord", "2024-03-02", agents=[DOE], obj="accord")
    events, *_ = run({"a": (a, [signed, also, bare])})
    assert len(events) == 3  # two signings in the article: which one "it" is, is not known


def test_equally_named_doers_come_in_one_order_whatever_the_process() -> None:
    """Ties among an entry's agents and patients are not left to string hashing, which differs per process
    (PYTHONHASHSEED): a rebuild, or a build finished by the next one after a crash, gives the same entry."""
    code = (
        "from test_events_link import DOE, LAW, LOWER, ROE, TREATY, UPPER, doc, mention, run\n"
        "a = doc(1, '2024-10-15')\n"
        "m = mention(a, 0, 'sign', 'Roe signed', '2024-06', agents=[ROE, UPPER], patients=[TREATY, DOE, LAW, LOWER])\n"
        "(ev,), *_ = run({'a': (a, [m])})\n"
        "print(ev.actors, ev.agents, ev.patients)\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=Path(__file__).parent, env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in range(4)
    }  # fmt: skip
    assert len(seen) == 1, seen
