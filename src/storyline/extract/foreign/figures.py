"""Numbers and claims in other languages: a figure, what it counts, who says so, and when.

A figure is written in digits of any script ("3.000", "3 000", "٣", "3천", "1万", "35억"), with
the language's scale words ("10 тысяч", "4 млрд", "450 millions", "mil millones") or as a number
word before a counter or a noun ("여섯 척", "onze morts", "Catorce mineros"); its value is read by
the language's conventions: a group of three digits after a dot, a comma or a space is thousands,
any other dot or comma a decimal mark. What it counts is the noun or the counter after it ("10
тысяч военных", "3000人", "3천 명"), mapped through the language's ``units`` to a subject shared
by every language ("troop", "cubic metre"), so that the same figure in two languages is one claim
and different figures a disagreement. A count of people in a sentence about soldiers ("約3000人",
"3천 명") counts troops. A figure in a time expression, before a time unit, or without anything it
counts is no claim.

The source is the speaker of the quotation (direct or indirect) the figure stands in, the date
its statement date or else the publication day.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storyline.extract.foreign.text import SentenceIndex, fold_digits
from storyline.extract.languages import LanguagePack
from storyline.model import Claim, Quote, TimeExpression
from storyline.settings import current

# Reach: ``storyline.settings`` (group ``foreign``).

_DIGITS = re.compile(
    r"(?<![\d.,A-Za-z])(\d{1,3}(?:([.,\u00a0\u202f ’'])\d{3})(?:\2\d{3})*|\d+)(?:[.,](\d+))?(?![\d])(?![^\W\d_]\d)"
)
_CJK_SCALE_RUN = re.compile(r"[十百千万億亿兆천만억조]+")
_ORDINAL_BEFORE = re.compile(r"(?:第|제)\s*$")
_CODE_AROUND = re.compile(r"[-/:]\d|\d[-/:]")


@dataclass
class Figure:
    start: int
    end: int  # end of the number and its scale words
    value: float


def _value(integer: str, frac: str | None) -> float:
    """'3.000' → 3000, '3,5' → 3.5, '1,200' → 1200, '3 000' → 3000: a group of three digits after a
    separator is thousands in every language; any other dot or comma is the decimal mark."""
    digits = re.sub(r"[.,\u00a0\u202f ’']", "", integer)
    if frac is not None:
        return float(f"{digits}.{frac}")
    return float(digits)


class FigureFinder:
    def __init__(self, text: str, pack: LanguagePack) -> None:
        self.text = text
        self.folded = fold_digits(text)
        self.pack = pack
        # a scale or a unit is a whole word: the lookahead makes the engine try its longer forms ("مليارات")
        self.scales = [
            (re.compile(rf"(?:{p})(?![\w])", re.IGNORECASE), float(v)) for p, v in pack.table("scales").items()
        ]
        self.numbers = {w.lower(): float(v) for w, v in pack.table("numbers").items()}
        bound = r"(?![\w])" if pack.boundaries else ""
        self.units = [
            (re.compile(rf"(?:{p}){bound}", re.IGNORECASE), s)
            for p, s in sorted(pack.table("units").items(), key=lambda x: -len(x[0]))
        ]
        self.counters = sorted(pack.table("counters").items(), key=lambda x: -len(x[0]))
        self.generic = sorted(pack.items("generic_counters"), key=len, reverse=True)
        self.time_units = pack.words("time_units")
        self.qualifiers = [(re.compile(rf"(?:{p})\s*$", re.IGNORECASE), q) for p, q in pack.table("qualifiers").items()]
        self.after = [(re.compile(rf"\s*(?:{p})", re.IGNORECASE), q) for p, q in pack.table("qualifiers_after").items()]
        self.troops = pack.words("troop_words")
        self.tally = pack.words("tally_words")
        self.function = {w.lower() for w in pack.items("function_words")}
        self.stop = set(pack.items("stop_words"))

    # ---- numbers ------------------------------------------------------------------------------

    def _scale_after(self, pos: int) -> tuple[float, int]:
        """Multiplier of the scale words right after ``pos`` ("mil millones" → 1e9) and where they end."""
        text = self.folded
        factor, end = 1.0, pos
        cjk = _CJK_SCALE_RUN.match(text, pos)
        if cjk and self.pack.script in {"hangul", "japanese", "han"}:
            for ch in cjk.group():
                factor *= dict(self.pack.table("scales")).get(ch, 1.0)
            return factor, cjk.end()
        while True:
            m = re.match(r"[ \u00a0]?", text[end:])
            gap = m.end() if m else 0
            hit = None
            for pattern, value in self.scales:
                sm = pattern.match(text, end + gap)
                if sm and (sm.end() >= len(text) or not text[sm.end()].isalnum() or text[sm.end() - 1] == "."):
                    hit = (value, sm.end())
                    break
            if hit is None:
                return factor, end
            factor *= hit[0]
            end = hit[1]

    def figures(self, start: int, end: int) -> list[Figure]:
        text = self.folded
        out: list[Figure] = []
        for m in _DIGITS.finditer(text, start, end):
            if _ORDINAL_BEFORE.search(text, max(0, m.start() - 2), m.start()):
                continue
            if _CODE_AROUND.search(text[max(0, m.start() - 1) : m.end() + 1]):
                continue  # 02-000-1234, 1/2, 10:30: codes, fractions and times
            value = _value(m.group(1), m.group(3))
            factor, stop = self._scale_after(m.end())
            out.append(Figure(m.start(), stop, value * factor))
        if self.numbers:
            words = sorted(self.numbers, key=len, reverse=True)
            pattern = "|".join(map(re.escape, words))
            # a number word is a whole word (Korean: a whole word before its counter, "여섯 척")
            bounded = (
                rf"(?<![\w])({pattern})(?![\w])"
                if self.pack.spaced and self.pack.script != "japanese"
                else rf"({pattern})"
            )
            for m in re.finditer(bounded, text[start:end], re.IGNORECASE):
                s = start + m.start(1)
                if any(f.start <= s < f.end for f in out):
                    continue
                factor, stop = self._scale_after(start + m.end(1))
                out.append(Figure(s, stop, self.numbers[m.group(1).lower()] * factor))
        return sorted(out, key=lambda f: f.start)

    # ---- what a figure counts -------------------------------------------------------------------

    def unit(self, f: Figure, sentence_end: int) -> tuple[str, str, int] | None:
        """(unit as written, subject, end of the unit) of what the figure counts, or None."""
        text = self.folded
        pos = f.end
        for pattern, _q in self.after:
            m = pattern.match(text, pos)
            if m:
                pos = m.end()
                break
        gap = re.match(rf"[ \u00a0]{{0,{current().foreign.unit_gap}}}", text[pos:sentence_end])
        at = pos + (gap.end() if gap else 0)
        if self.time_units is not None and self.time_units.match(text, at):
            return None
        for counter, subject in self.counters:
            if text.startswith(counter, at):
                return counter, subject, at + len(counter)
        for g in self.generic:
            if text.startswith(g, at):  # "28개 조항": the noun after the generic counter
                nxt = re.match(r"\s*([^\W\d_]+)", text[at + len(g) : sentence_end])
                if nxt:
                    word = nxt.group(1)
                    return word, self._subject(word), at + len(g) + nxt.end()
        skip = re.match(r"(?:de|d['’]|of|من)\s+", text[at:sentence_end], re.IGNORECASE)
        if skip and self.pack.script in {"latin", "arabic"}:
            at += skip.end()
        hits = [(m.end(), subject) for pattern, subject in self.units if (m := pattern.match(text, at))]
        if hits:  # the longest unit: "متر مكعب" (cubic metres) before "متر" (metres)
            end, subject = max(hits, key=lambda h: h[0])
            word = text[at:end]
            # the shared subject in brackets tells a reader of any language what is counted: "Kubikmeter (cubic metre)"
            return (f"{word} ({subject})" if subject.lower() != word.lower() else word), subject, end
        if not self.pack.spaced or self.pack.script == "hangul":
            return None
        word = re.match(r"[^\W\d_][\w'’\-]*", text[at:sentence_end])
        if word is None or at - f.end > current().foreign.unit_gap + 1:
            return None
        w = word.group()
        if self.pack.capitalised_nouns and not w[:1].isupper():
            return None  # German counts nouns, and nouns are capitalised ("71 angenommen" counts nothing)
        if (
            w.lower() in self.function
            or w in self.stop
            or (
                self.pack.script in {"latin", "cyrillic", "greek"}
                and w[:1].isupper()
                and not self.pack.capitalised_nouns
            )
        ):
            return None
        return w, self._subject(w), at + word.end()

    def _subject(self, word: str) -> str:
        for pattern, subject in self.units:
            if pattern.fullmatch(word):
                return subject
        low = word.lower()
        if self.pack.script == "latin" and len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
            low = low[:-1]
        return low

    def qualifier(self, f: Figure, unit_end: int) -> str | None:
        before = self.folded[max(0, f.start - 40) : f.start]
        for pattern, q in self.qualifiers:
            if pattern.search(before):
                return q
        for pattern, q in self.after:
            if pattern.match(self.folded, f.end) or pattern.match(self.folded, unit_end):
                return q
        return None


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    inside = [q for q in quotes if q.start <= pos < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def find_claims(text: str, pack: LanguagePack, sentences: list[tuple[int, int]], quotes: list[Quote],
                timexes: list[TimeExpression], published: str | None) -> list[Claim]:  # fmt: skip
    finder = FigureFinder(text, pack)
    cfg = current().foreign
    index = SentenceIndex(sentences)
    day = (published or "")[:10] or None
    out: list[Claim] = []
    for s, e in index.spans:
        figures = [f for f in finder.figures(s, e) if not any(t.start <= f.start < t.end for t in timexes)]
        # a count of people is a count of troops in a sentence (or right after two) that speaks of troops
        k = index.index(s)
        window_start = index.spans[max(0, k - cfg.troop_sentences)][0]
        troops = bool(finder.troops and finder.troops.search(text, window_start, e))
        previous: tuple[Figure, str, str, int] | None = None
        for f in figures:
            found = finder.unit(f, e)
            tally: str | None = None
            if found is None and previous is not None and finder.tally is not None:
                between = finder.folded[previous[3] : f.start]
                if finder.tally.fullmatch(between.strip(" ,—–-:")) or (
                    finder.tally.search(between) and len(between) < cfg.tally_gap
                ):
                    found = (previous[1], previous[2], f.end)  # "96 voix contre 71": the same unit
                    tally = f"{previous[0].value:g}–{f.value:g}"
            if found is None and finder.tally is not None:
                trail = finder.tally.match(finder.folded, f.end + 1)
                if trail and finder.folded[f.end : f.end + 1].isspace():
                    found = (trail.group(), trail.group().lower(), trail.end())  # "44 en contra"
            if found is None and finder.tally is not None:
                lead = finder.folded[max(s, f.start - 16) : f.start]
                t = finder.tally.search(lead)
                if t and not lead[t.end() :].strip(" ,—–-:"):
                    found = (t.group(), t.group().lower(), f.end)  # "против — 44": the votes against
            if found is None or math.isnan(f.value) or f.value == 0:
                previous = None
                continue
            unit, subject, unit_end = found
            if subject == "people" and troops and finder.troops and pack.script in {"hangul", "japanese", "han"}:
                word = finder.troops.search(text, s, e) or finder.troops.search(text, window_start, e)
                unit, subject = f"{unit} ({word.group() if word else ''})".replace(" ()", ""), "troop"
            elif subject == "people" and troops:
                subject = "troop"
            quote = _quote_at(quotes, f.start)
            out.append(
                Claim(
                    id="",
                    quantity=f.value,
                    unit=unit,
                    text=text[s:e],
                    start=s,
                    end=e,
                    qualifier=tally or finder.qualifier(f, unit_end),
                    attributed_to=quote.speaker_name if quote else None,
                    date=(quote.said_on if quote and quote.said_on else day),
                    subject=subject,
                    language=pack.code,
                )
            )
            if tally and out[-2:-1] and previous is not None:
                out[-2].qualifier = tally
            previous = (f, unit, subject, unit_end)
    return out
