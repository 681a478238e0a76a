"""The merge rules, each over an index built in one pass (never all pairs).

Document rules run on the mentions of one document, story rules on the mentions of one story; a rule
that needs "the only X in scope" counts the distinct groups (union-find roots) that could be meant
and merges only when there is exactly one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from storyline.link.entities.records import (
    AGREEMENT_WORDS,
    FEATURE_WORDS,
    Rec,
    UnionFind,
    chamber,
    is_agreement,
    single_word,
)
from storyline.names import content_words, initials, is_acronym, same_place, stem

_PLACE_TYPES = {"GPE", "LOC", "NORP"}
_CLASS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "NORP": "norp",
    "ORG": "org",
    "FAC": "org",
    "LAW": "thing",
    "WORK_OF_ART": "thing",
    "EVENT": "thing",
    "PRODUCT": "thing",
}
# Text between two mentions that says they name the same thing.
_PAREN = re.compile(r"^\s*\(\s*(?:the\s+)?$", re.I)
_AKA = re.compile(
    r"^\s*,?\s*\(?\s*(?:also\s+|otherwise\s+|better\s+|formerly\s+)?(?:known\s+as|a\.?k\.?a\.?)\s+(?:the\s+)?$",
    re.I,
)
_OR = re.compile(r"^\s*,\s+or\s+(?:the\s+)?$", re.I)
_APPOSITION = re.compile(r"^\s*,\s+(?:the\s+)?$", re.I)
_CLOSES = re.compile(r"^\s*[,;.)(]")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def cls(rec: Rec) -> str:
    return _CLASS.get(rec.type, "other")


class Rules:
    def __init__(self, recs: list[Rec], uf: UnionFind) -> None:
        self.recs = recs
        self.uf = uf

    def _unique_union(self, i: int, roots: Iterable[int]) -> bool:
        found = {self.uf.find(r) for r in roots}
        found.discard(self.uf.find(i))
        if len(found) == 1:
            self.uf.union(i, next(iter(found)))
            return True
        return False

    # ---- people ---------------------------------------------------------------------------

    def surnames(self, idx: list[int], allow_any_type: bool) -> None:
        """A single word that is the first or last word of exactly one full name in scope joins it."""
        recs, uf = self.recs, self.uf
        by_word: dict[str, set[int]] = defaultdict(set)
        for i in idx:
            r = recs[i]
            if len(r.person) >= 2:
                root = uf.find(i)
                by_word[r.person[0]].add(root)
                by_word[r.person[-1]].add(root)
        if not by_word:
            return
        for i in idx:
            r = recs[i]
            if r.resolved or not single_word(r) or (r.type != "PERSON" and not allow_any_type):
                continue
            if r.type in {"NORP", "LAW", "EVENT", "WORK_OF_ART"}:
                continue
            word = r.person[0] if r.person else _fold_word(r.key)
            roots = by_word.get(word)
            if roots and self._unique_union(i, roots):
                r.resolved = True

    def middle_initials(self, idx: list[int]) -> None:
        """ "Donald Smith" joins "Donald J. Smith" when only one such initialled variant is in scope
        (never "George Bush" when both "George W. Bush" and "George H. W. Bush" are)."""
        recs, uf = self.recs, self.uf
        initialled: dict[tuple[str, str], set[int]] = defaultdict(set)
        plain: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in idx:
            p = recs[i].person
            if len(p) >= 3 and all(len(t) == 1 for t in p[1:-1]):
                initialled[(p[0], p[-1])].add(uf.find(i))
            elif len(p) == 2:
                plain[(p[0], p[1])].append(i)
        for base, members in plain.items():
            roots = initialled.get(base)
            if roots:
                self._unique_union(members[0], roots)

    # ---- what the text itself says --------------------------------------------------------

    def equations(self, text: str, idx: list[int]) -> None:
        """ "X (Y)", "X, also known as Y", "X, or Y,", "the lower house, the State Assembly,"."""
        recs = self.recs
        order = sorted(idx, key=lambda i: (recs[i].start, -recs[i].end))
        for pos in range(1, len(order)):
            b = recs[order[pos]]
            prev = recs[order[pos - 1]]
            gap = text[prev.end : b.start] if prev.end <= b.start else None
            if gap is None:
                continue
            after = text[b.end : b.end + 3]
            if _PAREN.match(gap) and after.lstrip().startswith(")"):
                self._parenthetical(text, order, pos)
            elif _AKA.match(gap) and _compatible(prev, b, people=True):
                self.uf.union(order[pos - 1], order[pos])
            elif _OR.match(gap) and _CLOSES.match(after) and _compatible(prev, b) and cls(b) in {"org", "thing"}:
                self.uf.union(order[pos - 1], order[pos])
            elif (
                _APPOSITION.match(gap)
                and _CLOSES.match(after)
                and (prev.descriptor != b.descriptor or chamber(prev) or chamber(b))
                and _compatible(prev, b)
            ):
                self.uf.union(order[pos - 1], order[pos])

    def _parenthetical(self, text: str, order: list[int], pos: int) -> None:
        """The mention in brackets names the nearest earlier mention of its kind in the sentence."""
        recs = self.recs
        b = recs[order[pos]]
        for back in range(pos - 1, max(pos - 6, -1), -1):
            a = recs[order[back]]
            if b.start - a.end > 120 or _SENTENCE_BREAK.search(text, a.end, b.start):
                return
            if _compatible(a, b):
                self.uf.union(order[back], order[pos])
                return
            if a.type not in _PLACE_TYPES:
                return

    def places(self, text: str, idx: list[int]) -> None:
        """The country a description belongs to: "Italy's lower house", "the Italian lower house"."""
        recs = self.recs
        order = sorted(idx, key=lambda i: recs[i].start)
        for pos in range(1, len(order)):
            r = recs[order[pos]]
            prev = recs[order[pos - 1]]
            if r.descriptor and (prev.type in _PLACE_TYPES or prev.country):
                gap = text[prev.end : r.start]
                if gap in {" ", "'s ", "’s "}:
                    r.place = stem(prev.text)

    # ---- organisations, agreements, descriptions ------------------------------------------

    def qualified(self, idx: list[int]) -> None:
        """ "Foreign Ministry" joins "Italian Foreign Ministry" when no other country's one is in scope."""
        recs = self.recs
        by_base: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            r = recs[i]
            if r.descriptor or r.type not in {"ORG", "FAC"}:
                continue
            by_base[r.qual[1] if r.qual else r.key].append(i)
        for members in by_base.values():
            stems: list[list[int]] = []  # groups of qualified members with matching places
            places: list[str] = []  # the place of each group's first member
            bare = []
            for i in members:
                q = recs[i].qual
                if q is None:
                    bare.append(i)
                    continue
                for group, place in zip(stems, places, strict=True):
                    if same_place(place, q[0]):
                        group.append(i)
                        break
                else:
                    stems.append([i])
                    places.append(q[0])
            for group in stems:
                for i in group[1:]:
                    self.uf.union(group[0], i)
            if len(stems) == 1 and bare:
                for i in bare:
                    self.uf.union(stems[0][0], i)

    def agreements(self, idx: list[int]) -> None:
        """An agreement named by part of a longer name joins the only longer one in scope.

        "the Israel-Egypt treaty" ⊂ "Egypt-Israel Peace Treaty"; "the free trade agreement" ⊂
        "North American Free Trade Agreement". Word sets are compared, agreement nouns aside.
        """
        recs = self.recs
        laws = [i for i in idx if recs[i].type == "LAW" and is_agreement(recs[i])]
        if len(laws) < 2:
            return
        sets = {i: frozenset(w for w in content_words(recs[i].text) if w not in AGREEMENT_WORDS) for i in laws}
        by_word: dict[str, set[int]] = defaultdict(set)
        for i in laws:
            for w in sets[i]:
                by_word[w].add(i)
        for i in sorted(laws, key=lambda i: len(sets[i])):
            words = sets[i]
            if not words:
                continue
            cands = set.intersection(*(by_word[w] for w in words))
            roots = {self.uf.find(j) for j in cands if len(sets[j]) > len(words) or not recs[j].descriptor}
            self._unique_union(i, roots)

    def descriptions(self, idx: list[int]) -> None:
        """ "a joint commission" joins the only named body in scope that has those words and that head."""
        recs = self.recs
        named: dict[str, set[int]] = defaultdict(set)  # word → named ORG mentions
        for i in idx:
            r = recs[i]
            if not r.descriptor and r.type in {"ORG", "FAC"}:
                for w in r.key.split():
                    named[w].add(i)
        if not named:
            return
        for i in idx:
            r = recs[i]
            if not r.descriptor or r.type == "LAW" or chamber(r):
                continue
            words = r.key.split()
            if any(w not in named for w in words):
                continue
            cands = set.intersection(*(named[w] for w in words))
            head = words[-1]
            roots = {self.uf.find(j) for j in cands if recs[j].key.split()[-1] == head}
            self._unique_union(i, roots)

    def chambers(self, idx: list[int]) -> None:
        """ "the upper house", "Senate", "the Polish House of Representatives": generic chamber names join
        the one body of that chamber the story names elsewhere ("the lower house (Sejm)")."""
        recs, uf = self.recs, self.uf
        clusters: dict[int, list[int]] = defaultdict(list)
        for i in idx:
            clusters[uf.find(i)].append(i)
        bound: dict[str, list[tuple[int, set[str]]]] = defaultdict(list)
        loose: list[tuple[int, str, set[str]]] = []
        for root, members in clusters.items():
            roles = {c for c in (chamber(recs[i]) for i in members) if c}
            if not roles:
                continue
            places = {p for p in (_place_of(recs[i]) for i in members) if p}
            generic = all(chamber(recs[i]) for i in members)
            if generic and len({recs[i].key for i in members}) == 1 and len(roles) == 1:
                loose.append((root, next(iter(roles)), places))
            else:
                for role in roles:
                    bound[role].append((root, places))
        for root, role, places in loose:
            fits = {
                r
                for r, ps in bound.get(role, [])
                if not ps or not places or any(same_place(a, b) for a in ps for b in places)
            }
            self._unique_union(root, fits)

    def features(self, idx: list[int]) -> None:
        """ "the Volta" joins "Volta River" when only one river, lake ... of that name is in scope."""
        recs = self.recs
        by_first: dict[str, set[int]] = defaultdict(set)
        for i in idx:
            r = recs[i]
            words = r.key.split()
            if not r.descriptor and r.type in {"LOC", "GPE", "FAC"} and len(words) == 2 and words[1] in FEATURE_WORDS:
                by_first[words[0]].add(self.uf.find(i))
        if not by_first:
            return
        for i in idx:
            r = recs[i]
            if not r.resolved and single_word(r) and r.type != "NORP" and r.key in by_first:
                if self._unique_union(i, by_first[r.key]):
                    r.resolved = True


def _place_of(rec: Rec) -> str | None:
    return rec.place or (rec.qual[0] if rec.qual else None)


def _fold_word(key: str) -> str:
    from storyline.names import fold

    return fold(key)


def _compatible(a: Rec, b: Rec, people: bool = False) -> bool:
    """Can these two mentions name one thing? Acronyms must spell the other's initials."""
    for short, long in ((a, b), (b, a)):
        if is_acronym(short.text) and not is_acronym(long.text):
            return initials(long.text) == short.key.replace(" ", "")
    ca, cb = cls(a), cls(b)
    if a.descriptor or b.descriptor:
        if a.descriptor and b.descriptor:
            return False
        desc, name = (a, b) if a.descriptor else (b, a)
        want = "thing" if desc.type == "LAW" else "org"
        return cls(name) == want
    if ca != cb:
        return False
    if ca == "person":
        return people
    return ca in {"org", "thing"}
