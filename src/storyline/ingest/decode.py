"""Bytes → text: refuse binary data, detect the encoding of non-UTF-8 files."""

from __future__ import annotations

import charset_normalizer


class DecodeError(ValueError):
    """The bytes are not a text article; the message says why."""


_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM) first, then detection."""
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        return text, "utf-16"
    if looks_binary(data):
        raise DecodeError("binary data, not a text article")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("not valid UTF-8 and no other text encoding fits")
    return str(best), best.encoding
