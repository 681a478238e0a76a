"""URLs: which ones are fetched at all, their normal form, and the addresses they may reach.

Only ``http`` and ``https`` URLs are fetched; a feed, sitemap or list that names ``file:``,
``ftp:``, ``javascript:`` or any other scheme gets an error line for that link. A host that
resolves to a private, loopback, link-local, multicast or reserved address is refused unless the
user allows it (``--allow-private``), so a page cannot steer Storyline into the user's own network.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("http", "https")
_URL_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """A URL Storyline will not fetch; the message says why."""


def looks_like_url(text: str) -> bool:
    """``scheme:something`` with no spaces (a line of a URL list, a command-line input)."""
    return bool(_URL_LINE.match(text.strip())) and not re.match(r"^[A-Za-z]:[\\/]", text.strip())  # not C:\ paths


def is_web_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def normalize_url(url: str) -> str:
    """The URL with its scheme and host in lower case, default port and fragment dropped.

    The fragment never reaches the server; two links that differ only in it are one page.
    Raises UnsafeURL for anything but an absolute http(s) URL with a host.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = scheme + ":" if scheme else "no scheme"
        raise UnsafeURL(f"only http(s) URLs are fetched, not {shown}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL("URL has no host")
    if any(c in host for c in " \\") or "@" in parts.netloc:  # credentials in a URL are never sent
        raise UnsafeURL("URL host is not valid (user names, spaces and backslashes are refused)")
    if not host.isascii():  # an internationalized name, as DNS and the Host header carry it
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise UnsafeURL(f"URL host is not a valid name ({exc})") from exc
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """``host[:port]`` of a normalized URL: what politeness (robots.txt, rate limit) is counted by."""
    return urlsplit(url).netloc


def _refused(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast  # "global" excludes private, loopback, link-local, reserved


def resolve(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to for ``host``: checked here and then used as is, so the name
    cannot resolve to another (private) address between the check and the connection."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        candidates = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise UnsafeURL(f"host {host} not found ({exc})") from exc
        candidates = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        if not candidates:
            raise UnsafeURL(f"host {host} not found")
    if not allow_private:
        for ip in candidates:
            if _refused(ip):
                what = host if literal is not None else f"{host} resolves to {ip}, which"
                raise UnsafeURL(f"{what} is a private, loopback or reserved address; pass --allow-private to fetch it")
    return str(candidates[0])
