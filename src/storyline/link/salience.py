"""What a reader sees first: entries worth the main timeline, and summaries that name the doer in full.

An entry is *minor* (``Event.minor``; kept in the JSON, folded under the main timeline by the
Markdown and HTML exports) when one document tells it, it has no date, and it names no doer or its summary
is too short to say anything ("Talks began" with a date stays; an undated "Negotiators agreed" does not).

A summary names its doer as the entity layer does: the surface name of the agent ("Ruiz",
"Minister Ruiz") takes the entity's full name when that name ends with it ("Ana Ruiz").
"""

from __future__ import annotations

import re

from storyline.model import Event
from storyline.settings import current

_POSSESSIVE = re.compile(r"\w['’]s\b")


def mark_minor(events: list[Event]) -> None:
    for ev in events:
        one_source = ev.docs <= 1
        named = bool(ev.agents)
        short = len(ev.summary.split()) < current().timeline.minor_words
        if one_source and ev.date is None and (not named or short):
            ev.minor = True


def named_summary(summary: str, surfaces: list[str], names: list[str]) -> str:
    """``summary`` with the first agent's surface name replaced by its full name (``surfaces[i]`` →
    ``names[i]``) where the full name ends with the surface one ("Ruiz" → "Ana Ruiz")."""
    for surface, name in zip(surfaces, names, strict=False):
        if not surface or not name or name in summary or not name.endswith(" " + surface):
            continue
        found = re.search(rf"(?<![\w-])(?:(the|The) )?{re.escape(surface)}(?![\w-])", summary)
        if found is None:
            continue
        start = found.start()
        if found.group(1) and _POSSESSIVE.search(name):
            name = name[:1].upper() + name[1:] if found.group(1) == "The" else name  # "the Senate" → "Dravia's Senate"
        elif found.group(1):
            start = found.start() + len(found.group(1)) + 1  # "the Senate" → "the Dravian Senate"
        return summary[:start] + name + summary[found.end() :]
    return summary
