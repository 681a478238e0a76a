"""The ``time_expressions`` layer: spans found (strict and overlapping) and TIMEX3 values right.

Gold items: ``{"doc", "text", "value", "start"?, "end"?, "type"?}``; offsets point into the raw
file text. Items without offsets are located by their text in the raw document, in order. A
system expression matches a gold one when their raw spans overlap (one-to-one, largest overlap
first); "strict" needs the same span. ``values_right`` is the share of gold expressions found
with the right value; ``value_f1`` counts a right value on an overlapping span as a true
positive, as TempEval-3 scored attribute F1.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storyline.eval.layers.common import prf, ratio
from storyline.eval.scores import LayerScore, SystemOutput
from storyline.ingest.clean import OffsetMap


@dataclass
class Timex:
    file: str
    start: int  # raw offsets
    end: int
    text: str
    value: str | None
    type: str | None = None


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("time_expressions"))


def _locate(items: list[dict[str, Any]], raw: str) -> list[Timex]:
    """Gold items of one document as raw spans; items without offsets are searched in order."""
    out = []
    cursor = 0
    for g in items:
        text = g.get("text") or ""
        if isinstance(g.get("start"), int) and isinstance(g.get("end"), int):
            start, end = g["start"], g["end"]
        else:
            pattern = re.compile(r"\s+".join(re.escape(w) for w in text.split()), re.IGNORECASE)
            m = pattern.search(raw, cursor) or pattern.search(raw)
            if m is None:
                start = end = -1
            else:
                start, end = m.span()
                cursor = end
        out.append(Timex(g.get("doc", ""), start, end, text, g.get("value"), g.get("type")))
    return out


def _same_value(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().upper() == b.strip().upper()


def match(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping gold and system spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0 and g.start >= 0:
                pairs.append((-overlap, not _same_value(g.value, p.value), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi]))
    return out


def score_spans(
    gold_by_file: dict[str, list[Timex]], pred_by_file: dict[str, list[Timex]]
) -> tuple[dict[str, Any], list[str]]:
    """The layer's metrics for gold and system expressions already in raw offsets."""
    n_gold = sum(len(v) for v in gold_by_file.values())
    n_pred = sum(len(v) for f, v in pred_by_file.items() if f in gold_by_file)
    strict = relaxed = right = typed = type_ok = 0
    errors: list[str] = []
    for file, gold in gold_by_file.items():
        pred = pred_by_file.get(file, [])
        pairs = match(gold, pred)
        matched = {id(g) for g, _ in pairs}
        for g, p in pairs:
            relaxed += 1
            strict += (g.start, g.end) == (p.start, p.end)
            if _same_value(g.value, p.value):
                right += 1
            else:
                errors.append(f"{file}: {g.text!r} → {p.text!r} = {p.value}, gold {g.value}")
            if g.type:
                typed += 1
                type_ok += g.type == p.type
        errors.extend(f"{file}: missed {g.text!r} ({g.value})" for g in gold if id(g) not in matched)
    metrics: dict[str, Any] = {"gold": n_gold, "found": n_pred}
    for name, tp in (("strict", strict), ("relaxed", relaxed), ("value", right)):
        for k, v in prf(tp, n_pred, n_gold).items():
            metrics[f"{name}_{k}"] = v
    metrics["value_accuracy"] = ratio(right, relaxed)
    metrics["values_right"] = ratio(right, n_gold)
    metrics["type_accuracy"] = ratio(type_ok, typed)
    return metrics, errors


def gold_spans(gold: dict[str, Any], raw_by_file: dict[str, str]) -> dict[str, list[Timex]]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold.get("time_expressions", []):
        by_doc[g.get("doc", "")].append(g)
    return {f: _locate(items, raw_by_file.get(f, "")) for f, items in by_doc.items()}


def system_spans(out: SystemOutput, files: Iterable[str]) -> dict[str, list[Timex]]:
    """Storyline's expressions per gold file, moved from cleaned to raw offsets."""
    spans: dict[str, list[Timex]] = {}
    for file in files:
        doc, dj = out.docs.get(file), out.document_json(file)
        if doc is None or dj is None:
            continue
        omap = OffsetMap(doc.offsets)
        spans[file] = [
            Timex(file, omap.to_raw(t["start"]), omap.to_raw(t["end"] - 1) + 1, t["text"], t["value"], t.get("type"))
            for t in dj.get("time_expressions", [])
            if t["end"] > t["start"]
        ]
    return spans


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    raw = {f: d.raw_text for f, d in out.docs.items()}
    golds = gold_spans(gold, raw)
    metrics, errors = score_spans(golds, system_spans(out, golds))
    missing = [f for f in golds if f not in out.docs]
    errors = [f"{f}: not stored" for f in missing] + errors
    return LayerScore("time_expressions", metrics, metrics["gold"], errors[:40])
