"""``filter`` and ``backdropFilter`` parsed into filter functions, at style time.

Mirrors the reference's ``parser/backdrop-filter.ts``, which ``expand.ts``
calls for both properties (so an invalid list is found with the element's
other values, and ``on_style_error`` gets it):

* ``blur()`` and ``drop-shadow()`` lengths are px or relative to the parent's
  font size, without percentages; amounts are numbers or percentages, and
  ``grayscale``/``invert``/``opacity``/``sepia`` are capped at 1.
* ``url()`` references to SVG filters are only allowed in ``filter``.

The painter (paint/filter.py) turns the functions into SVG primitives.
"""
from __future__ import annotations

import math
import re
from typing import Any

from ..errors import StyleError
from ..limits import active
from .colors import is_color
from .paint_types import FilterFunction
from .values import LengthContext, calc_degree, js_string, length_to_number, split_top_level

__all__ = ["parse_filters"]

_AMOUNTS = ("brightness", "contrast", "grayscale", "invert", "opacity", "saturate", "sepia")
_CAPPED = ("grayscale", "invert", "opacity", "sepia")


def _split_spaces(value: str) -> list[str]:
    """``splitEffects(value, /\\s/)`` without the empty parts."""
    return [part for part in split_top_level(value, str.isspace) if part]


class _Parser:
    def __init__(self, prop: str, font_size: float, lengths: LengthContext, current_color: str) -> None:
        self.prop, self.font_size, self.lengths, self.color = prop, font_size, lengths, current_color

    def length(self, text: str, function: str) -> float:
        value = length_to_number(text, self.font_size, self.lengths)
        if value is None:
            raise StyleError(f"Invalid length `{text}` in `{function}` for `{self.prop}`.", prop=self.prop)
        return value

    def amount(self, text: str, function: str) -> float:
        percentage = re.fullmatch(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))%", text)
        try:
            amount = float(percentage.group(1)) / 100 if percentage else float(text) if text.strip() else 0.0
        except ValueError:
            amount = math.nan
        if not math.isfinite(amount) or amount < 0:
            raise StyleError(f"Invalid amount `{text}` in `{function}` for `{self.prop}`.", prop=self.prop)
        return amount

    def function(self, text: str) -> FilterFunction:
        match = re.fullmatch(r"([a-z-]+)\((.*)\)", text, re.IGNORECASE | re.DOTALL)
        if not match:
            raise StyleError(f"Invalid filter function in `{self.prop}`.", prop=self.prop)
        name, argument = match.group(1).lower(), match.group(2).strip()
        if name == "blur":
            radius = self.length(argument, "blur()") if argument else 0.0
            if radius < 0:
                raise StyleError(f"Invalid `blur()` radius in `{self.prop}`.", prop=self.prop)
            return FilterFunction("blur", radius)
        if name == "hue-rotate":
            angle = 0.0 if argument in ("", "0") else calc_degree(argument)
            if angle is None:
                raise StyleError(f"Invalid `hue-rotate()` angle in `{self.prop}`.", prop=self.prop)
            return FilterFunction("hue-rotate", angle)
        if name == "drop-shadow":
            return self.drop_shadow(argument)
        if name == "url" and self.prop == "filter":
            url = re.sub(r"^([\"'])(.*)\1$", r"\2", argument).strip()
            if not url.startswith("#") or len(url) < 2:
                raise StyleError(
                    f"Unsupported `url()` in `{self.prop}`, only references to SVG filters of the "
                    "document, e.g. `url(#filter)`, are supported.", prop=self.prop)
            return FilterFunction("url", ref=url[1:])
        if name in _AMOUNTS:
            amount = self.amount(argument, f"{name}()") if argument else 1.0
            return FilterFunction(name, min(amount, 1.0) if name in _CAPPED else amount)
        raise StyleError(f"Unsupported `{name}()` in `{self.prop}`.", prop=self.prop)

    def drop_shadow(self, argument: str) -> FilterFunction:
        color, lengths = self.color, []
        for part in _split_spaces(argument):
            if is_color(part):
                color = part
            else:
                lengths.append(part)
        if not 2 <= len(lengths) <= 3:
            raise StyleError(f"Invalid `drop-shadow()` value in `{self.prop}`.", prop=self.prop)
        dx = self.length(lengths[0], "drop-shadow()")
        dy = self.length(lengths[1], "drop-shadow()")
        blur = self.length(lengths[2], "drop-shadow()") if len(lengths) > 2 else 0.0
        if blur < 0:
            raise StyleError(f"Invalid `drop-shadow()` blur radius in `{self.prop}`.", prop=self.prop)
        return FilterFunction("drop-shadow", blur, (dx, dy), color)


def parse_filters(value: Any, prop: str, *, font_size: float, lengths: LengthContext,
                  current_color: str) -> tuple[FilterFunction, ...] | None:
    """The functions of ``filter`` (or ``backdropFilter``), None for ``none``; raises
    StyleError with the reference's sentence for an invalid list.

    ``font_size`` is the parent's (``em``), ``current_color`` the CSS text of the
    element's colour (a ``drop-shadow()`` without a colour).
    """
    if value is None or value == "none":
        return None
    if not isinstance(value, str):
        raise StyleError(f'Invalid `{prop}` value: "{js_string(value)}".', prop=prop, value=value)
    parts = _split_spaces(value)
    active().check_layers(len(parts), prop=prop)
    if not parts:
        raise StyleError(f'Invalid `{prop}` value: "{value}".', prop=prop, value=value)
    parser = _Parser(prop, font_size, lengths, current_color)
    return tuple(parser.function(part) for part in parts)
