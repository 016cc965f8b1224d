"""The content of form controls, which browsers draw without elements.

Mirrors the reference's ``form-control.ts`` (``getInputContent``,
``getSelectContent``) as ``layout.ts`` uses it: an ``<input>`` or a
``<select>`` has generated children instead of its own, built here as
element dicts and parsed like user input, so that the rest of the builder
lays them out like any other element.

- A text input shows its value (bullets for a password), or else its
  placeholder in ``#757575`` plus the ``::placeholder`` rules of ``<style>``
  sheets, on a vertically centred, clipped line ``size`` average characters
  wide (the font's ``xAvgCharWidth``, see ``FontRegistry.average_char_ratio``).
- A button input shows its value, or ``Submit``/``Reset``, centred.
- Other inputs (checkbox, radio, range...) have no content.
- A drop-down select shows its selected option, as wide as its widest option,
  and Chrome's arrow unless ``appearance`` is ``none``; a list box
  (``multiple`` or ``size`` > 1) shows ``size`` rows (4 by default) and
  highlights the selected options.

``<textarea>`` and ``<button>`` keep their children: the reference only gives
them the ``inline-block`` preset.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..element import Element, Node, TextNode, parse_element
from ..errors import LimitError, node_context
from ..length_range import MAX_LENGTH
from ..limits import active
from ..patterns import lazy_compile
from ..style.computed import ComputedStyle
from ..style.presets import is_list_box, is_set, js_parse_int
from ..style.stylesheet import PLACEHOLDER_PROP
from ..style.values import js_string
from ..text.processor import js_trim

__all__ = ["CharRatios", "form_control_children", "input_content", "select_content",
           "with_form_content"]

# The types of inputs whose value is text ('' is an input without a type).
_TEXT_INPUTS = frozenset({"", "text", "email", "search", "url", "tel", "password", "number"})
# The types of button inputs, and their labels without a value.
_BUTTON_INPUTS: Mapping[str, str] = {"submit": "Submit", "reset": "Reset", "button": ""}
_LINE_BREAKS = lazy_compile(r"[\r\n]")
# HTML's ASCII white space, which option labels collapse (not JavaScript's \s).
_HTML_SPACE = lazy_compile(r"[ \t\n\f\r]+")
_PLACEHOLDER_COLOR = "#757575"
# The arrow of a drop-down, like Chrome's.
_ARROW: dict[str, Any] = {
    "type": "svg",
    "props": {"width": 9, "height": 6, "viewBox": "0 0 9 6", "fill": "none", "children": {
        "type": "path",
        "props": {"d": "M1 1l3.5 3.5L8 1", "stroke": "currentColor", "strokeWidth": 1.5,
                  "strokeLinecap": "round", "strokeLinejoin": "round"},
    }},
}


class CharRatios(Protocol):
    """What input widths need from the font registry."""

    def average_char_ratio(self, font_family: Any = None, font_weight: Any = None,
                           font_style: Any = None) -> float | None: ...


def _element(type_: str, style: Mapping[str, Any], children: Any = None) -> dict[str, Any]:
    props: dict[str, Any] = {"style": dict(style)}
    if children is not None:
        props["children"] = children
    return {"type": type_, "props": props}


def _string(value: Any) -> str:
    """JavaScript's ``String(value)`` for what props may hold (JSON values)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        # Array.prototype.toString: null and undefined items are empty.
        return ",".join("" if v is None else _string(v) for v in value)
    if isinstance(value, Mapping):
        return "[object Object]"
    return js_string(value)


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub("", text)


# -- inputs ------------------------------------------------------------------------------------


