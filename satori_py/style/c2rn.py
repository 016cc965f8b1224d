"""The parts of css-to-react-native 3.2 that the reference still relies on.

The reference hands each declaration it doesn't parse itself to
``getStylesForProperty``: margins and paddings without math functions,
``borderColor``, ``flex``, ``flexFlow``, ``fontWeight``, each ``textShadow``
layer, and every plain longhand (``transformRawValue``). Its token rules and
its error sentence (``Failed to parse declaration "prop: value"``) and
development warnings are mirrored here, nothing more.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..patterns import LazyPattern, lazy_compile
from . import valueparser as vp
from .named_colors import NAMED_COLORS

__all__ = ["SHORTHANDS", "UNSET", "get_styles_for_property", "matches_c2rn_color", "transform_raw_value"]

# "null" and "undefined" values leave the property unset.
UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()

_NUM = r"[+-]?(?:\d*\.)?\d+(?:e[+-]?\d+)?"
_NONE = lazy_compile(r"^(none)$", re.IGNORECASE)
_AUTO = lazy_compile(r"^(auto)$", re.IGNORECASE)
_NUMBER = lazy_compile(rf"^({_NUM})$", re.IGNORECASE)
# Sneaky: a 0 needs no unit.
_LENGTH = lazy_compile(rf"^(0$|(?:{_NUM})(?=px$))", re.IGNORECASE)
_UNSUPPORTED_LENGTH = lazy_compile(rf"^({_NUM}(ch|em|ex|rem|vh|vw|vmin|vmax|cm|mm|in|pc|pt))$", re.IGNORECASE)
_PERCENT = lazy_compile(rf"^({_NUM}%)$", re.IGNORECASE)
_HEX = lazy_compile(r"^(#(?:[0-9a-f]{3,4}){1,2})$", re.IGNORECASE)
_COLOR_FUNCTION = lazy_compile(r"^(rgba?|hsla?|hwb|lab|lch|gray|color)$")
_FLEX_WRAP = lazy_compile(r"(nowrap|wrap|wrap-reverse)")
_FLEX_DIRECTION = lazy_compile(r"(row|row-reverse|column|column-reverse)")
# css-color-keywords lacks the aliases cyan and magenta.
_KEYWORDS = set(NAMED_COLORS) - {"cyan", "magenta"}

Matcher = Callable[[vp.Node], Any]


class _Fail(Exception):
    """css-to-react-native's "Unexpected token type" error."""


def _regex(pattern: LazyPattern, convert: Callable[[str], Any] = str) -> Matcher:
    def match(node: vp.Node) -> Any:
        if node.type != "word":
            return None
        found = pattern.search(node.value)  # String.prototype.match: unanchored unless ^...$
        return None if found is None else convert(found.group(1))
    return match


def _number(text: str) -> float:
    return float(text)


def matches_c2rn_color(node: vp.Node) -> str | None:
    """css-to-react-native's colour token: case-sensitive names and functions."""
    if node.type == "word" and (_HEX.match(node.value) or node.value in _KEYWORDS
                                or node.value == "transparent"):
        return node.value
    if node.type == "function" and _COLOR_FUNCTION.match(node.value):
        return vp.stringify(node)
    return None


SPACE: Matcher = lambda n: "<token>" if n.type == "space" else None
WORD: Matcher = lambda n: n.value if n.type == "word" else None
NONE = _regex(_NONE)
AUTO = _regex(_AUTO)
NUMBER = _regex(_NUMBER, _number)
LENGTH = _regex(_LENGTH, _number)
UNSUPPORTED_LENGTH = _regex(_UNSUPPORTED_LENGTH)
PERCENT = _regex(_PERCENT)
COLOR: Matcher = matches_c2rn_color
FLEX_WRAP = _regex(_FLEX_WRAP)
FLEX_DIRECTION = _regex(_FLEX_DIRECTION)


