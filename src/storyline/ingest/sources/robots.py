"""robots.txt, read once per host and run, as RFC 9309 asks.

A robots.txt that is missing (any 4xx) allows everything; one that cannot be read (5xx, network
errors, a timeout) forbids everything on that host for this run, so a struggling site is left alone.
Rules are matched for the ``Storyline`` agent token; ``Crawl-delay`` and ``Request-rate`` slow the
host down further than the default delay (up to ``MAX_CRAWL_DELAY_S``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from storyline.ingest.sources.settings import ROBOTS_AGENT
from storyline.settings import current


@dataclass
class HostRules:
    parser: Protego | None  # None: everything allowed (no robots.txt) or forbidden (``blocked``)
    blocked: str | None = None  # why nothing on the host may be fetched
    delay_s: float | None = None  # what the site asks for between requests

    def allows(self, url: str) -> bool:
        if self.blocked is not None:
            return False
        return self.parser is None or self.parser.can_fetch(url, ROBOTS_AGENT)


# (robots.txt URL, size limit) → (HTTP status or None when unreachable, body, reason)
RobotsGetter = Callable[[str, int], tuple[int | None, bytes, str]]


class Robots:
    """robots.txt rules per ``scheme://host:port``, fetched the first time a host is asked about."""

    def __init__(self, get: RobotsGetter) -> None:
        self._get = get
        self._rules: dict[str, HostRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> HostRules:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt request per host, however many threads ask at once
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def _load(self, origin: str) -> HostRules:
        status, body, reason = self._get(f"{origin}/robots.txt", current().fetch.max_robots_bytes)
        if status is not None and 400 <= status < 500:
            return HostRules(None)
        if status != 200:
            return HostRules(None, blocked=f"its robots.txt could not be read ({reason}), so the host is skipped")
        parser = Protego.parse(body.decode("utf-8", errors="replace"))
        delay = parser.crawl_delay(ROBOTS_AGENT)
        rate = parser.request_rate(ROBOTS_AGENT)
        if rate is not None and rate.requests:
            delay = max(delay or 0.0, rate.seconds / rate.requests)
        return HostRules(parser, delay_s=delay)
