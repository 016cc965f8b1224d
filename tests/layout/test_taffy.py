"""The Taffy bridge: boxes, block margins, flex, absolute placement and rounding."""
from __future__ import annotations

import math

import pytest

from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout
from satori_py.style.types import Percent


def boxes(node: LayoutNode) -> list[tuple[float, float, float, float]]:
    out = [(node.box.left, node.box.top, node.box.width, node.box.height)]
    for child in node.children:
        out.extend(boxes(child))
    return out


def test_flex_row_grows_and_rounds_like_the_reference() -> None:
    kids = [LayoutNode(NodeStyle(display="block", flex_grow=1.0, flex_basis=0.0)) for _ in range(3)]
    root = LayoutNode(NodeStyle(display="flex", width=100.0, height=10.0), kids)
    compute_layout(root, width=100, height=10)
    assert [b[:3] for b in boxes(root)[1:]] == [(0, 0, 33), (33, 0, 34), (67, 0, 33)]


def test_block_margins_collapse_and_content_box_adds_padding() -> None:
    a = LayoutNode(NodeStyle(display="block", height=10.0, margin_bottom=20.0))
    b = LayoutNode(NodeStyle(display="block", height=10.0, margin_top=15.0))
    root = LayoutNode(NodeStyle(display="block", width=100.0, padding_top=5.0, padding_left=5.0), [a, b])
    compute_layout(root, width=200, height=None)
    assert boxes(root) == [(0, 0, 105, 5 + 10 + 20 + 10), (5, 5, 100, 10), (5, 35, 100, 10)]


def test_absolute_is_placed_in_the_padding_box_with_percent_insets() -> None:
    child = LayoutNode(NodeStyle(display="block", position="absolute", left=Percent(50), top=10.0, width=10.0,
                                 height=10.0))
    root = LayoutNode(NodeStyle(display="block", width=200.0, height=100.0, border_left_width=4.0),
                      [child])
    compute_layout(root, width=None, height=None)
    assert boxes(root)[1] == (4 + 100, 10, 10, 10)


def test_measured_leaf_is_rounded_up_and_gets_modes() -> None:
    calls = []

    def measure(width: float, height: float, mode: str) -> tuple[float, float]:
        calls.append(mode)
        return (min(width, 50.2) if not math.isinf(width) else 50.2, 10.1)

    leaf = LayoutNode(NodeStyle(display="block"), measure=measure)
    root = LayoutNode(NodeStyle(display="flex", width=300.0), [leaf])
    compute_layout(root, width=300, height=None)
    assert boxes(root)[1] == (0, 0, 51, 11)
    assert set(calls) <= {"definite", "min-content", "max-content"}


def test_errors_in_measure_are_not_swallowed() -> None:
    def measure(width: float, height: float, mode: str) -> tuple[float, float]:
        raise KeyError("boom")

    root = LayoutNode(NodeStyle(display="flex", width=300.0), [LayoutNode(NodeStyle(), measure=measure)])
    with pytest.raises(KeyError):
        compute_layout(root, width=300, height=None)
