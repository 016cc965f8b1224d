"""Sizes of <img> and <svg> from attributes (checked against the reference's compute())."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.style import Percent
from satori_py.style.replaced import (
    ReplacedSize,
    image_size,
    natural_height_for,
    svg_size,
)

from .conftest import style_of

P100 = Percent(100)


@pytest.mark.parametrize(("style", "attrs", "expected"), [
    ({}, {}, (P100, "auto", 2.0)),
    ({"width": 100}, {}, (100.0, 50.0, None)),
    ({"height": 10}, {}, (20.0, 10.0, None)),
    ({}, {"width": 80}, (80.0, 40.0, None)),
    ({}, {"width": 80, "height": 10}, (80.0, 10.0, None)),
    ({"width": "auto"}, {"width": 80}, (P100, "auto", 2.0)),
    ({"width": "50%"}, {}, (Percent(50), "auto", 2.0)),
    ({"aspectRatio": 1}, {}, (P100, "auto", 1.0)),
    ({"aspectRatio": "auto 1"}, {"width": 30}, (30.0, 15.0, None)),
    ({"boxSizing": "border-box", "padding": 5, "width": 50}, {}, (50.0, 30.0, None)),
    ({"height": "auto"}, {"height": "30"}, (P100, "auto", 2.0)),
])
def test_image_size(style: dict[str, Any], attrs: dict[str, Any], expected: tuple[Any, ...]) -> None:
    computed = style_of(style, "img", props=attrs)
    size = image_size(computed, 40, natural_height_for(computed, 40, 20), attrs.get("width"), attrs.get("height"),
                      declared=computed.declared)
    assert size == ReplacedSize(*expected)


@pytest.mark.parametrize(("value", "auto"), [("auto 2", True), ("2 AUTO", True), ("2", False), ("auto", False),
                                             (2, False)])
def test_a_ratio_paired_with_auto_is_a_typed_flag(value: Any, auto: bool) -> None:
    style = style_of({"aspectRatio": value}, "img")
    assert style.get("aspectRatioAuto") is auto
    assert not [name for name in style.declared if name.startswith("_")]  # no private key


@pytest.mark.parametrize(("style", "attrs", "expected"), [
    ({}, {"viewBox": "0 0 100 50"}, (P100, "auto", 2.0)),
    ({}, {}, (300.0, 150.0, None)),
    ({}, {"width": 200, "viewBox": "0 0 100 50"}, (200.0, 100.0, 2.0)),
    ({}, {"height": "50%", "viewBox": "0 0 100 50"}, (P100, Percent(50), 2.0)),
    ({}, {"width": "2em", "viewBox": "0 0 100 50"}, (32.0, 16.0, 2.0)),
    ({"width": 30}, {"width": 200, "height": 100}, (30.0, 100.0, 2.0)),
    ({"width": "auto"}, {"width": 200, "height": 100}, ("auto", 100.0, 2.0)),
    ({}, {"width": 200}, (0.0, "auto", None)),
    ({"aspectRatio": 2}, {"width": 200}, (200.0, 100.0, 2.0)),
    ({}, {"width": "40", "height": "30"}, (40.0, 30.0, None)),
])
def test_svg_size(style: dict[str, Any], attrs: dict[str, Any], expected: tuple[Any, ...]) -> None:
    """The style stage sizes an inline <svg> (``svgSize``); ``em`` is the parent's font size."""
    computed = style_of(style, "svg", props=attrs)
    assert computed["svgSize"] == ReplacedSize(*expected)
    assert svg_size(computed, attrs, 16.0, (0.0, 0.0), declared=computed.declared) == ReplacedSize(*expected)
    if attrs.get("width") == "2em":
        assert svg_size(computed, attrs, 10.0, (0.0, 0.0), declared=computed.declared).width == 20.0


def test_only_an_svg_has_an_svg_size() -> None:
    assert "svgSize" not in style_of({}, "div")


def test_svg_transform_attribute_transforms_the_box() -> None:
    functions = style_of({}, "svg", props={"transform": "scale(2)"})["transform"]
    assert [(f.name, f.args) for f in functions] == [("matrix", (2.0, 0.0, 0.0, 2.0, 0.0, 0.0))]
    assert style_of({"transform": "none"}, "svg", props={"transform": "scale(2)"})["transform"] is None
