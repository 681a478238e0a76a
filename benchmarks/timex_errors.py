"""Storyline's time-expression errors on a gold set, grouped by kind of expression, and the even/odd halves.

    python benchmarks/timex_errors.py GOLD --corpus DIR [--manifest M] [--show CATEGORY ...] [--json F]

Each gold expression (and each spurious system one) gets one category from its text and value:
durations, sets, PRESENT/PAST/FUTURE_REF, weeks, quarters, "the year"-style definite references,
"two years ago"-style shifts, year-less dates, ... For each category the table gives the gold
count, right values, wrong values, misses and spurious finds; ``--show`` lists the errors of the
named categories (``--show all`` every one). The halves split the gold documents, sorted by
name, into even and odd positions: a rule that helps only one half is likely fitted to it.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from storyline.eval.layers import timex as layer
from timex_vs_heideltime import gold_names, load_documents, run_storyline

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_UNIT = r"(?:day|week|weekend|month|quarter|year|period|decade|half|season|time)s?"
_RULES: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = [
    # (category, pattern on the text, pattern on the value or None): the first that matches wins.
    ("ref", re.compile(r""), re.compile(r"_REF$")),
    ("fiscal year", re.compile(r"fiscal|financial", re.I), None),
    ("ago/earlier/later", re.compile(r"\b(?:ago|earlier|later|before|after|since|hence|from now|prior)\b", re.I), None),
    (
        "past/next N units",
        re.compile(rf"\b(?:past|last|next|coming|recent|previous|first|latest)\b.*\b{_UNIT}\b", re.I),
        re.compile(r"^P"),
    ),
    ("duration", re.compile(r""), re.compile(r"^P")),
    ("time of day", re.compile(r""), re.compile(r"T\d")),
    ("part of day", re.compile(r""), re.compile(r"T(?:MO|AF|EV|NI|DT)$")),
    ("week", re.compile(r""), re.compile(r"-W(?:\d|XX$)")),
    ("quarter/half", re.compile(r""), re.compile(r"-(?:Q|H)[\dX]")),
    ("season", re.compile(r""), re.compile(r"-(?:SP|SU|FA|WI)$")),
    ("today/yesterday", re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.I), None),
    (
        "this/last/next unit",
        re.compile(rf"\b(?:this|last|next|past|coming|previous|following|same)\s+{_UNIT}\b", re.I),
        None,
    ),
    ("the year/quarter/period", re.compile(rf"^(?:the|that|this|its|a)\s+(?:[\w-]+\s+)?{_UNIT}$", re.I), None),
    ("weekday", re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I), None),
    ("month day, no year", re.compile(rf"^(?:(?!\d{{4}}).)*\b{_MONTH}\s+\d{{1,2}}\b(?!.*\d{{4}})", re.I), None),
    ("full date", re.compile(r"\d{4}|\d+/\d+/\d+"), re.compile(r"^\d{4}-\d\d-\d\d$")),
    ("month", re.compile(rf"\b{_MONTH}\b", re.I), re.compile(r"^\d{4}-\d\d$")),
    ("year/decade", re.compile(r""), re.compile(r"^\d{2,4}X*$")),
]


def category(text: str, value: str | None, kind: str | None = None) -> str:
    v = value or ""
    if kind == "SET":
        return "set"
    for name, text_re, value_re in _RULES:
        if text_re.search(text) and (value_re is None or value_re.search(v)):
            return name
    return "other"


def tally(golds: dict[str, list[layer.Timex]], preds: dict[str, list[layer.Timex]], files: set[str]) -> dict:
    """Per category: gold, right, wrong, missed, spurious (categories of spurious finds come from the system)."""
    rows: dict[str, Counter] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    for f in sorted(files):
        gold, pred = golds.get(f, []), preds.get(f, [])
        pairs = layer.match(gold, pred)
        matched_g, matched_p = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
        for g, p in pairs:
            c = category(g.text, g.value, g.type)
            rows[c]["gold"] += 1
            ok = layer._same_value(g.value, p.value)
            rows[c]["right" if ok else "wrong"] += 1
            if not ok:
                errors[c].append(f"{f}: WRONG {g.text!r}={g.value} got {p.text!r}={p.value}")
        for g in gold:
            if id(g) not in matched_g:
                c = category(g.text, g.value, g.type)
                rows[c]["gold"] += 1
                rows[c]["missed"] += 1
                errors[c].append(f"{f}: MISSED {g.text!r}={g.value}")
        for p in pred:
            if id(p) not in matched_p:
                c = category(p.text, p.value, p.type)
                rows[c]["spurious"] += 1
                errors[c].append(f"{f}: SPURIOUS {p.text!r}={p.value}")
    return {"rows": rows, "errors": errors}


def value_f1(golds: dict[str, list[layer.Timex]], preds: dict[str, list[layer.Timex]], files: list[str]) -> float:
    metrics, _ = layer.score_spans({f: golds[f] for f in files}, {f: preds.get(f, []) for f in files})
    return metrics["value_f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--manifest", type=Path)
    parser.add_argument("--show", nargs="*", default=[], help="categories whose errors to list ('all' for every one)")
    parser.add_argument("--json", type=Path, help="also write the per-category counts and halves to this file")
    args = parser.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    docs = load_documents(args.corpus, args.manifest, gold_names(gold))
    golds = layer.gold_spans(gold, {n: d.raw_text for n, d in docs.items()})
    preds, _, _ = run_storyline(docs)
    files = sorted(f for f in golds if f in docs)
    result = tally(golds, preds, set(files))
    rows = result["rows"]
    print(f"{'category':<26}{'gold':>6}{'right':>7}{'wrong':>7}{'missed':>8}{'spurious':>10}")
    total: Counter = Counter()
    for name in sorted(rows, key=lambda c: -rows[c]["gold"]):
        r = rows[name]
        total.update(r)
        print(f"{name:<26}{r['gold']:>6}{r['right']:>7}{r['wrong']:>7}{r['missed']:>8}{r['spurious']:>10}")
    print(
        f"{'total':<26}{total['gold']:>6}{total['right']:>7}{total['wrong']:>7}{total['missed']:>8}{total['spurious']:>10}"
    )
    halves = {"even": value_f1(golds, preds, files[0::2]), "odd": value_f1(golds, preds, files[1::2])}
    print(f"value F1: all {value_f1(golds, preds, files)}, even half {halves['even']}, odd half {halves['odd']}")
    for name in rows if "all" in args.show else args.show:
        print(f"\n== {name}")
        for line in result["errors"].get(name, []):
            print("  " + line)
    if args.json:
        plain = {"categories": {k: dict(v) for k, v in rows.items()}, "halves": halves}
        args.json.write_text(json.dumps(plain, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
