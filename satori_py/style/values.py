"""Pure parsers of CSS component values: numbers, lengths, angles, splitting.

Mirrors the reference's ``utils.ts`` (``lengthToNumber``, ``calcDegree``,
``v()`` and ``splitEffects``) and the value splitting helpers of
``handler/expand.ts``. Nothing here knows about properties or elements; a
:class:`LengthContext` carries what relative units need.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..frozen import Frozen
from ..errors import StyleError
from ..js_format import js_number
from ..js_numbers import JS_SPACE, js_to_number
from ..length_range import finite_length
from ..patterns import lazy_compile
from .types import LengthToken, Percent

__all__ = [
    "CSS_WIDE_KEYWORDS",
    "DIMENSION",
    "JS_SPACE",
    "MATH_FUNCTION",
    "NUMBER",
    "VIEWPORT_UNITS",
    "LengthContext",
    "calc_degree",
    "check_keyword",
    "dimension_unit",
    "js_parse_float",
    "js_string",
    "js_to_number",
    "keyword_error",
    "length_to_number",
    "length_token",
    "parse_css_dimension",
    "split_top_level",
    "split_values",
    "unit_to_px",
]

# A number with an optional unit, e.g. `10px`, `-.5em` or `50%` (utils.ts).
DIMENSION = lazy_compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)([a-z]*|%)$", re.IGNORECASE)
# The keywords every property takes (CSS Cascade 5), lowercase.
CSS_WIDE_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
NUMBER = lazy_compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
MATH_FUNCTION = lazy_compile(r"^(calc|min|max|clamp)\(", re.IGNORECASE)

# Absolute lengths in px: https://www.w3.org/TR/css-values-4/#absolute-lengths
_ABSOLUTE = {"px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
             "pt": 96 / 72, "pc": 16.0}
# The small, large and dynamic viewports of an image are the same, and
# container units are of the viewport (the reference has no query containers
# for inline styles).
VIEWPORT_UNITS = {
    **dict.fromkeys(("vw", "cqw", "cqi", "svw", "lvw", "dvw", "vi", "svi", "lvi", "dvi"), "w"),
    **dict.fromkeys(("vh", "cqh", "cqb", "svh", "lvh", "dvh", "vb", "svb", "lvb", "dvb"), "h"),
    **dict.fromkeys(("vmin", "cqmin", "svmin", "lvmin", "dvmin"), "min"),
    **dict.fromkeys(("vmax", "cqmax", "svmax", "lvmax", "dvmax"), "max"),
}
_ANGLES = {"deg": 1.0, "rad": 180 / math.pi, "turn": 360.0, "grad": 0.9}


class LengthContext(Frozen):
    """What relative units are resolved against, besides the font size.

    ``line_height`` is the inherited line height multiplier (None for
    ``normal``, which the reference takes as 1.2 for ``lh``).
    """

    viewport_width: float = 0.0
    viewport_height: float = 0.0
    ch_ratio: float = 0.5
    line_height: float | None = None


def _trunc_int32(value: float) -> float:
    """JavaScript's ``~~value``: truncate toward zero, wrapped to int32."""
    if not math.isfinite(value):
        return 0.0
    n = int(value) & 0xFFFFFFFF
    return float(n - (1 << 32) if n >= 1 << 31 else n)


def unit_to_px(value: float, unit: str, font_size: float, ctx: LengthContext,
               basis: float | None = None) -> float | None:
    """``value`` in ``unit`` (lowercase) as px, angles as degrees; None if unknown.

    Percentages resolve only when ``basis`` is given.
    """
    if not unit:
        return value
    if unit in _ABSOLUTE:
        return value * _ABSOLUTE[unit]
    if unit == "em":
        return value * font_size
    if unit == "rem":
        return value * 16  # the reference never uses the root element's font size
    if unit == "ch":
        return value * font_size * (ctx.ch_ratio or 0.5)
    if unit == "ex":
        return value * font_size * 0.5
    axis = VIEWPORT_UNITS.get(unit)
    if axis is not None:
        w, h = ctx.viewport_width or 0.0, ctx.viewport_height or 0.0
        size = {"w": w, "h": h, "min": min(w, h), "max": max(w, h)}[axis]
        return _trunc_int32(value * size / 100)
    if unit == "lh":
        return value * (ctx.line_height if ctx.line_height is not None else 1.2) * font_size
    if unit == "rlh":
        return value * 1.2 * 16
    if unit == "%":
        return value / 100 * basis if basis is not None else None
    if unit in _ANGLES:
        return value * _ANGLES[unit]
    return None


def length_token(text: str, font_size: float, ctx: LengthContext) -> LengthToken:
    """A length word read now for the painter (:meth:`~.types.Percent.px`): px, a percentage
    of the basis it is given when painted, or None when it is not a length."""
    match = DIMENSION.match(text.strip())
    if match is not None and match.group(2) == "%":
        return Percent(float(match.group(1)))
    return length_to_number(text, font_size, ctx)


def dimension_unit(text: str) -> str | None:
    """The unit (lowercase; ``""`` for none) of ``text`` when it is one number with an optional
    unit, as :func:`length_to_number` reads it; None when it is not."""
    match = DIMENSION.match(text.strip())
    return None if match is None else match.group(2).lower()


