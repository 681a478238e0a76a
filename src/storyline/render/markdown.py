"""The dossier as Markdown. Article text is untrusted: every piece of it goes through ``md``.

Sections per storyline (``render.view`` arranges them): title, lead, key dates, timeline (dated, undated, then minor
mentions), its stories, where sources disagree, actors, who said what, numbers and claims, outlets, articles. Sources link to the
article list at the end (``#doc-N``); only http(s) URLs become links.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.render.view import Entry, Source, StoryView, views

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
EVIDENCE_CHARS = 300


def md(text: Any) -> str:
    """Escape text for Markdown: no markup, no raw HTML, no line breaks that start new blocks."""
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def _cut(text: str, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _cite(sources: list[Source], doc_anchor: dict[str, str]) -> str:
    seen: list[str] = []
    for s in sources:
        link = f"[{md(s.label)}](#{doc_anchor.get(s.doc, '')})" if s.doc in doc_anchor else md(s.label)
        if link not in seen:
            seen.append(link)
    return ", ".join(seen)


def _entry(e: Entry, doc_anchor: dict[str, str]) -> list[str]:
    tag = f" *({md(e.note)})*" if e.note else ""
    n = len(e.articles)
    head = f'- <a id="{e.anchor}"></a>**{md(e.when)}** — {md(e.summary)}{tag}'
    lines = [f"{head} — {n} article{'s' if n != 1 else ''}: {_cite(e.articles, doc_anchor)}"]
    if e.actors:
        lines.append(f"  - Actors: {md(', '.join(e.actors))}")
    for label, href in e.links:
        lines.append(f"  - [{md(label)}]({href})")
    if e.sources:
        lines.append(f"  > {md(_cut(e.sources[0].text))}")
    return lines


def render_story(v: StoryView) -> list[str]:
    doc_anchor = v.doc_anchor
    out = [f"# {md(v.title)}\n"]
    reprints = (
        f" ({v.n_independent} independent, {v.n_docs - v.n_independent} reprints)" if v.n_independent < v.n_docs else ""
    )
    out.append(f"{v.n_docs} articles{reprints} from {v.n_outlets} outlets, {md(v.span)}.\n")
    if v.lead:
        out.append(" ".join(f"{md(s.text)} ([{md(s.label)}](#{doc_anchor.get(s.doc, '')}))" for s in v.lead) + "\n")

    if v.key_dates:
        out.append("## Key dates\n")
        for k in v.key_dates:
            told = "; ".join(f"[{md(e.summary)}](#{e.anchor})" for e in k.entries) or "no entry dated that day"
            later = f", {k.later} of them later" if k.later else ""
            out.append(
                f"- **{md(k.when)}** — {told} *(named by {k.articles} article{'s' if k.articles != 1 else ''}{later})*"
            )
        out.append("")

    out.append("## Timeline\n")
    if not v.dated and not v.undated and not v.minor:
        out.append("No events were found in these articles.\n")
    for e in v.dated:
        out.extend(_entry(e, doc_anchor))
    if v.undated:
        out.append("\n### Undated events\n")
        for e in v.undated:
            out.extend(_entry(e, doc_anchor))
    if v.minor:
        out.append("\n### Minor mentions\n")
        out.append("Told by one article, with no date or no named doer.\n")
        for e in v.minor:
            out.extend(_entry(e, doc_anchor))
    out.append("")

    if v.chapters:
        out.append("## Stories in this storyline\n")
        for c in v.chapters:
            out.append(f"- {md(c.title)} — {md(c.span)}, {c.n_docs} article{'s' if c.n_docs != 1 else ''}")
        out.append("")

    if v.disputes:
        out.append("## Where sources disagree\n")
        for d in v.disputes:
            kind = f" *({md(d.kind)})*" if d.kind else ""
            out.append(f"### {md(d.topic)}{kind}\n")
            out.append("| Who | Says | When | Source |")
            out.append("| --- | --- | --- | --- |")
            for side in d.sides:
                src = f"[{md(side.source.label)}](#{doc_anchor.get(side.source.doc, '')})" if side.source else "—"
                who = f"{side.by or '—'} ({side.stance})" if side.stance else side.by or "—"
                out.append(f"| {md(who)} | {md(_cut(side.says, 200))} | {md(side.date or '—')} | {src} |")
            out.append("")

    if v.actors:
        out.append("## Actors\n")
        out.append("| Name | Type | Mentions | Also written as |")
        out.append("| --- | --- | --- | --- |")
        for actor in v.actors:
            aliases = ", ".join(md(a) for a in actor.get("aliases", []) if a != actor["name"])
            out.append(f"| {md(actor['name'])} | {md(actor['type'])} | {actor.get('mentions', '')} | {aliases} |")
        out.append("")

    if v.speakers:
        out.append("## Who said what\n")
        for who, quotes in v.speakers:
            out.append(f"### {md(who)}\n")
            for q in quotes:
                when = f" ({md(q['said_on'])})" if q.get("said_on") else ""
                said = f"“{md(q['text'])}”" if q["kind"] == "direct" else md(q["text"])
                out.append(f"- {said}{when} — {_cite([q['source']], doc_anchor)}")
            out.append("")

    if v.claims:
        out.append("## Numbers and claims\n")
        out.append("| Figure | Claimed by | Date | Source |")
        out.append("| --- | --- | --- | --- |")
        for claim in v.claims:
            out.append(
                f"| {md(claim['figure'])} | {md(claim.get('attributed_to') or '—')} | {md(claim.get('date') or '—')} "
                f"| {_cite([claim['source']], doc_anchor)} |"
            )
        out.append("")

    out.append("## Outlets\n")
    out.append("| Outlet | Articles | Copies seen elsewhere |")
    out.append("| --- | --- | --- |")
    for o in v.outlets:
        out.append(f"| {md(o.name)} | {o.articles} | {o.copies} |")
    out.append("")

    out.append("## Articles\n")
    for a in v.articles:
        title = md(a.title)
        if a.url:
            title = f"[{title}](<{a.url}>)"
        out.append(f'- <a id="{a.anchor}"></a>{title} — {md(a.outlet)}, {md(a.published)} ({md(a.source)})')
    out.append("")
    return out


def render_markdown(dossier: dict[str, Any]) -> str:
    out: list[str] = []
    for v in views(dossier):
        out.extend(render_story(v))
    return "\n".join(out).rstrip() + "\n"
