"""Element input: parsing, children normalisation, node paths and errors."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.element import MAX_DEPTH, Element, TextNode, _children, _flatten, _value, h, load_element, parse_element
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


# -- the shortcuts of parse_element, held to the long way ------------------------------------

_LEAVES = st.one_of(
    st.text(max_size=4), st.integers(-10, 10), st.sampled_from([2 ** 1100, -(2 ** 1100), 2 ** 1024 - 2 ** 970]),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(), st.sampled_from(["\ud800x", "é"]))


def _component(**props: object) -> object:
    return props.get("children")


_CHILDREN = st.recursive(
    _LEAVES.filter(lambda v: not (isinstance(v, float) and not math.isfinite(v)))
    | st.builds(lambda t: {"type": t, "props": {}}, st.sampled_from(["div", "span"]))
    | st.builds(lambda c: {"type": _component, "props": {"children": c}}, st.text(max_size=3)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_CHILDREN)
def test_children_as_flatten_gives_them(children: object) -> None:
    """_children (a list's strings and elements without a generator each) yields what
    _flatten does, in order."""
    assert list(_children(children, "div", MAX_DEPTH)) == list(_flatten(children, "div", max_depth=MAX_DEPTH))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "width", "title"]), _LEAVES, max_size=4),
       st.dictionaries(st.sampled_from(["fontSize", "color", "margin"]), _LEAVES, max_size=3))
def test_props_and_style_values_are_as_value_makes_them(props: dict[str, object], style: dict[str, object]) -> None:
    """Values kept as they are (ASCII strings, floats, ints within a double's range) are what
    _value makes of them; the others are _value's."""
    el = parse_element({"type": "div", "props": {**props, "style": style}})
    same = lambda a, b: a == b or (a != a and b != b)  # noqa: E731 (NaN is NaN)
    assert all(same(el.style[k], _value(v)) and type(el.style[k]) is type(_value(v)) for k, v in style.items())
    assert all(same(el.props[k], _value(v)) and type(el.props[k]) is type(_value(v)) for k, v in props.items())
