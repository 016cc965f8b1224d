"""The paint stage's memos: what warm renders reuse, and what they must not.

Drawn boxes, painted text, an image's box shadows, fitted radii, box contours, formatted numbers, background lengths and CSS
colours are kept between renders. Each memo must give what computing again gives
(equal keys that print differently, like 0.0 and -0.0, must not share an entry where
the difference shows), and a box whose drawing loads images or reports is drawn again.
"""
from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, strategies as st

from satori_py import Limits, h, limits, render_svg
from satori_py.diagnostics import report
from satori_py.errors import LimitError, StyleError
from satori_py.paint import background, painter, rect, shadow, text as paint_text
from satori_py.paint.geometry import Box, Radii, _edge_path, _fitted, edge_path, resolve_radii
from satori_py.style.types import RGBA, Percent
from satori_py.style.values import LengthContext, length_token
from satori_py.svg import _format, fmt
from tests.support.counting import count_calls


def _card(background_image: str | None = None) -> Any:
    panel = {"display": "flex", "width": 80, "height": 40, "backgroundColor": "#1e293b", "borderRadius": 8,
             "border": "2px solid #f43f5e"}
    if background_image:
        panel["backgroundImage"] = background_image
    return h("div", {"style": {"display": "flex", "width": 200, "height": 100, "padding": 10}},
             h("div", {"style": panel}), h("div", {"style": {**panel, "opacity": 0.5}}))


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The uid of every box :func:`rect.draw_box` really draws (memo misses)."""
    drawn: list[str] = []
    real = rect._draw_box

    def counting(*args: Any) -> Any:
        drawn.append(args[5])
        return real(*args)

    monkeypatch.setattr(rect, "_draw_box", counting)
    rect._DRAWN.clear()
    return drawn


def test_a_warm_render_draws_no_box_again(drawings: list[str]) -> None:
    first = render_svg(_card(), width=200, height=100)
    assert len(drawings) == 3  # the root's child and its two panels
    assert render_svg(_card(), width=200, height=100) == first
    assert len(drawings) == 3
    moved = render_svg(_card(), width=220, height=100)  # the same styles in other boxes
    assert len(drawings) == 6 and moved != first


def test_boxes_with_url_backgrounds_are_drawn_and_report_every_time(drawings: list[str]) -> None:
    def down(url: str) -> bytes:
        raise OSError("down")

    for _ in range(2):
        warnings: list[Exception] = []
        render_svg(_card("url(https://example.com/a.png)"), width=200, height=100, fetcher=down,
                   on_warning=warnings.append)
        assert [str(w) for w in warnings] == [f"div/div[{i}]: Can't load image https://example.com/a.png: down"
                                              for i in (0, 1)]
    assert drawings.count("div-div0") == 2 and drawings.count("div-div1") == 2


def test_boxes_with_url_backgrounds_draw_what_the_render_s_fetcher_gives(drawings: list[str]) -> None:
    def image(width: int) -> Any:
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="10"></svg>'
        return lambda url: svg.encode()

    url = "url(https://example.com/a.svg)"
    narrow = render_svg(_card(url), width=200, height=100, fetcher=image(10))
    wide = render_svg(_card(url), width=200, height=100, fetcher=image(30))
    assert 'width="10"' in narrow and 'width="10"' not in wide and 'width="30"' in wide
    assert drawings.count("div-div0") == 2


def test_a_box_drawn_with_a_report_is_drawn_again(drawings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = background.background_layers

    def reporting(*args: Any, **kwargs: Any) -> Any:
        report(StyleError("a note made while drawing", prop="backgroundColor"))
        return real(*args, **kwargs)

    monkeypatch.setattr(rect, "background_layers", reporting)
    for _ in range(2):
        warnings: list[Exception] = []
        render_svg(_card(), width=200, height=100, on_warning=warnings.append)
        assert len(warnings) == 3
    assert len(drawings) == 6


_LENGTHS = st.one_of(st.sampled_from([0, 0.0, -0.0, None, (0.0, 0.0), (0, 0)]),
                     st.floats(0, 500), st.builds(Percent, st.floats(0, 100)),
                     st.tuples(st.floats(0, 200), st.builds(Percent, st.floats(0, 100))))
_SIZES = st.sampled_from([0.0, -0.0, -5.0, 1.0, 37.5, 100.0, 1200.0])
_SHAPES = st.sampled_from([1.0, 2.0, 0.5, -1.0, 0.0])


@given(st.lists(_LENGTHS, min_size=4, max_size=4), st.lists(_SHAPES, min_size=4, max_size=4), _SIZES, _SIZES)
def test_radii_are_what_fitting_them_again_gives(values: list[Any], shapes: list[float], width: float,
                                                 height: float) -> None:
    corners = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")
    style = {f"border{c}Radius": v for c, v in zip(corners, values)}
    style.update({f"corner{c}Shape": s for c, s in zip(corners, shapes)})
    fresh = _fitted.__wrapped__(tuple(values), tuple(float(s) for s in shapes), width, height)
    assert resolve_radii(style, width, height) == fresh
    assert resolve_radii(style, width, height) == fresh  # a hit too


@pytest.mark.parametrize("width, height", [(0.0, 0.0), (-0.0, 10.0), (-5.0, 10.0), (10.0, -5.0), (math.nan, 1.0)])
@pytest.mark.parametrize("shape", [1.0, -1.0])
def test_square_boxes_are_what_fitting_gives(width: float, height: float, shape: float) -> None:
    style = {"borderTopLeftRadius": 0.0, "borderTopRightRadius": (0.0, 0.0), "borderBottomRightRadius": None,
             "borderBottomLeftRadius": 0, "cornerTopLeftShape": shape}
    fresh = _fitted.__wrapped__((0.0, (0.0, 0.0), None, 0), (shape, 1.0, 1.0, 1.0), width, height)
    assert resolve_radii(style, width, height) == fresh


def test_contours_of_equal_boxes_share_an_entry_and_print_the_same() -> None:
    radii = Radii((4.0, 4.0), (4.0, 4.0), (0.0, 0.0), (-0.0, 0.0))
    for box in (Box(0, 0, 10, 10), Box(0.0, -0.0, 10.0, 10.0), Box(1.5, 2.25, 30.0, 7.125)):
        assert edge_path(box, radii) == _edge_path.__wrapped__(box, radii, None, False, None)
        assert edge_path(box, radii, sides=[True, True, False, False], inset=[1, 2, 3, 4]) == \
            _edge_path.__wrapped__(box, radii, (True, True, False, False), False, (1, 2, 3, 4))


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_formatted_numbers_are_what_formatting_again_gives(value: float) -> None:
    assert fmt(value) == _format(value, 3)
    assert fmt(-value) == _format(-value, 3)


def test_numbers_equal_as_keys_print_the_same() -> None:
    assert [fmt(v) for v in (0.0, -0.0, 1, 1.0, True, -0.0001)] == ["0", "0", "1", "1", "1", "0"]


def test_lengths_of_a_zero_basis_keep_its_sign() -> None:
    half = length_token("50%", 16.0, LengthContext())
    assert isinstance(half, Percent) and half == Percent(50.0) and half.px(0.0) == 0.0
    negative = half.px(-0.0)
    assert negative is not None
    assert negative == 0.0 and math.copysign(1, negative) == -1
    assert length_token("2em", 16.0, LengthContext()) == 32.0 and half.px(10.0) == 5.0
    assert length_token("bogus", 16.0, LengthContext()) is None


def test_colours_equal_as_keys_print_the_same() -> None:
    assert RGBA(255, 0, 0).to_css() == RGBA(255.0, 0.0, 0.0).to_css() == "red"
    assert RGBA(0.0, 0, 0, 0).to_css() == RGBA(-0.0, 0, 0, 0.0).to_css() == "transparent"
    assert RGBA(1.5, 2, 3, 0.25).to_css() == "rgba(1.5,2,3,0.25)"


def test_drawings_are_kept_within_a_weight(drawings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stops = ", ".join(f"rgb({i % 256},0,0) {i / 15:.3f}%" for i in range(1500))  # a pattern of ~30k chars
    card = _card(f"linear-gradient(90deg, {stops})")
    many_stops = Limits(max_gradient_stops=1501)
    render_svg(card, width=200, height=100, limits=many_stops)
    render_svg(card, width=200, height=100, limits=many_stops)
    assert drawings.count("div-div0") == 1  # under the limit of one drawing: kept
    monkeypatch.setattr(rect, "_MAX_KEPT_WEIGHT", 10_000)
    rect._DRAWN.clear()
    render_svg(card, width=200, height=100, limits=many_stops)
    render_svg(card, width=200, height=100, limits=many_stops)
    assert drawings.count("div-div0") == 3
    assert rect._DRAWN._weight <= rect._DRAWN.max_weight  # type: ignore[operator]


def _titled(text: str, **style: Any) -> Any:
    return h("div", {"style": {"display": "flex", "width": 300, "height": 80, "fontSize": 24, **style}}, text)


def test_a_warm_render_paints_its_text_once_unless_shadows_count(monkeypatch: pytest.MonkeyPatch) -> None:
    painted = count_calls(monkeypatch, paint_text, "paint_text_node")
    first = render_svg(_titled("Painted once, memo"), width=300, height=80)
    assert render_svg(_titled("Painted once, memo"), width=300, height=80) == first
    assert painted == [1]
    # A text shadow's filter region counts against max_effect_pixels in every render: painted again.
    shadowed = _titled("Painted once, memo", textShadow="2px 2px 4px red")
    assert render_svg(shadowed, width=300, height=80) == render_svg(shadowed, width=300, height=80)
    assert painted == [3]
    with pytest.raises(LimitError, match="max_effect_pixels"):
        render_svg(shadowed, width=300, height=80, limits=Limits(max_effect_pixels=100))


def test_an_image_s_shadows_are_drawn_once_and_their_regions_counted_every_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = count_calls(monkeypatch, shadow, "_box_shadows")
    pixel = "data:image/svg+xml," + '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    avatar = h("img", {"src": pixel, "width": 60, "height": 60,
                       "style": {"borderRadius": 30, "boxShadow": "0 4px 24px rgba(0,0,0,0.4), 0 0 3px red"}})
    card = h("div", {"style": {"display": "flex", "width": 200, "height": 100, "padding": 20}}, avatar)
    shadow._DRAWN.clear()
    with limits.enforcing(Limits()) as drawing:
        first = render_svg(card, width=200, height=100)
    with limits.enforcing(Limits()) as reusing:
        assert render_svg(card, width=200, height=100) == first
    assert drawn == [1]  # the image's box is drawn again (rect.py keeps no replaced content), not its shadows
    # The regions are counted again from the memo: a render with less room raises as drawing did.
    assert reusing.effect_pixels == drawing.effect_pixels > 0
    with pytest.raises(LimitError, match="max_effect_pixels"):
        render_svg(card, width=200, height=100, limits=Limits(max_effect_pixels=drawing.effect_pixels - 1))


def test_a_kept_box_s_raster_cost_is_checked_once_per_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = count_calls(monkeypatch, painter, "check_raster_cost")
    card = _card("linear-gradient(90deg, red, blue)")  # each panel's layer is an 80 x 40 tile
    rect._DRAWN.clear()
    first = render_svg(card, width=200, height=100)
    assert "<pattern" in first and checks[0] >= 2
    checks[0] = 0
    assert render_svg(card, width=200, height=100) == first
    assert checks[0] == 0  # the kept drawings passed under these limits
    # Other limits: checked again, and a tile over them is refused as drawing it was.
    with pytest.raises(LimitError, match="max_image_pixels"):
        render_svg(card, width=200, height=100, limits=Limits(max_image_pixels=3000))
    assert checks[0] == 1
