"""Bytes → text: refuse binary data, detect the encoding, drop stray NUL bytes.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 or UTF-32 without one, told by where the
zero bytes fall; then NUL bytes scattered in otherwise plain text are dropped (and counted) and what
is left must not look binary; UTF-8; at last charset-normalizer's guess. Text with not one letter
or digit (a lone byte-order mark, a run of 0xFF bytes) is no article.
"""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

from storyline.settings import current


class DecodeError(ValueError):
    """The bytes are not a text article; the message says why."""


@dataclass
class Decoded:
    text: str
    encoding: str
    nuls_dropped: int = 0  # stray NUL bytes removed from the text


_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
SNIFF_BYTES = 8192  # how much of a file the binary and UTF-16/32 tests look at
# UTF-16/32 without a byte-order mark: in text mostly of ASCII letters, spaces and digits (any Latin
# script, and the spaces, digits and punctuation of any other) the high byte of a code unit is zero.
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) * current().ingest.max_control_share)


def _zero_share(sample: bytes, width: int, at: int) -> float:
    units = len(sample) // width
    return sum(1 for i in range(at, units * width, width) if sample[i] == 0) / max(units, 1)


def _bomless_encoding(data: bytes) -> str | None:
    """utf-32-le/-be or utf-16-le/-be when the zero bytes fall where those encodings put them."""
    cfg = current().ingest
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 4]
    if len(sample) < 4:
        return None
    z4 = [_zero_share(sample, 4, k) for k in range(4)]
    if (
        min(z4[2], z4[3]) > 1 - cfg.max_zero_low_share
        and z4[1] >= cfg.min_zero_share
        and z4[0] <= cfg.max_zero_low_share
    ):
        return "utf-32-le"
    if (
        min(z4[0], z4[1]) > 1 - cfg.max_zero_low_share
        and z4[2] >= cfg.min_zero_share
        and z4[3] <= cfg.max_zero_low_share
    ):
        return "utf-32-be"
    even, odd = _zero_share(sample, 2, 0), _zero_share(sample, 2, 1)
    if odd >= cfg.min_zero_share and even <= cfg.max_zero_low_share:
        return "utf-16-le"
    if even >= cfg.min_zero_share and odd <= cfg.max_zero_low_share:
        return "utf-16-be"
    return None


def _has_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _plausible(text: str) -> bool:
    """Decoded text, not numbers read as characters: few control characters, no NULs."""
    sample = text[:SNIFF_BYTES]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    return controls <= max(2, len(sample) * current().ingest.max_control_share) and _has_text(text)


def _checked(decoded: Decoded) -> Decoded:
    if not _has_text(decoded.text):
        if not decoded.text.strip(" \t\r\n\ufeff"):
            raise DecodeError("no text: the file holds only a byte-order mark or white space")
        raise DecodeError(f"no text: not one letter or digit in it (read as {decoded.encoding})")
    return decoded


def decode_bytes(data: bytes) -> Decoded:
    """The text of ``data``; raises DecodeError (with the reason) when it is no text article."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(encoding), encoding.removesuffix("-sig")))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not {encoding} text") from exc
    guess = _bomless_encoding(data)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            text = ""
        if _plausible(text):
            return Decoded(text, guess)
    nuls = data.count(b"\x00")
    if nuls:  # stray NULs (a crashed writer's padding, a bad export) in otherwise plain text
        data = data.replace(b"\x00", b"")
        if not data.strip():
            raise DecodeError("no text: the file holds only NUL bytes and white space")
    if looks_binary(data):
        raise DecodeError("binary data, not a text article")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", nuls))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("not valid UTF-8 and no other text encoding fits")
    return _checked(Decoded(str(best), best.encoding, nuls))