class TokenStream:
    """css-to-react-native's cursor over the top-level nodes of a value."""

    def __init__(self, nodes: list[vp.Node]) -> None:
        self.nodes = nodes
        self.index = 0
        self.last: Any = None
        self.rewind_index = -1

    def has_tokens(self) -> bool:
        return self.index < len(self.nodes)

    def _match(self, *matchers: Matcher) -> Any:
        if not self.has_tokens():
            return None
        node = self.nodes[self.index]
        for matcher in matchers:
            value = matcher(node)
            if value is not None:
                self.index += 1
                self.last = value
                return value
        return None

    def matches(self, *matchers: Matcher) -> bool:
        return self._match(*matchers) is not None

    def expect(self, *matchers: Matcher) -> Any:
        value = self._match(*matchers)
        if value is None:
            raise _Fail
        return value

    def expect_empty(self) -> None:
        if self.has_tokens():
            raise _Fail

    def save(self) -> None:
        self.rewind_index = self.index

    def rewind(self) -> None:
        self.index = self.rewind_index
        self.last = None


def _directions(matchers: tuple[Matcher, ...], keys: tuple[str, str, str, str]
                ) -> Callable[[TokenStream], dict[str, Any]]:
    def parse(stream: TokenStream) -> dict[str, Any]:
        values = [stream.expect(*matchers)]
        while len(values) < 4 and stream.has_tokens():
            stream.expect(SPACE)
            values.append(stream.expect(*matchers))
        stream.expect_empty()
        top = values[0]
        right = values[1] if len(values) > 1 else top
        bottom = values[2] if len(values) > 2 else top
        left = values[3] if len(values) > 3 else right
        return dict(zip(keys, (top, right, bottom, left)))
    return parse


def _sides(prefix: str, suffix: str = "") -> tuple[str, str, str, str]:
    return tuple(f"{prefix}{side}{suffix}" for side in ("Top", "Right", "Bottom", "Left"))  # type: ignore[return-value]


def _flex(stream: TokenStream) -> dict[str, Any]:
    if stream.matches(NONE):
        stream.expect_empty()
        return {"flexGrow": 0.0, "flexShrink": 0.0, "flexBasis": "auto"}
    stream.save()
    if stream.matches(AUTO) and not stream.has_tokens():
        return {"flexGrow": 1.0, "flexShrink": 1.0, "flexBasis": "auto"}
    stream.rewind()
    grow = shrink = basis = None
    parsed = 0
    while parsed < 2 and stream.has_tokens():
        if parsed:
            stream.expect(SPACE)
        if grow is None and stream.matches(NUMBER):
            grow = stream.last
            stream.save()
            if stream.matches(SPACE) and stream.matches(NUMBER):
                shrink = stream.last
            else:
                stream.rewind()
        elif basis is None and stream.matches(LENGTH, UNSUPPORTED_LENGTH, PERCENT):
            basis = stream.last
        elif basis is None and stream.matches(AUTO):
            basis = "auto"
        else:
            raise _Fail
        parsed += 1
    stream.expect_empty()
    return {"flexGrow": 1.0 if grow is None else grow, "flexShrink": 1.0 if shrink is None else shrink,
            "flexBasis": 0.0 if basis is None else basis}


def _flex_flow(stream: TokenStream) -> dict[str, Any]:
    wrap = direction = None
    parsed = 0
    while parsed < 2 and stream.has_tokens():
        if parsed:
            stream.expect(SPACE)
        if wrap is None and stream.matches(FLEX_WRAP):
            wrap = stream.last
        elif direction is None and stream.matches(FLEX_DIRECTION):
            direction = stream.last
        else:
            raise _Fail
        parsed += 1
    stream.expect_empty()
    return {"flexWrap": wrap or "nowrap", "flexDirection": direction or "row"}


