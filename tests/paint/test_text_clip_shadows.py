"""Text shadows under a ``background-clip: text`` element with ``overflow: hidden`` (a gradient
title with ``lineClamp`` or an ellipsis): the descendants' clip is within the glyphs, as in the
reference, but the shadows are drawn, clipped by the overflow box only (the reference and
browsers draw them; they were clipped to the glyphs, so a shadow off the glyphs vanished)."""
from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
from PIL import Image

import resvg_bridge
from satori_py import render_svg


def _title(overflow: bool, **style: Any) -> dict[str, Any]:
    return {"type": "div", "props": {"style": {
        "display": "flex", "width": "100%", "height": "100%", "backgroundColor": "white", "padding": 20},
        "children": {"type": "div", "props": {"style": {
            "width": 400, "height": 160, "fontSize": 40, "lineHeight": 1, "lineClamp": 2,
            "backgroundImage": "linear-gradient(90deg, #00f, #0ff)", "backgroundClip": "text",
            "color": "transparent", "textShadow": "0 50px 0 #f00", "paddingBottom": 60,
            **({"overflow": "hidden"} if overflow else {}), **style},
            "children": "A gradient title clamped to two lines when it runs long"}}}}


def _red(element: dict[str, Any]) -> np.ndarray:
    """Where the image is red, by rows and columns."""
    svg = render_svg(element, width=480, height=320)
    rgb = np.asarray(Image.open(io.BytesIO(resvg_bridge.svg_to_png(svg))).convert("RGB"), dtype=np.int32)
    return (rgb[..., 0] > 200) & (rgb[..., 1] < 80) & (rgb[..., 2] < 80)


def test_shadows_of_clipped_gradient_text_are_drawn() -> None:
    clipped = _red(_title(True))
    # The shadow of both lines lies 50 px below the glyphs, off them but within the box.
    assert clipped.sum() > 0.8 * _red(_title(False)).sum() > 1000
    assert clipped[80:160].any(axis=1).sum() > 50


def test_they_are_still_clipped_by_the_overflow_box() -> None:
    # Pushed 150 px down, past the box's bottom (y 240: 20 + 160 + its 60 px of padding): none of it
    # shows below.
    red = _red(_title(True, textShadow="0 150px 0 #f00"))
    assert red[230:240].any() and not red[241:].any()
    assert _red(_title(False, textShadow="0 150px 0 #f00"))[241:].any()
    assert red.sum() < _red(_title(False, textShadow="0 150px 0 #f00")).sum()


def test_only_the_shadows_leave_the_glyph_clip() -> None:
    # The descendants' overflow clip stays within the glyphs (as in the reference: it hides an
    # emoji image, tests/golden parity/background-clip-text-overflow-hidden); the shadows' copy
    # of it is within the ancestors' clip only.
    title = _title(True, textShadow=None)
    title["props"]["children"]["props"]["children"] = [
        {"type": "span", "props": {"style": {"textShadow": "0 50px 0 #f00"}, "children": "Shadowed "}},
        {"type": "span", "props": {"style": {"color": "#fff"}, "children": "and white"}}]
    svg = render_svg(title, width=480, height=320)
    assert re.search(r'<clipPath id="oc-([^"]*)" clip-path="url\(#bct-\1\)"', svg)
    assert re.search(r'<path fill="#fff" d="[^"]*" clip-path="url\(#oc-', svg)  # the white text
    assert re.search(r'<clipPath id="ocs-[^"]*"><path', svg)
    assert re.search(r'<g clip-path="url\(#ocs-[^"]*\)"><defs><filter id="satori_s-', svg)
