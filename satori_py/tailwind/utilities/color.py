"""Colour classes (``bg-*``, ``text-*``, ``border-*``, ``shadow-*``, ``tint-*``), twrnc's ``resolve/color.js``.

A colour is a theme colour found by name (``red-500``, ``brand`` with a
``DEFAULT``), or an arbitrary ``[#hex]``/``[rgb…]`` value. ``/50`` applies an
opacity at once; without it the colour waits for the other classes, so that
``bg-red-500 bg-opacity-50`` combine (a ``Dependent``). Opacities turn hex
colours into ``rgba(r, g, b, a)`` text, as twrnc writes them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...js_format import js_number
from ...patterns import lazy_compile
from ...style.values import JS_SPACE, js_to_number
from ..units import Complete, Dependent

__all__ = ["STYLE_PROPS", "color", "color_opacity", "js_parse_int", "remove_opacity_helpers"]

# Per colour class: the opacity helper key (`bg-opacity-50`) and the style property.
STYLE_PROPS = {
    "bg": ("__opacity_bg", "backgroundColor"),
    "text": ("__opacity_text", "color"),
    "border": ("__opacity_border", "borderColor"),
    "borderTop": ("__opacity_border", "borderTopColor"),
    "borderBottom": ("__opacity_border", "borderBottomColor"),
    "borderLeft": ("__opacity_border", "borderLeftColor"),
    "borderRight": ("__opacity_border", "borderRightColor"),
    "shadow": ("__opacity_shadow", "shadowColor"),
    "tint": ("__opacity_tint", "tintColor"),
}
_SHORT_HEX = lazy_compile(r"^#?([a-f\d])([a-f\d])([a-f\d])\Z", re.IGNORECASE | re.ASCII)
_FULL_HEX = lazy_compile(r"^#?([a-f\d]{2})([a-f\d]{2})([a-f\d]{2})\Z", re.IGNORECASE | re.ASCII)
_ALPHA = lazy_compile(r", ?\d*\.?(\d+)\)\Z", re.ASCII)
_INT_PREFIX = lazy_compile(f"^[{JS_SPACE}]*([+-]?[0-9]+)")

Warn = Callable[[str], None]


def js_parse_int(text: str) -> float:
    """``parseInt(text, 10)``: the leading integer, else NaN."""
    match = _INT_PREFIX.match(text)
    return float(int(match.group(1))) if match else float("nan")


def _find(name: str, config: Any) -> str:
    """findColorInConfigRecursive: ``red-500`` in ``{red: {500: ...}}``, ``DEFAULT`` for objects."""
    if not isinstance(config, dict):
        return ""
    found = config.get(name)
    if isinstance(found, str):
        return found
    default = found.get("DEFAULT") if isinstance(found, dict) else None
    if isinstance(default, str):
        return default
    start, *rest = name.split("-")
    while start != name:
        sub = config.get(start)
        if isinstance(sub, (dict, list)) or sub is None and start in config:
            return _find("-".join(rest), sub)
        if not rest:
            return ""
        start = f"{start}-{rest.pop(0)}"
    return ""


def _hex_to_rgba(hex_color: str, warn: Warn) -> str:
    expanded = _SHORT_HEX.sub(lambda m: m.group(1) * 2 + m.group(2) * 2 + m.group(3) * 2, hex_color, count=1)
    match = _FULL_HEX.match(expanded)
    if not match:
        warn(f"invalid hex colour {hex_color} (twrnc makes it black)")
        return "rgba(0, 0, 0, 1)"
    r, g, b = (int(part, 16) for part in match.groups())
    return f"rgba({r}, {g}, {b}, 1)"


def _add_opacity(value: str, opacity: float, warn: Warn) -> str:
    if value.startswith("#"):
        value = _hex_to_rgba(value, warn)
    elif value.startswith("rgb("):
        value = "rgba(" + value[4:]
        value = value[:-1] + ", 1)" if value.endswith(")") else value
    return _ALPHA.sub(lambda _: f", {js_number(opacity)})", value, count=1)


def color(kind: str, value: str, config: Any, warn: Warn) -> Complete | Dependent | None:
    """A colour class's style (``value`` is the class after ``bg-``, ``text-``, ...)."""
    if config is None:
        return None
    shorthand = None
    if "/" in value:
        value, shorthand = value.split("/")[:2]
    if value.startswith(("[#", "[rgb")):
        found = value[1:-1]
    else:
        found = _find(value, config)
    if not found:
        return None
    opacity_prop, prop = STYLE_PROPS[kind]
    if shorthand:
        opacity = js_to_number(shorthand)
        if opacity == opacity:
            return Complete({prop: _add_opacity(found, opacity / 100, warn)})

    def complete(style: dict[str, Any]) -> None:
        own = style.get(opacity_prop)
        if isinstance(own, (int, float)) and not isinstance(own, bool):
            style[prop] = _add_opacity(found, float(own), warn)
        else:
            style[prop] = found
    return Dependent(complete)


def color_opacity(kind: str, value: str) -> Complete | None:
    """``bg-opacity-50``: the opacity helper the colour classes read."""
    percentage = js_parse_int(value)
    if percentage != percentage:
        return None
    return Complete({STYLE_PROPS[kind][0]: percentage / 100})


def remove_opacity_helpers(style: dict[str, Any]) -> None:
    for key in [k for k in style if k.startswith("__opacity_")]:
        del style[key]
