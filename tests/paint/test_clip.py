"""Clipping: clipPath shapes (basic shapes and shape()), overflow regions, and the painter's clip chains.

Expected shapes are the reference's (Satori 0.63.2 ``parser/shape.ts`` and
``parser/shape-function.ts`` on the same inputs), quirks included.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import SatoriError, StyleError
from satori_py.paint.clip import UNBOUNDED, clip_path_shape, overflow_region, shape_path
from satori_py.paint.geometry import Radii
from satori_py.style import ComputedStyle, root_style
from satori_py.style.clip_shapes import parse_clip_path
from satori_py.style.paint_types import ClipMargin, ClipReference, ShapeFunction
from satori_py.style.values import LengthContext
from satori_py.svg import SvgNode, serialize

NS = "{http://www.w3.org/2000/svg}"
LENGTHS = LengthContext(100.0, 100.0)


def parsed(value: str, notes: list[SatoriError] | None = None) -> Any:
    """The typed shape, in an element with a 32px font and a 100x100 viewport."""
    return parse_clip_path(value, 32.0, LENGTHS, (notes if notes is not None else []).append)


def clip_node(value: str, width: float = 100, height: float = 100) -> SvgNode | None:
    typed = parsed(value)
    return None if isinstance(typed, ClipReference) else clip_path_shape(typed, width, height, {})


def shape(value: str, width: float = 100, height: float = 100) -> str:
    node = clip_node(value, width, height)
    assert node is not None
    return serialize(node)


@pytest.mark.parametrize("value, expected", [
    ("circle(20px)", '<circle r="20" cx="50" cy="50"/>'),
    ("circle(20% at bottom left)", '<circle r="20" cx="0" cy="100"/>'),
    ("circle(30px at 20px 30%)", '<circle r="30" cx="20" cy="30"/>'),
    ("circle(50% at center)", '<circle r="50" cx="50" cy="50"/>'),
    ("ellipse(10px 0.625em at 10% 20%)", '<ellipse rx="10" ry="20" cx="10" cy="20"/>'),
    ("ellipse()", None),  # no radius: the shape is not read (`.+` needs a character)
    ("polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
     '<polygon fill-rule="nonzero" points="50 0, 100 50, 50 100, 0 50"/>'),
    ("path('M 0 200 L 0,75 z')", '<path d="M 0 200 L 0,75 z" fill-rule="nonzero"/>'),
    ("path(evenodd,'M0 0L1 1z')", '<path d="M0 0L1 1z" fill-rule="evenodd"/>'),
    ("inset(10px 20px)", '<rect x="20" y="10" width="60" height="80"/>'),
])
def test_basic_shapes(value: str, expected: str | None) -> None:
    node = clip_node(value)
    assert (serialize(node) if node is not None else None) == expected


def test_polygon_points_after_a_comma_resolve_x_against_the_height() -> None:
    # The reference splits points at ", " then at " ": the x of later points is its second word.
    assert shape("polygon(50% 0, 100% 50%)", 200, 100) == \
        '<polygon fill-rule="nonzero" points="100 0, 100 50"/>'


def test_inset_with_rounded_corners_is_a_path() -> None:
    out = shape("inset(0.5rem round 20% 1em 1rem 2px)")
    assert out == ('<path d="M24.8 8H60A32 32 0 0 1 92 40V76A16 16 0 0 1 76 92H10A2 2 0 0 1 8 90V24.8'
                   'A16.8 16.8 0 0 1 24.8 8Z"/>')


def test_lengths_that_do_not_parse_are_left_out_and_noted() -> None:
    # As the reference: a circle without a radius clips everything away. Reported, not raised.
    notes: list[SatoriError] = []
    assert serialize(clip_path_shape(parsed("circle(closest-side)", notes), 100, 100, {})) == \
        '<circle cx="50" cy="50"/>'
    assert serialize(clip_path_shape(parsed("ellipse(bogus 10px at 1em)", notes), 100, 100, {})) == \
        '<ellipse ry="10" cx="32" cy="50"/>'
    assert serialize(clip_path_shape(parsed("circle(at 0 0)", notes), 100, 100, {})) == '<circle cx="0" cy="0"/>'
    assert serialize(clip_path_shape(parsed("polygon(0 0, 1x 2px)", notes), 100, 100, {})) == \
        '<polygon fill-rule="nonzero" points="0 0,  2"/>'
    assert [n.message for n in notes] == [
        'Unsupported radius "closest-side" in `circle()` for CSS property "clipPath": the shape is drawn without it.',
        'Invalid length "bogus" in `ellipse()` for CSS property "clipPath": the shape is drawn without it.',
        'A radius is required in `circle()` for CSS property "clipPath": the shape is drawn without it.',
        'Invalid length "1x" in `polygon()` for CSS property "clipPath": the shape is drawn without it.']


def test_unknown_value_is_not_a_shape() -> None:
    notes: list[SatoriError] = []
    assert parsed("foo", notes) == ClipReference("foo")
    assert [n.message for n in notes] == ['Unsupported value "foo" for CSS property "clipPath": nothing is clipped.']


def test_shape_function_commands() -> None:
    typed = parsed("shape(evenodd from 50% 0, line to 100% 38%, hline by -10px, vline to bottom, "
                   "curve to 0 100% with 10% 10%, smooth by 5px 5px, arc to 20px 20px of 10px cw large, close)")
    assert isinstance(typed, ShapeFunction) and typed.fill_rule == "evenodd"
    assert shape_path(typed, 200, 100) == "M100,0 L200,38 H190 V100 Q210,110 0,100 T5,105 A10,10 0 1 1 20,20 Z"


@pytest.mark.parametrize("value, message", [
    ("shape(line to 0 0)", "Invalid `shape()` starting point."),
    ("shape(from 0 0, line 10px 10px)", "A `shape()` command must use `to` or `by`."),
    ("shape(from 0 0, curve to 10px 10px)", "A `curve` command requires a control point."),
    ("shape(from 0 0, jump to 1px 1px)", "Unsupported `jump` command in `shape()`."),
    ("shape(from 0 0, line to 10foo 0)", "Invalid length `10foo` in `shape()`."),
])
def test_shape_function_errors(value: str, message: str) -> None:
    with pytest.raises(StyleError) as info:
        parsed(value)
    assert info.value.message == message


def test_shape_function_error_has_the_node_path() -> None:
    element = {"type": "div", "props": {"style": {"display": "flex"}, "children": {
        "type": "div", "props": {"style": {"width": 10, "height": 10, "clipPath": "shape(line to 0 0)"}}}}}
    with pytest.raises(StyleError, match=r"^div/div\[0\]: Invalid `shape\(\)` starting point\.$"):
        render_svg(element, width=100, height=100)


def overflow_style(**values: Any) -> ComputedStyle:
    """A computed style with ``values`` as the painter reads them (typed, by group)."""
    return ComputedStyle({**root_style(width=100, height=100), **values})


def test_overflow_region_per_axis() -> None:
    # Only `clip` stays beside `visible` (compute.ts makes `hidden` beside it `auto`).
    style = overflow_style(overflowX="clip", overflowY="visible")
    d = overflow_region(10, 20, 30, 40, style, Radii(), (1, 2, 3, 4), (0, 0, 0, 0))
    assert d == f"M14,{20 - UNBOUNDED:g}h24v{40 + 2 * UNBOUNDED:g}h-24z"
    both = overflow_region(0, 0, 30, 40, overflow_style(overflowX="hidden", overflowY="hidden"), Radii(),
                           (1, 1, 1, 1), (0, 0, 0, 0))
    assert both == "M1 1H29V39H1Z"


def test_overflow_clip_margin_grows_from_its_box() -> None:
    style = overflow_style(overflowX="clip", overflowY="clip", overflowClipMargin=ClipMargin(5.0, "content-box"))
    d = overflow_region(0, 0, 30, 40, style, Radii(), (0, 0, 0, 0), (2, 2, 2, 2))
    assert d == "M-3 -3H33V43H-3Z"


def _tree(element: dict[str, Any]) -> ET.Element:
    return ET.fromstring(render_svg(element, width=100, height=100))


def test_descendants_are_clipped_by_the_chain() -> None:
    child = {"type": "div", "props": {"style": {"width": 80, "height": 80, "backgroundColor": "red"}}}
    root = _tree({"type": "div", "props": {"style": {
        "display": "flex", "width": 60, "height": 60, "clipPath": "circle(30px)", "overflow": "hidden"},
        "children": child}})
    clips = {c.get("id"): c for c in root.iter(f"{NS}clipPath")}
    assert set(clips) == {"cp-div", "oc-div"}
    assert clips["oc-div"].get("clip-path") == "url(#cp-div)"
    red = next(el for el in root.iter() if el.get("fill") == "red")
    assert red.get("clip-path") == "url(#oc-div)"


def test_own_clip_path_clips_the_element_inside_an_ancestors_clip() -> None:
    # A browser clips the element by its clipPath and by its ancestors' clip; Satori 0.63.2
    # clips its shapes by the ancestors' clip only (its text by both): we clip as a browser.
    child = {"type": "div", "props": {"style": {"width": 40, "height": 40, "backgroundColor": "red",
                                                "clipPath": "circle(20px)"}}}
    root = _tree({"type": "div", "props": {"style": {
        "display": "flex", "width": 60, "height": 60, "overflow": "hidden", "borderRadius": 10},
        "children": child}})
    clips = {c.get("id"): c for c in root.iter(f"{NS}clipPath")}
    red = next(el for el in root.iter() if el.get("fill") == "red")
    assert red.get("clip-path") == "url(#cp-div-div0)"
    assert clips["cp-div-div0"].get("clip-path") == "url(#oc-div)"
    assert clips["cp-div-div0"][0].get("r") == "20"


def test_a_transformed_elements_clip_path_turns_with_it() -> None:
    # A browser clips in the element's transformed box; Satori 0.63.2 leaves the shape upright.
    root = _tree({"type": "div", "props": {"style": {
        "display": "flex", "width": 40, "height": 40, "marginLeft": 10, "backgroundColor": "red",
        "transform": "rotate(90deg)", "clipPath": "polygon(0 0,100% 0,0 100%)"}}})
    (clip,) = root.iter(f"{NS}clipPath")
    assert clip[0].get("transform") == "matrix(0,1,-1,0,50,-10) translate(10, 0)"


def test_the_border_is_clipped_and_masked_with_the_element() -> None:
    # As a browser: Satori 0.63.2 draws an untransformed border unclipped by the element's
    # clipPath and unmasked. Masked, the border is one group with the backgrounds.
    style = {"display": "flex", "width": 40, "height": 40, "border": "4px solid blue", "backgroundColor": "red"}
    root = _tree({"type": "div", "props": {"style": {**style, "clipPath": "circle(20px)"}}})
    (border,) = [g for g in root.iter(f"{NS}g") if any(el.get("stroke") == "#00f" for el in g)]
    assert border.get("clip-path") == "url(#cp-div)"
    root = _tree({"type": "div", "props": {"style": {**style, "maskImage": "linear-gradient(black, transparent)"}}})
    (group,) = [g for g in root.iter(f"{NS}g") if g.get("mask") == "url(#mi-div)"]
    assert [(el.get("fill"), el.get("stroke")) for el in group] == [("red", None), ("none", "#00f")]


def test_an_unread_clip_path_clips_nothing() -> None:
    svg = render_svg({"type": "div", "props": {"style": {"width": 50, "height": 50, "backgroundColor": "red",
                                                         "clipPath": "foo"}}}, width=100, height=100)
    assert "clip" not in svg


def test_absolute_boxes_escape_overflow_of_non_positioned_ancestors() -> None:
    red = {"type": "div", "props": {"style": {"position": "absolute", "width": 40, "height": 40,
                                              "backgroundColor": "red"}}}
    middle = {"type": "div", "props": {"style": {"display": "flex", "width": 20, "height": 20,
                                                 "overflow": "hidden"}, "children": red}}
    root = _tree({"type": "div", "props": {"style": {"display": "flex", "position": "relative"},
                                           "children": middle}})
    assert next(el for el in root.iter() if el.get("fill") == "red").get("clip-path") is None


def _overflow_child(corner: dict[str, Any]) -> tuple[ET.Element, ET.Element]:
    child = {"type": "div", "props": {"style": {"width": 80, "height": 80, "backgroundColor": "red"}}}
    root = _tree({"type": "div", "props": {"style": {
        "display": "flex", "width": 60, "height": 60, "overflow": "hidden", "border": "4px solid blue",
        "borderTopLeftRadius": 20, **corner}, "children": child}})
    return root, next(el for el in root.iter() if el.get("fill") == "red")


def test_overflow_of_shaped_corners_clips_to_the_outline_and_masks_the_border() -> None:
    # As the reference: the outer contour, less the border's strokes along it (the inset
    # radii are not where a shaped corner's inner edge is).
    root, red = _overflow_child({"cornerTopLeftShape": "bevel"})
    clip = next(c for c in root.iter(f"{NS}clipPath") if c.get("id") == "oc-div")
    assert clip[0].get("d", "").endswith("L0 20L10 10L20 0Z")  # the outer bevel, not inset
    assert red.get("clip-path") == "url(#oc-div)" and red.get("mask") == "url(#om-div)"
    mask = next(root.iter(f"{NS}mask"))
    white, *strokes = list(mask)
    assert (white.get("x"), white.get("y"), white.get("width"), white.get("fill")) == ("4", "4", "60", "#fff")
    assert strokes and all(s.get("stroke") == "#000" and s.get("stroke-width") == "8" for s in strokes)


def test_overflow_of_round_corners_needs_no_mask() -> None:
    root, red = _overflow_child({})
    assert red.get("mask") is None and not list(root.iter(f"{NS}mask"))
