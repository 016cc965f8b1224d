"""Every error class reaches the user as a SatoriError with its exact message and node path."""
from __future__ import annotations

import pytest

import resvg_bridge
from satori_py import (FontError, ImageError, InvalidElementError, LimitError, RenderError,
                       StyleError, h, render_png, render_svg)


def card(*children: object, style: dict | None = None) -> dict:
    return h("div", {"style": {"display": "flex", **(style or {})}}, *children)


def test_invalid_element() -> None:
    with pytest.raises(InvalidElementError) as info:
        render_svg(card("ok", {"type": "span", "props": {"children": [{"props": {}}]}}), width=100, height=50)
    assert str(info.value) == 'div/span[1]/?[0]: Invalid element type null: expected a tag name such as "div".'
    assert info.value.path == "div/span[1]/?[0]"


def test_style_error_has_the_reference_sentence_and_the_path() -> None:
    with pytest.raises(StyleError) as info:
        render_svg(card(h("div", {"style": {"flexDirection": "sideways"}}, "x")), width=100, height=50)
    assert str(info.value) == ('div/div[0]: Invalid value for CSS property "flexDirection". Allowed values: '
                               '"row" | "column" | "row-reverse" | "column-reverse". Received: "sideways".')
    assert info.value.path == "div/div[0]"


def test_style_errors_can_be_reported_and_ignored() -> None:
    seen: list[Exception] = []
    svg = render_svg(card(h("div", {"style": {"flexDirection": "sideways"}}, "x")), width=100, height=50,
                     on_style_error=seen.append)
    assert svg.startswith("<svg") and len(seen) == 1 and "flexDirection" in str(seen[0])


def test_font_errors() -> None:
    with pytest.raises(FontError) as info:
        render_svg(card("hello"), width=100, height=50, fonts=[])
    assert "No fonts are loaded. At least one font is required to calculate the layout." in str(info.value)
    assert info.value.prop == "fonts"
    from satori_py import Font
    with pytest.raises(FontError, match="^Cannot read font file /nonexistent.ttf: "):
        render_svg(card("hello"), width=100, height=50, fonts=[Font("x", "/nonexistent.ttf")])


def test_image_error_names_the_img_node() -> None:
    with pytest.raises(ImageError) as info:
        render_svg(card(h("img", {"src": "/image.png", "width": 10, "height": 10})), width=100, height=50)
    assert str(info.value) == "div/img[0]: Image source must be an absolute URL: /image.png"


def test_limit_errors() -> None:
    with pytest.raises(LimitError, match=r"^The image width of 20000px is over the limit of 16384px\.$"):
        render_svg(card("x"), width=20000, height=10)
    with pytest.raises(LimitError, match=r"^The image width of 20000px is over the limit of 16384px\.$"):
        render_png(card("x"), width=10000, height=10, scale=2)
    with pytest.raises(LimitError, match=r"^Invalid height -5: expected a positive number of pixels\.$"):
        render_svg(card("x"), width=10, height=-5)


def test_render_error_wraps_the_rasteriser(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(svg: str, **kwargs: object) -> bytes:
        raise resvg_bridge.RasterizeError("the document does not have a root node")
    monkeypatch.setattr(resvg_bridge, "svg_to_png", broken)
    with pytest.raises(RenderError, match="^Rasterising the SVG failed: the document does not have a root node$"):
        render_png(card("x"), width=10, height=10)


def test_render_options_match_the_signature() -> None:
    import inspect

    from satori_py.api import RENDER_OPTIONS
    params = inspect.signature(render_svg).parameters.values()
    assert RENDER_OPTIONS == {p.name for p in params if p.kind is p.KEYWORD_ONLY}
