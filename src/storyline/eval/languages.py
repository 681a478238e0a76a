"""Scores per language (`storyline eval --by-language`) and stories as the gold has them (`--gold-stories`).

Per language, each layer is scored again on the gold items of the articles in that language (the
language the gold gives a document, else the one Storyline identified): their quotes, claims, time
expressions, the events and disagreements they tell (the events' documents cut to that language).
The system's output is the whole build's, so an event merged across languages counts where it is
told. The entities layer keeps its view of every occurrence — an actor's "home" entity is decided
over all languages — and scores the occurrences in that language's articles (``entities.score``'s
``only``); it also reports how many of those articles name one of their story's main actors the
way the other articles do (``main_actor_docs_right``).

``--gold-stories`` puts the articles in the stories the gold lists before scoring, with the same
corrections a user makes (``storyline stories split`` / ``merge``), so that the other layers are
measured apart from story clustering: a foreign article can only share its story's actors and
timeline once it is in that story.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from storyline.eval.layers import LAYERS
from storyline.eval.scores import LayerScore, SystemOutput, gold_file_name
from storyline.pipeline import relink
from storyline.store import Store
from storyline.store.stream import assignment_of


def document_languages(gold: dict[str, Any], out: SystemOutput) -> dict[str, str]:
    """Gold file name → language: the gold's ``language``, else the stored document's."""
    found: dict[str, str] = {}
    for d in gold.get("documents", []):
        file = d.get("file")
        if not file:
            continue
        lang = d.get("language") or (out.docs[file].language if file in out.docs else None)
        if lang:
            found[file] = lang.lower()[:2]
    return found


def subset_gold(gold: dict[str, Any], files: set[str]) -> dict[str, Any]:
    """The gold cut to the articles ``files``: their documents, quotes, claims, time expressions, the events
    and disagreements they tell (with those documents only), the stories' members among them."""
    sub = dict(gold)
    sub["documents"] = [d for d in gold.get("documents", []) if d.get("file") in files]
    for key in ("quotes", "claims", "time_expressions"):
        sub[key] = [x for x in gold.get(key, []) if x.get("doc") in files]
    sub["entities"] = [
        {**e, "docs": [d for d in e.get("docs", []) if d in files]}
        for e in gold.get("entities", [])
        if any(d in files for d in e.get("docs", []))
    ]
    sub["events"] = [
        {**e, "docs": [d for d in e.get("docs", []) if d in files]}
        for e in gold.get("events", [])
        if any(d in files for d in e.get("docs", []))
    ]
    sub["disagreements"] = [
        d for d in gold.get("disagreements", []) if any(p.get("doc") in files for p in d.get("positions", []))
    ]
    sub["stories"] = [
        {**s, "docs": [d for d in s.get("docs", []) if d in files]}
        for s in gold.get("stories", [])
        if any(d in files for d in s.get("docs", []))
    ]
    return sub


def add_by_language(gold: dict[str, Any], out: SystemOutput, scores: list[LayerScore]) -> None:
    """Fill each score's ``by_language`` with the layer's metrics on the articles of each language."""
    languages = document_languages(gold, out)
    for score in scores:
        _applies, fn = LAYERS[score.layer]
        scoped = "only" in inspect.signature(fn).parameters
        for lang in sorted(set(languages.values())):
            files = {f for f, code in languages.items() if code == lang}
            part = fn(gold, out, only=files) if scoped else fn(subset_gold(gold, files), out)  # type: ignore[call-arg]
            score.by_language[lang] = {"n_gold": part.n_gold, **part.metrics}


def impose_gold_stories(db: Path, gold: dict[str, Any], corpus: Path) -> None:
    """Correct the stored stories to the gold's, as a user would with `storyline stories split` and `merge`."""
    story_of_file = {d: s["id"] for s in gold.get("stories", []) for d in s.get("docs", [])}
    with Store(db) as store:
        by_file = {}
        for stored in store.load_documents(with_raw=False):
            sources = store.sources(stored.id)
            for src in sources or [{"source": stored.source}]:
                by_file[gold_file_name(src["source"], corpus)] = stored.id
        gold_of = {by_file[f]: g for f, g in story_of_file.items() if f in by_file}
        where = assignment_of(store, sorted(gold_of))
        members: dict[str, dict[str, list[str]]] = {}
        for doc, sid in where.items():
            members.setdefault(sid, {}).setdefault(gold_of[doc], []).append(doc)
        for sid, groups in members.items():  # a story that mixes gold stories keeps its largest part
            for _g, docs in sorted(groups.items(), key=lambda kv: -len(kv[1]))[1:]:
                store.add_override("story", "split", sid, " ".join(sorted(docs)))
    relink(db)
    with Store(db) as store:
        where = assignment_of(store, sorted(gold_of))
        stories: dict[str, list[str]] = {}
        for doc, sid in sorted(where.items()):
            if sid not in stories.setdefault(gold_of[doc], []):
                stories[gold_of[doc]].append(sid)
        for sids in stories.values():
            for other in sids[1:]:
                store.add_override("story", "merge", sids[0], other)
    relink(db)
