"""The web UI in a real browser (Debian's Chromium, headless, driven by Playwright)."""

from __future__ import annotations

from typing import Any

from webstore import XSS_ID, WebStore


def _clean(watch: Any) -> None:
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors  # no script errors, no Content-Security-Policy violations


def test_from_story_list_to_the_highlighted_sentence(page: Any, web_store: WebStore) -> None:
    p = page.page
    p.goto("/")
    p.locator(f'a[href="/stories/{web_store.story}"]').first.click()
    p.wait_for_url(f"**/stories/{web_store.story}")
    assert p.locator("svg.axis circle.dot").count() == 2

    entry = p.locator(f"details#ev-{web_store.dated_event}")
    assert not entry.evaluate("e => e.open")
    evidence = entry.locator("a.source").first
    assert not evidence.is_visible()
    entry.locator("summary").click()
    assert entry.evaluate("e => e.open")
    assert evidence.is_visible()

    evidence.click()
    src = web_store.evidence
    p.wait_for_url(f"**/documents/{src.doc}?hl={src.start}-{src.end}#s-{src.start}")
    mark = p.locator("mark.hl")
    assert mark.first.is_visible()
    assert " ".join(mark.all_inner_texts()).split() == src.text.split()
    target = p.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id")
    assert target == f"s-{src.start}"
    _clean(page)


def test_timeline_dot_opens_its_entry(page: Any, web_store: WebStore) -> None:
    p = page.page
    p.goto(f"/stories/{web_store.story}")
    p.locator("svg.axis a").first.click()
    assert p.evaluate("() => location.hash") == f"#ev-{web_store.dated_event}"
    assert p.locator(f"details#ev-{web_store.dated_event}").evaluate("e => e.open")  # opened by /static/app.js
    _clean(page)


def test_filter_by_outlet_applies_on_change(page: Any, web_store: WebStore) -> None:
    p = page.page
    p.goto(f"/stories/{web_store.story}")
    with p.expect_navigation():
        p.locator("select[name=outlet]").select_option("Harbor Evening News")
    assert "outlet=Harbor+Evening+News" in p.url
    assert p.locator("details#ev-ev-report").count() == 1
    assert p.locator("details#ev-ev-vague").count() == 0
    _clean(page)


def test_search(page: Any) -> None:
    p = page.page
    p.goto("/")
    p.locator("header input[name=q]").fill("fair division")
    p.locator("header button[type=submit]").click()
    p.wait_for_url("**/search?q=fair+division")
    marks = p.locator("#quote-results mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"fair", "division"}
    p.locator("#quote-results a.source").first.click()
    assert "fair division" in " ".join(p.locator("mark.hl").all_inner_texts())
    _clean(page)


def test_hostile_article_renders_inert(page: Any) -> None:
    p = page.page
    p.goto(f"/documents/{XSS_ID}")
    body = p.locator(".article-text").inner_text()
    assert '<script>alert("xss-script")</script>' in body
    assert "<img src=x onerror=alert(1)>" in body
    assert '<a href="javascript:alert(2)">click here</a>' in body
    assert p.locator("h1").inner_text() == '<script>alert("title")</script>Hostile page'
    assert p.locator("main img, main iframe, main script, .article-text svg").count() == 0
    p.locator("details.removed summary").click()
    assert "<script>alert(9)</script>" in p.locator("details.removed").inner_text()
    p.locator(".article-text a.m").first.hover()
    p.locator("dd a[href^='/stories/']").click()  # the story lists the hostile actor and outlet as text
    assert "<b onmouseover=alert(5)>Evil</b>" in p.locator("#actors").inner_text()
    assert "<img src=x onerror=alert(8)>" in p.locator("#articles").inner_text()
    p.goto("/search?q=%3Cscript%3Ealert")
    assert p.locator("#article-results mark").first.inner_text().lower() == "<script>alert"
    _clean(page)
