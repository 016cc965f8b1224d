"""Opacity, shadows, stacking and aspect ratio: ``opacity-*``, ``shadow-*``, ``z-*``, ``aspect-*``.

twrnc's ``resolve/opacity.js`` and ``resolve/shadow.js``, and the inline cases
of its ClassParser (``z-``, ``elevation-``, ``aspect-``). The box shadows
(``shadow-lg``) are Satori's, in :mod:`.static`; ``shadow-<colour>`` is in
:mod:`.color`. The React Native shadow keys (``shadowOpacity``, ``shadowOffset``,
``shadowRadius``, ``elevation``) are produced as twrnc produces them.
"""
from __future__ import annotations

from typing import Any

from ...style.values import js_string, js_to_number
from ..units import Complete, Context, complete_style, js_truthy, parse_numeric, unconfigged
from .box import lookup
from .color import js_parse_int

__all__ = ["aspect_ratio", "elevation", "opacity", "shadow_offset", "shadow_opacity", "z_index"]


def opacity(value: str, config: Any) -> Complete | None:
    """``opacity-50`` (the theme's 0.5), ``opacity-35`` (any percentage)."""
    configured = lookup(config, value)
    if js_truthy(configured):
        parsed = parse_numeric(js_string(configured))
        if parsed is not None:
            return Complete({"opacity": parsed[0]})
    parsed = parse_numeric(value)
    return None if parsed is None else Complete({"opacity": parsed[0] / 100})


def shadow_opacity(value: str) -> Complete | None:
    percentage = js_parse_int(value)
    return None if percentage != percentage else Complete({"shadowOpacity": percentage / 100})


def _offset(value: str) -> float | None:
    result = unconfigged(value)
    return result if isinstance(result, (int, float)) else None


def shadow_offset(value: str) -> Complete | None:
    """``shadow-offset-2`` or ``shadow-offset-2/4`` (width/height)."""
    if "/" in value:
        width_text, height_text = value.split("/")[:2]
        width, height = _offset(width_text), _offset(height_text)
    else:
        width = height = _offset(value)
    if width is None or height is None:
        return None
    return Complete({"shadowOffset": {"width": width, "height": height}})


def z_index(value: str, config: Any) -> Complete | None:
    """``z-10``: the theme's value or the number (``-z-10`` is not negated, as in twrnc)."""
    configured = lookup(config, value)
    number = js_to_number(value if configured is None else configured)
    return None if number != number else Complete({"zIndex": number})


def elevation(value: str) -> Complete | None:
    number = js_parse_int(value)
    return None if number != number else Complete({"elevation": number})


def aspect_ratio(value: str) -> Complete | None:
    """``aspect-16/9``, ``aspect-2``."""
    return complete_style("aspectRatio", value, Context(fractions=True))
