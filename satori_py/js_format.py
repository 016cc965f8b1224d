"""JavaScript's writing of values, as the reference's output has them: ``Math.round``,
``String(number)``, ``String(value)`` of attribute values and ``serializeColor``.

Below every stage (no CSS parsing): the style stage, the images and the painter
format numbers with it.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

__all__ = ["js_number", "js_round", "js_text", "serialize_color"]


class _Color(Protocol):
    """An sRGB colour (:class:`~.style.types.RGBA`): channels 0-255, alpha 0-1."""

    @property
    def r(self) -> float: ...
    @property
    def g(self) -> float: ...
    @property
    def b(self) -> float: ...
    @property
    def a(self) -> float: ...


def js_round(value: float) -> float:
    """JavaScript's ``Math.round`` (halves go up)."""
    return float(math.floor(value + 0.5))


def js_number(value: float) -> str:
    """A float formatted like JavaScript's ``String(number)``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


def serialize_color(color: _Color) -> str:
    """The reference's ``serializeColor``: ``rgb(r,g,b)`` or ``rgba(r,g,b,a)``, the
    alpha rounded to three decimals."""
    channels = ",".join(str(int(js_round(c))) for c in (color.r, color.g, color.b))
    if color.a == 1:
        return f"rgb({channels})"
    alpha = js_round(color.a * 1000) / 1000
    return f"rgba({channels},{int(alpha) if alpha.is_integer() else alpha})"


def js_text(value: Any) -> str:
    """``String(value)`` as the reference writes attribute values (``null``, ``true``,
    numbers as JavaScript prints them, arrays joined by commas, objects as
    ``[object Object]``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, (list, tuple)):
        return ",".join("" if item is None else js_text(item) for item in value)
    if isinstance(value, Mapping):
        return "[object Object]"
    return str(value)
