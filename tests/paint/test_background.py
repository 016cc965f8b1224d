"""Background layers: size, position, repeat, origin and clip, layer order, and an
end-to-end pixel check of the suite's single-box gradient and background cases.

The BACKGROUND table is what Satori 0.63.2 wrote for the same inputs: per layer
(bottom first) the tile's absolute x, y and step, and the drawn image size.
Inputs are a ``display: flex`` div of the content size given in the reference
run, with the padding and border shown, so the rows list the border box.
"""
from __future__ import annotations

import json
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import StyleError
from satori_py.images.layers import layer_urls, load_layers
from satori_py.paint.background import background_layers, box_area, resolve_position
from satori_py.paint.geometry import Radii, resolve_radii
from satori_py.style import ComputedStyle, root_style
from satori_py.style.background import layer_words, repeat_words
from satori_py.style.gradients import parse_background_images
from satori_py.style.resolve import background_layers as split_layers
from satori_py.style.types import RGBA, BackgroundLayer
from satori_py.style.values import LengthContext
from satori_py.svg import SvgNode, serialize
from tests.support import imgdiff, paths

PNG = "url(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABQAAAAKCAYAAAC0VX7mAAAAF0lEQVR42mP4z8Dwn5qYYdTAUQOHo4EAf0SOgC3jbuQAAAAASUVORK5CYII=)"
SVG = "url('data:image/svg+xml,<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"></svg>')"
Edges = tuple[tuple[float, float, float, float], tuple[float, float, float, float]]


def make_style(width: float, height: float, **values: Any) -> ComputedStyle:
    """A style as the paint stage sees it: background layers with their gradients parsed
    (as the style stage does), typed colours, the viewport in its length context."""
    style = {"fontSize": 16.0, "color": RGBA(0, 0, 0, 1), **values}
    images = style.get("backgroundImage")
    if isinstance(images, str):
        images = split_layers(style)
    if images:
        style["backgroundImage"] = parse_background_images(
            images, float(style["fontSize"]), LengthContext(width, height), lambda error: None, style["color"])
    return ComputedStyle({**root_style(width=width, height=height), **style}, lengths=LengthContext(width, height))


def layers(width: float, height: float, style: dict[str, Any], edges: Edges | None = None,
           radii: Radii | None = None, **kw: Any) -> tuple[list[SvgNode], list[SvgNode]]:
    padding, border = edges or ((0, 0, 0, 0), (0, 0, 0, 0))
    return background_layers(0, 0, width, height, style, radii or Radii(), id_prefix="n", padding=padding,
                             images=load_layers(layer_urls(style.get("backgroundImage")), None),
                             border=border, **kw)


