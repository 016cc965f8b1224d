"""Sizes of the query containers of a finished layout, for ``@container`` rules.

The stylesheet pass (style/stylesheet.py) marks each query container with its
index; container queries then need a second layout with the content-box sizes
the first one gave, as the reference does in ``satori.ts``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..style.stylesheet import CONTAINER_PROP

if TYPE_CHECKING:
    from .build import LayoutResult


def container_sizes(result: LayoutResult) -> dict[int, tuple[float, float]]:
    """The content-box sizes of the query containers of a layout, by their index."""
    sizes: dict[int, tuple[float, float]] = {}
    stack = [result.root]
    while stack:
        box = stack.pop()
        index = box.props.get(CONTAINER_PROP)
        if isinstance(index, int):
            sizes[index] = (box.node.box.content_width, box.node.box.content_height)
        stack.extend(box.children)
        stack.extend(box.atomics.values())
    return sizes
