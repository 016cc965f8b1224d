"""The ``font`` shorthand, split into the longhands it sets.

Mirrors the reference's ``parser/font.ts``: up to four style, variant, weight
and stretch keywords (or ``normal``), a size, an optional ``/ line-height``
and the families; the longhands not given are reset.
"""
from __future__ import annotations

import re

from ..errors import StyleError
from ..patterns import lazy_compile
from .values import MATH_FUNCTION

__all__ = ["parse_font_shorthand"]

# -- font --------------------------------------------------------------------------------

_STRETCH = {"ultra-condensed", "extra-condensed", "condensed", "semi-condensed", "semi-expanded",
            "expanded", "extra-expanded", "ultra-expanded"}
_SIZE_KEYWORDS = {"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large",
                  "xxx-large", "larger", "smaller", "math"}
_NUMBER = lazy_compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)
_LENGTH = lazy_compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:[a-z]+|%)$", re.IGNORECASE)
_ANGLE = lazy_compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:deg|grad|rad|turn)$", re.IGNORECASE)


def _read_component(value: str, start: int) -> int:
    """Where the component at ``start`` ends: whitespace or ``/`` outside functions and strings."""
    depth, quote, i = 0, "", start
    while i < len(value):
        char = value[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in ("'", '"'):
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif not depth and (char == "/" or char.isspace()):
            break
        i += 1
    return i


def _skip_space(value: str, i: int) -> int:
    while i < len(value) and value[i].isspace():
        i += 1
    return i


def _is_size(component: str) -> bool:
    return (component.lower() in _SIZE_KEYWORDS or bool(_LENGTH.match(component))
            or component == "0" or bool(MATH_FUNCTION.match(component)))


def parse_font_shorthand(value: str) -> dict[str, str]:
    """The longhands of ``font``; the ones not given are reset."""
    def invalid() -> StyleError:
        return StyleError(f'Invalid value for CSS property "font": "{value}".', prop="font", value=value)

    style = variant = weight = stretch = size = None
    i = _skip_space(value, 0)
    count = 0
    while i < len(value):
        end = _read_component(value, i)
        component = value[i:end]
        lower = component.lower()
        if count < 4 and not _is_size(component) and value[end:end + 1] != "/":
            following = _skip_space(value, end)
            if lower == "normal":
                pass
            elif not style and lower in ("italic", "oblique"):
                style = lower
                angle_end = _read_component(value, following)
                if lower == "oblique" and _ANGLE.match(value[following:angle_end]):
                    style += " " + value[following:angle_end]
                    following = _skip_space(value, angle_end)
            elif not variant and lower == "small-caps":
                variant = lower
            elif not weight and (lower in ("bold", "bolder", "lighter") or (
                    _NUMBER.match(component) and 1 <= float(component) <= 1000)):
                weight = lower
            elif not stretch and lower in _STRETCH:
                stretch = lower
            else:
                raise invalid()
            count += 1
            i = following
            continue
        if not _is_size(component):
            raise invalid()
        size = component
        i = end
        break
    if size is None:
        raise invalid()
    line_height = "normal"
    i = _skip_space(value, i)
    if value[i:i + 1] == "/":
        i = _skip_space(value, i + 1)
        end = _read_component(value, i)
        line_height = value[i:end]
        if not line_height:
            raise invalid()
        i = end
    family = value[i:].strip()
    if not family or family.startswith("/"):
        raise invalid()
    return {"fontStyle": style or "normal", "fontVariant": variant or "normal",
            "fontWeight": weight or "normal", "fontStretch": stretch or "normal",
            "fontSize": size, "lineHeight": line_height, "fontFamily": family}
