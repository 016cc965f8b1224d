"""What the layout engine gets for the alignment properties.

Mirrors the mapping half of the reference's ``handler/compute.ts``: the CSS
keywords of a computed style (``alignItems``, ``justifyContent``...) become
the layout engine's values, with the reference's defaults (``stretch`` items,
``flex-start`` content in flex containers) and, with ``direction: rtl``,
``left``/``right`` as the physical end/start on the inline axis.
"""
from __future__ import annotations

from typing import NamedTuple

from .computed import ComputedStyle

__all__ = ["Alignment", "layout_alignment"]

_ITEMS = {"stretch": "stretch", "center": "center", "start": "start", "end": "end", "self-start": "start",
          "self-end": "end", "flex-start": "flex-start", "flex-end": "flex-end", "baseline": "baseline"}
_CONTENT = {"stretch": "stretch", "center": "center", "start": "start", "end": "end",
            "flex-start": "flex-start", "flex-end": "flex-end", "space-between": "space-between",
            "space-around": "space-around", "space-evenly": "space-evenly"}
_JUSTIFY_CONTENT = {**_CONTENT, "left": "start", "right": "end"}
_JUSTIFY_ITEMS = {**_ITEMS, "left": "start", "right": "end"}
_PHYSICAL_RTL = {"left": "end", "right": "start"}


class Alignment(NamedTuple):
    """The six alignment values for the layout engine (None: the engine's default)."""

    align_content: str | None
    align_items: str | None
    align_self: str | None
    justify_content: str | None
    justify_items: str | None
    justify_self: str | None


def layout_alignment(style: ComputedStyle) -> Alignment:
    """The alignment values of a computed style for the layout engine."""
    inner = style.box.display_inner
    flex = style.flex
    is_flex = inner == "flex"
    # The defaults only apply to properties the element didn't set (`normal` is unset).
    declared = style.declared
    justify_content = _JUSTIFY_CONTENT.get(flex.justify_content)
    justify_items = _JUSTIFY_ITEMS.get(flex.justify_items)
    justify_self = _JUSTIFY_ITEMS.get(flex.justify_self)
    if is_flex and "justifyContent" not in declared:
        justify_content = "flex-start"  # unlike CSS, flex containers start at flex-start
    if style.text.direction == "rtl":
        inline_axis = inner == "grid" or (is_flex and flex.flex_direction in ("row", "row-reverse"))
        if inline_axis and flex.justify_content in _PHYSICAL_RTL:
            justify_content = _PHYSICAL_RTL[flex.justify_content]
        if flex.justify_items in _PHYSICAL_RTL:
            justify_items = _PHYSICAL_RTL[flex.justify_items]
        if flex.justify_self in _PHYSICAL_RTL:
            justify_self = _PHYSICAL_RTL[flex.justify_self]
    return Alignment(
        "flex-start" if flex.align_content == "baseline" else _CONTENT.get(flex.align_content),
        _ITEMS.get(flex.align_items, None if "alignItems" in declared else "stretch"),
        _ITEMS.get(flex.align_self), justify_content, justify_items, justify_self)
