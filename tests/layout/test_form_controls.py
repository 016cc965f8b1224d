"""Form controls: the generated content of inputs and selects (form-control.ts).

The box tests compare with the real Satori 0.63.2 (``onNodeDetected`` boxes of
``satori-ref/boxes.mjs``, absolute border boxes) for the same elements.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.api import Pipeline
from satori_py.element import Element, TextNode, parse_element
from satori_py.layout.boxes import RenderBox
from satori_py.layout.form_controls import (
    form_control_children,
    input_content,
    select_content,
)
from satori_py.style.computed import ComputedStyle, root_style
from satori_py.style.stylesheet import PLACEHOLDER_PROP

from .support import d, registry

Rect = tuple[float, float, float, float]


def _line(content: list[dict[str, Any]]) -> dict[str, Any]:
    """The ``::input-text`` element of an input's content."""
    [wrapper] = content
    line = wrapper["props"]["children"]
    assert line["type"] == "::input-text"
    return line


def _style(values: dict[str, Any] | None = None, declared: frozenset[str] = frozenset()) -> ComputedStyle:
    """A computed style with ``values`` (the rest initial, font size 16)."""
    return ComputedStyle({**root_style(width=100, height=100), "fontSize": 16.0, **(values or {})},
                         declared=declared)


def _text(props: dict[str, Any], style: dict[str, Any] | None = None) -> Any:
    return _line(input_content(props, _style(style), registry()))["props"]["children"]


# -- inputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("props", "text"), [
    ({"value": "hi"}, "hi"),
    ({"value": "a\r\nb"}, "ab"),  # one line
    ({"value": 0}, "0"),
    ({"value": False}, "false"),  # String(false), as `??` keeps it
    ({"value": None, "defaultValue": "d"}, "d"),
    ({"value": "v", "defaultValue": "d"}, "v"),
    ({"type": "password", "value": "s\u00e9cr\U0001f600"}, "\u2022" * 5),  # one bullet per code point
    ({"type": "EMAIL", "value": "a@b"}, "a@b"),
    ({"value": "", "placeholder": "Name\n"}, "Name"),
    ({"value": "x", "placeholder": "Name"}, "x"),
])
def test_text_inputs_show_their_value_or_placeholder(props: dict[str, Any], text: str) -> None:
    assert _text(props) == text


def test_a_placeholder_is_grey_then_takes_its_sheet_rules() -> None:
    line = _line(input_content({"placeholder": "p", PLACEHOLDER_PROP: {"color": "red", "fontSize": 20}},
                               _style({"fontSize": 16.0}), registry()))
    assert line["props"]["style"]["color"] == "red" and line["props"]["style"]["fontSize"] == 20
    line = _line(input_content({"placeholder": "p"}, _style({"fontSize": 16.0}), registry()))
    assert line["props"]["style"]["color"] == "#757575"
    # A value shows in the input's own colour.
    assert "color" not in _line(input_content({"value": "v", "placeholder": "p"}, _style(),
                                              registry()))["props"]["style"]


@pytest.mark.parametrize(("size", "font_size", "width"), [
    (None, 16.0, "186px"),  # ceil(20 * 0.581 * 16): Geist's xAvgCharWidth is 581/1000
    ("5", 14.0, "41px"),
    (0, 16.0, "186px"),  # not positive: 20
    ("3px", 10.0, "18px"),  # parseInt
])
def test_the_line_is_size_average_characters_wide(size: Any, font_size: float, width: str) -> None:
    line = _line(input_content({"value": "v", "size": size}, _style({"fontSize": font_size}), registry()))
    assert line["props"]["style"]["width"] == width


def test_without_fonts_the_average_character_is_half_an_em() -> None:
    line = _line(input_content({"value": "v"}, _style({"fontSize": 10.0}), None))
    assert line["props"]["style"]["width"] == "100px"


@pytest.mark.parametrize(("props", "label"), [
    ({"type": "submit"}, "Submit"), ({"type": "Reset"}, "Reset"), ({"type": "button", "value": "Go"}, "Go"),
    ({"type": "submit", "value": 3}, "3"),
])
def test_button_inputs_show_a_centred_label(props: dict[str, Any], label: str) -> None:
    [wrapper] = input_content(props, _style({"fontSize": 16.0}), registry())
    assert wrapper["props"]["style"]["justifyContent"] == "center"
    assert wrapper["props"]["children"]["props"]["children"] == label


@pytest.mark.parametrize("props", [
    {"type": "button"}, {"type": "checkbox", "value": "on"}, {"type": "radio"}, {"type": "range"},
    {"type": "submit", "value": "\n"},
])
def test_other_inputs_have_no_content(props: dict[str, Any]) -> None:
    assert input_content(props, _style({"fontSize": 16.0}), registry()) == []


