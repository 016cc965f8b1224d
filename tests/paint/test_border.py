"""Borders, outlines and corner-shape values (paint/border.py, paint/outline.py, paint/box.py,
style/corner_shape.py).

Colours, dash arrays and paths are the reference's (builder/border.ts,
builder/outline.ts), taken from its SVG output for the same boxes.
"""
from __future__ import annotations

import math
from typing import Any

import pytest

from satori_py.errors import StyleError
from satori_py.paint.border import (
    Line,
    border_passes,
    content_mask,
    draw_border,
    fit_dash_gap,
    patterned_side,
    shade_color,
    side_runs,
)
from satori_py.paint.box import border_lines, border_widths, borders
from satori_py.paint.geometry import Box, Radii
from satori_py.paint.outline import outline
from satori_py.style import ComputedStyle, root_style
from satori_py.style.corner_shape import (
    CORNER_SHAPE_HANDLERS,
    parse_corner_shape,
    split_corner_shapes,
)
from satori_py.style.types import RGBA
from satori_py.svg import SvgNode, serialize

BLUE = RGBA(51, 102, 204)
ROUND = Radii((10, 10), (10, 10), (10, 10), (10, 10))


def line(width: float, style: str = "solid", color: RGBA = BLUE) -> Line:
    return Line(width, style, color)


def walk(nodes: list[SvgNode]) -> list[SvgNode]:
    out: list[SvgNode] = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node.children))
    return out


def strokes(nodes: list[SvgNode]) -> list[SvgNode]:
    return [n for n in walk(nodes) if n.tag == "path" and "stroke" in n.attrs]


# -- shades ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("color", "dark", "light"), [
    (BLUE, RGBA(30, 60, 120), RGBA(63, 127, 255)),
    (RGBA(0, 0, 0), RGBA(84, 84, 84), RGBA(168, 168, 168)),  # near black: lightened twice
    (RGBA(255, 255, 255), RGBA(171, 171, 171), RGBA(255, 255, 255)),  # near white: kept
    (RGBA(200, 50, 50, 0.5), RGBA(116, 29, 29, 0.5), RGBA(255, 63, 63, 0.5)),
])
def test_shade_color(color: RGBA, dark: RGBA, light: RGBA) -> None:
    assert shade_color(color) == (dark, light)


# -- passes ---------------------------------------------------------------------------------

def test_double_groove_and_inset_passes() -> None:
    dark, light = shade_color(BLUE)
    lines = (line(9, "double"), line(5, "groove"), line(2, "double"), line(4, "inset"))
    (outer, zero), (inner, offset) = border_passes(lines)
    assert zero == (0, 0, 0, 0)
    # inset: the top and left sides are dark (sunken), groove: the outer half of the right is light.
    assert outer == (line(3), Line(3, "solid", light), line(2), Line(4, "solid", dark))
    assert [(i.width, i.color) for i in inner] == [(3, BLUE), (2, dark), (0, BLUE), (0, BLUE)]
    assert offset == (6, 3, 0, 0)
    # ridge puts the light shade outside on the top and left sides.
    (outer, _), (inner, _) = border_passes((line(8, "ridge"),) * 4)
    assert outer[0].color == light and outer[2].color == dark and inner[0].color == dark


def test_none_and_hidden_sides_have_no_width() -> None:
    passes = border_passes((line(5, "none"), line(5, "hidden"), line(5), line(1, "groove")))
    assert len(passes) == 1
    assert [l.width for l in passes[0][0]] == [0, 0, 5, 1]


def test_side_runs_start_after_a_change() -> None:
    a, b = line(2), line(4)
    assert side_runs((a, a, a, a)) == [((True, True, True, True), 0)]
    # Top and left are one run across the top-left corner.
    assert side_runs((a, b, b, a)) == [((True, False, False, True), 0), ((False, True, True, False), 2)]


# -- dashes and dots ------------------------------------------------------------------------

def test_fit_dash_gap() -> None:
    assert fit_dash_gap(60, 10, 5) == pytest.approx(20 / 3)
    assert fit_dash_gap(25, 10, 5) == pytest.approx(5)  # one gap between two dashes
    assert fit_dash_gap(100, 10, 5, closed=True) == pytest.approx(100 / 7 - 10)


def test_straight_dashed_side() -> None:
    attrs = patterned_side(0, "dashed", Box(0, 0, 60, 60), (5, 5, 5, 5), Radii(), (0, 0, 0, 0))
    assert attrs == {"stroke-width": 5, "stroke-dasharray": "10 6.667", "d": "M0 2.5H60"}
    # No room for two dashes: solid.
    short = patterned_side(1, "dashed", Box(0, 0, 60, 15), (5, 5, 5, 5), Radii(), (0, 0, 0, 0))
    assert short["stroke-dasharray"] is None and short["d"] == "M57.5 0V15"


