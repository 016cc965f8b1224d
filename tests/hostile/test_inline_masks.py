"""A ``maskImage`` on an inline box (a span in a paragraph): its image is loaded, and a broken one
is an ImageError naming the span and the property.

The layer-image walk loaded the backgrounds of inline boxes but not their masks, so the painter
met a mask image it did not have: ``KeyError: 'url(data:image/png;base64,...)'`` for any
``url()`` mask on a span, valid or not (found by tests/fuzz/oracle.py).
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import render_png, render_svg
from satori_py.errors import ImageError

_SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect width='10' height='20'/></svg>"
MASK = "data:image/svg+xml;base64," + base64.b64encode(_SVG.encode()).decode()


def _card(prop: str, url: str) -> dict[str, Any]:
    span = {"type": "span", "props": {"style": {prop: f"url({url})", "background": "#c33"}, "children": "masked"}}
    return {"type": "div", "props": {"style": {"fontSize": 20}, "children": ["Ab ", span, " end"]}}


@pytest.mark.parametrize("prop", ["maskImage", "WebkitMaskImage"])
def test_an_inline_box_with_a_mask_image_is_drawn_masked(prop: str) -> None:
    svg = render_svg(_card(prop, MASK), width=200, height=40)
    assert '<mask id="mi-div-span1-0">' in svg and "<image" in svg
    assert render_png(_card(prop, MASK), width=200, height=40)[:4] == b"\x89PNG"


@pytest.mark.parametrize(("url", "message"), [
    ("data:image/png;base64,!!", "div/span[1]: Invalid base64 data in the image data URI data:image/png;base64,!!"),
    ("", "div/span[1]: Image source is not provided."),
    ("https://example.com/a.png", "div/span[1]: Loading the image https://example.com/a.png needs a fetcher: pass "
                                  "`fetcher` (satori-py never downloads anything by itself)."),
])
def test_a_broken_mask_image_on_an_inline_box_names_the_span_and_the_property(url: str, message: str) -> None:
    with pytest.raises(ImageError) as info:
        render_svg(_card("maskImage", url), width=200, height=40)
    assert str(info.value) == message
    assert info.value.prop == "maskImage"
