"""Text classes: ``text-<size>``, ``leading-*``, ``tracking-*``, ``font-<family>``.

twrnc's ``resolve/font-size.js``, ``line-height.js``, ``letter-spacing.js`` and
``font-family.js``. A theme font size brings its line height (``text-xl`` is
20px on 28px lines); unitless and ``em`` values are relative to the font size,
so ``leading-tight`` and ``tracking-wide`` only apply when a ``text-*`` size is
in the same class list (they are ``Dependent`` and report otherwise).
"""
from __future__ import annotations

import math
from typing import Any

from ...style.values import js_string
from ..units import (
    EM,
    NONE,
    PERCENT,
    Complete,
    Context,
    Dependent,
    complete_style,
    js_truthy,
    merge_style,
    parse_numeric,
    to_style_value,
    unconfigged_style,
)
from .box import lookup

__all__ = ["font_family", "font_size", "js_round", "letter_spacing", "line_height"]

_EPSILON = 2.0 ** -52


def js_round(value: float) -> float:
    """``Math.round``: halves round up (towards +infinity)."""
    if not math.isfinite(value):
        return value
    floor = math.floor(value)
    return float(floor + 1 if value - floor >= 0.5 else floor)


def _relative_line_height(line_height: Any, style: dict[str, Any]) -> Any:
    """calculateLineHeight: a unitless or em line height times the font size."""
    parsed = parse_numeric(js_string(line_height))
    if parsed is not None and parsed[1] in (NONE, EM) and _is_number(style.get("fontSize")):
        return style["fontSize"] * parsed[0]
    return line_height


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def font_size(value: str, config: Any, ctx: Context) -> Complete | None:
    """``text-xl`` (with its line height), ``text-[42px]``, ``text-13``."""
    configured = lookup(config, value)
    if not js_truthy(configured):
        return unconfigged_style("fontSize", value, ctx)
    if isinstance(configured, str):
        return complete_style("fontSize", configured)
    if not isinstance(configured, list):
        return None
    size = configured[0] if configured else None
    rest = configured[1] if len(configured) > 1 else None
    style: dict[str, Any] = {}
    merge_style("fontSize", size, style)
    if isinstance(rest, str):
        return Complete(merge_style("lineHeight", _relative_line_height(rest, style), style))
    rest = rest if isinstance(rest, dict) else {}
    if js_truthy(rest.get("lineHeight")):
        merge_style("lineHeight", _relative_line_height(rest["lineHeight"], style), style)
    if js_truthy(rest.get("letterSpacing")):
        merge_style("letterSpacing", rest["letterSpacing"], style)
    return Complete(style)


def line_height(value: str, config: Any) -> Complete | Dependent | None:
    """``leading-7`` (px), ``leading-tight`` and ``leading-[1.2]`` (times the font size)."""
    configured = lookup(config, value)
    if configured is None:
        configured = value[1:-1] if value.startswith("[") else value
    parsed = parse_numeric(js_string(configured))
    if parsed is None:
        return None
    number, unit = parsed
    if unit == NONE:
        def complete(style: dict[str, Any]) -> str | None:
            if not _is_number(style.get("fontSize")):
                return "relative line-height utilities require that font-size be set"
            style["lineHeight"] = style["fontSize"] * number
            return None
        return Dependent(complete)
    result = to_style_value(number, unit)
    return None if result is None else Complete({"lineHeight": result})


def letter_spacing(value: str, negative: bool, config: Any) -> Complete | Dependent | None:
    """``tracking-wide`` (em: times the font size, rounded to 0.01), ``tracking-[2px]``."""
    configured = lookup(config, value)
    if not js_truthy(configured):
        return unconfigged_style("letterSpacing", value, Context(negative=negative))
    parsed = parse_numeric(js_string(configured))
    if parsed is None:
        return None
    number, unit = parsed
    if unit == EM:
        def complete(style: dict[str, Any]) -> str | None:
            size = style.get("fontSize")
            if not isinstance(size, (int, float)) or isinstance(size, bool) or size != size:
                return "tracking-X relative letter spacing classes require font-size to be set"
            style["letterSpacing"] = js_round((number * size + _EPSILON) * 100) / 100
            return None
        return Dependent(complete)
    if unit == PERCENT:
        return None
    result = to_style_value(number, unit, Context(negative=negative))
    return None if result is None else Complete({"letterSpacing": result})


def font_family(value: str, config: Any) -> Complete | None:
    """``font-sans`` -> the first family of the theme's list."""
    configured = lookup(config, value)
    if not js_truthy(configured):
        return None
    if isinstance(configured, str):
        return Complete({"fontFamily": configured})
    first = configured[0] if isinstance(configured, list) and configured else None
    return Complete({"fontFamily": first}) if js_truthy(first) else None
