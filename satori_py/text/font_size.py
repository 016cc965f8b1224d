"""How many bytes a font file becomes once decompressed, checked before anything is inflated.

WOFF tables are zlib streams and WOFF2 fonts one brotli stream (plus, in both,
an optional compressed metadata block); a 1.7 KB WOFF2 can inflate to 1 GB.
fontTools inflates whatever the streams hold, whatever the directory says, so
:func:`check_font_size` first reads the sizes the directory declares
(``totalSfntSize``, each table's length, the metadata's) against
``max_font_bytes``, then inflates each stream with its output capped at the
declared size, so a directory that lies is caught after at most that many
bytes. Only then does :func:`satori_py.text.faces.load_sfnt` decode the font. A WOFF's
tables are inflated here once: :func:`check_woff` hands them to :mod:`.woff`, which puts
them behind an sfnt directory.
"""
from __future__ import annotations

import io
import struct
import zlib

from ..errors import FontError, LimitError

__all__ = ["check_font_size", "check_woff"]

# The headers up to the metadata fields; their table directories follow the whole header.
_WOFF_HEADER = struct.Struct(">4s4sLHHL4xLLL")  # ..., totalSfntSize, (version), meta offset/length/orig
_WOFF_DIRECTORY = 44
_WOFF_ENTRY = struct.Struct(">4sLLLL")  # tag, offset, compLength, origLength, checksum
_WOFF2_HEADER = struct.Struct(">4s4sLHHLL4xLLL")  # ..., totalSfntSize, totalCompressedSize, (version), meta
_WOFF2_DIRECTORY = 48


def check_font_size(data: bytes, name: str, limit: int) -> None:
    """Raise LimitError when ``data`` (TTF/OTF/WOFF/WOFF2) is over ``limit`` bytes decompressed,
    FontError when its directory is inconsistent with its streams."""
    sig = data[:4]
    if sig == b"wOFF":
        check_woff(data, name, limit)
    elif sig == b"wOF2":
        _check_woff2(data, name, limit)
    elif len(data) > limit:
        raise _too_big(name, len(data), limit)


def _too_big(name: str, size: int, limit: int) -> LimitError:
    return LimitError(f'The font "{name}" is {size} bytes decompressed, over the max_font_bytes limit of {limit}.',
                      limit="max_font_bytes", prop="fonts", value=name)


def _broken(name: str, what: str) -> FontError:
    return FontError(f"Failed to parse font {name}: {what}", value=name)


def _broken_woff2(name: str) -> FontError:
    # The reference's sentence for any WOFF2 it cannot decode.
    return FontError(f'Failed to decode the WOFF2 font "{name}".', value=name)


def _declared(name: str, limit: int, *sizes: int) -> None:
    """Each size the header and directory declare must be within ``limit``."""
    size = max(sizes, default=0)
    if size > limit:
        raise _too_big(name, size, limit)


def check_woff(data: bytes, name: str, limit: int) -> list[tuple[bytes, int, bytes | None]]:
    """:func:`check_font_size` for WOFF 1.0 ``data``, returning what it inflated: each
    directory entry's tag, checksum and table bytes (its stream inflated or copied), or
    None for the bytes where the stream is not exactly its table (cut short, longer than
    the table, inflating short of it), which only fontTools may then judge."""
    if len(data) < _WOFF_DIRECTORY:
        raise _broken(name, "the WOFF header is truncated")
    _, _, _, count, _, sfnt_size, meta_offset, meta_length, meta_size = _WOFF_HEADER.unpack_from(data)
    entries = []
    for i in range(count):
        at = _WOFF_DIRECTORY + i * _WOFF_ENTRY.size
        if at + _WOFF_ENTRY.size > len(data):
            raise _broken(name, "the WOFF table directory is truncated")
        entries.append(_WOFF_ENTRY.unpack_from(data, at))
    _declared(name, limit, sfnt_size, sum(e[3] for e in entries) + meta_size)
    tables: list[tuple[bytes, int, bytes | None]] = []
    for tag, offset, length, size, checksum in entries:
        stream = data[offset:offset + length]
        table: bytes | None = None
        if length < size:
            table = _inflate_zlib(stream, size, name)
        elif length == size == len(stream):
            table = stream
        tables.append((tag, checksum, table))
    if meta_length:
        _inflate_zlib(data[meta_offset:meta_offset + meta_length], meta_size, name)
    return tables


def _inflate_zlib(stream: bytes, size: int, name: str) -> bytes | None:
    """``stream`` inflated, when it is complete and exactly ``size`` bytes inflated, else None;
    raises FontError when it is not zlib or inflates past ``size`` (output capped there)."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(stream, size + 1)
    except zlib.error as exc:
        raise _broken(name, f"a WOFF table does not inflate ({exc})") from None
    if len(out) > size:
        raise _broken(name, "a WOFF table inflates to more than its declared length")
    return out if len(out) == size and inflater.eof else None


def _check_woff2(data: bytes, name: str, limit: int) -> None:
    from fontTools.ttLib.woff2 import WOFF2DirectoryEntry

    if len(data) < _WOFF2_DIRECTORY:
        raise _broken_woff2(name)
    (_, _, _, count, _, sfnt_size, compressed_size, meta_offset, meta_length,
     meta_size) = _WOFF2_HEADER.unpack_from(data)
    stream_size = original = 0
    reader = io.BytesIO(data)
    reader.seek(_WOFF2_DIRECTORY)
    try:
        for _ in range(count):
            entry = WOFF2DirectoryEntry()
            entry.fromFile(reader)
            stream_size += entry.length  # the transformed length where a table is transformed
            original += entry.origLength
    except Exception:  # fontTools' readers raise several kinds on truncated data
        raise _broken_woff2(name) from None
    _declared(name, limit, sfnt_size, original + meta_size, stream_size)
    start = reader.tell()
    _inflate_brotli(data[start:start + compressed_size], stream_size, name)
    if meta_length:
        _inflate_brotli(data[meta_offset:meta_offset + meta_length], meta_size, name)


def _inflate_brotli(stream: bytes, size: int, name: str) -> None:
    import brotli  # type: ignore[import-untyped]

    decompressor = brotli.Decompressor()
    try:
        out = decompressor.process(stream, output_buffer_limit=size + 1)
    except brotli.error:
        raise _broken_woff2(name) from None
    if len(out) > size or not decompressor.is_finished():
        raise _broken_woff2(name)
