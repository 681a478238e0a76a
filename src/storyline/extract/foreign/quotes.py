"""Who said what in other languages: quotation marks and reporting frames, without a parse.

Direct quotes are the quotations of ``quotes.marks.find_quoted`` (and 「…」/『…』 for Japanese and
Chinese) that a reporting frame attributes: a reporting verb of the language in the same sentence
("„…“, sagte Wedrak", "«…», — подчеркнул он", "…"라고 말했다", "「…」と述べた", "وقال X: "…""),
or the speaker of the quote just before it in the paragraph. A quotation that is a short part of a
reported clause ("заявили, что «внимательно следят» ...") is left to the indirect quote that holds it.
Indirect speech is a sentence with a reporting frame and no quotation: "X sagte, ...", "по словам X,
...", "Selon elle, ...", "X에 따르면 ...", "Xによると、...", "قال X إن ...". Its text is the reported
clause where the frame marks it (a comma, "dass", "что", "que", "إن"), else the sentence.

The speaker is the mention the frame points at: after the verb when the verb comes first ("sagte
Wedrak", "a déclaré la ministre X", "وقال فيدراك"), else the subject before it (the mention marked by
"는/은/이/가" in Korean, "は/が" in Japanese, the first person named in the clause elsewhere); a pronoun
("er", "она", "elle") is the last person spoken of. The quote's text stays in its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.foreign.names import CAPTION
from storyline.extract.foreign.text import SentenceIndex
from storyline.extract.languages import LanguagePack
from storyline.extract.quotes.marks import find_quoted, paragraphs
from storyline.model import Mention, Quote, QuoteKind, TimeExpression
from storyline.settings import current

# Lengths and reach: ``storyline.settings`` (group ``foreign``).
_SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "MISC", "NORP", "LOC")


@dataclass(order=True)
class _Quoted:
    start: int  # opening mark
    end: int  # after the closing mark
    inner: tuple[int, int]


def _paired(text: str, opening: str, closing: str) -> list[_Quoted]:
    """Quotations between an opening and a different closing mark («…», „…“, 「…」), paragraph by
    paragraph, with the same marks nested inside; French spacing inside the marks is allowed."""
    out = []
    for para_start, para_end in paragraphs(text):
        i = para_start
        while True:
            a = text.find(opening, i, para_end)
            if a < 0:
                break
            depth, j = 0, a + 1
            while j < para_end:
                if text[j] == opening:
                    depth += 1
                elif text[j] == closing:
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            if j >= para_end:
                break
            out.append(_Quoted(a, j + 1, (a + 1, j)))
            i = j + 1
    return out


def quoted_spans(text: str, pack: LanguagePack) -> list[_Quoted]:
    """The language's quotations: pairs of different marks first, then English-style marks (straight and
    curly) around them; a quotation inside another is part of it."""
    found: list[_Quoted] = []
    for opening, closing in pack.quote_marks:
        if opening != closing:
            found += [q for q in _paired(text, opening, closing) if not any(o.start <= q.start < o.end for o in found)]
    found += [
        _Quoted(q.start, q.end, (q.inner_start, q.inner_end))
        for q in find_quoted(text)
        if not any(o.start <= q.start < o.end or q.start <= o.start < q.end for o in found)
    ]
    found.sort(key=lambda q: q.start)
    return [q for q in found if not any(o.start < q.start and q.end <= o.end for o in found if o is not q)]


def _word_count(text: str, spaced: bool) -> int:
    return len(re.findall(r"[^\W_]+", text)) if spaced else len(re.findall(r"[^\W_]", text))


class QuoteFinder:
    def __init__(self, text: str, pack: LanguagePack, sentences: list[tuple[int, int]], mentions: list[Mention],
                 timexes: list[TimeExpression], published: str | None) -> None:  # fmt: skip
        self.text = text
        self.pack = pack
        self.sents = SentenceIndex(sentences)
        self.mentions = sorted((m for m in mentions if m.type in _SPEAKER_TYPES), key=lambda m: m.start)
        self.timexes = timexes
        self.published = (published or "")[:10] or None
        self.say = pack.words("say")
        self.according = pack.words("according_to")
        self.according_after = pack.words("according_to_after")
        self.complementizer = pack.words("complementizer")
        self.pronouns = {p.lower() for p in pack.items("pronouns")}
        self.topic = sorted(pack.items("topic_particles"), key=len, reverse=True) or ["は", "が"]
        self.titles = pack.words("titles")
        self.last_person: Mention | None = None
        self._cut = False  # the clause being trimmed was cut at the next reporting verb
        self.quoted: list[_Quoted] = []  # a name inside a quotation is never its speaker

    # ---- speakers ----------------------------------------------------------------------------

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def _person_before(self, pos: int) -> Mention | None:
        """The last person named before ``pos`` (a name of two words or more counts, typed or not)."""
        found = [
            m for m in self.mentions if m.end <= pos and (m.type == "PERSON" or (m.type == "MISC" and " " in m.text))
        ]
        return found[-1] if found else None

    def _after(self, pos: int, limit: int) -> Mention | None:
        """The speaker right after a verb: the first mention with only an article, a title or a few lower-case
        words before it, or a person in apposition to it ("dijo la líder del Foro Popular, Runa Falkeid");
        or a pronoun."""
        reach = min(limit, pos + current().foreign.speaker_reach)
        window = self.text[pos:reach]
        first = re.match(r"[\s,—–-]*([^\W\d_]+)", window)
        if first and first.group(1).lower() in self.pronouns:
            return self._person_before(pos)
        found: list[Mention] = []
        commas = 0
        for m in self._mentions_in(pos, reach):
            between = self.text[found[-1].end if found else pos : m.start]
            commas += between.count(",")
            if re.search(r"[.;:!?\"“”«»„]", between) or (commas > 1 and self.pack.script != "arabic"):
                break
            if self.complementizer and self.complementizer.search(between):
                break  # "anunció que el Stavnet ...": what was said, not who said it
            if not found and not self._speaker_lead(between):
                return None
            found.append(m)
            if m.type == "PERSON" or not self._apposition_follows(m):
                break  # a body, a title, then ", Runa Falkeid": the person in apposition speaks
        people = [m for m in found if m.type == "PERSON"]
        return people[0] if people else (found[0] if found else None)

    def _speaker_lead(self, between: str) -> bool:
        """What may stand between a verb and its speaker: an article, a title, a few lower-case words."""
        rest = self.titles.sub(" ", between) if self.titles else between
        words = re.findall(r"[^\W\d_]+", rest)
        if len(words) > current().foreign.words_before_speaker or ("," in between and self.pack.script != "arabic"):
            return False
        return not (self.pack.script in {"latin", "cyrillic", "greek"} and any(w[:1].isupper() for w in words))

    def _apposition_follows(self, m: Mention) -> bool:
        """ "la ministra de Minería de Montaraz, Ximena Urdialde": a person named right after a comma."""
        after = re.match(r"\s*,\s*", self.text[m.end :])
        if after is None:
            return False
        named = m.end + after.end()
        return any(x.start == named and x.type == "PERSON" for x in self.mentions)

    def _subject_before(self, start: int, pos: int) -> Mention | None:
        """The speaker before a verb or a quotation, in the sentence from ``start``."""
        if self.pack.script in {"hangul", "japanese"}:
            return self._topic_subject(start, pos)
        found = [
            m
            for m in self._mentions_in(start, pos)
            if not self._after_place_preposition(m) and not any(q.start <= m.start < q.end for q in self.quoted)
        ]
        if not found:
            return None
        people = [m for m in found if m.type == "PERSON"]
        return people[0] if people else found[-1]

    def _after_place_preposition(self, m: Mention) -> bool:
        """ "À Tesmir, l'opposition dénonce ...": a place where something is said, not a speaker."""
        before = re.search(r"([^\W\d_]+)\s+$", self.text[max(0, m.start - 12) : m.start])
        places = {w.lower() for w in self.pack.items("place_prepositions")}
        return bool(before and before.group(1).lower() in places)

    def _topic_subject(self, start: int, pos: int) -> Mention | None:
        """Korean and Japanese: the mention in the noun phrase that carries the first topic or subject
        particle of the clause ("미론 자슬라프 대변인은", "ルーナ・ファルケイド党首は")."""
        text = self.text
        if self.pack.script == "hangul":
            pieces = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:pos])]
            for k, (a, b) in enumerate(pieces):
                word = text[a:b].rstrip(",.")
                if not any(word.endswith(p) and len(word) > len(p) for p in self.topic):
                    continue
                first = k
                while first > 0 and k - first < 3:
                    prev = text[pieces[first - 1][0] : pieces[first - 1][1]]
                    if prev.endswith(("의", ",", "는", "은", "이", "가", "에서", "를", "을")):
                        break
                    first -= 1
                found = self._mentions_in(pieces[first][0], b)
                if found:
                    return self._prefer(found)
            return None
        for m in re.finditer(r"[はが]", text[start:pos]):
            at = start + m.start()
            found = [x for x in self._mentions_in(max(start, at - 24), at) if at - x.end <= 10]
            if found:
                return self._prefer(found)
        return None

    @staticmethod
    def _prefer(found: list[Mention]) -> Mention:
        for t in ("PERSON", "ORG"):
            typed = [m for m in found if m.type == t]
            if typed:
                return typed[-1]
        return found[-1]

    def _just_before(self, start: int, pos: int) -> Mention | None:
        """The mention right before a postposition ("X에 따르면", "Xによると", "X zufolge")."""
        found = [m for m in self._mentions_in(start, pos) if pos - m.end <= 12]
        return found[-1] if found else None

    def _source_after(self, pos: int, end: int) -> Mention | None:
        """The source a preposition introduces ("по словам лидера партии «...» Руны Фалькейд,"): the person
        named before the next comma, else the last name there; a pronoun is the last person spoken of."""
        first = re.match(r"[\s,—–-]*([^\W\d_]+)", self.text[pos:end])
        if first and first.group(1).lower() in self.pronouns:
            return self._person_before(pos)
        stop, depth = end, 0
        for i in range(pos, end):
            ch = self.text[i]
            if ch in "«„(":
                depth += 1
            elif ch in "»“)" and depth:
                depth -= 1
            elif ch in ",;:" and not depth:
                stop = i
                break
        found = self._mentions_in(pos, stop)
        if found and not any(m.type == "PERSON" for m in found) and self._apposition_follows(found[-1]):
            return next(x for x in self.mentions if x.start > found[-1].end and x.type == "PERSON")
        if not found:
            return None
        people = [m for m in found if m.type == "PERSON"]
        return people[0] if people else found[-1]

    def _pronoun_before(self, start: int, pos: int) -> Mention | None:
        words = re.findall(r"[^\W\d_]+", self.text[start:pos])
        if words and (words[-1].lower() in self.pronouns or words[0].lower() in self.pronouns):
            return self._person_before(start)
        return None

    # ---- dates -------------------------------------------------------------------------------

    def said_on(self, start: int, end: int, quoted: list[_Quoted]) -> str | None:
        """The day a time expression of the sentence (outside the quotations) gives, never after publication."""
        for t in self.timexes:
            if start <= t.start < end and not any(q.start <= t.start < q.end for q in quoted):
                if t.value and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value[:10]) and len(t.value) >= 10:
                    day = t.value[:10]
                    if self.published is None or day <= self.published:
                        return day
        return None

    # ---- the finder --------------------------------------------------------------------------

    def captions(self) -> list[Quote]:
        """Broadcast captions: "[Name / title : what they said]" is a direct quote of Name."""
        out = []
        for m in CAPTION.finditer(self.text):
            speaker = next((x for x in self.mentions if x.start == m.start("name")), None)
            if speaker is not None:
                out.append(
                    self._quote(_Quoted(m.start("said"), m.end("said"), m.span("said")), speaker, "direct", "/", None)
                )
        return out

    def find(self) -> list[Quote]:
        text = self.text
        captions = self.captions()
        quoted = [q for q in quoted_spans(text, self.pack) if q.inner[1] > q.inner[0]]
        self.quoted = quoted
        quoted = [q for q in quoted if not any(c.start <= q.start < c.end for c in captions)]
        out: list[Quote] = list(captions)
        last: tuple[Mention | None, int, str] | None = None  # (speaker, paragraph end, cue)
        by_sentence: dict[tuple[int, int], list[_Quoted]] = {}
        for q in quoted:
            span = self.sents.at(q.start) or self.sents.at(q.inner[0])
            if span is not None:
                by_sentence.setdefault(span, []).append(q)
        for span in self.sents.spans:
            s, e = span
            qs = by_sentence.get(span, [])
            # a quotation may run past the sentence splitter's end ("«...». — сказал он")
            e2 = max([e, *[q.end for q in qs]])
            frame = self._frame(s, e2, qs)
            if frame is None:
                for q in qs:
                    if last is not None and last[0] is not None and self._continues(q, last[1]):
                        out.append(self._quote(q, last[0], "direct", last[2], None))
                continue
            speaker, cue, clause = frame
            if speaker is None:
                continue
            date = self.said_on(s, e2, qs)
            direct = [q for q in qs if self._speech(q, clause, qs)]
            for q in direct:
                out.append(self._quote(q, speaker, "direct", cue, date))
            if clause is not None and not direct:
                out.append(self._indirect(clause, speaker, cue, date))
            elif clause is not None and self.pack.script in {"hangul", "japanese"}:
                rest = self._after_quotes(clause, qs)
                if rest is not None:
                    out.append(self._indirect(rest, speaker, cue, date))
            if speaker.type == "PERSON":
                self.last_person = speaker
            last = (speaker, self._paragraph_end(s), cue)
        return sorted(out, key=lambda q: q.start)

    def _paragraph_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def _continues(self, q: _Quoted, para_end: int) -> bool:
        """A quotation that opens a sentence in the paragraph of the last attributed one (or the next)."""
        if q.start > para_end + 1 and self.text.count("\n", para_end, q.start) > 2:
            return False
        line_start = self.text.rfind("\n", 0, q.start) + 1
        before = self.text[line_start : q.start].strip()
        return (not before or before.endswith((".", "!", "?", "。"))) and self._long_enough(q)

    def _long_enough(self, q: _Quoted) -> bool:
        inner = self.text[q.inner[0] : q.inner[1]]
        if self.pack.spaced:
            return _word_count(inner, True) >= current().foreign.quote_min_words
        return len(inner.strip()) >= current().foreign.quote_min_chars

    def _speech(self, q: _Quoted, clause: tuple[int, int] | None, qs: list[_Quoted]) -> bool:
        """Not a name or a title in quotation marks, nor a short piece of a longer reported clause."""
        if not self._long_enough(q):
            return False
        inner = self.text[q.inner[0] : q.inner[1]]
        if any(m.start <= q.inner[0] and q.inner[1] <= m.end for m in self.mentions):
            return False
        if self.pack.script in {"latin", "cyrillic", "greek"}:
            ws = re.findall(r"[^\W\d_]+", inner)
            if len(ws) <= 4 and all(w[:1].isupper() for w in ws):
                return False  # «Народный форум», „Kvarn-Schild 25“: a name
        tail = self.pack.raw.get("quote_tail")
        if (
            not self.pack.spaced
            and tail
            and self.say
            and re.match(rf"(?:{tail})\s*(?:{self.say.pattern})", self.text[q.end : q.end + 12])
        ):
            return True  # 「…」と述べた: quoted and reported as such
        if clause is not None and clause[0] <= q.start and q.end <= clause[1] and self.pack.script != "hangul":
            pieces, pos = [], clause[0]
            for other in sorted(o for o in qs if clause[0] <= o.start and o.end <= clause[1]):
                pieces.append(self.text[pos : other.start])
                pos = other.end
            pieces.append(self.text[pos : clause[1]])
            spaced = self.pack.spaced
            outside = _word_count(" ".join(pieces), spaced)
            inside = sum(
                _word_count(self.text[o.inner[0] : o.inner[1]], spaced)
                for o in qs
                if clause[0] <= o.start and o.end <= clause[1]
            )
            if inside < current().foreign.partial_quote_share * (inside + outside):
                return False
        return True

    def _after_quotes(self, clause: tuple[int, int], qs: list[_Quoted]) -> tuple[int, int] | None:
        """Korean and Japanese: what is reported after the last quotation of the sentence ("...라며 특정 국가를
        겨냥한 것이 아니라고 강조했다")."""
        if not qs:
            return None
        start = max(q.end for q in qs)
        tail = re.match(r"\s*(?:" + (self.pack.raw.get("quote_tail") or "$^") + r")\s*", self.text[start:])
        if tail:
            start += tail.end()
        if start >= clause[1]:
            return None
        words = _word_count(self.text[start : clause[1]], self.pack.spaced)
        return (start, clause[1]) if words >= (3 if self.pack.spaced else 8) else None

    def _frame(self, s: int, e: int, qs: list[_Quoted]) -> tuple[Mention | None, str, tuple[int, int] | None] | None:
        """(speaker, cue, reported clause or None) of a sentence with a reporting frame, else None; a frame
        without a speaker (Korean, Japanese) is no quote, and the quotations after it continue no earlier one."""
        text = self.text

        def outside(pos: int) -> bool:
            return not any(q.start <= pos < q.end for q in qs)

        # "according to X, ...": the source is named by the frame
        for pattern, source_after in ((self.according, True), (self.according_after, False)):
            if pattern is None:
                continue
            for m in pattern.finditer(text, s, e):
                if not outside(m.start()):
                    continue
                if source_after:
                    source = self._source_after(m.end(), e)
                    if source is None:
                        continue
                    comma = text.find(",", max(source.end, m.end()), e)
                    told = (comma + 1, e) if comma >= 0 else (max(source.end, m.end()), e)
                else:
                    source = self._just_before(s, m.start())
                    if source is None:
                        continue
                    told = (m.end(), e)
                return source, m.group(), self._trim(told)
        if self.say is None:
            return None
        verbs = [m for m in self.say.finditer(text, s, e) if outside(m.start())]
        if not verbs:
            return None
        if self.pack.script in {"hangul", "japanese"}:
            verb = verbs[-1]
        elif qs:  # the verb that introduces the quotation: the nearest one to it
            verb = min(
                verbs,
                key=lambda v: min(abs(v.start() - q.end) if v.start() >= q.end else q.start - v.end() for q in qs),
            )
        else:
            verb = verbs[0]
        vs, ve = verb.span()
        speaker: Mention | None
        if self.pack.script in {"hangul", "japanese"}:
            first_quote = min((q.start for q in qs), default=vs)
            speaker = self._subject_before(s, min(first_quote, vs)) or self._subject_before(s, vs)
            if speaker is None and self.last_person is not None and not self._mentions_in(s, min(first_quote, vs)):
                speaker = self.last_person  # "...라고 덧붙였다" with no subject: the one who spoke last
            start = s
            if speaker is not None and speaker.start >= s:
                marker = r"\S*\s*" if self.pack.script == "hangul" else r"[^はが]{0,10}[はが]、?"
                particle = re.match(marker, text[speaker.end : vs])
                start = speaker.end + (particle.end() if particle else 0)
            end = vs + len(verb.group())
            if self.pack.script == "japanese":
                tail = re.search(r"(?:" + (self.pack.raw.get("quote_tail") or "$^") + r")$", text[start:vs])
                end = start + tail.start() if tail else vs  # "…到着したと発表した": what was announced
            return speaker, verb.group(), self._trim((start, end))  # no speaker: the sentence ends no run
        if self.pack.script == "han":
            speaker = self._subject_before(s, vs)
            return speaker, verb.group(), self._trim((ve, e))
        inverted = re.search(r"-t?-?(\w+)\b", verb.group())
        if inverted and inverted.group(1).lower() in self.pronouns:
            after = self._person_before(vs)  # "a-t-il ajouté", "déclare-t-elle": the last person named
        else:
            after = self._after(ve, e)
        before = self._subject_before(s, vs) if self.pack.script != "arabic" else None
        pronoun = self._pronoun_before(s, vs)
        speaker = after or before or pronoun
        if speaker is None and self.pack.script == "arabic":
            speaker = self._subject_before(s, vs)
        if speaker is None:
            return None
        clause: tuple[int, int] | None = None
        # the reported clause ends where another reporting verb begins ("..., في حين تؤكد المعارضة أن ...")
        nxt = next((v.start() for v in self.say.finditer(text, ve, e) if outside(v.start())), None)
        if nxt is not None:
            e, self._cut = nxt, True
        comp = self.complementizer.search(text, ve, e) if self.complementizer else None
        if comp and outside(comp.start()) and comp.start() - ve <= 80:
            clause = (comp.end(), e)
        elif any(q.start < vs for q in qs) or (qs and text[qs[0].end : vs].strip(" ,—–-") == ""):
            clause = None  # "„...“, sagte Wedrak": the quotation is what was said
        elif after is not None and text[s:vs].rstrip().endswith(","):
            clause = (s, text.rfind(",", s, vs))  # "Die Proteste seien legitim, sagte Brännvik."
        else:
            comma = text.find(",", max(ve, speaker.end if speaker.start >= ve else ve), e)
            colon = text.find(":", ve, e)
            if colon >= 0 and (comma < 0 or colon < comma):
                clause = None if qs else (colon + 1, e)
            elif comma >= 0 and comma - ve <= 2:
                clause = (comma + 1, e)  # "Brännvik betonte, der Vertrag ..."
            elif not qs:
                clause = (s, e)  # "X a réclamé un référendum": the sentence reports it
        return speaker, verb.group(), self._trim(clause) if clause else None

    def _trim(self, span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        while s < e and self.text[s] in " \t,:—–-、，：":
            s += 1
        while e > s and self.text[e - 1] in " \t.。,;:!?、，،؛":
            e -= 1
        # a clause cut where another reporting verb begins loses the connector before it ("..., في حين")
        last = max(self.text.rfind(ch, s, e) for ch in ",،;、，")
        if last > s and _word_count(self.text[last:e], True) <= 2 and self._cut:
            e = last
        self._cut = False
        return s, e

    def _quote(self, q: _Quoted, speaker: Mention, kind: QuoteKind, cue: str, date: str | None) -> Quote:
        a, b = q.inner
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1] in " \t,":
            b -= 1
        return Quote(
            id="", text=self.text[a:b], start=a, end=b, kind=kind, speaker_name=speaker.text,
            speaker_start=speaker.start, speaker_end=speaker.end, cue=cue, said_on=date, language=self.pack.code,
        )  # fmt: skip

    def _indirect(self, clause: tuple[int, int], speaker: Mention, cue: str, date: str | None) -> Quote:
        a, b = clause
        return Quote(
            id="", text=self.text[a:b], start=a, end=b, kind="indirect", speaker_name=speaker.text,
            speaker_start=speaker.start, speaker_end=speaker.end, cue=cue, said_on=date, language=self.pack.code,
        )  # fmt: skip


def find_quotes(text: str, pack: LanguagePack, sentences: list[tuple[int, int]], mentions: list[Mention],
                timexes: list[TimeExpression], published: str | None) -> list[Quote]:  # fmt: skip
    return [q for q in QuoteFinder(text, pack, sentences, mentions, timexes, published).find() if q.end > q.start]
