"""Stories → storylines: one developing story held together for as long as the news runs.

A story is tight (the articles that tell one happening, within weeks); a storyline links the stories of
one developing matter over months (a treaty signed in June and ratified in November; a spill, its
capping, the hearings and the compensation fund), with no fixed time window. It is made in two passes
over the story profiles (``StoryProfile``: the embedding centroid, the actors and the key terms of a
story, and its dates), both deterministic:

1. **Assign**, oldest story first: a story joins the storyline it fits best when
   ``content + storylines.key_weight × (actors shared + terms shared) − gap penalty`` reaches ``storylines.join``. *Content* is
   the cosine of the story's mean lead embedding with the storyline's; *shared* is how much of the
   story's own main actors (or terms), weighted by rarity across stories, are common in the storyline.
   A story that stood in a storyline after the last build gets ``storylines.sticky`` more for it, so ids and
   membership stay stable when a few articles arrive.
2. **Merge** storylines that turn out to be one: ``content + storylines.merge_key_weight × (core actors + core
   terms) − gap penalty`` reaching ``storylines.merge``, where the *core* of a storyline is what at least
   ``storylines.core_share`` of its articles name. Sub-plots of one matter (the response to a disaster and the
   disaster) share their core; two stories that share a famous actor or a country do not: a leader's
   visit to one country and his treaty with another keep different cores.

A storyline's id stays what it was at the last build (the id most of its stories held), else
``l-`` + its earliest story's id. The user's merges and splits of storylines are applied on top.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from storyline.extract.features import EMBED_DIM
from storyline.settings import current


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
        cfg = current().storylines
        return math.log((self.stories + cfg.rarity_prior + 1) / (self.df.get(key, 0) + 1)) * self.weights.get(key, 1.0)


def shared(own: dict[str, int], n_own: int, other: Counter[str], n_other: int, rarity: Rarity) -> float:
    """How much of a story's main keys (its ``storylines.own_keys`` most frequent, rarest first; weighted by rarity)
    the storyline names commonly: 1 when each is named by ``storylines.full_share`` of its articles."""
    cfg = current().storylines
    if not own or n_own <= 0 or n_other <= 0:
        return 0.0
    keys = sorted(own, key=lambda k: (-own[k] / n_own, -rarity.idf(k), k))[: cfg.own_keys]
    weights = [rarity.idf(k) for k in keys]
    total = sum(weights)
    got = sum(w * min(1.0, other.get(k, 0) / n_other / cfg.full_share) for k, w in zip(keys, weights, strict=True))
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


def back_reference(refs: dict[str, int], spans: list[tuple[int, int]], own: Sequence[tuple[int, int]] = ()) -> float:
    """How much of what a story (or storyline) refers back to falls on the days of another storyline's
    stories (``spans``): 1 when ``storylines.full_refs`` of its distinct references do (a share when it names fewer).
    References to its ``own`` days (its own earlier events) are left out: they say nothing of others."""
    if not refs or not spans:
        return 0.0
    outward = [value for value in refs if not _covers(list(own), value)]
    cfg = current().storylines
    weight = {value: 1.0 if len(value) == 10 else cfg.month_ref_weight for value in outward}
    hits = sum(weight[value] for value in outward if _covers(spans, value))
    return min(1.0, hits / cfg.full_refs) * hits / sum(weight.values()) if hits else 0.0


def core_similarity(a: Counter[str], n_a: int, b: Counter[str], n_b: int, rarity: Rarity) -> float:
    """Cosine of two storylines' cores: the keys at least ``storylines.core_share`` of their articles name,
    weighted by share × rarity."""
    cfg = current().storylines
    if n_a <= 0 or n_b <= 0:
        return 0.0
    va = {k: c / n_a * rarity.idf(k) for k, c in a.items() if c / n_a >= cfg.core_share}
    vb = {k: c / n_b * rarity.idf(k) for k, c in b.items() if c / n_b >= cfg.core_share}
    dot = sum(x * vb[k] for k, x in va.items() if k in vb)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))


def _assign(profiles: list[StoryProfile], rarity: Rarity) -> list[Storyline]:
    cfg = current().storylines
    lines: list[Storyline] = []
    means = np.zeros((max(len(profiles), 1), EMBED_DIM), dtype=np.float32)  # row i: lines[i].mean()
    for p in sorted(profiles, key=lambda p: (p.first is None, p.first or 0, p.id)):
        best, best_score = -1, -math.inf
        if lines and p.n_embedded > 0:
            content = means[: len(lines)] @ _unit(p.centroid.astype(np.float32))
            for i in np.argsort(-content, kind="stable")[: cfg.candidates]:
                c = float(content[i])
                if c < cfg.min_content:
                    break
                line = lines[i]
                actors = shared(p.actors, p.n_docs, line.actors, line.n_docs, rarity)
                keys = actors + shared(p.terms, p.n_docs, line.terms, line.n_docs, rarity)
                gap = _gap(p.first, p.last, line.first, line.last)
                score = c + cfg.key_weight * keys - cfg.gap_weight * math.log1p(gap / cfg.gap_days)
                if min(len(p.actors), len(line.actors)) >= cfg.distinct_actors and actors < cfg.distinct_share:
                    # its own main actors are elsewhere: another matter (a storyline naming no actors, its
                    # articles in a language whose names no earlier article made known, says nothing of it)
                    score -= cfg.distinct_penalty
                own = [(p.first, p.last)] if p.first is not None and p.last is not None else []
                score += cfg.ref_weight * back_reference(p.refs, line.spans, own)
                if p.previous is not None and line.previous.get(p.previous):
                    score += cfg.sticky
                if score > best_score:
                    best, best_score = int(i), score
        if best < 0 or best_score < cfg.join:
            best = len(lines)
            lines.append(Storyline(""))
        lines[best].add(p)
        means[best] = lines[best].mean()
    return lines


def _core_actors(line: Storyline) -> int:
    share = current().storylines.core_share
    return sum(1 for c in line.actors.values() if line.n_docs and c / line.n_docs >= share)


def _merge_score(a: Storyline, b: Storyline, content: float, rarity: Rarity) -> float:
    cfg = current().storylines
    actors = core_similarity(a.actors, a.n_docs, b.actors, b.n_docs, rarity)
    cores = actors + core_similarity(a.terms, a.n_docs, b.terms, b.n_docs, rarity)
    distinct = min(_core_actors(a), _core_actors(b)) >= cfg.distinct_actors and actors < cfg.distinct_core
    refs = 0.0 if distinct else max(back_reference(a.refs, b.spans, a.spans), back_reference(b.refs, a.spans, b.spans))
    gap = _gap(a.first, a.last, b.first, b.last)
    score = (
        content
        + cfg.merge_key_weight * cores
        + cfg.ref_weight * refs
        - cfg.gap_weight * math.log1p(gap / cfg.merge_gap_days)
    )
    return score - cfg.distinct_penalty if distinct else score


def _merge(lines: list[Storyline], rarity: Rarity) -> list[Storyline]:
    """Merge pairs of storylines, best pair first (each storyline once a round), until none reaches
    ``storylines.merge``. Content is compared as one matrix product; cores only for pairs alike enough."""
    cfg = current().storylines
    while len(lines) > 1:
        means = np.stack([line.mean() for line in lines]).astype(np.float32)
        pairs = []
        for i in range(len(lines) - 1):
            row = means[i + 1 :] @ means[i]
            for j in np.flatnonzero(row >= cfg.merge_min_content):
                other = i + 1 + int(j)
                score = _merge_score(lines[i], lines[other], float(row[j]), rarity)
                if score >= cfg.merge:
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
