"""Helpers shared by the eval layers: text normalization, token F1, ratios."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def norm(text: str | None) -> str:
    """Compare texts the way a reader would: case, spacing, quote styles and split names aside."""
    s = unicodedata.normalize("NFKC", text or "")
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"-\s+(?=[a-z])", "-", s)
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    return " ".join(s.lower().split())


def tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", norm(text))


def token_f1(a: str | None, b: str | None) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common: dict[str, int] = {}
    for t in ta:
        common[t] = common.get(t, 0) + 1
    overlap = 0
    for t in tb:
        if common.get(t, 0) > 0:
            overlap += 1
            common[t] -= 1
    if not overlap:
        return 0.0
    p, r = overlap / len(tb), overlap / len(ta)
    return 2 * p * r / (p + r)


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | None]:
    p, r = ratio(tp, n_pred), ratio(tp, n_gold)
    f = round(2 * p * r / (p + r), 4) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f}


def one_to_one(pairs: list[tuple[Any, int, int]]) -> dict[int, int]:
    """Gold index -> system index from (score, gold, system) pairs sorted best first; each side used once."""
    match: dict[int, int] = {}
    used: set[int] = set()
    for _score, gi, si in pairs:
        if gi not in match and si not in used:
            match[gi] = si
            used.add(si)
    return match
