"""A story of hundreds of events, quotes and claims: the story page shows the first of each section, and
each section's own pages show all of it, once; the stories read are kept until the store changes."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from storyline.extract import EXTRACTOR_VERSION
from storyline.model import Claim, Event, EventSource, LinkResult, Quote
from storyline.serve import create_app
from storyline.serve.routes.story import EVIDENCE_SHOWN, QUOTES_PER_SPEAKER, SHOWN, SPEAKERS_SHOWN
from storyline.store import Store

N_EVENTS, N_QUOTES, N_CLAIMS, N_SPEAKERS = 130, 460, 450, 23


@pytest.fixture(scope="module")
def long_story(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample corpus's largest story, given many more events, quotes and claims than a page shows."""
    db = tmp_path_factory.mktemp("long") / "long.db"
    src, dst = sqlite3.connect(examples_db), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    with Store(db) as store:
        stories = store.load_stories()
        story = max(stories, key=lambda s: len(s.documents))
        docs = list(store.load_documents(story.documents, with_raw=True))
        exs = {ex.doc_id: ex for ex in store.load_extractions(story.documents)}
        for i in range(N_QUOTES):
            doc = docs[i % len(docs)]
            exs[doc.id].quotes.append(Quote(f"{doc.id}:qlong{i}", f"long quote {i}", 0, 5, "direct",
                                            speaker_name=f"Speaker {i % N_SPEAKERS}"))  # fmt: skip
        for i in range(N_CLAIMS):
            doc = docs[i % len(docs)]
            exs[doc.id].claims.append(Claim(f"{doc.id}:clong{i}", 1000 + i, "tonnes", f"long claim {i}", 0, 5))
        store.save_batch([(d, exs[d.id]) for d in docs], EXTRACTOR_VERSION)
        events = []
        for i in range(N_EVENTS):  # event i is told by (i % 9) + 1 sources: a few are far better covered
            sources = [EventSource(docs[k % len(docs)].id, f"evidence {i}.{k}", 0, 5) for k in range(i % 9 + 1)]
            date = f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}" if i % 5 else None
            events.append(Event(f"ev-long{i}", date, "day" if date else None, f"long event {i}", "statement",
                                "asserted", [], sources, {"minor": True} if i % 10 == 5 else {}))  # fmt: skip
        long = replace(story, events=events)
        exs = {ex.doc_id: ex for ex in store.load_extractions()}
        store.save_links(
            LinkResult(
                entities=store.load_entities(),
                mention_entity={
                    (ex.doc_id, m.start, m.end): m.entity for ex in exs.values() for m in ex.mentions if m.entity
                },
                quote_speaker={q.id: q.speaker for ex in exs.values() for q in ex.quotes if q.speaker},
                stories=[long, *(s for s in stories if s.id != story.id)],
            )
        )
    return db, story.id


def _all_pages(client: TestClient, url: str) -> list[str]:
    """The HTML of a section's pages, following its Next links."""
    pages = []
    while url:
        r = client.get(url)
        assert r.status_code == 200
        pages.append(r.text)
        nxt = re.search(r'<a href="([^"]+)">Next →</a>', r.text)
        url = nxt.group(1).replace("&amp;", "&") if nxt else ""
    return pages


