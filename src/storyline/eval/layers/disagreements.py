"""The disagreements layer: where sources disagree, against the gold's disagreements.

A system disagreement *matches* a gold one when its positions and claims come from at least two of the
documents the gold positions name, and it names the key: a number of the gold positions (1,200;
4,000), or — for gold without numbers — at least two of the gold's keywords (the optional
``keywords`` list, else the content words of ``topic``), compared by their first five letters so that
"ratify" meets "ratification". Pairs are one to one. Metrics: ``found``, ``recall``, and the system's
count of disagreements (``system_disagreements``) with their kinds.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from storyline.eval.layers.common import norm, one_to_one, ratio, tokens
from storyline.eval.scores import LayerScore, SystemOutput

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_STOP = frozenset(
    """how many much what when where whether which who why the a an of to in on is are was were would will
    be been and or its it their his her this that for with each year many""".split()
)


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("disagreements"))


def numbers(text: str | None) -> set[float]:
    out = set()
    s = norm(text)
    for m in _NUMBER.finditer(s):
        try:
            value = float(m.group().replace(",", ""))
        except ValueError:
            continue
        after = s[m.end() : m.end() + 10].strip().split(" ")[0] if m.end() < len(s) else ""
        out.add(value * _SCALE.get(after, 1))
    return out


def _stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if w not in _STOP and len(w) > 2}


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    claims = {c["id"]: c for s in out.dossier.get("stories", []) for c in s.get("claims", [])}
    system = []
    seen: set[str] = set()
    for story in out.dossier.get("stories", []):
        for d in story.get("disagreements", []):
            if d["id"] in seen:
                continue
            seen.add(d["id"])
            positions = d.get("positions", [])
            docs = {out.doc_file.get(p.get("doc")) for p in positions}
            texts = (
                [d.get("topic", "")] + [p.get("says", "") for p in positions] + [p.get("text", "") for p in positions]
            )
            nums: set[float] = set()
            for cid in d.get("claims", []):
                c = claims.get(cid)
                if c:
                    docs.add(out.doc_file.get(c["doc"]))
                    nums.add(float(c["quantity"]))
                    texts.append(c.get("text", ""))
            for t in texts:
                nums |= numbers(t)
            words = _stems([w for t in texts for w in tokens(t)])
            system.append({"d": d, "docs": docs - {None}, "nums": nums, "words": words})
    golds = gold.get("disagreements", [])
    pairs = []
    for gi, g in enumerate(golds):
        gdocs = {p.get("doc") for p in g.get("positions", [])}
        gnums = set().union(*(numbers(p.get("says")) for p in g.get("positions", []))) if g.get("positions") else set()
        keywords = _stems([w for k in g.get("keywords") or [g.get("topic", "")] for w in tokens(k)])
        for si, s in enumerate(system):
            shared = len(s["docs"] & gdocs)
            if shared < 2:
                continue
            if gnums:
                ok = bool(gnums & s["nums"])
            else:
                ok = len(keywords & s["words"]) >= min(2, len(keywords))
            if ok:
                pairs.append((shared, gi, si))
    pairs.sort(reverse=True)
    match = one_to_one(pairs)
    errors = [f"missed {g.get('id', gi)}: {g.get('topic')}" for gi, g in enumerate(golds) if gi not in match]
    kinds = Counter(s["d"].get("kind", "?") for s in system)
    metrics: dict[str, float | int | None] = {
        "found": len(match),
        "recall": ratio(len(match), len(golds)),
        "system_disagreements": len(system),
        **{f"kind_{k}": v for k, v in sorted(kinds.items())},
    }
    return LayerScore("disagreements", metrics, len(golds), errors)
