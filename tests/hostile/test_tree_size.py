"""The size of the element tree is known before it is built: markup's tags and attributes
are counted before the HTML parser runs, and elements as they are made.

Before: a million ``<i></i>`` (7 MB of markup) took 15 s and 1.1 GB before the tree
was counted against ``max_nodes``; a million sibling dicts, 4 s.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import LimitError, Limits, SatoriError, h, render_svg
from satori_py import element as element_module
from satori_py.markup import html
from tests.support.counting import count_calls


def limit_error(source: Any, **limits: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(source, width=100, height=100, limits=Limits(**limits))
    assert info.value.limit == "max_nodes"
    return info.value


def test_markup_with_more_tags_than_the_tree_can_have_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_parsed(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(html, "ParseEngine", not_parsed)
    error = limit_error("<div>" + "<i></i>" * 600 + "</div>", max_nodes=10)
    assert str(error) == "The markup has 1202 tags ('<'), more than an element tree within the max_nodes limit of 10 can."


@pytest.mark.parametrize("attributes", [
    " ".join(f"a{i}=1" for i in range(1100)),  # 1,100 attributes of one element (1M took 8 s)
    " a" * 1100,  # bare and repeated: the parser reads each
    'a="1"b="2"' * 550,  # no space between them
])
def test_markup_with_more_attributes_than_the_tree_can_have_is_not_parsed(
        attributes: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_parsed(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(html, "ParseEngine", not_parsed)
    error = limit_error(f"<div {attributes}>x</div>", max_nodes=10)
    assert str(error) == ("The markup has 1100 attributes, more than an element tree within the max_nodes "
                          "limit of 10 can (4 an element).")


def test_attributes_are_counted_as_the_parser_reads_them() -> None:
    # Quoted values are one attribute whatever they hold; text is not counted.
    assert html._attribute_count('<div a=1 b="x y z" c d=e f/>text with words<img src=\'a b\'>') == 6
    assert html._attribute_count("<div\na\nb>x < y<i a>") == 3
    render_svg('<div title="' + " a=1" * 5000 + '" style="display:flex">x</div>', width=100, height=100,
               limits=Limits(max_nodes=10))


def test_markup_within_the_bound_is_counted_as_a_tree() -> None:
    error = limit_error("<div>" + "<i></i>" * 500 + "</div>", max_nodes=10)
    assert str(error) == "div: The element tree has more than 10 nodes (the max_nodes limit)."


def test_elements_stop_being_made_past_max_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    made = count_calls(monkeypatch, element_module, "parse_element")
    error = limit_error(h("div", {}, *[h("span", {}) for _ in range(1000)]), max_nodes=10)
    assert str(error) == "div: The element tree has more than 10 nodes (the max_nodes limit)."
    assert made[0] == 11


def test_json_with_more_arrays_and_objects_than_the_tree_can_have_is_not_decoded(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    # Each decodes to a dict or list of 56 bytes or more from two characters: 9 MB of "{}" took 192 MB
    # to decode, and json_depth's regular expressions 207 MB more (a 256 MiB file: some 5.5 GB).
    import json

    from satori_py.case import load_case

    decoded: list[str] = []
    monkeypatch.setattr(json, "loads", lambda text, *a, **k: decoded.append(text))
    monkeypatch.setattr(element_module, "json_depth", lambda text: decoded.append(text))
    text = '{"type": "div", "props": {"children": [' + ", ".join(["{}"] * 1100) + "]}}"
    with pytest.raises(LimitError) as info:
        render_svg(text, width=10, height=10, limits=Limits(max_nodes=10))
    assert str(info.value) == ("The JSON element has 1103 opening brackets, more arrays and objects than an element tree "
                               "within the max_nodes limit of 10 can hold.")
    assert info.value.limit == "max_nodes"
    case = tmp_path / "case.json"
    case.write_text("[" * 900_000)
    with pytest.raises(LimitError, match=rf"^The case file {case} has 900000 opening brackets, more arrays and "
                                         "objects than an element tree within the max_nodes limit of 100000 can hold"):
        load_case(case)
    assert decoded == []
    monkeypatch.undo()
    # Within the bound (8 per node and 1000 more), decoded: its children are not elements.
    with pytest.raises(SatoriError, match="Invalid element type null"):
        render_svg(text, width=10, height=10, limits=Limits(max_nodes=1002))
