"""Who a speaker phrase refers to, inside one document.

A speaker is named by the fullest form the document uses ("Berg" → "Tomas Berg"), and
anchored on a named mention so the link stage can map it to an entity. Pronouns go to the most
recent compatible speaker or main-clause subject; a definite title ("the minister") to the person
the document gave that title; a relative pronoun to the noun it modifies.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.extract.quotes.cues import (
    AGENT_NOUNS,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    GENDERED_NOUNS,
    HONORIFICS,
    LEGAL_TEXTS,
    MALE_PRONOUNS,
    MEDIA_NAME_WORDS,
    MEDIA_NOUNS,
    NEUTER_PRONOUNS,
    NEUTRAL_HONORIFICS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    title_key,
)
from storyline.model import Mention

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

_PERSONAL = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS | FIRST_PERSON
_AGENT_ENDINGS = ("ist", "ian", "er", "or", "ant", "ent", "eer", "ee")
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"})
_NP_DEPS = frozenset({"compound", "amod", "det", "nummod", "poss", "case", "nmod", "quantmod", "advmod"})


@dataclass
class Speaker:
    name: str | None
    type: str | None = None  # PERSON | ORG | GPE | NORP | GROUP (a plural noun phrase) | None
    start: int | None = None  # a named mention of the speaker
    end: int | None = None
    plural: bool = False


def _strip_honorific(words: list[str], person: bool = True) -> list[str]:
    """Drop honorifics and titles the recognizer took into a person's name ("Mr.", "Spokesperson Lena Ortiz")."""
    while person and len(words) > 1 and words[1][:1].isupper():
        first = words[0].lower()
        if first not in HONORIFICS and first not in NEUTRAL_HONORIFICS and first not in AGENT_NOUNS:
            break
        words = words[1:]
    return words


def _agentive(tok: Token) -> bool:
    """People, groups and institutions: listed nouns, and agent nouns by their ending (commissioner, sponsor)."""
    lemma = tok.lemma_.lower()
    if lemma in LEGAL_TEXTS:
        return False
    return lemma in AGENT_NOUNS or lemma.endswith(_AGENT_ENDINGS)


