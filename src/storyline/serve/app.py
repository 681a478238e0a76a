"""`storyline serve`: the dossiers in a browser, and the same data as JSON under /api.

The app only reads the store (each request opens it read-only), so it can run while `storyline build`
writes to the same file. Every asset comes from the app itself; the pages work offline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.serve.cache import StoryCache
from storyline.serve.routes import actors, api, documents, search, stories, story
from storyline.serve.templating import HERE, render
from storyline.store import Store, StoreError
from storyline.store.db import migrations, schema_version

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (plain ASGI: no per-request task).

    Errors too: Starlette answers an unhandled exception outside every middleware, so without a
    header, and this one answers it first (a 500 page, or JSON under /api) with the headers. The
    exception still goes on up, so the server logs it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                await _server_error(Request(scope))(scope, receive, send_with_headers)
            raise


def prepare_store(db: Path, on_wait: Callable[[str], None] | None = None) -> str | None:
    """Check the store before serving; upgrade an older schema once. Returns a warning, or None.

    The upgrade writes, so it waits for a build that holds the store (``on_wait`` hears it, once).
    """
    if not db.is_file():
        raise StoreError(f"{db}: no such store; run `storyline build FOLDER --db {db}` first")
    with Store(db, readonly=True) as store:
        current = schema_version(store.conn)
    latest = migrations()[-1][0]
    if current > latest:
        raise StoreError(f"{db}: the store has schema version {current}, newer than this Storyline ({latest})")
    if current < latest:
        try:
            Store(db, on_wait=on_wait).close()  # a writer applies the missing migrations and nothing else
        except StoreError as exc:
            return f"{db}: could not upgrade the store ({exc}); search stays unavailable"
    return None


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    given: object = exc.detail  # a str by its type; anything else a route may have put there is not shown
    detail = given if isinstance(given, str) else "error"
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Something went wrong")
    return render(request, "error.html", {"title": title, "message": detail, "code": exc.status_code}, exc.status_code)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    return render(
        request, "error.html", {"title": "Bad request", "message": problems or "invalid request", "code": 400}, 400
    )


def _server_error(request: Request) -> Response:
    message = "The server could not answer this request; the error is in its log."
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=500)
    try:
        return render(request, "error.html", {"title": "Something went wrong", "message": message, "code": 500}, 500)
    except Exception:  # noqa: BLE001 - the page itself failed: a plain answer still carries the headers
        return PlainTextResponse(message, status_code=500)


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]


def create_app(db: Path | str) -> FastAPI:
    """The web app over one store file (opened read-only per request)."""
    app = FastAPI(
        title="Storyline",
        summary="Story dossiers built from many news articles: timeline, actors, quotes, claims, disagreements.",
        version="1",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json is served instead
        redoc_url=None,
    )
    app.state.db = Path(db)
    app.state.stories = StoryCache(app.state.db)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (stories, story, documents, actors, search, api):
        app.include_router(module.router)
    return app
