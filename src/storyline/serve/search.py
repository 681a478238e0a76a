"""Full-text search over articles and quotes (SQLite FTS5, trigram tokenizer; see migration 002_search).

The user's words are never passed to FTS5 as query syntax: each word becomes a quoted phrase, and all
must match. Trigrams need three characters, so words shorter than that (two-syllable Korean words, for
one) are matched with LIKE over the stored text instead. Hits come back wrapped in private-use marker
characters, which ``markup.marked_html`` turns into <mark> after escaping everything else.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from storyline.serve.markup import HIT_CLOSE, HIT_OPEN, hit_spans

MAX_QUERY = 200  # characters
MAX_TERMS = 12
SNIPPET_BEFORE = 90
SNIPPET_AFTER = 170

_CONTROL = re.compile(rf"[\x00-\x1f\x7f{HIT_OPEN}{HIT_CLOSE}]")
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')


class SearchError(ValueError):
    """A query we cannot run; the message is meant for the person who typed it."""


@dataclass
class Hit:
    id: str
    doc: str
    title: str  # with hit markers
    snippet: str  # with hit markers
    outlet: str | None
    published: str | None
    start: int | None = None  # quotes: where in the article
    end: int | None = None
    speaker: str | None = None  # quotes: entity id
    speaker_name: str = ""  # quotes: with hit markers
    kind: str | None = None

    def export(self) -> dict[str, Any]:
        snippet, spans = hit_spans(self.snippet)
        out: dict[str, Any] = {"id": self.id, "doc": self.doc, "outlet": self.outlet, "published": self.published}
        if self.kind is None:
            title, title_spans = hit_spans(self.title)
            out |= {"title": title or None, "title_highlights": title_spans}
        else:
            name, _ = hit_spans(self.speaker_name)
            out |= {"text": snippet, "kind": self.kind, "speaker": self.speaker, "speaker_name": name or None}
            out |= {"start": self.start, "end": self.end}
        out |= {"snippet": snippet, "highlights": spans}
        return out


@dataclass
class Results:
    query: str
    documents: list[Hit] = field(default_factory=list)
    quotes: list[Hit] = field(default_factory=list)
    total_documents: int = 0
    total_quotes: int = 0


def terms(query: str) -> list[str]:
    """The words of a query ("quoted words" stay one phrase), without control and marker characters."""
    if len(query) > MAX_QUERY:
        raise SearchError(f"Search text is limited to {MAX_QUERY} characters.")
    words = []
    for m in _PHRASE.finditer(_CONTROL.sub(" ", query)):
        phrase = " ".join((m[1] or "").split())
        if phrase or m[2]:
            words.append(phrase or m[2])
    if len(words) > MAX_TERMS:
        raise SearchError(f"Search for at most {MAX_TERMS} words at a time.")
    return words


def fts_query(words: list[str]) -> str:
    """Every word or phrase as a quoted FTS5 string (inner quotes doubled), all required."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _window(marked: str, limit_before: int = SNIPPET_BEFORE, limit_after: int = SNIPPET_AFTER) -> str:
    """A stretch of text around the first hit, cut at spaces."""
    first = marked.find(HIT_OPEN)
    if first < 0:
        first = 0
    start = max(0, first - limit_before)
    end = min(len(marked), first + limit_after)
    if start > 0:
        space = marked.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(marked):
        space = marked.rfind(" ", first, end)
        end = space if space > first else end
    piece = " ".join(marked[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(marked) else "")


def _mark(text: str, words: list[str]) -> str:
    """Wrap every case-insensitive occurrence of the words in hit markers (for the LIKE path)."""
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    return pattern.sub(lambda m: HIT_OPEN + m.group(0) + HIT_CLOSE, text)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_DOC_COLS = "d.id, d.outlet, d.published"
_QUOTE_COLS = 'q.id, q.doc_id, q.start, q."end", q.kind, q.speaker_entity, d.outlet, d.published'


def _fts(conn: sqlite3.Connection, words: list[str], limit: int, offset: int, res: Results) -> None:
    match = fts_query(words)
    res.total_documents = conn.execute(
        "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (match,)
    ).fetchone()[0]
    for r in conn.execute(
        f"""SELECT {_DOC_COLS}, highlight(documents_fts, 0, ?, ?) AS title, highlight(documents_fts, 1, ?, ?) AS body
            FROM documents_fts JOIN documents d ON d.id = documents_fts.doc_id
            WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?""",
        (HIT_OPEN, HIT_CLOSE, HIT_OPEN, HIT_CLOSE, match, limit, offset),
    ):
        res.documents.append(Hit(r["id"], r["id"], r["title"], _window(r["body"]), r["outlet"], r["published"]))
    res.total_quotes = conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (match,)).fetchone()[0]
    for r in conn.execute(
        f"""SELECT {_QUOTE_COLS}, highlight(quotes_fts, 0, ?, ?) AS text, highlight(quotes_fts, 1, ?, ?) AS speaker
            FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.quote_id JOIN documents d ON d.id = q.doc_id
            WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?""",
        (HIT_OPEN, HIT_CLOSE, HIT_OPEN, HIT_CLOSE, match, limit, offset),
    ):
        res.quotes.append(_quote_hit(r, r["text"], r["speaker"]))


