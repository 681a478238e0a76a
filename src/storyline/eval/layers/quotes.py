"""The quotes layer: who said what, matched to gold quotes by content.

System and gold quotes of the same document are paired one to one, best first, when the token F1
of their texts is at least 0.6. On the pairs: was the speaker right, the kind (direct / indirect),
the date of the statement (where the gold gives one). A speaker counts as right when a name of the
system's speaker (its name, or its entity's aliases) and a name of the gold speaker (the name, or
the aliases of the gold entity that has it) are the same after normalization, or share the last
word when no other person of the document has that last word with another first name. Speakers
that gold gives as pronouns or common nouns ("he", "a source") are left out of speaker accuracy.
``named_speaker_precision``: of the system quotes whose speaker is an actor (an entity), the share that
are gold quotes with that speaker — a wrong speaker, or a quote that is none, counts against it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from storyline.eval.layers.common import norm, prf, ratio, token_f1
from storyline.eval.scores import LayerScore, SystemOutput

MATCH_F1 = 0.6
_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame gov sen rep gen col lt capt sgt maj adm rev hon president "
    "vice prime minister secretary chairman chairwoman chair spokesman spokeswoman spokesperson".split()
)
_PRONOUNS = frozenset(
    "i me we us you he him she her it they them who whom which that this these those his its their "
    "our my your one someone somebody anyone everyone nobody".split()
)
_DETERMINERS = frozenset("the a an this that these those some many several two three".split())


@dataclass
class SysQuote:
    doc: str  # gold file name
    text: str
    kind: str | None = None
    speaker_names: list[str] = field(default_factory=list)  # speaker_name, then its entity's aliases
    said_on: str | None = None
    named: bool = False  # the speaker was resolved to an actor (an entity)


def name_words(name: str | None, cut: bool = True) -> list[str]:
    """The name in a speaker phrase: 'Gov. Mike Pence (R-IN)' → mike pence; 'Mr. Morgan of the Sierra Club'
    → morgan; 'Kall -- co-editor of ...' → kall. Initials are dropped ('Loretta E. Lynch' → loretta lynch)."""
    s = re.sub(r"\([^)]*\)", " ", name or "")
    s = re.sub(r"(?<=\b\w)\.", "", s)  # S.E.C. → SEC, John F. Kerry → John F Kerry
    s = re.split(r",|\s--?\s|\s[—–―]\s", s)[0]
    if cut:
        s = re.split(r"\s(?:of|at|for|from|who|which|that|in|with|to|by|on)\s", s)[0]
    words = re.findall(r"[\w'’-]+", norm(s))
    words = [w.replace("’", "'").removesuffix("'s") for w in words if w not in ("'s", "’s")]
    words = [w for w in words if len(w) > 1 or not w.isalpha()]
    while words and (words[0] in _TITLES or words[0] in _DETERMINERS):
        words = words[1:]
    return words


def _members(speaker: str) -> list[str]:
    """'Mr. Grassley and Mr. Leahy' → both; a single speaker → itself."""
    parts = re.split(r"\s+(?:and|&)\s+", speaker)
    return [speaker, *parts] if len(parts) > 1 else [speaker]


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC"})


def _core(speaker: str) -> str:
    """The speaker phrase without parentheses, appositions and trailing modifiers ("of ...", "who ...")."""
    s = re.sub(r"\([^)]*\)", " ", speaker)
    s = re.split(r",|\s--?\s|\s[—–―]\s", s)[0]
    return re.split(r"\s(?:of|at|for|from|who|which|that|in|with|to|by|on)\s", s)[0].strip()


def names_among(speakers: list[str]) -> set[str]:
    """The gold speakers that name someone (not a pronoun or a common noun), by the spaCy model's part
    of speech and entity type of the phrase's head, or a capitalized head it cannot call a common noun."""
    from storyline.extract.nlp import load_nlp

    unique = sorted({s for s in speakers if s and _core(s)})
    out = set()
    for speaker, doc in zip(unique, load_nlp().pipe(_core(s) for s in unique), strict=True):
        root = doc[:].root
        if root.pos_ == "PROPN" or root.ent_type_ in _NAME_LABELS:
            out.add(speaker)
        elif root.text[:1].isupper() and root.pos_ not in ("NOUN", "PRON", "DET", "NUM", "ADJ"):
            out.add(speaker)
    return out


