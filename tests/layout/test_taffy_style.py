"""Taffy style dicts: stretchable's defaults, and the memo of checked dicts."""
from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import pytest
from stretchable import Style

from satori_py.layout import taffy, taffy_style
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout
from satori_py.layout.taffy_style import DEFAULTS, FitLimits, OwnSizes, node_style
from satori_py.style.types import Percent


def _plain(value: Any) -> Any:
    """A dict of stretchable's with enums as ints and NaN comparable."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return int(value) if isinstance(value, int) else value


def test_defaults_are_stretchables_and_every_other_field_is_set() -> None:
    base = Style().to_dict()
    assert {key: _plain(base[key]) for key in DEFAULTS} == _plain(DEFAULTS)
    assert set(taffy_style.taffy_style(NodeStyle())) == set(base)
    grid = NodeStyle(display="grid", box_sizing="border-box")
    assert _plain(taffy_style.taffy_style(grid)) == _plain({**base, "display": 2})
    # Any other node has no track lists (only a grid container reads them: Taffy's default).
    tracks = ("grid_template_rows", "grid_template_columns", "grid_auto_rows", "grid_auto_columns")
    assert _plain(taffy_style.taffy_style(NodeStyle(box_sizing="border-box"))) == \
        _plain({**base, **{key: [] for key in tracks}})


@pytest.fixture()
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[NodeStyle]:
    taffy._releaser()  # its first use lays out a probe
    made: list[NodeStyle] = []
    convert = taffy_style.taffy_style

    def counted(style: NodeStyle, *args: Any) -> dict[str, Any]:
        made.append(style)
        return convert(style, *args)

    monkeypatch.setattr(taffy_style, "taffy_style", counted)
    taffy_style._STYLES.clear()
    return made


def _tree() -> LayoutNode:
    return LayoutNode(NodeStyle(display="flex", width=200.0, padding_left=20.0), [
        LayoutNode(NodeStyle(display="flex", flex_grow=1.0, height=20.0)),
        LayoutNode(NodeStyle(display="flex", flex_grow=1.0, height=20.0)),
    ])


def test_a_style_is_converted_once_and_the_boxes_stay(conversions: list[NodeStyle]) -> None:
    first = _tree()
    compute_layout(first, width=None, height=None)
    assert len(conversions) == 2  # the two items share one style
    again = _tree()
    compute_layout(again, width=None, height=None)
    assert len(conversions) == 2
    assert [c.box for c in again.children] == [c.box for c in first.children]
    assert (again.children[1].box.left, again.children[1].box.width) == (120.0, 100.0)  # content-box: 200 px beside the padding


def test_what_the_dict_depends_on_is_in_the_key(conversions: list[NodeStyle]) -> None:
    style = NodeStyle(width=10.0)
    plain = node_style(style, None)
    assert node_style(NodeStyle(width=10.0), None) is plain
    assert node_style(style._replace(width=11.0), None)["size"]["width"]["value"] == 11.0
    assert node_style(style._replace(width=Percent(11)), None)["size"]["width"] == {"dim": 2, "value": 0.11}
    capped = node_style(style, None, limits=FitLimits(cap_width=5.0))
    assert capped["max_size"]["width"] == {"dim": 1, "value": 5.0}
    assert node_style(style, None, limits=FitLimits())["max_size"]["width"]["dim"] == 0
    own = node_style(style, None, OwnSizes(width=7.0, fit_limits=False), FitLimits(cap_width=5.0))
    assert (own["size"]["width"]["value"], own["max_size"]["width"]["dim"]) == (7.0, 0)
    assert node_style(style, None) is plain
    assert len(conversions) == 5


def test_a_value_that_cannot_be_a_key_is_converted_every_time(conversions: list[NodeStyle]) -> None:
    style = NodeStyle(width=10.0, align_self=["unhashable"])
    assert node_style(style, None) == node_style(style, None)
    assert len(conversions) == 2


def test_kept_dicts_are_not_changed_by_the_nodes_that_adapt_them(conversions: list[NodeStyle]) -> None:
    # A percentage height in a block of indefinite height is made auto per node, on a copy.
    tree = LayoutNode(NodeStyle(display="flex", flex_direction="column"), [
        LayoutNode(NodeStyle(display="block"), [LayoutNode(NodeStyle(display="block", height=Percent(50)))])])
    compute_layout(tree, width=100, height=None)
    kept = node_style(NodeStyle(display="block", height=Percent(50)), None)
    assert kept["size"]["height"] == {"dim": 2, "value": 0.5}


def test_a_node_style_is_made_once_per_computed_style_and_shared_by_its_nodes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.images import replaced
    from satori_py.layout import build
    from satori_py.style import memo as style_memo

    from satori_py.element import parse_element
    from satori_py.layout.build import TreeBuilder

    from .support import d, registry

    made: list[NodeStyle] = []
    convert = build._node_style

    def counted(style: Any, display: str) -> NodeStyle:
        made.append(convert(style, display))
        return made[-1]

    monkeypatch.setattr(build, "_node_style", counted)
    style_memo.clear()  # node styles are kept with the computed styles the memo keeps
    # The two images share a computed style (same props), and so a node style; their sizes
    # come from their sources, each in a copy of it.
    sizes = iter([20, 40, 20, 40])

    def image(el: Any, style: Any, fetcher: Any) -> Any:
        return SimpleNamespace(width=next(sizes), height=10)

    monkeypatch.setattr(replaced, "replaced_image", image)  # build imports it with the first image
    el = parse_element(d({"display": "flex", "width": 300}, d({"height": 10}, t="img"), d({"height": 10}, t="img")))

    def widths() -> list[float]:
        result = TreeBuilder(registry(), (300, 100)).layout(el)
        return [child.node.box.width for child in result.root.children[0].children]

    assert widths() == [20.0, 40.0]
    assert (len(made), made[-1].width, made[-1].height) == (2, "auto", 10.0)  # the images' stays as it was
    count = len(made)
    assert widths() == [20.0, 40.0]
    assert len(made) == count  # the second render makes none


@pytest.mark.parametrize(("css", "position", "insets"), [
    ({"position": "static", "top": 5, "width": "50%", "padding": 3, "gap": 2}, "relative", (None,) * 4),
    ({"position": "sticky", "top": 5}, "relative", (None,) * 4),
    ({"position": "fixed", "left": 1, "aspectRatio": 2, "direction": "rtl"}, "absolute",
     ("auto", "auto", "auto", 1.0)),
    ({"position": "relative", "top": "10%", "margin": "auto", "flex": "1 0 20px", "alignSelf": "center",
      "justifyContent": "space-between", "borderWidth": 2, "borderStyle": "solid"}, "relative",
     (Percent(10), "auto", "auto", "auto")),
])
def test_a_node_style_has_its_computed_styles_values(css: dict[str, Any], position: str, insets: tuple[Any, ...]
                                                      ) -> None:
    # build.py fills the fields by position: each must get the computed value of its name.
    from satori_py.layout.build import _node_style
    from satori_py.style import layout_alignment
    from satori_py.style.memo import cached_style, root_style_of

    style = cached_style("div", {"style": css}, root_style_of(width=100, height=100), viewport=(100, 100))
    box, flex = style.box, style.flex
    align = layout_alignment(style)
    expected = NodeStyle(
        display="grid", direction=style.text.direction, order=box.order, position=position,
        box_sizing=box.box_sizing, overflow_x=box.overflow_x, overflow_y=box.overflow_y, width=box.width,
        height=box.height, min_width=box.min_width, min_height=box.min_height, max_width=box.max_width,
        max_height=box.max_height, aspect_ratio=box.aspect_ratio, margin_top=box.margin_top,
        margin_right=box.margin_right, margin_bottom=box.margin_bottom, margin_left=box.margin_left,
        padding_top=box.padding_top, padding_right=box.padding_right, padding_bottom=box.padding_bottom,
        padding_left=box.padding_left, border_top_width=box.border_top_width,
        border_right_width=box.border_right_width, border_bottom_width=box.border_bottom_width,
        border_left_width=box.border_left_width, top=insets[0], right=insets[1], bottom=insets[2], left=insets[3],
        row_gap=flex.row_gap, column_gap=flex.column_gap, flex_direction=flex.flex_direction,
        flex_wrap=flex.flex_wrap, flex_basis=flex.flex_basis, flex_grow=flex.flex_grow, flex_shrink=flex.flex_shrink,
        align_content=align.align_content, align_items=align.align_items, align_self=align.align_self,
        justify_content=align.justify_content, justify_items=align.justify_items, justify_self=align.justify_self)
    made = _node_style(style, "grid")
    assert made._asdict() == expected._asdict() and type(made) is NodeStyle
