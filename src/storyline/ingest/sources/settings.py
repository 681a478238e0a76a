"""How pages are fetched (README: "Fetching politely"): the politeness and safety settings of a run.

Every default (group ``fetch`` of ``storyline.settings``) is what a news site's operators would accept
from a reader's tool: no more than one request a second to a host, two at a time at most, a name and a
way to reach whoever runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline import __version__
from storyline.settings import current

# The product token robots.txt rules are matched against ("User-agent: Storyline").
ROBOTS_AGENT = "Storyline"


def _default(name: str) -> Any:
    """A field whose default is the setting ``fetch.<name>`` in force when the object is made."""
    return field(default_factory=lambda: getattr(current().fetch, name))


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched: the settings of group ``fetch`` (``storyline.settings``, with their reasons) in
    force when it is made, and what the CLI's `--delay`, `--per-host`, ... options change."""

    contact: str | None = None  # an e-mail address or URL where a site's operators can reach the user
    delay_s: float = _default("delay_s")
    per_host: int = _default("per_host")
    concurrency: int = _default("concurrency")
    connect_timeout_s: float = _default("connect_timeout_s")
    timeout_s: float = _default("timeout_s")
    retries: int = _default("retries")
    backoff_s: float = _default("backoff_s")
    max_retry_after_s: float = _default("max_retry_after_s")
    max_redirects: int = _default("max_redirects")
    # Largest page read (after decompression): the same limit as a local file (`--max-bytes`).
    max_bytes: int = field(default_factory=lambda: current().build.max_bytes)
    max_crawl_delay_s: float = _default("max_crawl_delay_s")
    max_source_bytes: int = _default("max_source_bytes")
    max_robots_bytes: int = _default("max_robots_bytes")
    max_source_depth: int = _default("max_source_depth")
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
