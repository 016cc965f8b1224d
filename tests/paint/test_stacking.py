"""Paint order, stacking contexts, opacity and blending (Satori 0.63.2 ``layout.ts``).

Each case was checked against the reference's rendering of the same tree.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from satori_py import render_svg

NS = "{http://www.w3.org/2000/svg}"


def div(style: dict[str, Any], *children: Any) -> dict[str, Any]:
    props: dict[str, Any] = {"style": style}
    if children:
        props["children"] = list(children)
    return {"type": "div", "props": props}


def box(color: str, **style: Any) -> dict[str, Any]:
    return div({"width": 20, "height": 20, "backgroundColor": color, **style})


def fills(element: dict[str, Any]) -> list[str]:
    root = ET.fromstring(render_svg(element, width=100, height=100))
    return [el.get("fill", "") for el in root.iter() if el.tag in (f"{NS}rect", f"{NS}path")
            and el.get("fill") not in (None, "#fff", "#000")]


def test_positioned_boxes_paint_after_in_flow_ones_by_z_index() -> None:
    assert fills(div({"display": "flex"},
                     box("red", position="relative", zIndex=2),
                     box("blue"),
                     box("green", position="relative", zIndex=-1),
                     box("yellow", position="relative"))) == ["green", "#00f", "#ff0", "red"]


def test_z_index_applies_to_flex_items() -> None:
    assert fills(div({"display": "flex"}, box("red", zIndex=3), box("blue", zIndex=1), box("green"))) == \
        ["green", "#00f", "red"]


def test_z_index_is_ignored_on_static_blocks() -> None:
    assert fills(div({}, box("red", zIndex=3), box("blue"))) == ["red", "#00f"]


def test_a_stacking_context_keeps_its_descendants() -> None:
    # The negative z-index child stays in its opacity parent's group, over the parent's background.
    tree = div({"display": "flex"},
               div({"display": "flex", "opacity": 0.5, "width": 50, "height": 50, "backgroundColor": "yellow"},
                   box("red", position="absolute", zIndex=-1)),
               box("blue"))
    root = ET.fromstring(render_svg(tree, width=100, height=100))
    group = next(g for g in root.iter(f"{NS}g") if g.get("opacity") == "0.5")
    assert [el.get("fill") for el in group] == ["#ff0", "red"]


def test_opacity_of_a_single_shape_is_its_fill_opacity() -> None:
    svg = render_svg(box("red", opacity=0.25), width=100, height=100)
    assert 'fill-opacity="0.25"' in svg and "<g" not in svg


def test_opacity_zero_draws_nothing() -> None:
    assert fills(div({"display": "flex"}, div({"opacity": 0}, box("red", position="absolute")))) == []


def test_blending_isolates_its_stacking_context() -> None:
    tree = div({"display": "flex"}, div({"display": "flex", "isolation": "isolate"},
                                        box("red"), box("blue", mixBlendMode="multiply")))
    svg = render_svg(tree, width=100, height=100)
    assert 'style="mix-blend-mode:multiply"' in svg
    assert 'style="isolation:isolate"' in svg


def test_visibility_hidden_keeps_visible_descendants() -> None:
    assert fills(div({"display": "flex", "visibility": "hidden", "backgroundColor": "red"},
                     box("blue", visibility="visible"))) == ["#00f"]


def test_flex_items_paint_in_order() -> None:
    assert fills(div({"display": "flex"}, box("red", order=1), box("blue"))) == ["#00f", "red"]
