"""The size of the element tree is known before it is built: markup's tags are counted
before the HTML parser runs, and elements as they are made.

Before: a million ``<i></i>`` (7 MB of markup) took 15 s and 1.1 GB before the tree
was counted against ``max_nodes``; a million sibling dicts, 4 s.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import LimitError, Limits, h, render_svg
from satori_py import element as element_module
from satori_py.markup import html


def limit_error(source: Any, **limits: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(source, width=100, height=100, limits=Limits(**limits))
    assert info.value.limit == "max_nodes"
    return info.value


def test_markup_with_more_tags_than_the_tree_can_have_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_parsed(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(html, "JustHTML", not_parsed)
    error = limit_error("<div>" + "<i></i>" * 600 + "</div>", max_nodes=10)
    assert str(error) == "The markup has 1202 tags ('<'), more than an element tree within the max_nodes limit of 10 can."


def test_markup_within_the_bound_is_counted_as_a_tree() -> None:
    error = limit_error("<div>" + "<i></i>" * 500 + "</div>", max_nodes=10)
    assert str(error) == "div: The element tree has more than 10 nodes (the max_nodes limit)."


def test_elements_stop_being_made_past_max_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    made = [0]
    real = element_module.parse_element

    def counted(*args: Any, **kwargs: Any) -> Any:
        made[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(element_module, "parse_element", counted)
    error = limit_error(h("div", {}, *[h("span", {}) for _ in range(1000)]), max_nodes=10)
    assert str(error) == "div: The element tree has more than 10 nodes (the max_nodes limit)."
    assert made[0] == 11
