"""WOFF 1.0 font files to sfnt bytes, without fontTools.

Owns: :func:`woff_sfnt`, the TrueType/OpenType bytes of a well-formed WOFF 1.0 file: its
tables (inflated or copied once, by :func:`~.font_size.check_woff`, while it checks their
sizes) behind an sfnt table directory. A WOFF is what font packages (``@fontsource``) and
many OG-image examples serve; fontTools' import (~40 ms) and its decoding (~5 ms for
Geist's 59 KB) made the first render with one cost twice a card. Whatever it finds
inconsistent it leaves to fontTools (None), which decodes it or says why, as
:func:`~.faces.load_sfnt` did for every WOFF.
"""
from __future__ import annotations

import struct

__all__ = ["woff_sfnt"]

_HEADER = struct.Struct(">4sLLHH")  # signature, flavor, length, numTables, reserved
_DIRECTORY = 44  # the whole header: its table directory follows
_RECORD = struct.Struct(">4sLLL")  # the sfnt's: tag, checksum, offset, length


def woff_sfnt(data: bytes, entries: list[tuple[bytes, int, bytes | None]]) -> bytes | None:
    """The sfnt bytes of WOFF 1.0 ``data`` (tables in tag order, each 4-byte aligned, with
    the checksums the WOFF lists), given its directory ``entries`` as
    :func:`~.font_size.check_woff` inflated them, or None when its header or a stream is
    not consistent."""
    if len(data) < _DIRECTORY:
        return None
    _, flavor, length, count, reserved = _HEADER.unpack_from(data)
    if length != len(data) or reserved or not count or len(entries) != count:
        return None
    tables = [(tag, checksum, table) for tag, checksum, table in entries if table is not None]
    if len(tables) != count:
        return None
    if len({tag for tag, _, _ in tables}) != count:  # a tag twice: which one counts is fontTools' say
        return None
    tables.sort()
    power = 1 << (count.bit_length() - 1)  # the largest power of two <= count
    parts = [struct.pack(">LHHHH", flavor, count, 16 * power, power.bit_length() - 1, 16 * (count - power))]
    offset = 12 + _RECORD.size * count
    for tag, checksum, table in tables:
        parts.append(_RECORD.pack(tag, checksum, offset, len(table)))
        offset += len(table) + -len(table) % 4
    for _, _, table in tables:
        parts += (table, b"\0" * (-len(table) % 4))
    return b"".join(parts)
