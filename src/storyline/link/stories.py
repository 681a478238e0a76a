"""Documents → stories: incremental clustering of a multilingual stream of articles.

A document joins the story whose lead it resembles (cosine of multilingual sentence embeddings
against the story's centroid) when the two also fit in time, and shared actors (people,
organisations, places, weighted by rarity) can tip a close call. Content decides first: two stories
that share only a country name stay apart, because actors count only once the content similarity
passes ``stories.min_content``.

The clustering is single-pass and incremental: each new document is compared with the centroids of
the stories active around its date (one matrix product), never with every stored document, and
the story states (centroid sum, actor counts, date span) are stored, so adding articles never
re-reads the old ones. A story's id comes from the document that opened it, so ids stay stable
across builds. The user's merges and splits (``story_overrides``) are applied on top, every time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from storyline import timespan
from storyline.extract.features import EMBED_DIM, embedding_array
from storyline.link.entities.ids import slug
from storyline.link.script_keys import KeySkeletons, script_keys
from storyline.link.terms import key_terms
from storyline.link.titles import headline
from storyline.model import Document, Extraction, Story, StoryCounts
from storyline.settings import current

# Thresholds and weights: ``storyline.settings`` (group ``stories``). Two reports that each name several
# actors but not one in common are about different events (another strike, another treaty): they need more
# content (``disjoint_*``); places are shared by neighbouring stories and weigh less (``type_weights``).
_REF_VALUE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_NAME_RUN = re.compile(r"(?:[^\W\d_][\w'’.-]*)(?:\s+[^\W\d_][\w'’.-]*){0,3}")


def story_id_for(doc_id: str) -> str:
    return f"s-{doc_id[:10]}"


def actor_keys(ex: Extraction) -> dict[str, float]:
    """Normalized names of the actors a document mentions, with their type weight.

    A person also counts by surname ("Jane Roe" → "roe"), as later references use it.
    """
    keys: dict[str, float] = {}
    weights = current().stories.type_weights
    for m in ex.mentions:
        w = weights.get(m.type)
        if w is None:
            continue
        s = slug(m.text)
        if len(s) < 3 or s.isdigit():
            continue
        keys[s] = max(keys.get(s, 0.0), w)
        if m.type == "PERSON" and "-" in s:
            last = s.rsplit("-", 1)[1]
            if len(last) > 2:
                keys[last] = max(keys.get(last, 0.0), w)
    return keys


def name_runs(text: str) -> list[list[str]]:
    """The capitalized words of each run of words in ``text``: the names a document may hold when no
    parser read it."""
    return [[w for w in re.split(r"\s+", run.group()) if w[:1].isupper()] for run in _NAME_RUN.finditer(text)]


def text_actor_keys(text: str, known: Callable[[list[str]], dict[str, float]]) -> dict[str, float]:
    """Actors of a document no parser read (another language): capitalized word runs that name a
    known actor. ``known(keys)`` returns those of ``keys`` already seen, with their type weight."""
    grams: set[str] = set()
    for words in name_runs(text):
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                s = slug(" ".join(words[i : i + n]))
                if len(s) >= 3:
                    grams.add(s)
    return known(sorted(grams)) if grams else {}


@dataclass
class DocSignals:
    """What clustering needs from one canonical document."""

    id: str
    day: int | None
    embedding: np.ndarray | None  # unit vector
    actors: dict[str, float] = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)  # key terms of the headline and lead (link.terms)
    refs: set[str] = field(default_factory=set)  # earlier days and months it refers back to (``back_references``)


@dataclass
class StoryState:
    id: str
    centroid: np.ndarray = field(default_factory=lambda: np.zeros(EMBED_DIM, dtype=np.float32))  # sum of members
    n_embedded: int = 0
    n_docs: int = 0
    first: int | None = None
    last: int | None = None
    actors: dict[str, int] = field(default_factory=dict)  # actor → member documents naming it
    merged_into: str | None = None  # the user merged this story into that one: its documents go there
    terms: dict[str, int] = field(default_factory=dict)  # key term → member documents using it
    refs: dict[str, int] = field(default_factory=dict)  # earlier day or month → member documents referring to it

    def add(self, d: DocSignals, sign: int = 1) -> None:
        if d.embedding is not None:
            self.centroid = self.centroid + sign * d.embedding
            self.n_embedded += sign
        self.n_docs += sign
        _count_keys(self.actors, d.actors, sign)
        _count_keys(self.terms, d.terms, sign)
        _count_keys(self.refs, d.refs, sign)
        if sign > 0 and d.day is not None:
            self.first = d.day if self.first is None else min(self.first, d.day)
            self.last = d.day if self.last is None else max(self.last, d.day)


def _count_keys(counts: dict[str, int], keys: Iterable[str], sign: int) -> None:
    """Add (or take away) one document's keys; past twice ``stories.profile_keys``, keep the most frequent."""
    for k in keys:
        n = counts.get(k, 0) + sign
        if n > 0:
            counts[k] = n
        else:
            counts.pop(k, None)
    keep = current().stories.profile_keys
    if len(counts) > 2 * keep:
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        counts.clear()
        counts.update(top)


