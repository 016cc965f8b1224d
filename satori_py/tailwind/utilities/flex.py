"""Flex classes with values: ``flex-1``, ``flex-[2_2_0%]``-like theme values, ``grow``, ``shrink-0``.

twrnc's ``resolve/flex.js``. The fixed ones (``flex-row``, ``flex-auto``, ...) are
in :mod:`.static`.
"""
from __future__ import annotations

from typing import Any

from ...patterns import lazy_compile
from ...style.values import JS_SPACE, js_to_number
from ..units import Complete, js_truthy, style_value
from .box import lookup

__all__ = ["flex", "grow_shrink"]

_S = f"[{JS_SPACE}]+"
_ONE = lazy_compile(r"^[0-9]+(\.[0-9]+)?\Z")
_GROW_SHRINK = lazy_compile(f"^([0-9]+){_S}([0-9]+)\\Z")
_GROW_BASIS = lazy_compile(f"^([0-9]+){_S}([^ ]+)\\Z")
# JavaScript's `.` stops at line terminators.
_THREE = lazy_compile(f"^([0-9]+){_S}([0-9]+){_S}([^\n\r\u2028\u2029]+)\\Z")


def grow_shrink(kind: str, value: str, config: Any) -> Complete | None:
    """``grow``, ``grow-0``, ``shrink-2``: ``kind`` is ``Grow`` or ``Shrink``."""
    value = value[1:] if value.startswith("-") else value
    configured = lookup(config, value or "DEFAULT")
    number = js_to_number(value if configured is None else configured)
    return None if number != number else Complete({f"flex{kind}": number})


def flex(value: str, config: Any) -> Complete | None:
    """``flex-1`` (``1 1 0%``), ``flex-2``: a theme value or the value itself, as the flex shorthand."""
    configured = lookup(config, value)
    text = configured if js_truthy(configured) else value
    if not isinstance(text, str):
        return None
    if text in ("min-content", "revert", "unset"):
        return None
    if _ONE.match(text):
        return Complete({"flexGrow": js_to_number(text), "flexBasis": "0%"})
    match = _GROW_SHRINK.match(text)
    if match:
        return Complete({"flexGrow": js_to_number(match.group(1)), "flexShrink": js_to_number(match.group(2))})
    match = _GROW_BASIS.match(text)
    if match:
        basis = style_value(match.group(2))
        return Complete({"flexGrow": js_to_number(match.group(1)), "flexBasis": basis}) if js_truthy(basis) else None
    match = _THREE.match(text)
    if match:
        basis = style_value(match.group(3))
        if not js_truthy(basis):
            return None
        return Complete({"flexGrow": js_to_number(match.group(1)), "flexShrink": js_to_number(match.group(2)),
                         "flexBasis": basis})
    return None