def test_dotted_sides() -> None:
    box = Box(25, 20, 110, 90)
    dots = patterned_side(0, "dotted", box, (5, 5, 5, 5), Radii(), (0, 0, 0, 0))
    assert dots["stroke-linecap"] == "round" and dots["stroke-dasharray"] == "0 9.545"
    assert dots["d"] == "M27.5 22.5H132.5"
    square = patterned_side(0, "dotted", box, (2, 2, 2, 2), Radii(), (0, 0, 0, 0))
    assert square["stroke-linecap"] is None and square["stroke-dasharray"] == "2 2"
    assert square["stroke-dashoffset"] == 1


def test_rounded_dashes_go_around_the_contour() -> None:
    attrs = patterned_side(0, "dashed", Box(0, 0, 100, 80), (4, 4, 4, 4), ROUND, (0, 0, 0, 0), clipped=True)
    assert attrs["stroke-width"] == 8
    assert str(attrs["d"]).startswith("M10 2H90A8 8 0 0 1 98 10V70") and str(attrs["d"]).endswith("Z")
    dash, gap = map(float, str(attrs["stroke-dasharray"]).split())
    # 330px around: 28 dashes of 8 with gaps of 106/28 (closer to 4 than 27 gaps).
    assert dash == 8 and gap == pytest.approx(106 / 28, abs=1e-3)


# -- whole borders --------------------------------------------------------------------------

def test_uniform_solid_border_is_one_stroke() -> None:
    shapes, defs = draw_border(Box(0, 0, 60, 40), (line(3),) * 4, Radii(), "bc", "b")
    assert defs == []
    [path] = strokes(shapes)
    assert path.attrs["stroke-width"] == 6 and path.attrs["clip-path"] == "url(#bc)"
    assert path.attrs["d"] == "M0 0H60V40H0V0"


def test_sides_of_different_colours_are_clipped_to_their_regions() -> None:
    red = RGBA(255, 0, 0)
    lines = (line(10, color=red), line(5), line(5), line(2))
    shapes, defs = draw_border(Box(0, 0, 107, 115), lines, ROUND, "bc", "b")
    ids = [d.attrs["id"] for d in defs]
    assert ids == ["b-ring", "b-side0", "b-side1", "b-side2"]
    # The regions meet on the lines through the outer and inner corners.
    assert defs[1].children[0].attrs["points"] == "0,0 107,0 68.667,76.667 15.333,76.667"
    assert [p.attrs["stroke-width"] for p in strokes(shapes)] == [20, 20, 20]


def test_double_border_has_a_clipped_inner_line() -> None:
    shapes, defs = draw_border(Box(0, 0, 60, 40), (line(9, "double"),) * 4, Radii(), "bc", "b")
    clip = next(d for d in defs if d.attrs["id"] == "b-inner-clip")
    assert clip.attrs["clip-path"] == "url(#bc)" and clip.children[0].attrs["d"] == "M6 6h48v28h-48Z"
    outer, inner = strokes(shapes)
    assert outer.attrs["stroke-width"] == inner.attrs["stroke-width"] == 6
    assert inner.attrs["clip-path"] == "url(#b-inner-clip)"


def _style(**values: Any) -> ComputedStyle:
    """A computed style with ``values`` (the rest initial)."""
    return root_style(width=100, height=100).replace(**values)


def test_invisible_borders_draw_nothing() -> None:
    clear = RGBA(0, 0, 0, 0)
    assert draw_border(Box(0, 0, 10, 10), (line(2, color=clear),) * 4, Radii(), "bc", "b")[0] == []
    assert borders(0, 0, 10, 10, _style(), Radii(), "bc", border_widths(_style())) == ([], [])


def test_borders_from_a_style() -> None:
    values: dict[str, Any] = {f"border{s}{p}": v for s in ("Top", "Right", "Bottom", "Left")
                              for p, v in (("Width", 4.0), ("Style", "dashed"), ("Color", BLUE))}
    values["borderLeftStyle"] = "none"
    style = _style(**values)
    assert border_widths(style) == (4, 4, 4, 0)
    assert border_lines(style)[3] == Line(0, "none", BLUE)
    shapes, defs = borders(5, 5, 50, 30, style, Radii(), "b-x", border_widths(style))
    assert defs[0].attrs["id"] == "b-x" and defs[0].children[0].attrs["d"] == "M5 5h50v30h-50Z"
    assert len(strokes(shapes)) == 3
    assert "stroke-dasharray" in serialize(SvgNode("g", {}, shapes))


