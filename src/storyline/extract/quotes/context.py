"""One pass over a parsed document: the indexes every quote finder shares, and the candidate type."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS, SENT_START
from spacy.symbols import AUX, VERB

from storyline.extract.quotes.cues import (
    ATTITUDE_VERBS,
    FEMALE_PRONOUNS,
    FRAME_VERBS,
    MALE_PRONOUNS,
    PARTICLE_VERBS,
    SPEECH_VERBS,
    XCOMP_VERBS,
)
from storyline.extract.quotes.marks import paragraphs
from storyline.model import QuoteKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token

    from storyline.extract.quotes.speakers import Speaker

CUE_VERBS = SPEECH_VERBS | ATTITUDE_VERBS | XCOMP_VERBS


@dataclass
class Candidate:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    pieces: list[tuple[int, int]]  # the text of the quote (several pieces for split quotes)
    kind: QuoteKind
    cue: Token | None = None  # the reporting verb or statement noun
    cue_text: str | None = None
    speaker_tok: Token | None = None  # head of the speaker phrase
    speaker_name: str | None = None  # a speaker named outright (captions, transcripts)
    speaker_pos: int | None = None
    continuation: bool = False  # a quote with no attribution of its own: the previous speaker's
    short: bool = False  # too short to stand alone: only as the continuation of a quote of its paragraph
    date_spans: list[tuple[int, int]] = field(default_factory=list)  # where a date of the statement may sit
    para: int = 0
    speaker: Speaker | None = None  # once resolved
    said_on: str | None = None


def is_cue_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in CUE_VERBS:
        return False
    particle = PARTICLE_VERBS.get(tok.lemma_.lower())
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


class _Ids:
    """The vocabulary's ids of the words the token pass looks for (symbols for labels, hashes for words)."""

    def __init__(self, strings: StringStore) -> None:
        def ids(words: Iterable[str]) -> np.ndarray:
            return np.array(sorted(strings[w] for w in words), dtype="uint64")

        self.cue_lemmas = ids(CUE_VERBS)
        self.frame_lemmas = ids(FRAME_VERBS)
        self.verb_pos = np.array([VERB, AUX], dtype="uint64")
        self.male, self.female = ids(MALE_PRONOUNS), ids(FEMALE_PRONOUNS)
        self.nsubj, self.root, self.conj = strings["nsubj"], strings["ROOT"], strings["conj"]
        self.according, self.to = strings["according"], strings["to"]


_IDS: dict[int, _Ids] = {}


class Context:
    """Offsets, sentences, paragraphs and the cue words of one document, read in one pass over the
    token array (no Python object per token)."""

    def __init__(self, text: str, sdoc: Doc) -> None:
        self.text = text
        self.sdoc = sdoc
        self.paras = paragraphs(text)
        self._para_starts = [p[0] for p in self.paras]
        ids = _IDS.get(id(sdoc.vocab.strings))
        if ids is None:
            ids = _IDS[id(sdoc.vocab.strings)] = _Ids(sdoc.vocab.strings)
        arr = sdoc.to_array([IDX, SENT_START, LEMMA, POS, DEP, LOWER, HEAD])
        n = len(arr)
        self.starts: list[int] = arr[:, 0].tolist()
        self.sent_first: list[int] = np.flatnonzero(arr[:, 1] == 1).tolist()  # first token of each sentence
        if not self.sent_first or self.sent_first[0] != 0:
            self.sent_first.insert(0, 0)
        cue = np.flatnonzero(np.isin(arr[:, 2], ids.cue_lemmas) & np.isin(arr[:, 3], ids.verb_pos))
        self.cue_verbs: list[Token] = [t for t in (sdoc[int(i)] for i in cue) if is_cue_verb(t)]
        acts = np.flatnonzero(np.isin(arr[:, 2], ids.frame_lemmas) & np.isin(arr[:, 3], ids.verb_pos))
        self.speech_acts: list[Token] = [sdoc[int(i)] for i in acts]
        lower = arr[:, 5]
        male, female = np.isin(lower, ids.male), np.isin(lower, ids.female)
        # (token index, "m" | "f") of he/she and their forms
        self.pronouns: list[tuple[int, str]] = sorted(
            [(int(i), "m") for i in np.flatnonzero(male)] + [(int(i), "f") for i in np.flatnonzero(female)]
        )
        nxt = np.append(lower[1:], np.uint64(0)) if n else lower
        self.according: list[Token] = [sdoc[int(i)] for i in np.flatnonzero((lower == ids.according) & (nxt == ids.to))]
        # subjects of main clauses (of the root, or of a verb coordinated with it), for pronoun resolution
        dep = arr[:, 4]
        head = np.arange(n) + arr[:, 6].view("int64")
        head_dep = dep[head] if n else dep
        grand_dep = dep[head[head]] if n else dep
        main = (dep == ids.nsubj) & ((head_dep == ids.root) | ((head_dep == ids.conj) & (grand_dep == ids.root)))
        self.subjects: list[Token] = [sdoc[int(i)] for i in np.flatnonzero(main)]

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [lo, hi) of the tokens starting inside the character span."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def sent_of(self, i: int) -> int:
        return bisect.bisect_right(self.sent_first, i) - 1

    def sent_tokens(self, s: int) -> tuple[int, int]:
        hi = self.sent_first[s + 1] if s + 1 < len(self.sent_first) else len(self.sdoc)
        return self.sent_first[s], hi

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    def tok_end(self, i: int) -> int:
        tok = self.sdoc[i]
        return tok.idx + len(tok.text)
