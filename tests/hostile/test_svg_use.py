"""A ``<use>`` in a user's SVG (an SVG image, an inline ``<svg>``) that resvg draws nothing of:
one that reaches itself (its target holds it, or leads back to it through other ``<use>``
elements) or one whose ``#id`` the document lacks. A browser draws nothing of it either; the
render says so, once per document (before session 19: nothing was said).
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import ImageError, render_png
from satori_py.markup import from_html

_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'><rect width='10' height='10' fill='red'/>"
        "{}</svg>")
_LOOPED = "its target holds it, or leads back to it"
_MISSING = "the document has no element of that id"


def _image(body: str) -> dict[str, Any]:
    src = "data:image/svg+xml;base64," + base64.b64encode(_SVG.format(body).encode()).decode()
    return {"type": "div", "props": {"style": {"display": "flex"},
                                     "children": {"type": "img", "props": {"src": src, "width": 40, "height": 20}}}}


def _inline(body: str) -> Any:
    return from_html(f"<div style='display:flex'>{_SVG.format(body)}</div>")


def _rendered(element: Any) -> tuple[bytes, list[str]]:
    told: list[Exception] = []
    png = render_png(element, width=40, height=20, on_warning=told.append)
    return png, [str(e) for e in told]


# (the document's body, the same without what resvg leaves out, the first <use> reported, why, more)
CASES = [
    ("<use id='u' href='#u'/>", "", '<use href="#u">', _LOOPED, ""),
    ("<g id='g'><rect x='20' width='5' height='5' fill='blue'/><use href='#g' x='5'/></g>",
     "<g id='g'><rect x='20' width='5' height='5' fill='blue'/></g>", '<use href="#g">', _LOOPED, ""),
    ("<use id='a' href='#b'/><use id='b' href='#a'/>", "", '<use href="#b">', _LOOPED, " (and 1 more)"),
    ("<use href='#nowhere' x='20'/>", "", '<use href="#nowhere">', _MISSING, ""),
]


@pytest.mark.parametrize(("body", "without", "use", "why", "more"), CASES,
                         ids=["itself", "its group", "each other", "no such id"])
@pytest.mark.parametrize(("make", "what", "path"), [(_image, "The SVG image's", "div/img[0]"),
                                                    (_inline, "The inline SVG's", "div/svg[0]")],
                         ids=["image", "inline"])
def test_a_use_drawing_nothing_is_reported_and_left_out(body: str, without: str, use: str, why: str, more: str,
                                                        make: Any, what: str, path: str) -> None:
    png, told = _rendered(make(body))
    assert told == [f"{path}: {what} {use} is not drawn: {why}{more}."]
    assert png == _rendered(make(without))[0]  # resvg draws nothing of it


def test_a_use_that_draws_is_not_reported() -> None:
    body = "<defs><rect id='r' width='5' height='5'/></defs><use id='a' href='#r' x='20'/><use href='#a' y='10'/>"
    for make in (_image, _inline):
        assert _rendered(make(body))[1] == []


def test_many_uses_drawing_nothing_are_one_report() -> None:
    png, told = _rendered(_image("<use href='#gone'/>" * 10_000))
    assert told == ['div/img[0]: The SVG image\'s <use href="#gone"> is not drawn: '
                    f"{_MISSING} (and 9999 more)."]


def test_strict_mode_raises_it() -> None:
    with pytest.raises(ImageError) as info:
        render_png(_inline("<use id='u' href='#u'/>"), width=40, height=20, strict=True)
    assert str(info.value) == f'div/svg[0]: The inline SVG\'s <use href="#u"> is not drawn: {_LOOPED}.'


def _nested(body: str, depth: int) -> str:
    """An SVG image holding ``body`` inside ``depth`` SVG images (as data: <image> hrefs)."""
    svg = _SVG.format(body)
    for _ in range(depth):
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        svg = _SVG.format(f"<image href='{uri}' width='40' height='20'/>")
    return svg


@pytest.mark.parametrize("depth", [1, 2])
def test_a_use_drawing_nothing_in_an_svg_image_inside_an_svg_image_is_reported(depth: int) -> None:
    # (session 19 said it only for the SVG image itself)
    inner = "inner SVG image's " * depth
    src = "data:image/svg+xml;base64," + base64.b64encode(_nested("<use id='u' href='#u'/>", depth).encode()).decode()
    plain = "data:image/svg+xml;base64," + base64.b64encode(_nested("", depth).encode()).decode()

    def card(uri: str) -> dict[str, Any]:
        return {"type": "img", "props": {"src": uri, "width": 40, "height": 20}}

    png, told = _rendered(card(src))
    assert told == [f'img: The SVG image\'s {inner}<use href="#u"> is not drawn: {_LOOPED}.']
    assert png == _rendered(card(plain))[0]
    with pytest.raises(ImageError) as info:
        render_png(card(src), width=40, height=20, strict=True)
    assert str(info.value) == told[0]
