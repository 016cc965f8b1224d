"""Boxes moved after each Taffy run, where Taffy 0.7 places them otherwise than the reference's.

Each move keeps every size: items of lines whose free space goes to auto margins get
their gaps back (:mod:`.flex_gaps`), block containers' content is aligned by
``align-content`` (:mod:`.block_alignment`), and absolutely positioned children of
reversed flex containers take their static position along the flex direction
(:mod:`.absolute_static`). taffy.py calls :func:`settle` before rounding.
"""
from __future__ import annotations

from collections.abc import Sequence

from .absolute_static import place_static_absolutes
from .block_alignment import align_block_content
from .flex_gaps import LayoutNode, restore_gaps

__all__ = ["settle"]


def settle(nodes: Sequence[LayoutNode]) -> None:
    """Make the moves of the module docstring in a tree of ``nodes`` (every node of it)."""
    restore_gaps(nodes)
    align_block_content(nodes)
    place_static_absolutes(nodes)
