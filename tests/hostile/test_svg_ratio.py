"""SVG images too thin for resvg: an ImageError naming the element, not a Rust panic.

An SVG image one of whose sides was some 2^25 times the other (``<svg width="1"
height="1e9">``, an inline ``<svg width="1340" height="3e16">`` found by the fuzzer)
made every binding panic when drawn ("called `Option::unwrap()` on a `None` value"):
images/formats.py ``check_svg_ratio`` refuses past :data:`MAX_SVG_RATIO`, by the size
satori-py reads and by the root's ``width`` and ``height`` in the units resvg reads.
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import h, render_png
from satori_py.errors import ImageError
from satori_py.images.formats import MAX_SVG_RATIO

NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg_img(markup: str) -> dict[str, Any]:
    uri = "data:image/svg+xml;base64," + base64.b64encode(markup.encode()).decode()
    return h("div", {"style": {"display": "flex", "width": 100, "height": 100}},
             h("img", {"src": uri, "width": 100, "height": 100}))


def refused(element: Any) -> ImageError:
    with pytest.raises(ImageError) as info:
        render_png(element, width=100, height=100)
    return info.value


@pytest.mark.parametrize(("markup", "size"), [
    (f'<svg {NS} width="1" height="1000000000"/>', "1x1e+09"),
    (f'<svg {NS} viewBox="0 0 1 1e16"/>', "1x1e+16"),
    (f'<svg {NS} width="1" height="1e6in" viewBox="0 0 1 1"/>', "1x9.6e+07"),  # resvg reads the inches
])
def test_svg_images(markup: str, size: str) -> None:
    exc = refused(svg_img(markup))
    assert exc.path == "div/img[0]"
    assert str(exc) == (f"div/img[0]: The SVG image is {size} px: one side is more than 262144 times the other, "
                        "which resvg cannot draw.")


def test_an_svg_image_inside_an_svg_image() -> None:
    inner = "data:image/svg+xml;base64," + base64.b64encode(f'<svg {NS} width="1" height="1e9"/>'.encode()).decode()
    exc = refused(svg_img(f'<svg {NS} width="10" height="10"><image width="5" height="5" href="{inner}"/></svg>'))
    assert str(exc).startswith("div/img[0]: An SVG image inside the image is 1x1e+09 px")


def test_inline_svgs_and_the_bound() -> None:
    exc = refused(h("div", {"style": {"display": "flex", "width": 100, "height": 100}},
                    h("svg", {"width": 1340, "height": 3.255320935212644e16})))
    assert str(exc) == ("div/svg[0]: The inline SVG is 1340x3.25532e+16 px: one side is more than 262144 times "
                        "the other, which resvg cannot draw.")
    assert MAX_SVG_RATIO == 2 ** 18
    thin = h("div", {"style": {"display": "flex", "width": 100, "height": 100}},
             h("svg", {"width": 1, "height": MAX_SVG_RATIO}))
    assert render_png(thin, width=100, height=100)[:4] == b"\x89PNG"
    assert render_png(svg_img(f'<svg {NS} width="1" height="{MAX_SVG_RATIO}"/>'), width=100, height=100)[:4] \
        == b"\x89PNG"
