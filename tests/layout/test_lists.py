"""Lists: counter styles, counters in tree order, and where markers go."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.element import Element, TextNode
from satori_py.layout.counter_styles import format_counter, marker_text
from satori_py.layout.lists import Counters, apply_counters, find_marker_target
from satori_py.style import ComputedStyle, root_style

from .support import boxes, d, lay_out


@pytest.mark.parametrize(("value", "style", "text"), [
    (1994, "upper-roman", "MCMXCIV. "), (28, "lower-alpha", "ab. "), (5, "decimal-leading-zero", "05. "),
    (-3, "decimal", "-3. "), (0, "lower-roman", "0. "), (2, "disc", "\u2022 "), (12, "hebrew", "\u05d9\u05d1. "),
    (3, "cjk-decimal", "\u4e09\u3001"), (4, '"->"', "->"), (7, "no-such-style", "7. "),
])
def test_marker_text(value: int, style: str, text: str) -> None:
    assert marker_text(value, style) == text


def test_format_counter_has_no_suffix_and_none_is_empty() -> None:
    assert format_counter(3, "lower-greek") == "\u03b3"
    assert format_counter(3, "none") == ""


def _style(**values: Any) -> ComputedStyle:
    """A computed style with ``values`` (the rest initial)."""
    return root_style(width=100, height=100).replace(**values)


def test_counters_nest_and_go_out_of_scope() -> None:
    counters = Counters()
    apply_counters(counters, _style(counterReset=[{"name": "c", "value": 0}]), "root", ())
    apply_counters(counters, _style(counterIncrement=[{"name": "c", "value": 2}]), "root/ol", ())
    apply_counters(counters, _style(counterReset=[{"name": "c", "value": 10}]), "root/ol/li", ())
    assert counters.values("c") == [2, 10]
    counters.close_scope("root/ol/li")
    assert counters.values("c") == [2]


def test_a_reversed_list_counts_its_items() -> None:
    items = tuple(Element("li", {}, (), f"ol/li[{i}]") for i in range(3))
    counters = Counters()
    apply_counters(counters, _style(counterReset=[{"name": "list-item", "reversed": True}]), "", items)
    assert counters.value("list-item") == 4 and counters.is_reversed("list-item")


def test_marker_target_skips_floats_and_nests_into_blocks() -> None:
    kids = (TextNode(" ", "li/#text[0]"), Element("div", {"style": {"float": "left"}}, (), "li/div[1]"),
            Element("p", {}, (), "li/p[2]"))
    target = find_marker_target(kids, False)
    assert (target.index, target.nested) == (2, True)
    text = (TextNode("x", "li/#text[0]"),)
    assert find_marker_target(text, True).wrap


# Boxes of the real Satori 0.63.2 (onNodeDetected), for the same elements.

def test_outside_decimal_marker_ends_at_the_content() -> None:
    b = boxes(d({"fontSize": 14, "margin": 0}, d({}, "one", t="li"), t="ol"), 200, 100)
    assert b["ol"] == (0, 0, 200, 18)
    assert b["ol/li[0]"] == (40, 0, 160, 18)
    assert b["ol/li[0]/::marker[0]"] == (40, 0, 0, 18)
    assert b["ol/li[0]/::marker[0]/span[0]"] == (25, 0, 15, 18)


def test_markers_count_start_value_and_nested_lists() -> None:
    el = d({"fontSize": 14},
           d({}, d({}, "one", t="li"), d({}, "two", t="li", value=10), d({}, d({}, "nested", t="li"), t="ul"),
             t="ol", start=3))
    root = lay_out(el, 400, 200).root
    texts = []

    def visit(box: object) -> None:
        if getattr(box, "paragraph", None) is not None and "::marker" in box.path:  # type: ignore[attr-defined]
            texts.extend(i.text for i in box.paragraph.items if hasattr(i, "text"))  # type: ignore[attr-defined]
        for child in [*box.atomics.values(), *box.children]:  # type: ignore[attr-defined]
            visit(child)

    visit(root)
    assert texts == ["3. ", "10. "]
    b = boxes(el, 400, 200)
    # The nested list's disc is a shape: a 6px circle before its content.
    assert b["div/ol[0]/ul[2]/li[0]/::marker[0]"] == (63.5, 56.5, 6, 6)


def test_counters_in_generated_content_take_their_values_in_tree_order() -> None:
    def counter(style: str, separator: str | None = None) -> dict[str, object]:
        return {"type": "::counter", "props": {"name": "s", "separator": separator, "counterStyle": style}}

    def section(*kids: object) -> dict[str, object]:
        return d({"counterIncrement": "s"}, {"type": "::before", "props": {"children": [counter("upper-roman"),
                                                                                     ". "]}}, *kids)

    el = d({"counterReset": "s 1"}, section("a"), section("b"),
           d({"counterReset": "s"}, section({"type": "::before", "props": {"children": counter("decimal", ".")}})))
    root = lay_out(el, 200, 200).root
    texts: list[str] = []

    def visit(box: object) -> None:
        paragraph = getattr(box, "paragraph", None)
        if paragraph is not None:
            texts.extend(i.text for i in paragraph.items if hasattr(i, "text") and i.path.count("::before"))
        for child in [*box.atomics.values(), *box.children]:  # type: ignore[attr-defined]
            visit(child)

    visit(root)
    assert texts == ["II", ". ", "III", ". ", "I", ". ", "3.1"]


def test_a_list_item_sized_to_its_min_content_keeps_its_marker_on_its_line() -> None:
    """Taffy 0.7 reused the min-content measurement (the outside marker alone on a first
    line, two lines) for the item's final width, which equals it: one line, as Satori."""
    el = d({"display": "grid", "gridTemplateColumns": "min-content 1fr", "padding": 30},
           d({}, "st", t="li"), d({}, "x"))
    b = boxes(el, 200, 100)
    assert b["div/li[0]"][3] == 21
