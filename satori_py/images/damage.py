"""Raster images resvg would draw nothing of, found from their structure without decoding.

The headers (:mod:`.formats`) give an image's size; what follows them may still
be unusable, and resvg then leaves the image out without a word (the reference
draws nothing too). So that nothing is dropped silently, :func:`undrawable` says
why an image will not be drawn, for a report naming its node and property.
What resvg's decoders refuse, as measured with resvg 0.48:

* a PNG that ends before its ``IEND`` chunk, or with a critical chunk (``IHDR``,
  ``PLTE``, ``IDAT``) cut short or failing its CRC (ancillary chunks may be
  damaged: the decoder skips them);
* a PNG whose header is invalid (a bit depth its colour type does not have), with
  a palette and no ``PLTE`` before its data, without ``IDAT``, or whose ``IDAT``
  data is not zlib data that inflates to every row, each starting with a known
  filter type (0 to 4): inflated here, a megabyte at a time, and let go (data past
  the last row and a wrong checksum after it the decoder takes);
* a GIF without a frame, whose first frame (the one resvg draws) is cut short,
  or larger than the decoder's memory limit: 50,000,000 bytes of RGBA, a frame
  of 12,500,000 pixels (a frame may claim 65535 x 65535 inside a 4 x 4 image:
  its size is its descriptor's, not the image's).

Not found here: LZW data that is complete but wrong (only a decoder can tell).
JPEG and WebP decoders draw what they can of damaged data, as browsers do.
"""
from __future__ import annotations

import struct
import zlib as _stdlib_zlib
from types import ModuleType

from . import formats as fmt

zlib: ModuleType
try:  # zlib-ng: the same format, inflated twice as fast (a new avatar's first render: +13% with zlib)
    from zlib_ng import zlib_ng as zlib
except ImportError:  # pragma: no cover - zlib-ng is a dependency; kept for odd platforms
    zlib = _stdlib_zlib

__all__ = ["decoded_gif_frame", "undrawable"]

# The gif crate's default memory limit, in bytes of the frame's RGBA buffer.
_GIF_FRAME_BYTES = 50_000_000
_PNG_END = b"IEND"


def undrawable(mime: str, data: bytes) -> str | None:
    """Why resvg would draw nothing of a PNG or GIF (``data``, with a readable header),
    or None."""
    if mime in (fmt.PNG, fmt.APNG):
        return _png_damage(data)
    if mime == fmt.GIF:
        return _gif_damage(data, _first_frame(data))
    return None


def _png_damage(data: bytes) -> str | None:
    view = memoryview(data)
    header = b""
    palette = False
    pieces: list[memoryview] = []  # the IDAT chunks' data
    for offset, length, kind in fmt.png_chunks(data):
        if kind == _PNG_END:
            return _png_data_damage(header, palette, pieces)
        end = offset + 12 + length
        critical = not kind[0] & 0x20  # the case of a chunk type's first letter
        if critical and end > len(data):
            return f"its {_name(kind)} chunk is cut short"
        if critical and zlib.crc32(view[offset + 4:end - 4]) != struct.unpack_from(">I", data, end - 4)[0]:
            return f"its {_name(kind)} chunk is damaged (its CRC does not match)"
        if kind == b"IHDR":
            header = data[offset + 8:end - 4]
        elif kind == b"PLTE":
            palette = palette or not pieces
        elif kind == b"IDAT":
            pieces.append(view[offset + 8:end - 4])
    return "it ends before its IEND chunk"



def _name(kind: bytes) -> str:
    return kind.decode("ascii", "backslashreplace")


def decoded_gif_frame(data: bytes) -> tuple[int, int] | None:
    """The size of the frame of a GIF that resvg decodes, its first (None when it decodes none)."""
    frame = _first_frame(data)
    return None if frame is None or _gif_damage(data, frame) else frame[:2]