def is_name(speaker: str | None, names: set[str] | None = None) -> bool:
    """A gold speaker that names someone; ``names`` from :func:`names_among`, else by capitalization alone."""
    if not speaker:
        return False
    if names is not None:
        return speaker in names
    words = re.findall(r"[\w'’.-]+", _core(speaker))
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return False
    return words[-1][:1].isupper() and words[-1].lower() not in _PRONOUNS


def _names_of(speaker: str, entities: list[dict[str, Any]]) -> list[list[str]]:
    names = [name_words(speaker), name_words(speaker, cut=False)]
    key = norm(speaker)
    for e in entities:
        aliases = [e.get("name", ""), *e.get("aliases", [])]
        if any(norm(a) == key for a in aliases):
            names.extend(name_words(a) for a in aliases)
    return [n for n in names if n]


def speaker_right(
    system: list[str], gold: str, gold_entities: list[dict[str, Any]], firsts: dict[str, set[str]]
) -> bool:
    """Same name, or the same last word when the document has one person of that surname."""
    gold_names = [n for member in _members(gold) for n in _names_of(member, gold_entities)]
    sys_names = [w for w in (name_words(n) for n in system) if w]
    for s in sys_names:
        for g in gold_names:
            if s == g:
                return True
            if s[-1] != g[-1]:
                continue
            if len(s) > 1 and len(g) > 1:
                if s[-2] == g[-2]:
                    return True  # "Jason Miller" in "Trump campaign spokesman Jason Miller"
                continue  # Hillary Clinton is not Bill Clinton
            if len(firsts.get(s[-1], ())) <= 1:
                return True
    return False


def _firsts(names: list[str]) -> dict[str, set[str]]:
    """Last word → the words before it in the gold's full names, to tell when a surname alone is ambiguous."""
    out: dict[str, set[str]] = defaultdict(set)
    for n in names:
        w = name_words(n)
        if len(w) > 1:
            out[w[-1]].add(w[-2])
    return out


def match(gold: list[dict[str, Any]], system: list[SysQuote]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, system index, F1) with F1 ≥ 0.6, best first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            f = token_f1(g.get("text"), s.text)
            if f >= MATCH_F1:
                pairs.append((f, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for f, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si, f))
    return out


