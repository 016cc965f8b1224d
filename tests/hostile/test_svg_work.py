"""User SVG that resvg would spend unbounded time on: refused before it is drawn.

Turbulence octaves and morphology windows count into ``max_effect_pixels``,
``<use>`` expansion into ``max_nodes`` (satori_py/paint/svg_work.py). Every
refusal happens in render_svg, before resvg sees the document: none of these
tests rasterises what it refuses.
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import LimitError, Limits, h, render_png, render_svg
from satori_py.paint.svg_work import svg_work

EFFECT = "would bring the filter work of the render to more than 150000000 pixels (the max_effect_pixels limit)."
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def data_uri(markup: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode()).decode()


def filtered(primitive: str, width: int = 200, height: int = 100, extra: str = "") -> str:
    return (f'<svg {SVG_NS} width="{width}" height="{height}"{extra}><filter id="f">{primitive}</filter>'
            f'<rect width="{width}" height="{height}" filter="url(#f)"/></svg>')


def use_chain(levels: int) -> str:
    """Ten <use> of the level below per level: 10**levels rectangles."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    defs += [f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, levels + 1)]
    return f'<svg {SVG_NS} width="200" height="100"><defs>{"".join(defs)}</defs><use href="#l{levels}"/></svg>'


def img(markup: str, **props: Any) -> dict[str, Any]:
    return h("img", {"src": data_uri(markup), "width": 200, "height": 100, **props})


def card(*children: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex"}}, *children)


def inline_turbulence(octaves: int) -> dict[str, Any]:
    return h("svg", {"width": 200, "height": 100, "viewBox": "0 0 200 100"},
             h("filter", {"id": "f"}, h("feTurbulence", {"baseFrequency": "0.05", "numOctaves": str(octaves)})),
             h("rect", {"width": 200, "height": 100, "filter": "url(#f)"}))


def limit_error(element: Any, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(element, **{"width": 200, "height": 100, **options})
    return info.value


def test_turbulence_octaves_of_an_inline_svg_count_as_filter_work() -> None:
    # 100,000 octaves over 200x100 px: over a minute in resvg.
    error = limit_error(card(inline_turbulence(100_000)))
    assert str(error) == f"div/svg[0]: The inline SVG's filter primitives {EFFECT}"
    assert error.limit == "max_effect_pixels"
    # Eight octaves render; a raised limit lets the document through as written.
    assert 'numOctaves="8"' in render_svg(card(inline_turbulence(8)), width=200, height=100).replace("%22", '"')
    limits = Limits(max_effect_pixels=2_000_000_001)
    assert "100000" in render_svg(card(inline_turbulence(100_000)), width=200, height=100, limits=limits)


def test_a_morphology_window_counts_as_filter_work() -> None:
    error = limit_error(card(img(filtered('<feMorphology radius="1000"/>', 1200, 630), width=1200, height=630)),
                        width=1200, height=630)
    assert str(error) == f"div/img[0]: The SVG image's filter primitives {EFFECT}"
    assert error.limit == "max_effect_pixels"
    render_svg(card(img(filtered('<feMorphology radius="3"/>'))), width=200, height=100)


def test_a_cached_svg_image_counts_each_time_it_is_drawn() -> None:
    # 200x100 px x 5,000 octaves = 100 million: one fits, two don't (the second is a cache hit).
    markup = filtered('<feTurbulence numOctaves="5000"/>')
    render_svg(card(img(markup)), width=200, height=100)
    error = limit_error(card(img(markup), img(markup)))
    assert str(error) == f"div/img[1]: The SVG image's filter primitives {EFFECT}"


def test_use_expansion_counts_against_max_nodes() -> None:
    error = limit_error(card(img(use_chain(6))))
    assert str(error) == ("div/img[0]: An SVG image expands its <use> elements to more than 100000 elements "
                          "(the max_nodes limit).")
    assert error.limit == "max_nodes"
    inline = h("svg", {"width": 200, "height": 100},
               h("defs", {}, h("rect", {"id": "l0", "width": 1, "height": 1}),
                 *[h("g", {"id": f"l{i}"}, *[h("use", {"href": f"#l{i - 1}"}) for _ in range(10)])
                   for i in range(1, 7)]),
               h("use", {"href": "#l6"}))
    error = limit_error(card(inline))
    assert str(error) == ("div/svg[0]: The inline SVG expands its <use> elements to more than 100000 elements "
                          "(the max_nodes limit).")
    # A thousand rectangles are drawn.
    assert render_png(card(img(use_chain(3))), width=200, height=100)[:4] == b"\x89PNG"


def test_svg_work_counts() -> None:
    assert svg_work(filtered('<feTurbulence numOctaves="10"/>'), 200, 100) == 200 * 100 * 10
    assert svg_work(filtered("<feTurbulence/>"), 200, 100) == 200 * 100  # one octave by default
    # Morphology: the window (2r+1 per axis, scaled by the viewBox) stops at twice the region.
    assert svg_work(filtered('<feMorphology radius="2 1"/>'), 200, 100) == 200 * 100 * 5 * 3 // 16
    assert svg_work(filtered('<feMorphology radius="1"/>', extra=' viewBox="0 0 100 50"'), 200, 100) \
        == 200 * 100 * 5 * 5 // 16
    assert svg_work(filtered('<feMorphology radius="1e9"/>'), 200, 100) == 200 * 100 * 401 * 201 // 16
    assert svg_work(filtered('<feTurbulence numOctaves="1e999"/>'), 200, 100) == 2 ** 62
    # A recursive <use> is resvg's to skip; markup expat can't read counts nothing.
    assert svg_work(f'<svg {SVG_NS}><g id="a"><use href="#a"/></g></svg>', 10, 10) == 0
    assert svg_work('<svg><feTurbulence numOctaves="9e9"></svg', 10, 10) == 0


def test_huge_strokes_and_shapes_count_against_max_stroke_reach() -> None:
    # Coordinates past the limit are refused as the painter's own curves are (raster_cost.py);
    # the width is what costs: a circle stroked 1e9 wide took 0.28 s of resvg, 1e308 borders 25 s.
    arc = f'<svg {SVG_NS} width="200" height="100"><path d="M0 0A1e7 1e7 0 0 1 100 50" stroke="red"/></svg>'
    error = limit_error(card(img(arc)))
    assert str(error) == ("div/img[0]: An SVG image has a <path> reaching 10000000px, over the max_stroke_reach "
                          "limit of 2097152.")
    assert error.limit == "max_stroke_reach"
    wide = h("svg", {"width": 200, "height": 100, "viewBox": "0 0 20 10"},
             h("circle", {"r": 5, "stroke": "red", "style": {"strokeWidth": 1e6}}))
    error = limit_error(card(wide))
    assert str(error) == ("div/svg[0]: The inline SVG strokes a line 10000000px wide, over the max_stroke_reach "
                          "limit of 2097152.")
    # Without a stroke anywhere a huge shape is only filled; a stroke of 1e999 is infinite.
    assert svg_work(f'<svg {SVG_NS}><circle r="1e9"/></svg>', 200, 100) == 0
    with pytest.raises(LimitError, match="strokes a line infinitely many px wide"):
        svg_work(f'<svg {SVG_NS}><circle r="1" stroke="red" stroke-width="1e999"/></svg>', 200, 100)
    render_svg(card(img(arc.replace("1e7 1e7", "70 70"))), width=200, height=100)
