"""Element input: parsing, children normalisation, node paths and errors."""
from __future__ import annotations

import json

import pytest

from satori_py.element import Element, TextNode, h, load_element
from satori_py.errors import InvalidElementError


def test_children_are_flattened_and_null_bool_dropped() -> None:
    el = load_element({"type": "div", "props": {"children": [
        "a", None, True, False, [1, [2.0, {"type": "span", "props": {"children": "x"}}]]]}})
    assert [type(c).__name__ for c in el.children] == ["TextNode", "Element"]
    assert el.children[0] == TextNode("a12", "div/#text[0]")  # adjacent text merges, as in React
    span = el.children[1]
    assert isinstance(span, Element) and span.path == "div/span[1]"
    assert span.children == (TextNode("x", "div/span[1]/#text[0]"),)


def test_json_text_and_file_and_builder_agree(tmp_path) -> None:
    tree = h("div", {"style": {"display": "flex"}}, "hi", h("span", None, "yo"))
    as_text = load_element(json.dumps(tree))
    path = tmp_path / "el.json"
    path.write_text(json.dumps(tree))
    as_file = load_element(path)
    assert as_text == as_file == load_element(tree)
    assert as_text.style == {"display": "flex"}


@pytest.mark.parametrize("data, message", [
    ({"props": {}}, 'Invalid element type null: expected a tag name such as "div".'),
    ({"type": "div", "props": {"children": [{"type": 3}]}},
     'div/?[0]: Invalid element type 3: expected a tag name such as "div".'),
    ({"type": "div", "props": {"children": {"type": "p", "props": {"children": [object]}}}},
     "div/p[0]: Invalid child \"<class 'object'>\": expected a string, number, element or list."),
    ({"type": "div", "props": {"style": "color: red"}},
     'div: Invalid style "color: red": expected an object.'),
    # A Python dict's key (was a TypeError from the CSS length check: "object of type 'int' has no len()").
    ({"type": "div", "props": {"children": {"type": "p", "props": {"style": {"color": "red", 5: "x"}}}}},
     "div/p[0]: Invalid style property 5: expected a string."),
    ({"type": "div", "props": {"dangerouslySetInnerHTML": {"__html": "x"}}},
     "div: dangerouslySetInnerHTML property is not supported. See documentation for more "
     "information https://github.com/vercel/satori#jsx."),
    ("[1,", "The JSON element is not valid JSON: Expecting value at column 4."),
])
def test_invalid_shapes_name_the_node(data, message) -> None:
    with pytest.raises(InvalidElementError) as info:
        load_element(data)
    assert str(info.value) == message


def test_too_deep_trees_raise_limit_error_not_recursion_error() -> None:
    from satori_py.errors import LimitError
    tree: dict = {"type": "div", "props": {}}
    for _ in range(300):
        tree = {"type": "div", "props": {"children": tree}}
    with pytest.raises(LimitError) as info:
        load_element(tree)
    assert str(info.value).endswith(": The element tree is deeper than 256 levels (the max_depth limit).")
    assert info.value.path.startswith("div/div[0]/div[0]")
    nested: list = ["x"]
    for _ in range(300):
        nested = [nested]
    with pytest.raises(LimitError, match=r"^div: The children lists are nested deeper than 256 levels \(the max_depth limit\)\.$"):
        load_element({"type": "div", "props": {"children": nested}})


def test_too_many_nodes_raise_limit_error() -> None:
    from satori_py.element import check_limits
    from satori_py.errors import LimitError
    el = load_element(h("div", None, *[h("span", None, "x") for _ in range(10)]))
    with pytest.raises(LimitError, match=r"^div: The element tree has more than 15 nodes \(the max_nodes limit\)\.$"):
        check_limits(el, max_nodes=15)


def test_style_sheets_may_come_from_inner_html() -> None:
    el = load_element({"type": "style", "props": {"dangerouslySetInnerHTML": {"__html": "div{color:red}"}}})
    assert el.children == (TextNode("div{color:red}", "style/#text[0]"),)
    assert "dangerouslySetInnerHTML" not in el.props
