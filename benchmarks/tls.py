"""Timeline summarization on Timeline17 topics: Date-F1 and alignment ROUGE against journalists' timelines.

For each topic folder (``<topic>/articles``, ``<topic>/manifest.json``, ``<topic>/timeline.json``; the layout
of ../shared/corpora/t17-dev) it builds a store once (kept in ``--work``), then for each reference timeline
follows the usual protocol (news-tls, Ghalandari & Ifrim 2020): only the articles published inside the
timeline's first..last day, as many dates as the reference has, about as many sentences per date as it has
(its mean, rounded). It scores two system timelines:

- **store**: what `storyline timeline` gives over every article of the store in the span;
- **storyline**: the same over the articles of the topic's largest storyline only.

and reports Date-F1, alignment ROUGE-1/2 F ("align+ m:1", ``storyline.eval.tls``), and how much of the
topic the largest storyline holds: the share of the reference dates its timeline (its dated entries) has,
over the share the whole store's timelines have.

    python benchmarks/tls.py ../shared/corpora/t17-dev/bpoil ../shared/corpora/t17-dev/H1N1 --work /tmp/tls
    python benchmarks/tls.py ../shared/corpora/t17-dev/* --work /tmp/tls --json tls.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from storyline.eval.tls import align_rouge, date_f1
from storyline.link.keydates import timeline_summary
from storyline.pipeline import build
from storyline.store import Store

PUBLISHED = {"DATEWISE": (0.544, 0.120, 0.035), "CLUST": (0.407, None, None)}  # Date-F1, AR1-F, AR2-F, all 19


def _store(topic: Path, work: Path) -> Path:
    db = work / f"{topic.name}.db"
    articles = sorted((topic / "articles").glob("*.txt"))
    if db.exists():
        with Store(db, readonly=True) as store:
            if store.count_documents() >= len(articles):
                return db
    started = time.perf_counter()
    report = build([topic / "articles"], db, manifest=topic / "manifest.json")
    print(
        f"{topic.name}: built {report.stored} articles into {report.stories} stories and "
        f"{report.storylines} storylines in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return db


def _score(days: list, reference: dict[str, list[str]]) -> dict[str, float]:
    system = {d.date: [s.text for s in d.sentences] for d in days}
    return {
        "date_f1": date_f1(list(system), list(reference)).f1,
        "ar1_f": align_rouge(system, reference, 1).f1,
        "ar2_f": align_rouge(system, reference, 2).f1,
    }


def evaluate_topic(topic: Path, work: Path) -> list[dict]:
    db = _store(topic, work)
    timelines = json.loads((topic / "timeline.json").read_text(encoding="utf-8"))["timelines"]
    with Store(db, readonly=True) as store:
        docs = list(store.load_documents(with_raw=False))
        extractions = {ex.doc_id: ex for ex in store.load_extractions()}
        lines = store.load_stories(level="storyline")
    main = max(lines, key=lambda s: (len(s.documents), s.id))
    in_main = set(main.documents)
    main_days = {e.date[:10] for e in main.events if e.date and e.date_precision == "day"}
    store_days = {e.date[:10] for s in lines for e in s.events if e.date and e.date_precision == "day"}
    rows = []
    for tl in timelines:
        reference = {e["date"]: e["sentences"] for e in tl["entries"]}
        first, last = min(reference), max(reference)
        n_dates = len(reference)
        n_sentences = max(1, round(sum(len(s) for s in reference.values()) / n_dates))
        span = [d for d in docs if d.published and first <= d.published[:10] <= last]
        row = {"topic": topic.name, "timeline": tl["name"], "dates": n_dates, "sentences": n_sentences,
               "articles": len(span), "storyline_articles": sum(d.id in in_main for d in span)}  # fmt: skip
        for name, chosen in (("store", span), ("storyline", [d for d in span if d.id in in_main])):
            days = timeline_summary(chosen, extractions, n_dates, n_sentences, first, last)
            row[name] = _score(days, reference)
        held_store = len(store_days & set(reference)) / n_dates
        held_main = len(main_days & set(reference)) / n_dates
        row["reference_dates_on_timeline"] = {"store": round(held_store, 3), "storyline": round(held_main, 3)}
        row["storyline_holds"] = round(held_main / held_store, 3) if held_store else None
        rows.append(row)
    return rows


def _mean(rows: list[dict], system: str, key: str) -> float:
    return statistics.mean(r[system][key] for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("topics", nargs="+", type=Path, help="topic folders (articles/, manifest.json, timeline.json)")
    ap.add_argument("--work", type=Path, required=True, help="folder for the stores (reused when complete)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = [row for topic in args.topics for row in evaluate_topic(topic, args.work)]
    print(f"{'timeline':<46} {'dates':>5} {'art.':>5}  store: F1   AR1   AR2 | storyline: F1   AR1   AR2 | holds")
    for r in rows:
        s, m = r["store"], r["storyline"]
        print(
            f"{r['timeline'][:46]:<46} {r['dates']:>5} {r['articles']:>5}  "
            f"{s['date_f1']:.3f} {s['ar1_f']:.3f} {s['ar2_f']:.3f} | "
            f"{m['date_f1']:.3f} {m['ar1_f']:.3f} {m['ar2_f']:.3f} | {r['storyline_holds']}"
        )
    means = {sys_: {k: round(_mean(rows, sys_, k), 3) for k in ("date_f1", "ar1_f", "ar2_f")}
             for sys_ in ("store", "storyline")}  # fmt: skip
    print(f"mean over {len(rows)} timelines: store {means['store']}, storyline {means['storyline']}")
    for name, (f1, ar1, ar2) in PUBLISHED.items():
        print(f"published {name} (all 19 Timeline17 timelines): Date-F1 {f1}, AR1-F {ar1}, AR2-F {ar2}")
    if args.json:
        args.json.write_text(json.dumps({"timelines": rows, "means": means}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
