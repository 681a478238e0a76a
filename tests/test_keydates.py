"""Key dates: which days matter, which entries are key, and the timeline summary (N dates, K sentences)."""

from __future__ import annotations

from storyline.link.keydates import day_salience, mark_key_events, timeline_summary
from storyline.model import Document, Event, EventSource, Extraction, Sentence, TimeExpression


def article(i: int, published: str, sentences: list[tuple[str, str | None]], outlet: str = "Outlet") -> tuple:
    """A document of the given sentences, each optionally naming a day (a time expression over its first word)."""
    text, sents, timex = "", [], []
    for sentence, day in sentences:
        start = len(text)
        text += sentence + " "
        sents.append(Sentence(start, start + len(sentence)))
        if day:
            timex.append(TimeExpression(sentence.split()[0], start, start + len(sentence.split()[0]), day))
    doc = Document(id=f"d{i}", source=f"d{i}.txt", raw_text=text, text=text, offsets=[], published=published,
                   outlet=f"{outlet} {i}")  # fmt: skip
    return doc, Extraction(doc.id, sentences=sents, time_expressions=timex)


def corpus() -> tuple[list[Document], dict[str, Extraction]]:
    pairs = [
        article(1, "2024-04-21", [("Tuesday the rig exploded and burned in the gulf overnight.", "2024-04-20")]),
        article(
            2,
            "2024-04-21",
            [
                ("Tuesday an oil rig exploded in the gulf, killing eleven workers.", "2024-04-20"),
                ("Wednesday officials met to plan the response to the spill.", "2024-04-21"),
            ],
        ),
        article(
            3,
            "2024-05-30",
            [
                ("April 20 the rig exploded and the well began to leak oil.", "2024-04-20"),
                ("Friday engineers tried again to plug the leaking well.", "2024-05-28"),
            ],
        ),
        article(
            4,
            "2024-07-16",
            [
                ("Thursday the leaking well was capped at last after months.", "2024-07-15"),
                ("April 20 the rig exploded and the well began to leak oil.", "2024-04-20"),
            ],
        ),
    ]
    return [d for d, _ in pairs], {d.id: ex for d, ex in pairs}


def test_a_day_named_by_many_articles_and_later_ones_matters_most() -> None:
    docs, exs = corpus()
    days = day_salience(docs, exs)
    assert days["2024-04-20"].articles == {"d1", "d2", "d3", "d4"}
    assert days["2024-04-20"].later == 2  # two articles written weeks later refer back to it
    assert days["2024-04-20"].score == 4 + 2 * 0.5
    assert days["2024-07-15"].score == 1.0
    docs[1].duplicate_of = "d1"  # a reprint adds nothing
    assert day_salience(docs, exs)["2024-04-20"].articles == {"d1", "d3", "d4"}
    assert set(day_salience(docs, exs, since="2024-05-01")) == {"2024-05-28", "2024-07-15"}


def test_key_entries_and_key_dates() -> None:
    docs, exs = corpus()
    blast = Event("e1", "2024-04-20", "day", "The rig exploded", "attack", "asserted",
                  sources=[EventSource(d, "", 0, 10) for d in ("d1", "d2", "d3")])  # fmt: skip
    cap = Event("e2", "2024-07-15", "day", "The well was capped", "announce", "asserted",
                sources=[EventSource("d4", "", 0, 10)])  # fmt: skip
    undated = Event("e3", None, None, "Officials met", "meet", "asserted", sources=[EventSource("d2", "", 0, 10)])
    key_dates = mark_key_events([blast, cap, undated], docs, exs)
    assert [k.date for k in key_dates][:1] == ["2024-04-20"] and key_dates[0].events == ["e1"]
    assert key_dates[0].rank == 1 and key_dates[0].later_articles == 2
    assert (blast.salience or 0) > (cap.salience or 0) > 0
    assert blast.key and cap.key and not undated.key  # undated: never key


def test_timeline_summary_gives_n_dates_in_order_each_with_k_sentences() -> None:
    docs, exs = corpus()
    days = timeline_summary(docs, exs, dates=2, sentences=2)
    # the two most salient days, in date order: the blast, and a day an article named two days later
    assert [d.date for d in days] == ["2024-04-20", "2024-05-28"]
    first = days[0]
    assert len(first.sentences) == 2
    texts = [s.text for s in first.sentences]
    assert len(set(texts)) == 2 and all("exploded" in t for t in texts)
    # the sentence two articles print counts twice: it is chosen, and quoted once
    assert "April 20 the rig exploded and the well began to leak oil." in texts
    src = first.sentences[0]
    assert docs[int(src.doc[1:]) - 1].text[src.start : src.end] == src.text
    assert [d.date for d in timeline_summary(docs, exs, 5, 1, since="2024-05-01", until="2024-06-30")] == ["2024-05-28"]


def test_the_opening_of_an_article_published_on_a_day_may_summarize_it() -> None:
    docs, exs = corpus()
    opener = "Crews pumped heavy mud into the damaged pipe from a ship overnight."
    dated_elsewhere = "April 20 the rig exploded and the well began to leak oil."
    late = "Divers inspected the damaged pipe on the seabed for many hours."
    extra = article(5, "2024-05-28", [(opener, None), (dated_elsewhere, "2024-04-20")])
    fillers = ["Markets", "Anglers", "Tourism", "Hotels", "Schools"]
    long_article = article(6, "2024-05-28", [(f"{w} in the region waited for further news.", None) for w in fillers]
                           + [(late, None)])  # fmt: skip
    for doc, ex in (extra, long_article):
        docs.append(doc)
        exs[doc.id] = ex
    day = next(d for d in timeline_summary(docs, exs, dates=2, sentences=10) if d.date == "2024-05-28")
    texts = {s.text for s in day.sentences}
    assert opener in texts  # undated, opening an article of that day
    assert dated_elsewhere not in texts  # it opens the article but tells another day
    assert late not in texts  # past the opening sentences
    assert "Friday engineers tried again to plug the leaking well." in texts  # dated to the day, as before
