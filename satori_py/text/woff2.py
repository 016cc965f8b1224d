"""WOFF2 decoding in time linear in the font, within the render's deadline.

fontTools' WOFF2 reader rebuilds a transformed ``glyf`` table glyph by glyph and,
for each glyph, copies what is left of the streams it reads (``bytes`` slices,
and ``array("B", glyphStream)`` of the whole rest of the points stream): the
work grows with glyphs x stream size. A 50 KB WOFF2 of 3,000 glyphs of 1,000
points took 19 s of CPU; 65,535 glyphs over a 60 MB stream (a few KB of
brotli) would take hours, with no deadline check inside. Here the streams are
``memoryview`` s, sliced without copying, the triplets of a glyph are read
from a window of at most 4 bytes per point, and each glyph is compiled back to
bytes as soon as it is decoded, with the deadline checked every
:data:`_CHECK_EVERY` glyphs. The decoding itself stays fontTools'.

Owns :func:`open_woff2`; :func:`satori_py.text.faces.load_sfnt` is its caller.
"""
from __future__ import annotations

import io
import struct
from typing import Any

from fontTools.ttLib import TTFont, TTLibError
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fontTools.ttLib.woff2 import WOFF2GlyfTable, WOFF2LocaTable, WOFF2Reader

from ..limits import check_deadline

__all__ = ["open_woff2"]

_CHECK_EVERY = 256
_STREAMS = ("nPointsStream", "flagStream", "glyphStream", "compositeStream", "bboxStream", "instructionStream")


def _read_255_ushort(data: memoryview) -> tuple[int, memoryview]:
    """A 255UInt16 (WOFF2 5.1) and the data after it (fontTools' ``unpack255UShort`` on a view)."""
    if not data:
        raise TTLibError("not enough data to unpack 255UInt16")
    code = data[0]
    if code == 253:
        if len(data) < 3:
            raise TTLibError("not enough data to unpack 255UInt16")
        return struct.unpack_from(">H", data, 1)[0], data[3:]
    if code in (254, 255):
        if len(data) < 2:
            raise TTLibError("not enough data to unpack 255UInt16")
        return data[1] + (506 if code == 254 else 253), data[2:]
    return code, data[1:]


class _GlyfTable(WOFF2GlyfTable):  # type: ignore[misc]
    """fontTools' transformed ``glyf`` decoder over views of its streams."""

    nPointsStream: memoryview  # noqa: N815 (fontTools' names)
    glyphStream: memoryview  # noqa: N815
    instructionStream: memoryview  # noqa: N815

    def _decodeGlyph(self, glyphID: int) -> Any:  # noqa: N802, N803 (fontTools' names)
        if glyphID == 0:
            for name in _STREAMS:
                setattr(self, name, memoryview(getattr(self, name)))
        if glyphID % _CHECK_EVERY == 0:
            check_deadline()
        # Compiled now, within the deadline checks (the table's compile then only joins the bytes).
        glyph = super()._decodeGlyph(glyphID)
        return Glyph(glyph.compile(self, recalcBBoxes=False))

    def _decodeCoordinates(self, glyph: Any) -> None:  # noqa: N802
        data = self.nPointsStream
        ends = []
        end = -1
        for _ in range(glyph.numberOfContours):
            count, data = _read_255_ushort(data)
            end += count
            ends.append(end)
        glyph.endPtsOfContours = ends
        self.nPointsStream = data
        self._decodeTriplets(glyph)
        self._decodeInstructions(glyph)

    def _decodeTriplets(self, glyph: Any) -> None:  # noqa: N802
        # fontTools copies the whole rest of the stream: give it what this glyph can use.
        rest = self.glyphStream
        window = rest[:4 * (glyph.endPtsOfContours[-1] + 1)]
        self.glyphStream = window
        super()._decodeTriplets(glyph)
        self.glyphStream = rest[len(window) - len(self.glyphStream):]

    def _decodeInstructions(self, glyph: Any) -> None:  # noqa: N802
        from fontTools.ttLib.tables import ttProgram
        length, self.glyphStream = _read_255_ushort(self.glyphStream)
        glyph.program = ttProgram.Program()
        glyph.program.fromBytecode(bytes(self.instructionStream[:length]))
        self.instructionStream = self.instructionStream[length:]


class _Reader(WOFF2Reader):  # type: ignore[misc]
    def _reconstructGlyf(self, data: bytes, padding: int | None = None) -> bytes:  # noqa: N802
        self.ttFont["loca"] = WOFF2LocaTable()
        glyf = self.ttFont["glyf"] = _GlyfTable()
        glyf.reconstruct(data, self.ttFont)
        if padding:
            glyf.padding = padding
        return glyf.compile(self.ttFont)  # type: ignore[no-any-return]


def open_woff2(data: bytes) -> Any:
    """The fontTools ``TTFont`` of WOFF2 ``data`` (fontTools raises on malformed data)."""
    font = TTFont(recalcBBoxes=False, recalcTimestamp=False)
    font.reader = _Reader(io.BytesIO(data))
    font.sfntVersion = font.reader.sfntVersion
    font.flavor = font.reader.flavor
    font.flavorData = font.reader.flavorData
    return font
