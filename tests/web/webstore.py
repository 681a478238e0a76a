"""A store for the web tests: the sample corpus, plus hand-made events, quotes, claims, a disagreement
and one hostile article, saved through the store's own API (``save_batch``/``save_links``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.extract import EXTRACTOR_VERSION
from storyline.model import (
    Claim,
    Disagreement,
    Document,
    Entity,
    Event,
    EventSource,
    Extraction,
    LinkResult,
    Mention,
    Quote,
    RemovedLine,
    Sentence,
    TimeExpression,
)
from storyline.store import Store

XSS_ID = "xss0000000000000"
XSS_TEXT = (
    'Breaking: <script>alert("xss-script")</script> The minister said "<img src=x onerror=alert(1)>" on Monday.\n'
    '<a href="javascript:alert(2)">click here</a> and <iframe src="javascript:alert(3)"></iframe> '
    "<svg onload=alert(4)></svg> Then &amp; &lt;b&gt; stayed text.\n"
)
GONE = EventSource("gone000000000000", "A sentence of an article no longer stored.", 0, 42)
XSS_ENTITY = Entity("person:evil", "<b onmouseover=alert(5)>Evil</b>", "PERSON", ["<i>Evil</i>"])


@dataclass
class WebStore:
    db: Path
    story: str
    wire: str  # document ids
    web: str
    dated_event: str
    undated_event: str
    evidence: EventSource  # the wire source of the dated event
    quote: Quote
    speaker: str  # entity id


def _span(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.index(needle)
    return start, start + len(needle)


def _sentence_at(doc: Document, ex: Extraction, pos: int) -> EventSource:
    """The sentence around ``pos``, cut to its line (the parser may join a headline to the first sentence)."""
    s = next(s for s in ex.sentences if s.start <= pos < s.end)
    start = max(s.start, doc.text.rfind("\n", 0, pos) + 1)
    line_end = doc.text.find("\n", pos)
    end = min(s.end, line_end if line_end >= 0 else s.end)
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return EventSource(doc.id, doc.text[start:end], start, end)


def _xss_document() -> tuple[Document, Extraction]:
    doc = Document(
        id=XSS_ID, source="evil/<script>alert(6)</script>.html", raw_text="<nav>menu</nav>\n" + XSS_TEXT,
        text=XSS_TEXT, offsets=[(0, 16, len(XSS_TEXT))], fmt="html", url="javascript:alert(7)",
        outlet="<img src=x onerror=alert(8)>", outlet_source="metadata", published="2025-10-11",
        published_source="metadata", language="en", title='<script>alert("title")</script>Hostile page',
        byline=["<b>Mallory</b>"], removed=[RemovedLine("<script>alert(9)</script>", 0, 15, "menu<script>")],
    )  # fmt: skip
    first_line = XSS_TEXT.index("\n")
    ex = Extraction(
        doc_id=XSS_ID,
        language="en",
        sentences=[Sentence(0, first_line), Sentence(first_line + 1, len(XSS_TEXT) - 1)],
        mentions=[Mention("minister", *_find(XSS_TEXT, "minister"), "PERSON", XSS_ENTITY.id)],
        time_expressions=[TimeExpression("Monday", *_find(XSS_TEXT, "Monday"), '"><script>alert(10)</script>')],
        quotes=[
            Quote(
                f"{XSS_ID}:q0",
                "<img src=x onerror=alert(1)>",
                *_find(XSS_TEXT, "<img src=x onerror=alert(1)>"),
                "direct",
                speaker_name="<script>alert(11)</script>",
                speaker=XSS_ENTITY.id,
            )
        ],
    )
    return doc, ex


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def build_web_store(source_db: Path, target: Path) -> WebStore:
    """Copy a store built from examples/corpus and add the hand-made items."""
    src, dst = sqlite3.connect(source_db), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    with Store(target) as store:
        docs = {Path(d.source).name: d for d in store.load_documents(with_raw=True)}
        exs = {ex.doc_id: ex for ex in store.load_extractions()}
        wire, web = docs["wire_1.txt"], docs["web_1.html"]
        wex, bex = exs[wire.id], exs[web.id]

        # Quotes and claims, added to what extraction found (if anything).
        q_start, q_end = _span(wire, "This is a fair division")
        people = {e.id for e in store.load_entities() if e.type == "PERSON"}
        speaker = next(m for m in wex.mentions if m.entity in people)
        quote = Quote(f"{wire.id}:qweb0", wire.text[q_start:q_end], q_start, q_end, "direct",
                      speaker_name=speaker.text, speaker=speaker.entity, said_on="2025-10-09")  # fmt: skip
        wex.quotes.append(quote)
        c1 = _sentence_at(wire, wex, _span(wire, "1.2 billion cubic metres")[0])
        c2 = _sentence_at(web, bex, _span(web, "800 million cubic metres")[0])
        claim_a = Claim(f"{wire.id}:cweb0", 1.2e9, "cubic metres", c1.text, c1.start, c1.end,
                        attributed_to="Ministry of Water Resources", date="2025-10-09")  # fmt: skip
        claim_b = Claim(f"{web.id}:cweb0", 8e8, "cubic metres", c2.text, c2.start, c2.end,
                        qualifier="as little as", attributed_to="River Commons Institute")  # fmt: skip
        wex.claims.append(claim_a)
        bex.claims.append(claim_b)
        xss_doc, xss_ex = _xss_document()
        store.save_batch([(wire, wex), (web, bex), (xss_doc, xss_ex)], EXTRACTOR_VERSION)

        # Link results: keep the build's entities and story, add events and a disagreement.
        exs = {ex.doc_id: ex for ex in store.load_extractions()}
        stories = store.load_stories(level="storyline")
        story = next(s for s in stories if wire.id in s.documents)  # the treaty storyline
        others = [s for s in stories if s.id != story.id]
        signing = _sentence_at(wire, wex, _span(wire, "signed a 25-year agreement")[0])
        signing_web = _sentence_at(web, bex, _span(web, "barely a week after it was signed")[0])
        actors = [m.entity for m in wex.mentions if m.entity and m.type == "GPE"][:2]
        dated = Event("ev-signing", "2025-10-09", "day", "Dravenia and Ilmora sign the Tessa River agreement",
                      "agreement", "asserted", actors, [signing, signing_web])  # fmt: skip
        report = _sentence_at(web, bex, _span(web, "In a report published on Tuesday")[0])
        later = Event("ev-report", "2025-10-14", "day", "An NGO report questions the guaranteed volume",
                      "statement", "reported", [], [report])  # fmt: skip
        undated = Event("ev-vague", None, None, "Talks had gone on for months", "negotiation", "asserted", [],
                        [_sentence_at(wire, wex, _span(wire, "has strained ties")[0]), GONE])  # fmt: skip
        minor = Event("ev-minor", None, None, "Talks", "negotiation", "asserted", [],
                      [_sentence_at(wire, wex, _span(wire, "has strained ties")[0])], minor=True)  # fmt: skip
        story = replace(
            story,
            documents=[*story.documents, XSS_ID],
            events=[dated, later, undated, minor],
            disagreements=[Disagreement("d-volume", "Guaranteed yearly water volume", [claim_a.id, claim_b.id])],
            lead=None,  # the page writes its lead from these events
        )
        result = LinkResult(
            entities=[*store.load_entities(), XSS_ENTITY],
            mention_entity={
                (ex.doc_id, m.start, m.end): m.entity for ex in exs.values() for m in ex.mentions if m.entity
            },
            quote_speaker={q.id: q.speaker for ex in exs.values() for q in ex.quotes if q.speaker},
            storylines=[story, *others],
            stories=store.load_stories(level="story"),
        )
        store.save_links(result)
    return WebStore(target, story.id, wire.id, web.id, dated.id, undated.id, signing, quote, speaker.entity or "")
