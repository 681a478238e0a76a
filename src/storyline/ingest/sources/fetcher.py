"""HTTP GET, politely and safely: robots.txt, per-host pacing, caps on size, time and redirects.

``Fetcher.fetch`` is called from a pool of threads (``fetch_many`` keeps at most a window of URLs
in flight and hands the results back in the order asked). Nothing here touches the fetch cache:
the caller looks a URL up before and records the outcome after, in its own thread.
"""

from __future__ import annotations

import email.utils
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from typing import Literal, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.ingest.sources.robots import Robots
from storyline.ingest.sources.settings import FetchSettings
from storyline.ingest.sources.urls import UnsafeURL, host_key, normalize_url, resolve
from storyline.model import CachedFetch

# What a URL is expected to be: an article page, a sitemap (from a sitemap index), anything
# readable (a URL given by the user or listed in a URL list: sniffed once fetched), robots.txt.
Expect = Literal["page", "sitemap", "any", "robots"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/octet-stream"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})  # worth another try after a pause
WINDOW_PER_THREAD = 2  # URLs queued ahead per fetching thread: bounds what waits in memory


def _is_xml(media: str) -> bool:
    return media in ("application/xml", "text/xml") or media.endswith("+xml")


def accepts(expect: Expect, media: str | None) -> bool:
    """Whether a response of this media type can be what was asked for (no type: sniffed later)."""
    if not media or expect == "robots":
        return True
    if expect == "page":
        return media in HTML_TYPES
    if expect == "sitemap":
        return _is_xml(media) or media in TEXT_TYPES or media in GZIP_TYPES
    return media in HTML_TYPES or _is_xml(media) or media in TEXT_TYPES or media in GZIP_TYPES


class FetchError(Exception):
    """A URL that could not be fetched. ``retry``: worth another try now (after a pause);
    ``final``: remembered, so the URL is not fetched again on later runs."""

    def __init__(
        self, reason: str, *, retry: bool = False, final: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.final = final
        self.retry_after = retry_after
        self.status: int | None = None


@dataclass
class Fetched:
    url: str  # as asked for (normalized)
    final_url: str  # after redirects
    status: int  # 200, or 304 when the cached body is returned
    body: bytes
    fetched_at: str
    media_type: str | None = None  # "text/html", without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _media(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    media, _, params = content_type.partition(";")
    charset = None
    for p in params.split(";"):
        key, _, value = p.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip("\"'")
    return media.strip().lower() or None, charset


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds()) if when.tzinfo else None


class _NoCookies(DefaultCookiePolicy):
    """A news reader needs no cookies: none are kept, none are sent."""

    def set_ok(self, cookie: Cookie, request: urllib.request.Request) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: urllib.request.Request) -> bool:
        return False


class _Host:
    """One host: at most ``per_host`` requests at once, their starts at least ``delay`` apart, over
    connections of its own. (Requests go to the address checked, so a shared pool would let two
    sites on one CDN address share a TLS connection made for one of them.)"""

    def __init__(self, settings: FetchSettings) -> None:
        self._slots = threading.BoundedSemaphore(max(1, settings.per_host))
        self._lock = threading.Lock()
        self._next_at = 0.0
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout_s, connect=settings.connect_timeout_s),
            follow_redirects=False,  # every hop is checked here
            trust_env=False,  # the address check must see the real target, not a proxy from the environment
            cookies=CookieJar(policy=_NoCookies()),
            limits=httpx.Limits(max_connections=max(1, settings.per_host)),
        )

    @contextmanager
    def slot(self, delay: float) -> Iterator[None]:
        with self._slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_at)
                self._next_at = start + delay
            if start > now:
                time.sleep(start - now)
            yield


