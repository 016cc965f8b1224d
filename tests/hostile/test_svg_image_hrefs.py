"""An SVG image (an ``<img>`` or background of SVG) whose ``<image>`` or ``<feImage>`` refers
to a file or a URL: resvg, as a browser's SVG image, loads nothing from outside the document,
so that image is left out; the render says so.

Before: a stranger's SVG avatar with ``<image href="file:///etc/passwd">`` or
``href="http://10.0.0.1/x.png"`` drew without it, without a word (nothing was ever loaded:
the PNGs with and without the href are the same bytes, as they still are).
"""
from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from satori_py import ImageError, render_png

_EMPTY = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='20' height='20'>{}</svg>"


def _card(inner: str) -> dict[str, object]:
    src = "data:image/svg+xml;base64," + base64.b64encode(_EMPTY.format(inner).encode()).decode()
    return {"type": "img", "props": {"src": src, "width": 20, "height": 20}}


@pytest.mark.parametrize(("inner", "href"), [
    ("<image href='file:///etc/passwd' width='20' height='20'/>", "file:///etc/passwd"),
    ("<image xlink:href=' /etc/passwd' width='20' height='20'/>", "/etc/passwd"),
    ("<filter id='f'><feImage href='../passwd'/></filter><rect width='9' height='9' filter='url(#f)'/>",
     "../passwd"),
])
def test_a_file_the_svg_image_refers_to_is_reported_and_not_loaded(inner: str, href: str) -> None:
    reports: list[Exception] = []
    png = render_png(_card(inner), width=20, height=20, on_warning=reports.append)
    assert png == render_png(_card(inner.replace(href, "#none")), width=20, height=20)
    assert [str(r) for r in reports] == [
        f'img: An image inside the SVG image is not drawn: its href "{href}" is not loaded '
        '(an SVG image loads nothing from outside it).']


def test_a_url_is_reported_once_per_href_and_strict_mode_raises() -> None:
    inner = "".join(f"<image href='http://10.0.0.{i}/{'x' * 200}.png' width='20' height='20'/>" for i in range(3))
    reports: list[Exception] = []
    render_png(_card(inner), width=20, height=20, on_warning=reports.append)
    assert [str(r) for r in reports] == [
        'img: An image inside the SVG image is not drawn: its href "http://10.0.0.0/' + "x" * 81 + '..." is not '
        'loaded (an SVG image loads nothing from outside it) (and 2 more).']
    with pytest.raises(ImageError, match="^img: An image inside the SVG image is not drawn: its href"):
        render_png(_card(inner), width=20, height=20, strict=True)


def test_references_inside_the_document_and_data_are_not_reported() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    dot = base64.b64encode(buffer.getvalue()).decode()
    inner = (f"<defs><rect id='r' width='5' height='5'/></defs><use href='#r'/><a href='https://example.com'>"
             f"<rect width='2' height='2'/></a><image href=' data:image/png;base64,{dot}' width='20' height='20'/>")
    reports: list[Exception] = []
    render_png(_card(inner), width=20, height=20, on_warning=reports.append)
    assert reports == []
