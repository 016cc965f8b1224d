"""Shapes too far for resvg's rasteriser: a LimitError naming the element and ``transform``.

tiny-skia (0.10-0.12, every binding) keeps the rows of an anti-aliased fill 4x
supersampled in 32-bit integers: a shape over the image reaching 2^29 px from its
origin wrapped them, and the binding panicked ("range start index 3840 out of range
for slice of length 900", a Rust backtrace on stderr; resvg-js aborted the process).
``limits.RASTER_REACH`` is that bound less a margin (paint/raster_cost.py); in a
user's SVG, where the document lands is not known, a shape may be half as large
(images/svg_work.py). Every render runs in-process: none of these may panic.
"""
from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from PIL import Image

from satori_py import LimitError, h, render_png, render_svg
from satori_py.limits import RASTER_REACH

RED_PNG = "data:image/png;base64," + base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd"
    "8db00000000049454e44ae426082")).decode()
TOO_FAR = (", farther than the 536869888px resvg can draw (its anti-aliasing counts rows in 32-bit "
           "integers).")


def card(*children: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "width": 30, "height": 30, "backgroundColor": "white"}}, *children)


def box(transform: str, **style: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "width": 10, "height": 10, "transform": transform, **style}})


def svg_uri(body: str) -> str:
    markup = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{body}</svg>'
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode()).decode()


