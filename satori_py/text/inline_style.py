"""How the styles of inline boxes size and move inline content.

Mirrors helpers of the reference's ``text/inline.ts``: the lengths of inline
box edges (``toNumber``), ``verticalShift`` (how ``vertical-align`` raises a
baseline), ``relativeOffset`` (``position: relative`` of inline boxes) and
``hasBoxEdges`` (whether a box keeps a white-space-only paragraph alive); and which
declared properties an inline box ignores (:func:`ignored_on_inline_box`).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..length_range import top_level
from ..style.computed import ComputedStyle
from ..style.computed_types import GroupedStyle
from .processor import length_px

__all__ = ["has_box_edges", "ignored_on_inline_box", "relative_offset", "vertical_shift"]

Style = GroupedStyle
# The values of an edge that is not there.
_NO_EDGE: tuple[object, ...] = (None, 0, 0.0, "0", "0px")


class HasStyle(Protocol):
    @property
    def style(self) -> Style: ...


def vertical_shift(style: Style, parent: Style) -> float:
    """How far ``vertical-align`` raises the baseline, for values relative to the parent's."""
    align = style.box.vertical_align
    if align == "sub":
        return -float(parent.font.font_size) * 0.2
    if align == "super":
        return float(parent.font.font_size) * 0.34
    if isinstance(align, float):
        return align
    if isinstance(align, str):
        return 0.0
    font_size = float(style.font.font_size)
    line_height = style.text.line_height
    multiplier = line_height.value if line_height.kind == "multiplier" else None
    basis = float(multiplier) * font_size if multiplier is not None else font_size * 1.2
    # A percentage past the length range (1e400 %) is infinite, and a box at an infinite
    # shift would place its lines at NaN: clamped like any length.
    return top_level(float(align.resolve(basis)))


def _inset(style: Style, value: Any, basis: float) -> float | None:
    return None if value is None or value == "auto" else length_px(value, basis)


def relative_offset(boxes: Sequence[HasStyle], width: float) -> tuple[float, float]:
    """How far ``position: relative`` moves the content of inline boxes."""
    x = y = 0.0
    for box in boxes:
        style = box.style
        own = style.box
        if own.position != "relative":
            continue
        left, right, top, bottom = (_inset(style, value, width)
                                    for value in (own.left, own.right, own.top, own.bottom))
        x += left if left is not None else -(right or 0.0)
        y += top if top is not None else -(bottom or 0.0)
    return x, y


def has_box_edges(style: Style) -> bool:
    box, paint = style.box, style.paint
    edges = ((box.margin_top, box.padding_top, box.border_top_width, paint.border_top_style),
             (box.margin_right, box.padding_right, box.border_right_width, paint.border_right_style),
             (box.margin_bottom, box.padding_bottom, box.border_bottom_width, paint.border_bottom_style),
             (box.margin_left, box.padding_left, box.border_left_width, paint.border_left_style))
    for margin, padding, width, border_style in edges:
        if margin not in _NO_EDGE or padding not in _NO_EDGE:
            return True
        if width not in _NO_EDGE and border_style not in ("none", "hidden", None):
            return True
    return False



# Properties that do nothing on an inline box (a span in text), in Satori as in a browser
# (CSS: sizes and overflow apply to block, flex and grid containers and replaced elements,
# transforms to transformable boxes), by their attribute of the style's box group; and the
# values that would do nothing anyway.
_SIZES = {"width": "width", "height": "height", "minWidth": "min_width", "minHeight": "min_height",
          "maxWidth": "max_width", "maxHeight": "max_height"}
_SIZE_NOOPS: tuple[object, ...] = ("auto", "none", 0, 0.0)


def ignored_on_inline_box(style: ComputedStyle) -> list[tuple[str, str]]:
    """(property, why) for each property declared in ``style`` that an inline box ignores."""
    declared = style.declared
    box = style.box
    found = [(prop, "a text box is as wide and as tall as its text") for prop, attribute in _SIZES.items()
             if prop in declared and getattr(box, attribute) not in _SIZE_NOOPS]
    if {"overflowX", "overflowY"} & declared and (box.overflow_x, box.overflow_y) != ("visible", "visible"):
        found.append(("overflow", "it applies to block, flex and grid containers"))
    if "transform" in declared and style.paint.transform:
        found.append(("transform", "it applies to block-level and atomic boxes"))
    return found