def input_content(props: Mapping[str, Any], style: ComputedStyle,
                  fonts: CharRatios | None) -> list[dict[str, Any]]:
    """The generated children of an ``<input>`` (``getInputContent``), as element dicts."""
    kind = ("" if props.get("type") is None else _string(props.get("type"))).lower()
    value = props.get("value")
    if value is None:
        value = props.get("defaultValue")
    if kind in _BUTTON_INPUTS:
        label = _one_line(_BUTTON_INPUTS[kind] if value is None else _string(value))
        if not label:
            return []
        return [_element("::input", {"display": "flex", "alignItems": "center",
                                     "justifyContent": "center", "height": "100%", "overflow": "hidden"},
                         _element("::input-text", {"whiteSpace": "pre"}, label))]
    if kind not in _TEXT_INPUTS:
        return []

    text = _one_line("" if value is None else _string(value))
    if kind == "password":
        text = "\u2022" * len(text)  # one bullet per code point, as [...text].length
    placeholder = props.get("placeholder")
    shown_placeholder = _one_line(_string(placeholder)) if not text and placeholder is not None else None

    size = js_parse_int(props.get("size"))
    if size is not None:
        size = min(size, int(MAX_LENGTH))  # size=1e308 overflowed the width
    font = style.font
    ratio = fonts.average_char_ratio(font.font_family, font.font_weight, font.font_style) \
        if fonts is not None else None
    # Same operand order as the reference, so that ceil sees the same double.
    width = math.ceil((size if size is not None and size > 0 else 20) * (0.5 if ratio is None else ratio)
                  * float(font.font_size))
    width = min(width, int(MAX_LENGTH))
    line: dict[str, Any] = {
        # The intrinsic width of the input; the line fits the input otherwise.
        "width": f"{width}px", "flexGrow": 1, "flexShrink": 1, "minWidth": 0,
        # An empty input is as tall as a line.
        "minHeight": "1lh", "whiteSpace": "pre",
    }
    if shown_placeholder is not None:
        line["color"] = _PLACEHOLDER_COLOR
        sheet = props.get(PLACEHOLDER_PROP)
        if isinstance(sheet, Mapping):
            line.update(sheet)
    return [_element("::input", {"display": "flex", "alignItems": "center", "height": "100%",
                                 "overflow": "hidden"},
                     _element("::input-text", line, text if shown_placeholder is None else shown_placeholder))]


# -- selects -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Option:
    label: str
    value: str
    selected: bool
    disabled: bool
    grouped: bool  # in an <optgroup>


@dataclass(slots=True)
class _Group:
    label: str


def _text_content(nodes: Sequence[Node]) -> str:
    return "".join(n.text if isinstance(n, TextNode) else _text_content(n.children) for n in nodes)


def _select_rows(props: Mapping[str, Any], children: Sequence[Node]) -> list[_Option | _Group]:
    """The options and groups of a select, with the selected options settled like browsers'."""
    rows: list[_Option | _Group] = []
    # In tree order (an explicit stack: no recursive closure); a group's options are disabled
    # with it (None: not in a group).
    pending: list[tuple[Node, bool | None]] = [(node, None) for node in reversed(children)]
    while pending:
        node, group_disabled = pending.pop()
        # Only options and top-level groups count: other elements hide what they hold.
        if not isinstance(node, Element):
            continue
        if node.type == "option":
            text = js_trim(_HTML_SPACE.sub(" ", _text_content(node.children)))
            label = node.props.get("label")
            rows.append(_Option(
                label=label if isinstance(label, str) and label else text,
                value=_string(node.props["value"]) if is_set(node.props.get("value")) else text,
                selected=is_set(node.props.get("selected")),
                disabled=is_set(node.props.get("disabled")) or bool(group_disabled),
                grouped=group_disabled is not None))
        elif node.type == "optgroup" and group_disabled is None:
            label = node.props.get("label")
            rows.append(_Group("" if label is None else _string(label)))
            disabled = is_set(node.props.get("disabled"))
            pending.extend((child, disabled) for child in reversed(node.children))
    options = [row for row in rows if isinstance(row, _Option)]
    value = props.get("value")
    if value is None:
        value = props.get("defaultValue")
    if value is not None:
        # [].concat(value): an array of values, or one.
        values = {_string(v) for v in value} if isinstance(value, (list, tuple)) else {_string(value)}
        for option in options:
            option.selected = option.value in values
    if not is_set(props.get("multiple")):
        # One selected option: the last one, else the first enabled one of a drop-down.
        last = max((i for i, option in enumerate(options) if option.selected), default=-1)
        for i, option in enumerate(options):
            option.selected = i == last
        if last == -1 and not is_list_box(props):
            first = next((option for option in options if not option.disabled), None)
            if first is not None:
                first.selected = True
    return rows


