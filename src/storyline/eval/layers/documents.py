"""Document layers: boilerplate removal and metadata (outlet, date, byline, headline, dateline)."""

from __future__ import annotations

from typing import Any

from storyline.eval.layers.common import norm, ratio
from storyline.eval.scores import LayerScore, SystemOutput


def applies_boilerplate(gold: dict[str, Any]) -> bool:
    return any(d.get("boilerplate") or d.get("metadata_lines") for d in gold["documents"])


def score_boilerplate(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    removed = total = kept = body = 0
    errors: list[str] = []
    for g in gold["documents"]:
        doc = out.docs.get(g["file"])
        if doc is None:
            continue
        drop = [*g.get("boilerplate", []), *g.get("metadata_lines", [])]
        lines = {norm(ln) for ln in doc.text.split("\n") if ln.strip()}
        for line in drop:
            total += 1
            if norm(line) in lines:
                errors.append(f"{g['file']}: kept boilerplate {line!r}")
            else:
                removed += 1
        for line in doc.raw_text.split("\n"):
            if not line.strip() or any(d in line for d in drop):
                continue
            body += 1
            if norm(line) in lines:
                kept += 1
            else:
                errors.append(f"{g['file']}: lost body line {line.strip()[:80]!r}")
    return LayerScore(
        "boilerplate",
        {"removed": removed, "to_remove": total, "removed_ratio": ratio(removed, total),
         "body_kept": kept, "body_lines": body, "body_kept_ratio": ratio(kept, body)},
        total,
        errors[:20],
    )  # fmt: skip


def applies_metadata(gold: dict[str, Any]) -> bool:
    return any("outlet" in d or "byline" in d or "headline" in d for d in gold["documents"])


def score_metadata(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    checks = {"outlet": [0, 0], "byline": [0, 0], "headline": [0, 0], "dateline": [0, 0], "published": [0, 0]}
    errors: list[str] = []
    for g in gold["documents"]:
        doc = out.docs.get(g["file"])
        if doc is None:
            errors.append(f"{g['file']}: not stored")
            continue
        pairs: dict[str, tuple[Any, Any]] = {  # gold value (... when the gold says nothing), stored value
            "outlet": (g.get("outlet", ...), doc.outlet),
            "byline": (g.get("byline", ...), doc.byline),
            "headline": (g.get("headline", ...), doc.title),
            "dateline": (g.get("dateline", ...), doc.dateline),
            "published": (g.get("published", ...), doc.published),
        }
        for key, (want, got) in pairs.items():
            if want is ...:
                continue
            checks[key][1] += 1
            same = [norm(x) for x in want] == [norm(x) for x in got] if key == "byline" else norm(want) == norm(got)
            if key == "published" and want and got:
                same = got.startswith(want[:10]) or want.startswith(got[:10])
            checks[key][0] += same
            if not same:
                errors.append(f"{g['file']}: {key} {got!r}, gold {want!r}")
    metrics: dict[str, float | int | None] = {}
    for key, (ok, n) in checks.items():
        if n:
            metrics[f"{key}_accuracy"] = ratio(ok, n)
    return LayerScore("metadata", metrics, len(gold["documents"]), errors[:20])
