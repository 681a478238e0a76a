"""Who claims a number, checked against PolNeAR's attributions (source / cue / content spans).

Every quantity the claims step finds inside the content span of a PolNeAR attribution should be
attributed to that attribution's source; quantities outside every content span should mostly be
left to the outlet (PolNeAR leaves out attributions without a source, so some of those are right).
Sources that are pronouns or relative words in the gold are skipped: we resolve them to names.

    python benchmarks/claims_attribution.py [--gold ../shared/gold/polnear-dev.gold.json]
                                            [--corpus ../shared/corpora/polnear-dev/docs] [--show 20]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from storyline.eval.layers.claims import source_matches
from storyline.eval.layers.common import tokens
from storyline.extract.claims.attribution import Attributor
from storyline.extract.claims.quantities import QuantityFinder
from storyline.extract.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "his", "her", "their", "its", "which", "that", "him"}


def same_source(gold: str, system: str | None) -> bool:
    """PolNeAR source spans keep appositions and relative clauses ("Victor Cha, a Korea scholar at ..."):
    a system name whose words all occur in the gold span, or that shares its last word, is the same source."""
    if source_matches(gold, system, {}):
        return True
    g, s = tokens(gold), tokens(system)
    return bool(g and s) and (set(s) <= set(g) or g[-1] == s[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "polnear-dev.gold.json")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "polnear-dev" / "docs")
    parser.add_argument("--show", type=int, default=15, help="print this many disagreements")
    parser.add_argument(
        "--kind", choices=["wrong", "unattributed", "outside"], default="wrong",
        help="which numbers to show: attributed to another source, left unattributed, or attributed outside any gold attribution",
    )  # fmt: skip
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for q in gold["quotes"]:
        spans[q["doc"]].append((q["start"], q["end"], q["speaker"]))
    files = sorted(spans)
    texts = [(args.corpus / f).read_text(encoding="utf-8") for f in files]
    counts = defaultdict(int)
    shown: list[str] = []
    for file, text, sdoc in zip(files, texts, load_nlp().pipe(texts, batch_size=16), strict=True):
        finder, attributor = QuantityFinder(sdoc, text), Attributor(sdoc)
        for sent in sdoc.sents:
            for q in finder.sentence(sent):
                src = attributor.source(q.anchor, tally=q.kind == "tally")
                name = src.name if src else None
                at = sdoc[q.first].idx
                inside = [s for s in spans[file] if s[0] <= at < s[1]]
                counts["quantities"] += 1
                if not inside:
                    counts["outside"] += 1
                    counts["outside_attributed"] += name is not None
                    if name is not None and args.kind == "outside" and len(shown) < args.show:
                        shown.append(f"{file}: {q.value:g} {q.unit} → {name!r}: {sent.text[:200]!r}")
                    continue
                speaker = min(inside, key=lambda s: s[1] - s[0])[2]  # the innermost attribution
                if tokens(speaker) and set(tokens(speaker)) <= PRONOUNS:
                    counts["inside_pronoun_source"] += 1
                    continue
                counts["inside"] += 1
                if name is None:
                    counts["inside_unattributed"] += 1
                    if args.kind == "unattributed" and len(shown) < args.show:
                        shown.append(
                            f"{file}: {q.value:g} {q.unit} unattributed, gold {speaker!r}: {sent.text[:200]!r}"
                        )
                elif same_source(speaker, name):
                    counts["inside_right"] += 1
                else:
                    counts["inside_wrong"] += 1
                    if args.kind == "wrong" and len(shown) < args.show:
                        shown.append(f"{file}: {q.value:g} {q.unit} → {name!r}, gold {speaker!r}: {sent.text[:200]!r}")
    inside = counts["inside"] or 1
    print(json.dumps(dict(counts), indent=1))
    print(
        f"inside a gold attribution (named source): right {counts['inside_right'] / inside:.1%}, "
        f"wrong {counts['inside_wrong'] / inside:.1%}, unattributed {counts['inside_unattributed'] / inside:.1%}; "
        f"outside: attributed {counts['outside_attributed'] / max(counts['outside'], 1):.1%}"
    )
    for line in shown:
        print(" ", line)


if __name__ == "__main__":
    main()
