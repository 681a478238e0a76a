"""Names across languages and scripts: "Станимир Ведрак", "스타니미르 베드라크" and "Stanimir Vedrak".

A mention of a document in another language joins an actor when its name has the consonant skeleton
(``storyline.transliterate``) of a name the actor already has, word by word, and no other actor in
scope has that skeleton:

- a full name ("Jelisaweta Dronskaja", "エリザベータ・ドロンスカヤ") matches a full name with as many
  words, every word alike, or a name a script writes without spaces ("김민서") matches one read as a
  single word; such matches also hold across the whole corpus when the name says enough
  (``scripts.corpus_strength`` consonant classes, ``storyline.settings``);
- a single word matches a single-word name, or the last word of one person's full name ("Бреннвика",
  "브렌비크"), only within a story, and only when its skeleton has ``scripts.min_skeleton`` classes or more;
- a person joins a person; a place, a body or a weak candidate (type MISC: a capitalised word, a bare
  katakana run) may join a place or a body.

Names that match word by word are one actor in every language they appear in, so a full name joins
all the groups it matches; a single word joins all of its matches unless they hold the full names of
two different people ("브렌비크" stays apart when the story has both Eskil and Aksel Brännvik).
A weak candidate that joins nothing gets no entity (``weak_unjoined``); a strong foreign name that
matches no actor opens an actor of its own, kept apart until such evidence joins it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from storyline.link.entities.records import Rec, UnionFind
from storyline.settings import current
from storyline.transliterate import joined_skeleton, name_words, strength, word_skeletons

WEAK = "MISC"
_PERSON = {"PERSON"}
_OPEN = {"GPE", "LOC", "ORG", "FAC", "NORP", WEAK}  # places and bodies may stand for each other across languages


@dataclass
class Shape:
    words: list[set[str]]  # skeletons of each word (inflected forms included)
    joined: str  # the whole name as one word
    strength: int  # consonant classes of the weakest reading of the whole name


def shape(rec: Rec) -> Shape | None:
    return _shape_of(rec.text, rec.lang)


# A name is written the same way in many articles: its shape is worked out once (shapes are only read).
@lru_cache(maxsize=1 << 16)
def _shape_of(text: str, lang: str | None) -> Shape | None:
    ws = name_words(text)
    if not ws:
        return None
    sk = [word_skeletons(w, lang) for w in ws]
    if not all(sk):
        return None
    joined = joined_skeleton(text, lang)
    return Shape(sk, joined, sum(min(strength(s) for s in word) for word in sk))


def _compatible(f: Rec, c: Rec) -> bool:
    if f.type == WEAK or c.type == WEAK:
        return f.type in _OPEN | _PERSON and c.type in _OPEN | _PERSON
    if f.type in _PERSON or c.type in _PERSON:
        return f.type in _PERSON and c.type in _PERSON
    if f.type == "LAW" or c.type == "LAW":
        return f.type == c.type
    return f.type in _OPEN and c.type in _OPEN


def _full(a: Shape, b: Shape) -> bool:
    if len(a.words) == len(b.words) and len(a.words) >= 2:
        return all(x & y for x, y in zip(a.words, b.words, strict=True))
    return len(a.words) != len(b.words) and bool(a.joined) and a.joined == b.joined and strength(a.joined) >= 4


class CrossLanguage:
    """Matches foreign mentions to actors, over indexes of skeletons (never all pairs)."""

    def __init__(self, recs: list[Rec], uf: UnionFind) -> None:
        self.recs = recs
        self.uf = uf
        self.shapes: dict[int, Shape | None] = {}

    def _shape(self, i: int) -> Shape | None:
        if i not in self.shapes:
            self.shapes[i] = shape(self.recs[i])
        return self.shapes[i]

    def _size(self, i: int) -> int:
        """How many words the name of mention ``i`` has (0: no name to compare)."""
        sh = self._shape(i)
        return len(sh.words) if sh else 0

    def run(self, idx: list[int], corpus: bool = False) -> None:
        """Join the foreign mentions of ``idx`` to the actors of ``idx``. ``corpus``: only full names
        strong enough to hold outside a story."""
        recs = self.recs
        if not any(recs[i].lang for i in idx):
            return  # an English-only story: nothing to do, nothing computed
        cfg = current().scripts
        by_last: dict[str, set[int]] = defaultdict(set)
        by_joined: dict[str, set[int]] = defaultdict(set)
        for i in idx:
            r = recs[i]
            if r.descriptor or r.type == WEAK:
                continue
            sh = self._shape(i)
            if sh is None:
                continue
            for sk in sh.words[-1]:
                by_last[sk].add(i)
            if sh.joined:
                by_joined[sh.joined].add(i)
        foreign = [i for i in idx if recs[i].lang and not recs[i].descriptor]
        # full names first: they tie whole actors together, then single words can find them
        foreign.sort(key=lambda i: -self._size(i))
        for i in foreign:
            f = recs[i]
            sh = self._shape(i)
            if sh is None:
                continue
            if corpus and (len(sh.words) < 2 or sh.strength < cfg.corpus_strength):
                continue
            cands = set().union(*(by_last.get(sk, set()) for sk in sh.words[-1]))
            cands |= by_joined.get(sh.joined, set()) if sh.joined else set()
            full: set[int] = set()
            partial: set[int] = set()
            people: set[str] = set()  # the full names a surname alone could stand for
            for j in cands:
                if j == i or (recs[j].doc == f.doc and recs[j].text == f.text) or not _compatible(f, recs[j]):
                    continue
                other = self._shape(j)
                if other is None:
                    continue
                if _full(sh, other):
                    full.add(self.uf.find(j))
                elif corpus:
                    continue
                elif len(sh.words) == 1 and min(strength(s) for s in sh.words[0]) >= cfg.min_skeleton:
                    if len(other.words) == 1:
                        partial.add(self.uf.find(j))  # "베스카리아" / "Veskaria", "Ведрака" / "Vedrak"
                    elif recs[j].type in _PERSON:
                        partial.add(self.uf.find(j))  # "Бреннвика" / "Eskil Brännvik"
                        people.add(other.joined)
            # Every full match names the same actor (word by word alike): they all join. A single word joins
            # what it matches unless it could be the surname of two different people.
            targets = full or (partial if len(people) <= 1 else set())
            for root in targets:
                self.uf.union(i, root)


def weak_unjoined(recs: list[Rec], uf: UnionFind) -> set[int]:
    """Weak candidates whose group holds no strong mention: they name no known actor and get no entity."""
    strong_roots = {uf.find(i) for i, r in enumerate(recs) if r.type != WEAK}
    return {i for i, r in enumerate(recs) if r.type == WEAK and uf.find(i) not in strong_roots}
