"""What in twrnc's result Satori's style stage cannot take, found before it gets there.

twrnc writes React Native styles; Satori passes them on to its CSS style stage.
There, some make Satori throw and fail the whole render where a browser would
ignore the class: an opacity helper left without its colour (``bg-opacity-50``
alone), ``shadow-offset-*`` (an object), ``text-auto``, negative border widths
and two ``font-variant`` classes at once. Others are React Native properties
the style stage ignores (``elevation``, ``shadowRadius``, ``tintColor``, a
``shadowColor`` with no box shadow to colour, corner border widths). satori-py
leaves all of these out of the element's style and reports them against their
class, so the picture is Satori's and the message names the class. A
``shadowColor`` that Satori put into the box shadow is left out silently. Colours
that are not colours (``bg-[#zzz]``) are reported and go on, as in Satori.

One class twrnc reads but not as it was meant is told too: Tailwind's font size with a
line height (``text-5xl/0``, ``text-[40px]/0``), which twrnc takes for another font size
(20px, 160px: the part after the slash divides nothing it knows of) and no line height.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..patterns import lazy_compile
from ..style.colors import is_color
from .units import js_truthy

__all__ = ["check_style"]

_BORDER_WIDTHS = frozenset(f"border{side}Width" for side in ("", "Top", "Right", "Bottom", "Left"))
_CORNER_WIDTHS = frozenset(f"border{v}{h}Width" for v in ("Top", "Bottom") for h in ("Left", "Right"))
_COLOR_KEYS = ("color", "backgroundColor", "borderColor", "borderTopColor", "borderRightColor",
               "borderBottomColor", "borderLeftColor", "shadowColor", "tintColor")
_NATIVE = ("shadowOpacity", "shadowRadius", "elevation", "tintColor", "includeFontPadding")
_THROWS = "; Satori throws on it"
SILENT = "silent"
# Every key _problem looks at but the opacity helpers (most of a style is none of them).
_CHECKED = frozenset(("shadowOffset", "textAlign", "fontVariant", *_BORDER_WIDTHS, *_CORNER_WIDTHS,
                      *_COLOR_KEYS, *_NATIVE))


def _problem(key: str, value: Any, style: Mapping[str, Any]) -> tuple[bool, str, str] | None:
    """(drop, kind, detail) for one entry, or None when it is fine."""
    if key not in _CHECKED:
        if not key.startswith("__opacity_"):
            return None
        return True, "unsupported", ("an opacity class applies only with a colour class of the same kind in "
                                     "the same tw" + _THROWS)
    if key == "shadowOffset":
        return True, "unsupported", "React Native shadow offsets have no CSS equivalent" + _THROWS
    if key == "textAlign" and value == "auto":
        return True, "unsupported", "React Native's textAlign auto is no CSS value" + _THROWS
    if key == "fontVariant" and isinstance(value, list) and len(value) > 1:
        return True, "unsupported", "twrnc joins font-variant classes with a comma" + _THROWS
    if key in _BORDER_WIDTHS and isinstance(value, (int, float)) and value < 0:
        return True, "value", "a border width cannot be negative" + _THROWS
    if key == "shadowColor" and js_truthy(style.get("boxShadow")):
        return True, SILENT, ""  # Satori put it into the box shadow
    if key == "shadowColor":
        return True, "unsupported", "a shadow colour applies only with a shadow-<size> class in the same tw"
    if key in _NATIVE:
        return True, "unsupported", f"React Native's {key} has no CSS equivalent (Satori ignores it)"
    if key in _CORNER_WIDTHS:
        return True, "unsupported", "CSS has no border width per corner (Satori ignores it)"
    if key in _COLOR_KEYS and isinstance(value, str) and value != "inherit" and not is_color(value):
        return False, "value", f'"{value}" is not a colour'
    return None


# A font size with Tailwind's line-height modifier (text-5xl/0, text-[40px]/7, text-sm/[1.1]).
_SIZE_WITH_LINE_HEIGHT = lazy_compile(r"(-?text-[^/]+)/(\d+(?:\.\d+)?|\[[^\]]+\]|[a-z]+)")


def _misread_size(style: Mapping[str, Any], origins: Mapping[str, str]) -> tuple[str, str, str] | None:
    """The problem of a font size twrnc read from a class with a line-height modifier, if any."""
    name = origins.get("fontSize", "")
    utility = name.rsplit(":", 1)[-1]
    variants = name[:len(name) - len(utility)]
    match = _SIZE_WITH_LINE_HEIGHT.fullmatch(utility)
    size = style.get("fontSize")
    if match is None or not isinstance(size, (int, float)):
        return None
    modifier = match[2]  # Tailwind's /6 is 6 spacing steps of 4px
    leading = f"leading-[{float(modifier) * 4:g}px]" if modifier[0].isdigit() else f"leading-{modifier}"
    return (name, "misread", f"twrnc reads it as the font size {size:g}px (as Satori does), not as {match[1]} with "
                             f'a line height: write "{variants}{match[1]} {variants}{leading}"')


def check_style(style: Mapping[str, Any], origins: Mapping[str, str]) -> tuple[tuple[str, ...], list[tuple[str, str, str]]]:
    """The keys to drop from ``style``, and (class, kind, detail) problems; ``origins`` maps a key to its class."""
    drop: list[str] = []
    problems: list[tuple[str, str, str]] = []
    misread = _misread_size(style, origins) if "fontSize" in style else None
    if misread is not None:
        problems.append(misread)
    for key, value in style.items():
        found = _problem(key, value, style)
        if found is None:
            continue
        dropped, kind, detail = found
        if dropped:
            drop.append(key)
        if kind != SILENT:
            problems.append((origins.get(key, "?"), kind, detail))
    return tuple(drop), problems
