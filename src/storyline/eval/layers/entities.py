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
from typing import Any

from storyline.eval.layers.common import norm, ratio
from storyline.eval.run import LayerScore, SystemOutput

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
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


def score(gold: dict[str, Any], out: SystemOutput, only: set[str] | None = None) -> LayerScore:
    """The layer's metrics; with ``only`` (gold file names), over the occurrences in those articles, each
    actor's home entity still decided over every article."""
    ents = gold.get("entities", [])
    cache: dict[int, tuple[str, list[int]]] = {}
    # every occurrence: (file, start, end, gold index, alias)
    occ: list[tuple[str, int, int, int, str]] = []
    for gi, g in enumerate(ents):
        for file in g.get("docs", []):
            doc = out.docs.get(file)
            if doc is None:
                continue
            for alias in dict.fromkeys(g.get("aliases") or [g["name"]]):
                occ += [(file, s, e, gi, alias) for s, e in locate(doc.text, alias, cache)]
    occ = list(dict.fromkeys(occ))
    spans_by_file: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for f, s, e, gi, _a in occ:
        spans_by_file[f].append((s, e, gi))
    occ = [
        o
        for o in occ
        if not any(s <= o[1] and o[2] <= e and (s, e) != (o[1], o[2]) for s, e, _g in spans_by_file[o[0]])
    ]
    # match occurrences to system mentions
    sys_of: list[str | None] = []
    mention_of: list[tuple[str, int, int] | None] = []
    for f, s, e, _gi, _a in occ:
        dj = out.document_json(f)
        m = _best_mention((s, e), dj["mentions"] if dj else [])
        sys_of.append(m["entity"] if m else None)
        mention_of.append((f, m["start"], m["end"]) if m else None)
    main = _main_actors_right(gold, ents, occ, sys_of, mention_of, only)
    if only is not None:
        keep = [k for k, o in enumerate(occ) if o[0] in only]
        occ = [occ[k] for k in keep]
        sys_of = [sys_of[k] for k in keep]
        mention_of = [mention_of[k] for k in keep]
    errors: list[str] = []
    # merged multi-alias actors
    by_gold: dict[int, list[int]] = defaultdict(list)
    for k, o in enumerate(occ):
        by_gold[o[3]].append(k)
    multi = merged = merged_found = 0
    for gi, g in enumerate(ents):
        if len(set(g.get("aliases", []))) < 2:
            got = {sys_of[k] or "no mention" for k in by_gold.get(gi, [])}
            if len(got) > 1:
                errors.append(f"split: {g['name']} → {', '.join(sorted(got))}")
            continue
        multi += 1
        ks = by_gold.get(gi, [])
        got = {sys_of[k] for k in ks}
        if len(got - {None}) == 1:
            merged_found += 1
        if ks and None not in got and len(got) == 1:
            merged += 1
        else:
            where = sorted({f"{occ[k][4]!r}→{sys_of[k] or 'no mention'}" for k in ks})
            errors.append(f"not merged: {g['name']}: {', '.join(where) or 'no alias found in its documents'}")
    # B-cubed
    gold_size = {gi: len(ks) for gi, ks in by_gold.items()}
    sys_items: dict[str, list[int]] = defaultdict(list)
    for k, sid in enumerate(sys_of):
        if sid is not None:
            sys_items[sid].append(k)
    p_sum = r_sum = 0.0
    for k, o in enumerate(occ):
        sid = sys_of[k]
        cluster = sys_items[sid] if sid is not None else [k]
        same = sum(1 for j in cluster if occ[j][3] == o[3])
        p_sum += same / len(cluster)
        r_sum += same / gold_size[o[3]]
    n = len(occ)
    bp, br = (p_sum / n, r_sum / n) if n else (None, None)
    bf = round(2 * bp * br / (bp + br), 4) if bp and br else None
    # wrong merges (a mention two gold entities both claim is a span problem, not a merge)
    claims: dict[tuple[str, int, int], set[int]] = defaultdict(set)
    for k, m in enumerate(mention_of):
        if m:
            claims[m].add(occ[k][3])
    holds: dict[str, set[int]] = defaultdict(set)
    for k, sid in enumerate(sys_of):
        m = mention_of[k]
        if sid is not None and m and len(claims[m]) == 1:
            holds[sid].add(occ[k][3])
    wrong = {sid: gs for sid, gs in holds.items() if len(gs) >= 2}
    for sid, gs in sorted(wrong.items()):
        errors.append(f"wrong merge: {sid} holds {', '.join(sorted(ents[g]['name'] for g in gs))}")
    # must_not_merge
    index = {norm(g["name"]): gi for gi, g in enumerate(ents)}
    violated = checked = 0
    for pair in gold.get("must_not_merge", []):
        gis = [index.get(norm(x)) for x in pair[:2]]
        if None in gis:
            continue
        checked += 1
        a = {sys_of[k] for k in by_gold.get(gis[0], [])} - {None}
        b = {sys_of[k] for k in by_gold.get(gis[1], [])} - {None}
        if a & b:
            violated += 1
            errors.append(f"must not merge: {pair[0]} / {pair[1]} share {', '.join(sorted(a & b))}")
    found = sum(1 for sid in sys_of if sid is not None)
    metrics: dict[str, float | int | None] = {
        "merged": merged,
        "multi_alias": multi,
        "merged_ratio": ratio(merged, multi),
        "merged_among_found": merged_found,
        "bcubed_precision": round(bp, 4) if bp is not None else None,
        "bcubed_recall": round(br, 4) if br is not None else None,
        "bcubed_f1": bf,
        "wrong_merges": len(wrong),
        "must_not_merge_violated": violated,
        "must_not_merge_pairs": checked,
        "mentions_found": found,
        "alias_occurrences": n,
        "mentions_found_ratio": ratio(found, n),
        "main_actor_docs": main[0],
        "main_actor_docs_right": main[1],
        "main_actor_docs_ratio": ratio(main[1], main[0]),
    }
    n_gold = len(ents) if only is None else sum(1 for g in ents if set(g.get("docs", [])) & only)
    return LayerScore("entities", metrics, n_gold, errors[:30])


def _main_actors_right(
    gold: dict[str, Any],
    ents: list[dict[str, Any]],
    occ: list[tuple[str, int, int, int, str]],
    sys_of: list[str | None],
    mention_of: list[tuple[str, int, int] | None],
    only: set[str] | None,
) -> tuple[int, int]:
    """(articles where a main actor of their story is located, those where one lands in its home entity).

    An actor's home is the system entity that holds most of its occurrences over all articles; a home that
    also holds another gold actor's occurrences (a wrong merge) is no right answer."""
    main = _main_actors(gold)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    holders: dict[str, set[int]] = defaultdict(set)
    for k, o in enumerate(occ):
        if sys_of[k] is not None:
            counts[o[3]][sys_of[k]] += 1  # type: ignore[index]
            holders[sys_of[k]].add(o[3])  # type: ignore[index]
    home = {gi: c.most_common(1)[0][0] for gi, c in counts.items()}
    located: set[str] = set()
    right: set[str] = set()
    for k, (f, _s, _e, gi, _a) in enumerate(occ):
        if (only is not None and f not in only) or gi not in main.get(f, set()):
            continue
        located.add(f)
        sid = sys_of[k]
        if sid is not None and sid == home.get(gi) and holders[sid] == {gi}:
            right.add(f)
    return len(located), len(right)
