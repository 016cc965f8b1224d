"""satori_py.text.cff_draw: HarfBuzz draws the outlines of a CFF font with the commands a
fontTools pen (as opentype.js) gives them, and leaves to fontTools the glyphs it cannot
interpret or draws with fractions."""
from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from satori_py import Font, h, render_svg
from satori_py.text import outlines
from satori_py.text.cff_draw import cff_outline
from satori_py.text.faces import FaceData, face_data
from tests.support.cff_fonts import cff_font

OTF = Path(__file__).parents[2] / "golden" / "parity" / "fonts" / "NotoSansKR-subset-annyeong.otf"


def _pen_outlines(data: bytes) -> list[outlines.Outline]:
    tt = TTFont(io.BytesIO(data), lazy=True)
    glyph_set = tt.getGlyphSet()
    return [outlines.pen_outline(glyph_set, name) for name in tt.getGlyphOrder()]


def test_every_outline_of_a_cff_font_is_the_pens_and_fonttools_is_not_loaded() -> None:
    data = OTF.read_bytes()
    face = FaceData(data, 0)
    mine = [face.outline(gid) for gid in range(face.hb.glyph_count)]
    assert face._tt_font is None  # HarfBuzz drew them all
    assert mine == _pen_outlines(data)
    assert sum(ops.count("C") for ops, _ in mine) > 50 and sum(ops.count("Z") for ops, _ in mine) > 50


def test_a_render_in_a_cff_font_never_loads_it_in_fonttools() -> None:
    # (fontTools' CFF table alone cost 7 ms of a 312 KB font, its import 40 ms more)
    data = OTF.read_bytes()
    svg = render_svg(h("div", {"style": {"display": "flex", "fontFamily": "K", "fontSize": 40}}, "안녕"),
                     width=200, height=80, fonts=[Font("K", data)])
    assert svg.count("<path") == 1 and "C" in svg
    assert face_data(data)._tt_font is None


SQUARE = [10, 20, "rmoveto", 100, 0, "rlineto", 0, 100, "rlineto", -100, 0, "rlineto", "endchar"]
# A contour closed by a curve ending on its start, then one whose last curve does not.
CURVES = [0, 0, "rmoveto", 50, 0, 50, 50, 0, 50, "rrcurveto", -50, 0, -50, -50, 0, -50, "rrcurveto",
          200, 0, "rmoveto", 30, 30, 60, 0, 30, -30, "rrcurveto", "endchar"]
TWO = [0, 0, "rmoveto", 10, 0, "rlineto", 0, 10, "rlineto", 100, 100, "rmoveto", 0, 20, "rlineto", "endchar"]


def test_closing_lines_are_left_to_the_close_as_the_charstring_draws_them() -> None:
    data = cff_font({"square": SQUARE, "curves": CURVES, "two": TWO})
    face = FaceData(data, 0)
    mine = [face.outline(gid) for gid in range(4)]
    assert face._tt_font is None
    assert mine == _pen_outlines(data)
    assert mine[1] == ("MLLLZ", (10.0, 20.0, 110.0, 20.0, 110.0, 120.0, 10.0, 120.0))
    assert mine[2][0] == "MCCZMCZ"
    assert mine[3] == ("MLLZMLZ", (0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 110.0, 110.0, 110.0, 130.0))


def test_a_charstring_that_draws_its_closing_line_loses_it_the_same_shape() -> None:
    # The one difference from the pen (see cff_draw's docstring): the last line back to the
    # start is the close's own.
    closed = [10, 20, "rmoveto", 100, 0, "rlineto", 0, 100, "rlineto", -100, 0, "rlineto", 0, -100, "rlineto",
              "endchar"]
    data = cff_font({"closed": closed})
    (pen_ops, pen_coords) = _pen_outlines(data)[1]
    assert (pen_ops, pen_coords[-2:]) == ("MLLLLZ", (10.0, 20.0))
    assert FaceData(data, 0).outline(1) == (pen_ops.replace("LZ", "Z"), pen_coords[:-2])


def test_a_glyph_with_fractions_is_read_by_fonttools_with_doubles() -> None:
    fraction = [10.5, 20.25, "rmoveto", 333.3, 0, "rlineto", 0, 100, "rlineto", "endchar"]
    data = cff_font({"fraction": fraction, "square": SQUARE})
    face = FaceData(data, 0)
    assert cff_outline(face.hb, 1) is None
    assert cff_outline(face.hb, 2) is not None
    assert face.outline(1) == _pen_outlines(data)[1]
    assert face._tt_font is not None  # read by fontTools


def test_a_charstring_harfbuzz_cannot_interpret_is_left_to_fonttools() -> None:
    # A subroutine calling itself: HarfBuzz stops, and fontTools reports the error (the
    # message is tests/hostile/test_stranger_inputs.py's).
    data = cff_font({"loop": [500, 0, 0, "rmoveto", -107, "callsubr", "endchar"], "square": SQUARE},
                     subrs=([-107, "callsubr", "return"],))
    face = FaceData(data, 0)
    assert cff_outline(face.hb, 1) is None
    assert cff_outline(face.hb, 2) == ("MLLLZ", (10.0, 20.0, 110.0, 20.0, 110.0, 120.0, 10.0, 120.0))