def test_story_page_shows_the_first_of_each_section(long_story: tuple[Path, str]) -> None:
    db, sid = long_story
    with TestClient(create_app(db)) as c:
        page = c.get(f"/stories/{sid}").text
        story = c.get(f"/api/stories/{sid}").json()
    entries = re.findall(r'<details class="event size-\d" id="ev-(ev-long\d+)">', page)
    told = {ev["id"]: len(ev["sources"]) for ev in story["events"]}
    assert len(entries) == SHOWN  # the best covered ones
    assert min(told[e] for e in entries) >= max(n for e, n in told.items() if e not in entries)
    assert f"{SHOWN} of {N_EVENTS} events shown" in page
    for ev in story["events"]:
        if ev["id"] in entries:
            shown = sum(
                f"evidence {ev['id'].removeprefix('ev-long')}." in b for b in re.findall(r"<blockquote>[^<]*", page)
            )
            assert shown == min(EVIDENCE_SHOWN, len(ev["sources"]))
    assert "more sources</a>" in page
    assert len(re.findall(r"<q>long quote \d+</q>", page)) == SPEAKERS_SHOWN * QUOTES_PER_SPEAKER
    assert len(re.findall(r"<td>long claim \d+</td>", page)) == SHOWN - sum(1 for c in story["claims"][:SHOWN]
                                                                              if not c["text"].startswith("long"))  # fmt: skip
    for section, noun in (("timeline", "events"), ("quotes", "quotes"), ("claims", "claims")):
        assert f'href="/stories/{sid}?section={section}">All ' in page and f" {noun} →</a>" in page
    # every dated event has its dot; the dot of an entry not on this page links to the timeline page holding it
    dots = re.findall(r'<a href="([^"]+)"><line class="stem"', page)
    assert len(dots) == sum(1 for ev in story["events"] if ev["date"])
    far = next(d for d in dots if "section=timeline" in d).replace("&amp;", "&")
    with TestClient(create_app(db)) as c:
        assert f'id="{urlsplit(far).fragment}"' in c.get(far).text


@pytest.mark.parametrize(
    ("section", "pattern"),
    [
        ("timeline", r'<details class="event size-\d" id="ev-([^"]+)">'),
        ("quotes", r"<q>([^<]*)</q>|<span class=\"indirect\">([^<]*)</span>"),
        ("claims", r'<td class="figure">'),
        ("articles", r'<a href="/documents/([^"]+)">'),
    ],
)
def test_section_pages_show_everything_once(long_story: tuple[Path, str], section: str, pattern: str) -> None:
    db, sid = long_story
    with TestClient(create_app(db)) as c:
        story = c.get(f"/api/stories/{sid}").json()
        pages = _all_pages(c, f"/stories/{sid}?section={section}")
    found = [m for p in pages for m in re.findall(pattern, p[p.index(f'<section id="{section}"') :])]
    expected = {"timeline": story["events"], "quotes": story["quotes"], "claims": story["claims"],
                "articles": story["documents"]}[section]  # fmt: skip
    assert len(found) == len(expected)
    if section == "timeline":
        assert sorted(found) == sorted(ev["id"] for ev in story["events"])
        assert sum(p.count("<blockquote>") for p in pages) == sum(len(ev["sources"]) for ev in story["events"])
    if section == "articles":
        assert sorted(found) == sorted(story["documents"])
    assert len(pages) > 1 or len(expected) <= 200


def test_section_pages_keep_the_filters(long_story: tuple[Path, str]) -> None:
    db, sid = long_story
    with TestClient(create_app(db)) as c:
        first = c.get(f"/api/stories/{sid}").json()["documents"][0]  # a source of every event
        outlet = c.get(f"/api/documents/{first}").json()["outlet"]
        page = c.get(f"/stories/{sid}", params={"outlet": outlet, "section": "timeline"}).text
        nxt = re.search(r'<a href="([^"]+)">Next →</a>', page)
        assert nxt and parse_qs(urlsplit(nxt.group(1).replace("&amp;", "&")).query)["outlet"] == [outlet]
        assert '<input type="hidden" name="section" value="timeline">' in page
        assert c.get(f"/stories/{sid}", params={"section": "everything"}).status_code == 400


def test_a_story_read_is_read_again_once_the_store_changes(long_story: tuple[Path, str], tmp_path: Path) -> None:
    db = tmp_path / "changing.db"
    src, dst = sqlite3.connect(long_story[0]), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    sid = long_story[1]
    with TestClient(create_app(db)) as c:
        before = c.get(f"/api/stories/{sid}").json()["title"]
        with sqlite3.connect(db) as conn:  # another process's build would commit the same way
            conn.execute("UPDATE stories SET title = 'A title from a later build' WHERE id = ?", (sid,))
        assert c.get(f"/api/stories/{sid}").json()["title"] == "A title from a later build" != before
        assert "A title from a later build" in c.get(f"/stories/{sid}").text
        for old in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            old.unlink(missing_ok=True)  # the store deleted and built again while the server runs
        src, dst = sqlite3.connect(long_story[0]), sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        assert c.get(f"/api/stories/{sid}").json()["title"] == before