def _quote_hit(r: sqlite3.Row, text: str, speaker: str) -> Hit:
    return Hit(
        r["id"], r["doc_id"], "", text, r["outlet"], r["published"],
        start=r["start"], end=r["end"], speaker=r["speaker_entity"], speaker_name=speaker, kind=r["kind"],
    )  # fmt: skip


def _scan(conn: sqlite3.Connection, words: list[str], limit: int, offset: int, res: Results) -> None:
    """Words too short for trigrams: LIKE over the stored text (a scan, newest first)."""
    doc_where = " AND ".join("(d.text LIKE ? ESCAPE '\\' OR coalesce(d.title, '') LIKE ? ESCAPE '\\')" for _ in words)
    doc_args = [_like(w) for w in words for _ in (0, 1)]
    res.total_documents = conn.execute(f"SELECT count(*) FROM documents d WHERE {doc_where}", doc_args).fetchone()[0]
    for r in conn.execute(
        f"""SELECT {_DOC_COLS}, d.title, d.text FROM documents d WHERE {doc_where}
            ORDER BY d.published DESC, d.id LIMIT ? OFFSET ?""",
        [*doc_args, limit, offset],
    ):
        title = _mark(r["title"] or "", words)
        res.documents.append(
            Hit(r["id"], r["id"], title, _window(_mark(r["text"], words)), r["outlet"], r["published"])
        )
    q_where = " AND ".join(
        "(q.text LIKE ? ESCAPE '\\' OR coalesce(q.speaker_name, '') LIKE ? ESCAPE '\\')" for _ in words
    )
    res.total_quotes = conn.execute(f"SELECT count(*) FROM quotes q WHERE {q_where}", doc_args).fetchone()[0]
    for r in conn.execute(
        f"""SELECT {_QUOTE_COLS}, q.text, q.speaker_name FROM quotes q JOIN documents d ON d.id = q.doc_id
            WHERE {q_where} ORDER BY d.published DESC, q.id LIMIT ? OFFSET ?""",
        [*doc_args, limit, offset],
    ):
        res.quotes.append(_quote_hit(r, _mark(r["text"], words), _mark(r["speaker_name"] or "", words)))


def search(conn: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0) -> Results:
    """Articles and quotes matching every word of ``query``; raises SearchError with a readable message."""
    words = terms(query)
    res = Results(query=" ".join(words))
    if not words:
        return res
    try:
        if all(len(w) >= 3 for w in words):
            _fts(conn, words, limit, offset, res)
        else:
            _scan(conn, words, limit, offset, res)
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise SearchError(
                "This store has no search index yet. Run `storyline build` on it once with this version of "
                "Storyline (or restart `storyline serve`, which adds it) and search again."
            ) from exc
        raise SearchError("That search could not be run; try other words.") from exc
    return res
