"""Per-element default styles: the reference's user agent stylesheet.

Mirrors ``handler/presets.ts`` (picked from Chromium's html.css) and the
attribute-driven presets of ``handler/compute.ts``: list styles and
``start``/``reversed``/``value``, list boxes of ``<select>``, ``dir``, and
hidden elements (``hidden``, ``<input type=hidden>``, closed ``<dialog>``).
Elements without a preset are ``display: inline``, the initial value; in
particular ``<span>``, ``<a>``, ``<sup>``, ``<sub>``, ``<br>`` have none.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .values import js_string

__all__ = ["LIST_ELEMENTS", "PRESETS", "is_list_box", "is_set", "js_parse_int", "preset_for"]

_BLOCK: dict[str, Any] = {"display": "block"}
_HIDDEN: dict[str, Any] = {"display": "none"}
_INLINE_BLOCK: dict[str, Any] = {"display": "inline-block"}
_MARGINS_1EM: dict[str, Any] = {"display": "block", "marginTop": "1em", "marginBottom": "1em"}
_INDENTED: dict[str, Any] = {**_MARGINS_1EM, "marginLeft": 40, "marginRight": 40}
_LIST: dict[str, Any] = {**_MARGINS_1EM, "paddingLeft": 40}


def _heading(size: str | None, margin: str) -> dict[str, Any]:
    style: dict[str, Any] = {"display": "block"}
    if size is not None:
        style["fontSize"] = size
    style.update(marginTop=margin, marginBottom=margin, marginLeft=0, marginRight=0, fontWeight="bold")
    return style


_TABLE: dict[str, dict[str, Any]] = {
    # Elements that aren't rendered.
    **dict.fromkeys(("area", "base", "basefont", "datalist", "head", "link", "meta", "noembed",
                     "noframes", "param", "rp", "script", "style", "template", "title"), _HIDDEN),
    # The document, as when a page is rendered.
    "html": _BLOCK,
    "body": {"display": "block", "margin": 8},
    **dict.fromkeys(("address", "article", "aside", "details", "figcaption", "footer", "form",
                     "header", "hgroup", "main", "nav", "search", "section", "summary", "div",
                     "dt"), _BLOCK),
    # An open, non-modal dialog; closed ones are hidden (see preset_for).
    "dialog": {"display": "block", "position": "absolute", "left": 0, "right": 0,
               "width": "fit-content", "height": "fit-content", "margin": "auto", "borderWidth": 3,
               "borderStyle": "solid", "padding": "1em", "backgroundColor": "white", "color": "black"},
    "figure": _INDENTED,
    "p": _MARGINS_1EM,
    "blockquote": _INDENTED,
    "center": {"display": "block", "textAlign": "center"},
    "hr": {"display": "block", "color": "gray", "marginTop": "0.5em", "marginBottom": "0.5em",
           "marginLeft": "auto", "marginRight": "auto", "borderWidth": 1, "borderStyle": "inset",
           "overflow": "hidden"},
    "h1": _heading("2em", "0.67em"),
    "h2": _heading("1.5em", "0.83em"),
    "h3": _heading("1.17em", "1em"),
    "h4": _heading(None, "1.33em"),
    "h5": _heading("0.83em", "1.67em"),
    "h6": _heading("0.67em", "2.33em"),
    **dict.fromkeys(("ul", "ol", "menu", "dir"), _LIST),
    "li": {"display": "list-item"},
    "dl": _MARGINS_1EM,
    "dd": {"display": "block", "marginLeft": 40},
    "u": {"textDecoration": "underline"},
    "strong": {"fontWeight": "bold"},
    "b": {"fontWeight": "bold"},
    "i": {"fontStyle": "italic"},
    "em": {"fontStyle": "italic"},
    "code": {"fontFamily": "monospace"},
    "kbd": {"fontFamily": "monospace"},
    "pre": {"display": "block", "fontFamily": "monospace", "whiteSpace": "pre", "marginTop": "1em",
            "marginBottom": "1em"},
    "mark": {"backgroundColor": "yellow", "color": "black"},
    "big": {"fontSize": "larger"},
    "small": {"fontSize": "smaller"},
    "s": {"textDecoration": "line-through"},
    # Form controls; selects have Chrome's styles.
    "input": _INLINE_BLOCK,
    "button": _INLINE_BLOCK,
    "textarea": _INLINE_BLOCK,
    "select": {"display": "inline-block", "boxSizing": "border-box", "borderWidth": 1,
               "borderStyle": "solid", "borderColor": "#767676", "backgroundColor": "white",
               "color": "black", "fontSize": "13.333333px", "fontWeight": "normal",
               "fontStyle": "normal", "lineHeight": "normal", "letterSpacing": "normal",
               "textTransform": "none", "textIndent": 0, "textAlign": "start", "whiteSpace": "pre"},
}
PRESETS: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {tag: MappingProxyType(style) for tag, style in _TABLE.items()})

LIST_ELEMENTS = frozenset({"ul", "ol", "menu", "dir"})
_LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman",
               "I": "upper-roman", "disc": "disc", "circle": "circle", "square": "square"}


def is_set(value: Any) -> bool:
    """Whether a boolean attribute (``selected``, ``multiple``...) is set, as the reference reads it."""
    return value is not None and value is not False


def js_parse_int(value: Any) -> int | None:
    """JavaScript's ``parseInt(value, 10)``; None for NaN."""
    import re

    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(int(value)) if math.isfinite(value) else ""
    match = re.match(r"^\s*([+-]?[0-9]+)", str(value))
    if match is None:
        return None
    # A double, as in JavaScript (int() refuses over 4300 digits); past its range None, not Infinity.
    number = float(match.group(1))
    return int(number) if math.isfinite(number) else None


