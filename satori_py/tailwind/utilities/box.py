"""Box classes: spacing, sizes, insets, border widths and styles, radii.

twrnc's ``resolve/spacing.js``, ``width-height.js``, ``inset.js`` and
``borders.js``. Theme values are read as twrnc reads them (``1rem`` -> 16,
fractions -> percentages); values outside the theme (``w-[137px]``, ``top-73``)
go through :func:`..units.unconfigged`. React Native has no per-side radius
shorthand, so ``rounded-t-lg`` sets both top corners.
"""
from __future__ import annotations

from typing import Any

from ...patterns import lazy_compile
from ...style.values import js_string
from ..units import (
    PX,
    Complete,
    Context,
    Dependent,
    complete_style,
    consume_direction,
    js_truthy,
    parse_numeric,
    style_value,
    to_style_value,
    unconfigged,
    unconfigged_style,
)
from .color import Warn, color

__all__ = ["border", "border_radius", "inset", "min_max_size", "size", "spacing"]

_SIDES = {"All": ("Top", "Right", "Bottom", "Left"), "Vertical": ("Top", "Bottom"),
          "Horizontal": ("Left", "Right"), "Top": ("Top",), "Bottom": ("Bottom",),
          "Left": ("Left",), "Right": ("Right",)}
_WIDTH_CLASS = lazy_compile(r"^(-?([0-9])+)?\Z")
_INSET_AXIS = lazy_compile(r"^(x|y)-")


def lookup(config: Any, key: str) -> Any:
    """``config?.[key]`` for a theme scale (own keys only)."""
    return config.get(key) if isinstance(config, dict) else None


def _spacing_style(kind: str, direction: str, value: float | str) -> Complete | None:
    sides = _SIDES.get(direction)
    return None if sides is None else Complete({f"{kind}{side}": value for side in sides})


def spacing(kind: str, direction: str, negative: bool, value: str, config: Any) -> Complete | None:
    """``m-4``, ``px-[13px]``, ``-mt-2``, ``mx-auto``, ``p-13`` (the scale beyond the theme)."""
    if value[:1] == "[":
        numeric: Any = value[1:-1]
    else:
        numeric = lookup(config, value)
        if not js_truthy(numeric):
            # Outside the theme: a bare number on the scale (never negated, as in twrnc).
            result = unconfigged(value)
            if js_truthy(result) and isinstance(result, (int, float)):
                return _spacing_style(kind, direction, to_style_value(result, PX))  # type: ignore[arg-type]
            return None
    if numeric == "auto":
        return _spacing_style(kind, direction, "auto")
    parsed = parse_numeric(js_string(numeric))
    if parsed is None:
        return None
    number, unit = parsed
    pixels = to_style_value(-number if negative else number, unit)
    return None if pixels is None else _spacing_style(kind, direction, pixels)


def size(prop: str, value: str, ctx: Context, config: Any) -> Complete | None:
    """``w-*``/``h-*``: theme sizes (``w-1/2``, ``w-screen``) or unconfigged values."""
    configured = lookup(config, value)
    if configured is not None:
        return complete_style(prop, configured, ctx)
    return unconfigged_style(prop, value, ctx)


def min_max_size(prop: str, value: str, ctx: Context, config: Any) -> Complete | None:
    """``min-w-*``, ``max-h-*``: as sizes; ``screen`` is the canvas (``100vw``/``100vh``)."""
    configured = style_value(lookup(config, value), ctx)
    if js_truthy(configured):
        return Complete({prop: configured})
    if value == "screen":
        value = "100vw" if "Width" in prop else "100vh"
    return unconfigged_style(prop, value, ctx)


def inset(kind: str, value: str, negative: bool, config: Any) -> Complete | None:
    """``top-4``, ``-left-2``, ``inset-x-0``, ``inset-1/2``."""
    axis = None
    if kind == "inset":
        match = _INSET_AXIS.match(value)
        if match:
            axis, value = match.group(1), value[match.end():]
    ctx = Context(negative=negative)
    configured = lookup(config, value)
    result = style_value(configured, ctx) if js_truthy(configured) else None
    if result is None:
        result = unconfigged(value, ctx)
        if result is None:
            return None
    if kind != "inset":
        return Complete({kind: result})
    sides = {None: ("top", "left", "right", "bottom"), "y": ("top", "bottom"), "x": ("left", "right")}[axis]
    return Complete(dict.fromkeys(sides, result))


def _border_width(value: str, direction: str, config: Any) -> Complete | None:
    if config is None:
        return None
    value = value[1:] if value.startswith("-") else value
    configured = lookup(config, value or "DEFAULT")
    if configured is None:
        return None
    return complete_style(f"border{'' if direction == 'All' else direction}Width", configured)


def border(value: str, theme: Any, warn: Warn) -> Complete | Dependent | None:
    """``border``, ``border-2``, ``border-t``, ``border-dashed``, ``border-red-500``, ``border-[3px]``."""
    rest, direction = consume_direction(value)
    if _WIDTH_CLASS.match(rest):
        return _border_width(rest, direction, lookup(theme, "borderWidth"))
    rest = rest[1:] if rest.startswith("-") else rest
    if rest in ("dashed", "solid", "dotted"):
        return Complete({"borderStyle": rest})
    kind = {"Bottom": "borderBottom", "Top": "borderTop", "Left": "borderLeft",
            "Right": "borderRight"}.get(direction, "border")
    found = color(kind, rest, lookup(theme, "borderColor"), warn)
    if found is not None:
        return found
    # An arbitrary width, e.g. border-[20px] (the brackets' characters are dropped unread).
    prop = f"border{'' if direction == 'All' else direction}Width"
    rest = rest[1:] if rest.startswith("-") else rest
    width = unconfigged_style(prop, rest[1:-1])
    if width is None or not isinstance(width.style[prop], (int, float)):
        return None
    return width


def _corners(style: dict[str, Any]) -> Complete:
    """React Native has radii per corner only: a side's radius sets its two corners."""
    out: dict[str, Any] = {}
    for key, value in style.items():
        side = {"borderTopRadius": ("TopLeft", "TopRight"), "borderBottomRadius": ("BottomLeft", "BottomRight"),
                "borderLeftRadius": ("BottomLeft", "TopLeft"),
                "borderRightRadius": ("BottomRight", "TopRight")}.get(key)
        if side is None:
            out[key] = value
        else:
            out.update({f"border{corner}Radius": value for corner in side})
    return Complete(out)


def border_radius(value: str, config: Any) -> Complete | None:
    """``rounded``, ``rounded-lg``, ``rounded-t-xl``, ``rounded-tl-[12px]``, ``rounded-13``."""
    if config is None:
        return None
    rest, direction = consume_direction(value)
    rest = (rest[1:] if rest.startswith("-") else rest) or "DEFAULT"
    prop = f"border{'' if direction == 'All' else direction}Radius"
    configured = lookup(config, rest)
    if js_truthy(configured):
        found = complete_style(prop, configured)
        return None if found is None else _corners(found.style)
    arbitrary = unconfigged_style(prop, rest)
    if arbitrary is None or not isinstance(arbitrary.style[prop], (int, float)):
        return None
    return _corners(arbitrary.style)
