"""PNG encoding of a premultiplied RGBA canvas, at three trade-offs of time and size.

The fast bindings hand us the raw canvas (tiny-skia's premultiplied RGBA);
encoding it here is quicker than the bindings' own encoder at a similar size,
because deflate (zlib-ng when installed, else zlib) runs without the GIL and
most of a card is flat colour that compresses well without PNG row filters.

``compression`` (see :data:`COMPRESSIONS`), measured on 24 realistic
1200x630 cards against the bytes of resvg-py's PNG:

* ``"fast"``: no row filters, deflate level 1; about 2.2x the bytes.
* ``"default"``: no row filters, deflate level 6, about the same bytes
  (median 0.98x; the cards with photographs 1.38-1.48x the bytes of the
  same rows filtered). The level is judged from a sample of the rows (about
  2.5 %). A busy image (the sample deflates worse than 8:1 at level 1) gets
  level 7 instead, which keeps photographs within 1.5x of filtered rows at a
  fraction of the cost: filtering rows runs in Python. A smooth one (worse than
  16:1 at level 1, but level 4 makes it 1.75 times smaller still: gradients,
  soft shadows) gets level 4, a quarter cheaper than 6 and 7 on such an image,
  at 0.86-1.15x resvg-py's bytes on the cards (1.08-1.41x level 6's); photographs
  gain less from level 4 (1.36-1.40 times smaller) and keep level 7.
* ``"smallest"``: deflate level 9 of the rows unfiltered and with the per-row
  choice of no filter or Up, whichever is smaller; about 0.85x the bytes,
  several times slower.

Straight (unpremultiplied) colour is what PNG stores; it is computed exactly as
tiny-skia does, so every backend gives the same pixels.
"""
from __future__ import annotations

import struct

from .deflate import compressed, compressed_size, crc32

__all__ = ["COMPRESSIONS", "encode_png"]

COMPRESSIONS = ("fast", "default", "smallest")
_LEVELS = {"fast": 1, "default": 6, "smallest": 9}
_BUSY_RATIO = 8  # sample bytes per level-1 compressed byte below which "default" uses level 7
_FLAT_RATIO = 16  # ... and at or above which it is flat (level 6, cheap on it): not tried at level 4
_SMOOTH_GAIN = 1.75  # level 1's bytes per level 4's on the sample from which "default" uses level 4
# The sample: 2 rows at each of this many evenly spaced heights. 8 bands choose the same
# level as 16 on all 24 benchmark cards (4 do not: event-conf's), for half the deflating:
# 3.9M instead of 6.3M instructions on event-gala, whose sample is deflated twice.
_SAMPLE_BANDS = 8

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes | memoryview) -> list[bytes | memoryview]:
    """A chunk's pieces, for one join of the whole file (each ``+`` would copy the IDAT again)."""
    return [struct.pack(">I", len(data)), kind, data, struct.pack(">I", crc32(data, crc32(kind)))]


# --- unpremultiplying -------------------------------------------------------------------

def _demultiply_table(alpha: int) -> bytes:
    # tiny-skia's PremultipliedColorU8::demultiply, in its f64 arithmetic, whose
    # rounding of halves (14 at alpha 140 -> 25) integer arithmetic would not repeat.
    scale = alpha / 255.0
    return bytes(min(255, int(c / scale + 0.5)) for c in range(256))


_TABLES: dict[int, bytes] = {}  # alpha -> its table, made when first needed
# Alpha bytes mapped to 1 where a pixel is partly transparent, 0 where it is 0 or 255.
_PARTIAL = bytes(0 if a in (0, 255) else 1 for a in range(256))


_OPAQUE = [b""]  # the alpha bytes of the last opaque canvas size seen


def _opaque(count: int) -> bytes:
    """``count`` bytes of 255, kept for the next canvas of the same size (writing them
    anew was 0.75M instructions a card)."""
    alphas = _OPAQUE[0]
    if len(alphas) != count:
        alphas = _OPAQUE[0] = b"\xff" * count
    return alphas


