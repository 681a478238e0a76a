"""One pass over a parsed document: the indexes every quote finder shares, and the candidate type."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.quotes.cues import (
    ATTITUDE_VERBS,
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    PARTICLE_VERBS,
    SPEECH_VERBS,
    XCOMP_VERBS,
)
from storyline.extract.quotes.marks import paragraphs

CUE_VERBS = SPEECH_VERBS | ATTITUDE_VERBS | XCOMP_VERBS


@dataclass
class Candidate:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    pieces: list[tuple[int, int]]  # the text of the quote (several pieces for split quotes)
    kind: str  # "direct" | "indirect"
    cue: Any = None  # the reporting verb or statement noun (a spaCy Token)
    cue_text: str | None = None
    speaker_tok: Any = None  # head of the speaker phrase
    speaker_name: str | None = None  # a speaker named outright (captions, transcripts)
    speaker_pos: int | None = None
    continuation: bool = False  # a quote with no attribution of its own: the previous speaker's
    short: bool = False  # too short to stand alone: only as the continuation of a quote of its paragraph
    date_spans: list[tuple[int, int]] = field(default_factory=list)  # where a date of the statement may sit
    para: int = 0
    speaker: Any = None  # speakers.Speaker, once resolved
    said_on: str | None = None


def is_cue_verb(tok: Any) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in CUE_VERBS:
        return False
    particle = PARTICLE_VERBS.get(tok.lemma_.lower())
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


class Context:
    """Offsets, sentences, paragraphs and the cue words of one document, gathered in one token pass."""

    def __init__(self, text: str, sdoc: Any) -> None:
        self.text = text
        self.sdoc = sdoc
        self.paras = paragraphs(text)
        self._para_starts = [p[0] for p in self.paras]
        self.starts: list[int] = []
        self.sent_first: list[int] = []  # token index of each sentence's first token
        self.cue_verbs: list[Any] = []
        self.according: list[Any] = []
        self.subjects: list[Any] = []  # subjects of main clauses, for pronoun resolution
        self.pronouns: list[tuple[int, str]] = []  # (token index, "m" | "f") of he/she and their forms
        for tok in sdoc:
            self.starts.append(tok.idx)
            if tok.is_sent_start:
                self.sent_first.append(tok.i)
            low = tok.lower_
            if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
                self.pronouns.append((tok.i, "m" if low in MALE_PRONOUNS else "f"))
            dep = tok.dep_
            if dep == "nsubj":
                head = tok.head
                if head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"):
                    self.subjects.append(tok)
            if is_cue_verb(tok):
                self.cue_verbs.append(tok)
            elif low == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
                self.according.append(tok)
        if not self.sent_first or self.sent_first[0] != 0:
            self.sent_first.insert(0, 0)

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
