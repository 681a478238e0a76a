"""The Markdown and HTML dossiers: their sections, links to the evidence, and escaping of hostile articles."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown
from storyline.render.view import human_date, safe_url

runner = CliRunner()

EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a>'
EVIL_TEXT = f"The minister signed the deal on Monday. {EVIL} Then he left."


class Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")


def evil_dossier() -> dict:
    doc = {"id": "d1", "source": "evil.html", "outlet": EVIL, "published": "2025-03-12", "title": EVIL,
           "url": "javascript:alert(3)", "text": EVIL_TEXT, "time_expressions": [], "mentions": [],
           "sources": [{"source": "evil.html", "outlet": EVIL, "url": "javascript:alert(3)"}]}  # fmt: skip
    start = EVIL_TEXT.index(EVIL)
    story = {
        "id": "s1", "title": EVIL, "documents": ["d1"],
        "entities": [{"id": "e1", "name": EVIL, "type": "PERSON", "aliases": [EVIL], "mentions": 2}],
        "events": [{"id": "ev1", "date": "2025-03-10", "date_precision": "day", "summary": EVIL, "type": "sign",
                    "modality": "reported", "actors": ["e1"], "reported_by": [EVIL],
                    "sources": [{"doc": "d1", "text": EVIL, "start": start, "end": start + len(EVIL)}]}],
        "quotes": [{"id": "q1", "speaker": "e1", "speaker_name": EVIL, "text": EVIL, "kind": "direct", "doc": "d1",
                    "start": start, "end": start + len(EVIL), "said_on": None}],
        "claims": [{"id": "c1", "quantity": 3, "unit": EVIL, "text": EVIL, "attributed_to": EVIL, "doc": "d1",
                    "date": None, "start": start, "end": start + len(EVIL)}],
        "disagreements": [{"id": "x", "topic": EVIL, "claims": ["c1"], "kind": "stance",
                           "positions": [{"doc": "d1", "by": EVIL, "says": EVIL, "start": 0, "end": 10}]}],
        "lead": [{"doc": "d1", "text": EVIL, "start": start, "end": start + len(EVIL), "event": "ev1"}],
    }  # fmt: skip
    return {"schema": "storyline/dossier@1", "generated_at": "2025-03-12T00:00:00+00:00", "documents": [doc],
            "stories": [story]}  # fmt: skip


def test_html_escapes_every_piece_of_a_hostile_article() -> None:
    html = render_html(evil_dossier())
    tags = Tags(html)
    assert not [t for t, _ in tags.tags if t in {"script", "img", "iframe", "svg", "object", "embed", "link"}]
    assert not [a for _, a in tags.tags for k in a if k.startswith("on")]  # no event handler attributes
    hrefs = [a.get("href") or "" for _, a in tags.tags if "href" in a]
    assert hrefs and all(h.startswith(("#", "http://", "https://")) for h in hrefs)
    assert "&lt;script&gt;" in html and "javascript:alert(3)" not in [h for h in hrefs]


def test_html_is_one_offline_page_whose_links_all_land() -> None:
    html = render_html(evil_dossier())
    tags = Tags(html)
    assert not re.search(r"<(?:script|link|img)\b", html)
    assert not [a for _, a in tags.tags if a.get("src")]  # nothing is loaded from anywhere
    targets = {h[1:] for _, a in tags.tags for h in [a.get("href") or ""] if h.startswith("#")}
    assert targets <= set(tags.ids), targets - set(tags.ids)


def test_markdown_escapes_a_hostile_article() -> None:
    out = render_markdown(evil_dossier())
    assert "<script>" not in out and "<img" not in out and "](javascript:" not in out
    assert "javascript:alert(3)" not in out  # not an http(s) URL: not even shown as a link target


def test_seed_dossier_sections_in_both_formats(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "dossier.html"
    result = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for section in ("Timeline", "Where sources disagree", "Actors", "Who said what", "Numbers and claims",
                    "Outlets and their coverage", "Articles"):  # fmt: skip
        assert f">{section}</h2>" in html
    tags = Tags(html)
    targets = {h[1:] for _, a in tags.tags for h in [a.get("href") or ""] if h.startswith("#")}
    assert targets <= set(tags.ids)  # every source link lands on its marked passage
    assert 'class="lead"' in html and "<mark id=" in html
    assert "19 June 2024" in html and "expected" in html
    md = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "markdown"]).stdout
    assert "## Timeline" in md and "## Where sources disagree" in md and "## Outlets" in md
    assert "*(expected)*" in md and "[KBS, 2024\\-10\\-16](#doc-" in md


def test_export_rejects_unknown_formats(seeds_db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(seeds_db), "--format", "pdf"])
    assert result.exit_code == 2 and "html" in result.output


def test_human_dates_and_safe_urls() -> None:
    assert human_date("2024-06-19") == "19 June 2024" and human_date("2024-06") == "June 2024"
    assert human_date("2024-W43") == "week of 21 October 2024" and human_date("2024-SU") == "summer 2024"
    assert human_date(None) == "undated" and human_date("PAST_REF") == "undated"
    assert safe_url("https://example.org/a?b=1") and not safe_url("javascript:alert(1)")
    assert not safe_url("data:text/html,x") and not safe_url('https://x.org/"onmouseover=1')
