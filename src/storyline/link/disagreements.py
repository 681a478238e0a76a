"""Where sources disagree: figures, stances and dates about the same question, side by side.

- **Figures**: claims with the same ``Claim.subject`` (what is counted) whose values cannot both hold
  (1,200 vs at least 4,000 protesters). When every pair that differs was stated on different days, the
  later number is a later figure, not an error: ``kind`` is "later_figure", else "conflict".
  Denials in the same story that name what is counted ("X denies arresting protesters") join as positions.
- **Stances**: a characterization affirmed by one source and negated by another ("in effect a
  hostile takeover" / "does not amount to a hostile takeover"), found through shared lemma pairs of
  the noun phrase (``Extraction.stances``). ``kind`` is "stance".
- **Dates**: two outlets dating the same one-off event differently ("date"), and a forecast whose
  outcome fell outside the announced window ("schedule").

Every disagreement lists its sides in ``positions`` (``model.Position`` and its variants: who says what,
where); figure disagreements also list claim ids in ``claims``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Set

from storyline import timespan
from storyline.extract.events.ontology import kind
from storyline.link.events import Cluster, DateConflict
from storyline.model import (
    AnyPosition,
    Claim,
    Disagreement,
    Document,
    Event,
    EventPosition,
    Extraction,
    FigurePosition,
    Position,
    Stance,
    StancePosition,
)
from storyline.settings import current

_ABOUT = {"about", "around", "roughly", "approximately", "nearly", "almost", "some", "an estimated", "close to"}
_ABOUT_WORDS = ("about", "around", "roughly", "nearly", "almost")  # "about 1,200", "roughly a third"
_AT_LEAST = {"at least", "more than", "over", "above", "upwards of", "no fewer than", "no less than"}
_AT_MOST = {"at most", "up to", "less than", "fewer than", "under", "below", "no more than"}
_MONEY = frozenset(
    """dollar euro pound yen yuan won ruble rouble rupee franc crown krona krone peso real rand lira shekel dinar
    riyal dirham baht ringgit zloty forint""".split()
)
# Subjects too vague to tell that figures in different languages count the same thing.
VAGUE_SUBJECTS = frozenset({"people", "person", "item", "case", "time", "place"})
_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON = frozenset(
    """that this with from have will would said says their there been were they about which after more than
    also into over when what some such other year years last first percent million billion thousand""".split()
)


def context(text: str, exclude: Set[str] = frozenset()) -> set[str]:
    """Content words of a sentence cut to five letters: what two sentences about the same matter share."""
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in _COMMON} - exclude


def _did(parts: list[str]) -> str:
    return "dis-" + hashlib.sha1("|".join(sorted(parts)).encode()).hexdigest()[:12]


def _bounds(c: Claim) -> tuple[float, float]:
    q = float(c.quantity)
    if c.quantity_max is not None:
        return q, float(c.quantity_max)
    qual = (c.qualifier or "").lower()
    if qual in _AT_LEAST:
        return q, math.inf
    if qual in _AT_MOST:
        return 0.0, q
    cfg = current().disagreements
    low, high = cfg.about_range if qual in _ABOUT or qual.startswith(_ABOUT_WORDS) else cfg.exact_range
    return q * low, q * high


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _comparable(a: Claim, b: Claim) -> bool:
    """Figures a reader would compare: of one order of magnitude (1,200 and 4,000 protesters, not 3 and
    2 billion members), and not two small counts (two children, four ways), which are rarely the same thing."""
    cfg = current().disagreements
    lo, hi = sorted([abs(float(a.quantity)), abs(float(b.quantity))])
    if lo == 0 or hi / lo > cfg.max_ratio:
        return False
    measured = a.unit.startswith("percent") or (a.unit.split() or [""])[0].rstrip("s") in _MONEY
    return measured or hi > cfg.small_count


def _english(c: Claim) -> bool:
    return (c.language or "en") == "en"


def _same_matter(a: Claim, b: Claim, ctx: dict[int, set[str]], subject: str) -> bool:
    """Two figures about the same matter, not just the same noun: their English sentences share a content
    word. Sentences in other languages (or two languages) share no words to compare; there the story and a
    specific subject ("troop", "cubic metre", not "people") have to do."""
    if _english(a) and _english(b):
        return len(ctx[id(a)] & ctx[id(b)]) >= current().disagreements.shared_context
    return subject not in VAGUE_SUBJECTS


def _figure(c: Claim) -> str:
    q = f"{c.quantity:,.0f}" if float(c.quantity).is_integer() else f"{c.quantity:,}"
    if c.quantity_max is not None:
        hi = f"{c.quantity_max:,.0f}" if float(c.quantity_max).is_integer() else f"{c.quantity_max:,}"
        q = f"{q}–{hi}"
    qual = c.qualifier if c.qualifier and not c.qualifier[:1].isdigit() else None
    return " ".join(x for x in (qual, q, c.unit) if x)


def _topic(claims: list[Claim]) -> str:
    long = current().disagreements.long_unit_words
    units = sorted({c.unit for c in claims if c.unit}, key=lambda u: (len(u.split()) > long, -len(u), u))
    unit = units[0] if units else (claims[0].subject or "")
    head = (claims[0].subject or unit).split()[0] if (claims[0].subject or unit) else ""
    if unit.startswith("percent"):
        rest = unit[len("percent") :].strip()
        return f"How large the {rest} is" if rest else "Which percentage"
    if head in _MONEY:
        return f"How much money ({unit})"
    return f"How many {unit}"


def figure_disagreements(
    claims: list[tuple[str, Claim]], docs: dict[str, Document], denials: list[tuple[str, Event]]
) -> list[Disagreement]:
    cfg = current().disagreements
    groups: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for doc, c in claims:
        if not c.subject or (c.qualifier and c.qualifier[:1].isdigit()):
            continue  # a vote tally counts one body's votes, not a disputed quantity
        groups[c.subject].append((doc, c))
    out = []
    for subject, group in sorted(groups.items()):
        bounds = [_bounds(c) for _, c in group]
        top_low = max(lo for lo, _ in bounds)  # the highest floor and the lowest ceiling: when they cross,
        low_top = min(hi for _, hi in bounds)  # some figures cannot both hold
        if top_low <= low_top:
            continue
        low = [x for x, (_, hi) in zip(group, bounds, strict=True) if hi < top_low][: cfg.max_positions]
        high = [x for x, (lo, _) in zip(group, bounds, strict=True) if lo > low_top][: cfg.max_positions]
        unit = {w[:5] for c in group for w in _WORD.findall(f"{subject} {c[1].unit}".lower())}
        ctx = {id(c): context(c.text, unit) for _, c in [*low, *high]}
        differing = [
            (a, b)
            for a in low
            for b in high
            if not _overlap(_bounds(a[1]), _bounds(b[1]))
            and (a[0] != b[0] or a[1].attributed_to != b[1].attributed_to)
            and _same_matter(a[1], b[1], ctx, subject)
            and _comparable(a[1], b[1])
        ]
        if not differing:
            continue
        later = all(
            timespan.day(a.date) and timespan.day(b.date) and (a.date or "")[:10] != (b.date or "")[:10]
            for (_, a), (_, b) in differing
        )
        involved = {id(c): (d, c) for pair in differing for d, c in pair}
        chosen = sorted(involved.values(), key=lambda x: (x[1].date or "9999", x[1].id))
        positions: list[AnyPosition] = [
            FigurePosition(d, c.attributed_to or docs[d].outlet, _figure(c), c.start, c.end, c.date, c.id)
            for d, c in chosen[: cfg.max_positions]
        ]
        word = subject.split()[0].lower()
        for d, ev in denials:
            if any(word in s.text.lower() for s in ev.sources if s.doc == d) and len(positions) < cfg.max_positions:
                src = next(s for s in ev.sources if s.doc == d)
                by = ev.agent_names[0] if ev.agent_names else docs[d].outlet
                positions.append(Position(d, by, src.text, src.start, src.end))
        out.append(
            Disagreement(
                id=_did([c.id for _, c in chosen]),
                topic=_topic([c for _, c in chosen]),
                claims=[c.id for _, c in chosen],
                kind="later_figure" if later else "conflict",
                subject=subject,
                positions=positions,
            )
        )
    return out


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _subject_phrase(subject: str | None) -> str:
    if not subject:
        return "it"
    first, _, rest = subject.partition(" ")
    if first in {"The", "This", "That", "These", "Those", "A", "An"}:
        first = first.lower()
    return f"{first} {rest}".strip()


def stance_disagreements(stances: list[tuple[str, Stance]], docs: dict[str, Document]) -> list[Disagreement]:
    cfg = current().disagreements
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, (_, st) in enumerate(stances):
        for k in st.keys:
            by_key[k].append(i)
    # keys affirmed by one source and negated by another
    parent = list(range(len(stances)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ctx: dict[int, set[str]] = {}

    def words(i: int) -> set[str]:
        if i not in ctx:
            doc, st = stances[i]
            ctx[i] = context(docs[doc].text[st.start : st.end], {w[:5] for k in st.keys for w in k.split()})
        return ctx[i]

    disputed: dict[int, str] = {}
    for key, idx in sorted(by_key.items()):
        neg = [i for i in idx if stances[i][1].negated]
        pos = [i for i in idx if not stances[i][1].negated]
        if not neg or not pos:
            continue
        # one pair of opposite sentences about the same thing ("the bid ... a hostile takeover")
        if not any(words(n) & words(p) for n in neg[: cfg.max_positions] for p in pos[: cfg.max_positions]):
            continue
        sources = {(stances[i][0], stances[i][1].holder) for i in idx}
        if len({stances[i][0] for i in idx}) < 2 or len(sources) < 2:
            continue
        for i in idx[1:]:
            parent[find(i)] = find(idx[0])
        disputed.setdefault(find(idx[0]), key)
    groups: dict[int, list[int]] = defaultdict(list)
    keys: dict[int, str] = {}
    for root, key in disputed.items():
        keys[find(root)] = keys.get(find(root), key)
    for i in range(len(stances)):
        r = find(i)
        if r in keys:
            groups[r].append(i)
    out = []
    for r, idx in groups.items():
        key = keys[r]
        members = [stances[i] for i in idx]
        negated = next((st for _, st in members if st.negated), None)
        topic = f"Whether {_subject_phrase(negated.subject if negated else None)} is {_article(key)} {key}"
        positions: list[AnyPosition] = []
        seen = set()
        for doc, st in sorted(members, key=lambda x: (x[1].negated, docs[x[0]].published or "", x[1].start)):
            if (doc, st.start) in seen:
                continue
            seen.add((doc, st.start))
            by = st.holder or docs[doc].outlet
            says = docs[doc].text[st.start : st.end]
            positions.append(StancePosition(doc, by, says, st.start, st.end, "no" if st.negated else "yes"))
        positions = positions[: cfg.max_positions]
        out.append(
            Disagreement(
                id=_did([f"{p.doc}:{p.start}" for p in positions]),
                topic=topic,
                claims=[],
                kind="stance",
                key=key,
                positions=positions,
            )
        )
    return out


def _label(c: Cluster) -> str:
    type_name = c.types.most_common(1)[0][0]
    label = kind(type_name).label
    obj = sorted(c.objs)[0] if c.objs else None
    return f"{label} of the {obj}" if obj and obj not in label else label


def _event_positions(c: Cluster, says: str, docs: dict[str, Document]) -> list[AnyPosition]:
    out: list[AnyPosition] = []
    seen = set()
    for it in sorted(c.items, key=lambda it: (it.published, it.doc)):
        if it.doc in seen:
            continue
        seen.add(it.doc)
        by = it.m.attributes.telling.source or docs[it.doc].outlet
        out.append(EventPosition(it.doc, by, says, it.m.start, it.m.end, docs[it.doc].text[it.m.start : it.m.end]))
    return out


def date_disagreements(
    conflicts: list[DateConflict], missed: list[tuple[Cluster, Cluster]], docs: dict[str, Document]
) -> list[Disagreement]:
    cfg = current().disagreements
    out = []
    for conflict in conflicts:
        a, b = conflict.first, conflict.second
        positions = _event_positions(a, f"on {a.date}", docs) + _event_positions(b, f"on {b.date}", docs)
        out.append(
            Disagreement(
                id=_did([a.id, b.id]),
                topic=f"When the {_label(a)} took place",
                claims=[],
                kind="date",
                events=[a.id, b.id],
                positions=positions[: cfg.max_positions],
            )
        )
    for forecast, outcome in missed:
        positions = _event_positions(forecast, f"expected {forecast.date}", docs)
        positions += _event_positions(outcome, f"happened {outcome.date}", docs)
        out.append(
            Disagreement(
                id=_did([forecast.id, outcome.id]),
                topic=f"When the {_label(outcome)} would take place",
                claims=[],
                kind="schedule",
                events=[forecast.id, outcome.id],
                positions=positions[: cfg.max_positions],
            )
        )
    return out


def find_disagreements(
    story_docs: list[str],
    docs: dict[str, Document],
    extractions: dict[str, Extraction],
    events: list[Event],
    conflicts: list[DateConflict],
    missed: list[tuple[Cluster, Cluster]],
) -> list[Disagreement]:
    claims = [(d, c) for d in story_docs if d in extractions for c in extractions[d].claims]
    stances = [(d, st) for d in story_docs if d in extractions for st in extractions[d].stances]
    denials = [
        (s.doc, ev)
        for ev in events
        if ev.type == "deny" and ev.modality in {"asserted", "reported"}
        for s in ev.sources[:1]
    ]
    found = figure_disagreements(claims, docs, denials)
    found += stance_disagreements(stances, docs)
    found += date_disagreements(conflicts, missed, docs)
    return found