def _first_frame(data: bytes) -> tuple[int, int, bool] | None:
    """The first frame's width, height and whether its image data is all there."""
    offset = 13
    if len(data) >= offset and data[10] & 0x80:  # a global colour table
        offset += 3 << ((data[10] & 7) + 1)
    end = len(data)
    while offset < end:
        block = data[offset]
        if block == 0x21:  # an extension: its label, then data sub-blocks
            offset = _sub_blocks(data, offset + 2)
        elif block == 0x2C:  # an image descriptor: left, top, width, height, flags
            if offset + 10 > end:
                return None
            width, height, flags = struct.unpack_from("<HHB", data, offset + 5)
            offset += 10
            if flags & 0x80:  # a local colour table
                offset += 3 << ((flags & 7) + 1)
            # After the LZW code size, the data sub-blocks; the decoder needs every byte the
            # last one announces (the terminator and the trailer it does without).
            return width, height, _sub_blocks(data, offset + 1) <= end
        else:  # the trailer, or not GIF data
            return None
    return None


def _sub_blocks(data: bytes, offset: int) -> int:
    """Where the data sub-blocks starting at ``offset`` end (past ``len(data)`` when the
    last one is cut short)."""
    while offset < len(data) and data[offset]:
        offset += data[offset] + 1
    return offset + 1 if offset < len(data) else offset


def _gif_damage(data: bytes, frame: tuple[int, int, bool] | None) -> str | None:
    if frame is None:
        return "it has no frame"
    width, height, whole = frame
    if width * height * 4 > _GIF_FRAME_BYTES:
        return (f"its first frame is {width}x{height} pixels, over the {_GIF_FRAME_BYTES // 4} pixels "
                "of a frame the GIF decoder takes")
    if not whole:
        return "its first frame is cut short"
    return None


# The bit depths of each PNG colour type, and its channels.
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7's passes: first column and row, then the steps between them.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_INFLATE_STEP = 1 << 20


def _png_data_damage(header: bytes, palette: bool, pieces: list[memoryview]) -> str | None:
    """Why the decoder makes no image of a PNG's header and ``IDAT`` data (its chunks whole)."""
    if len(header) != 13:
        return "its IHDR chunk is not 13 bytes long"
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", header)
    if depth not in _PNG_DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        return (f"its IHDR chunk is invalid (bit depth {depth}, colour type {colour}, methods {compression}, "
                f"{filtering}, {interlace})")
    if colour == 3 and not palette:
        return "it has a palette colour type and no PLTE chunk before its image data"
    if not pieces:
        return "it has no IDAT chunk"
    bits = depth * _PNG_CHANNELS[colour]
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    rows = []  # (start, stride, end) of each pass in the inflated data
    start = 0
    for x0, y0, dx, dy in passes:
        columns, lines = -(-max(width - x0, 0) // dx), -(-max(height - y0, 0) // dy)
        if columns and lines:
            stride = 1 + (columns * bits + 7) // 8
            rows.append((start, stride, start + stride * lines))
            start += stride * lines
    return _inflate_damage(pieces, rows, start)


def _inflate_damage(pieces: list[memoryview], rows: list[tuple[int, int, int]], total: int) -> str | None:
    """Why ``pieces`` (zlib data, in parts) do not inflate to ``total`` bytes whose rows (each
    pass's start, stride, end) start with a filter type of 0 to 4."""
    try:
        done = _inflate(pieces, rows, total)
    except zlib.error:
        # zlib reads the stream's end and checksum with its last bytes, and fails there on a
        # wrong one, which the decoder, done with the rows, never reads.
        try:
            partial = _inflate(pieces, rows, total - 1)
            done = total if partial == total - 1 else partial
        except zlib.error:
            return "its image data is not valid zlib data"
    if done is None:
        return "a row of its image data has an unknown filter type"
    if done < total:
        return f"its image data is cut short (it inflates to {done} of the {total} bytes of its rows)"
    return None


def _inflate(pieces: list[memoryview], rows: list[tuple[int, int, int]], limit: int) -> int | None:
    """How many bytes ``pieces`` inflate to, up to ``limit`` (a megabyte at a time, let go);
    None when a row starts with an unknown filter type. zlib.error on invalid data."""
    inflater = zlib.decompressobj()
    done = 0
    for piece in pieces:
        rest: bytes | memoryview = piece
        while rest and done < limit:
            out = inflater.decompress(rest, min(_INFLATE_STEP, limit - done))
            for start, stride, end in rows:  # the filter bytes in out, pass by pass
                first = max(start, done)
                first += (start - first) % stride
                last = min(end, done + len(out))
                if first < last and max(out[first - done:last - done:stride]) > 4:
                    return None
            done += len(out)
            rest = inflater.unconsumed_tail
    return done