class Resolver:
    """Speaker resolution for one document; call in text order (salience grows as it reads)."""

    def __init__(
        self,
        text: str,
        sdoc: Doc,
        mentions: list[Mention],
        subjects: list[Token],
        pronouns: list[tuple[int, str]] | None = None,
        sent_of: Callable[[int], int] | None = None,
        tok_starts: list[int] | None = None,
    ) -> None:
        """``subjects``: main-clause subject tokens in text order; ``pronouns``: (token index, "m"/"f") of
        gendered pronouns, with ``sent_of`` (token index → sentence index) and the tokens' character
        offsets ``tok_starts`` to learn who they refer to."""
        self.text = text
        self.sdoc = sdoc
        self._tok_starts = tok_starts or []
        surnames = {m.text.split()[-1] for m in mentions if m.type == "PERSON" and len(m.text.split()) > 1}
        # a surname alone is often tagged as an organisation or a place: it is the person
        self.mentions = sorted(
            (Mention(m.text, m.start, m.end, "PERSON") if m.type != "PERSON" and m.text in surnames else m
             for m in mentions if m.type in SPEAKER_TYPES),
            key=lambda m: m.start,
        )  # fmt: skip
        self._starts = [m.start for m in self.mentions]
        self._by_text: dict[str, list[int]] = {}
        self._full: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (type, last word) → fuller names
        self.titles: dict[str, list[tuple[int, str, frozenset[str]]]] = {}
        self.gender: dict[str, str] = {}
        self._pending = subjects  # main-clause subject tokens, in text order
        self._next_subject = 0
        self.salient: list[tuple[int, Speaker]] = []
        for i, m in enumerate(self.mentions):
            self._by_text.setdefault(m.text, []).append(i)
            words = _strip_honorific(m.text.split(), m.type == "PERSON")
            if m.type in ("PERSON", "ORG") and len(words) > 1:
                self._full.setdefault((m.type, words[-1].lower()), []).append((m.start, " ".join(words)))
                if m.type == "PERSON":  # family name first ("Park Min-jun", later "Park")
                    self._full.setdefault(("FAMILY", words[0].lower()), []).append((m.start, " ".join(words)))
        for m in self.mentions:
            if m.type == "PERSON":
                self._learn_person(m)
        if pronouns and sent_of is not None and self._tok_starts:
            self._learn_gender(pronouns, sent_of)

    def _learn_gender(self, pronouns: list[tuple[int, str]], sent_of: Callable[[int], int]) -> None:
        """'Trump ... his plan': a sentence that names one person, then uses only he or only she (in it
        or in the next sentence, if that one names nobody), votes for that person's gender."""
        people: dict[int, set[str]] = {}
        for m in self.mentions:
            if m.type == "PERSON":
                i = bisect.bisect_left(self._tok_starts, m.start)
                people.setdefault(sent_of(i), set()).add(self.canonical(m.text, "PERSON", m.start))
        said: dict[int, set[str]] = {}
        for i, g in pronouns:
            said.setdefault(sent_of(i), set()).add(g)
        votes: dict[str, dict[str, int]] = {}
        for sent, names in people.items():
            if len(names) != 1:
                continue
            genders = said.get(sent, set()) | (said.get(sent + 1, set()) if sent + 1 not in people else set())
            if len(genders) == 1:
                (name,), (g,) = names, genders
                votes.setdefault(name, {}).setdefault(g, 0)
                votes[name][g] += 1
        for name, v in votes.items():
            best = max(v, key=lambda g: v[g])
            if name not in self.gender and v[best] > 2 * sum(n for g, n in v.items() if g != best):
                self.gender[name] = best

    # ---- what the document says about people -----------------------------------------------

    def _learn_person(self, m: Mention) -> None:
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            return
        name = self.canonical(m.text, "PERSON", m.start)
        root = span.root
        words: list[Token] = []
        lo = root.left_edge.i
        if lo < span.start:
            words.extend(self.sdoc[lo : span.start])
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                words.extend(t for t in child.subtree if t.i <= child.i)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            words.extend(t for t in root.head.subtree if t.i <= root.head.i)
        prev = self.sdoc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.lower_ in HONORIFICS:
            self.gender.setdefault(name, HONORIFICS[prev.lower_])
        first = span[0].lower_
        if first in HONORIFICS:
            self.gender.setdefault(name, HONORIFICS[first])
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN") and not t.ent_type_ == "PERSON"]
        mods = frozenset(t.lower_ for t in words if t.pos_ in ("PROPN", "ADJ", "NOUN"))
        for t in nouns:
            lemma = t.lemma_.lower()
            if lemma in GENDERED_NOUNS:
                self.gender.setdefault(name, GENDERED_NOUNS[lemma])
            self.titles.setdefault(title_key(lemma), []).append((m.start, name, mods))

    def add_title(self, name: str, title_words: list[str], pos: int) -> None:
        """A title given outside a noun phrase, e.g. in a caption ("Name / Spokesperson, Ministry")."""
        mods = frozenset(w.lower() for w in title_words)
        for w in title_words:
            lw = w.lower()
            if lw in GENDERED_NOUNS:
                self.gender.setdefault(name, GENDERED_NOUNS[lw])
            self.titles.setdefault(title_key(lw), []).append((pos, name, mods))

    # ---- names --------------------------------------------------------------------------------

    def canonical(self, text: str, type_: str | None, pos: int) -> str:
        """The fullest name the document gives: the nearest fuller form before, else the first after."""
        words = _strip_honorific(text.split(), type_ in ("PERSON", "PROPN"))
        name = " ".join(words)
        if type_ not in ("PERSON", "ORG", "PROPN") or not words:
            return name
        types: tuple[str, ...] = ("PERSON",) if type_ in ("PERSON", "PROPN") else ("ORG",)
        if type_ == "PROPN":
            types = ("PERSON", "ORG")
        best: tuple[int, str] | None = None
        for t in types:
            for start, full in self._full.get((t, words[-1].lower()), []):
                if len(full) <= len(name) or not full.endswith(name):
                    continue
                if start <= pos and (best is None or best[0] > pos or start > best[0]):
                    best = (start, full)
                elif start > pos and best is None:
                    best = (start, full)
        if best is None and len(words) == 1 and types[0] == "PERSON":
            family = [f for f in self._full.get(("FAMILY", name.lower()), []) if f[1].startswith(name + " ")]
            fulls = {full for _s, full in family}
            # only a name written that way more than once, or with a hyphenated given name (Min-jun)
            if len(fulls) == 1 and (len(family) > 1 or "-" in family[0][1].split(" ", 1)[1]):
                best = family[0]
        return best[1] if best else name

    def anchor(self, name: str, pos: int) -> tuple[int | None, int | None]:
        """A named mention of ``name``: the nearest one before ``pos``, else the first after."""
        idx = self._by_text.get(name)
        if not idx:
            return None, None
        before = [i for i in idx if self.mentions[i].start <= pos]
        m = self.mentions[before[-1] if before else idx[0]]
        return m.start, m.end

    def mention_at(self, char: int) -> Mention | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self.mentions[i].start <= char < self.mentions[i].end:
            return self.mentions[i]
        return None

    def named(self, text: str, type_: str | None, pos: int, mention: Mention | None = None) -> Speaker:
        """A speaker by name, anchored on a mention of its canonical name, else on ``mention``."""
        name = self.canonical(text, type_, pos)
        start, end = self.anchor(name, pos)
        if start is None:
            start, end = self.anchor(" ".join(_strip_honorific(text.split(), type_ in ("PERSON", "PROPN"))), pos)
        if start is None and mention is not None:
            start, end = mention.start, mention.end
        return Speaker(name, "PERSON" if type_ == "PROPN" else type_, start, end)

    # ---- salience -------------------------------------------------------------------------------

    def advance(self, pos: int) -> None:
        """Read the main-clause subjects before ``pos`` into the salience list."""
        while self._next_subject < len(self._pending) and self._pending[self._next_subject].idx < pos:
            tok = self._pending[self._next_subject]
            self._next_subject += 1
            sp = self.resolve(tok)
            if sp is not None and sp.name:
                self.salient.append((tok.idx, sp))

    def note(self, pos: int, speaker: Speaker) -> None:
        if speaker.name:
            self.salient.append((pos, speaker))

    def _pronoun(self, tok: Token) -> Speaker | None:
        p = tok.lower_
        if p in FIRST_PERSON:
            return None
        want_gender = "m" if p in MALE_PRONOUNS else "f" if p in FEMALE_PRONOUNS else None
        for pos, sp in reversed(self.salient):
            if pos >= tok.idx:
                continue
            if want_gender:
                if sp.type not in ("PERSON",) or self.gender.get(sp.name or "", want_gender) != want_gender:
                    continue
                self.gender.setdefault(sp.name or "", want_gender)
                return sp
            if p in PLURAL_PRONOUNS and (sp.type in ("ORG", "NORP", "GPE") or (sp.type == "GROUP" and sp.plural)):
                return sp
            if p in NEUTER_PRONOUNS and (sp.type in ("ORG", "GPE") or (sp.type == "GROUP" and not sp.plural)):
                return sp
        return None

    # ---- one speaker phrase -------------------------------------------------------------------

    def is_medium(self, tok: Token) -> bool:
        """A news outlet as subject: "media", "the agency X", "The Daily Post"."""
        if tok.lemma_.lower() in MEDIA_NOUNS and tok.pos_ == "NOUN":
            return True
        m = self.mention_at(tok.idx)
        return m is not None and m.type == "ORG" and m.text.split()[-1].lower() in MEDIA_NAME_WORDS

    def plausible(self, tok: Token, own: bool = True) -> bool:
        """Can this subject make a statement? Names, pronouns, people and institutions can; a treaty
        can't. A verb's ``own`` subject may be any other noun ("the review shows that")."""
        if self.mention_at(tok.idx) is not None:
            return True
        low = tok.lower_
        if low in RELATIVE_PRONOUNS:
            return tok.head.dep_ == "relcl"
        if tok.pos_ == "PRON":
            return low in _PERSONAL
        if tok.pos_ == "PROPN":
            return True
        if tok.pos_ != "NOUN" or tok.lemma_.lower() in LEGAL_TEXTS:
            return False
        return own or _agentive(tok)

    def resolve(self, tok: Token, depth: int = 0) -> Speaker | None:
        """The speaker a token (the head of a subject, possessor or agent phrase) refers to."""
        m = self.mention_at(tok.idx)
        if m is not None:
            return self.named(m.text, m.type, m.start, m)
        low = tok.lower_
        if tok.pos_ == "PRON" or low in FIRST_PERSON:
            if low in RELATIVE_PRONOUNS:
                return self._antecedent(tok, depth)
            return self._pronoun(tok)
        if low in RELATIVE_PRONOUNS and tok.dep_.startswith("nsubj"):
            return self._antecedent(tok, depth)
        if tok.pos_ == "PROPN":
            words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i >= tok.i - 4]
            first = words[0].i if words and all(w.i == tok.i - len(words) + k for k, w in enumerate(words)) else tok.i
            text = self.text[self.sdoc[first].idx : tok.idx + len(tok.text)]
            return self.named(text, "PROPN", tok.idx)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() not in LEGAL_TEXTS:
            return self._common(tok)
        return None

    def _antecedent(self, tok: Token, depth: int) -> Speaker | None:
        clause = tok.head
        if depth < 2 and clause.dep_ == "relcl" and clause.head.i != clause.i:
            return self.resolve(clause.head, depth + 1)
        return None

    def _common(self, tok: Token) -> Speaker:
        """A common noun phrase: a definite title points to the person the document gave it."""
        for c in tok.children:  # "the state news agency X", "the spokesman, X"
            if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN":
                m = self.mention_at(c.idx)
                if m is not None:
                    return self.named(m.text, m.type, m.start, m)
        left = [t for t in tok.lefts if t.dep_ in _NP_DEPS]
        det = next((t.lower_ for t in left if t.dep_ == "det"), None)
        mods = {t.lower_ for t in left if t.dep_ in ("compound", "amod")}
        plural = tok.tag_ in ("NNS", "NNPS")
        if det in ("the", "this", "that") and not plural:
            known = self.titles.get(title_key(tok.lemma_.lower()))
            if known:
                before = [k for k in known if k[0] < tok.idx] or known
                fitting = [k for k in before if mods <= k[2]] or before
                _pos, name, _mods = fitting[-1]
                start, end = self.anchor(name, tok.idx)
                return Speaker(name, "PERSON", start, end)
        lo = min([tok.i, *(t.left_edge.i for t in left)])
        words = [t for t in self.sdoc[lo : tok.i + 1] if t.dep_ != "det" or t.i > lo]
        while words and words[0].dep_ == "det" and words[0].lower_ in ("a", "an", "the"):
            words = words[1:]
        text = self.text[words[0].idx : tok.idx + len(tok.text)] if words else tok.text
        return Speaker(text, "GROUP", plural=plural)
