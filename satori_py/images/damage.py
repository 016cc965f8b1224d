"""Raster images resvg would draw nothing of, found from their structure without decoding.

The headers (:mod:`.formats`) give an image's size; what follows them may still
be unusable, and resvg then leaves the image out without a word (the reference
draws nothing too). So that nothing is dropped silently, :func:`undrawable` says
why an image will not be drawn, for a report naming its node and property.
What resvg's decoders refuse, as measured with resvg 0.48:

* a PNG that ends before its ``IEND`` chunk, or with a critical chunk (``IHDR``,
  ``PLTE``, ``IDAT``) cut short or failing its CRC (ancillary chunks may be
  damaged: the decoder skips them);
* a GIF without a frame, whose first frame (the one resvg draws) is cut short,
  or larger than the decoder's memory limit: 50,000,000 bytes of RGBA, a frame
  of 12,500,000 pixels (a frame may claim 65535 x 65535 inside a 4 x 4 image:
  its size is its descriptor's, not the image's).

Not found here: LZW or zlib data that is complete but wrong (only a decoder can
tell). JPEG and WebP decoders draw what they can of damaged data, as browsers do.
"""
from __future__ import annotations

import struct
import zlib

from . import formats as fmt

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
    for offset, length, kind in fmt.png_chunks(data):
        if kind == _PNG_END:
            return None
        end = offset + 12 + length
        critical = not kind[0] & 0x20  # the case of a chunk type's first letter
        if critical and end > len(data):
            return f"its {_name(kind)} chunk is cut short"
        if critical and zlib.crc32(view[offset + 4:end - 4]) != struct.unpack_from(">I", data, end - 4)[0]:
            return f"its {_name(kind)} chunk is damaged (its CRC does not match)"
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
