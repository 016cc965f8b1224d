"""Numbers in declarations get ``px``: the reference's ``purify()`` of ``handler/expand.ts``.

A module of its own below :mod:`.expand` and the shorthand handlers, which all
add units the same way (and would otherwise import each other).
"""
from __future__ import annotations

import math
from typing import Any

from .values import js_string, js_to_number

__all__ = ["purify"]

# https://react-cn.github.io/react/tips/style-props-value-px.html
_OPT_OUT_PX = {"flex", "flexGrow", "flexShrink", "flexBasis", "fontWeight", "lineHeight", "opacity",
               "scale", "scaleX", "scaleY"}
_KEEP_NUMBER = {"lineHeight"}


# First characters of text JavaScript's Number() reads as NaN whatever follows (a keyword, a
# colour): not a space, digit, sign, dot, nor the I of Infinity.
_NOT_NUMBER_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTUVWXYZ#")


def purify(name: str, value: Any) -> Any:
    """Numbers (and numeric strings) get ``px`` unless the property is unitless."""
    if type(value) is str and value[:1] in _NOT_NUMBER_START:
        return value  # most declarations: keywords and colours
    number = js_to_number(value)
    if math.isnan(number):
        return value
    if name not in _OPT_OUT_PX:
        return f"{js_string(number)}px"
    if name in _KEEP_NUMBER:
        return number
    return js_string(value)