T = TypeVar("T")


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.robots = Robots(self._get_robots)
        self._pool: ThreadPoolExecutor | None = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        with self._hosts_lock:
            for host in self._hosts.values():
                host.client.close()
            self._hosts.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- one URL ------------------------------------------------------------------------

    def fetch(self, url: str, expect: Expect, cached: CachedFetch | None = None) -> Fetched:
        """GET ``url`` (normalized), following redirects; raises FetchError with the reason.

        With a ``cached`` body the request is conditional (ETag, Last-Modified); a 304 answer
        returns that body with status 304.
        """
        headers = {"Accept": self._accept(expect)}
        if cached is not None and cached.body is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        current, visited = url, [url]
        for _hop in range(self.settings.max_redirects + 1):
            result = self._with_retries(current, expect, headers)
            if isinstance(result, Fetched):
                result.url = url
                if result.not_modified and cached is not None and cached.body is not None:
                    result.body = cached.body
                    result.media_type = result.media_type or cached.content_type
                return result
            try:
                target = normalize_url(urljoin(current, result))
            except UnsafeURL as exc:
                raise FetchError(f"redirects to a URL that is not fetched: {exc}", final=True) from exc
            if target in visited:
                raise FetchError(f"redirect loop ({' → '.join([*visited, target])})", final=True)
            visited.append(target)
            current = target
            headers.pop("If-None-Match", None)  # the validators belong to the first URL
            headers.pop("If-Modified-Since", None)
        raise FetchError(f"more than {self.settings.max_redirects} redirects (last: {current})", final=True)

    @staticmethod
    def _accept(expect: Expect) -> str:
        if expect == "page":
            return "text/html,application/xhtml+xml;q=0.9"
        if expect == "robots":
            return "text/plain"
        return "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/html;q=0.8,text/plain;q=0.5"

    def _with_retries(self, url: str, expect: Expect, headers: dict[str, str]) -> Fetched | str:
        s = self.settings
        for attempt in range(s.retries + 1):
            try:
                return self._once(url, expect, headers)
            except FetchError as exc:
                if not exc.retry or attempt == s.retries:
                    raise
                pause = s.backoff_s * (2**attempt)
                if exc.retry_after is not None:
                    pause = max(pause, min(exc.retry_after, s.max_retry_after_s))
                time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _host(self, url: str) -> _Host:
        with self._hosts_lock:
            key = host_key(url)
            if key not in self._hosts:
                self._hosts[key] = _Host(self.settings)
            return self._hosts[key]

    def _once(self, url: str, expect: Expect, headers: dict[str, str]) -> Fetched | str:
        """One request: a Fetched, or the Location of a redirect."""
        s = self.settings
        parts = urlsplit(url)
        try:
            address = resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                              s.allow_private)  # fmt: skip
        except UnsafeURL as exc:
            raise FetchError(str(exc)) from exc
        delay = s.delay_s
        if expect != "robots":
            rules = self.robots.rules(url)
            if rules.blocked is not None:
                raise FetchError(rules.blocked)
            if not rules.allows(url):
                raise FetchError("disallowed by the site's robots.txt", final=True)
            if rules.delay_s:
                delay = max(delay, min(rules.delay_s, s.max_crawl_delay_s))
        # Connect to the address just checked; the Host header and TLS name stay the site's own.
        pinned = httpx.URL(url).copy_with(host=address)
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        host = self._host(url)
        with host.slot(delay):
            started = time.monotonic()
            try:
                with host.client.stream(
                    "GET", pinned, headers={**headers, "Host": parts.netloc}, extensions=extensions
                ) as r:
                    return self._read(url, expect, r, started)
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out ({type(exc).__name__})", retry=True) from exc
            except httpx.DecodingError as exc:
                raise FetchError(f"response could not be decoded ({exc})", final=True) from exc
            except httpx.TransportError as exc:
                raise FetchError(f"connection failed ({type(exc).__name__}: {exc})", retry=True) from exc

    def _read(self, url: str, expect: Expect, r: httpx.Response, started: float) -> Fetched | str:
        s = self.settings
        status = r.status_code
        if status in REDIRECTS:
            location = r.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", final=True)
            return location
        if status != 200 and status != 304:
            err = FetchError(
                f"HTTP {status} {r.reason_phrase}".strip(),
                retry=status in RETRY_STATUSES,
                final=status not in RETRY_STATUSES,
                retry_after=_retry_after(r.headers.get("retry-after")),
            )
            err.status = status
            raise err
        media, charset = _media(r.headers.get("content-type"))
        fetched = Fetched(url, url, status, b"", now_iso(), media, charset,
                          r.headers.get("etag"), r.headers.get("last-modified"))  # fmt: skip
        if status == 304:
            return fetched
        if not accepts(expect, media):
            wanted = "an HTML page" if expect == "page" else "a feed, sitemap, URL list or page"
            raise FetchError(f"content type {media} is not {wanted}", final=True)
        # A page is capped like a file; a feed or sitemap may be as large as the sitemap protocol allows.
        page = expect == "page" or media in HTML_TYPES
        limit = s.max_bytes if page else max(s.max_bytes, s.max_source_bytes)
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response is {int(declared):,} bytes, over the {limit:,}-byte limit", final=True)
        chunks, size = [], 0
        for chunk in r.iter_bytes():  # decompressed: the limit holds for what a gzip bomb would unpack to
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response is over the {limit:,}-byte limit", final=True)
            if time.monotonic() - started > s.timeout_s:
                raise FetchError(f"response took longer than {s.timeout_s:g} s", retry=True)
            chunks.append(chunk)
        fetched.body = b"".join(chunks)
        return fetched

    def _get_robots(self, url: str, limit: int) -> tuple[int | None, bytes, str]:
        try:
            fetched = self.fetch(url, "robots")
        except FetchError as exc:
            return exc.status, b"", exc.reason
        return fetched.status, fetched.body[:limit], ""

    # ---- many URLs ----------------------------------------------------------------------

    def fetch_many(
        self, jobs: Iterable[T], start: Callable[[T], Callable[[], Fetched] | None]
    ) -> Iterator[tuple[T, Fetched | FetchError | None]]:
        """Run the fetches of ``jobs`` on the thread pool, results in the order of ``jobs``.

        ``start(job)`` runs in the caller's thread (it may consult the cache) and returns the
        fetch to run, or None for a job that needs none (its result is None).
        """
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency),
                                            thread_name_prefix="storyline-fetch")  # fmt: skip
        window = max(1, self.settings.concurrency) * WINDOW_PER_THREAD
        queue: deque[tuple[T, Future[Fetched] | None]] = deque()
        todo = iter(jobs)
        exhausted = False
        try:
            while True:
                while not exhausted and len(queue) < window:
                    job = next(todo, None)
                    if job is None:
                        exhausted = True
                        break
                    run = start(job)
                    queue.append((job, self._pool.submit(run) if run is not None else None))
                if not queue:
                    return
                job, fut = queue.popleft()
                if fut is None:
                    yield job, None
                    continue
                try:
                    yield job, fut.result()
                except FetchError as exc:
                    yield job, exc
        finally:
            for _job, fut in queue:  # stopped early: what was not started is dropped
                if fut is not None:
                    fut.cancel()
