"""Shorthand and box-model declarations, expanded to longhands.

Mirrors the box half of ``handleSpecialCase`` in the reference's
``handler/expand.ts`` (edges, borders, outlines, radii, gaps, alignment,
overflow, aspect ratio, z-index, text decoration). Each handler takes the declared value (a str or a
number, after var() and colour preprocessing) and returns the longhands it
sets, as the reference's strings/numbers; values are typed later, in
:mod:`.computed`. Invalid values raise StyleError with the reference's
sentence.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..patterns import lazy_compile
from . import valueparser as vp
from .colors import is_color
from .corner_shape import CORNER_SHAPE_HANDLERS
from .purify import purify
from .values import MATH_FUNCTION, check_keyword, js_string, split_values

__all__ = [
    "BORDER_STYLES",
    "BOX_HANDLERS",
    "aspect_ratio_auto",
    "expand_edges",
    "invalid_value",
    "parse_line_width",
]

_SIDES = ("Top", "Right", "Bottom", "Left")


def _sides(prefix: str, suffix: str = "") -> list[str]:
    return [f"{prefix}{side}{suffix}" for side in _SIDES]


def invalid_value(value: Any) -> StyleError:
    return StyleError(f'Invalid value: "{js_string(value)}".', value=value)


def expand_edges(value: Any, keys: list[str]) -> dict[str, Any]:
    """1 to 4 values to the top, right, bottom and left keys."""
    values = [value] if isinstance(value, (int, float)) else split_values(str(value))
    if not values or len(values) > 4:
        raise invalid_value(value)
    top = values[0]
    right = values[1] if len(values) > 1 else top
    bottom = values[2] if len(values) > 2 else top
    left = values[3] if len(values) > 3 else right
    return dict(zip(keys, (top, right, bottom, left)))


# -- line widths and styles (borders and outlines) ----------------------------------------

_LINE_WIDTH_KEYWORDS = {"thin": "1px", "medium": "3px", "thick": "5px"}
_PLAIN_NUMBER = lazy_compile(r"^\+?(\d+(?:\.\d*)?|\.\d+)$")
_LINE_LENGTH = lazy_compile(r"^\+?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|vmin|vmax)$")
BORDER_STYLES = ("none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge",
                 "inset", "outset")
OUTLINE_STYLES = tuple(s for s in BORDER_STYLES if s != "hidden") + ("auto",)


def parse_line_width(value: str) -> str | None:
    """A ``<line-width>`` as a length string, or None."""
    lower = value.lower()
    if lower in _LINE_WIDTH_KEYWORDS:
        return _LINE_WIDTH_KEYWORDS[lower]
    if _PLAIN_NUMBER.match(lower):
        return lower + "px"
    if _LINE_LENGTH.match(lower):
        return lower
    return None


def _width_or_math(token: str) -> str | None:
    return parse_line_width(token) or (token if MATH_FUNCTION.match(token) else None)


def check_line_width(value: Any) -> Any:
    if isinstance(value, (int, float)):
        if value < 0 or value != value or isinstance(value, bool):  # (NaN and true were dropped silently)
            raise StyleError(f'Invalid line width: "{js_string(value)}".', value=value)
        return f"{js_string(value)}px"
    width = _width_or_math(str(value))
    if not width:
        raise StyleError(f'Invalid line width: "{js_string(value)}".', value=value)
    return width


def check_line_style(value: Any, styles: tuple[str, ...]) -> str:
    style = js_string(value).strip().lower()
    if style not in styles:
        raise StyleError(f'Invalid line style: "{js_string(value)}".', value=value)
    return style


def _line_shorthand(name: str, value: Any, current_color: str) -> dict[str, Any]:
    """``<line-width> || <line-style> || <color>`` of border and outline shorthands."""
    styles = OUTLINE_STYLES if name == "outline" else BORDER_STYLES
    width = style = color = None
    if isinstance(value, (int, float)):
        width = check_line_width(value)
    else:
        for token in split_values(value):
            if width is None and _width_or_math(token):
                width = _width_or_math(token)
            elif style is None and token.lower() in styles:
                style = token.lower()
            elif color is None and is_color(token):
                color = token
            else:
                raise invalid_value(value)
    # Omitted parts are reset: a medium width, no style, the current colour.
    parts = {"Width": width or _LINE_WIDTH_KEYWORDS["medium"], "Style": style or "none",
             "Color": color or current_color}
    sides = ["outline"] if name == "outline" else (
        ["borderTop", "borderRight", "borderBottom", "borderLeft"] if name == "border" else [name])
    return {side + part: v for side in sides for part, v in parts.items()}


def _border_width_or_style(name: str, value: Any) -> dict[str, Any]:
    part = name[6:]
    sides = expand_edges(value, [f"border{side}{part}" for side in _SIDES])
    check: Callable[[Any], Any] = (check_line_width if part == "Width"
                                   else lambda v: check_line_style(v, BORDER_STYLES))
    return {key: check(v) for key, v in sides.items()}


# -- radii ------------------------------------------------------------------------------

_RADIUS = lazy_compile(r"^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:[a-z]+|%)?$", re.IGNORECASE)
_CORNERS = ("borderTopLeftRadius", "borderTopRightRadius", "borderBottomRightRadius",
            "borderBottomLeftRadius")


def _is_radius(component: str) -> bool:
    return bool(_RADIUS.match(component) or MATH_FUNCTION.match(component))


def _border_radius(value: str) -> dict[str, str]:
    """The four corners, each ``h`` or ``"h v"`` with a different vertical radius."""
    def invalid() -> StyleError:
        return StyleError(f'Invalid value for CSS property "borderRadius": "{value}".',
                          prop="borderRadius", value=value)

    parts: list[list[str]] = [[]]
    for node in vp.parse(value):
        if node.type == "div" and node.value == "/":
            parts.append([])
        elif node.type == "div":
            raise invalid()
        elif node.type not in ("space", "comment"):
            parts[-1].append(vp.stringify(node))
    if len(parts) > 2 or any(not radii or len(radii) > 4 for radii in parts) \
            or not all(_is_radius(r) for radii in parts for r in radii):
        raise invalid()

    def corners(radii: list[str]) -> list[str]:
        return [radii[0], radii[1] if len(radii) > 1 else radii[0],
                radii[2] if len(radii) > 2 else radii[0],
                radii[3] if len(radii) > 3 else radii[1] if len(radii) > 1 else radii[0]]

    horizontal = corners(parts[0])
    vertical = corners(parts[1]) if len(parts) > 1 else None
    return {corner: f"{horizontal[i]} {vertical[i]}" if vertical else horizontal[i]
            for i, corner in enumerate(_CORNERS)}


def _corner_radius(name: str, value: str) -> dict[str, str]:
    radii = list(vp.iter_words(vp.parse(value)))
    if not radii or len(radii) > 2 or not all(_is_radius(r) for r in radii):
        raise StyleError(f'Invalid value for CSS property "{name}": "{value}".', prop=name, value=value)
    return {name: " ".join(radii)}


# -- alignment, overflow, sizing --------------------------------------------------------

_ALIGNMENT_PREFIXES = {"first", "last", "safe", "unsafe"}


def _place(name: str, value: Any) -> dict[str, Any]:
    tokens = js_string(value).strip().lower().split()
    values: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] in _ALIGNMENT_PREFIXES and i + 1 < len(tokens):
            values.append(tokens[i] + " " + tokens[i + 1])
            i += 2
        else:
            values.append(tokens[i])
            i += 1
    if not values or not values[0] or len(values) > 2:
        raise invalid_value(value)
    align = values[0]
    subject = name[5:]
    # Without a second value, justify-content can't be baseline.
    justify = values[1] if len(values) > 1 else (
        "start" if name == "placeContent" and align.endswith("baseline") else align)
    return {f"align{subject}": align, f"justify{subject}": justify}


_OVERFLOW = {"visible": 1, "hidden": 1, "clip": 1, "scroll": 1, "auto": 1}


def _overflow(value: Any) -> dict[str, Any]:
    values = split_values(js_string(value))
    if len(values) > 2:
        raise invalid_value(value)
    for keyword in values:
        check_keyword(keyword, _OVERFLOW, "overflow")
    if not values:
        return {"overflowX": None, "overflowY": None}
    return {"overflowX": values[0], "overflowY": values[-1]}


_RATIO = lazy_compile(r"^((?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(?:\s*/\s*((?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?))?$")


def _aspect_ratio(value: Any) -> dict[str, Any]:
    if isinstance(value, (int, float)):
        if value < 0 or value != value or isinstance(value, bool):  # (NaN and true were dropped silently)
            raise StyleError(f'Invalid aspect ratio: "{js_string(value)}".', value=value)
        return {"aspectRatio": float(value) if value > 0 else "auto"}
    tokens = _ratio_tokens(value)
    auto = "auto" in tokens
    ratio = " ".join(t for t in tokens if t != "auto")
    if not ratio and auto and len(tokens) == 1:
        return {"aspectRatio": "auto"}
    match = _RATIO.match(ratio)
    if not match or len(tokens) - (1 if auto else 0) > 3:
        raise StyleError(f'Invalid aspect ratio: "{value}".', value=value)
    width = float(match.group(1))
    height = 1.0 if match.group(2) is None else float(match.group(2))
    return {"aspectRatio": width / height if width > 0 and height > 0 else "auto"}


def _ratio_tokens(value: str) -> list[str]:
    return value.strip().lower().split()


def aspect_ratio_auto(value: Any) -> bool:
    """Whether a valid ``aspectRatio`` declaration (one its handler took) pairs
    ``auto`` with a ratio: elements with a natural ratio keep theirs."""
    tokens = _ratio_tokens(value) if isinstance(value, str) else []
    return "auto" in tokens and len(tokens) > 1


def _z_index(value: Any) -> dict[str, Any]:
    normalized = js_string(value).strip().lower()
    if normalized == "auto":
        return {"zIndex": "auto"}
    if not re.match(r"^[+-]?\d+$", normalized):
        raise StyleError(f'Invalid `zIndex` value: "{js_string(value)}". Expected an integer or "auto".',
                         prop="zIndex", value=value)
    return {"zIndex": int(normalized)}


def _math_edges(name: str, value: Any) -> dict[str, Any] | None:
    """Margins, paddings and gaps with math functions, which css-to-react-native can't parse."""
    if not isinstance(value, str) or "(" not in value:
        return None
    if name in ("margin", "padding"):
        return expand_edges(value, _sides(name))
    values = split_values(value)
    return {"rowGap": values[0], "columnGap": values[1] if len(values) > 1 else values[0]}


