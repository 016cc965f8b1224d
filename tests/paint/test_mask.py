"""Masks: the ``mask`` shorthand, layer lists, and the ``<mask>`` elements (Satori 0.63.2
``parser/mask.ts`` and ``builder/mask-image.ts``)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import StyleError
from satori_py.images.layers import layer_urls, load_layers
from satori_py.paint.mask import build_mask
from satori_py.style import ComputedStyle, root_style
from satori_py.style.masks import expand_mask, mask_layers, masks_of
from satori_py.style.paint_types import MaskLayer
from satori_py.style.types import Percent
from satori_py.style.values import LengthContext

NS = "{http://www.w3.org/2000/svg}"
EDGES = (0.0, 0.0, 0.0, 0.0)


def typed(style: dict[str, Any]) -> ComputedStyle:
    """A computed style whose maskImage is the mask properties folded into layers."""
    layers = masks_of(style, 16.0, LengthContext(100, 100), lambda error: None)
    return ComputedStyle({**root_style(width=100, height=100), "maskImage": layers})


def test_shorthand_expands_each_layer() -> None:
    assert expand_mask("linear-gradient(red, blue) no-repeat center / 50% 20px, url(a.png) padding-box "
                       "content-box subtract luminance") == {
        "maskImage": "linear-gradient(red, blue), url(a.png)",
        "maskPosition": "center, 0% 0%",
        "maskSize": "50% 20px, auto",
        "maskRepeat": "no-repeat, repeat",
        "maskOrigin": "border-box, padding-box",
        "maskClip": "border-box, content-box",
        "maskComposite": "add, subtract",
        "maskMode": "match-source, luminance",
    }


@pytest.mark.parametrize("value", ["foo", "url(a.png) / 10px", "url(a.png),", "left / bar"])
def test_invalid_shorthand(value: str) -> None:
    with pytest.raises(StyleError) as info:
        expand_mask(value)
    assert info.value.message == f'Invalid `mask` value: "{value}".'


def test_layers_are_bottom_first_with_repeated_lists() -> None:
    layers = mask_layers({"maskImage": "url(a.png), none, url(b.png)", "maskSize": "10px, 20px",
                          "WebkitMaskComposite": "xor"})
    assert layers == [MaskLayer("url(b.png)", size="10px", composite="exclude"),
                      MaskLayer("url(a.png)", size="10px", composite="exclude")]


def test_longhands_win_over_the_shorthand_and_lengths_are_px() -> None:
    layers = mask_layers({"mask": "url(a.png) no-repeat", "maskSize": 32.0})
    assert layers == [MaskLayer("url(a.png)", size="32px", repeat="no-repeat")]


def test_invalid_image() -> None:
    with pytest.raises(StyleError, match=r'^Invalid background image: "foo\(\)"$'):
        mask_layers({"maskImage": "foo()"})


def of(style: dict[str, Any]) -> Any:
    return typed(style)["maskImage"]


def test_computed_mask_image() -> None:
    # No mask; a mask of none layers (still a stacking context); the layers.
    assert of({"maskSize": "10px"}) is None
    assert of({"maskImage": "none"}) is None
    assert of({"maskImage": "none, none"}) == ()
    # Position and size words read as the painter needs them (lengths in px or Percent).
    assert of({"WebkitMask": "url(a.png) luminance"}) == (
        MaskLayer("url(a.png)", (Percent(0.0), Percent(0.0)), ("auto",), ("repeat", "repeat"), mode="luminance"),)
    assert of({"maskImage": "url(a.png)", "maskPosition": "right 2em top", "maskSize": "50% AUTO"}) == (
        MaskLayer("url(a.png)", ("right", 32.0, "top"), (Percent(50.0), "auto"), ("repeat", "repeat")),)


def test_one_gradient_layer_in_user_space() -> None:
    defs = build_mask("m", (10, 10, 80, 40), typed({"maskImage": "linear-gradient(black, transparent)"}),
                      padding=EDGES, border=EDGES)
    assert [d.tag for d in defs] == ["mask"]
    pattern, rect = defs[0].children
    assert pattern.tag == "pattern" and rect.attrs["fill"] == "url(#m-p0)"
    gradient = pattern.children[0]
    # Bounding-box gradients are given user-space units (resvg draws shared masks wrongly otherwise).
    assert gradient.attrs["gradientUnits"] == "userSpaceOnUse"
    assert gradient.attrs["gradientTransform"] == "matrix(80 0 0 40 0 0)"


def test_image_layers_mask_with_their_alpha() -> None:
    svg_image = "url(\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='2' height='2'/>\")"
    style = typed({"maskImage": svg_image})
    defs = build_mask("m", (0, 0, 10, 10), style, padding=EDGES, border=EDGES,
                      images=load_layers(layer_urls(style.get("maskImage")), None))
    tags = [n.tag for n in defs[0].children]
    assert tags == ["pattern", "filter", "rect"]
    assert defs[0].children[2].attrs["filter"] == "url(#m-0-alpha)"


@pytest.mark.parametrize("composite, kinds", [
    ("add", ["mask", "mask", "mask"]),
    ("subtract", ["mask", "mask", "mask", "mask"]),  # with the inverse of the layer below
    ("exclude", ["mask", "mask", "mask", "mask", "mask"]),
])
def test_composited_layers(composite: str, kinds: list[str]) -> None:
    style = {"maskImage": "linear-gradient(black, black), radial-gradient(black, transparent)",
             "maskComposite": composite}
    defs = build_mask("m", (0, 0, 10, 10), typed(style), padding=EDGES, border=EDGES)
    assert [d.tag for d in defs] == kinds
    assert defs[-1].attrs["id"] == "m"


def test_masked_element_and_descendants_reference_the_mask() -> None:
    child = {"type": "div", "props": {"style": {"width": 20, "height": 20, "backgroundColor": "red"}}}
    svg = render_svg({"type": "div", "props": {"style": {
        "display": "flex", "width": 50, "height": 50, "backgroundColor": "blue",
        "maskImage": "linear-gradient(black, transparent)"}, "children": child}}, width=100, height=100)
    root = ET.fromstring(svg)
    masked = [el.get("fill") for el in root.iter() if el.get("mask") == "url(#mi-div)"]
    assert masked == ["#00f", "red"]
