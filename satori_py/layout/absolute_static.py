"""The main-axis static position of an absolutely positioned child of a reversed flex container.

An absolutely positioned child with no inset in its container's main axis sits where
``justifyContent`` puts a lone item. Newer Taffy, which the reference uses, reads
``flex-start``/``flex-end`` (and the distributed keywords' fallbacks) along the flex
direction: in a ``row-reverse`` or ``column-reverse`` container ``flex-start`` is the
end of the content box (a badge in a reversed row sits at its right edge, as in CSS).
Taffy 0.7 swaps them by ``flexWrap: wrap-reverse`` instead (a cross-axis property) and
never by the direction. :func:`place_static_absolutes` puts such children where the
newer rule does after each Taffy run (a static-position placeholder of a box laid out in
another containing block, positioning.py, is one of them).
"""
from __future__ import annotations

from collections.abc import Sequence

from .flex_gaps import LayoutNode

__all__ = ["place_static_absolutes"]


def place_static_absolutes(nodes: Sequence[LayoutNode]) -> None:
    """Move the absolutely positioned children of reversed (or ``wrap-reverse``) flex
    containers among ``nodes`` that have no main-axis inset to their static position."""
    for node in nodes:
        style = node.style
        if style.display != "flex" or not node.children:
            continue
        direction = style.flex_direction
        reversed_ = direction in ("row-reverse", "column-reverse")
        if not reversed_ and style.flex_wrap != "wrap-reverse":
            continue
        row = direction not in ("column", "column-reverse")  # unset or invalid: a row, as Taffy reads it
        for child in node.children:
            child_style = child.style
            if child_style.position != "absolute" or child_style.display == "none":
                continue
            start, end = (child_style.left, child_style.right) if row else (child_style.top, child_style.bottom)
            if start not in (None, "auto") or end not in (None, "auto"):
                continue
            offset = _offset(node, child, row, reversed_)
            if row:
                child.box.left = offset
            else:
                child.box.top = offset


def _offset(container: LayoutNode, child: LayoutNode, row: bool, reversed_: bool) -> float:
    """The child's main-axis offset in its container's border box (newer Taffy's rule)."""
    box, own = container.box, child.box
    start, end = ("left", "right") if row else ("top", "bottom")
    size, final = (box.width, own.width) if row else (box.height, own.height)
    inset_start = float(getattr(box.padding, start) + getattr(box.border, start))
    inset_end = float(getattr(box.padding, end) + getattr(box.border, end))
    margin_start, margin_end = float(getattr(own.margin, start)), float(getattr(own.margin, end))
    at_start = inset_start + margin_start
    at_end = size - inset_end - final - margin_end
    justify = container.style.justify_content or "flex-start"
    if justify in ("center", "space-around", "space-evenly"):
        return (size + inset_start - inset_end - final + margin_start - margin_end) / 2
    if justify == "start":
        return at_start
    if justify == "end":
        return at_end
    if justify == "flex-end":
        return at_start if reversed_ else at_end
    return at_end if reversed_ else at_start  # flex-start, and stretch and space-between, which fall back to it
