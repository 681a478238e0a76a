"""The dossier as Markdown. Article text is untrusted: every piece of it goes through ``md``."""

from __future__ import annotations

import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: Any) -> str:
    """Escape text for Markdown: no markup, no raw HTML, no line breaks that start new blocks."""
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def _doc_label(doc: dict[str, Any]) -> str:
    outlet = doc.get("outlet") or "unknown outlet"
    date = (doc.get("published") or "undated")[:10]
    return f"{md(outlet)}, {md(date)}"


def render_markdown(dossier: dict[str, Any]) -> str:
    docs = {d["id"]: d for d in dossier["documents"]}
    out: list[str] = []
    for story in dossier["stories"]:
        out.append(f"# {md(story['title'])}\n")
        outlets = sorted({docs[d].get("outlet") or "unknown outlet" for d in story["documents"] if d in docs})
        out.append(f"{len(story['documents'])} articles from {len(outlets)} outlets: {md(', '.join(outlets))}.\n")
        if "independent_source_count" in story:
            out.append(
                f"Independent sources: {story['independent_source_count']} "
                f"(reprints of another article: {story.get('duplicate_count', 0)}).\n"
            )

        if story["events"]:
            out.append("## Timeline\n")
            for ev in story["events"]:
                when = md(ev["date"] or "undated")
                tag = "" if ev["modality"] == "asserted" else f" *({md(ev['modality'])})*"
                cites = ", ".join(f"[{i + 1}](#doc-{md(s['doc'])})" for i, s in enumerate(ev["sources"]))
                out.append(f"- **{when}** {md(ev['summary'])}{tag} — sources: {cites}")
            out.append("")

        if story["entities"]:
            out.append("## Actors\n")
            out.append("| Name | Type | Also written as |")
            out.append("| --- | --- | --- |")
            for e in story["entities"]:
                aliases = ", ".join(md(a) for a in e["aliases"] if a != e["name"])
                out.append(f"| {md(e['name'])} | {md(e['type'])} | {aliases} |")
            out.append("")

        if story["quotes"]:
            out.append("## Who said what\n")
            for q in story["quotes"]:
                who = md(q["speaker_name"] or "unattributed")
                when = f" ({md(q['said_on'])})" if q.get("said_on") else ""
                mark = f"“{md(q['text'])}”" if q["kind"] == "direct" else md(q["text"])
                out.append(f"- **{who}**{when}: {mark} — {_doc_label(docs.get(q['doc'], {}))}")
            out.append("")

        if story["claims"]:
            out.append("## Numbers and claims\n")
            out.append("| Quantity | Unit | Claimed by | Date | Source |")
            out.append("| --- | --- | --- | --- | --- |")
            for c in story["claims"]:
                qty = f"{c['quantity']:,.0f}" if float(c["quantity"]).is_integer() else str(c["quantity"])
                out.append(
                    f"| {md(qty)} | {md(c['unit'])} | {md(c['attributed_to'] or '—')} | {md(c['date'] or '—')} "
                    f"| {_doc_label(docs.get(c['doc'], {}))} |"
                )
            out.append("")

        if story["disagreements"]:
            out.append("## Where sources disagree\n")
            claims = {c["id"]: c for c in story["claims"]}
            for d in story["disagreements"]:
                out.append(f"- **{md(d['topic'])}**")
                for cid in d["claims"]:
                    c = claims.get(cid)
                    if c:
                        out.append(f"  - {md(c['attributed_to'] or 'unattributed')}: {md(c['text'])}")
            out.append("")

        out.append("## Articles\n")
        for doc_id in story["documents"]:
            doc = docs.get(doc_id)
            if not doc:
                continue
            title = md(doc.get("title") or doc["text"][:80])
            out.append(f'- <a id="doc-{md(doc_id)}"></a>{title} — {_doc_label(doc)} ({md(doc["source"])})')
        out.append("")
    return "\n".join(out).rstrip() + "\n"