@dataclass
class Assignment:
    story: str
    how: str  # "opened" | "joined" | "duplicate" | "override"
    score: float | None = None


class StoryIndex:
    """Story states plus the actor statistics (document frequencies) that weight them.

    ``stories`` need hold only the stories that new documents may join (the store loads those active
    around the new documents' dates). ``members(story)`` and ``signals(doc ids)`` fetch what merges
    and splits need from wherever the documents live; by default from what this index has seen.
    """

    def __init__(
        self,
        stories: Iterable[StoryState] = (),
        df: dict[str, int] | None = None,
        weights: dict[str, float] | None = None,
        n_docs: int = 0,
        members: Callable[[str], list[str]] | None = None,
        signals: Callable[[list[str]], dict[str, DocSignals]] | None = None,
        assignment_of: Callable[[list[str]], dict[str, str]] | None = None,
        duplicates: Callable[[list[str]], dict[str, str]] | None = None,
        find_doc: Callable[[str], str | None] | None = None,
    ) -> None:
        self.stories: dict[str, StoryState] = {s.id: s for s in stories}
        self.df = dict(df or {})
        self.weights = dict(weights or {})
        self.n_docs = n_docs
        self.assigned: dict[str, Assignment] = {}  # documents assigned (or moved) by this index
        self.changed: set[str] = set()  # stories whose membership or state changed
        self.removed: set[str] = set()  # stories merged away or emptied
        self.df_delta: dict[str, int] = {}
        self._signals_seen: dict[str, DocSignals] = {}
        self._members_fn = members
        self._signals_fn = signals
        self._assignment_fn = assignment_of
        self._duplicates_fn = duplicates
        self._find_doc_fn = find_doc
        self.duplicate_of: dict[str, str] = {}  # reprint → canonical document, for those seen here
        self._rows: list[str] = []
        self._matrix = np.zeros((0, EMBED_DIM), dtype=np.float32)
        self._first = np.zeros(0, dtype=np.float64)
        self._last = np.zeros(0, dtype=np.float64)
        self._dirty = True
        self._skeletons: KeySkeletons | None = None  # the known keys by skeleton, once a foreign article needs them

    # ---- scoring ---------------------------------------------------------------------------

    def idf(self, key: str) -> float:
        return math.log((self.n_docs + current().stories.idf_prior + 1) / (self.df.get(key, 0) + 1))

    def known_actors(self, keys: list[str]) -> dict[str, float]:
        return {k: self.weights.get(k, 1.0) for k in keys if self.df.get(k)}

    def known_in_any_script(self, names: Iterable[str], lang: str | None) -> dict[str, float]:
        """The known actors that ``names`` (of an article in language ``lang``, in any script) name, with
        their type weight (``script_keys``). The skeleton index is built on the first call."""
        if self._skeletons is None:
            self._skeletons = KeySkeletons(k for k, n in self.df.items() if n)
        return {k: self.weights.get(k, 1.0) for k in script_keys(names, lang, self._skeletons)}

    def actor_similarity(self, actors: dict[str, float], story: StoryState) -> float:
        """Cosine of the document's and the story's actor vectors (type weight × IDF × share)."""
        if not actors or not story.actors or not story.n_docs:
            return 0.0
        dot = dn = sn = 0.0
        for k, w in actors.items():
            x = w * self.idf(k)
            dn += x * x
            c = story.actors.get(k)
            if c:
                dot += x * x * c / story.n_docs
        for k, c in story.actors.items():
            y = self.weights.get(k, 1.0) * self.idf(k) * c / story.n_docs
            sn += y * y
        return dot / math.sqrt(dn * sn) if dot else 0.0

    def _rebuild(self) -> None:
        self._rows = sorted(self.stories)
        n = len(self._rows)
        self._matrix = np.zeros((max(n, 1) * 2, EMBED_DIM), dtype=np.float32)
        self._first = np.full(max(n, 1) * 2, np.nan)
        self._last = np.full(max(n, 1) * 2, np.nan)
        self._row_of = {sid: i for i, sid in enumerate(self._rows)}
        for i, sid in enumerate(self._rows):
            self._write_row(i, self.stories[sid])
        self._dirty = False

    def _write_row(self, i: int, s: StoryState) -> None:
        # The mean of the members (not the normalized centroid): its dot product with a document is the
        # average similarity to the members, so a story that drifted over loose topics attracts less.
        self._matrix[i] = s.centroid / s.n_embedded if s.n_embedded > 0 else 0.0
        self._first[i] = np.nan if s.first is None else s.first
        self._last[i] = np.nan if s.last is None else s.last

    def _append_row(self, s: StoryState) -> None:
        i = len(self._rows)
        if i >= len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._first = np.concatenate([self._first, np.full(len(self._first), np.nan)])
            self._last = np.concatenate([self._last, np.full(len(self._last), np.nan)])
        self._rows.append(s.id)
        self._row_of[s.id] = i
        self._write_row(i, s)

    def best_story(self, d: DocSignals) -> tuple[str | None, float]:
        """The story ``d`` should join and its score, or (None, best score seen)."""
        cfg = current().stories
        if d.embedding is None or not self.stories:
            return None, 0.0
        if self._dirty:
            self._rebuild()
        n = len(self._rows)
        first, last = self._first[:n], self._last[:n]
        if d.day is None:
            rows = np.arange(n)
        else:
            undated = np.isnan(first)
            near = (first - cfg.window_days <= d.day) & (d.day <= last + cfg.window_days)
            rows = np.flatnonzero(near | undated)
        if len(rows) > cfg.max_candidates:  # keep the most recently active
            order = np.argsort(-np.nan_to_num(last[rows], nan=-1.0), kind="stable")
            rows = rows[order[: cfg.max_candidates]]
        if not len(rows):
            return None, 0.0
        content = self._matrix[rows] @ d.embedding
        if d.day is not None:
            gap = np.maximum(first[rows] - d.day, 0) + np.maximum(d.day - last[rows], 0)
            content = content - cfg.gap_penalty * np.nan_to_num(gap, nan=0.0) / cfg.window_days
        top = np.argsort(-content, kind="stable")[: cfg.top_content]
        best, best_score = None, 0.0
        for t in top:
            c = float(content[t])
            if c < cfg.min_content:
                break
            sid = self._rows[rows[t]]
            story = self.stories[sid]
            actors = self.actor_similarity(d.actors, story)
            score = c + cfg.actor_weight * actors
            if not actors and len(d.actors) >= cfg.disjoint_actors and len(story.actors) >= cfg.disjoint_actors:
                score -= cfg.disjoint_penalty
            if score > best_score or (score == best_score and best is not None and sid < best):
                best, best_score = sid, score
        return (best, best_score) if best_score >= cfg.join else (None, best_score)

    # ---- assigning ---------------------------------------------------------------------------

    def _count(self, d: DocSignals) -> None:
        self.n_docs += 1
        for k, w in d.actors.items():
            if self._skeletons is not None and not self.df.get(k):
                self._skeletons.add(k)  # newly known: later articles in other languages may name it
            self.df[k] = self.df.get(k, 0) + 1
            self.df_delta[k] = self.df_delta.get(k, 0) + 1
            self.weights.setdefault(k, w)

    def add(self, d: DocSignals) -> Assignment:
        """Assign one canonical document: join the best story or open a new one."""
        if self._signals_fn is None:  # nothing to fetch them from later (for a split)
            self._signals_seen[d.id] = d
        sid, score = self.best_story(d)
        if sid is None:
            sid = story_id_for(d.id)
            while sid in self.stories:  # a split story may already carry this id
                sid += "+"
            story = StoryState(sid)
            story.add(d)
            self.stories[sid] = story
            if not self._dirty:
                self._append_row(story)
            how = Assignment(sid, "opened", round(score, 4))
        else:
            story = self.stories[sid]
            story.add(d)
            if not self._dirty:
                self._write_row(self._row_of[sid], story)
            self.changed.add(sid)
            sid = self.final(sid)
            how = Assignment(sid, "joined", round(score, 4))
        self._count(d)
        self.assigned[d.id] = how
        self.changed.add(sid)
        return how

    def final(self, sid: str) -> str:
        """The story a (possibly merged-away) story's documents belong to."""
        seen = set()
        while (s := self.stories.get(sid)) is not None and s.merged_into and sid not in seen:
            seen.add(sid)
            sid = s.merged_into
        return sid

    def add_duplicate(self, doc_id: str, canonical: str) -> Assignment:
        sid = self.story_of([canonical]).get(canonical)
        if sid is None:  # the canonical copy is not clustered (it should be): stand alone
            sid = story_id_for(doc_id)
            self.stories.setdefault(sid, StoryState(sid))
        # a reprint adds no evidence: the story's centroid and actors stay as they are
        self.assigned[doc_id] = Assignment(sid, "duplicate", None)
        self.changed.add(sid)
        return self.assigned[doc_id]

    def story_of(self, doc_ids: list[str]) -> dict[str, str]:
        out = {d: self.assigned[d].story for d in doc_ids if d in self.assigned}
        rest = [d for d in doc_ids if d not in out]
        if rest and self._assignment_fn:
            out.update(self._assignment_fn(rest))
        return out

    def members(self, story_id: str) -> list[str]:
        stored = set(self._members_fn(story_id)) if self._members_fn else set()
        for doc, a in self.assigned.items():
            if a.story == story_id:
                stored.add(doc)
            else:
                stored.discard(doc)
        return sorted(stored)

    def _signals(self, ids: list[str]) -> dict[str, DocSignals]:
        out = {i: self._signals_seen[i] for i in ids if i in self._signals_seen}
        rest = [i for i in ids if i not in out]
        if rest and self._signals_fn:
            out.update(self._signals_fn(rest))
        return out

    # ---- the user's corrections ------------------------------------------------------------------

    def merge(self, into: str, other: str) -> bool:
        """Move every document of ``other`` into ``into``; False when there is nothing to do.

        ``other`` keeps its own centroid, marked as merged: a story the user merged from two is
        still recognized by either half, and new articles like either half join it.
        """
        into = self.final(into)
        docs = self.members(other)
        state = self.stories.get(other)
        if into == other or (not docs and (state is None or state.merged_into == into)):
            return False
        if state is None:
            state = self.stories[other] = StoryState(other)
        state.merged_into = into
        for doc in docs:
            self.assigned[doc] = Assignment(into, "override", None)
        self.changed |= {into, other}
        self._dirty = True
        return bool(docs)

    def split(self, story_id: str, doc_ids: list[str]) -> str | None:
        """Take ``doc_ids`` (and their reprints) out of ``story_id`` into a story of their own."""
        where = self.story_of(doc_ids)
        moving = [d for d in doc_ids if where.get(d) == story_id]
        if not moving:
            return None
        members = set(self.members(story_id))
        reprints = self._reprints(members, set(moving))
        new_id = story_id_for(sorted(moving)[0])
        while new_id in self.stories or new_id == story_id:
            new_id += "+"
        new = StoryState(new_id)
        old = self.stories.setdefault(story_id, StoryState(story_id))
        for d in self._signals(moving).values():
            old.add(d, sign=-1)
            new.add(d)
        old.first = old.last = None
        for d in self._signals(sorted(members - set(moving) - reprints)).values():
            if d.day is not None:
                old.first = d.day if old.first is None else min(old.first, d.day)
                old.last = d.day if old.last is None else max(old.last, d.day)
        self.stories[new_id] = new
        for doc in [*moving, *sorted(reprints)]:
            self.assigned[doc] = Assignment(new_id, "override", None)
        if old.n_docs <= 0:
            self.stories.pop(story_id)
            self.removed.add(story_id)
        else:
            self.changed.add(story_id)
        self.changed.add(new_id)
        self._dirty = True
        return new_id

    def _find_doc(self, prefix: str) -> str | None:
        if len(prefix) < 6:
            return None
        for doc in self.assigned:
            if doc.startswith(prefix):
                return doc
        return self._find_doc_fn(prefix) if self._find_doc_fn else None

    def _reprints(self, members: set[str], moving: set[str]) -> set[str]:
        known = dict(self._duplicates_fn(sorted(members))) if self._duplicates_fn else {}
        known.update({d: c for d, c in self.duplicate_of.items() if d in members})
        return {d for d, c in known.items() if c in moving}

    def apply_overrides(self, overrides: Iterable[tuple[str, str, str]]) -> None:
        """Replay the user's merges and splits in the order they were made (each is idempotent)."""
        renamed: dict[str, str] = {}

        def current(sid: str) -> str:
            seen = set()
            while sid in renamed and sid not in seen:
                seen.add(sid)
                sid = renamed[sid]
            if sid in self.stories or self.members(sid):
                return self.final(sid)
            # Clustered again from scratch, a story may be named after another document: find the
            # story that now holds the document this one was named after.
            opener = self._find_doc(sid.removeprefix("s-").rstrip("+"))
            found = self.story_of([opener]).get(opener) if opener else None
            return found or sid

        for action, a, b in overrides:
            if action == "merge":
                into, other = current(a), current(b)
                self.merge(into, other)
                renamed[b] = into
            elif action == "split":
                story = current(a)
                docs = b.split()
                where = self.story_of(docs)
                self.split(story, [d for d in docs if where.get(d) == story])


