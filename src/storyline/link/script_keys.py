"""Actor keys across scripts: the known actors an article in another language names.

Story clustering and storyline linking compare documents by actor keys (``stories.actor_keys``: slugs
of English mention texts). An article in another language names the same actors in its own spelling or
script ("Вескарии", "베스카리아", "Veskarien" for "Veskaria"), so its slugs would be keys of their own
and pull it away from its story. Instead, its names are compared with the keys already known (those
earlier documents counted) by their consonant skeletons (``storyline.transliterate``), word by word,
and it gets the keys they match:

- only keys already known: a name that matches none adds nothing (never a key of its own);
- a name (or a run of up to ``scripts.run_words`` of its words: extracted names are often too long, "Вескарии
  Станимир Ведрак") matches a key with as many words, each word alike; a name written without spaces
  may match a key of several words read as one (as ``crosslang`` does, with ``scripts.joined_strength`` classes);
- a key needs ``scripts.min_skeleton`` consonant classes in all, so short names never match by chance;
- a reading of a name whose skeleton two known keys share matches neither, unless they are forms of one
  name (a country and its people: "morvania", "morvanian").

The index of the known keys' skeletons is built the first time an article in another language comes,
and kept up to date as keys become known; English-only builds never build it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import product

from storyline.settings import current
from storyline.transliterate import joined_skeleton, name_words, skeleton, strength, word_skeletons

# Thresholds: ``storyline.settings`` (group ``scripts``).


class KeySkeletons:
    """Known actor keys ("stanimir-vedrak", "veskaria") by the skeletons of their words."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.by_words: dict[tuple[str, ...], set[str]] = {}  # one skeleton per word → keys
        self.by_joined: dict[str, set[str]] = {}  # the words read as one → keys of several words
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        cfg = current().scripts
        words = [w for w in key.split("-") if w]
        sks = tuple(skeleton(w) for w in words)
        if not sks or not all(sks) or sum(strength(s) for s in sks) < cfg.min_skeleton:
            return
        self.by_words.setdefault(sks, set()).add(key)
        if len(words) > 1:
            joined = joined_skeleton(" ".join(words), None)
            if strength(joined) >= cfg.joined_strength:
                self.by_joined.setdefault(joined, set()).add(key)

    def match(self, words: list[str], lang: str | None) -> set[str]:
        """The known keys a run of words names: for each reading of it (each word as written or with an
        inflection taken off: "Veskarien" reads as "Veskarien" and "Veskari"), the one key with that
        skeleton; a skeleton that two known keys share names neither."""
        cfg = current().scripts
        readings = [word_skeletons(w, lang) for w in words]
        if not all(readings) or math.prod(len(r) for r in readings) > cfg.max_readings:
            return set()
        found: set[str] = set()
        for combo in product(*readings):
            keys = self.by_words.get(combo, set())
            if len(combo) == 1 and strength(combo[0]) >= cfg.joined_strength:
                keys = keys | self.by_joined.get(combo[0], set())
            if keys and (len(keys) == 1 or _one_name(keys)):
                found |= keys
        return found


def _one_name(keys: set[str]) -> bool:
    """Keys that differ only by an ending are forms of one name ("morvania", "morvanian": a country and its
    people share the skeleton of the name); any other keys sharing a skeleton are different actors."""
    stem = min(keys, key=len)[:-1]
    return all(k.startswith(stem) for k in keys)


def runs(name: str) -> list[list[str]]:
    """The runs of up to ``scripts.run_words`` consecutive words of a name, longest first."""
    words = name_words(name)
    longest = min(current().scripts.run_words, len(words))
    return [words[i : i + n] for n in range(longest, 0, -1) for i in range(len(words) - n + 1)]


def script_keys(names: Iterable[str], lang: str | None, index: KeySkeletons) -> set[str]:
    """The known keys the ``names`` of an article in language ``lang`` match, run by run of their words."""
    out: set[str] = set()
    for name in set(names):
        for words in runs(name):
            out |= index.match(words, lang)
    return out
