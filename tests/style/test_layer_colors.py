"""The reference's normalizeColor on background layers: the first ``rgb(R G B / A)`` of each
layer's text becomes ``rgba(R, G, B, A)``, also inside a url()'s SVG markup (which resvg can't
read in the space syntax). Expected strings are the real Satori 0.63.2's output for the same
values (its pattern images and gradient stops)."""
from __future__ import annotations

import base64
import re

import pytest

from satori_py import h, render_svg
from satori_py.style.resolve import _parse_images, background_layers

SVG = ("data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32' width='32' height='32' "
       "fill='none' stroke='rgb(9 9 11 / .3)'%3e%3cpath d='M0 .5H31.5V32'/%3e"
       "%3cpath stroke='rgb(200 9 11 / .5)' d='M0 10H31'/%3e%3c/svg%3e")


def _strokes(image: str) -> list[str]:
    svg = render_svg(h("div", {"style": {"display": "flex", "width": 100, "height": 100, "backgroundImage": image}}),
                     width=100, height=100, fonts=[])
    return [s for b in re.findall(r'base64,([^"]*)', svg) for s in re.findall(r"stroke='([^']*)'", base64.b64decode(b).decode())]


def test_the_first_slash_rgb_of_each_layer_is_rewritten() -> None:
    layers = background_layers({"backgroundImage": "linear-gradient(rgb(1 2 3 / .5), rgb(4 5 6 / 1)), url(a.png)"})
    assert [layer.image for layer in layers] == ["linear-gradient(rgba(1, 2, 3, .5), rgb(4 5 6 / 1))", "url(a.png)"]
    assert background_layers({"backgroundImage": "url(x.svg#rgb(1.5 2 3 / 1))"})[0].image == "url(x.svg#rgb(1.5 2 3 / 1))"


def test_colours_inside_an_unquoted_svg_url_are_rewritten_as_satori_does() -> None:
    # The first by normalizeColor; the next because the unquoted url() ends at its first ")".
    assert _strokes(f"url({SVG})") == ["rgba(9, 9, 11, .3)", "rgba(200,9,11,0.5)"]


def test_a_quoted_url_gets_only_its_first_colour_rewritten() -> None:
    assert _strokes(f'url("{SVG}")') == ["rgba(9, 9, 11, .3)", "rgb(200 9 11 / .5)"]


@pytest.mark.parametrize(("text", "images"), [
    ("linear-gradient(red, rgb(0, 0, 255)) , url(a,b)", ["linear-gradient(red, rgb(0, 0, 255))", "url(a,b)"]),
    ("f(g(h,i),j),k", ["f(g(h,i),j)", "k"]), ("a,,b", ["a", "", "b"]), (" ", [""]), ("a,", ["a"]), ("", []),
    # css-background-parser counts parentheses as they come: a ")" first makes the depth negative.
    (")a,(b,c)", [")a,(b", "c)"]),
])
def test_background_images_split_at_commas_outside_parentheses(text: str, images: list[str]) -> None:
    assert _parse_images(text) == images