# ---- the whole job, from plain data --------------------------------------------------------------


def canonical_order(docs: Iterable[Document]) -> list[Document]:
    """Documents in the order they are linked: earliest publication first, undated last, then by id."""
    return sorted(docs, key=lambda d: (d.published is None, (d.published or "")[:10], d.id))


def back_references(published: str | None, ex: Extraction) -> set[str]:
    """The days (YYYY-MM-DD) and months (YYYY-MM) an article names that lie at least ``stories.ref_min_days``
    before it was published ("the treaty signed in June", in November): how later reports of a developing
    story point at its earlier events, in any language the time tagger reads. An undated article is taken
    as written on the latest day it names (its dateline's, often: a day of its own news, just before the
    rest of its story, is no reference back); one that names no day has all its months count."""
    day = timespan.day_number(published)
    if day is None:
        named = [
            timespan.day_number(v)
            for t in ex.time_expressions
            if len(v := (t.value or "")[:10]) == 10 and _REF_VALUE.match(v)
        ]
        day = max((d for d in named if d is not None), default=None)
    out = set()
    for t in ex.time_expressions:
        value = (t.value or "")[:10]
        if not _REF_VALUE.match(value):
            continue
        first = timespan.day_number(value if len(value) == 10 else value + "-01")
        if first is None:
            continue
        if day is None or (first + (0 if len(value) == 10 else 27)) <= day - current().stories.ref_min_days:
            out.add(value)
    return out


