"""A baked badge: the credential inside a PNG image, as Open Badges 3.0 defines baking (an
``iTXt`` chunk with the keyword ``openbadgecredential``, uncompressed, holding the signed
credential as JSON), placed before the image's end; any earlier such chunk is replaced."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

KEYWORD = b"openbadgecredential"
SIGNATURE = b"\x89PNG\r\n\x1a\n"
BADGE = Path(__file__).resolve().parent / "badge.png"


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG image")
    found, at = [], len(SIGNATURE)
    while at + 8 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        found.append((kind, png[at + 8 : at + 8 + length]))
        at += 12 + length
        if kind == b"IEND":
            break
    return found


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bake(png: bytes, credential_json: str) -> bytes:
    """The image with the credential baked in."""
    text = KEYWORD + b"\0" + b"\0\0" + b"\0" + b"\0" + credential_json.encode("utf-8")
    out = [SIGNATURE]
    for kind, data in _chunks(png):
        if kind == b"iTXt" and data.split(b"\0", 1)[0] == KEYWORD:
            continue
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", text))
        out.append(_chunk(kind, data))
    return b"".join(out)


def unbake(png: bytes) -> str | None:
    """The credential baked into the image, None when there is none."""
    try:
        chunks = _chunks(png)
    except ValueError:
        return None
    for kind, data in chunks:
        if kind != b"iTXt":
            continue
        keyword, _, rest = data.partition(b"\0")
        if keyword != KEYWORD or len(rest) < 2:
            continue
        compressed, body = rest[0], rest[2:]
        _lang, _, body = body.partition(b"\0")
        _translated, _, body = body.partition(b"\0")
        try:
            return (zlib.decompress(body) if compressed else body).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return None
    return None
