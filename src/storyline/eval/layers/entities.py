"""Entity layer: are the gold actors' alias mentions grouped into one system entity each, and kept apart?

For every gold entity, each of its aliases is located in the cleaned text of each of its documents
(compared with ``common.norm``: case, spacing, hyphen artefacts and quote styles aside). An occurrence
inside a longer occurrence of another gold alias is dropped ("Egypt" inside "Israel-Egypt
treaty"). Each occurrence is matched to the system mention that overlaps it most (by at least half of
the shorter of the two). Scores:

- ``merged`` / ``multi_alias``: gold entities listing ≥ 2 distinct aliases whose located occurrences are
  all matched to mentions of one single system entity;
- ``merged_among_found``: the same, leaving aside occurrences no system mention covers (text the
  system did not parse, such as a German article, or NER misses);
- ``bcubed_precision`` / ``bcubed_recall`` / ``bcubed_f1``: B-cubed over the located occurrences, the
  gold entity against the system entity (an unmatched occurrence is a singleton);
- ``wrong_merges``: system entities holding occurrences of ≥ 2 gold entities;
- ``must_not_merge_violated``: gold pairs ``must_not_merge`` whose occurrences share a system entity;
- ``mentions_found``: located occurrences matched to a mention that has an entity;
- ``main_actor_docs_right`` / ``main_actor_docs``: articles where an occurrence of a main actor of their
  gold story (named in a third of its articles, two at least) is located; those where one lands in the
  actor's home entity (the system entity holding most of its occurrences, over all articles, and no
  other actor's). Per language (``only``), the share of articles that name their story's actors as the
  rest of the story does.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any, NamedTuple

from storyline.eval.layers.common import norm, ratio
from storyline.eval.scores import LayerScore, SystemOutput

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# What the metric calls a main actor (fixed, so that scores stay comparable across builds).
MAIN_ACTOR_SHARE = 1 / 3  # a main actor of a story is named in at least this share of its articles
MAIN_ACTOR_MIN_DOCS = 2  # ... and in two articles at least


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("entities"))


def normalized_with_offsets(text: str) -> tuple[str, list[int]]:
    """``common.norm`` of the text, and for every character of it the offset it came from."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_QUOTES):
            chars.append(c)
            where.append(i)

    def drop(pattern: str, group: int) -> None:
        s = "".join(chars)
        gone = {k for m in re.finditer(pattern, s) for k in range(m.start(group), m.end(group))}
        keep = [k for k in range(len(chars)) if k not in gone]
        chars[:] = [chars[k] for k in keep]
        where[:] = [where[k] for k in keep]

    drop(r"-(\s+)(?=[a-z])", 1)
    drop(r"(\s+)(?=[,.;:!?])", 1)
    low = [c.lower() if len(c.lower()) == 1 else c for c in chars]
    out_c: list[str] = []
    out_w: list[int] = []
    for c, w in zip(low, where, strict=True):
        if c.isspace():
            if out_c and out_c[-1] != " ":
                out_c.append(" ")
                out_w.append(w)
        else:
            out_c.append(c)
            out_w.append(w)
    return "".join(out_c), out_w


def locate(text: str, alias: str, cache: dict[int, tuple[str, list[int]]]) -> list[tuple[int, int]]:
    """Spans of ``alias`` in ``text`` (offsets into ``text``), compared as ``norm`` compares."""
    key = id(text)
    if key not in cache:
        cache[key] = normalized_with_offsets(text)
    s, where = cache[key]
    needle = norm(alias)
    if not needle:
        return []
    return [
        (where[m.start()], where[m.end() - 1] + 1) for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", s)
    ]


