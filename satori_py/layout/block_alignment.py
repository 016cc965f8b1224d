"""``align-content`` in block containers: their in-flow content moved as one.

CSS Box Alignment 3 applies ``align-content`` to block containers, and the reference's
Taffy does (``compute_block_layout``): the stack of in-flow children is one alignment
subject, shifted down by the keyword's share of the container's free height, so the
distributed keywords fall back as for a single subject (``space-between`` and
``stretch`` to the start, ``space-around`` and ``space-evenly`` to the centre, these
four to the start when the content overflows). Taffy 0.7's block layout ignores it:
:func:`align_block_content` moves the children after each Taffy run. (That a value
other than ``normal`` also keeps the container's margins from collapsing with its
children's is the builder's ``LayoutHints.bfc``.)
"""
from __future__ import annotations

from collections.abc import Sequence

from .flex_gaps import LayoutNode

__all__ = ["align_block_content"]

_EPS = 1e-3
# The keyword a single subject is aligned by, and whether it falls back to the start when the
# content overflows (the distributed keywords become "safe", taffy's apply_alignment_fallback).
_SINGLE = {"space-between": ("flex-start", True), "stretch": ("flex-start", True),
           "space-around": ("center", True), "space-evenly": ("center", True)}


def align_block_content(nodes: Sequence[LayoutNode]) -> None:
    """Move the in-flow children of the block containers with ``align-content`` in a tree of
    ``nodes`` (every node of it, in any order: each container moves only its own children)."""
    for node in nodes:
        if node.style.align_content is not None and node.style.display in ("block", "flow-root") \
                and node.children:
            _align(node)


def _in_flow(node: LayoutNode) -> bool:
    return node.style.display != "none" and node.style.position != "absolute" \
        and not node.hints.float_placeholder


def _align(container: LayoutNode) -> None:
    items = [child for child in container.children if _in_flow(child)]
    if not items:
        return
    box = container.box
    top = box.padding.top + box.border.top
    # Margins don't collapse through the container (it is a formatting context root here).
    end = max(item.box.top + item.box.height + item.box.margin.bottom for item in items)
    free = box.content_height - (end - top)
    keyword, safe = _SINGLE.get(container.style.align_content or "", (container.style.align_content, False))
    if free <= 0 and safe:
        return
    if keyword in ("end", "flex-end"):
        offset = free
    elif keyword == "center":
        offset = free / 2
    else:
        return
    if abs(offset) <= _EPS:
        return
    for item in items:
        item.box.top += offset