def length_to_number(length: Any, font_size: float, ctx: LengthContext,
                     basis: float | None = None) -> float | None:
    """A length (or angle) as px (degrees), mirroring ``lengthToNumber``.

    Numbers pass through; strings must be one number with an optional unit.
    Percentages are of ``basis`` when it is given, else not a length.
    """
    if isinstance(length, bool):
        return None
    if isinstance(length, (int, float)):
        return finite_length(float(length))
    if not isinstance(length, str):
        return None
    match = DIMENSION.match(length.strip())
    if not match:
        return None
    px = unit_to_px(float(match.group(1)), match.group(2).lower(), font_size, ctx, basis)
    return None if px is None else finite_length(px)


_CSS_DIMENSION_UNITS = {
    "em": "length", "ex": "length", "ch": "length", "rem": "length", "vh": "length", "vw": "length",
    "vmin": "length", "vmax": "length", "px": "length", "mm": "length", "cm": "length",
    "in": "length", "pt": "length", "pc": "length", "mozmm": "length",
    "deg": "angle", "grad": "angle", "rad": "angle", "turn": "angle",
    "Hz": "frequency", "kHz": "frequency", "dpi": "resolution", "dpcm": "resolution",
    "dppx": "resolution", "s": "time", "ms": "time",
}
_LEADING_FLOAT = lazy_compile(f"^[{JS_SPACE}]*([+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?))")


def js_parse_float(text: str) -> float:
    """JavaScript's ``parseFloat``: the longest numeric prefix, else NaN."""
    match = _LEADING_FLOAT.match(text)
    if not match:
        return math.nan
    return float(match.group(1).replace("Infinity", "inf"))


def parse_css_dimension(text: str) -> tuple[str, float, str] | None:
    """``(type, value, unit)`` like the reference's vendored parse-css-dimension.

    Returns None where that library throws.
    """
    if re.search(r"\.\D?$", text) or re.match(r"^[+-]{2}", text) or text.count(".") > 1:
        return None
    if text.endswith("%"):
        value = js_parse_float(text)
        return None if math.isnan(value) else ("percentage", value, "%")
    unit_match = re.search(r"\D+$", text)
    unit = unit_match.group(0) if unit_match else ""
    if unit and unit not in _CSS_DIMENSION_UNITS:
        return None
    value = js_parse_float(text[: len(text) - len(unit)] if unit else text)
    if math.isnan(value):
        return None
    return (_CSS_DIMENSION_UNITS[unit] if unit else "number", value, unit)


def calc_degree(text: str) -> float | None:
    """An angle as degrees (``calcDegree``); None when it is not an angle."""
    parsed = parse_css_dimension(text)
    if parsed is None or parsed[2] not in _ANGLES:
        return None
    return parsed[1] * _ANGLES[parsed[2]]


def split_values(value: str) -> list[str]:
    """Split at whitespace outside parentheses (``splitValues`` of expand.ts)."""
    values: list[str] = []
    depth = 0
    current = ""
    for char in value.strip():
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char.isspace() and depth == 0:
            if current:
                values.append(current)
            current = ""
        else:
            current += char
    if current:
        values.append(current)
    return values


def split_top_level(value: str, separator: str | Callable[[str], bool] = ",") -> list[str]:
    """Split at ``separator`` (a character, or a test of one) outside parentheses.

    Parts are trimmed and empty ones kept (``splitEffects``); the one splitter of
    comma and space lists for every stage.
    """
    is_separator = separator if callable(separator) else separator.__eq__
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(value):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if depth == 0 and is_separator(char):
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def js_string(value: Any) -> str:
    """``String(value)`` of the reference, for error messages."""
    if type(value) is str:  # (most values: as they are, before the checks of other types)
        return value
    if value is None:
        return "undefined"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, (list, tuple)):
        return ",".join(js_string(v) for v in value)
    return str(value)


def keyword_error(prop: str, allowed: Mapping[str, Any] | list[str], received: Any) -> StyleError:
    """The reference's ``v()`` sentence for a value outside ``allowed``."""
    names = " | ".join(f'"{key}"' for key in allowed)
    return StyleError(
        f'Invalid value for CSS property "{prop}". Allowed values: {names}. '
        f'Received: "{js_string(received)}".', prop=prop, value=received)


def unreadable(prop: str, value: Any) -> StyleError:
    """The error of a value of a type or size no parser of ``prop`` can take (a list where a
    string goes, a number past every range): the value is invalid, as in a browser."""
    return StyleError(f'Invalid value for CSS property "{prop}": {describe(value)}.', prop=prop, value=value)


def describe(value: Any, limit: int = 60) -> str:
    """A value for a message: JSON-like, shortened."""
    import json
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def check_keyword(value: Any, allowed: Mapping[str, Any], prop: str) -> Any:
    """Map ``value`` through ``allowed`` exactly as ``v()``: case-sensitive, else raise."""
    if isinstance(value, str) and value in allowed:
        return allowed[value]
    if not isinstance(value, str) and js_string(value) in allowed:
        # JavaScript looks numbers up by their string form.
        return allowed[js_string(value)]
    raise keyword_error(prop, allowed, value)
