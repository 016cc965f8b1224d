"""``objectPosition`` read once, at style time, as the reference's ``parseObjectPosition`` reads it.

The reference reads the first two words of the value (after a vertical keyword, a length
is dropped, not read as x): keywords are percentages, a percentage is of the content box,
and any other word is the number of a length with its unit not applied (``parse-css-dimension``:
``1em`` is 1; an angle, a time or an unknown unit is 0). The result is an
:class:`~.paint_types.ObjectPosition` of px and Percent, which the painter resolves
against the content box without parsing. Words that are none of these are reported by
the converter (:func:`.convert.object_position`).
"""
from __future__ import annotations

import math
import re
from typing import Any

from ..patterns import lazy_compile
from .paint_types import ObjectPosition
from .types import Percent

__all__ = ["CENTER", "parse_object_position"]

CENTER = ObjectPosition(Percent(50.0), Percent(50.0))
_KEYWORD_PERCENT = {"left": "0%", "center": "50%", "right": "100%", "top": "0%", "bottom": "100%"}
_LENGTH_UNITS = frozenset({"em", "ex", "ch", "rem", "vh", "vw", "vmin", "vmax", "px", "mm", "cm",
                           "in", "pt", "pc", "mozmm"})
_JS_FLOAT_PREFIX = lazy_compile(r"\s*([+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))")


def parse_object_position(value: Any) -> ObjectPosition:
    """The position of ``value``: CSS text (``"right 20%"``, ``"10px 5px"``), a number (px),
    or a pair whose items are keywords, numbers or percentages (``Percent``)."""
    parts = _position_words(value)
    if len(parts) == 1:
        word = parts[0]
        if word in ("left", "center", "right"):
            x_word, y_word = _KEYWORD_PERCENT[word], "50%"
        elif word in ("top", "bottom"):
            x_word, y_word = "50%", _KEYWORD_PERCENT[word]
        else:
            x_word, y_word = word, "50%"
    else:
        first, second = parts[0], parts[1]
        if first in ("top", "bottom"):
            y_word = _KEYWORD_PERCENT[first]
            # A length after a vertical keyword is dropped, not read as x.
            x_word = _KEYWORD_PERCENT[second] if second in ("left", "right", "center") else "50%"
        else:
            x_word, y_word = _KEYWORD_PERCENT.get(first, first), _KEYWORD_PERCENT.get(second, second)
    return ObjectPosition(_axis(x_word), _axis(y_word))


def _position_words(value: Any) -> list[str]:
    if value is None or value == "":
        return ["center"]
    if isinstance(value, (list, tuple)):
        words = [_position_word(item) for item in value]
    else:
        words = _position_word(value).split()
    return words or ["center"]


def _position_word(item: Any) -> str:
    if isinstance(item, bool):
        return "0"
    if isinstance(item, (int, float)):
        return repr(float(item)) if not float(item).is_integer() else str(int(item))
    unit = getattr(item, "unit", None)
    number = getattr(item, "value", None)
    if isinstance(number, (int, float)):
        is_percent = unit == "%" or isinstance(item, Percent)
        return f"{number}%" if is_percent else f"{number}"
    return str(item).lower().strip()


def _axis(word: str) -> float | Percent:
    """A position word: a Percent of the box (resolved by the painter, NaN and infinities
    included: they resolve to 0), else the number of a length in px (0 when not finite)."""
    if word.endswith("%"):
        return Percent(_js_parse_float(word))
    value = _css_dimension_number(word)
    return value if math.isfinite(value) else 0.0


def _js_parse_float(text: str) -> float:
    match = _JS_FLOAT_PREFIX.match(text)
    if match is None:
        return math.nan
    return float(match.group(1).replace("Infinity", "inf"))


def _css_dimension_number(word: str) -> float:
    """The number of a CSS length or number (``parse-css-dimension``); units are not applied."""
    if (re.search(r"\.\D?$", word) or re.match(r"[+-]{2}", word) or word.count(".") > 1):
        return 0.0
    unit_match = re.search(r"\D+$", word)
    unit = unit_match.group(0) if unit_match else ""
    if unit and unit not in _LENGTH_UNITS:  # angles, times... or an unknown unit
        return 0.0
    return _js_parse_float(word[: len(word) - len(unit)] if unit else word)
