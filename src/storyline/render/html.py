"""The dossier as one standalone HTML page: inline CSS, no scripts, no external assets, works offline.

Article text is untrusted: the template is rendered with Jinja2's autoescape on, so every piece of text
is escaped, and only http(s) URLs become links (``view.safe_url``). Anchors are made from positions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from storyline.render.view import views


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storyline.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(dossier: dict[str, Any]) -> str:
    template = _environment().get_template("dossier.html.j2")
    return template.render(
        stories=views(dossier),
        n_documents=len(dossier.get("documents", [])),
        generated_at=dossier.get("generated_at"),
    )
