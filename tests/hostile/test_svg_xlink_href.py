"""The hrefs of an inline ``<svg>`` (images/inline_svg.py): an ``<image xlink:href>`` written as
markup writes it is resolved like ``href`` (fetched with the render's fetcher and its checks, or
refused); any other external href is reported.

Before: the attribute ``xlink:href`` (markup keeps the colon; JSX writes ``xlinkHref``) was
copied into the SVG as written. A local path or a private address was kept in the output
and never drawn (resvg loads no external image in an SVG image), without a word; the same
source as ``href`` was an error naming it. Other hrefs than ``#id`` and ``data:`` (an
``<feImage>`` URL, ``<use href="other.svg#x">``) were kept and never drawn, silently.
"""
from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from satori_py import ImageError, h, render_png, render_svg
from satori_py.fetch.guard import BlockedAddressError


def document(attribute: str, source: str) -> str:
    return (f'<svg width="32" height="32" viewBox="0 0 32 32" xmlns:xlink="http://www.w3.org/1999/xlink">'
            f'<image {attribute}="{source}" width="32" height="32"/></svg>')


def test_a_local_path_is_refused_as_with_href() -> None:
    for attribute in ("href", "xlink:href"):
        with pytest.raises(ImageError) as info:
            render_png(document(attribute, "/etc/hostname"), width=32, height=32)
        assert str(info.value) == "svg/image[0]: Image source must be an absolute URL: /etc/hostname"


def test_a_private_address_is_refused_as_with_href() -> None:
    with pytest.raises(BlockedAddressError) as info:
        render_png(document("xlink:href", "http://127.0.0.1:9/a.png"), width=32, height=32)
    assert str(info.value) == ("svg/image[0]: Image source resolves to a blocked address (SSRF protection): "
                               "http://127.0.0.1:9/a.png: 127.0.0.1 is in 127.0.0.0/8 (loopback).")


def test_a_data_uri_is_drawn_as_with_href() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (4, 4), (255, 0, 0, 255)).save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    drawn = render_png(document("xlink:href", uri), width=32, height=32)
    assert drawn == render_png(document("href", uri), width=32, height=32)
    assert Image.open(io.BytesIO(drawn)).convert("RGBA").getpixel((16, 16)) == (255, 0, 0, 255)


@pytest.mark.parametrize(("tag", "href", "path"), [
    ("feImage", "https://example.com/a.png", "div/svg[0]/filter[0]/feImage[0]"),
    ("use", "other.svg#x", "div/svg[0]/use[0]"),
    ("linearGradient", "file.svg#g", "div/svg[0]/linearGradient[0]"),
])
def test_an_external_href_resvg_does_not_load_is_reported(tag: str, href: str, path: str) -> None:
    # Kept as written and never drawn (resvg loads nothing external inside an SVG image): it was silent.
    inner = h(tag, {"href": href})
    svg = h("svg", {"width": 10, "height": 10}, h("filter", {"id": "f"}, inner) if tag == "feImage" else inner)
    told: list[str] = []
    render_svg(h("div", {}, svg), width=20, height=20, on_warning=lambda e: told.append(str(e)))
    assert told == [f'{path}: The href "{href}" of <{tag}> is not loaded: inside an inline SVG only "#id" '
                    "references and data: URIs are read."]


def test_references_data_and_links_are_not_reported() -> None:
    svg = h("svg", {"width": 10, "height": 10}, h("defs", {}, h("rect", {"id": "r", "width": 5, "height": 5})),
            h("use", {"href": "#r"}), h("use", {"xlinkHref": " #r"}), h("a", {"href": "https://example.com"}))
    told: list[str] = []
    render_svg(h("div", {}, svg), width=20, height=20, on_warning=lambda e: told.append(str(e)))
    assert told == []