def signals_for(doc: Document, ex: Extraction, index: StoryIndex) -> DocSignals:
    """What clustering compares of a document: its day, lead embedding, actors (``doc_actor_keys``: the index
    knows the actors other documents named), key terms and back-references."""
    return DocSignals(
        doc.id, timespan.day_number(doc.published), embedding_array(ex.embedding), doc_actor_keys(doc, ex, index),
        key_terms(doc), back_references(doc.published, ex),
    )  # fmt: skip


def doc_actor_keys(doc: Document, ex: Extraction, index: StoryIndex) -> dict[str, float]:
    """A document's actor keys. An English one: its mentions' (or, unparsed, the known names in its text).
    Another language: only the known actors it names, spelled as known or in its own spelling or script
    (its mentions, else its capitalized word runs, compared by skeleton: ``script_keys``); its own
    spellings never become keys, they would keep it apart from the story it tells."""
    if (doc.language or "en").startswith("en"):
        actors = actor_keys(ex)
        if not ex.mentions:
            actors.update(text_actor_keys(doc.text, index.known_actors))
        return actors
    actors = text_actor_keys(doc.text, index.known_actors)
    names = [m.text for m in ex.mentions] or [" ".join(words) for words in name_runs(doc.text)]
    for key, weight in index.known_in_any_script(names, doc.language).items():
        actors[key] = max(actors.get(key, 0.0), weight)
    return actors