def select_content(props: Mapping[str, Any], children: Sequence[Node],
                   style: ComputedStyle) -> list[dict[str, Any]]:
    """The generated children of a ``<select>`` (``getSelectContent``), as element dicts."""
    rows = _select_rows(props, children)
    line: dict[str, Any] = {"whiteSpace": "pre", "overflow": "hidden"}

    if is_list_box(props):
        size = js_parse_int(props.get("size"))
        count = size if size is not None and size > 0 else 4
        max_nodes = active().limits.max_nodes
        if count > max_nodes:  # its rows are elements: size=1e15 made that many
            raise LimitError(f"The list box shows {count} rows, over the max_nodes limit of {max_nodes}.",
                             limit="max_nodes")
        items: list[dict[str, Any]] = []
        for i, row in enumerate(rows):
            # Updates keep the first position of a key, like spreads in an object literal.
            row_style: dict[str, Any] = {**line, "flexShrink": 0, "minHeight": "1.2em", "padding": "0 2px 1px"}
            if isinstance(row, _Group):
                row_style["fontWeight"] = "bold"
            else:
                if row.grouped:
                    row_style["paddingLeft"] = 20
                if row.disabled:
                    row_style["color"] = "#808080"
                if row.selected:
                    row_style.update(backgroundColor="#cecece", color="#101010")
            if i >= count:
                # Rows after the visible ones are still as wide as they are.
                row_style.update(height=0, minHeight=0, padding=0)
            items.append(_element("::option", row_style, row.label))
        # Empty rows fill the list box.
        items.extend(_element("::option", {"flexShrink": 0, "minHeight": "1.2em", "paddingBottom": 1})
                     for _ in range(len(rows), count))
        return [_element("::select", {"display": "flex", "flexDirection": "column", "height": "100%",
                                      "overflow": "hidden"}, items)]

    options = [row for row in rows if isinstance(row, _Option)]
    selected = next((option for option in options if option.selected), None)
    appearance = style.box.appearance
    if appearance is None:  # (not a property of the table: kept as declared)
        appearance = style.get("WebkitAppearance")
    has_arrow = ("auto" if appearance is None else _string(appearance)).lower() != "none"
    box: dict[str, Any] = {"display": "flex", "alignItems": "center", "height": "100%"}
    if has_arrow:
        box["padding"] = "1px 0 1px 4px"
    text_lines = [_element("::option", {**line, "minHeight": "1lh"}, "" if selected is None else selected.label)]
    # Every option, without a height, makes the drop-down as wide as the widest one. Options
    # in groups are indented in the menu.
    text_lines.extend(
        _element("::option", {**line, "height": 0, **({"paddingLeft": "1.1em"} if option.grouped else {})},
                 option.label)
        for option in options)
    content = [_element("::select-text", {"display": "flex", "flexDirection": "column", "flexGrow": 1,
                                          "flexShrink": 1, "minWidth": 0, "overflow": "hidden"}, text_lines)]
    if has_arrow:
        arrow: dict[str, Any] = {"display": "flex", "justifyContent": "flex-end", "alignItems": "center",
                                 "flexShrink": 0, "boxSizing": "border-box", "width": 12, "paddingRight": 3}
        padding_right = style.box.padding_right
        # Chrome draws the arrow at the end of the padding box. The reference reads the select's
        # own padding, which it only has when declared, and only when it is a length in px.
        if "paddingRight" in style.declared and isinstance(padding_right, (int, float)) \
                and not isinstance(padding_right, bool):
            arrow.update(position="relative", left=padding_right)
        content.append(_element("::select-arrow", arrow, _ARROW))
    return [_element("::select", box, content)]


# -- the builder's hook ------------------------------------------------------------------------


def form_control_children(el: Element, style: ComputedStyle,
                          fonts: CharRatios | None) -> tuple[Node, ...] | None:
    """The children ``el`` has in layout, parsed, when it is an input or a select; else None."""
    if el.type == "input":
        generated = input_content(el.props, style, fonts)
    elif el.type == "select":
        with node_context(el.path):
            generated = select_content(el.props, el.children, style)
    else:
        return None
    # Parsed like user input, so that children are normalised and have paths under the control.
    return tuple(parse_element(child, f"{el.path}/{child['type']}[{index}]")
                 for index, child in enumerate(generated))


def with_form_content(el: Element, style: ComputedStyle, fonts: CharRatios | None) -> Element:
    """``el`` with the generated children of a form control instead of its own."""
    children = form_control_children(el, style, fonts)
    return el if children is None else el.replace(children=children)