def _best_mention(span: tuple[int, int], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    s, e = span
    best, best_score = None, 0.0
    for m in mentions:
        overlap = min(e, m["end"]) - max(s, m["start"])
        if overlap <= 0 or 2 * overlap < min(e - s, m["end"] - m["start"]):
            continue
        score = overlap / max(e - s, m["end"] - m["start"])
        if score > best_score:
            best, best_score = m, score
    return best


class Occurrence(NamedTuple):
    """Where the gold says an actor is named: one alias found in one document."""

    file: str
    start: int
    end: int
    gold: int  # index of the actor in the gold's list
    alias: str


def _occurrences(ents: list[dict[str, Any]], out: SystemOutput) -> list[Occurrence]:
    """Every alias of every gold actor in its documents, once; a span inside a longer one is left out."""
    cache: dict[int, tuple[str, list[int]]] = {}
    occ: list[Occurrence] = []
    for gi, g in enumerate(ents):
        for file in g.get("docs", []):
            doc = out.docs.get(file)
            if doc is None:
                continue
            for alias in dict.fromkeys(g.get("aliases") or [g["name"]]):
                occ += [Occurrence(file, s, e, gi, alias) for s, e in locate(doc.text, alias, cache)]
    occ = list(dict.fromkeys(occ))
    spans_by_file: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for o in occ:
        spans_by_file[o.file].append((o.start, o.end))
    return [
        o
        for o in occ
        if not any(s <= o.start and o.end <= e and (s, e) != (o.start, o.end) for s, e in spans_by_file[o.file])
    ]


Mention = tuple[str, int, int]  # (file, start, end) of a system mention


def _matched(occ: list[Occurrence], out: SystemOutput) -> tuple[list[str | None], list[Mention | None]]:
    """For each occurrence, the entity of the system mention that best covers it, and that mention."""
    sys_of: list[str | None] = []
    mention_of: list[Mention | None] = []
    for o in occ:
        dj = out.document_json(o.file)
        m = _best_mention((o.start, o.end), dj["mentions"] if dj else [])
        sys_of.append(m["entity"] if m else None)
        mention_of.append((o.file, m["start"], m["end"]) if m else None)
    return sys_of, mention_of


def _merged(ents: list[dict[str, Any]], occ: list[Occurrence], sys_of: list[str | None],
            by_gold: dict[int, list[int]], errors: list[str]) -> tuple[int, int, int]:  # fmt: skip
    """(actors with several aliases, those whose aliases all went to one entity, those merged among the
    mentions found); the actors split or not merged go to ``errors``."""
    multi = merged = merged_found = 0
    for gi, g in enumerate(ents):
        if len(set(g.get("aliases", []))) < 2:
            split = {sys_of[k] or "no mention" for k in by_gold.get(gi, [])}
            if len(split) > 1:
                errors.append(f"split: {g['name']} → {', '.join(sorted(split))}")
            continue
        multi += 1
        ks = by_gold.get(gi, [])
        got = {sys_of[k] for k in ks}
        if len(got - {None}) == 1:
            merged_found += 1
        if ks and None not in got and len(got) == 1:
            merged += 1
        else:
            where = sorted({f"{occ[k].alias!r}→{sys_of[k] or 'no mention'}" for k in ks})
            errors.append(f"not merged: {g['name']}: {', '.join(where) or 'no alias found in its documents'}")
    return multi, merged, merged_found


def _bcubed(
    occ: list[Occurrence], sys_of: list[str | None], by_gold: dict[int, list[int]]
) -> tuple[float, float] | None:
    """B-cubed precision and recall of the system's entities over the gold occurrences (None: no occurrence)."""
    gold_size = {gi: len(ks) for gi, ks in by_gold.items()}
    sys_items: dict[str, list[int]] = defaultdict(list)
    for k, sid in enumerate(sys_of):
        if sid is not None:
            sys_items[sid].append(k)
    p_sum = r_sum = 0.0
    for k, o in enumerate(occ):
        sid = sys_of[k]
        cluster = sys_items[sid] if sid is not None else [k]
        same = sum(1 for j in cluster if occ[j].gold == o.gold)
        p_sum += same / len(cluster)
        r_sum += same / gold_size[o.gold]
    return (p_sum / len(occ), r_sum / len(occ)) if occ else None


def _wrong_merges(ents: list[dict[str, Any]], occ: list[Occurrence], sys_of: list[str | None],
                  mention_of: list[Mention | None], errors: list[str]) -> int:  # fmt: skip
    """System entities holding two gold actors (a mention two gold actors both claim is a span problem, not a
    merge)."""
    claims: dict[Mention, set[int]] = defaultdict(set)
    for k, m in enumerate(mention_of):
        if m:
            claims[m].add(occ[k].gold)
    holds: dict[str, set[int]] = defaultdict(set)
    for k, sid in enumerate(sys_of):
        m = mention_of[k]
        if sid is not None and m and len(claims[m]) == 1:
            holds[sid].add(occ[k].gold)
    wrong = {sid: gs for sid, gs in holds.items() if len(gs) >= 2}
    for sid, gs in sorted(wrong.items()):
        errors.append(f"wrong merge: {sid} holds {', '.join(sorted(ents[g]['name'] for g in gs))}")
    return len(wrong)


def _must_not_merge(gold: dict[str, Any], ents: list[dict[str, Any]], sys_of: list[str | None],
                    by_gold: dict[int, list[int]], errors: list[str]) -> tuple[int, int]:  # fmt: skip
    """(pairs the gold says must stay apart that share an entity, pairs checked)."""
    index = {norm(g["name"]): gi for gi, g in enumerate(ents)}
    violated = checked = 0
    for pair in gold.get("must_not_merge", []):
        gis = [index.get(norm(x)) for x in pair[:2]]
        if gis[0] is None or gis[1] is None:
            continue
        checked += 1
        a = {sid for k in by_gold.get(gis[0], []) if (sid := sys_of[k]) is not None}
        b = {sid for k in by_gold.get(gis[1], []) if (sid := sys_of[k]) is not None}
        if a & b:
            violated += 1
            errors.append(f"must not merge: {pair[0]} / {pair[1]} share {', '.join(sorted(a & b))}")
    return violated, checked


def _main_actors(gold: dict[str, Any]) -> dict[str, set[int]]:
    """Gold file → the gold entities that are main actors of its story: named in at least a third of the
    story's articles (and in two at least)."""
    ents = gold.get("entities", [])
    out: dict[str, set[int]] = {}
    for story in gold.get("stories", []):
        docs = set(story.get("docs", []))
        need = max(MAIN_ACTOR_MIN_DOCS, math.ceil(MAIN_ACTOR_SHARE * len(docs)))
        main = {gi for gi, g in enumerate(ents) if len(docs & set(g.get("docs", []))) >= need}
        for d in docs:
            out[d] = main
    return out


def _main_actors_right(gold: dict[str, Any], occ: list[Occurrence], sys_of: list[str | None],
                       only: set[str] | None) -> tuple[int, int]:  # fmt: skip
    """(articles where a main actor of their story is located, those where one lands in its home entity).

    An actor's home is the system entity that holds most of its occurrences over all articles; a home that
    also holds another gold actor's occurrences (a wrong merge) is no right answer."""
    main = _main_actors(gold)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    holders: dict[str, set[int]] = defaultdict(set)
    for k, o in enumerate(occ):
        sid = sys_of[k]
        if sid is not None:
            counts[o.gold][sid] += 1
            holders[sid].add(o.gold)
    home = {gi: c.most_common(1)[0][0] for gi, c in counts.items()}
    located: set[str] = set()
    right: set[str] = set()
    for k, o in enumerate(occ):
        if (only is not None and o.file not in only) or o.gold not in main.get(o.file, set()):
            continue
        located.add(o.file)
        sid = sys_of[k]
        if sid is not None and sid == home.get(o.gold) and holders[sid] == {o.gold}:
            right.add(o.file)
    return len(located), len(right)


def score(gold: dict[str, Any], out: SystemOutput, only: set[str] | None = None) -> LayerScore:
    """The layer's metrics; with ``only`` (gold file names), over the occurrences in those articles, each
    actor's home entity still decided over every article."""
    ents = gold.get("entities", [])
    occ = _occurrences(ents, out)
    sys_of, mention_of = _matched(occ, out)
    main_located, main_right = _main_actors_right(gold, occ, sys_of, only)
    if only is not None:
        keep = [k for k, o in enumerate(occ) if o.file in only]
        occ = [occ[k] for k in keep]
        sys_of = [sys_of[k] for k in keep]
        mention_of = [mention_of[k] for k in keep]
    errors: list[str] = []
    by_gold: dict[int, list[int]] = defaultdict(list)
    for k, o in enumerate(occ):
        by_gold[o.gold].append(k)
    multi, merged, merged_found = _merged(ents, occ, sys_of, by_gold, errors)
    bcubed = _bcubed(occ, sys_of, by_gold)
    bp, br = bcubed if bcubed else (None, None)
    bf = round(2 * bp * br / (bp + br), 4) if bp and br else None
    wrong = _wrong_merges(ents, occ, sys_of, mention_of, errors)
    violated, checked = _must_not_merge(gold, ents, sys_of, by_gold, errors)
    found = sum(1 for sid in sys_of if sid is not None)
    n = len(occ)
    metrics: dict[str, float | int | None] = {
        "merged": merged,
        "multi_alias": multi,
        "merged_ratio": ratio(merged, multi),
        "merged_among_found": merged_found,
        "bcubed_precision": round(bp, 4) if bp is not None else None,
        "bcubed_recall": round(br, 4) if br is not None else None,
        "bcubed_f1": bf,
        "wrong_merges": wrong,
        "must_not_merge_violated": violated,
        "must_not_merge_pairs": checked,
        "mentions_found": found,
        "alias_occurrences": n,
        "mentions_found_ratio": ratio(found, n),
        "main_actor_docs": main_located,
        "main_actor_docs_right": main_right,
        "main_actor_docs_ratio": ratio(main_right, main_located),
    }
    n_gold = len(ents) if only is None else sum(1 for g in ents if set(g.get("docs", [])) & only)
    return LayerScore("entities", metrics, n_gold, errors[:30])
