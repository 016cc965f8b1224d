"""satori_py.text.sfnt reads metrics and TrueType outlines exactly as fontTools does, and
leaves to fontTools (same values, same errors) whatever it does not handle."""
from __future__ import annotations

import io
import struct

import pytest
from fontTools.ttLib import TTFont

from satori_py.errors import FontError
from satori_py.text import outlines, sfnt
from satori_py.text.faces import FaceData
from satori_py.text.fonts import FontRegistry
from satori_py.text.sfnt import Sfnt, SfntError

from .conftest import TFont, font_bytes

# Roboto and Noto Sans Arabic have composite glyphs (scaled, offset, nested).
FONTS = ["Geist-Regular.ttf", "Roboto-Regular.ttf", "NotoSansArabic-Regular.ttf", "Habbo.ttf"]


def _fonttools_metrics(tt: TTFont) -> tuple[object, ...]:
    head, hhea, os2 = tt["head"], tt["hhea"], tt["OS/2"]
    return (head.unitsPerEm, head.macStyle, hhea.ascent, hhea.descent, os2.sTypoAscender,
            os2.sTypoDescender, os2.sTypoLineGap, os2.usWeightClass, os2.fsSelection, os2.xAvgCharWidth)


@pytest.mark.parametrize("file", FONTS)
def test_metrics_and_every_outline_match_fonttools(file: str) -> None:
    data = font_bytes(file)
    tt = TTFont(io.BytesIO(data), lazy=True)
    reader = Sfnt(data)
    assert reader.metrics() == _fonttools_metrics(tt)
    glyf = tt["glyf"]
    composites = 0
    for gid in range(tt["maxp"].numGlyphs):
        name = tt.getGlyphName(gid)
        composites += glyf[name].isComposite()
        theirs = outlines.glyf_outline(glyf, name)
        assert outlines.points_outline(reader.glyph_points(gid)) == theirs, (file, gid)
    assert composites or file in ("Geist-Regular.ttf", "Habbo.ttf")


def _patched(data: bytes, tag: bytes, at: int, value: bytes) -> bytes:
    """``data`` with ``value`` written ``at`` bytes into table ``tag``."""
    count = struct.unpack_from(">H", data, 4)[0]
    for i in range(count):
        name, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if name == tag:
            return data[:offset + at] + value + data[offset + at + len(value):]
    raise AssertionError(tag)


def test_an_unknown_os2_version_is_left_to_fonttools() -> None:
    data = _patched(font_bytes("Geist-Regular.ttf"), b"OS/2", 0, struct.pack(">H", 9))
    with pytest.raises(SfntError):
        Sfnt(data).metrics()
    with pytest.raises(FontError) as info:
        FontRegistry([TFont("Odd", data)])
    assert str(info.value) == ("Failed to parse font Odd: its OS/2 table is damaged (unknown format for OS/2 table: "
                               "version 9)")


def test_a_malformed_glyph_is_left_to_fonttools() -> None:
    # A contour count of -2 is neither simple nor composite: fontTools fails on it and the
    # face reports that failure, as it did before sfnt read outlines.
    data = font_bytes("Geist-Regular.ttf")
    reader = Sfnt(data)
    gid = next(g for g in range(1, 50) if reader._glyph_range(g)[1] > reader._glyph_range(g)[0])
    bad = _patched(data, b"glyf", reader._glyph_range(gid)[0], struct.pack(">h", -2))
    with pytest.raises(SfntError):
        Sfnt(bad).glyph_points(gid)
    face = FaceData(bad, 0)
    with pytest.raises(FontError, match=rf"^Failed to read glyph {gid} of a font: index out of range$"):
        face.outline(gid)


def test_glyph_flags_are_read_in_runs_and_an_overrun_is_left_to_fonttools() -> None:
    # Flags are run-length coded (bit 3: the next byte repeats the flag); the bytes between
    # repeated flags are copied whole, and flags that run past the data are not read.
    data = bytes([1, 2, 0x09, 3, 4, 0x08, 1, 5]) + b"rest"
    assert sfnt._flags(data, 0, 9) == (bytearray([1, 2, 0x09, 0x09, 0x09, 0x09, 4, 0x08, 0x08]), 7)
    assert sfnt._flags(data, 0, 3) == (bytearray([1, 2, 0x09]), 4)
    with pytest.raises(SfntError):
        sfnt._flags(data, 8, 5)
    with pytest.raises(SfntError):
        sfnt._flags(bytes([1, 0x08]), 0, 3)