def cluster(
    docs: list[Document],
    extractions: dict[str, Extraction],
    index: StoryIndex,
    finder: object | None = None,
) -> list[Document]:
    """Assign the documents ``index`` has not seen, in canonical order; near-duplicates follow their
    canonical copy (their ``duplicate_of`` is set). Returns the documents in that order."""
    from storyline.link.duplicates import DuplicateFinder

    dup = finder if isinstance(finder, DuplicateFinder) else DuplicateFinder()
    ordered = canonical_order(docs)
    for doc in ordered:
        ex = extractions.get(doc.id) or Extraction(doc.id)
        canonical = dup.add(doc.id, ex.signature, ex.shingles)
        doc.duplicate_of = canonical
        if canonical is not None:
            index.duplicate_of[doc.id] = canonical
            index.add_duplicate(doc.id, canonical)
        else:
            index.add(signals_for(doc, ex, index))
    return ordered


def opening_title(docs: list[Document]) -> str:
    """A first title, before the story's events are known: the earliest headline the articles came with,
    else a headline read from the opening of the earliest article that has one (``link.titles``)."""
    for d in sorted(docs, key=lambda d: (d.title is None, d.published or "9999", d.id)):
        found = headline(d.title, given=True) if d.title else headline(d.text)
        if found:
            return found
    return "Untitled story"


def story_counts(docs: list[Document]) -> StoryCounts:
    """How many articles, and how many independent reports: reprints and one outlet's repeats aside."""
    canonical = [d for d in docs if d.duplicate_of is None]
    outlets = {(d.outlet or "").casefold() for d in canonical if d.outlet}
    unknown = sum(1 for d in canonical if not d.outlet)
    languages: dict[str, int] = {}
    for d in docs:
        languages[d.language or "und"] = languages.get(d.language or "und", 0) + 1
    return StoryCounts(len(docs), len(outlets) + unknown, len(docs) - len(canonical), dict(sorted(languages.items())))


def build_stories(docs: list[Document], membership: dict[str, str]) -> list[Story]:
    """Story objects for the documents, grouped by ``membership`` (document id → story id)."""
    groups: dict[str, list[Document]] = {}
    for d in canonical_order(docs):
        sid = membership.get(d.id)
        if sid is not None:
            groups.setdefault(sid, []).append(d)
    return [
        Story(id=sid, title=opening_title(members), documents=[d.id for d in members], counts=story_counts(members))
        for sid, members in sorted(groups.items())
    ]
