"""Stories → storylines: one developing story held together for as long as the news runs.

A story is tight (the articles that tell one happening, within weeks); a storyline links the stories of
one developing matter over months (a treaty signed in June and ratified in November; a spill, its
capping, the hearings and the compensation fund), with no fixed time window. It is made in two passes
over the story profiles (``StoryProfile``: the embedding centroid, the actors and the key terms of a
story, and its dates), both deterministic:

1. **Assign**, oldest story first: a story joins the storyline it fits best when
   ``content + KEY_WEIGHT × (actors shared + terms shared) − gap penalty`` reaches ``JOIN``. *Content* is
   the cosine of the story's mean lead embedding with the storyline's; *shared* is how much of the
   story's own main actors (or terms), weighted by rarity across stories, are common in the storyline.
   A story that stood in a storyline after the last build gets ``STICKY`` more for it, so ids and
   membership stay stable when a few articles arrive.
2. **Merge** storylines that turn out to be one: ``content + MERGE_KEY_WEIGHT × (core actors + core
   terms) − gap penalty`` reaching ``MERGE``, where the *core* of a storyline is what at least
   ``CORE_SHARE`` of its articles name. Sub-plots of one matter (the response to a disaster and the
   disaster) share their core; two stories that share a famous actor or a country do not: a leader's
   visit to one country and his treaty with another keep different cores.

A storyline's id stays what it was at the last build (the id most of its stories held), else
``l-`` + its earliest story's id. The user's merges and splits of storylines are applied on top.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from storyline.extract.features import EMBED_DIM

JOIN = 0.65  # score a story needs to join a storyline
KEY_WEIGHT = 0.3  # weight of the shared actors and of the shared key terms (each 0..1) when assigning
MIN_CONTENT = 0.45  # storylines less alike than this in content are not candidates
CANDIDATES = 8  # storylines, best by content, whose actors and terms are compared with a story
STICKY = 0.05  # bonus for the storyline a story was in after the last build
GAP_WEIGHT = 0.05  # score lost per unit of log(1 + days between the two spans / GAP_DAYS)
GAP_DAYS = 7.0
MERGE = 1.05  # score two storylines need to become one
MERGE_KEY_WEIGHT = 0.5  # weight of the core actors' and core terms' cosines when merging
MERGE_MIN_CONTENT = 0.55  # storylines less alike than this in content never merge
MERGE_GAP_DAYS = 30.0
CORE_SHARE = 0.2  # a key is in a storyline's core when at least this share of its articles name it
OWN_KEYS = 10  # a story's main actors (and terms) compared with a storyline: its most frequent, rarest first
FULL_SHARE = 0.5  # a storyline "has" a key fully when this share of its articles name it
RARITY_PRIOR = 20  # rarity is counted as if there were this many more stories naming none of the keys
DISTINCT_ACTORS = 3  # a story naming this many actors (and a storyline naming as many) ...
DISTINCT_SHARE = 0.5  # ... of whose main ones (weighted by rarity) a storyline names less than this ...
DISTINCT_PENALTY = 0.1  # ... loses this much: a leader's visit to one country is not his treaty with another
DISTINCT_CORE = 0.1  # two storylines with actor cores less alike than this are about different actors
REF_WEIGHT = 0.3  # weight of the back-references (0..1) to a storyline's earlier stories
FULL_REFS = 2  # distinct references back to a storyline's days that count fully
MONTH_REF_WEIGHT = 0.5  # a month referred back to ("in June") says less than a day ("on 19 June")


@dataclass
class StoryProfile:
    """What storyline linking needs from one story (the stored story state)."""

    id: str
    centroid: np.ndarray  # sum of the members' lead embeddings
    n_embedded: int
    n_docs: int
    first: int | None  # day ordinals of the earliest and latest dated member
    last: int | None
    actors: dict[str, int] = field(default_factory=dict)  # actor key → members naming it
    terms: dict[str, int] = field(default_factory=dict)  # key term → members using it
    previous: str | None = None  # its storyline after the last build
    refs: dict[str, int] = field(default_factory=dict)  # earlier day or month → members referring back to it


@dataclass
class Storyline:
    id: str
    stories: list[str] = field(default_factory=list)
    centroid: np.ndarray = field(default_factory=lambda: np.zeros(EMBED_DIM, dtype=np.float64))
    n_docs: int = 0
    first: int | None = None
    last: int | None = None
    actors: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    previous: Counter[str] = field(default_factory=Counter)  # storyline ids its stories held last time
    refs: Counter[str] = field(default_factory=Counter)  # earlier days and months its articles refer back to
    spans: list[tuple[int, int]] = field(default_factory=list)  # its dated stories' first and last days

    def add(self, p: StoryProfile) -> None:
        self.stories.append(p.id)
        self.centroid = self.centroid + p.centroid
        self.n_docs += max(p.n_docs, 0)
        self.actors.update(p.actors)
        self.terms.update(p.terms)
        self.refs.update(p.refs)
        if p.previous:
            self.previous[p.previous] += 1
        if p.first is not None and p.last is not None:
            self.spans.append((p.first, p.last))
        self._span(p.first, p.last)

    def absorb(self, other: Storyline) -> None:
        self.stories += other.stories
        self.centroid = self.centroid + other.centroid
        self.n_docs += other.n_docs
        self.actors.update(other.actors)
        self.terms.update(other.terms)
        self.refs.update(other.refs)
        self.previous.update(other.previous)
        self.spans += other.spans
        self._span(other.first, other.last)

    def _span(self, first: int | None, last: int | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def mean(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.centroid))
        return self.centroid / norm if norm else self.centroid


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _gap(a_first: int | None, a_last: int | None, b_first: int | None, b_last: int | None) -> int:
    """Days between two date spans (0 when they overlap or one is undated)."""
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return 0
    return max(0, max(a_first, b_first) - min(a_last, b_last))


class Rarity:
    """How much a key says: IDF over the stories that name it, times the weight of its kind (a place or a
    nationality says less about which matter a story is than a person or an organisation does)."""

    def __init__(self, profiles: list[StoryProfile], weights: dict[str, float] | None = None) -> None:
        self.stories = len(profiles)
        self.weights = weights or {}
        self.df: Counter[str] = Counter()
        for p in profiles:
            self.df.update(p.actors.keys())
            self.df.update(p.terms.keys())

    def idf(self, key: str) -> float:
        return math.log((self.stories + RARITY_PRIOR + 1) / (self.df.get(key, 0) + 1)) * self.weights.get(key, 1.0)


def shared(own: dict[str, int], n_own: int, other: Counter[str], n_other: int, rarity: Rarity) -> float:
    """How much of a story's main keys (its ``OWN_KEYS`` most frequent, rarest first; weighted by rarity)
    the storyline names commonly: 1 when each is named by ``FULL_SHARE`` of its articles."""
    if not own or n_own <= 0 or n_other <= 0:
        return 0.0
    keys = sorted(own, key=lambda k: (-own[k] / n_own, -rarity.idf(k), k))[:OWN_KEYS]
    weights = [rarity.idf(k) for k in keys]
    total = sum(weights)
    got = sum(w * min(1.0, other.get(k, 0) / n_other / FULL_SHARE) for k, w in zip(keys, weights, strict=True))
    return got / total if total else 0.0


def _covers(spans: list[tuple[int, int]], value: str) -> bool:
    """Whether a referenced day (±1) or month overlaps one of the spans."""
    try:
        first = date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    lo = first.toordinal() - (1 if len(value) == 10 else 0)
    hi = (
        first.toordinal() + 1
        if len(value) == 10
        else date(first.year + first.month // 12, first.month % 12 + 1, 1).toordinal() - 1
    )
    return any(a <= hi and lo <= b for a, b in spans)


def back_reference(refs: dict[str, int], spans: list[tuple[int, int]], own: list[tuple[int, int]] = ()) -> float:
    """How much of what a story (or storyline) refers back to falls on the days of another storyline's
    stories (``spans``): 1 when ``FULL_REFS`` of its distinct references do (a share when it names fewer).
    References to its ``own`` days (its own earlier events) are left out: they say nothing of others."""
    if not refs or not spans:
        return 0.0
    outward = [value for value in refs if not _covers(list(own), value)]
    weight = {value: 1.0 if len(value) == 10 else MONTH_REF_WEIGHT for value in outward}
    hits = sum(weight[value] for value in outward if _covers(spans, value))
    return min(1.0, hits / FULL_REFS) * hits / sum(weight.values()) if hits else 0.0


def core_similarity(a: Counter[str], n_a: int, b: Counter[str], n_b: int, rarity: Rarity) -> float:
    """Cosine of two storylines' cores: the keys at least ``CORE_SHARE`` of their articles name,
    weighted by share × rarity."""
    if n_a <= 0 or n_b <= 0:
        return 0.0
    va = {k: c / n_a * rarity.idf(k) for k, c in a.items() if c / n_a >= CORE_SHARE}
    vb = {k: c / n_b * rarity.idf(k) for k, c in b.items() if c / n_b >= CORE_SHARE}
    dot = sum(x * vb[k] for k, x in va.items() if k in vb)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))


def _assign(profiles: list[StoryProfile], rarity: Rarity) -> list[Storyline]:
    lines: list[Storyline] = []
    means = np.zeros((max(len(profiles), 1), EMBED_DIM), dtype=np.float32)  # row i: lines[i].mean()
    for p in sorted(profiles, key=lambda p: (p.first is None, p.first or 0, p.id)):
        best, best_score = -1, -math.inf
        if lines and p.n_embedded > 0:
            content = means[: len(lines)] @ _unit(p.centroid.astype(np.float32))
            for i in np.argsort(-content, kind="stable")[:CANDIDATES]:
                c = float(content[i])
                if c < MIN_CONTENT:
                    break
                line = lines[i]
                actors = shared(p.actors, p.n_docs, line.actors, line.n_docs, rarity)
                keys = actors + shared(p.terms, p.n_docs, line.terms, line.n_docs, rarity)
                gap = _gap(p.first, p.last, line.first, line.last)
                score = c + KEY_WEIGHT * keys - GAP_WEIGHT * math.log1p(gap / GAP_DAYS)
                if min(len(p.actors), len(line.actors)) >= DISTINCT_ACTORS and actors < DISTINCT_SHARE:
                    # its own main actors are elsewhere: another matter (a storyline naming no actors, its
                    # articles in a language whose names no earlier article made known, says nothing of it)
                    score -= DISTINCT_PENALTY
                own = [(p.first, p.last)] if p.first is not None and p.last is not None else []
                score += REF_WEIGHT * back_reference(p.refs, line.spans, own)
                if p.previous is not None and line.previous.get(p.previous):
                    score += STICKY
                if score > best_score:
                    best, best_score = int(i), score
        if best < 0 or best_score < JOIN:
            best = len(lines)
            lines.append(Storyline(""))
        lines[best].add(p)
        means[best] = lines[best].mean()
    return lines


def _core_actors(line: Storyline) -> int:
    return sum(1 for c in line.actors.values() if line.n_docs and c / line.n_docs >= CORE_SHARE)


def _merge_score(a: Storyline, b: Storyline, content: float, rarity: Rarity) -> float:
    actors = core_similarity(a.actors, a.n_docs, b.actors, b.n_docs, rarity)
    cores = actors + core_similarity(a.terms, a.n_docs, b.terms, b.n_docs, rarity)
    distinct = min(_core_actors(a), _core_actors(b)) >= DISTINCT_ACTORS and actors < DISTINCT_CORE
    refs = 0.0 if distinct else max(back_reference(a.refs, b.spans, a.spans), back_reference(b.refs, a.spans, b.spans))
    gap = _gap(a.first, a.last, b.first, b.last)
    score = content + MERGE_KEY_WEIGHT * cores + REF_WEIGHT * refs - GAP_WEIGHT * math.log1p(gap / MERGE_GAP_DAYS)
    return score - DISTINCT_PENALTY if distinct else score


def _merge(lines: list[Storyline], rarity: Rarity) -> list[Storyline]:
    """Merge pairs of storylines, best pair first (each storyline once a round), until none reaches
    ``MERGE``. Content is compared as one matrix product; cores only for pairs alike enough."""
    while len(lines) > 1:
        means = np.stack([line.mean() for line in lines]).astype(np.float32)
        pairs = []
        for i in range(len(lines) - 1):
            row = means[i + 1 :] @ means[i]
            for j in np.flatnonzero(row >= MERGE_MIN_CONTENT):
                other = i + 1 + int(j)
                score = _merge_score(lines[i], lines[other], float(row[j]), rarity)
                if score >= MERGE:
                    pairs.append((score, i, other))
        if not pairs:
            break
        busy: set[int] = set()
        absorbed: set[int] = set()
        for _score, i, other in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
            if i in busy or other in busy:
                continue
            lines[i].absorb(lines[other])
            busy |= {i, other}
            absorbed.add(other)
        lines = [line for n, line in enumerate(lines) if n not in absorbed]
    return lines


def _name(lines: list[Storyline]) -> None:
    """Keep each storyline's id from the last build where its stories agree; else name it after its
    earliest story ("l-" + the story id without its "s-")."""
    used: set[str] = set()
    for line in sorted(lines, key=lambda x: (-len(x.stories), x.stories[0])):
        for old, _n in sorted(line.previous.items(), key=lambda kv: (-kv[1], kv[0])):
            if old not in used:
                line.id = old
                break
        if not line.id:
            line.id = "l-" + line.stories[0].removeprefix("s-")
            while line.id in used:
                line.id += "+"
        used.add(line.id)


def _apply_overrides(membership: dict[str, str], overrides: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Replay the user's storyline merges (``merge``, KEEP, OTHER) and splits (``split``, LINE, "story
    ids") in the order they were made. A name that is no storyline is read as a story: its storyline."""
    membership = dict(membership)

    def line_of(name: str) -> str:
        return name if name in membership.values() else membership.get(name, name)

    for action, a, b in overrides:
        if action == "merge":
            keep, other = line_of(a), line_of(b)
            if keep == other:
                continue
            for story, line in membership.items():
                if line == other:
                    membership[story] = keep
        elif action == "split":
            line = line_of(a)
            moving = sorted(s for s in b.split() if membership.get(s) == line)
            if not moving:
                continue
            new = "l-" + moving[0].removeprefix("s-")
            while new in membership.values():
                new += "+"
            for story in moving:
                membership[story] = new
    return membership


def link_storylines(
    profiles: list[StoryProfile],
    overrides: Iterable[tuple[str, str, str]] = (),
    weights: dict[str, float] | None = None,
) -> dict[str, str]:
    """Story id → storyline id, for every profile. ``weights``: an actor key's type weight (places and
    nationalities count less than people and organisations; 1.0 when not given)."""
    if not profiles:
        return {}
    rarity = Rarity(profiles, weights)
    lines = _merge(_assign(profiles, rarity), rarity)
    first = {p.id: p.first for p in profiles}
    for line in lines:  # oldest story first: a new storyline is named after it
        line.stories.sort(key=lambda s: (first[s] is None, first[s] or 0, s))
    _name(lines)
    membership = {story: line.id for line in lines for story in line.stories}
    return _apply_overrides(membership, overrides)
