"""Timeline summarization scores: Date-F1 and alignment ROUGE (Martschat & Markert 2017).

A timeline is a mapping day → the sentences that tell what happened that day. Scores compare a system
timeline with one reference timeline written by a journalist:

- **Date-F1**: precision and recall of the days chosen (exact days).
- **Alignment ROUGE-N F** ("align+ m:1"): every system day is aligned to the reference day that costs
  least, and every reference day to the system day that costs least (many-to-one both ways); the cost of
  a pair is ``date_factor × content_factor`` with ``date_factor = 1 - 1 / (|Δdays| + 1)`` and
  ``content_factor = 1 - (an approximate ROUGE-1 F of the two summaries)``. The n-grams the aligned days
  share count ``1 / (|Δdays| + 1)`` each, so a summary put on the wrong day earns less the further off it
  is. Precision divides by the system's n-grams, recall by the reference's.

Texts are compared as ROUGE-1.5.5 does with ``-m -s``: lower case, tokens of letters and digits, common
words removed, Porter stems; n-grams run across the sentences of one day's summary. This is our own
implementation of the published definitions, so its numbers are close to, not identical with, the
tilse/pyrouge ones that papers report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import snowballstemmer

Timeline = Mapping[str, Sequence[str]]  # ISO day → sentences

_TOKEN = re.compile(r"[a-z0-9]+")
# Function words that ROUGE's stopword option leaves out (our own list of English function words).
STOPWORDS = frozenset(
    """a about above after again against all almost also although always am among an and another any are
    around as at be became because become been before being below between both but by can cannot could did
    do does doing done down during each either else enough even ever every few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself just least
    less many may me might more most much must my myself neither no nor not now of off often on once one
    only or other others otherwise our ours ourselves out over own per perhaps rather same several shall she
    should since so some such than that the their theirs them themselves then there therefore these they
    this those though through thus to together too toward towards under until up upon us very was we well
    were what whatever when whenever where whether which while who whoever whom whose why will with within
    without would yet you your yours yourself yourselves s t""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("porter")


def tokens(text: str) -> list[str]:
    """ROUGE tokens of a text: lower-cased letters/digits, stopwords out, Porter stems."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]
    return _stemmer().stemWords(words) if words else []


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def date_f1(system: Sequence[str], reference: Sequence[str]) -> Scores:
    sys_days, ref_days = set(system), set(reference)
    hit = len(sys_days & ref_days)
    p = hit / len(sys_days) if sys_days else 0.0
    r = hit / len(ref_days) if ref_days else 0.0
    return Scores(p, r, _f1(p, r))


def _approx_rouge1(a: Counter[str], b: Counter[str]) -> float:
    """ROUGE-1 F of two bags of raw (unstemmed, whitespace) tokens: the alignment's content similarity."""
    match = sum(min(c, b[t]) for t, c in a.items())
    na, nb = sum(a.values()), sum(b.values())
    return _f1(match / na if na else 0.0, match / nb if nb else 0.0)


def _ordinal(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal()


def align_rouge(system: Timeline, reference: Timeline, n: int) -> Scores:
    """Alignment ROUGE-n ("align+ m:1") of a system timeline against one reference timeline."""
    sys_days = sorted(d for d in system if system[d])
    ref_days = sorted(d for d in reference if reference[d])
    if not sys_days or not ref_days:
        return Scores(0.0, 0.0, 0.0)
    raw = {d: Counter(" ".join(system[d]).split()) for d in sys_days}
    ref_raw = {d: Counter(" ".join(reference[d]).split()) for d in ref_days}
    grams = {d: _ngrams(tokens(" ".join(system[d])), n) for d in sys_days}
    ref_grams = {d: _ngrams(tokens(" ".join(reference[d])), n) for d in ref_days}
    ords = {d: _ordinal(d) for d in (*sys_days, *ref_days)}

    def cost(s: str, r: str) -> float:
        date_factor = 1 - 1 / (abs(ords[s] - ords[r]) + 1)
        return date_factor * (1 - _approx_rouge1(raw[s], ref_raw[r]))

    def shared(s: str, r: str) -> float:
        overlap = sum(min(c, ref_grams[r][g]) for g, c in grams[s].items())
        return overlap / (abs(ords[s] - ords[r]) + 1)

    # min() keeps the first of equal costs: the earliest day, as an argmin over sorted days does
    def nearest_ref(s: str) -> str:
        return min(ref_days, key=lambda r: cost(s, r))

    def nearest_sys(r: str) -> str:
        return min(sys_days, key=lambda s: cost(s, r))

    p_num = sum(shared(s, nearest_ref(s)) for s in sys_days)
    r_num = sum(shared(nearest_sys(r), r) for r in ref_days)
    p_den = sum(sum(g.values()) for g in grams.values())
    r_den = sum(sum(g.values()) for g in ref_grams.values())
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return Scores(p, r, _f1(p, r))
