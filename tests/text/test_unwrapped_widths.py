"""A text node measured at a width at least its max-content width flows no line break: its
layout there is the max-content one, reused (layout asks a paragraph for its max-content
size and then, often, for its size at the width it was given, which is wider)."""
from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satori_py.api import default_fonts
from satori_py.style import ComputedStyle, compute_style, root_style
from satori_py.text import inline_text
from satori_py.text.fonts import FontRegistry
from satori_py.text.paragraph import Paragraph, TextItem
from tests.support.counting import count_calls

_REGISTRY = FontRegistry(default_fonts())


def _style(css: dict[str, Any]) -> ComputedStyle:
    root = root_style(width=400, height=None)
    return compute_style("div", {"style": {"width": 400, **css}}, root, viewport=(400.0, 0.0))


def _node(text: str, css: dict[str, Any]) -> inline_text.TextNode:
    style = _style(css)
    node = Paragraph([TextItem(text, style, "div/#text[0]")], style, _REGISTRY).inline.text_node
    assert node is not None
    node.memo_key = None  # measured afresh: no flow shared through the process-wide memo
    return node


def _laid_out(node: inline_text.TextNode, width: float) -> tuple[Any, ...]:
    size = inline_text.layout_size(node, width)
    flow = node.flow
    return size, flow.placed, flow.line_widths, flow.baselines, flow.line_heights, flow.last_baseline


_WORDS = st.sampled_from(["Satori", "og", "image", "a", "", " ", "  ", "\t", "\n", "well-known", "\u00a0",
                          "supercalifragilistic", "日本語", "x/y", "end."])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(_WORDS, min_size=1, max_size=12), first=st.just(math.inf) | st.floats(0, 500),
       more=st.floats(0, 300),
       css=st.fixed_dictionaries({}, optional={
           "whiteSpace": st.sampled_from(["normal", "pre", "pre-wrap", "nowrap", "pre-line"]),
           "wordBreak": st.sampled_from(["normal", "break-all", "keep-all"]),
           "textIndent": st.sampled_from([0, 12, "10%"]),
           "textWrap": st.sampled_from(["wrap", "balance", "pretty"]),
           "textAlign": st.sampled_from(["left", "center", "justify"]),
           "letterSpacing": st.sampled_from([0, 1.5]), "fontSize": st.sampled_from([10, 31]),
           "lineClamp": st.sampled_from([1, 2])}))
def test_a_width_past_an_unwrapped_width_lays_out_as_the_long_way(
        words: list[str], first: float, more: float, css: dict[str, Any]) -> None:
    # Laid out first at max-content, or at a width (where lines may or may not wrap), then
    # at a width past the first flow's.
    text = " ".join(words)
    node = _node(text, css)
    width = inline_text.layout_size(node, first)[0] + more
    fresh = _node(text, css)  # never laid out before: the long way
    assert _laid_out(node, width) == _laid_out(fresh, width)
    assert _laid_out(node, math.inf) == _laid_out(_node(text, css), math.inf)


def test_the_flow_is_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    node = _node("A title that fits on one line", {"fontSize": 20})
    breaks = count_calls(monkeypatch, inline_text, "break_text_node")
    size = inline_text.layout_size(node, math.inf)
    assert breaks[0] == 1
    for width in (size[0], size[0] + 0.5, 400.0):
        assert inline_text.layout_size(node, width) == size
        assert node.flowed_width == width
    assert breaks[0] == 1
    inline_text.layout_size(node, size[0] - 1)  # narrower: wraps, laid out
    assert breaks[0] == 2
    # A width at which no line wrapped stands for max-content, and for any width past it.
    other = _node("Another title that fits", {"fontSize": 20})
    before = breaks[0]
    fitted = inline_text.layout_size(other, 300.0)
    assert inline_text.layout_size(other, fitted[0] + 1) == fitted
    assert inline_text.layout_size(other, math.inf) == fitted
    assert breaks[0] == before + 1
    # Balanced lines depend on the width: laid out at each.
    balanced = _node("A title that fits on one line", {"fontSize": 20, "textWrap": "balance"})
    size = inline_text.layout_size(balanced, math.inf)
    before = breaks[0]
    inline_text.layout_size(balanced, size[0] + 10)
    assert breaks[0] > before
