"""sizing.defer decides once per node style (layout/sizing.py's memo), with the same outcome."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import render_svg
from satori_py.layout import engine, sizing
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode
from satori_py.style.types import Percent
from tests.support.counting import count_calls

# Percentages of the containing block, a calc() width, a min-content width and a percentage
# minimum height in a block's flow: values defer takes out of the style, and plain ones.
CARD = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column", "width": 400}, "children": [
    {"type": "div", "props": {"style": {"width": "calc(50% + 10px)", "padding": "5%"}, "children": "Calc"}},
    {"type": "div", "props": {"style": {"width": "min-content", "marginLeft": "auto"}, "children": "A few words"}},
    {"type": "div", "props": {"style": {"display": "block", "height": 80}, "children": [
        {"type": "div", "props": {"style": {"minHeight": "50%"}, "children": "Half"}}]}},
    {"type": "div", "props": {"style": {"fontSize": 20}, "children": "Plain"}}]}}


def test_a_node_style_is_decided_once_across_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    sizing._DECIDED.clear()
    expected = render_svg(CARD)
    decided = count_calls(monkeypatch, sizing, "_decide")
    asked = count_calls(monkeypatch, engine, "defer")  # (the engine asks for every element)
    assert render_svg(CARD) == expected
    assert asked[0] >= 6 and decided[0] == 0  # every element's node style decided in the render before
    sizing._DECIDED.clear()
    assert render_svg(CARD) == expected and decided[0] == asked[0] // 2


@pytest.mark.parametrize("in_block", [False, True])
def test_a_kept_decision_gives_each_node_what_a_new_one_does(in_block: bool) -> None:
    style = NodeStyle(display="block", width=Percent(50.0), min_height=Percent(20.0), max_width="min-content")
    outcomes: list[Any] = []
    for _ in range(2):  # decided, then kept
        node = LayoutNode(style)
        entry = sizing.defer(node, in_block)
        assert entry is not None and entry.node is node
        outcomes.append((node.style, entry.values))
    assert outcomes[0] == outcomes[1]
    first, values = outcomes[0]
    assert first.max_width == "auto" and first.width == Percent(50.0)
    assert values == ({"max_width": "min-content", "min_height": Percent(20.0)} if in_block
                      else {"max_width": "min-content"})
    assert outcomes[0][1] is not outcomes[1][1]  # each entry its own values
