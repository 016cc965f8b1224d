"""The flex bases of rows sized by their content when an item in them is frozen.

:func:`.frozen_widths.freeze` fixes a row item at the width it has, its min-content
width (Taffy 0.7's min-content cache would give it the height of another layout). That
also makes the width its max-content contribution, so every row holding it whose width
comes from its content measures narrower at max-content than in the reference's Taffy
(whose cache is keyed exactly and needs no freeze). Where such a row is a flex item with
an automatic flex basis, that basis is its max-content width, and shrinking is shared in
proportion to the bases: a row of a label and a row of two texts (one shrunk to its
longest word) gave the label 0.5 px more and the long text 0.5 px less than the
reference, which then broke its first line one word early.

Each such row up the chain (through containers sized by their content, and items whose
percentage width counts as auto there) keeps, as its flex basis, its max-content width
measured with the freezes inside it taken back: a row of a ``width: 40%`` row holding a
116 px box and a frozen text was 211 px wide, 413 in the reference. The measurements are
shared with :meth:`.flex_fit.FlexFit._flexed_inner`, which gives the same field.
"""
from __future__ import annotations

from ..style.types import Percent
from .fit_boxes import EPS, auto_basis, frozen_as_laid_out, is_row, px, to_style_units
from .fit_measure import LayOut, intrinsic_width
from .fit_walk import Walk, definite, in_flow
from .taffy import LayoutNode

__all__ = ["keep_frozen_bases"]


def keep_frozen_bases(item: LayoutNode, walk: Walk, max_contents: dict[int, float], bases: dict[int, float],
                      lay_out: LayOut) -> bool:
    """Give the rows sized by their content that hold the frozen ``item`` their unfrozen
    max-content widths as flex bases (see the module docstring); whether any basis changed.

    ``max_contents`` and ``bases`` keep the measurements (by node id) for the render."""
    if item.limits.frozen_width is None or item.limits.frozen_at_max:
        return False
    rows = _content_sized_items(item, walk)
    if not rows or frozen_as_laid_out(item):
        return False  # (most frozen items: nothing measured; one-word items are as wide at max-content)
    own = px(item.style.width)
    if own is not None:
        # A px width of its own is its max-content contribution, not its content's (a 24 px
        # box holding a 30 px icon counts 24): frozen at that width, it contributes the same.
        if own <= to_style_units(item, "w", item.box.width) + EPS:
            return False
    else:
        widest = max_contents.get(id(item))
        if widest is None:
            widest = max_contents[id(item)] = intrinsic_width(item, "max-content", lay_out)
        if widest <= item.box.width + EPS:
            return False  # its contribution is the same frozen
    changed = False
    for node in rows:
        basis = bases.get(id(node))
        if basis is None:
            basis = bases[id(node)] = _unfrozen_max_content(node, lay_out)
        value = to_style_units(node, "w", basis)
        old = node.limits.basis_width
        if old is None or abs(old - value) > EPS:
            node.limits.basis_width = value
            changed = True
    return changed


def _content_sized_items(item: LayoutNode, walk: Walk) -> list[LayoutNode]:
    """The row items with an automatic flex basis among ``item``'s ancestors whose widths
    come from their content (up to the first definite one)."""
    found: list[LayoutNode] = []
    node = walk.parents.get(id(item))
    while node is not None:
        parent = walk.parents.get(id(node))
        width = node.style.width
        if parent is None or not in_flow(node) or definite(walk, node, "w") \
                or (width not in (None, "auto") and not isinstance(width, Percent)):
            break
        display = parent.style.display
        if display == "flex" and is_row(parent):
            if not auto_basis(node):
                break
            if width in (None, "auto"):
                # (A percentage of a row sized by its content counts as auto there, its content
                # counting up the chain, but it is the item's flex basis in the row's final width.)
                found.append(node)
        elif display not in ("flex", "block", "flow-root"):
            break
        node = parent
    return found


def _unfrozen_max_content(node: LayoutNode, lay_out: LayOut) -> float:
    """``node``'s max-content width (border box) with the frozen widths inside it taken back."""
    taken: list[tuple[LayoutNode, float]] = []
    stack = list(node.children)
    while stack:
        child = stack.pop()
        limits = child.limits
        if limits.frozen_width is not None and not limits.frozen_at_max:
            taken.append((child, limits.frozen_width))
            limits.frozen_width = None
        stack.extend(child.children)
    try:
        return intrinsic_width(node, "max-content", lay_out)
    finally:
        for child, width in taken:
            child.limits.frozen_width = width
