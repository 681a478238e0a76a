"""Names in articles the English model cannot parse: people, organisations and places, by script.

Each script has its own cue for a name:
- Latin, Cyrillic and Greek capitalise names: runs of capitalised words, without the function words,
  titles, months and weekdays around them; in German, where every noun is capitalised, a single
  capitalised word is a name only with a title, a place word or a known place before it;
- Korean marks nothing: a name is what stands before a title ("... 대통령", "... 대변인"), an
  organisation word ("... 국방부") or a place suffix ("...주"), with its particles taken off;
- Japanese writes foreign names in katakana: a katakana run is a name, typed by what follows it
  (a title, "州", "連邦", "省", "党" ...);
- Chinese: names after a title ("总统..."), and names with a middle dot;
- Arabic: names after a title ("الرئيس ..."), a reporting verb ("وقال ...") or a place word
  ("العاصمة ..."), nationality adjectives ("الفيسكاري") skipped;
- everywhere: countries and cities of the CLDR/ISO gazetteer, in any inflected form; the dateline
  ("SARNEK.", "(테스미르=...)", "【テスミル＝...】"); every other occurrence of a name found once.

A candidate with a clear cue is typed PERSON, ORG or GPE; one with a weak cue (a capitalised word,
a bare katakana run) is typed MISC: the link stage keeps a MISC mention only when it names an actor
the story already knows (``link.entities.crosslang``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.foreign.gazetteer import Gazetteer, gazetteer
from storyline.extract.foreign.text import SentenceIndex, chunks, words
from storyline.extract.languages import LanguagePack
from storyline.extract.timex.languages import CJK, LANGUAGES
from storyline.settings import current

WEAK = "MISC"
# How long names run: ``storyline.settings`` (group ``foreign``). A single capitalised organisation word of
# ``compound_org_letters`` is a compound that names a body ("Verteidigungsministerium", "Volksforum"); a shorter
# one ("Regierung", "Parlament", "Partei") is a description, not a name.
_KATAKANA_RUN = re.compile(r"[ァ-ヺー]{2,}(?:[・＝=][ァ-ヺー]{2,})*")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_HAN_DOT_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff]{1,6}")
_UPPER_WORD = re.compile(r"^[^\W\d_]{2,}$")
_DATELINE_LATIN = re.compile(r"(?m)^([^\W\d_][^\W\d_'’.\-]*(?:[ \-][^\W\d_][^\W\d_'’.\-]*){0,2})(?=[.,]\s|\s[—–-]\s)")
# "[Name / title : words]" (broadcast captions), the form the English quotes step reads too
CAPTION = re.compile(
    r"\[\s*(?P<name>[^\[\]/:：\n]{2,30}?)\s*/\s*(?P<title>[^\[\]:：\n]{2,60}?)\s*[:：]\s*(?P<said>[^\]\n]{4,})\]"
)
_DATELINE_BRACKET = re.compile(
    r"^[(【\[]\s*([^=＝()【】\[\]\s]{2,12})\s*[=＝]\s*([^()【】\[\]=＝]{2,20}?)\s*[)】\]]", re.M
)
_GERMAN_NOUN = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|ität|ismus|nis|tum|ment|enz|anz|ei|gebiet|vertrag|abkommen|bund)(?:en|s|es)?$",
    re.IGNORECASE,
)
# a conjunction or preposition glued to the article ("والرئيس", "بالعاصمة"); "فال"/"كال" begin names too ("فالكيد")
_ARABIC_ARTICLE = re.compile(r"^(?:[وبل]?ال|لل)")
_ARABIC_NISBA = re.compile(r"^(?:و|ب|ل)?ال\S+(?:ي|ية|يين|يون|يان)$")
_PUNCT_END = re.compile(r"[\"'“”‘’«»„‚《》「」『』()（）\[\]【】,，、.。:：;；!?！？،؛؟]+$")
_PUNCT_START = re.compile(r"^[\"'“”‘’«»„‚《》「」『』()（）\[\]【】]+")


@dataclass
class Candidate:
    start: int
    end: int
    type: str  # PERSON | ORG | GPE | LOC | MISC
    cue: str  # what made it a name: "title", "gazetteer", "org", "place", "run", "katakana", "repeat", ...


def _calendar_words(code: str) -> set[str]:
    table = LANGUAGES.get(code) or CJK.get(code) or {}
    return {w.lower() for w in [*table.get("months", {}), *table.get("weekdays", {})]}


class NameFinder:
    def __init__(self, text: str, pack: LanguagePack, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.pack = pack
        self.sentences = SentenceIndex(sentences)
        self.gaz: Gazetteer | None = gazetteer(pack.code)
        self.titles = pack.words("titles")
        self.orgs = pack.words("org_words")
        self.laws = pack.words("law_words")
        self.generic_orgs = pack.words("generic_org_words")
        endings = pack.items("adjective_endings")
        self.adjective = re.compile(rf"(?:{'|'.join(endings)})$", re.IGNORECASE) if endings else None
        self.places = pack.words("place_words")
        self.say = pack.words("say")
        self.function = {w.lower() for w in pack.items("function_words")} | _calendar_words(pack.code)
        self.connectors = {w.lower() for w in pack.items("connectors")}
        self.place_prepositions = {w.lower() for w in pack.items("place_prepositions")}
        suffixes = pack.items("place_suffixes") if pack.script in {"latin", "cyrillic", "greek"} else []
        self.place_suffix = re.compile(rf"(?:{'|'.join(suffixes)})$") if suffixes else None
        self.found: list[Candidate] = []

    # ---- helpers ----------------------------------------------------------------------------

    def add(self, start: int, end: int, type_: str, cue: str) -> None:
        if end > start:
            self.found.append(Candidate(start, end, type_, cue))

    def _full(self, pattern: re.Pattern[str] | None, word: str) -> bool:
        return bool(pattern and pattern.fullmatch(word))

    def _sentence_start(self, pos: int) -> bool:
        span = self.sentences.at(pos)
        if span is None:
            return True
        before = self.text[span[0] : pos]
        return not before.strip(" \t\"'“”‘’«»„‚-—–([")

    def place(self, surface: str) -> str | None:
        """ "GPE" when the gazetteer knows the name."""
        if self.gaz is None:
            return None
        return "GPE" if self.gaz.lookup(surface) is not None else None

    # ---- capitalising scripts (Latin, Cyrillic, Greek) --------------------------------------

    def capitalised(self) -> None:
        text = self.text
        spans = words(text)
        i = 0
        while i < len(spans):
            s = spans[i][0]
            if not text[s].isupper():
                i += 1
                continue
            run = [i]
            j = i + 1
            while j < len(spans) and len(run) < current().foreign.max_name_words + 2:
                gap = text[spans[j - 1][1] : spans[j][0]]
                if gap not in (" ", "\u00a0"):
                    break
                w = text[spans[j][0] : spans[j][1]]
                if w[:1].isupper():
                    run.append(j)
                elif w.lower() in self.connectors and j + 1 < len(spans) and text[spans[j + 1][0]].isupper():
                    run.append(j)
                elif self._full(self.orgs, w) or self._full(self.laws, w):
                    run.append(
                        j
                    )  # "Народный форум", "Сарнекский договор": the organisation or treaty word ends the name
                    j += 1
                    break
                else:
                    break
                j += 1
            self._run(spans, run)
            i = j

    def _run(self, spans: list[tuple[int, int]], run: list[int]) -> None:
        text = self.text
        title = self.titles.match(text, spans[run[0]][0]) if self.titles else None
        if title and title.end() > spans[run[0]][1]:
            return  # "Premier ministre": a title of several words, not a name
        ws = [text[spans[k][0] : spans[k][1]] for k in run]
        titled = placed = False
        # leading function words, calendar words, titles and place words are not part of the name
        while ws and (
            ws[0].lower() in self.function
            or self._full(self.titles, ws[0])
            or ws[0].lower() in self.connectors
            or (self._full(self.places, ws[0]) and len(ws) > 1)
        ):
            titled = titled or self._full(self.titles, ws[0])
            placed = placed or self._full(self.places, ws[0])
            run, ws = run[1:], ws[1:]
        while ws and (ws[-1].lower() in self.connectors or ws[-1].lower() in self.function):
            run, ws = run[:-1], ws[:-1]
        if not ws or len(ws) > current().foreign.max_name_words or ws[0][:1].islower():
            return
        if self.pack.capitalised_nouns:
            # German: a noun after a name is no part of it ("Halvoriens Regierung")
            cut = next((k for k, w in enumerate(ws) if k > 0 and _GERMAN_NOUN.search(w)), None)
            if cut is not None:
                run, ws = run[:cut], ws[:cut]
        start, end = spans[run[0]][0], spans[run[-1]][1]
        surface = text[start:end]
        if all(w.isupper() for w in ws) and len(surface) > 5 and " " in surface:
            return  # a headline or a section label in capitals
        titled = titled or self._titled_before(start)
        if self.place(surface):
            self.add(start, end, "GPE", "gazetteer")
            return
        if len(ws) > 1 and any(self._full(self.laws, w) for w in ws):
            self.add(start, end, "LAW", "org")
            return
        if any(self._full(self.orgs, w) for w in ws):
            if len(ws) == 1 and self._full(self.generic_orgs, ws[0]):
                # "Verteidigungsministerium", "Ministerium": every country has one; a weak candidate, kept only
                # if it names a known actor
                self.add(start, end, WEAK, "org")
            elif len(ws) > 1 or len(ws[0]) >= current().foreign.compound_org_letters:
                self.add(start, end, "ORG", "org")
                names = [
                    k
                    for k, w in zip(run, ws, strict=True)
                    if not self._full(self.orgs, w) and w.lower() not in self.connectors
                ]
                if names and len(names) < len(ws):  # "Parlament Ilmoras": the name inside is a name too
                    self.add(spans[names[0]][0], spans[names[-1]][1], WEAK, "org")
            return  # a bare "Regierung", "Parlament": a description, not a name
        if placed or self._place_word_before(start) or self._full(self.places, ws[-1]):
            self.add(start, end, "GPE", "place")
            return
        initial = self._sentence_start(start)
        if len(ws) == 1 and self._place_preposition_before(start) and not _GERMAN_NOUN.search(ws[0]):
            self.add(start, end, "GPE", "place")
            return
        if len(ws) == 1 and self.pack.capitalised_nouns and self.place_suffix and self.place_suffix.search(ws[0]):
            self.add(start, end, WEAK, "run")
            return
        if titled:
            self.add(start, end, "PERSON", "title")
        elif (len(ws) >= 2 and not initial and not self.pack.capitalised_nouns
              and not any(w.lower() in self.connectors for w in ws)
              and not (self.adjective and self.adjective.search(ws[0]))):  # fmt: skip
            self.add(start, end, "PERSON", "run")
        elif len(ws) >= 2 or (not initial and not self.pack.capitalised_nouns):
            self.add(start, end, WEAK, "run")

    def _titled_before(self, start: int) -> bool:
        """A title right before the name, maybe with an adjective between ("la ministre halvorienne X")."""
        before = self.text[max(0, start - 60) : start]
        tail = re.findall(r"[^\W\d_][\w'’.\-]*", before)[-3:]
        if not tail or not before.endswith((" ", "\u00a0")):
            return False
        if self._full(self.titles, tail[-1]):
            return True
        adjective = (
            tail[-1][:1].islower() and tail[-1].lower() not in self.function and tail[-1].lower() not in self.connectors
        )
        return len(tail) >= 2 and self._full(self.titles, tail[-2]) and adjective

    def _place_preposition_before(self, start: int) -> bool:
        """ "in Tesmir", "à Hollby", "в Кварне": a preposition of place right before, without an article."""
        before = re.search(r"([^\W\d_]+)[ \u00a0]$", self.text[max(0, start - 20) : start])
        return bool(before and before.group(1).lower() in self.place_prepositions)

    def _place_word_before(self, start: int) -> bool:
        before = self.text[max(0, start - 40) : start].rstrip()
        words_before = re.findall(r"[^\W\d_][\w'’\-]*", before)[-2:]
        if not words_before:
            return False
        if self._full(self.places, words_before[-1]):
            return True
        return (
            len(words_before) == 2
            and words_before[-1].lower() in self.connectors
            and self._full(self.places, words_before[-2])
        )

    def law_phrases(self) -> None:
        """A treaty word with the name it takes after it ("traité de Sarnek", "معاهدة سارنيك") or before
        it ("사르네크 조약"): the treaty is a name of its own, not the place it is named after."""
        if self.laws is None:
            return
        text = self.text
        name = r"[^\W\d_][\w\-]*"
        for m in self.laws.finditer(text):
            after = re.match(
                rf"[ \u00a0]+(?:(?:{'|'.join(map(re.escape, sorted(self.connectors, key=len, reverse=True))) or '$^'})[ \u00a0]+)?({name})",
                text[m.end() :],
            )
            if after and (after.group(1)[:1].isupper() or self.pack.script in {"arabic", "hangul"}):
                names = {text[c.start : c.end] for c in self.found}
                if self.pack.script == "arabic" and after.group(1) not in names:
                    continue  # "اتفاقية بينها": a treaty is named after a name the text names elsewhere too
                self.add(m.start(), m.end() + after.end(), "LAW", "org")
                continue
            if self.pack.script == "hangul":
                before = re.search(r"([\uac00-\ud7a3]{2,8})[ ]$", text[max(0, m.start() - 12) : m.start()])
                if before and not before.group(1).endswith(("의", "은", "는", "이", "가", "을", "를", "에")):
                    self.add(m.start() - len(before.group(0)), m.end(), "LAW", "org")

    def org_phrases(self) -> None:
        """An organisation word, capitalised or not, with the name or genitive that completes it
        ("Ministerio de Minería de Montaraz", "Министерстве обороны", "ministère ardésien des Affaires étrangères")."""
        if self.orgs is None:
            return
        text = self.text
        spans = words(text)
        for k, (s, e) in enumerate(spans):
            if not self.orgs.fullmatch(text, s, e) or not text[s].isupper():
                continue  # "представитель министерства Мирон Заслав": a lower-case word names no body
            end = e
            j = k + 1
            taken = 0
            while j < len(spans) and taken < 4:
                gap = text[spans[j - 1][1] : spans[j][0]]
                if gap not in (" ", "\u00a0"):
                    break
                w = text[spans[j][0] : spans[j][1]]
                low = w.lower()
                if self.pack.script == "cyrillic":
                    if taken or w[:1].isupper() or low in self.function:
                        break  # one genitive only: "Министерство обороны"; a name after it is its own
                elif not (w[:1].isupper() or (low in self.connectors and j + 1 < len(spans))):
                    break
                if low not in self.connectors:
                    end = spans[j][1]
                j += 1
                taken += 1
            if end > e or (
                e - s >= current().foreign.compound_org_letters and not self._full(self.generic_orgs, text[s:e])
            ):
                self.add(s, end, "ORG", "org")

    def captions(self) -> None:
        """A broadcast caption names its speaker: "[레옹 마르소 / 마렐 해협관리청 대변인 : ...]"."""
        for m in CAPTION.finditer(self.text):
            self.add(m.start("name"), m.end("name"), "PERSON", "title")

    def datelines(self) -> None:
        """The place a report opens with: "SARNEK." / "САРНЕК, 18 ноября." / "(테스미르=...)" / "【テスミル＝...】"."""
        for m in _DATELINE_BRACKET.finditer(self.text):
            self.add(m.start(1), m.end(1), "GPE", "dateline")
            self.add(m.start(2), m.end(2), WEAK, "dateline")  # the agency or the reporter
        for m in _DATELINE_LATIN.finditer(self.text):
            word = m.group(1)
            if word.isupper() and len(word) >= 3 and word.lower() not in self.function:
                self.add(m.start(1), m.end(1), "GPE", "dateline")

    # ---- Korean -----------------------------------------------------------------------------

    def _korean_stem(self, s: int, e: int) -> tuple[int, int, bool]:
        """The word without its particles: (start, end, had a particle)."""
        word = self.text[s:e]
        lead = _PUNCT_START.match(word)
        if lead:
            s += lead.end()
        trail = _PUNCT_END.search(self.text[s:e])
        if trail:
            e = s + trail.start()
        stem = self.text[s:e]
        for p in sorted(self.pack.items("particles"), key=len, reverse=True):
            if stem.endswith(p) and len(stem) - len(p) >= 2:
                return s, e - len(p), True
        return s, e, bool(trail)

    def korean(self) -> None:
        text = self.text
        raw = chunks(text)
        stems = [self._korean_stem(s, e) for s, e in raw]
        stop = {w.lower() for w in self.pack.items("function_words")}
        suffixes = sorted(self.pack.items("name_suffixes"), key=len, reverse=True)
        place_suffixes = tuple(self.pack.items("place_suffixes"))

        def place_word(k: int) -> bool:
            return self._full(self.places, text[stems[k][0] : stems[k][1]])

        def hangul_name(k: int) -> bool:
            s, e, _ = stems[k]
            w = text[s:e]
            return (
                2 <= len(w) <= 8
                and all("\uac00" <= ch <= "\ud7a3" for ch in w)
                and not self._full(self.titles, w)
                and not self._full(self.orgs, w)
                and not self._full(self.places, w)
                and w not in stop
            )

        for k, (s, e, _particle) in enumerate(stems):
            w = text[s:e]
            if not w:
                continue
            base = next((w[: -len(x)] for x in suffixes if w.endswith(x) and len(w) - len(x) >= 2), w)
            if self.place(w):
                self.add(s, e, "GPE", "gazetteer")
                continue
            if base != w and self.place(base):
                self.add(s, s + len(base), "GPE", "gazetteer")
                continue
            if self._full(self.titles, w):
                # up to three name words right before the title, none of them with a particle
                names: list[int] = []
                j = k - 1
                while j >= 0 and len(names) < current().foreign.titled_words and not stems[j][2] and hangul_name(j):
                    if text[raw[j][1] : raw[j + 1][0]] != " ":
                        break  # a line break or more ends the name
                    names.insert(0, j)
                    j -= 1
                self._korean_titled(names, stems)
                continue
            if self._full(self.orgs, w) and k > 0 and not stems[k - 1][2] and (hangul_name(k - 1) or place_word(k - 1)):
                first = k - 1
                if first > 0 and not stems[first - 1][2] and hangul_name(first - 1) and place_word(first):
                    first -= 1  # "아르데시아 연방 외무부"
                self.add(stems[first][0], e, "ORG", "org")
                if hangul_name(first):
                    self.add(stems[first][0], stems[first][1], WEAK, "org")
                if first < k - 1:
                    self.add(stems[first][0], stems[k - 1][1], "GPE", "place")
                continue
            if (
                w.endswith(place_suffixes)
                and len(w) >= 3
                and hangul_name(k)
                and k > 0
                and text[raw[k - 1][0] : raw[k - 1][1]] not in stop
            ):
                if self.places is not None and self.places.fullmatch(w):
                    self.add(s, e, "GPE", "place")
            if k > 0 and text[stems[k - 1][0] : stems[k - 1][1]] == "수도" and hangul_name(k):
                self.add(s, e, "GPE", "place")
            if (
                k > 0
                and place_word(k)
                and not stems[k - 1][2]
                and hangul_name(k - 1)
                and text[raw[k - 1][1] : raw[k][0]] == " "
            ):
                self.add(stems[k - 1][0], e, "GPE", "place")  # "마렐 해협", "아르데시아 연방"
        # "의회(베체)": a name in brackets right after an organisation word
        for m in re.finditer(r"([\uac00-\ud7a3]+)\(([\uac00-\ud7a3]{2,8})\)", text):
            if self._full(self.orgs, m.group(1)):
                self.add(m.start(2), m.end(2), WEAK, "bracket")
        # "베스카리아-할보리아": two names joined by a hyphen
        for m in re.finditer(r"(?<![\w-])([\uac00-\ud7a3]{2,8})-([\uac00-\ud7a3]{2,8})(?![\w-])", text):
            self.add(m.start(1), m.end(1), WEAK, "pair")
            self.add(m.start(2), m.end(2), WEAK, "pair")

    def _korean_titled(self, names: list[int], stems: list[tuple[int, int, bool]]) -> None:
        if not names:
            return
        text = self.text
        last = names[-1]
        last_word = text[stems[last][0] : stems[last][1]]
        place_like = bool(self.place(last_word)) or last_word.endswith(("아", "국"))
        if len(names) >= 2 and place_like:
            self.add(stems[last][0], stems[last][1], "GPE" if self.place(last_word) else WEAK, "title")
            names = names[:-1]
        elif len(names) == 1 and place_like:
            self.add(stems[last][0], stems[last][1], "GPE" if self.place(last_word) else WEAK, "title")
            return
        self.add(stems[names[0]][0], stems[names[-1]][1], "PERSON", "title")

    # ---- Japanese and Chinese -----------------------------------------------------------------

    def japanese(self) -> None:
        text = self.text
        org_suffix = sorted(self.pack.items("org_words"), key=len, reverse=True)
        place_suffix = sorted(self.pack.items("place_suffixes"), key=len, reverse=True)
        titles = sorted(self.pack.items("titles"), key=len, reverse=True)
        for m in _KATAKANA_RUN.finditer(text):
            s, e = m.span()
            run = m.group()
            after = text[e : e + 6]
            before = text[max(0, s - 4) : s]
            if run in org_suffix:  # "国民フォーラム": kanji before a katakana organisation word
                lead = re.search(r"[\u4e00-\u9fff]{1,4}$", before)
                if lead:
                    self.add(s - len(lead.group()), e, "ORG", "org")
                continue
            title = next((t for t in titles if after.startswith(t)), None)
            org = next((o for o in org_suffix if after.startswith(o)), None)
            place = next((p for p in place_suffix if after.startswith(p)), None)
            gaz = self.gaz.lookup(run) if self.gaz else None
            if gaz is not None:
                self.add(s, e, "GPE", "gazetteer")
                if org:
                    self.add(s, e + len(org), "ORG", "org")
            elif title:
                self.add(s, e, "PERSON", "title")
            elif place and any(after[len(place) :].startswith(o) for o in org_suffix):
                o = next(o for o in org_suffix if after[len(place) :].startswith(o))
                self.add(s, e + len(place) + len(o), "ORG", "org")  # "マレル海峡管理庁": a body named after a place
                self.add(s, e + len(place), "GPE", "place")
            elif place:
                self.add(s, e + len(place), "GPE", "place")
            elif org:
                self.add(s, e + len(org), "ORG", "org")
                self.add(s, e, WEAK, "org")
            elif any(part in org_suffix for part in re.split(r"[・＝=]", run)):
                self.add(s, e, "ORG", "org")  # "サンマリン・ラインズ": a company
            elif "・" in run or "＝" in run:
                self.add(s, e, "PERSON", "katakana")
            else:
                self.add(s, e, WEAK, "katakana")
        # kanji names before a title ("岸田首相"): two to four kanji after a non-kanji character
        if titles:
            alternation = "|".join(map(re.escape, titles))
            for m in re.finditer(rf"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{{2,4}})(?={alternation})", text):
                word = m.group(1)
                if not self.place(word) and not any(word.endswith(o) for o in org_suffix):
                    self.add(m.start(1), m.end(1), WEAK, "title")
        self._unspaced_gazetteer()

    def chinese(self) -> None:
        text = self.text
        titles = sorted(self.pack.items("titles"), key=len, reverse=True)
        says = self.pack.items("say")
        for m in _HAN_DOT_NAME.finditer(text):
            s, e = m.span()
            head = text[s : text.index("·" if "·" in m.group() else "・", s)]
            cut = max((head.rfind(t) + len(t) for t in titles if t in head), default=0)  # "外交部长奥斯卡·…"
            tail_at = text.index("·" if "·" in m.group() else "・", s) + 1
            after = text[tail_at : e + max(map(len, says), default=0)]
            stop = min((tail_at + after.find(w) for w in says if 0 < after.find(w) < e - tail_at), default=e)
            self.add(s + cut, stop, "PERSON", "dot")
        if titles:
            stops = "|".join(
                map(
                    re.escape,
                    [*says, "在", "对", "与", "和", "是", "的", "将", "已", "也", "于", "向", "同", "，", "。", "、"],
                )
            )
            alternation = "|".join(map(re.escape, titles))
            for m in re.finditer(rf"(?:{alternation})([\u4e00-\u9fff]{{2,4}}?)(?={stops})", text):
                self.add(m.start(1), m.end(1), "PERSON", "title")
        self._unspaced_gazetteer()

    def _unspaced_gazetteer(self) -> None:
        if self.gaz is None:
            return
        for s, e, _p in self.gaz.find_unspaced(self.text):
            self.add(s, e, "GPE", "gazetteer")

    # ---- Arabic -------------------------------------------------------------------------------

    def arabic(self) -> None:
        text = self.text
        toks = chunks(text)
        stop = set(self.pack.items("stop_words"))

        def clean(k: int) -> tuple[int, int]:
            s, e = toks[k]
            trail = _PUNCT_END.search(text[s:e])
            if trail:
                e = s + trail.start()
            lead = _PUNCT_START.match(text[s:e])
            return (s + lead.end(), e) if lead else (s, e)

        def name_word(k: int) -> bool:
            s, e = clean(k)
            w = text[s:e]
            bare = [w, w[1:]] if w[:1] in "وف" and len(w) > 3 else [w]  # "ورئيس": "and" + a title
            return (
                len(w) >= 2
                and not _ARABIC_ARTICLE.match(w)
                and not any(b in stop for b in bare)
                and not any(ch.isdigit() for ch in w)
                and not any(self._full(p, b) for p in (self.orgs, self.titles, self.places, self.say) for b in bare)
                and not any(t.fullmatch(w) for t in self.pack.triggers().values())  # "يوقعان": a verb
                and re.fullmatch(r"[\u0600-\u06ff]+", w) is not None
            )

        titled = current().foreign.titled_words

        def take_name(k: int, limit: int = titled) -> list[int]:
            # nationality adjectives and a genitive after a title are skipped ("الرئيس الفيسكاري ستانيمير فيدراك",
            # "زعيمة المعارضة رونا فالكيد")
            skipped = 0
            while k < len(toks) and skipped < 3 and toks[k][1] == clean(k)[1]:
                word = text[slice(*clean(k))]
                if word.startswith("ال"):
                    k += 1  # "زعيمة المعارضة ...": the body the title belongs to
                elif self._full(self.places, word) and k + 1 < len(toks):
                    k += 2  # "رئيس جمهورية فيسكاريا ...": the country the title belongs to
                else:
                    break
                skipped += 1
            got: list[int] = []
            while k < len(toks) and len(got) < limit and name_word(k):
                got.append(k)
                if toks[k][1] > clean(k)[1]:
                    break  # punctuation ends the name
                k += 1
            return got

        def index_at(pos: int) -> int:
            for k, (s, _e) in enumerate(toks):
                if s >= pos:
                    return k
            return len(toks)

        # after a reporting verb the name may be a person, a country or a body ("وانتقدت أرديسيا"): a weak candidate
        for pattern, type_, cue in (
            (self.titles, "PERSON", "title"),
            (self.say, WEAK, "say"),
            (self.places, "GPE", "place"),
        ):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                k = index_at(m.end())
                got = take_name(k, 1 if type_ == "GPE" else titled)
                if got:
                    self.add(clean(got[0])[0], clean(got[-1])[1], type_, cue)
                    if type_ == "GPE" and m.group() in self.pack.items("place_words_in_name"):
                        self.add(m.start(), clean(got[-1])[1], "GPE", "place")  # "مضيق ماريل", "اتحاد أرديسيا"
        if self.orgs is not None:
            for k in range(len(toks)):
                s, e = clean(k)
                if not self.orgs.fullmatch(text, s, e):
                    continue
                end = e
                j = k + 1
                while (
                    j < len(toks)
                    and j - k <= 3
                    and toks[j - 1][1] == clean(j - 1)[1]
                    and text[toks[j - 1][1] : toks[j][0]] == " "
                ):
                    w = text[slice(*clean(j))]
                    if j == k + 1 and name_word(j):
                        end = clean(j)[1]  # "برلمان هالفوريا": a body and the name it belongs to
                        self.add(clean(j)[0], end, WEAK, "org")
                        break
                    if (
                        j == k + 1
                        and w in self.pack.items("place_words_in_name")
                        and j + 1 < len(toks)
                        and name_word(j + 1)
                    ):
                        end = clean(j + 1)[1]  # "هيئة مضيق ماريل": a body named after a place
                        break
                    if not w.startswith("ال") or w in stop:
                        break
                    end = clean(j)[1]
                    j += 1
                if end > e or (self.orgs.fullmatch(text[s:e]) and text[s:e].startswith("خارجي")):
                    self.add(s, end, "ORG", "org")
        for m in re.finditer(r"\((?:ال)?([\u0600-\u06ff]{3,12})\)", text):
            self.add(m.start() + 1, m.end() - 1, WEAK, "bracket")  # "برلمان هالفوريا (الستافنت)"
        if self.gaz is not None:
            texts = [text[slice(*clean(k))] for k in range(len(toks))]
            for k in range(len(toks)):
                hit = self.gaz.match_words(texts, k)
                if hit:
                    n, _p = hit
                    self.add(clean(k)[0], clean(k + n - 1)[1], "GPE", "gazetteer")

    # ---- gazetteer for spaced scripts -----------------------------------------------------------

    def spaced_gazetteer(self) -> None:
        if self.gaz is None:
            return
        text = self.text
        spans = words(text)
        texts = [text[s:e] for s, e in spans]
        k = 0
        while k < len(spans):
            hit = self.gaz.match_words(texts, k)
            if hit and (
                texts[k][:1].isupper()
                or not texts[k][:1].isalpha()
                or self.pack.script not in {"latin", "cyrillic", "greek"}
            ):
                n, _p = hit
                self.add(spans[k][0], spans[k + n - 1][1], "GPE", "gazetteer")
                k += n
            else:
                k += 1

    # ---- every other occurrence of a name found once ------------------------------------------

    def repeats(self) -> None:
        """Each name found once is a name where it stands again; a person's surname alone too
        ("Wedrak" after "Stanimir Wedrak"), in inflected forms ("Бреннвика", "베드라크는", "وفيدراك")."""
        from storyline.extract.foreign.gazetteer import ordered_stems
        from storyline.extract.foreign.gazetteer import stems as word_stems

        text, lang = self.text, self.pack.code
        singles: dict[str, str] = {}
        multi: dict[str, str] = {}

        def note(table: dict[str, str], key: str, type_: str) -> None:
            if table.get(key, WEAK) == WEAK:
                table[key] = type_

        for c in self.found:
            surface = text[c.start : c.end]
            parts = surface.split()
            if len(parts) > 1:
                note(multi, surface, c.type)
                if c.type == "PERSON" and len(parts[-1]) >= 2:
                    for st in word_stems(parts[-1], lang):
                        note(singles, st, "PERSON")
            elif len(surface) >= 2:
                for st in word_stems(surface, lang) if self.pack.spaced else {surface}:
                    note(singles, st, c.type)
        taken = [(c.start, c.end) for c in self.found if c.type != WEAK]

        def free(s: int, e: int) -> bool:
            return not any(a < e and s < b for a, b in taken)

        for surface, t in multi.items():
            for m in re.finditer(re.escape(surface), text):
                if free(m.start(), m.end()):
                    self.add(m.start(), m.end(), t, "repeat")
                    if t != WEAK:
                        taken.append(m.span())
        if not self.pack.spaced:
            for surface, t in singles.items():
                for m in re.finditer(re.escape(surface), text):
                    if free(m.start(), m.end()) and not _KATAKANA_RUN.fullmatch(
                        text[max(0, m.start() - 1) : m.end() + 1]
                    ):
                        self.add(m.start(), m.end(), t, "repeat")
            return
        suffixes = sorted(self.pack.items("name_suffixes"), key=len, reverse=True)
        pieces = chunks(text) if self.pack.script in {"hangul", "arabic"} else words(text)
        for s, e in pieces:
            if not free(s, e):
                continue
            if self.pack.script == "hangul":
                s, e, _ = self._korean_stem(s, e)
                w = text[s:e]
                base = next((w[: -len(x)] for x in suffixes if w.endswith(x) and len(w) - len(x) >= 2), w)
                if base in singles:
                    self.add(s, s + len(base), singles[base], "repeat")
                continue
            trail = _PUNCT_END.search(text[s:e])
            if trail:
                e = s + trail.start()
            lead = _PUNCT_START.match(text[s:e])
            if lead:
                s += lead.end()
            w = text[s:e]
            if len(w) < 2 or (self.pack.script in {"latin", "cyrillic", "greek"} and not w[:1].isupper()):
                continue
            hit = next((singles[st] for st in ordered_stems(w, lang) if st in singles), None)
            if hit is not None and (hit != WEAK or not any(a <= s and e <= b for a, b in taken)):
                if self.pack.script == "arabic" and w not in singles:
                    for p in sorted(self.pack.items("prefixes"), key=len, reverse=True):
                        if w.startswith(p) and w[len(p) :] in singles:
                            s += len(p)
                            break
                self.add(s, e, hit, "repeat")

    # ---- all together -------------------------------------------------------------------------

    def find(self, extra: list[Candidate] | None = None) -> list[Candidate]:
        script = self.pack.script
        self.datelines()
        self.captions()
        if extra:
            self.found.extend(extra)
        if script in {"latin", "cyrillic", "greek"}:
            self.spaced_gazetteer()
            self.law_phrases()
            self.org_phrases()
            self.capitalised()
        elif script == "hangul":
            self.law_phrases()
            self.korean()
        elif script == "japanese":
            self.japanese()
        elif script == "han":
            self.chinese()
        elif script == "arabic":
            self.arabic()
            self.law_phrases()
        self.repeats()
        return resolve_overlaps(self.found)


_RANK = {"gazetteer": 0, "dateline": 1, "org": 2, "title": 2, "place": 2, "spacy": 3, "say": 3, "katakana": 4, "dot": 2,
         "run": 5, "bracket": 5, "pair": 5, "repeat": 6}  # fmt: skip
_TYPE_RANK = {"PERSON": 0, "ORG": 0, "GPE": 0, "LOC": 1, "NORP": 1, "FAC": 1, WEAK: 3}


def resolve_overlaps(found: list[Candidate]) -> list[Candidate]:
    """One candidate per span; of two that overlap, the one with the stronger cue (then the longer)
    stays, except a place inside an organisation's name ("ベスカリア" in "ベスカリア国防省"), which both keep."""
    best: dict[tuple[int, int], Candidate] = {}
    for c in found:
        old = best.get((c.start, c.end))
        if old is None or (_TYPE_RANK.get(c.type, 2), _RANK.get(c.cue, 5)) < (
            _TYPE_RANK.get(old.type, 2),
            _RANK.get(old.cue, 5),
        ):
            best[(c.start, c.end)] = c
    ordered = sorted(
        best.values(), key=lambda c: (_TYPE_RANK.get(c.type, 2) > 1, _RANK.get(c.cue, 5), -(c.end - c.start))
    )
    kept: list[Candidate] = []
    for c in ordered:
        clash = False
        for k in kept:
            if k.start < c.end and c.start < k.end:
                nested = (k.start <= c.start and c.end <= k.end) or (c.start <= k.start and k.end <= c.end)
                if nested and k.type != c.type:
                    continue  # "Escudo de Kvarn" and "Kvarn", "ベスカリア国防省" and "ベスカリア": both are names
                clash = True
                break
        if not clash:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
