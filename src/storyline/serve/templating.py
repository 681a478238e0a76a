"""The Jinja2 environment: autoescaping always on; article text reaches a page only through these filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from storyline.render.view import human_date
from storyline.serve.markup import dom_id, marked_html, path_part, safe_url

HERE = Path(__file__).parent


def _day(value: str | None) -> str:
    """The date part of an ISO 8601 value, or a dash."""
    return value[:10] if value else "—"


def _span(first: str | None, last: str | None) -> str:
    a, b = _day(first), _day(last)
    if not first and not last:
        return "undated"
    return a if a == b else f"{a} – {b}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _figure(quantity: float) -> str:
    return f"{quantity:,.0f}" if float(quantity).is_integer() else f"{quantity:,}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        marked=marked_html, day=_day, span=_span, plural=_plural, figure=_figure,
        path_part=path_part, dom_id=dom_id, safe_url=safe_url, human_date=human_date,
    )  # fmt: skip
    env.globals["dom_id"] = dom_id
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)