def refused(element: Any, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_png(element, **{"width": 30, "height": 30, **options})
    return info.value


def centre(png: bytes) -> tuple[int, ...]:
    return tuple(Image.open(io.BytesIO(png)).convert("RGBA").getpixel((15, 15)))


def test_the_bound_is_where_the_rows_wrap() -> None:
    assert RASTER_REACH == 2 ** 29 - 1024
    # A 10px box under scale(1.07e8) reaches 535,000,005px from the origin: drawn, all red.
    assert centre(render_png(card(box("scale(1.07e8)", backgroundColor="red")), width=30, height=30)) \
        == (255, 0, 0, 255)
    exc = refused(card(box("scale(1.08e8)", backgroundColor="red")))
    assert (exc.limit, exc.path, exc.prop) == (None, "div/div[0]", "transform")
    assert str(exc) == "div/div[0]: A shape over the image reaches 540000005px from its origin" + TOO_FAR
    # The raster's own scale counts: at twice the size, half the transform is too far.
    exc = refused(card(box("scale(5.4e7)", backgroundColor="red")), scale=2)
    assert str(exc) == "div/div[0]: A shape over the image reaches 540000010px from its origin" + TOO_FAR
    # The SVG is refused as well: it is meant for resvg.
    with pytest.raises(LimitError):
        render_svg(card(box("scale(1e9)", backgroundColor="red")))


def test_nested_transforms_multiply() -> None:
    leaf: Any = h("div", {"style": {"width": 10, "height": 10, "backgroundColor": "red"}})
    for _ in range(9):
        leaf = h("div", {"style": {"display": "flex", "transform": "scale(10)"}}, leaf)
    exc = refused(leaf)  # (as the root: each wrapper's centre is the leaf's)
    assert exc.path == "div" + "/div[0]" * 9 and exc.prop == "transform"
    assert str(exc).endswith(": A shape over the image reaches 5000000085px from its origin" + TOO_FAR)


@pytest.mark.parametrize(("transform", "reach"), [
    ("matrix(1e9, 0, 0, 1, 0, 0)", 5000000005),
    ("skew(89.9999999deg, 89.9999999deg)", 2864788947),
    ("matrix3d(1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1e-9)", 5000000005),
    ("translateY(1e9px) scale(1e9)", 5033554436),
])
def test_every_form_of_transform(transform: str, reach: int) -> None:
    exc = refused(card(box(transform, backgroundColor="red")))
    assert str(exc) == f"div/div[0]: A shape over the image reaches {reach}px from its origin" + TOO_FAR


@pytest.mark.parametrize(("element", "path"), [
    (card(h("img", {"src": RED_PNG, "width": 10, "height": 10, "style": {"transform": "scale(1e9)"}})), "div/img[0]"),
    (card(h("img", {"src": svg_uri('<rect width="10" height="10" fill="red"/>'), "width": 10, "height": 10,
                    "style": {"transform": "scale(1e9)"}})), "div/img[0]"),
    (card(box("scale(1e9)", backgroundImage=f"url({RED_PNG})")), "div/div[0]"),
    (card(box("scale(1e9)", backgroundImage="linear-gradient(red, blue)")), "div/div[0]"),
    (card(box("scale(1e9)", border="1px solid red")), "div/div[0]"),
    (card(box("scale(1e9)", outline="1px solid red")), "div/div[0]"),
    (card(box("scale(1e9)", backgroundColor="red", clipPath="circle(40%)")), "div/div[0]"),
    (card(box("scale(1e9)", backgroundColor="red", maskImage="linear-gradient(black, transparent)")), "div/div[0]"),
    (card(box("scale(1e9)", backgroundColor="red", filter="blur(1px)")), "div/div[0]"),
    (card(h("div", {"style": {"display": "flex", "transform": "scale(1e9)"}}, "\U0001F600")), "div/div[0]/#text[0]"),
    (card(h("svg", {"width": 10, "height": 10, "viewBox": "0 0 10 10", "style": {"transform": "scale(1e9)"}},
            h("rect", {"width": 10, "height": 10, "fill": "red"}))), "div/svg[0]"),
    # Only the clip path of the overflow is huge: its child takes the scale back.
    (card(h("div", {"style": {"display": "flex", "width": 30, "height": 30, "overflow": "hidden",
                              "transform": "scale(1e9)"}},
            h("div", {"style": {"width": 30, "height": 30, "flexShrink": 0, "backgroundColor": "red",
                                "transform": "scale(1e-9)"}}))), "div/div[0]"),
])
def test_every_shape_an_element_draws(element: Any, path: str) -> None:
    exc = refused(element)
    assert (exc.path, exc.prop) == (path, "transform")
    assert "A shape over the image reaches" in str(exc)


def test_shapes_off_the_image_are_drawn_as_before() -> None:
    # Not over the image: resvg skips them, however far; the rest is drawn.
    png = render_png(card(box("translateX(1e9px)", backgroundColor="red"),
                          box("translate(40px, 0) scale(1e9)", transformOrigin="0 0", backgroundColor="red")),
                     width=30, height=30)
    assert centre(png) == (255, 255, 255, 255)


@pytest.mark.parametrize(("body", "what"), [
    ('<rect width="10" height="10" fill="red" transform="translate(5 5) scale(1e9) translate(-5 -5)"/>',
     "<rect> 10000000000px across"),
    ('<g transform="scale(10)">' * 9 + '<rect x="-5" y="-5" width="10" height="10"/>' + "</g>" * 9,
     "<rect> 10000000000px across"),
    ('<path d="M0 0H1V1H0Z" transform="scale(3e8)"/>', "<path> 300000000px across"),
])
def test_shapes_of_svg_images(body: str, what: str) -> None:
    exc = refused(card(h("img", {"src": svg_uri(body), "width": 10, "height": 10})))
    assert str(exc) == (f"div/img[0]: An SVG image has a {what} on the image, larger than resvg can draw "
                        "(268434944px: its anti-aliasing counts rows in 32-bit integers).")
    inline = (f'<div style="display: flex; width: 30px; height: 30px"><svg width="10" height="10" '
              f'viewBox="0 0 10 10">{body}</svg></div>')
    with pytest.raises(LimitError) as info:
        render_png(inline, width=30, height=30)
    assert str(info.value).startswith(f"div/svg[0]: The inline SVG has a {what}")
    # Large enough to be drawn: 2.6e8 px across.
    render_png(card(h("img", {"src": svg_uri('<path d="M0 0H1V1H0Z" transform="scale(2.6e8)"/>'),
                              "width": 10, "height": 10})), width=30, height=30)


def test_shapes_of_the_input_and_of_a_large_raster_scale_without_a_transform() -> None:
    # A clip path's path() is the input's own geometry (box sizes are clamped to 2^25 px).
    clipped = card(h("div", {"style": {"width": 30, "height": 30, "backgroundColor": "red",
                                       "clipPath": 'path("M-1e9 -1e9 H1e9 V1e9 Z")'}},
                     h("div", {"style": {"width": 5, "height": 5, "backgroundColor": "blue"}})))
    exc = refused(clipped)
    assert (exc.path, exc.prop) == ("div/div[0]", "clipPath")
    assert str(exc) == "div/div[0]: A shape over the image reaches 1000000000px from its origin" + TOO_FAR
    # A box 2^25 px tall over a 1px image, rasterised at scale 20: 671,088,000 px.
    tall = h("div", {"style": {"display": "flex", "width": 1, "height": 1}}, h("div", {"style": {
        "position": "absolute", "top": -33554400, "left": 0, "width": 1, "height": 33554431,
        "backgroundColor": "red"}}))
    exc = refused(tall, width=1, height=1, scale=20)
    assert (exc.path, exc.prop) == ("div/div[0]", None)
    assert str(exc) == "div/div[0]: A shape over the image reaches 671088000px from its origin" + TOO_FAR
    assert render_png(tall, width=1, height=1, scale=10)[:4] == b"\x89PNG"
