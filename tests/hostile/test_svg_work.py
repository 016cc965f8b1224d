"""User SVG that resvg would spend unbounded time on: refused before it is drawn.

Turbulence octaves and morphology windows count into ``max_effect_pixels``,
``<use>`` expansion into ``max_nodes`` (satori_py/images/svg_work.py). Every
refusal happens in render_svg, before resvg sees the document: none of these
tests rasterises what it refuses.
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import LimitError, Limits, h, render_png, render_svg
from satori_py.limits import enforcing
from satori_py.images.svg_work import svg_work

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
    limits = Limits(max_effect_pixels=3_000_000_001)
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
    assert str(error) == ("div/img[0]: An SVG image expands its <use> elements and markers to more than 100000 elements "
                          "(the max_nodes limit).")
    assert error.limit == "max_nodes"
    inline = h("svg", {"width": 200, "height": 100},
               h("defs", {}, h("rect", {"id": "l0", "width": 1, "height": 1}),
                 *[h("g", {"id": f"l{i}"}, *[h("use", {"href": f"#l{i - 1}"}) for _ in range(10)])
                   for i in range(1, 7)]),
               h("use", {"href": "#l6"}))
    error = limit_error(card(inline))
    assert str(error) == ("div/svg[0]: The inline SVG expands its <use> elements and markers to more than 100000 elements "
                          "(the max_nodes limit).")
    # A thousand rectangles are drawn.
    assert render_png(card(img(use_chain(3))), width=200, height=100)[:4] == b"\x89PNG"


def test_svg_work_counts() -> None:
    # A filter's region is its element's box grown by 10% on each side (240x120 px here).
    region = 240 * 120
    assert svg_work(filtered('<feTurbulence numOctaves="10"/>'), 200, 100) == region * 10
    assert svg_work(filtered("<feTurbulence/>"), 200, 100) == region  # one octave by default
    # Morphology: the window (2r+1 per axis, scaled by the viewBox) stops at twice the region.
    assert svg_work(filtered('<feMorphology radius="4 2"/>'), 200, 100) == region * 9 * 5 // 16
    # Under a viewBox of half the size, the rect (and its region) is twice as large on the image.
    assert svg_work(filtered('<feMorphology radius="2"/>', extra=' viewBox="0 0 100 50"'), 200, 100) \
        == 4 * region * 9 * 9 // 16
    side = 2 * (region ** 0.5) + 1
    assert svg_work(filtered('<feMorphology radius="1e9"/>'), 200, 100) == int(region * side * side / 16)
    assert svg_work(filtered('<feTurbulence numOctaves="1e999"/>'), 200, 100) == 2 ** 62
    # Every other primitive makes an image of the region: one pass each.
    assert svg_work(filtered('<feFlood/><feOffset dx="2"/><feGaussianBlur stdDeviation="1e9"/>'), 200, 100) \
        == region * 3
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
    # The scale of each shape counts: a circle of radius 1 stroked under scale(1e7) took 0.56 s of resvg.
    scaled = doc('<g transform="scale(1e7)"><circle r="1" fill="none" stroke="red"/></g>')
    error = limit_error(card(img(scaled)))
    assert str(error) == ("div/img[0]: An SVG image strokes a line 10000000px wide, over the max_stroke_reach "
                          "limit of 2097152.")
    render_svg(card(img(scaled.replace("1e7", "1e5"))), width=200, height=100)
    # Without a stroke anywhere a huge shape is only filled (up to what resvg can draw: a circle
    # 2e9 px across over the image wrapped its rows, and it drew nothing); a stroke of 1e999 is
    # infinite.
    assert svg_work(f'<svg {SVG_NS}><circle r="1e8"/></svg>', 200, 100) == 0
    with pytest.raises(LimitError, match="has a <circle> 2000000000px across on the image, larger than resvg"):
        svg_work(f'<svg {SVG_NS}><circle r="1e9"/></svg>', 200, 100)
    with pytest.raises(LimitError, match="strokes a line infinitely many px wide"):
        svg_work(f'<svg {SVG_NS}><circle r="1" stroke="red" stroke-width="1e999"/></svg>', 200, 100)
    render_svg(card(img(arc.replace("1e7 1e7", "70 70"))), width=200, height=100)


def test_an_svg_image_inside_an_svg_image_counts_with_it() -> None:
    inner = filtered('<feTurbulence numOctaves="100000"/>')
    outer = (f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">'
             f'<image width="200" height="100" xlink:href="{data_uri(inner)}"/></svg>')
    assert svg_work(outer, 200, 100) == 0  # the outer document alone
    error = limit_error(card(img(outer)))
    assert str(error) == f"div/img[0]: The SVG image's filter primitives {EFFECT}"
    render_svg(card(img(outer.replace(data_uri(inner), data_uri(filtered("<feTurbulence/>"))))),
               width=200, height=100)


def doc(body: str, width: int = 200, height: int = 100, extra: str = "") -> str:
    return f'<svg {SVG_NS} width="{width}" height="{height}"{extra}>{body}</svg>'


def flooded(around: str = "{}", filter_attrs: str = "", width: int = 200, height: int = 100) -> str:
    """A 200x100 rect with a one-primitive filter, inside the markup ``around``."""
    rect = f'<rect width="{width}" height="{height}" filter="url(#f)"/>'
    return doc(f'<filter id="f"{filter_attrs}><feFlood/></filter>' + around.format(rect))


def test_a_filter_region_grows_with_the_transforms_above_it() -> None:
    region = 240 * 120
    assert svg_work(flooded('<g transform="scale(3)">{}</g>'), 200, 100) == 9 * region
    assert svg_work(flooded('<g transform="translate(5 5) rotate(30)">{}</g>'), 200, 100) == region
    assert svg_work(flooded('<g transform="scale(2)"><g transform="scale(1.5 3)">{}</g></g>'), 200, 100) \
        == 36 * region
    # Through a <use>, a nested viewport's viewBox, and the document's viewBox at its drawn size.
    assert svg_work(doc('<filter id="f"><feFlood/></filter><defs><rect id="r" width="200" height="100" '
                        'filter="url(#f)"/></defs><use href="#r" transform="scale(2)"/>'), 200, 100) == 4 * region
    assert svg_work(flooded('<svg width="200" height="100" viewBox="0 0 20 10">{}</svg>', width=20, height=10),
                    200, 100) == region
    assert svg_work(flooded(width=2, height=1).replace('height="100"', 'height="100" viewBox="0 0 2 1"', 1),
                    200, 100) == region
    # The region itself: a userSpaceOnUse region is as given; a bounding-box one a fraction of the box.
    assert svg_work(flooded(filter_attrs=' filterUnits="userSpaceOnUse" width="50" height="40"'), 200, 100) \
        == 50 * 40
    assert svg_work(flooded(filter_attrs=' width="50%" height="2"'), 200, 100) == 100 * 200
    # A filter function of the filter property is one pass over the default region.
    assert svg_work(doc('<rect width="200" height="100" filter="blur(5)"/>'), 200, 100) == region


def test_a_filter_region_too_large_for_the_image_is_refused_before_resvg() -> None:
    # resvg allocates most primitives at the whole region: a flood in a region 1000x its element
    # asked for 80 GB and aborted the process (tests/hostile/test_issue_inputs.py).
    error = limit_error(card(img(flooded(filter_attrs=' x="-500" y="-500" width="1000" height="1000"'))))
    assert str(error) == ("div/img[0]: An SVG image has a filter region of 200000px x 100000px on the image, over "
                          "the max_image_pixels limit of 40000000.")
    assert error.limit == "max_image_pixels"
    inline = h("svg", {"width": 200, "height": 100}, h("filter", {"id": "f"}, h("feFlood", {})),
               h("g", {"transform": "scale(1000)"}, h("rect", {"width": 200, "height": 100, "filter": "url(#f)"})))
    error = limit_error(card(inline))
    assert str(error) == ("div/svg[0]: The inline SVG has a filter region of 240000px x 120000px on the image, "
                          "over the max_image_pixels limit of 40000000.")


def test_render_png_counts_user_svg_work_at_its_scale() -> None:
    markup = filtered('<feTurbulence numOctaves="60"/>')  # 28,800 px x 60 = 1.7 million at scale 1
    assert svg_work(markup, 200, 100) == 240 * 120 * 60
    with enforcing(None) as budget:
        budget.raster_scale = 10.0
        assert svg_work(markup, 200, 100) == 240 * 120 * 60 * 100
    with pytest.raises(LimitError) as info:
        render_png(card(img(markup)), width=200, height=100, scale=10)
    assert str(info.value) == f"div/img[0]: The SVG image's filter primitives {EFFECT}"


def test_kernels_count_by_their_size() -> None:
    region = 240 * 120
    kernel = " ".join(["1"] * 64 * 64)
    assert svg_work(filtered(f'<feConvolveMatrix order="64" kernelMatrix="{kernel}"/>'), 200, 100) \
        == region * 64 * 64 // 32
    # resvg ignores a kernel of another size than the order says: one pass.
    assert svg_work(filtered('<feConvolveMatrix order="100000" kernelMatrix="1"/>'), 200, 100) == region


def test_pattern_tiles_are_at_most_max_image_pixels() -> None:
    pattern = ('<pattern id="p" width="{w}" height="{w}" patternUnits="userSpaceOnUse"><rect width="1" height="1"/>'
               '</pattern><rect width="200" height="100" fill="url(#p)"/>')
    error = limit_error(card(img(doc(pattern.format(w=100000)))))
    assert str(error) == ("div/img[0]: An SVG image fills with a <pattern> whose tile is 100000px x 100000px on "
                          "the image, over the max_image_pixels limit of 40000000.")
    assert error.limit == "max_image_pixels"
    # A tile of the element's bounding box (the default units) times 1000; tiny tiles are cheap.
    error = limit_error(card(img(doc(pattern.format(w=1000).replace(' patternUnits="userSpaceOnUse"', "")))))
    assert "whose tile is 200000px x 100000px" in str(error)
    assert svg_work(doc(pattern.format(w=0.001)), 200, 100) == 0


def test_markers_count_once_per_vertex() -> None:
    points = " ".join(f"{i % 200},{i % 100}" for i in range(100_000))
    markup = doc(f'<marker id="m"><circle r="1"/></marker><polyline points="{points}" marker-mid="url(#m)"/>')
    error = limit_error(card(img(markup)))  # 100,000 vertices x 1 circle: 1.8 s of resvg
    assert str(error) == ("div/img[0]: An SVG image expands its <use> elements and markers to more than 100000 "
                          "elements (the max_nodes limit).")
    render_svg(card(img(markup.replace(points, points[:2000]))), width=200, height=100)


def test_an_svg_image_drawn_larger_than_its_size_counts_at_that_size() -> None:
    # A flood in a 200x100 SVG under scale(100): 1.2 GB of resvg (a region of 24000 x 12000 px).
    markup = flooded()
    message = ("div/img[0]: The SVG image, drawn larger than its size, has a filter region of 24000px x 12000px on "
               "the image, over the max_image_pixels limit of 40000000.")
    assert str(limit_error(card(img(markup, style={"transform": "scale(100)"})))) == message
    assert str(limit_error(card(img(markup, width=20000, height=10000)))) == message
    inline = h("svg", {"width": 200, "height": 100, "style": {"transform": "scale(100)"}},
               h("filter", {"id": "f"}, h("feFlood", {})), h("rect", {"width": 200, "height": 100, "filter": "url(#f)"}))
    assert str(limit_error(card(inline))) == message.replace("img", "svg")
    # Work that fits at its own size, drawn 10 times as large (60 octaves over 28,800 x 100 px).
    error = limit_error(card(img(filtered('<feTurbulence numOctaves="60"/>'), width=2000, height=1000)),
                        width=2000, height=1000)
    assert str(error) == f"div/img[0]: The SVG image's filter primitives, drawn larger than its size, {EFFECT}"
    # Drawn twice as large, and as large as it is: within the limits.
    render_svg(card(img(filtered('<feTurbulence numOctaves="60"/>'), width=400, height=200)), width=200, height=100)
    render_svg(card(img(markup, style={"transform": "scale(1)"})), width=200, height=100)
