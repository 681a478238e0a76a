"""Stories and storylines layers: is every document in the story the gold puts it in?

B-cubed (Bagga & Baldwin 1998) over the gold documents: for each document, precision is the share
of its system story that belongs to its gold story, recall the share of its gold story found in
its system story; both are averaged over documents. ``false_merges`` counts the pairs of gold
stories that some system story mixes: two stories that merely share a place or a name (a strike
in a country and a treaty it signs) must stay apart, so it should be 0.

The gold's stories are developing stories (a treaty from its signing to its ratification): the
``storylines`` layer scores the system's storylines against them the same way, the ``stories`` layer
the tighter system stories (which may split a gold story over months without being wrong).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from storyline.eval.layers.common import ratio
from storyline.eval.scores import LayerScore, SystemOutput


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("stories"))


def bcubed(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item → cluster) against the gold one."""
    items = [i for i in gold if i in system]
    if not items:
        return 0.0, 0.0, 0.0
    by_sys: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_sys[system[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(by_sys[system[i]] & by_gold[gold[i]])
        p += both / len(by_sys[system[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    return _score(gold, out, "stories")


def score_storylines(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    return _score(gold, out, "storylines")


def _score(gold: dict[str, Any], out: SystemOutput, level: str) -> LayerScore:
    gold_story = {f: s["id"] for s in gold.get("stories", []) for f in s.get("docs", [])}
    system_story: dict[str, str] = {}
    for story in out.dossier.get(level, []):
        for doc_id in story.get("documents", []):
            name = out.doc_file.get(doc_id)
            if name is not None:
                system_story[name] = story["id"]
    errors = [f"{f}: not in any story" for f in sorted(gold_story) if f not in system_story]
    # Documents the system did not place count as stories of their own (they hurt recall only).
    placed = {f: system_story.get(f, f"unplaced:{f}") for f in gold_story}
    p, r, f1 = bcubed(placed, gold_story)
    members: dict[str, set[str]] = defaultdict(set)
    for f, sid in placed.items():
        members[sid].add(gold_story[f])
    merged = sorted({pair for stories in members.values() for pair in combinations(sorted(stories), 2)})
    errors += [f"stories {a} and {b} merged into one" for a, b in merged]
    n_gold = len({s for s in gold_story.values()})
    return LayerScore(
        level,
        {
            "bcubed_precision": round(p, 4),
            "bcubed_recall": round(r, 4),
            "bcubed_f1": round(f1, 4),
            "false_merges": len(merged),
            f"system_{level}": len({placed[f] for f in placed}),
            "placed_ratio": ratio(sum(1 for f in gold_story if f in system_story), len(gold_story)),
        },
        n_gold,
        errors[:20],
    )