def _text_shadow(stream: TokenStream) -> dict[str, Any]:
    """One shadow: offsets, an optional radius and a colour, in any order."""
    if stream.matches(NONE):
        stream.expect_empty()
        return {"textShadowOffset": {"width": 0.0, "height": 0.0}, "textShadowRadius": 0.0,
                "textShadowColor": "black"}
    offset_x = offset_y = radius = color = None
    first = True
    while stream.has_tokens():
        if not first:
            stream.expect(SPACE)
        if offset_x is None and stream.matches(LENGTH, UNSUPPORTED_LENGTH):
            offset_x = stream.last
            stream.expect(SPACE)
            offset_y = stream.expect(LENGTH, UNSUPPORTED_LENGTH)
            stream.save()
            if stream.matches(SPACE) and stream.matches(LENGTH, UNSUPPORTED_LENGTH):
                radius = stream.last
            else:
                stream.rewind()
        elif color is None and stream.matches(COLOR):
            color = stream.last
        else:
            raise _Fail
        first = False
    if offset_x is None:
        raise _Fail
    return {"textShadowOffset": {"width": offset_x, "height": offset_y},
            "textShadowRadius": 0.0 if radius is None else radius,
            "textShadowColor": "black" if color is None else color}


SHORTHANDS: dict[str, Callable[[TokenStream], dict[str, Any]]] = {
    "margin": _directions((LENGTH, UNSUPPORTED_LENGTH, PERCENT, AUTO), _sides("margin")),
    "padding": _directions((LENGTH, UNSUPPORTED_LENGTH, PERCENT), _sides("padding")),
    "borderColor": _directions((COLOR,), _sides("border", "Color")),
    "borderWidth": _directions((LENGTH, UNSUPPORTED_LENGTH, PERCENT), _sides("border", "Width")),
    "borderRadius": _directions(
        (LENGTH, UNSUPPORTED_LENGTH, PERCENT),
        ("borderTopLeftRadius", "borderTopRightRadius", "borderBottomRightRadius", "borderBottomLeftRadius")),
    "flex": _flex,
    "flexFlow": _flex_flow,
    "fontWeight": lambda stream: {"fontWeight": stream.expect(WORD)},
    "textShadow": _text_shadow,
}

_UNITLESS = lazy_compile("aspectRatio|elevation|flexGrow|flexShrink|opacity|shadowOpacity|zIndex")
_NUMBER_ONLY = lazy_compile(r"^[+-]?(?:\d*\.\d*|[1-9]\d*)(?:e[+-]?\d+)?$", re.IGNORECASE)
_BOOLEAN = lazy_compile(r"^true|false$", re.IGNORECASE)  # sic: each alternative half-anchored
_UNSET_WORD = lazy_compile(r"^(null|undefined)$", re.IGNORECASE)
_NUMBER_OR_LENGTH = lazy_compile(r"^([+-]?(?:\d*\.)?\d+(?:e[+-]?\d+)?)(?:px)?$", re.IGNORECASE)


def transform_raw_value(prop: str, value: str, warn: Callable[[str], None]) -> Any:
    """A plain longhand's value: px and plain numbers become floats."""
    needs_unit = _UNITLESS.search(prop) is None
    number_only = _NUMBER_ONLY.match(value) is not None
    if needs_unit and number_only:
        warn(f'Expected style "{prop}: {value}" to contain units')
    if not needs_unit and value != "0" and not number_only:
        warn(f'Expected style "{prop}: {value}" to be unitless')
    number = _NUMBER_OR_LENGTH.match(value)
    if number:
        return float(number.group(1))
    boolean = _BOOLEAN.search(value)
    if boolean:
        return boolean.group(0).lower() == "true"
    if _UNSET_WORD.match(value):
        return UNSET
    return value


def get_styles_for_property(prop: str, value: str, warn: Callable[[str], None]) -> dict[str, Any]:
    """``getStylesForProperty(prop, value, true)`` of css-to-react-native."""
    value = value.strip()
    shorthand = SHORTHANDS.get(prop)
    if shorthand is None:
        return {prop: transform_raw_value(prop, value, warn)}
    try:
        return shorthand(TokenStream(vp.parse(value)))
    except (_Fail, IndexError):
        raise StyleError(f'Failed to parse declaration "{prop}: {value}"', prop=prop, value=value) from None