def test_generated_children_replace_the_input_s_own_and_have_paths() -> None:
    el = parse_element({"type": "input", "props": {"value": "v", "children": "dropped"}}, "div/input[0]")
    [wrapper] = form_control_children(el, _style(), registry()) or ()
    assert isinstance(wrapper, Element) and wrapper.path == "div/input[0]/::input[0]"
    [line] = wrapper.children
    assert isinstance(line, Element) and line.path == "div/input[0]/::input[0]/::input-text[0]"
    assert line.children == (TextNode("v", "div/input[0]/::input[0]/::input-text[0]/#text[0]"),)
    assert form_control_children(parse_element({"type": "textarea", "props": {}}), _style(), registry()) is None


# -- selects -----------------------------------------------------------------------------------


def _select(props: dict[str, Any], *options: Any, style: dict[str, Any] | None = None,
            declared: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    el = parse_element({"type": "select", "props": {**props, "children": list(options)}})
    return select_content(el.props, el.children, _style(style, declared))


def _option(text: str, **props: Any) -> dict[str, Any]:
    return {"type": "option", "props": {**props, "children": text}}


def _group(label: str, *options: Any, **props: Any) -> dict[str, Any]:
    return {"type": "optgroup", "props": {"label": label, **props, "children": list(options)}}


def _shown(content: list[dict[str, Any]]) -> str:
    """The label a drop-down shows."""
    text = content[0]["props"]["children"][0]
    return str(text["props"]["children"][0]["props"]["children"])


@pytest.mark.parametrize(("props", "options", "shown"), [
    ({}, [_option("a"), _option("b")], "a"),
    ({}, [_option("a", disabled=True), _option("b")], "b"),  # the first enabled one
    ({}, [_option("a", selected=True), _option("b", selected=True)], "b"),  # the last selected
    ({"value": "y"}, [_option("a", value="x"), _option("b", value="y")], "b"),
    ({"defaultValue": "b"}, [_option("a"), _option("  b  ")], "b"),  # values are collapsed labels
    ({"value": 2}, [_option("one", value=1), _option("two", value=2)], "two"),
    ({"value": "nope"}, [_option("a"), _option("b")], "a"),
    ({}, [_option("text", label="Label")], "Label"),
    ({}, [_option(" a \n\t b ")], "a b"),
    ({}, [_group("G", _option("in group"), disabled=True), _option("after")], "after"),
    ({}, [], ""),
])
def test_a_drop_down_shows_its_selected_option(props: dict[str, Any], options: list[Any], shown: str) -> None:
    assert _shown(_select(props, *options)) == shown


def test_a_drop_down_is_as_wide_as_its_widest_option_and_has_an_arrow() -> None:
    [box] = _select({}, _option("a"), _group("G", _option("b")))
    text, arrow = box["props"]["children"]
    lines = text["props"]["children"]
    assert [line["props"]["style"].get("height") for line in lines] == [None, 0, 0]
    assert lines[2]["props"]["style"]["paddingLeft"] == "1.1em"  # grouped options are indented
    assert arrow["type"] == "::select-arrow" and arrow["props"]["children"]["type"] == "svg"
    assert box["props"]["style"]["padding"] == "1px 0 1px 4px"


def test_appearance_none_drops_the_arrow_and_its_padding() -> None:
    for style in ({"appearance": "None"}, {"WebkitAppearance": "none"}):
        [box] = _select({}, _option("a"), style=style)
        assert len(box["props"]["children"]) == 1 and "padding" not in box["props"]["style"]


def test_the_arrow_moves_by_a_declared_px_padding_right() -> None:
    [box] = _select({}, _option("a"), style={"paddingRight": 8.0}, declared=frozenset({"paddingRight"}))
    assert box["props"]["children"][1]["props"]["style"]["left"] == 8.0
    [box] = _select({}, _option("a"), style={"paddingRight": 0.0})
    assert "left" not in box["props"]["children"][1]["props"]["style"]


def test_a_list_box_shows_size_rows() -> None:
    [box] = _select({"multiple": True, "value": ["a", "c"]}, _option("A", value="a"),
                    _group("G", _option("B", value="b"), _option("C", value="c", disabled=True)),
                    _option("D", value="d"), _option("E", value="e"))
    rows = [(r["props"].get("children"), r["props"]["style"]) for r in box["props"]["children"]]
    assert [label for label, _ in rows] == ["A", "G", "B", "C", "D", "E"]
    assert rows[0][1]["backgroundColor"] == "#cecece"  # selected
    assert rows[1][1]["fontWeight"] == "bold"  # a group
    assert rows[2][1]["paddingLeft"] == 20 and "backgroundColor" not in rows[2][1]
    assert rows[3][1]["color"] == "#101010"  # selected wins over disabled
    # Rows after the 4 visible ones keep their width; `padding: 0` keeps its first position.
    assert rows[4][1]["height"] == 0 and list(rows[4][1]).index("padding") < list(rows[4][1]).index("height")


def test_a_list_box_is_filled_with_empty_rows_and_selects_nothing_by_default() -> None:
    [box] = _select({"size": 3}, _option("A"))
    rows = box["props"]["children"]
    assert len(rows) == 3 and "backgroundColor" not in rows[0]["props"]["style"]
    assert "children" not in rows[1]["props"]


# -- boxes of the real Satori --------------------------------------------------------------------

_BORDER = {"border": "1px solid #767676", "padding": "1px 2px"}


def _boxes(element: dict[str, Any], width: float, height: float) -> dict[str, Rect]:
    """Border boxes by ``data-p`` for elements, by path for generated ones."""
    pipeline = Pipeline(width, height)
    out: dict[str, Rect] = {}

    def visit(box: RenderBox) -> None:
        if box.tag:
            out[box.props.get("data-p") or box.path] = (box.rect.x, box.rect.y, box.rect.width, box.rect.height)
        for atomic in box.atomics.values():
            visit(atomic)
        for child in box.children:
            visit(child)

    visit(pipeline.layout(pipeline.parse(element)).root)
    return out


@pytest.fixture(scope="module")
def boxes() -> dict[str, Rect]:
    return _boxes(d(
        {"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "fontSize": 14},
        d({}, ".ph::placeholder { font-size: 20px; color: red }", t="style"),
        d(_BORDER, t="input", value="hello", **{"data-p": "value"}),
        d({}, t="input", size=5, value="a long value", **{"data-p": "size"}),
        d({}, t="input", placeholder="Big", className="ph", **{"data-p": "ph"}),
        d({}, t="input", **{"data-p": "empty"}),
        d({}, t="input", type="submit", **{"data-p": "submit"}),
        d({}, t="input", type="button", **{"data-p": "button"}),
        d({}, "ignored child", t="input", type="checkbox", **{"data-p": "check"}),
        d({}, _option("Apple", value="a"), _option("Banana split", value="b"), t="select", value="b",
          **{"data-p": "drop"}),
        d({"appearance": "none"}, _option("No arrow"), t="select", **{"data-p": "none"}),
        d({"paddingRight": 10}, _option("x"), t="select", **{"data-p": "pr"}),
        d({}, _option("One", selected=True), _group("G", _option("Two")), t="select", multiple=True,
          **{"data-p": "list"}),
        d({}, _option("A"), _option("B"), _option("Hidden wide row"), t="select", size=2, **{"data-p": "size2"}),
        d({}, "text", t="textarea", rows=4, cols=30, **{"data-p": "ta"}),
        d({"width": "10ch", "fontSize": 20}, **{"data-p": "ch"}),
    ), 300, 500)


_DROP = "div/select[8]/::select[0]"


@pytest.mark.parametrize(("key", "rect"), [
    ("value", (0, 0, 169, 22)),
    ("div/input[1]/::input[0]", (3, 2, 163, 18)),
    ("size", (0, 22, 41, 18)),
    ("ph", (0, 40, 163, 26)),  # the ::placeholder font size makes it taller
    ("empty", (0, 66, 163, 17)),  # as tall as a line
    ("submit", (0, 83, 46, 18)),
    ("button", (0, 101, 0, 0)),
    ("check", (0, 101, 0, 0)),
    ("drop", (0, 101, 94, 21)),
    (f"{_DROP}/::select-text[0]", (5, None, 76, 17)),
    (f"{_DROP}/::select-arrow[1]", (81, None, 12, 6)),
    (f"{_DROP}/::select-arrow[1]/svg[0]", (81, None, 9, 6)),
    ("none", (0, 122, 58, 19)),
    ("div/select[9]/::select[0]", (1, 123, 56, 17)),
    ("pr", (0, 141, 36, 21)),
    ("div/select[10]/::select[0]/::select-arrow[1]", (23, None, 12, 6)),  # moved by the padding-right
    ("list", (0, 162, 49, 73)),
    ("div/select[11]/::select[0]", (1, 163, 47, 71)),
    ("div/select[11]/::select[0]/::option[3]", (1, 217, 47, 17)),  # an empty row
    ("size2", (0, 235, 104, 38)),  # as wide as the hidden row
    ("div/select[12]/::select[0]/::option[2]", (1, 272, 102, 0)),
    ("ta", (0, 273, 26, 18)),  # children as text; rows and cols do nothing
    ("ch", (0, 291, 133, 0)),  # 10ch in Geist's `0`
])
def test_boxes_match_the_reference(boxes: dict[str, Rect], key: str, rect: tuple[float | None, ...]) -> None:
    # The tops of drop-down content (None) wait for percentage heights in auto-height blocks
    # (see below).
    got = boxes[key]
    assert tuple(g for g, r in zip(got, rect) if r is not None) == tuple(r for r in rect if r is not None)


def test_the_drop_down_box_is_as_tall_as_its_content(boxes: dict[str, Rect]) -> None:
    assert boxes[_DROP] == (1, 102, 92, 19)