def _list_presets(tag: str, props: Mapping[str, Any], list_depth: int) -> dict[str, Any]:
    preset: dict[str, Any] = {}
    if tag in LIST_ELEMENTS:
        preset["listStyleType"] = ("decimal" if tag == "ol" else
                                   "disc" if list_depth == 0 else "circle" if list_depth == 1 else "square")
        if list_depth > 0:  # nested lists have no vertical margins
            preset["marginTop"] = preset["marginBottom"] = 0
        preset["counterReset"] = "list-item"
    kind = props.get("type")
    if tag in ("ol", "ul", "li") and isinstance(kind, str) and kind in _LIST_TYPES:
        preset["listStyleType"] = _LIST_TYPES[kind]
    if tag == "ol":
        start = js_parse_int(props.get("start"))
        if is_set(props.get("reversed")):
            preset["counterReset"] = ("reversed(list-item)" if start is None
                                      else f"reversed(list-item) {start + 1}")
        elif start is not None:
            preset["counterReset"] = f"list-item {start - 1}"
    if tag == "li" and props.get("value") is not None:
        value = js_parse_int(props.get("value"))
        if value is not None:
            preset["counterSet"] = f"list-item {value}"
    return preset


def is_list_box(props: Mapping[str, Any]) -> bool:
    """Whether a ``<select>`` is a list box (``multiple`` or ``size`` > 1), not a drop-down."""
    size = js_parse_int(props.get("size"))
    return is_set(props.get("multiple")) or (size is not None and size > 1)


def _is_hidden(tag: str, props: Mapping[str, Any]) -> bool:
    hidden = props.get("hidden")
    if hidden is not None and hidden is not False and js_string(hidden).lower() != "until-found":
        return True
    if tag == "input" and js_string(props.get("type")).lower() == "hidden":
        return True
    return tag == "dialog" and (props.get("open") is None or props.get("open") is False)


def preset_for(tag: str, props: Mapping[str, Any], list_depth: int = 0) -> dict[str, Any]:
    """The default declarations of ``tag`` with these attributes, in cascade order."""
    preset: dict[str, Any] = dict(PRESETS.get(tag, {}))
    if tag in LIST_ELEMENTS or tag == "li":  # (the only tags with list presets)
        preset.update(_list_presets(tag, props, list_depth))
    if tag == "select" and is_list_box(props):
        preset["borderRadius"] = 2  # Chrome's list boxes have rounded corners
    direction = props.get("dir")
    if isinstance(direction, str) and direction.lower() in ("ltr", "rtl"):
        preset["direction"] = direction.lower()  # like the UA stylesheet, overridable
    if _is_hidden(tag, props):
        preset["display"] = "none"
    return preset
