"""``corner-shape``: its values and its shorthands.

Mirrors the reference's ``parser/corner-shape.ts`` (keywords and
``superellipse()`` to a number) and the ``cornerShape`` branches of
``handler/expand.ts``: the four-corner shorthand ``cornerShape``, the
per-corner longhands and the two-corner side shorthands (``cornerTopShape``).
Longhands keep the value as written, as the reference's do, until the end of
the style stage, which makes each a number with :func:`corner_shape_value`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import StyleError
from ..patterns import lazy_compile
from .values import js_string

__all__ = ["CORNER_LONGHANDS", "CORNER_SHAPE_HANDLERS", "CORNER_SHAPE_KEYWORDS", "corner_shape_value",
           "parse_corner_shape", "split_corner_shapes"]

# The superellipse parameter of each keyword: 1 is an elliptical arc, infinity
# a square corner, 0 a straight bevel, negative values curve inwards.
CORNER_SHAPE_KEYWORDS: dict[str, float] = {
    "round": 1.0,
    "squircle": 2.0,
    "square": math.inf,
    "bevel": 0.0,
    "scoop": -1.0,
    "notch": -math.inf,
}

_SUPERELLIPSE = lazy_compile(
    r"^superellipse\(\s*(-?infinity|[-+]?(?:\d*\.)?\d+(?:e[-+]?\d+)?)\s*\)$")
_COMPONENT = lazy_compile(r"superellipse\([^)]*\)|[^\s]+", re.IGNORECASE)
CORNER_LONGHANDS = ("cornerTopLeftShape", "cornerTopRightShape", "cornerBottomRightShape",
            "cornerBottomLeftShape")
_SIDECORNER_LONGHANDS = {
    "cornerTopShape": ("cornerTopLeftShape", "cornerTopRightShape"),
    "cornerRightShape": ("cornerTopRightShape", "cornerBottomRightShape"),
    "cornerBottomShape": ("cornerBottomLeftShape", "cornerBottomRightShape"),
    "cornerLeftShape": ("cornerTopLeftShape", "cornerBottomLeftShape"),
}


def _invalid(value: str) -> StyleError:
    return StyleError(f'Invalid corner shape value: "{value}".', value=value)


def parse_corner_shape(value: str) -> float:
    """One corner's shape as its superellipse parameter (``bevel`` is 0)."""
    normalized = value.strip().lower()
    keyword = CORNER_SHAPE_KEYWORDS.get(normalized)
    if keyword is not None:
        return keyword
    match = _SUPERELLIPSE.match(normalized)
    if match is None:
        raise _invalid(value)
    if match.group(1) in ("infinity", "-infinity"):
        return -math.inf if match.group(1).startswith("-") else math.inf
    shape = float(match.group(1))
    if not math.isfinite(shape):
        raise _invalid(value)
    return shape


def split_corner_shapes(value: str, max_values: int = 4) -> list[str]:
    """The components of a corner-shape list, each checked."""
    values = _COMPONENT.findall(value)
    if not values or len(values) > max_values:
        raise _invalid(value)
    for shape in values:
        parse_corner_shape(shape)
    return values


def corner_shape_value(value: Any) -> float:
    """A longhand's computed shape: anything but a valid string is round (1)."""
    if not isinstance(value, str):
        return 1.0
    try:
        return parse_corner_shape(value)
    except StyleError:
        return 1.0


def _require_string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise StyleError(f'Invalid `{name}` value: "{js_string(value)}".', prop=name, value=value)
    return value


def _four(name: str, value: Any) -> dict[str, Any]:
    values = split_corner_shapes(_require_string(name, value))
    top_left = values[0]
    top_right = values[1] if len(values) > 1 else top_left
    bottom_right = values[2] if len(values) > 2 else top_left
    bottom_left = values[3] if len(values) > 3 else top_right
    return dict(zip(CORNER_LONGHANDS, (top_left, top_right, bottom_right, bottom_left)))


def _one(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, str):
        raise StyleError(f'Invalid `{name}` value: "{js_string(value)}".', prop=name, value=value)
    split_corner_shapes(value, 1)
    return {name: value}


def _two(name: str, value: Any) -> dict[str, Any]:
    values = split_corner_shapes(_require_string(name, value), 2)
    first, second = _SIDECORNER_LONGHANDS[name]
    return {first: values[0], second: values[1] if len(values) > 1 else values[0]}


_Handler = Callable[[str, Any, str], "dict[str, Any] | None"]

# Registered with the box shorthands (see :mod:`.shorthands`).
CORNER_SHAPE_HANDLERS: dict[str, _Handler] = {
    "cornerShape": lambda n, v, c: _four(n, v),
    **{name: (lambda n, v, c: _one(n, v)) for name in CORNER_LONGHANDS},
    **{name: (lambda n, v, c: _two(n, v)) for name in _SIDECORNER_LONGHANDS},
}
