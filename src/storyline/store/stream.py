"""The stored state of the stream stages: duplicate buckets, story assignments and story states.

These functions let the link stage work incrementally: they load only what new documents can
touch (the stories active around their dates, the LSH buckets they fall in) and write back only
what changed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

import numpy as np

from storyline import codec, timespan
from storyline.extract.features import EMBED_DIM, signature_array
from storyline.link import DocSignals, DuplicateFinder, StoryIndex, StoryProfile, signals_for
from storyline.model import Story, StoryLevel
from storyline.settings import current
from storyline.store import rows
from storyline.store.db import chunks, marks
from storyline.store.store import Store


def pending_ids(store: Store) -> list[str]:
    """Stored documents not yet put in a story, in the order they are linked."""
    rows = store.conn.execute(
        """SELECT d.id FROM documents d LEFT JOIN story_assignments a ON a.doc_id = d.id
           WHERE a.doc_id IS NULL
           ORDER BY d.published IS NULL, substr(d.published, 1, 10), d.id"""
    )
    return [r[0] for r in rows]


def _in(store: Store, sql: str, ids: Iterable[str]) -> list[sqlite3.Row]:
    out = []
    for chunk in chunks(list(ids)):
        out.extend(store.conn.execute(sql.format(marks=marks(chunk)), chunk).fetchall())
    return out


def assignment_of(store: Store, ids: list[str]) -> dict[str, str]:
    return {
        r[0]: r[1] for r in _in(store, "SELECT doc_id, story_id FROM story_assignments WHERE doc_id IN ({marks})", ids)
    }


def duplicates_of(store: Store, ids: list[str]) -> dict[str, str]:
    sql = "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL AND id IN ({marks})"
    return {r[0]: r[1] for r in _in(store, sql, ids)}


def story_members(store: Store, story_ids: Iterable[str]) -> list[str]:
    sql = "SELECT doc_id FROM story_assignments WHERE story_id IN ({marks}) ORDER BY doc_id"
    return [r[0] for r in _in(store, sql, sorted(set(story_ids)))]


def _signals(store: Store, ids: list[str], index: StoryIndex) -> dict[str, DocSignals]:
    """Stored documents' signals, read as clustering read them (a split takes them out of a story)."""
    out: dict[str, DocSignals] = {}
    docs = {d.id: d for d in store.load_documents(ids, with_raw=False)}
    exs = {ex.doc_id: ex for ex in store.load_extractions(ids)}
    for i in ids:
        ex, doc = exs.get(i), docs.get(i)
        if ex is not None and doc is not None:
            out[i] = signals_for(doc, ex, index)
    return out


_STATES = f"SELECT {rows.STORY_INDEX.select()} FROM story_index"


def load_index(store: Store, new_ids: list[str], overrides: list[tuple[str, str, str]]) -> StoryIndex:
    """The story index with the stories the new documents may join (those active within the time
    window of their dates, or all when a new document is undated) and those the overrides name."""
    days = [
        timespan.day_number(r[0]) for r in _in(store, "SELECT published FROM documents WHERE id IN ({marks})", new_ids)
    ]
    found: list[sqlite3.Row] = []
    if new_ids and any(d is None for d in days):
        found = store.conn.execute(_STATES).fetchall()
    elif new_ids:
        dated = [d for d in days if d is not None]
        window = current().stories.window_days
        lo, hi = min(dated) - window, max(dated) + window
        found = store.conn.execute(
            f"{_STATES} WHERE first_day IS NULL OR (last_day >= ? AND first_day <= ?)", (lo, hi)
        ).fetchall()
    states = [rows.STORY_INDEX.read(r) for r in found]
    named = {a for _act, a, _b in overrides} | {b for act, _a, b in overrides if act == "merge"}
    named |= set(assignment_of(store, [d for act, _a, b in overrides if act == "split" for d in b.split()]).values())
    have = {s.id for s in states}
    states += [
        rows.STORY_INDEX.read(r) for r in _in(store, _STATES + " WHERE story_id IN ({marks})", sorted(named - have))
    ]
    df, weights = {}, {}
    for r in store.conn.execute("SELECT key, df, weight FROM actor_df"):
        df[r[0]], weights[r[0]] = r[1], r[2]
    n_docs = store.conn.execute("SELECT count(*) FROM story_assignments WHERE how != 'duplicate'").fetchone()[0]
    index = StoryIndex(
        states,
        df,
        weights,
        n_docs,
        members=lambda sid: story_members(store, [sid]),
        signals=lambda ids: _signals(store, ids, index),
        assignment_of=lambda ids: assignment_of(store, ids),
        duplicates=lambda ids: duplicates_of(store, ids),
        find_doc=lambda prefix: _find_doc(store, prefix),
    )
    return index


def _find_doc(store: Store, prefix: str) -> str | None:
    row = store.conn.execute(
        "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 1", (prefix, prefix + "\uffff")
    ).fetchone()
    return row[0] if row else None


def duplicate_finder(store: Store) -> DuplicateFinder:
    def lookup(keys: list[tuple[int, int]]) -> list[str]:
        found: list[str] = []
        for band, bucket in keys:
            found += [
                r[0]
                for r in store.conn.execute(
                    "SELECT doc_id FROM minhash_bands WHERE band = ? AND bucket = ?", (band, bucket)
                )
            ]
        return found

    def stored(ids: list[str]) -> dict[str, tuple[np.ndarray, int]]:
        out = {}
        for r in _in(store, "SELECT doc_id, signature, shingles FROM doc_features WHERE doc_id IN ({marks})", ids):
            sig = signature_array(bytes(r[1]))
            if sig is not None:
                out[r[0]] = (sig, r[2])
        return out

    return DuplicateFinder(lookup, stored)


