"""The claims layer: numbers with their unit, source and date, against the gold's salient claims.

A gold claim is found when a system claim of the same document has the same quantity (equal as
floats). When several do, the one that agrees most (source, then unit, then date) is taken; each
system claim answers one gold claim at most. Gold files annotate only the claims that matter to
the story, so precision (matched / system claims in the documents that have gold claims) is a
lower bound: an unmatched claim may be a true but unannotated number. Recall, and the source and
date of the claims found, are what the layer is for.
"""

from __future__ import annotations

import math
from typing import Any

from storyline.eval.layers.common import norm, prf, ratio, token_f1, tokens
from storyline.eval.scores import LayerScore, SystemOutput

NAME_F1 = 0.6  # token F1 at which two spellings of a source count as the same
# A unit's head noun ends its first chunk: "cubic metres | of water per year", "ships | waiting at anchor".
_CHUNK_END = {"of", "per", "a", "an", "in", "on", "at", "for", "to", "with", "by", "from", "sent", "that", "which"}


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("claims"))


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def unit_head(unit: str | None) -> str | None:
    words = tokens(unit)
    chunk: list[str] = []
    for w in words:
        if chunk and (w in _CHUNK_END or w.endswith("ing")):
            break
        chunk.append(w)
    return _stem(chunk[-1]) if chunk else None


def unit_matches(gold: str | None, system: str | None) -> bool:
    """Same head noun, or the head of one is a word of the other ('percent' ~ 'percent pay increase')."""
    g, s = unit_head(gold), unit_head(system)
    if not g or not s:
        return False
    return g == s or g in {_stem(w) for w in tokens(system)} or s in {_stem(w) for w in tokens(gold)}


def _aliases(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Normalized name → every spelling of the gold entity it names."""
    out: dict[str, set[str]] = {}
    for e in gold.get("entities", []):
        names = {e["name"], *e.get("aliases", [])}
        for n in names:
            out.setdefault(norm(n), set()).update(names)
    return out


def source_matches(gold_name: str | None, system_name: str | None, aliases: dict[str, set[str]]) -> bool:
    if gold_name is None or system_name is None:
        return gold_name is None and system_name is None
    names = aliases.get(norm(gold_name), set()) | {gold_name}
    return any(norm(n) == norm(system_name) or token_f1(n, system_name) >= NAME_F1 for n in names)


def system_claims(out: SystemOutput) -> dict[str, list[dict[str, Any]]]:
    """Gold file name → the claims Storyline made for it (each once, though stories may share documents)."""
    seen: set[str] = set()
    by_file: dict[str, list[dict[str, Any]]] = {}
    for story in out.dossier.get("stories", []):
        for c in story.get("claims", []):
            file = out.doc_file.get(c["doc"])
            if file is None or c["id"] in seen:
                continue
            seen.add(c["id"])
            by_file.setdefault(file, []).append(c)
    return by_file


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    aliases = _aliases(gold)
    found_by_file = system_claims(out)
    used: set[str] = set()
    found = source_ok = unit_ok = date_ok = correct = 0
    errors: list[str] = []
    for g in gold.get("claims", []):
        want_date = (g.get("reported_on") or "")[:10] or None
        candidates = [
            c
            for c in found_by_file.get(g["doc"], [])
            if c["id"] not in used and math.isclose(float(c["quantity"]), float(g["quantity"]), rel_tol=1e-9)
        ]
        if not candidates:
            errors.append(f"{g['doc']}: missed {g['quantity']:g} {g.get('unit')}")
            continue

        def agreement(c: dict[str, Any], g: dict[str, Any] = g, want_date: str | None = want_date) -> tuple:
            return (
                source_matches(g.get("attributed_to"), c.get("attributed_to"), aliases),
                unit_matches(g.get("unit"), c.get("unit")),
                (c.get("date") or "")[:10] == want_date,
            )

        best = max(candidates, key=agreement)
        used.add(best["id"])
        s_ok, u_ok, d_ok = agreement(best)
        found += 1
        source_ok += s_ok
        unit_ok += u_ok
        date_ok += d_ok
        correct += s_ok and d_ok
        label = f"{g['doc']}: {g['quantity']:g} {g.get('unit')}"
        if not s_ok:
            errors.append(f"{label}: source {best.get('attributed_to')!r}, gold {g.get('attributed_to')!r}")
        if not u_ok:
            errors.append(f"{label}: unit {best.get('unit')!r}")
        if not d_ok:
            errors.append(f"{label}: date {best.get('date')!r}, gold {want_date!r}")
    annotated = {g["doc"] for g in gold.get("claims", [])}
    in_annotated = sum(len(found_by_file.get(f, [])) for f in annotated)
    n_gold = len(gold.get("claims", []))
    pr = prf(found, in_annotated, n_gold)
    metrics: dict[str, float | int | None] = {
        "recall": pr["recall"],
        "precision_lower_bound": pr["precision"],
        "found": found,
        "system_claims": sum(len(v) for v in found_by_file.values()),
        "system_claims_in_annotated_docs": in_annotated,
        "source_accuracy": ratio(source_ok, found),
        "unit_accuracy": ratio(unit_ok, found),
        "date_accuracy": ratio(date_ok, found),
        "correct_recall": ratio(correct, n_gold),  # found with the right source and date
    }
    return LayerScore("claims", metrics, n_gold, errors[:30])