def _gap(value: Any) -> dict[str, Any]:
    parts = js_string(value).strip().split()
    if len(parts) > 2:
        raise StyleError("Invalid `gap` value.", prop="gap", value=value)
    row = parts[0] if parts else ""
    column = parts[1] if len(parts) > 1 else row
    return {"rowGap": purify("rowGap", row), "columnGap": purify("columnGap", column)}


# -- text decoration --------------------------------------------------------------------

_DECORATION_LINES = ("underline", "overline", "line-through", "blink")
_DECORATION_STYLES = ("solid", "double", "dotted", "dashed", "wavy")
_DECORATION_LENGTH = lazy_compile(r"^[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|%)?$")


def _decoration_line(lines: list[str]) -> str:
    if "none" in lines:
        if len(lines) > 1:
            raise StyleError("Invalid `textDecorationLine` value.", prop="textDecorationLine")
        return "none"
    if not lines or len(set(lines)) != len(lines) or any(line not in _DECORATION_LINES for line in lines):
        raise StyleError("Invalid `textDecorationLine` value.", prop="textDecorationLine")
    return " ".join(line for line in lines if line != "blink") or "none"


def _is_decoration_length(value: str) -> bool:
    return value in ("auto", "from-font") or bool(_DECORATION_LENGTH.match(value))