def score_quotes(
    gold_quotes: list[dict[str, Any]],
    system: list[SysQuote],
    gold_entities: list[dict[str, Any]] | None = None,
    docs: set[str] | None = None,
) -> tuple[dict[str, float | int | None], list[str]]:
    """Metrics and a sample of errors; shared by the eval layer and the benchmarks."""
    gold_entities = gold_entities or []
    docs = docs if docs is not None else {q["doc"] for q in gold_quotes}
    named = names_among([q.get("speaker") or "" for q in gold_quotes])
    by_doc_g: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_doc_s: dict[str, list[SysQuote]] = defaultdict(list)
    for q in gold_quotes:
        by_doc_g[q["doc"]].append(q)
    for s in system:
        if s.doc in docs:
            by_doc_s[s.doc].append(s)
    tp = tp_direct = n_sys_direct = n_gold_direct = 0
    sp_ok = sp_n = kind_ok = date_ok = date_n = named_ok = named_n = 0
    errors: list[str] = []
    for doc in sorted(docs):
        g_list, s_list = by_doc_g.get(doc, []), by_doc_s.get(doc, [])
        ents = [e for e in gold_entities if not e.get("docs") or doc in e["docs"]]
        firsts = _firsts([q["speaker"] for q in g_list if is_name(q.get("speaker"), named)]
                         + [e["name"] for e in ents if e.get("type") == "PERSON"])  # fmt: skip
        pairs = match(g_list, s_list)
        tp += len(pairs)
        matched_g = {gi for gi, _si, _f in pairs}
        matched_s = {si for _gi, si, _f in pairs}
        named_n += sum(1 for s in s_list if s.named)
        for gi, si, _f in pairs:
            g, s = g_list[gi], s_list[si]
            if is_name(g.get("speaker"), named):
                sp_n += 1
                if speaker_right(s.speaker_names, g["speaker"], ents, firsts):
                    sp_ok += 1
                    named_ok += s.named
                else:
                    errors.append(f"{doc}: speaker {s.speaker_names[:1]}, gold {g['speaker']!r}: {g['text'][:60]!r}")
            kind_ok += (s.kind or "") == g.get("kind")
            if g.get("said_on"):
                date_n += 1
                if s.said_on and s.said_on[:10] == g["said_on"][:10]:
                    date_ok += 1
                else:
                    errors.append(f"{doc}: said_on {s.said_on}, gold {g['said_on']}: {g['text'][:60]!r}")
        errors.extend(f"{doc}: missed ({g.get('speaker')}) {g['text'][:80]!r}"
                      for gi, g in enumerate(g_list) if gi not in matched_g)  # fmt: skip
        errors.extend(f"{doc}: extra ({s.speaker_names[:1]}) {s.text[:80]!r}"
                      for si, s in enumerate(s_list) if si not in matched_s)  # fmt: skip
        d_pairs = match([g for g in g_list if g.get("kind") == "direct"], [s for s in s_list if s.kind == "direct"])
        tp_direct += len(d_pairs)
        n_sys_direct += sum(1 for s in s_list if s.kind == "direct")
        n_gold_direct += sum(1 for g in g_list if g.get("kind") == "direct")
    n_sys = sum(len(v) for v in by_doc_s.values())
    metrics: dict[str, float | int | None] = {**prf(tp, n_sys, len(gold_quotes)), "matched": tp, "system": n_sys}
    metrics["speaker_accuracy"] = ratio(sp_ok, sp_n)
    metrics["speaker_scored"] = sp_n
    # of the quotes credited to an actor, those that are a gold quote with that speaker
    metrics["named_speaker_precision"] = ratio(named_ok, named_n)
    metrics["named_speaker_quotes"] = named_n
    metrics["kind_accuracy"] = ratio(kind_ok, tp)
    metrics["said_on_accuracy"] = ratio(date_ok, date_n)
    metrics["said_on_scored"] = date_n
    direct = prf(tp_direct, n_sys_direct, n_gold_direct)
    metrics.update({f"direct_{k}": v for k, v in direct.items()})
    return metrics, errors


def _gold_names(out: SystemOutput, gold_files: set[str]) -> dict[str, str]:
    """Document id → gold file name; a corpus in a subfolder ('docs/a.txt') matches by unique base name."""
    base: dict[str, list[str]] = defaultdict(list)
    for f in gold_files:
        base[f.rsplit("/", 1)[-1]].append(f)
    out_map = {}
    for doc_id, file in out.doc_file.items():
        if file in gold_files:
            out_map[doc_id] = file
        elif len(base.get(file.rsplit("/", 1)[-1], [])) == 1:
            out_map[doc_id] = base[file.rsplit("/", 1)[-1]][0]
    return out_map


def system_quotes(out: SystemOutput, gold_files: set[str]) -> list[SysQuote]:
    """Every quote of the dossier once, with its speaker's names and the gold file of its document."""
    files = _gold_names(out, gold_files)
    seen: set[str] = set()
    result = []
    for story in out.dossier.get("stories", []):
        aliases = {e["id"]: [e.get("name", ""), *e.get("aliases", [])] for e in story.get("entities", [])}
        for q in story.get("quotes", []):
            if q["id"] in seen or q.get("doc") not in files:
                continue
            seen.add(q["id"])
            names = [n for n in [q.get("speaker_name"), *aliases.get(q.get("speaker") or "", [])] if n]
            result.append(
                SysQuote(
                    files[q["doc"]], q.get("text") or "", q.get("kind"), names, q.get("said_on"), bool(q.get("speaker"))
                )
            )
    return result


def applies(gold: dict[str, Any]) -> bool:
    return bool(gold.get("quotes"))


def score(gold: dict[str, Any], out: SystemOutput) -> LayerScore:
    docs = {g["file"] for g in gold["documents"]}
    metrics, errors = score_quotes(gold.get("quotes", []), system_quotes(out, docs), gold.get("entities"), docs)
    return LayerScore("quotes", metrics, len(gold.get("quotes", [])), errors[:30])