def straight_rgba(rgba: bytes, width: int, height: int) -> bytes:
    """Premultiplied RGBA -> straight RGBA. Opaque and clear pixels are left alone."""
    alpha = rgba[3::4]
    if alpha == _opaque(len(alpha)):  # (a memcmp: a third of the time of count(255))
        return rgba
    partial = alpha.translate(_PARTIAL)
    out = bytearray(rgba)
    i = partial.find(1)
    while i >= 0:
        # One run of partly transparent pixels of the same alpha at a time, no farther
        # than the end of its row: found by stripping its alpha off the rest of the row
        # (in C; stepping through the run in Python made a translucent background cost
        # 25 ms a card, now 5), unless the run is one pixel (a soft shadow's are short).
        row_end = i - i % width + width
        a = alpha[i]
        j = i + 1
        if j < row_end and alpha[j] == a:
            j = row_end - len(alpha[j:row_end].lstrip(alpha[i:j]))
        table = _TABLES.get(a)
        if table is None:
            table = _TABLES[a] = _demultiply_table(a)
        start, end = 4 * i, 4 * j
        out[start:end] = rgba[start:end].translate(table)
        out[start + 3:end:4] = alpha[i:j]  # the table would have scaled alpha too
        i = partial.find(1, j)
    return bytes(out)


# --- row filters ----------------------------------------------------------------------

def _unfiltered(rgba: bytes, stride: int) -> bytes:
    """Each row after a 0 (filter None). Joined from views of the rows: one copy of the
    image, a tenth of the time of slicing each row out (this holds the GIL)."""
    view = memoryview(rgba)
    parts: list[bytes | memoryview] = [b"\0"] * (2 * (len(rgba) // stride))
    parts[1::2] = [view[i:i + stride] for i in range(0, len(rgba), stride)]
    return b"".join(parts)


def _up_filtered(rgba: bytes, stride: int) -> bytes:
    """Each row as it is, or as its difference from the row above (PNG filter Up),
    whichever has more zero bytes. The byte-wise subtraction is done on whole rows
    as Python integers, with the high bits of each byte kept from borrowing."""
    high = int.from_bytes(b"\x80" * stride, "little")
    low = ~high
    out = [b"\0", rgba[:stride]]
    previous = int.from_bytes(rgba[:stride], "little")
    for i in range(stride, len(rgba), stride):
        row = rgba[i:i + stride]
        current = int.from_bytes(row, "little")
        if current == previous:
            out += (b"\2", bytes(stride))
        else:
            diff = (((current | high) - (previous & low)) ^ ((current ^ ~previous) & high))
            up = diff.to_bytes(stride, "little")
            out += (b"\2", up) if up.count(0) > row.count(0) else (b"\0", row)
        previous = current
    return b"".join(out)


def _default_level(pixels: bytes, stride: int, height: int) -> int:
    """Deflate level of ``"default"``: 6; 4 for a smooth image, 7 for a busy one; judged
    from ~2.5 % of its rows (about 0.05-0.2 ms on a 1200x630 card, twice that when smooth)."""
    step = height // _SAMPLE_BANDS
    if step < 2:
        return 6
    sample = b"".join(pixels[i * stride:(i + 2) * stride] for i in range(0, step * _SAMPLE_BANDS, step))
    fast = compressed_size(sample, 1)
    if fast * _FLAT_RATIO <= len(sample):
        return 6
    if compressed_size(sample, 4) * _SMOOTH_GAIN <= fast:
        return 4
    return 7 if fast * _BUSY_RATIO > len(sample) else 6


def encode_png(rgba: bytes, width: int, height: int, compression: str = "default") -> bytes:
    """A PNG (8-bit RGBA) of ``width`` x ``height`` premultiplied RGBA pixels."""
    level = _LEVELS[compression]
    pixels = straight_rgba(rgba, width, height)
    stride = width * 4
    if compression == "smallest":
        # Flat images compress best unfiltered, photographs with filters: keep the smaller.
        with compressed(_unfiltered(pixels, stride), level) as plain, \
                compressed(_up_filtered(pixels, stride), level) as up:
            return _png(width, height, min(plain, up, key=len))
    if compression == "default":
        level = _default_level(pixels, stride, height)
    with compressed(_unfiltered(pixels, stride), level) as data:
        return _png(width, height, data)


def _png(width: int, height: int, data: bytes | memoryview) -> bytes:
    """The file, its deflated rows ``data`` copied once, by the join."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"".join([_SIGNATURE, *_chunk(b"IHDR", header), *_chunk(b"IDAT", data), *_chunk(b"IEND", b"")])