def test_content_mask_strokes_border_and_padding() -> None:
    lines = (line(4), line(4), line(4), line(2))
    paths = content_mask(Box(0, 0, 100, 80), lines, (1, 2, 3, 4), ROUND)
    # top-right-bottom: 4 + paddingBottom 3 (the run's last side); left: 2 + 4.
    assert [p.attrs["stroke-width"] for p in paths] == [14, 12]
    assert all(p.attrs["stroke"] == "#000" for p in paths)
    assert [p.attrs["stroke-width"] for p in content_mask(Box(0, 0, 100, 80), lines, (1, 2, 3, 4), ROUND,
                                                          border_only=True)] == [8, 4]


# -- outlines -------------------------------------------------------------------------------

def outline_style(**extra: Any) -> ComputedStyle:
    return _style(**{"outlineStyle": "solid", "outlineWidth": 4.0, "outlineOffset": 6.0, "outlineColor": BLUE,
                     "color": RGBA(0, 0, 0), **extra})


def test_outline_grows_the_box_and_its_round_corners() -> None:
    radii = Radii((14, 14), (0, 0), (14, 14), (0, 0))
    shapes, defs = outline(10, 10, 90, 60, outline_style(), radii, "o")
    clip = defs[0]
    assert clip.attrs["id"] == "o-clip"
    # Grown by offset + width: rounded corners by 10 more, square ones stay square.
    assert clip.children[0].attrs["d"] == "M24 0H110V56A24 24 0 0 1 86 80H0V24A24 24 0 0 1 24 0Z"
    [path] = strokes(shapes)
    assert path.attrs["stroke-width"] == 8 and path.attrs["clip-path"] == "url(#o-clip)"


def test_outline_styles_and_defaults() -> None:
    assert outline(0, 0, 10, 10, outline_style(outlineStyle="none"), Radii(), "o") == ([], [])
    assert outline(0, 0, 10, 10, outline_style(outlineWidth=0.0), Radii(), "o") == ([], [])
    # A negative offset that swallows the box draws nothing.
    assert outline(0, 0, 10, 10, outline_style(outlineOffset=-20.0), Radii(), "o") == ([], [])
    shapes, _ = outline(0, 0, 50, 30, outline_style(outlineStyle="auto", outlineColor=None), Radii(), "o")
    [path] = strokes(shapes)
    assert path.attrs["stroke"] == "#000" and "stroke-dasharray" not in path.attrs
    shapes, _ = outline(0, 0, 50, 30, outline_style(outlineStyle="dashed"), Radii(), "o")
    assert len(strokes(shapes)) == 4


# -- corner-shape values --------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("round", 1.0), ("SQUIRCLE", 2.0), ("square", math.inf), ("bevel", 0.0), ("scoop", -1.0),
    ("notch", -math.inf), ("superellipse(3)", 3.0), ("superellipse( -0.5 )", -0.5),
    ("superellipse(infinity)", math.inf), ("superellipse(-infinity)", -math.inf), ("superellipse(1e1)", 10.0),
])
def test_parse_corner_shape(value: str, expected: float) -> None:
    assert parse_corner_shape(value) == expected


@pytest.mark.parametrize("value", ["squre", "superellipse()", "superellipse(+infinity)", "superellipse(1e999)"])
def test_invalid_corner_shape(value: str) -> None:
    with pytest.raises(StyleError, match="Invalid corner shape value"):
        parse_corner_shape(value)


def test_corner_shape_shorthands() -> None:
    expand = CORNER_SHAPE_HANDLERS
    assert expand["cornerShape"]("cornerShape", "bevel superellipse(2 )", "") == {
        "cornerTopLeftShape": "bevel", "cornerTopRightShape": "superellipse(2 )",
        "cornerBottomRightShape": "bevel", "cornerBottomLeftShape": "superellipse(2 )"}
    assert expand["cornerLeftShape"]("cornerLeftShape", "notch", "") == {
        "cornerTopLeftShape": "notch", "cornerBottomLeftShape": "notch"}
    assert split_corner_shapes("round superellipse(0.5) scoop notch") == [
        "round", "superellipse(0.5)", "scoop", "notch"]
    with pytest.raises(StyleError, match='Invalid `cornerShape` value: "5"'):
        expand["cornerShape"]("cornerShape", 5, "")
    with pytest.raises(StyleError, match="Invalid corner shape value"):
        expand["cornerTopLeftShape"]("cornerTopLeftShape", "bevel bevel", "")
    with pytest.raises(StyleError, match="Invalid corner shape value"):
        expand["cornerShape"]("cornerShape", "round round round round round", "")
