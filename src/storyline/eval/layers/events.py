"""The events layer: the timeline against the gold's events (docs/gold-format.md, "The events layer").

A system event *matches* a gold event when one of its evidence sentences (or its summary) contains
one of the gold ``keywords`` and its sources include one of the gold ``docs``. Gold and system events
are paired one to one, best pairs first (right date, then more shared documents). Then:

- ``found`` / ``recall``: gold events matched;
- ``key_events_right_date``: key events matched with the right date (the system date lies within the
  gold date: ``2025-02-11`` is right for gold ``2025-02``, ``2025-02`` is not right for ``2025-02-11``;
  a gold ``null`` wants an undated event);
- ``date_accuracy``, ``undated_when_gold_undated``, ``modality_accuracy`` over the matched events
  (gold ``scheduled`` reads as ``expected``; ``reported`` reads as ``asserted``);
- ``source_coverage``: mean share of a matched gold event's documents its entry cites;
- ``merged``: multi-document gold events whose entry cites at least three quarters of their documents;
- ``pubdate_violations``: system events dated with their document's publication day although no time
  expression in their evidence sentence gives that day (must be 0).
"""

from __future__ import annotations

import math
from typing import Any

from storyline import timespan
from storyline.eval.layers.common import norm, one_to_one, ratio
from storyline.eval.scores import LayerScore, SystemOutput

_MODALITY = {"scheduled": "expected", "reported": "asserted", None: "asserted"}


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("events"))


def system_events(out: SystemOutput) -> list[dict[str, Any]]:
    seen: set[str] = set()
    found = []
    for story in out.dossier.get("stories", []):
        for ev in story.get("events", []):
            if ev["id"] in seen:
                continue
            seen.add(ev["id"])
            files = {out.doc_file.get(s["doc"]) for s in ev["sources"]} - {None}
            texts = [norm(s.get("text")) for s in ev["sources"]] + [norm(ev.get("summary"))]
            found.append({**ev, "_files": files, "_texts": texts})
    return found


def date_right(gold_date: str | None, system_date: str | None) -> bool:
    if gold_date is None:
        return system_date is None
    g, s = timespan.parse(gold_date), timespan.parse(system_date)
    return g is not None and s is not None and g[0] <= s[0] and s[1] <= g[1]


def _matches(g: dict[str, Any], ev: dict[str, Any]) -> bool:
    if not ev["_files"] & set(g.get("docs", [])):
        return False
    words = [norm(k) for k in g.get("keywords", []) if k]
    return any(w and w in t for w in words for t in ev["_texts"])


def pubdate_violations(out: SystemOutput, events: list[dict[str, Any]]) -> list[str]:
    """Events dated with the publication day of a source whose sentence names no such day."""
    docs = {d["id"]: d for d in out.dossier.get("documents", [])}
    bad = []
    for ev in events:
        day = timespan.day(ev.get("date"))
        if day is None:
            continue
        told = False
        published_on_it = False
        for s in ev["sources"]:
            doc = docs.get(s["doc"])
            if doc is None:
                continue
            if timespan.day(doc.get("published")) == day:
                published_on_it = True
            for te in doc.get("time_expressions", []):
                if s["start"] <= te["start"] < s["end"] and timespan.day(te.get("value")) == day:
                    told = True
        if published_on_it and not told:
            bad.append(f"{ev['date']}: {ev['summary'][:80]}")
    return bad


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    events = system_events(out)
    golds = gold.get("events", [])
    pairs = []
    for gi, g in enumerate(golds):
        for si, ev in enumerate(events):
            if _matches(g, ev):
                shared = len(ev["_files"] & set(g.get("docs", [])))
                pairs.append(((date_right(g.get("date"), ev.get("date")), shared, -si), gi, si))
    pairs.sort(key=lambda p: p[0], reverse=True)
    match = one_to_one(pairs)
    errors: list[str] = []
    key_total = key_right = dated_ok = undated_total = undated_ok = modality_ok = 0
    multi = merged = 0
    coverage: list[float] = []
    for gi, g in enumerate(golds):
        label = f"{g.get('id', gi)} ({g.get('date')}) {g.get('summary', '')[:70]}"
        key_total += bool(g.get("key"))
        if gi not in match:
            errors.append(f"missed {label}")
            continue
        ev = events[match[gi]]
        docs = set(g.get("docs", []))
        right = date_right(g.get("date"), ev.get("date"))
        dated_ok += right
        key_right += bool(g.get("key")) and right
        if g.get("date") is None:
            undated_total += 1
            undated_ok += ev.get("date") is None
        if not right:
            errors.append(f"{label}: date {ev.get('date')!r} ({ev['summary'][:60]})")
        want = _MODALITY.get(g.get("modality"), g.get("modality"))
        got = _MODALITY.get(ev.get("modality"), ev.get("modality"))
        modality_ok += want == got
        if want != got:
            errors.append(f"{label}: modality {ev.get('modality')}, gold {g.get('modality') or 'asserted'}")
        shared = ev["_files"] & docs
        coverage.append(len(shared) / len(docs) if docs else 0.0)
        if len(docs) >= 2:
            multi += 1
            need = math.ceil(0.75 * len(docs))
            merged += len(shared) >= need
            if len(shared) < need:
                errors.append(f"{label}: entry cites {len(shared)} of {len(docs)} documents")
    bad = pubdate_violations(out, events)
    errors.extend(f"dated with the publication day: {b}" for b in bad)
    found = len(match)
    metrics: dict[str, float | int | None] = {
        "found": found,
        "recall": ratio(found, len(golds)),
        "key_events": key_total,
        "key_events_right_date": key_right,
        "date_accuracy": ratio(dated_ok, found),
        "undated_when_gold_undated": ratio(undated_ok, undated_total),
        "modality_accuracy": ratio(modality_ok, found),
        "source_coverage": round(sum(coverage) / len(coverage), 4) if coverage else None,
        "merged": merged,
        "multi_doc_events": multi,
        "pubdate_violations": len(bad),
        "system_events": len(events),
    }
    return LayerScore("events", metrics, len(golds), errors[:40])