BACKGROUND = [
    (100, 100, {'backgroundImage': PNG}, None, [(0.0, 0.0, 20.0, 10.0, 20.0, 10.0)]),
    (100, 100, {'backgroundImage': PNG, 'backgroundSize': 'contain'}, None, [(0.0, 0.0, 100.0, 50.0, 100.0, 50.0)]),
    (160, 100, {'backgroundImage': PNG, 'backgroundSize': 'cover', 'backgroundPosition': 'center'}, None, [(-20.0, 0.0, 200.0, 100.0, 200.0, 100.0)]),
    (160, 100, {'backgroundImage': PNG, 'backgroundSize': 'auto 30px', 'backgroundRepeat': 'round'}, None, [(0.0, 0.0, 53.333, 33.333, 53.333, 33.333)]),
    (160, 100, {'backgroundImage': PNG, 'backgroundSize': '33px', 'backgroundRepeat': 'space', 'backgroundPosition': 'right'}, None, [(0.0, 0.0, 42.333, 16.7, 33.0, 16.5)]),
    (160, 100, {'backgroundImage': PNG, 'backgroundRepeat': 'no-repeat', 'backgroundPosition': 'right 5px top 20%'}, None, [(135.0, 18.0, 315.0, 128.0, 20.0, 10.0)]),
    (160, 100, {'backgroundImage': SVG}, None, [(0.0, 0.0, 160.0, 80.0, 160.0, 80.0)]),
    (160, 100, {'backgroundImage': SVG, 'backgroundSize': 'auto 50px'}, None, [(0.0, 0.0, 100.0, 50.0, 100.0, 50.0)]),
    (197, 123, {'backgroundImage': PNG, 'backgroundOrigin': 'content-box', 'backgroundPosition': 'center'}, ((10, 20, 5, 7), (3, 4, 5, 6)), [(83.0, 58.0, 20.0, 10.0, 20.0, 10.0)]),
    (197, 123, {'backgroundImage': PNG, 'backgroundOrigin': 'border-box', 'backgroundPosition': 'right bottom', 'backgroundRepeat': 'no-repeat'}, ((10, 20, 5, 7), (3, 4, 5, 6)), [(177.0, 113.0, 394.0, 246.0, 20.0, 10.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '50px 40%', 'backgroundPosition': 'right 10px bottom 20%'}, None, [(140.0, 48.0, 50.0, 40.0, 50.0, 40.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '30px', 'backgroundRepeat': 'space'}, None, [(0.0, 0.0, 34.0, 200.0, 30.0, 100.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '45px 30px', 'backgroundRepeat': 'round'}, None, [(0.0, 0.0, 50.0, 33.333, 50.0, 33.333)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '45px', 'backgroundRepeat': 'round no-repeat'}, None, [(0.0, 0.0, 50.0, 211.111, 50.0, 111.111)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '45px 30px', 'backgroundRepeat': 'repeat-x', 'backgroundPosition': 'center'}, None, [(77.5, 35.0, 45.0, 165.0, 45.0, 30.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': 'cover', 'backgroundPosition': 'left 10px top'}, None, [(10.0, 0.0, 200.0, 100.0, 200.0, 100.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '2em 25%', 'backgroundPosition': 'bottom 5px right', 'fontSize': 10}, None, [(180.0, 70.0, 20.0, 25.0, 20.0, 25.0)]),
    (200, 100, {'backgroundImage': 'linear-gradient(red, blue), radial-gradient(red, blue)', 'backgroundSize': '45px 30px, 20%', 'backgroundRepeat': 'no-repeat, repeat-y', 'backgroundPosition': 'center top, 10px 80%'}, None, [(10.0, 0.0, 250.0, 100.0, 40.0, 100.0), (77.5, 0.0, 322.5, 130.0, 45.0, 30.0)]),
    (197, 123, {'backgroundImage': 'linear-gradient(red, blue)', 'backgroundSize': '40% 50%'}, ((10, 20, 5, 7), (3, 4, 5, 6)), [(6.0, 3.0, 74.8, 57.5, 74.8, 57.5)]),
    (197, 123, {'backgroundImage': 'linear-gradient(red, blue), linear-gradient(red, blue)', 'backgroundOrigin': 'content-box, border-box', 'backgroundSize': '40% 50%', 'backgroundRepeat': 'repeat-y', 'backgroundPosition': '25% 75%'}, ((10, 20, 5, 7), (3, 4, 5, 6)), [(29.55, 46.125, 305.35, 61.5, 78.8, 61.5), (37.0, 50.5, 298.0, 50.0, 64.0, 50.0)]),
]


@pytest.mark.parametrize("width,height,values,edges,expected", BACKGROUND,
                         ids=[f"{i}-{str(r[2])[:60]}" for i, r in enumerate(BACKGROUND)])
def test_tiles_match_reference(width: float, height: float, values: dict[str, Any], edges: Edges | None,
                               expected: list[tuple[float, ...]]) -> None:
    style = make_style(width, height, **values)
    _, defs = layers(width, height, style, edges)
    patterns = [d for d in defs if d.tag == "pattern"]
    ours = []
    for pattern in patterns:
        content = next(c for c in pattern.children if c.tag in ("rect", "image"))
        ours.append(tuple(float(v) for v in (pattern.attrs["x"], pattern.attrs["y"], pattern.attrs["width"],
                                             pattern.attrs["height"], content.attrs["width"],
                                             content.attrs["height"])))
    assert len(ours) == len(expected)
    for got, want in zip(ours, expected):
        assert got == pytest.approx(want, abs=2e-3)


def test_paint_order_colour_then_last_layer_first() -> None:
    style = make_style(100, 50, backgroundColor=RGBA(255, 0, 0, 1),
                       backgroundImage="linear-gradient(red, blue), radial-gradient(red, blue)")
    shapes, defs = layers(100, 50, style)
    # Each gradient covers the box in one tile: it fills the shape itself.
    assert [s.attrs["fill"] for s in shapes] == ["red", "url(#n-bg1-g)", "url(#n-bg0-g)"]
    assert [d.tag for d in defs] == ["radialGradient", "linearGradient"]
    assert all(s.tag == "rect" and (s.attrs["x"], s.attrs["width"]) == (0, 100) for s in shapes)


def test_computed_layers_are_accepted_as_the_style_stage_gives_them() -> None:
    style = make_style(100, 50, backgroundImage=(
        BackgroundLayer("none"), BackgroundLayer("linear-gradient(red, blue)", size="10px")))
    shapes, defs = layers(100, 50, style)
    assert [s.attrs["fill"] for s in shapes] == ["url(#n-bg1)"]
    assert defs[0].attrs["width"] == 10


def test_rounded_boxes_fill_the_rounded_path() -> None:
    style = make_style(100, 50, backgroundColor=RGBA(0, 0, 255, 0.5), borderTopLeftRadius=10.0)
    shapes, _ = layers(100, 50, style, radii=resolve_radii(style, 100, 50))
    assert shapes[0].tag == "path" and str(shapes[0].attrs["d"]).startswith("M10 0")
    assert shapes[0].attrs["fill"] == "rgba(0,0,255,0.5)"


def test_nothing_to_paint() -> None:
    assert layers(100, 50, make_style(100, 50)) == ([], [])
    assert layers(100, 50, make_style(100, 50, backgroundColor=RGBA(0, 0, 0, 0))) == ([], [])
    assert layers(0, 50, make_style(0, 50, backgroundColor=RGBA(0, 0, 0, 1))) == ([], [])
    assert layers(100, 50, make_style(100, 50, backgroundImage="linear-gradient(red, blue)",
                                      backgroundSize="0px")) == ([], [])


def test_blend_modes_blend_within_an_isolated_group() -> None:
    style = make_style(100, 50, backgroundColor=RGBA(255, 255, 0, 1),
                       backgroundImage="linear-gradient(red, blue), linear-gradient(green, blue)",
                       backgroundBlendMode="multiply, normal")
    (group,), _ = layers(100, 50, style)
    assert group.tag == "g" and group.attrs["style"] == "isolation:isolate"
    assert [c.attrs.get("style") for c in group.children] == [None, None, "mix-blend-mode:multiply"]


@pytest.mark.parametrize("clip,rect", [("padding-box", (4, 3, 90, 42)), ("content-box", (11, 13, 68, 30))])
def test_background_clip_masks_to_the_inner_box(clip: str, rect: tuple[float, ...]) -> None:
    edges = ((10, 15, 2, 7), (3, 6, 5, 4))
    style = make_style(100, 50, backgroundColor=RGBA(255, 0, 0, 1), backgroundClip=clip,
                       **{f"border{s}Width": w for s, w in zip(("Top", "Right", "Bottom", "Left"), edges[1])},
                       **{f"border{s}Style": "solid" for s in ("Top", "Right", "Bottom", "Left")})
    (shape,), (mask,) = layers(100, 50, style, edges)
    # A single layer takes the mask itself (no <g>).
    assert shape.tag == "rect" and shape.attrs["mask"] == "url(#n-bgclip)" and mask.attrs["id"] == "n-bgclip"
    white = mask.children[0]
    assert tuple(white.attrs[k] for k in ("x", "y", "width", "height")) == rect
    # Unequal borders: one stroke per side, as wide as twice its inset.
    assert len(mask.children) == 5
    # Without borders (and padding for content-box) there is nothing to clip.
    assert layers(100, 50, make_style(100, 50, backgroundColor=RGBA(255, 0, 0, 1),
                                      backgroundClip="padding-box"))[1] == []


def _clip_list_style(clip: str) -> ComputedStyle:
    """Two gradient layers, a colour, 4px borders and 6px padding, with ``backgroundClip`` ``clip``."""
    return make_style(100, 50, backgroundColor=RGBA(255, 0, 0, 1), backgroundClip=clip,
                      backgroundImage="linear-gradient(#fff, #fff), linear-gradient(red, blue)",
                      **{f"border{s}Width": 4 for s in ("Top", "Right", "Bottom", "Left")},
                      **{f"border{s}Style": "solid" for s in ("Top", "Right", "Bottom", "Left")})


def test_background_clip_list_clips_each_layer_to_its_own_box() -> None:
    # The gradient border: CSS Backgrounds 3 clips each layer to its own box, and the colour
    # as the bottom layer (Satori 0.63.2 reads no list: it warned and used border-box).
    edges = ((6, 6, 6, 6), (4, 4, 4, 4))
    shapes, defs = layers(100, 50, _clip_list_style("padding-box, border-box"), edges)
    assert [(s.attrs["fill"], s.attrs.get("mask")) for s in shapes] == [
        ("red", None), ("url(#n-bg1)", None), ("url(#n-bg0)", "url(#n-bgclip-padding-box)")]
    (mask,) = [d for d in defs if d.tag == "mask"]
    white = mask.children[0]
    assert tuple(white.attrs[k] for k in ("x", "y", "width", "height")) == (4, 4, 92, 42)
    # A list longer than the layers: its extra boxes are not read; one box for all is one mask.
    (group,), _ = layers(100, 50, _clip_list_style("content-box, content-box, padding-box"), edges)
    assert group.tag == "g" and group.attrs["mask"] == "url(#n-bgclip)" and len(group.children) == 3
    # The colour follows the bottom layer; a box named twice has one mask.
    shapes, defs = layers(100, 50, _clip_list_style("border-box, content-box"), edges)
    assert [s.attrs.get("mask") for s in shapes] == [
        "url(#n-bgclip-content-box)", "url(#n-bgclip-content-box)", None]
    assert [d.attrs["id"] for d in defs if d.tag == "mask"] == ["n-bgclip-content-box"]


@pytest.mark.parametrize("props", [
    {"background": "linear-gradient(#fff, #fff) padding-box, linear-gradient(red, blue) border-box"},
    {"backgroundImage": "linear-gradient(#fff, #fff), linear-gradient(red, blue)",
     "backgroundOrigin": "padding-box, border-box", "backgroundClip": "padding-box, border-box"},
])
def test_gradient_border_from_the_shorthand_or_the_longhands(props: dict[str, Any]) -> None:
    warnings: list[Any] = []
    svg = render_svg({"type": "div", "props": {"style": {
        "width": 60, "height": 30, "border": "4px solid transparent", **props}}},
        width=100, height=100, on_warning=warnings.append)
    assert warnings == []
    assert svg.count('mask="url(#bg-div-bgclip-padding-box)"') == 1


def test_a_clip_list_with_text_is_reported() -> None:
    warnings: list[Any] = []
    render_svg({"type": "div", "props": {"style": {"width": 60, "height": 30, "backgroundClip": "text, border-box",
                                                   "backgroundImage": "linear-gradient(red, blue)"}}},
               width=100, height=100, on_warning=warnings.append)
    assert [str(w) for w in warnings] == [
        'div: Invalid value "text, border-box" for CSS property "backgroundClip": border-box is used.']


def test_background_clip_text_needs_the_glyph_clip() -> None:
    style = make_style(100, 50, backgroundImage="linear-gradient(red, blue)", backgroundClip="text")
    assert layers(100, 50, style) == ([], [])
    (shape,), _ = layers(100, 50, style, text_clip="glyphs")
    assert shape.tag == "rect" and shape.attrs["clip-path"] == "url(#glyphs)"


def test_invalid_image_is_the_reference_error() -> None:
    with pytest.raises(StyleError, match='Invalid background image: "foo"'):
        layers(100, 50, make_style(100, 50, backgroundImage="foo"))
    # A colour is an image the reference accepts in the list.
    _, (pattern,) = layers(100, 50, make_style(100, 50, backgroundImage="red"))
    assert pattern.children[0].attrs["fill"] == "red"


def test_output_is_deterministic_and_ids_follow_the_prefix() -> None:
    style = make_style(120, 80, backgroundImage="conic-gradient(rgba(255,0,0,0.5), blue), "
                                                "radial-gradient(red, blue), " + PNG)
    first = [serialize(n) for part in layers(120, 80, style) for n in part]
    assert first == [serialize(n) for part in layers(120, 80, style) for n in part]
    ids = [token.split('"')[0] for text in first for token in text.split('id="')[1:]]
    assert ids and all(i.startswith("n-") for i in ids) and len(ids) == len(set(ids))


@pytest.mark.parametrize("repeat,expected", [
    ("", ("repeat", "repeat")), ("repeat-x", ("repeat", "no-repeat")), ("repeat-y", ("no-repeat", "repeat")),
    ("space round", ("space", "round")), ("No-Repeat", ("no-repeat", "no-repeat")),
])
def test_repeat_words(repeat: str, expected: tuple[str, str]) -> None:
    notes: list[StyleError] = []
    assert repeat_words(repeat, notes.append, "backgroundRepeat") == expected
    assert notes == []


def test_repeat_and_position_words_the_painter_does_not_read_are_noted() -> None:
    notes: list[StyleError] = []
    assert repeat_words("bogus", notes.append, "backgroundRepeat") == ("bogus", "bogus")  # drawn as repeat
    assert repeat_words("space round repeat", notes.append, "maskRepeat") == ("space", "round")
    assert layer_words("left bogus", "0% 0%", 16.0, LengthContext(100, 100), notes.append,
                       "backgroundPosition") == ("left", None)  # drawn as 0
    assert [(n.prop, n.message) for n in notes] == [
        ("backgroundRepeat", 'Invalid value "bogus" for CSS property "backgroundRepeat": the image is repeated.'),
        ("maskRepeat", 'Invalid value "space round repeat" for CSS property "maskRepeat": the image is repeated.'),
        ("backgroundPosition", 'Invalid value "bogus" in CSS property "backgroundPosition": 0 is used.')]


@pytest.mark.parametrize("position,expected", [
    ("", (0, 0)), ("center", (50, 25)), ("top", (50, 0)), ("right 10px", (100, 10)),
    ("bottom right", (100, 50)), ("25% 75%", (25, 37.5)), ("right 10px bottom 20%", (90, 40)),
    ("left 10px top", (10, 0)), ("center top 5px", (50, 5)), ("2em 3px", (32, 3)),
])
def test_position(position: str, expected: tuple[float, float]) -> None:
    words = layer_words(position, "0% 0%", 16.0, LengthContext(100, 100))
    assert resolve_position(words, 100, 50) == pytest.approx(expected)


def test_box_area() -> None:
    box, padding, border = (10, 20, 100, 50), (1, 2, 3, 4), (5, 6, 7, 8)
    assert box_area(box, padding, border, "border-box") == box
    assert box_area(box, padding, border, "padding-box") == (18, 25, 86, 38)
    assert box_area(box, padding, border, "") == (18, 25, 86, 38)
    assert box_area(box, padding, border, "content-box") == (22, 26, 80, 34)


# --- end to end: the suite's single-box cases, our layers against the reference's pixels ---

# Properties that don't paint: a case with only these and backgrounds is its background.
_LAYOUT_ONLY = ("width", "height", "display", "flex", "align", "justify", "textAlign")


def _single_box_cases() -> list[str]:
    if paths.suite_dir() is None:
        return []
    slugs = []
    for slug in paths.suite_slugs():
        if not slug.startswith(("gradient__", "image__background-image-url")):
            continue
        case = json.loads(paths.case_path(slug).read_text())  # type: ignore[union-attr]
        element = case["element"]
        props = element.get("props", {})
        style = props.get("style", {})
        if (element["type"] == "div" and not props.get("children") and style.get("width") == "100%"
                and style.get("height") == "100%" and not case.get("requires")
                and all(k.startswith(("background", *_LAYOUT_ONLY)) for k in style)):
            slugs.append(slug)
    return slugs


@pytest.mark.parametrize("slug", _single_box_cases())
def test_suite_single_box_cases_match_reference_pixels(slug: str) -> None:
    """The case is one childless div filling the canvas: its background is the picture."""
    import resvg_bridge
    from satori_py.case import load_case
    from satori_py.style.computed import compute_style, root_style

    case = load_case(paths.case_path(slug))
    width, height = case.options["width"], case.options["height"]
    style = compute_style("div", case.element["props"], root_style(width=width, height=height),
                          viewport=(width, height))
    shapes, defs = background_layers(0, 0, width, height, style, resolve_radii(style, width, height),
                                     id_prefix="bg",
                                     images=load_layers(layer_urls(style.get("backgroundImage")), None))
    svg = SvgNode("svg", {"width": width, "height": height, "viewBox": f"0 0 {width} {height}",
                          "xmlns": "http://www.w3.org/2000/svg"}, [SvgNode("defs", {}, defs), *shapes])
    verdict = imgdiff.compare(case.reference_png, resvg_bridge.svg_to_png(serialize(svg)))
    assert verdict.passed, verdict.describe()


@pytest.mark.parametrize("image", [
    "linear-gradient(red)", "repeating-linear-gradient(45deg, red, blue 0)", "radial-gradient(red)",
    "repeating-radial-gradient(red, blue)", "repeating-radial-gradient(ellipse 10px 0px, red, blue 5px)",
    "radial-gradient(ellipse 10px, red, blue)", "conic-gradient(red)", "repeating-conic-gradient(red 0, blue 0)",
    "conic-gradient(from calc(1deg), red calc(10%), blue 1e3%)", "linear-gradient(rad, red, blue)",
    "linear-gradient(to right, red calc(1px/0), blue)", "radial-gradient(slategray, white)",
])
@pytest.mark.parametrize("size,repeat", [("", ""), ("0px", "round"), ("-5px", "space"), ("contain", "round space")])
def test_odd_values_render_or_raise_satori_errors(image: str, size: str, repeat: str) -> None:
    style = make_style(50, 30, backgroundImage=image, backgroundSize=size, backgroundRepeat=repeat)
    for width, height in ((50, 30), (1, 1), (0.5, 200)):
        shapes, defs = layers(width, height, style)
        text = "".join(serialize(n) for n in shapes + defs).lower()
        assert "nan" not in text and "inf" not in text


def test_gradient_without_arguments_is_a_style_error() -> None:
    with pytest.raises(StyleError, match="could not find syntax for this item: linear-gradient()"):
        layers(100, 50, make_style(100, 50, backgroundImage="linear-gradient()"))


@pytest.mark.parametrize("image", ["linear-gradient(135deg, #0f172a, #7c3aed 60%, #f472b6)",
                                   "repeating-linear-gradient(20deg, red, blue 13px)",
                                   "linear-gradient(to bottom, color(display-p3 1 0 0), oklch(50% .2 40))",
                                   "radial-gradient(circle at 30% 20%, #7c3aed, #1e1b4b)",
                                   "radial-gradient(ellipse at top, #334155, #020617 80%)",
                                   "radial-gradient(closest-side, red, blue 40%, #000)",
                                   "radial-gradient(ellipse 40px 90px at 10px 50%, #fff 0, rgb(0,0,0) 50%, #0f0)"])
def test_a_gradient_over_the_whole_box_fills_it_as_its_pattern_did(image: str) -> None:
    # The gradient that fills a whole-pixel shape itself, against the same gradient as a
    # one-tile <pattern> (what was written before, and what the reference writes).
    import numpy as np

    import resvg_bridge
    from satori_py.paint.background import _pattern
    from satori_py.paint.gradient import gradient_content

    x, y, width, height = 10, 7, 181, 93
    style = make_style(width, height, backgroundImage=image)
    radii = resolve_radii(dict(style, borderTopLeftRadius=18.0, borderBottomRightRadius=30.0), width, height)
    assert radii.any
    shapes, defs = background_layers(x, y, width, height, style, radii, id_prefix="n")
    kind = image.split("-gradient")[0].removeprefix("repeating-")
    assert [d.tag for d in defs] == [f"{kind}Gradient"]
    layer = style["backgroundImage"][0]
    tile = _pattern("p", x, y, width, height, gradient_content(layer.image, (width, height), width, "p"))
    via_pattern = [SvgNode(s.tag, {**s.attrs, "fill": "url(#p)"}) for s in shapes]

    def raster(nodes: list[SvgNode], defs: list[SvgNode]) -> Any:
        svg = SvgNode("svg", {"width": 200, "height": 110, "xmlns": "http://www.w3.org/2000/svg"},
                      [SvgNode("defs", {}, defs), *nodes])
        return imgdiff.load(resvg_bridge.svg_to_png(serialize(svg)))

    direct, patterned = raster(shapes, defs), raster(via_pattern, [tile])
    assert direct[..., 3].max() > 0
    # (A radial one is moved by the box's offset; a pixel or two rounds 2 levels apart.)
    diff = np.abs(direct.astype(int) - patterned.astype(int)).max(axis=-1)
    assert diff.max() <= 2 and (diff > 1).sum() <= 4
    # On fractional edges the pattern clips its tile differently: it stays a pattern.
    shapes, defs = background_layers(x + 0.5, y, width, height, style, radii, id_prefix="n")
    assert [d.tag for d in defs] == ["pattern"]


@pytest.mark.parametrize("image", ["linear-gradient(to bottom, rgba(0,0,0,0.8), transparent)",
                                   "linear-gradient(to left bottom, rgba(255,255,255,0.08), transparent)",
                                   "radial-gradient(closest-side, red, blue 40%, transparent)",
                                   "radial-gradient(#fff 0, rgba(0,0,0,.5) 50%, #0f0)",
                                   "linear-gradient(red, color(srgb 0 0 1 / 99%))"])
def test_a_gradient_with_a_translucent_stop_stays_a_pattern(image: str) -> None:
    # resvg fills a translucent gradient directly a level apart from its one-tile pattern
    # over most of the box (what the reference writes): on a faint overlay that is most
    # of a card's ink (golden/cards/faint-translucent-gradient-overlay).
    style = make_style(120, 60, backgroundImage=image)
    shapes, defs = background_layers(0, 0, 120, 60, style, resolve_radii(style, 120, 60), id_prefix="n")
    assert [d.tag for d in defs] == ["pattern"] and shapes[0].attrs["fill"] == "url(#n-bg0)"
