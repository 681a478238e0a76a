"""Politeness and safety defaults for fetching, in one place (README: "Fetching politely").

Every default is what a news site's operators would accept from a reader's tool: no more than
one request a second to a host, two at a time at most, a name and a way to reach whoever runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline import __version__

# The product token robots.txt rules are matched against ("User-agent: Storyline").
ROBOTS_AGENT = "Storyline"
# Seconds between the starts of two requests to the same host (a robots.txt Crawl-delay or
# Request-rate asking for more is honoured, up to MAX_CRAWL_DELAY_S).
HOST_DELAY_S = 1.0
# Requests in flight to one host at a time: a slow page does not hold up the next one, and a
# site never sees more than this many connections from us.
PER_HOST_CONCURRENCY = 2
# Requests in flight over all hosts (the size of the fetching thread pool).
CONCURRENCY = 8
# Longest Crawl-delay honoured; a site asking for more is still fetched, this slowly.
MAX_CRAWL_DELAY_S = 60.0
# Seconds to open a connection, and for the whole response (headers and body) to arrive.
CONNECT_TIMEOUT_S = 10.0
TIMEOUT_S = 30.0
# Tries after the first for transient failures (connection errors, timeouts, 429 and 5xx),
# waiting BACKOFF_S, then twice that, ... (or the server's Retry-After, up to MAX_RETRY_AFTER_S).
RETRIES = 2
BACKOFF_S = 2.0
MAX_RETRY_AFTER_S = 120.0
# Redirects followed for one URL; each hop is checked like the first URL (scheme, address, robots.txt).
MAX_REDIRECTS = 5
# Largest page read (after decompression): the same limit as a local file (`--max-bytes`).
MAX_RESPONSE_BYTES = 5_000_000
# Largest feed, sitemap or URL list read (after decompression): the sitemap protocol's own limit.
MAX_SOURCE_BYTES = 50 * 1024 * 1024
# robots.txt files are read up to this size, as the major search engines do (RFC 9309 asks for 500 KiB).
MAX_ROBOTS_BYTES = 500 * 1024
# Nesting of sources: a URL list naming a sitemap index naming sitemaps naming pages is 3 levels.
MAX_SOURCE_DEPTH = 3


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched; the CLI's `--delay`, `--per-host`, ... options fill it."""

    contact: str | None = None  # an e-mail address or URL where a site's operators can reach the user
    delay_s: float = HOST_DELAY_S
    per_host: int = PER_HOST_CONCURRENCY
    concurrency: int = CONCURRENCY
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    timeout_s: float = TIMEOUT_S
    retries: int = RETRIES
    backoff_s: float = BACKOFF_S
    max_retry_after_s: float = MAX_RETRY_AFTER_S
    max_redirects: int = MAX_REDIRECTS
    max_bytes: int = MAX_RESPONSE_BYTES
    max_crawl_delay_s: float = MAX_CRAWL_DELAY_S
    allow_private: bool = False  # fetch private, loopback and link-local addresses too (tests, intranets)

    @property
    def user_agent(self) -> str:
        """``Storyline/0.1.0 (+mailto:news@example.org)``: the tool, its version, and who runs it."""
        contact = (self.contact or "").strip()
        if not contact:
            return f"{ROBOTS_AGENT}/{__version__} (news reader; no contact given)"
        if "@" in contact and not contact.startswith(("mailto:", "http")):
            contact = f"mailto:{contact}"
        return f"{ROBOTS_AGENT}/{__version__} (+{contact})"
