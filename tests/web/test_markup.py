"""The pieces that build HTML from untrusted text, and the timeline layout."""

from __future__ import annotations

import html
import re
from datetime import date

from storyline.model import Entity, Extraction, Mention, Quote, Sentence, TimeExpression
from storyline.serve.annotate import annotated_html
from storyline.serve.markup import HIT_CLOSE, HIT_OPEN, hit_spans, marked_html, safe_url
from storyline.serve.search import fts_query, terms
from storyline.serve.timeline import axis_date, layout, radius


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _balanced(markup: str) -> bool:
    stack = []
    for closing, tag in re.findall(r"<(/?)([a-z]+)[^>]*>", markup):
        if closing:
            if not stack or stack.pop() != tag:
                return False
        else:
            stack.append(tag)
    return not stack


def test_annotations_keep_every_character_and_nest_even_when_crossing() -> None:
    text = 'Ana Li said "we <b>will</b> sign on Monday" & left.'
    ex = Extraction(
        "d",
        sentences=[Sentence(0, len(text))],
        mentions=[Mention("Ana Li", 0, 6, "PERSON", "person:ana-li"), Mention("Li said", 4, 11, "ORG")],
        quotes=[Quote("d:q0", "we <b>will</b> sign on Monday", 13, 42, "direct", speaker_name="Ana <Li>")],
        time_expressions=[TimeExpression("on Monday", 33, 42, "2025-W42-1"), TimeExpression("Monday", 36, 44, None)],
    )
    out = str(annotated_html(text, ex, {"person:ana-li": Entity("person:ana-li", "Ana Li", "PERSON")}, (8, 20)))
    assert _text_of(out) == text
    assert _balanced(out)
    assert "<b>" not in out and "</b>" not in out and "&lt;b&gt;" in out
    assert out.count('id="s-0"') == 1  # split pieces never repeat an id
    assert 'id="s-8"' in out  # the highlight is an anchor when no sentence starts there
    assert 'title="DATE: 2025-W42-1"' in out and 'title="DATE: no normalized value"' in out
    assert 'href="/actors/person%3Aana-li"' in out
    assert 'title="direct quote: Ana &lt;Li&gt;"' in out


def test_out_of_range_annotations_are_dropped_not_fatal() -> None:
    ex = Extraction("d", mentions=[Mention("x", 5, 99, "ORG"), Mention("y", 7, 3, "ORG"), Mention("z", -4, 2, "ORG")])
    out = str(annotated_html("short", ex, {}))
    assert _text_of(out) == "short" and _balanced(out)


def test_marked_html_escapes_first_and_balances_marks() -> None:
    s = f"a <i>{HIT_OPEN}b&c{HIT_CLOSE} {HIT_CLOSE}d {HIT_OPEN}e"
    assert str(marked_html(s)) == "a &lt;i&gt;<mark>b&amp;c</mark> d <mark>e</mark>"


def test_hit_spans() -> None:
    plain, spans = hit_spans(f"x{HIT_OPEN}ab{HIT_CLOSE}c{HIT_OPEN}d")
    assert plain == "xabcd" and spans == [(1, 3), (4, 5)]


def test_only_http_links_are_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil", "http:", "", None):
        assert safe_url(bad) is None


def test_query_words_become_quoted_phrases() -> None:
    assert fts_query(terms('water "river deal" NEAR(x')) == '"water" "river deal" "NEAR(x"'
    assert fts_query(terms('say "hi')) == '"say" """hi"'
    assert terms("a\x00b\ue000c") == ["a", "b", "c"]


def test_axis_dates() -> None:
    assert axis_date("2025-10-09T10:00+02:00") == date(2025, 10, 9)
    assert axis_date("2025-10") == date(2025, 10, 1)
    assert axis_date("2025-W42") == date(2025, 10, 13)
    assert axis_date("2025") == date(2025, 1, 1)
    for vague in (None, "", "2025-SU", "PRESENT_REF", "P3D", "2025-13-01"):
        assert axis_date(vague) is None


def test_layout_places_dots_in_date_order_and_sizes_by_sources() -> None:
    src = {"doc": "d", "text": "t", "start": 0, "end": 1}
    events = [
        {"id": "b", "date": "2025-10-20", "summary": "later", "sources": [src]},
        {"id": "a", "date": "2025-10-01", "summary": "first", "sources": [src, src, src]},
        {"id": "c", "date": "2025-10-20", "summary": "same day", "sources": [src]},
        {"id": "u", "date": None, "summary": "undated", "sources": [src]},
    ]
    axis = layout(events, lambda ev: "#" + ev["id"])
    assert [d.href for d in axis.dots] == ["#a", "#b", "#c"]
    assert axis.dots[0].x < axis.dots[1].x == axis.dots[2].x
    assert axis.dots[1].y != axis.dots[2].y  # same day: stacked, not on top of each other
    assert axis.dots[0].r == radius(3) > axis.dots[1].r
    assert axis.ticks and all(40 <= t.x <= 960 for t in axis.ticks)
    assert layout([events[3]], lambda ev: "").dots == []
