"""Colour and bitmap glyph tables (COLR/CPAL, sbix, CBDT/CBLC, SVG, EBDT) are not read.

satori-py draws glyph outlines only, as Satori (opentype.js) does: a font whose colour
tables are damaged draws exactly as without them, and a font with no outlines at all
(an emoji font of bitmaps, as Noto Color Emoji is) is a FaceError naming the font and
saying what it lacks, never a crash.
"""
from __future__ import annotations

import io

import pytest

from satori_py import Font, h, render_png, render_svg
from satori_py.errors import FaceError

from .support import ROOT

GEIST = (ROOT / "satori_py/assets/Geist-Regular.ttf").read_bytes()
DAMAGED = {"COLR": b"\x00\x00\xff\xff" + b"\xee" * 50, "CPAL": b"\x00\x00\x00\x05\xff\xff" + b"\xee" * 30,
           "sbix": b"\x00\x01\x00\x00\x00\x01\x00\x00\x00\x10" + b"\xee" * 40,
           "CBDT": b"\x00\x03\x00\x00" + b"\xee" * 40, "CBLC": b"\x00\x03\x00\x00\x00\x00\x00\x01" + b"\xee" * 60,
           "SVG ": b"\x00\x00\x00\x00\x00\x0a" + b"\xee" * 40, "EBDT": b"\xee" * 10, "EBLC": b"\xee" * 10}


def font_with(tables: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    font = TTFont(io.BytesIO(GEIST))
    for tag, data in tables.items():
        table = DefaultTable(tag)
        table.data = data
        font[tag] = table
    for tag in drop:
        del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def card(data: bytes, render=render_svg):  # type: ignore[no-untyped-def]
    return render(h("div", {"style": {"fontFamily": "X", "fontSize": 40}}, "Hello 😀 x"), width=300, height=80,
                  fonts=[Font("X", data, weight=400, style="normal")])


@pytest.mark.parametrize("tag", [*DAMAGED, "all"])
def test_damaged_colour_tables_change_nothing(tag: str) -> None:
    data = font_with(DAMAGED if tag == "all" else {tag: DAMAGED[tag]})
    assert card(data) == card(GEIST)
    assert card(data, render_png) == card(GEIST, render_png)


def test_a_font_of_bitmaps_only_is_a_face_error() -> None:
    data = font_with({"CBDT": DAMAGED["CBDT"], "CBLC": DAMAGED["CBLC"]}, drop=("glyf", "loca"))
    for render in (render_svg, render_png):
        with pytest.raises(FaceError) as info:
            card(data, render)
        assert str(info.value) == ("div: Failed to read glyph 63 of font x: it has no glyph outlines (no glyf, CFF or "
                                   "CFF2 table); its CBDT glyphs (bitmaps or colour layers) are not drawn")
