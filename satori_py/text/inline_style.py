"""How the styles of inline boxes size and move inline content.

Mirrors helpers of the reference's ``text/inline.ts``: the lengths of inline
box edges (``toNumber``), ``verticalShift`` (how ``vertical-align`` raises a
baseline), ``relativeOffset`` (``position: relative`` of inline boxes) and
``hasBoxEdges`` (whether a box keeps a white-space-only paragraph alive).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .processor import length_px

__all__ = ["edge_length", "has_box_edges", "relative_offset", "vertical_shift"]

Style = Mapping[str, Any]


class HasStyle(Protocol):
    @property
    def style(self) -> Style: ...


def edge_length(value: Any, style: Style, basis: float) -> float:
    """A length of an inline box's edge, percentages of ``basis`` (``auto`` is 0)."""
    if value is None or value == "auto":
        return 0.0
    return length_px(value, basis, float(style.get("fontSize", 16.0)))


def vertical_shift(style: Style, parent: Style) -> float:
    """How far ``vertical-align`` raises the baseline, for values relative to the parent's."""
    align = style.get("verticalAlign")
    parent_size = float(parent.get("fontSize", 16.0))
    if align == "sub":
        return -parent_size * 0.2
    if align == "super":
        return parent_size * 0.34
    if isinstance(align, (int, float)) and not isinstance(align, bool):
        return float(align)
    if align is None or isinstance(align, str) and not re.match(r"^-?[\d.]", align):
        return 0.0
    font_size = float(style.get("fontSize", 16.0))
    line_height = style.get("lineHeight")
    multiplier = getattr(line_height, "value", None) if getattr(line_height, "kind", "") == "multiplier" \
        else line_height if isinstance(line_height, (int, float)) else None
    basis = float(multiplier) * font_size if multiplier is not None else font_size * 1.2
    return length_px(align, basis, font_size)


def _inset(style: Style, side: str, basis: float) -> float | None:
    value = style.get(side)
    return None if value is None or value == "auto" else edge_length(value, style, basis)


def relative_offset(boxes: Sequence[HasStyle], width: float) -> tuple[float, float]:
    """How far ``position: relative`` moves the content of inline boxes."""
    x = y = 0.0
    for box in boxes:
        style = box.style
        if style.get("position") != "relative":
            continue
        left, right, top, bottom = (_inset(style, side, width)
                                    for side in ("left", "right", "top", "bottom"))
        x += left if left is not None else -(right or 0.0)
        y += top if top is not None else -(bottom or 0.0)
    return x, y


def has_box_edges(style: Style) -> bool:
    for side in ("Top", "Right", "Bottom", "Left"):
        for name in (f"margin{side}", f"padding{side}"):
            if style.get(name) not in (None, 0, 0.0, "0", "0px"):
                return True
        width = style.get(f"border{side}Width")
        if width not in (None, 0, 0.0, "0", "0px") and \
                style.get(f"border{side}Style") not in ("none", "hidden", None):
            return True
    return False
