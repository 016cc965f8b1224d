"""What in twrnc's result Satori's style stage cannot take, found before it gets there.

twrnc writes React Native styles. Most reach Satori's style stage as CSS (``shadowColor``,
``elevation`` and the like are warned about or ignored there, as in Satori), but
a few make Satori throw and fail the whole render, where a browser would ignore
the class: an opacity helper left without its colour (``bg-opacity-50`` alone),
``shadow-offset-*`` (an object), ``text-auto`` and negative border widths. Those
entries are dropped and reported against their class. Colours that are not
colours (``bg-[#zzz]``) are reported too; they go on, drawing nothing, as in Satori.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..style.colors import is_color

__all__ = ["check_style"]

_BORDER_WIDTH = re.compile(r"^border(Top|Right|Bottom|Left)?Width\Z")
_COLOR_KEYS = ("color", "backgroundColor", "borderColor", "borderTopColor", "borderRightColor",
               "borderBottomColor", "borderLeftColor", "shadowColor", "tintColor")


def _problem(key: str, value: Any) -> tuple[bool, str, str] | None:
    """(drop, kind, detail) for one entry, or None when it is fine."""
    if key.startswith("__opacity_"):
        return True, "unsupported", ("an opacity class applies only with a colour class of the same kind in "
                                     "the same tw; alone, Satori throws on it")
    if key == "shadowOffset":
        return True, "unsupported", "React Native shadow offsets have no CSS equivalent; Satori throws on them"
    if key == "textAlign" and value == "auto":
        return True, "unsupported", "React Native's textAlign auto is no CSS value; Satori throws on it"
    if _BORDER_WIDTH.match(key) and isinstance(value, (int, float)) and value < 0:
        return True, "value", "a border width cannot be negative; Satori throws on it"
    if key in _COLOR_KEYS and isinstance(value, str) and value != "inherit" and not is_color(value):
        return False, "value", f'"{value}" is not a colour, so nothing is drawn for it (as in Satori)'
    return None


def check_style(style: Mapping[str, Any], origins: Mapping[str, str]) -> tuple[tuple[str, ...], list[tuple[str, str, str]]]:
    """The keys to drop from ``style``, and (class, kind, detail) problems; ``origins`` maps a key to its class."""
    drop: list[str] = []
    problems: list[tuple[str, str, str]] = []
    for key, value in style.items():
        found = _problem(key, value)
        if found is None:
            continue
        dropped, kind, detail = found
        if dropped:
            drop.append(key)
        problems.append((origins.get(key, "?"), kind, detail))
    return tuple(drop), problems
