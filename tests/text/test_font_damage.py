"""Fonts whose tables disagree with their glyph count (hostile20's font probes): an ``hmtx``
too short for its glyphs is refused, and a character the ``cmap`` maps past the glyphs
falls back to other fonts (both drew nothing, with no advance, and said nothing)."""
from __future__ import annotations

import io
import struct

import pytest
from fontTools.ttLib import TTFont

from satori_py import Font, render_svg
from satori_py.errors import FontError
from satori_py.text.faces import FaceData
from satori_py.text.fonts import FontRegistry

from .conftest import font_bytes

GEIST = "Geist-Regular.ttf"


def _saved(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cmap_past_the_glyphs() -> bytes:
    font = TTFont(io.BytesIO(font_bytes(GEIST)))
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[ord("x")] = "glyph60000"
    return _saved(font)


def _short_hmtx() -> bytes:
    font = TTFont(io.BytesIO(font_bytes(GEIST)))
    font["hhea"].numberOfHMetrics = font["maxp"].numGlyphs
    data = bytearray(_saved(font))
    for i in range(struct.unpack_from(">H", data, 4)[0]):
        if data[12 + 16 * i:16 + 16 * i] == b"hmtx":
            struct.pack_into(">I", data, 24 + 16 * i, 8)  # its length in the table directory
    return bytes(data)


def test_an_hmtx_shorter_than_its_glyphs_is_refused() -> None:
    element = {"type": "div", "props": {"children": "axb"}}
    with pytest.raises(FontError, match=r"^Failed to parse font F: its hmtx table has 8 bytes, where its \d+ "
                                        r"glyphs \(\d+ with widths\) need \d+$"):
        render_svg(element, width=100, height=50, fonts=[Font("F", _short_hmtx())])


def test_a_character_mapped_past_the_glyphs_falls_back() -> None:
    data = _cmap_past_the_glyphs()
    face = FaceData(data, -1)
    assert face.hb.nominal_glyph(ord("x")) >= face.hb.glyph_count
    assert not face.has_glyph("x") and face.has_glyph("a")
    engine = FontRegistry([Font("F", data), Font("G", font_bytes("Geist-Bold.ttf"))]).engine(20, font_family="F")
    assert engine.has("x")  # the second font has it

    def card(fonts: list[Font]) -> str:
        element = {"type": "div", "props": {"style": {"fontFamily": "F, G"}, "children": "axb"}}
        return render_svg(element, width=100, height=50, fonts=fonts)

    # Drawn in the fallback font, as where the first font has no "x" at all.
    fallback = Font("G", font_bytes("Geist-Bold.ttf"))
    without = TTFont(io.BytesIO(font_bytes(GEIST)))
    for table in without["cmap"].tables:
        table.cmap.pop(ord("x"), None)
    assert card([Font("F", data), fallback]) == card([Font("F", _saved(without)), fallback])
    assert card([Font("F", data), fallback]) != card([Font("F", font_bytes(GEIST)), fallback])
