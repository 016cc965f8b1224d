"""Render options of the wrong kind: an OptionError naming the option, before anything is drawn.

Before: ``point_scale_factor=float("nan")`` failed deep in the style stage with a ValueError
(round(nan)); ``grapheme_images={"a": 5}`` with a TypeError in the layout's key and
``grapheme_images=[1]`` in ``dict()``; ``embed_font="no"`` and ``debug="yes"`` were read as
True without a word; ``fetcher="x"`` and ``load_additional_asset=5`` were accepted until a text
or an image needed them; ``strict="yes"`` and ``on_warning=5`` raised a bare TypeError.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import render_png, render_svg
from satori_py.errors import OptionError

CARD = {"type": "div", "props": {"style": {"display": "flex"}, "children": "Hello"}}


@pytest.mark.parametrize(("option", "value", "message"), [
    ("point_scale_factor", float("nan"),
     "Invalid point_scale_factor nan: expected a number from 0 to 1000 (0: no rounding to device pixels)."),
    ("point_scale_factor", -1,
     "Invalid point_scale_factor -1: expected a number from 0 to 1000 (0: no rounding to device pixels)."),
    ("point_scale_factor", 1e308,
     "Invalid point_scale_factor 1e+308: expected a number from 0 to 1000 (0: no rounding to device pixels)."),
    ("point_scale_factor", "2",
     "Invalid point_scale_factor '2': expected a number from 0 to 1000 (0: no rounding to device pixels)."),
    ("grapheme_images", {"a": 5}, "Invalid grapheme_images: expected a dict of graphemes to image URLs (strings), "
                                  "got str 'a': int."),
    ("grapheme_images", [1], "Invalid grapheme_images: expected a dict of graphemes to image URLs (strings), "
                             "got list."),
    ("embed_font", "no", "Invalid embed_font 'no': expected True or False."),
    ("debug", 1, "Invalid debug 1: expected True or False."),
    ("fetcher", "x", "Invalid fetcher: expected a function, got str."),
    ("load_additional_asset", 5, "Invalid load_additional_asset: expected a function, got int."),
    ("strict", "yes", "Invalid strict 'yes': expected True or False."),
    ("on_warning", 5, "Invalid on_warning: expected a function, got int."),
    ("on_style_error", "print", "Invalid on_style_error: expected a function, got str."),
])
def test_an_option_of_the_wrong_kind_is_named(option: str, value: Any, message: str) -> None:
    for render in (render_svg, render_png):
        with pytest.raises(OptionError) as caught:
            render(CARD, width=100, height=40, **{option: value})
        assert str(caught.value) == message and caught.value.prop == option


def test_the_options_of_the_right_kind_still_render() -> None:
    svg = render_svg(CARD, width=100, height=40, point_scale_factor=0, embed_font=False, debug=True,
                     grapheme_images={"\u2605": "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>"},
                     fetcher=lambda url: b"", load_additional_asset=lambda code, segment: None)
    assert svg.startswith("<svg")