def save_state(store: Store, index: StoryIndex, finder: DuplicateFinder | None) -> None:
    """Write what clustering changed: assignments, duplicates, story states, actor counts, buckets."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO story_assignments(doc_id, story_id, how, score) VALUES (?,?,?,?)",
            [(d, a.story, a.how, a.score) for d, a in index.assigned.items()],
        )
        conn.executemany(
            "UPDATE documents SET duplicate_of = ? WHERE id = ?", [(c, d) for d, c in index.duplicate_of.items()]
        )
        for sid in sorted(index.removed - set(index.stories)):
            conn.execute("DELETE FROM story_index WHERE story_id = ?", (sid,))
        conn.executemany(
            rows.STORY_INDEX.insert("INSERT OR REPLACE"),
            [rows.STORY_INDEX.row(s) for sid in sorted(index.changed) if (s := index.stories.get(sid)) is not None],
        )
        conn.executemany(
            """INSERT INTO actor_df(key, df, weight) VALUES (?,?,?)
               ON CONFLICT(key) DO UPDATE SET df = df + excluded.df""",
            [(k, n, index.weights.get(k, 1.0)) for k, n in sorted(index.df_delta.items())],
        )
        if finder is not None:
            conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands(band, bucket, doc_id) VALUES (?,?,?)", finder.new_bands
            )


def story_profiles(store: Store) -> list[StoryProfile]:
    """The profile of every story now in the store (documents assigned to it), for storyline linking: its
    clustering state plus those of the stories the user merged into it, and its storyline after the last
    build."""
    stories = [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM story_assignments ORDER BY story_id")]
    previous = {r[0]: r[1] for r in store.conn.execute("SELECT story_id, storyline_id FROM storyline_assignments")}
    states = {s.id: s for s in (rows.STORY_INDEX.read(r) for r in store.conn.execute(_STATES))}
    index = StoryIndex(states.values())
    profiles = {sid: StoryProfile(sid, np.zeros(EMBED_DIM, dtype=np.float64), 0, 0, None, None) for sid in stories}
    for state in states.values():
        p = profiles.get(index.final(state.id))
        if p is None or state.n_docs <= 0:
            continue
        p.centroid = p.centroid + state.centroid
        p.n_embedded += state.n_embedded
        p.n_docs += state.n_docs
        for keys, into in ((state.actors, p.actors), (state.terms, p.terms), (state.refs, p.refs)):
            for k, n in keys.items():
                into[k] = into.get(k, 0) + n
        if state.first is not None:
            p.first = state.first if p.first is None else min(p.first, state.first)
        if state.last is not None:
            p.last = state.last if p.last is None else max(p.last, state.last)
    for sid, p in profiles.items():
        p.previous = previous.get(sid)
    return list(profiles.values())


def actor_weights(store: Store) -> dict[str, float]:
    """Each actor key's type weight (setting ``stories.type_weights``), as clustering stored it."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT key, weight FROM actor_df WHERE weight != 1.0")}


def storyline_membership(store: Store) -> dict[str, str]:
    """Story id → storyline id, as the last build left them."""
    return {r[0]: r[1] for r in store.conn.execute("SELECT story_id, storyline_id FROM storyline_assignments")}


def save_storylines(store: Store, membership: dict[str, str]) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM storyline_assignments")
        conn.executemany(
            "INSERT INTO storyline_assignments(story_id, storyline_id) VALUES (?,?)", sorted(membership.items())
        )


def stories_of_lines(store: Store, lines: Iterable[str]) -> list[str]:
    """The stored stories whose storyline is one of ``lines``."""
    return [r[0] for r in _in(store, "SELECT id FROM stories WHERE parent IN ({marks})", sorted(set(lines)))]


def drop_unlinked(store: Store) -> None:
    """Delete the stored stories and storylines that no longer exist (merged, split or emptied)."""
    with store.transaction() as conn:
        conn.execute(
            """DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM storyline_assignments)
               AND id NOT IN (SELECT storyline_id FROM storyline_assignments)"""
        )


def list_stories(store: Store, level: StoryLevel = "story") -> list[dict[str, Any]]:
    """Every stored story (or storyline) with its size, date span and title, newest first; a story names
    its storyline, a storyline counts its stories. JSON-ready (``storyline stories list --json``)."""
    found = store.conn.execute(
        """SELECT s.id, s.title, s.extra, s.parent, min(d.published) AS first, max(d.published) AS last,
                  (SELECT count(*) FROM stories c WHERE c.parent = s.id) AS children
           FROM stories s JOIN story_documents sd ON sd.story_id = s.id JOIN documents d ON d.id = sd.doc_id
           WHERE s.level = ?
           GROUP BY s.id ORDER BY max(d.published) IS NULL, max(d.published) DESC, s.id""",
        (level,),
    )
    out = []
    for r in found:
        counts = codec.values_from_json(Story, json.loads(r["extra"]), only=("counts",)).get("counts")
        row = {"id": r["id"], "title": r["title"], "first": r["first"], "last": r["last"]}
        row.update(codec.to_json(counts) if counts is not None else {})
        if level == "story":
            row["storyline"] = r["parent"]
        else:
            row["stories"] = r["children"]
        out.append(row)
    return out
