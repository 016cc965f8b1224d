"""Numbers and units of class values, as twrnc 3.4.0 reads them (its ``helpers.js``).

``1rem`` is 16px, a bare number in a class (``top-73``) is the spacing scale
(``n / 4`` rem), ``/`` makes a fraction (a percentage) where allowed, and ``vw``/
``vh`` are fractions of the canvas size Satori gives twrnc. Values are
JavaScript numbers: NaN and infinities flow through as they do in twrnc.
"""
from __future__ import annotations

from typing import Any

from ..frozen import Frozen
from ..js_format import js_number
from ..js_numbers import js_div, js_truthy
from ..patterns import lazy_compile
from ..style.values import js_parse_float, js_string

__all__ = [
    "Complete", "Context", "Dependent", "Device", "IR", "Ordered", "direction",
    "complete_style", "consume_direction", "js_truthy", "merge_style",
    "parse_numeric", "style_value", "to_px", "to_style_value", "unconfigged", "unconfigged_style",
]

REM, EM, PX, PERCENT, VW, VH, NONE = "rem", "em", "px", "%", "vw", "vh", ""
_UNITS = {"rem": REM, "px": PX, "em": EM, "%": PERCENT, "vw": VW, "vh": VH}
_UNIT = lazy_compile(r"([a-z]{2,}|%)\Z")
_DIRECTIONS = {"t": "Top", "tr": "TopRight", "tl": "TopLeft", "b": "Bottom", "br": "BottomRight",
               "bl": "BottomLeft", "l": "Left", "r": "Right", "x": "Horizontal", "y": "Vertical"}
_DIRECTION_PREFIX = lazy_compile(r"^-(t|b|r|l|tr|tl|br|bl)(-|\Z)")


class Device(Frozen):
    """The canvas size twrnc is told (NaN for a side the render does not fix)."""

    width: float
    height: float


class Context(Frozen):
    """What a value is read with: the device, a leading ``-``, fractions allowed."""

    device: Device | None = None
    negative: bool = False
    fractions: bool = False


PLAIN = Context()  # no device, not negative, no fractions


# -- the intermediate results of a class (twrnc's StyleIR) ------------------------------------

class Complete(Frozen):
    """A class's style, known on its own."""

    style: dict[str, Any]


class Dependent(Frozen):
    """A class whose style depends on the others' (``leading-tight`` on the font size).

    ``complete(style)`` updates the merged style in place and returns an error
    message when it cannot.
    """

    complete: Any


class Ordered(Frozen):
    """A class under a matching breakpoint or variant: applied after the others, by order."""

    order: int
    ir: Complete | Dependent


IR = Complete | Dependent | Ordered | None


# -- JavaScript numbers --------------------------------------------------------------------------

# -- helpers.js ------------------------------------------------------------------------------------

def parse_numeric(value: str, fractions: bool = False) -> tuple[float, str] | None:
    """parseNumericValue: ``(number, unit)``, or None when not a number or a known unit."""
    if fractions and "/" in value:
        parts = value.split("/")
        numerator = parse_numeric(parts[0])
        denominator = parse_numeric(parts[1])
        if numerator is None or denominator is None:
            return None
        return js_div(numerator[0], denominator[0]), denominator[1]
    number = js_parse_float(value)
    if number != number:
        return None
    match = _UNIT.search(value)
    if not match:
        return number, NONE
    unit = _UNITS.get(match.group(1))
    return None if unit is None else (number, unit)


def to_style_value(number: float, unit: str, ctx: Context = PLAIN) -> float | str | None:
    """toStyleVal: px for rem/px/unitless (negated for ``-`` classes), ``N%``, vw/vh of the canvas."""
    sign = -1.0 if ctx.negative else 1.0
    if unit == REM:
        return number * 16 * sign
    if unit in (PX, NONE):
        return number * sign
    if unit == PERCENT:
        return f"{'-' if ctx.negative else ''}{js_number(number)}%"
    if unit in (VW, VH) and ctx.device is not None:
        side = ctx.device.width if unit == VW else ctx.device.height
        return side * (number / 100)
    return None


def style_value(value: Any, ctx: Context = PLAIN) -> float | str | None:
    """parseStyleVal: a config or class value (any type, read as a string) as a style value."""
    if value is None:
        return None
    parsed = parse_numeric(js_string(value), ctx.fractions)
    return None if parsed is None else to_style_value(*parsed, ctx)


def complete_style(prop: str, value: Any, ctx: Context = PLAIN) -> Complete | None:
    """getCompleteStyle."""
    result = style_value(value, ctx)
    return None if result is None else Complete({prop: result})


def merge_style(prop: str, value: Any, style: dict[str, Any]) -> dict[str, Any]:
    """mergeStyle: set ``prop`` when ``value`` reads as a style value."""
    result = style_value(value)
    if result is not None:
        style[prop] = result
    return style


def to_px(value: str) -> float | None:
    """toPx: rem or px lengths only."""
    parsed = parse_numeric(value)
    if parsed is None:
        return None
    number, unit = parsed
    return number * 16 if unit == REM else number if unit == PX else None


def direction(code: str | None) -> str:
    """getDirection: ``t`` -> ``Top``, ``x`` -> ``Horizontal``, anything else -> ``All``."""
    return _DIRECTIONS.get(code or "") or "All"


def consume_direction(fragment: str) -> tuple[str, str]:
    """parseAndConsumeDirection: ``-tl-lg`` -> (``lg``, ``TopLeft``)."""
    match = _DIRECTION_PREFIX.match(fragment)
    if not match:
        return fragment, "All"
    return fragment[match.end():], direction(match.group(1))


def _unconfigged_value(value: str, ctx: Context) -> float | str | None:
    if value == "px":
        return 1
    parsed = parse_numeric(value, ctx.fractions)
    if parsed is None:
        return None
    number, unit = parsed
    if ctx.fractions:
        unit, number = PERCENT, number * 100
    if unit == NONE:
        # A bare number is Tailwind's spacing scale: 1 = 0.25rem.
        number, unit = number / 4, REM
    return to_style_value(number, unit, ctx)


def unconfigged(value: str, ctx: Context = PLAIN) -> float | str | None:
    """parseUnconfigged: a fraction (``1/3`` -> ``33.3…%``), ``[arbitrary]`` or scale value."""
    if "/" in value:
        result = _unconfigged_value(value, Context(ctx.device, ctx.negative, True))
        if js_truthy(result):
            return result
    if value[:1] == "[":
        value = value[1:-1]
    return _unconfigged_value(value, ctx)


def unconfigged_style(prop: str, value: str, ctx: Context = PLAIN) -> Complete | None:
    """unconfiggedStyle."""
    result = unconfigged(value, ctx)
    return None if result is None else Complete({prop: result})
