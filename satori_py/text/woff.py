"""WOFF 1.0 font files to sfnt bytes, without fontTools.

Owns: :func:`woff_sfnt`, the TrueType/OpenType bytes of a well-formed WOFF 1.0 file: each
table inflated (zlib) or copied, behind an sfnt table directory. A WOFF is what font
packages (``@fontsource``) and many OG-image examples serve; fontTools' import (~40 ms)
and its decoding (~5 ms for Geist's 59 KB) made the first render with one cost twice
a card. Whatever it finds inconsistent it leaves to fontTools (None), which decodes it or
says why, as :func:`~.faces.load_sfnt` did for every WOFF; sizes are checked before by
:mod:`.font_size`.
"""
from __future__ import annotations

import struct
import zlib

__all__ = ["woff_sfnt"]

_HEADER = struct.Struct(">4sLLHH")  # signature, flavor, length, numTables, reserved
_DIRECTORY = 44  # the whole header: its table directory follows
_ENTRY = struct.Struct(">4sLLLL")  # tag, offset, compLength, origLength, origChecksum
_RECORD = struct.Struct(">4sLLL")  # the sfnt's: tag, checksum, offset, length


def _table(data: bytes, offset: int, stored: int, size: int) -> bytes | None:
    """A table's bytes: its stream, inflated when shorter than the table; None when the
    stream is cut short, longer than the table, or does not inflate to exactly it."""
    stream = data[offset:offset + stored]
    if len(stream) != stored or stored > size:
        return None
    if stored == size:
        return stream
    inflater = zlib.decompressobj()
    try:
        table = inflater.decompress(stream, size)
    except zlib.error:
        return None
    return table if len(table) == size and inflater.eof else None


def woff_sfnt(data: bytes) -> bytes | None:
    """The sfnt bytes of WOFF 1.0 ``data`` (tables in tag order, each 4-byte aligned, with
    the checksums the WOFF lists), or None when its header, directory or streams are not
    consistent."""
    if len(data) < _DIRECTORY:
        return None
    _, flavor, length, count, reserved = _HEADER.unpack_from(data)
    if length != len(data) or reserved or not count or _DIRECTORY + count * _ENTRY.size > len(data):
        return None
    tables = []
    for i in range(count):
        tag, offset, stored, size, checksum = _ENTRY.unpack_from(data, _DIRECTORY + i * _ENTRY.size)
        table = _table(data, offset, stored, size)
        if table is None:
            return None
        tables.append((tag, checksum, table))
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