def _text_decoration(value: Any, current_color: str) -> dict[str, Any]:
    lines: list[str] = []
    style = color = thickness = None
    for part in vp.iter_words(vp.parse(js_string(value))):
        keyword = part.lower()
        if keyword in (*_DECORATION_LINES, "none") and keyword not in lines:
            lines.append(keyword)
        elif keyword in _DECORATION_STYLES and style is None:
            style = keyword
        elif _is_decoration_length(keyword) and thickness is None:
            thickness = keyword
        elif color is None and is_color(part):
            color = part
        else:
            raise StyleError("Invalid `textDecoration` value.", prop="textDecoration", value=value)
    return {"textDecorationLine": _decoration_line(lines) if lines else "none",
            "textDecorationStyle": style or "solid",
            "textDecorationColor": color or current_color,
            "textDecorationThickness": thickness or "auto"}


def _decoration_length(name: str, value: Any) -> dict[str, Any]:
    normalized = purify(name, js_string(value).strip().lower())
    text = js_string(normalized)
    if not _is_decoration_length(text) or (name == "textUnderlineOffset" and text == "from-font"):
        raise StyleError(f"Invalid `{name}` value.", prop=name, value=value)
    return {name: normalized}


def _keyword_set(name: str, allowed: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    def handle(value: Any) -> dict[str, Any]:
        normalized = js_string(value).strip().lower()
        if normalized not in allowed:
            raise StyleError(f"Invalid `{name}` value.", prop=name, value=value)
        return {name: normalized}
    return handle


_Handler = Callable[[str, Any, str], "dict[str, Any] | None"]


def _border_handler(name: str, value: Any, color: str) -> dict[str, Any] | None:
    return _line_shorthand(name, value, color)


BOX_HANDLERS: dict[str, _Handler] = {
    "inset": lambda n, v, c: expand_edges(v, ["top", "right", "bottom", "left"]),
    "placeContent": lambda n, v, c: _place(n, v),
    "placeItems": lambda n, v, c: _place(n, v),
    "placeSelf": lambda n, v, c: _place(n, v),
    "aspectRatio": lambda n, v, c: _aspect_ratio(v),
    "overflow": lambda n, v, c: _overflow(v),
    "margin": lambda n, v, c: _math_edges(n, v),
    "padding": lambda n, v, c: _math_edges(n, v),
    "zIndex": lambda n, v, c: _z_index(v),
    "borderRadius": lambda n, v, c: _border_radius(v) if isinstance(v, str) else None,
    **{corner: (lambda n, v, c: _corner_radius(n, v) if isinstance(v, str) else None)
       for corner in _CORNERS},
    **dict.fromkeys(("border", "borderTop", "borderRight", "borderBottom", "borderLeft", "outline"),
                    _border_handler),
    "borderWidth": lambda n, v, c: _border_width_or_style(n, v),
    "borderStyle": lambda n, v, c: _border_width_or_style(n, v),
    **{f"border{side}Width": (lambda n, v, c: {n: check_line_width(v)}) for side in _SIDES},
    "outlineWidth": lambda n, v, c: {n: check_line_width(v)},
    **{f"border{side}Style": (lambda n, v, c: {n: check_line_style(v, BORDER_STYLES)}) for side in _SIDES},
    "outlineStyle": lambda n, v, c: {n: check_line_style(v, OUTLINE_STYLES)},
    "textDecoration": lambda n, v, c: _text_decoration(v, c),
    "textDecorationLine": lambda n, v, c: {
        n: _decoration_line(js_string(v).strip().lower().split() or [""])},
    "textDecorationStyle": lambda n, v, c: {n: check_keyword(
        js_string(v).strip().lower(), {s: s for s in _DECORATION_STYLES}, n)},
    "textDecorationThickness": lambda n, v, c: _decoration_length(n, v),
    "textUnderlineOffset": lambda n, v, c: _decoration_length(n, v),
    "textDecorationSkipInk": lambda n, v, c: _keyword_set(n, ("auto", "none", "all"))(v),
}


def _gap_handler(name: str, value: Any, color: str) -> dict[str, Any] | None:
    return _math_edges(name, value) or _gap(value)


BOX_HANDLERS["gap"] = _gap_handler
BOX_HANDLERS.update(CORNER_SHAPE_HANDLERS)
