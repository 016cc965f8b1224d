"""Filters: the primitives and groups of ``filter`` and ``backdropFilter`` functions
(Satori 0.63.2 ``builder/backdrop-filter.ts``, ``layout.ts``); parsing: tests/style/test_filters.py."""
from __future__ import annotations

import xml.etree.ElementTree as ET


from satori_py import render_svg
from satori_py.paint.filter import build_primitives, expansion, filter_group
from satori_py.style.paint_types import FilterFunction
from satori_py.svg import SvgNode, serialize

NS = "{http://www.w3.org/2000/svg}"


def test_expansion() -> None:
    assert expansion([FilterFunction("blur", 2.0), FilterFunction("drop-shadow", 1.0, (4.0, -2.0))]) == \
        (6.0, 6.0, 7.0, 6.0)


def test_primitives_chain() -> None:
    nodes = build_primitives([FilterFunction("invert", 0.25), FilterFunction("brightness", 2.0)], "f",
                             "SourceGraphic", clip_to_source=False)
    assert [serialize(n) for n in nodes] == [
        ('<feComponentTransfer in="SourceGraphic" result="f-0"><feFuncR type="linear" slope="0.5" '
        'intercept="0.25"/><feFuncG type="linear" slope="0.5" intercept="0.25"/><feFuncB type="linear" '
        'slope="0.5" intercept="0.25"/></feComponentTransfer>'),
        ('<feComponentTransfer in="f-0" result="f-1"><feFuncR type="linear" slope="2"/><feFuncG '
        'type="linear" slope="2"/><feFuncB type="linear" slope="2"/></feComponentTransfer>')]


def test_drop_shadow_of_a_backdrop_is_cast_by_the_source_only() -> None:
    shadow = FilterFunction("drop-shadow", 1.0, (1.0, 1.0), "red")
    assert build_primitives([shadow], "f", "BackgroundImage", True)[0].attrs["in2"] == "SourceAlpha"
    assert build_primitives([shadow], "f", "SourceGraphic", False)[0].tag == "feFlood"


def test_filter_group_region_is_the_image() -> None:
    content = [SvgNode("rect")]
    defs, nodes = filter_group([FilterFunction("blur", 2.0)], content, "f", (100.0, 50.0))
    assert defs[0].attrs == {"id": "f", "x": -6.0, "y": -6.0, "width": 112.0, "height": 62.0,
                                  "filterUnits": "userSpaceOnUse", "color-interpolation-filters": "sRGB"}
    assert nodes[0].attrs == {"filter": "url(#f)"}
    # A reference to an SVG filter that is not in the document: the whole list is ignored.
    assert filter_group([FilterFunction("url", ref="x"), FilterFunction("blur", 1.0)], content, "f",
                        (1.0, 1.0)) == ([], content)


def test_filter_applies_to_the_element_with_its_descendants() -> None:
    child = {"type": "div", "props": {"style": {"width": 10, "height": 10, "backgroundColor": "blue"}}}
    svg = render_svg({"type": "div", "props": {"style": {"display": "flex", "filter": "blur(2px)",
                                                         "backgroundColor": "red"}, "children": child}},
                     width=100, height=100)
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{NS}g") if g.get("filter") == "url(#f-div)")
    assert [el.get("fill") for el in group] == ["red", "#00f"]


def test_backdrop_filter_needs_enable_background() -> None:
    svg = render_svg({"type": "div", "props": {"style": {"width": 50, "height": 50,
                                                         "backdropFilter": "blur(4px)"}}},
                     width=100, height=100)
    root = ET.fromstring(svg)
    assert root.get("enable-background") == "new"
    shape = next(el for el in root.iter() if el.get("filter") == "url(#bf-div)")
    assert shape.get("fill") == "#000" and shape.get("clip-path") == "url(#bf-div-clip)"
    primitive = next(root.iter(f"{NS}feGaussianBlur"))
    assert primitive.get("in") == "BackgroundImage"
