"""JavaScript's reading of numbers, which the reference's output depends on.

``Number(text)``, ``a / b``, truthiness and the reference's ``parseViewBox`` (``utils.ts``),
kept once here, below every stage: the style stage sizes inline SVGs with them
and the image readers size SVG images, and the two must agree to the edge.
Only ASCII digits are digits and only JavaScript's white space is trimmed
(``\\ufeff`` is, ``\\x1c`` and ``\\x85`` are not), as in JavaScript.
"""
from __future__ import annotations

import math
from typing import Any

from .patterns import lazy_compile

__all__ = ["JS_SPACE", "js_div", "js_parse_int", "js_to_number", "js_truthy", "json_int", "parse_view_box"]

# JavaScript's white space (WhiteSpace and LineTerminator): `\s` and what trim() removes.
JS_SPACE = "\t\n\u000b\u000c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" \
           "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# `[0-9]+(?:\.[0-9]*)?`, not `[0-9]+\.?[0-9]*`: digits split two ways between the parts,
# and a long run of them that failed to match was tried every way (5,000 digits: 2.7 s).
_DECIMAL = lazy_compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INFINITY = lazy_compile(r"[+-]?Infinity")
_LEADING_INTEGER = lazy_compile(r"([+-]?)0*(\d+)")
_RADIX = lazy_compile(r"0([xXoObB])([0-9a-fA-F]+)")
_BASES = {"x": 16, "o": 8, "b": 2}
_VIEW_BOX_SEPARATOR = lazy_compile(r"[, ]")


# Digits of the longest integer JSON text is read as an int: Python refuses to convert more
# than 4,300 (sys.get_int_max_str_digits), and no style or option needs a quarter of that.
_JSON_INT_DIGITS = 1000


def json_int(text: str) -> int | float:
    """An integer of JSON text (``json.loads(..., parse_int=json_int)``): an int, but past
    :data:`_JSON_INT_DIGITS` digits a float, as JavaScript's JSON.parse reads every number
    (``1`` and 5,000 zeros is Infinity): json.loads raised ValueError on it from Python's
    limit, a traceback instead of an error of the input."""
    return int(text) if len(text) <= _JSON_INT_DIGITS else float(text)


def js_parse_int(text: str) -> float:
    """``parseInt(text)`` (base 10): the number of the leading integer, NaN without one, and
    Infinity past the largest double. (Its digits are not all made an int: past 4,300 Python
    refuses, and past 309 the number is Infinity anyway.)"""
    match = _LEADING_INTEGER.match(text.lstrip(JS_SPACE))
    if match is None:
        return math.nan
    sign, digits = match.groups()
    if len(digits) > 309:
        return -math.inf if sign == "-" else math.inf
    try:
        return math.copysign(float(int(digits)), -1.0 if sign == "-" else 1.0)
    except OverflowError:
        return -math.inf if sign == "-" else math.inf


def js_to_number(value: Any) -> float:
    """``Number(value)`` for strings, numbers and booleans (NaN for anything else)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return math.nan
    text = value.strip(JS_SPACE)
    if not text:
        return 0.0
    if _DECIMAL.fullmatch(text):
        return float(text)
    if _INFINITY.fullmatch(text):
        return -math.inf if text[0] == "-" else math.inf
    radix = _RADIX.fullmatch(text)
    if radix:
        try:
            integer = int(radix.group(2), _BASES[radix.group(1).lower()])
        except ValueError:  # a digit of another base: 0b2, 0o9
            return math.nan
        try:
            return float(integer)
        except OverflowError:  # past the largest double JavaScript reads Infinity
            return math.inf
    return math.nan


def js_div(a: float, b: float) -> float:
    """``a / b`` as JavaScript divides: by zero gives +-Infinity, or NaN for 0 / 0 and NaN."""
    if b == 0:
        if a == 0 or a != a:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def js_truthy(value: Any) -> bool:
    """JavaScript truthiness of a value (``0``, NaN, ``""``, null and false are false)."""
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)):
        return value == value and value != 0
    if isinstance(value, str):
        return value != ""
    return True


def parse_view_box(view_box: Any) -> list[float] | None:
    """``parseViewBox``: split on single commas and spaces (not tabs or newlines), empty
    parts dropped, each read by ``Number()``; None when there is no viewBox."""
    if not view_box:
        return None
    return [js_to_number(part) for part in _VIEW_BOX_SEPARATOR.split(str(view_box)) if part]
