"""The render-box tree: what layout produces and paint consumes.

A :class:`RenderBox` is one element box (or an anonymous box holding a
paragraph of inline content) with its computed style and the
:class:`~satori_py.layout.taffy.LayoutNode` that carries its geometry. After
layout, :func:`place` gives every box its absolute border-box rectangle.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .taffy import LayoutNode


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(slots=True, eq=False)
class RenderBox:
    """An element's box, in tree (paint) order."""

    path: str
    tag: str  # "" for an anonymous box that only holds a paragraph
    style: Any  # ComputedStyle
    node: LayoutNode
    children: list[RenderBox] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    paragraph: Any = None  # text.paragraph.Paragraph of inline content
    paragraph_layout: Any = None  # its ParagraphLayout, after layout
    inline_styles: dict[str, Any] = field(default_factory=dict)  # path -> style of inline boxes in it
    atomics: dict[str, RenderBox] = field(default_factory=dict)  # atomic inlines, laid out on their own
    image: Any = None  # paint.image.ImageSource of a replaced element
    rect: Rect = field(default_factory=lambda: Rect(0, 0, 0, 0))  # absolute border box


def place(box: RenderBox, origins: dict[int, tuple[float, float]]) -> None:
    """Set ``rect`` of ``box`` and its descendants from their layout nodes' absolute origins."""
    ox, oy = origins[id(box.node)]
    b = box.node.box
    box.rect = Rect(ox, oy, b.width, b.height)
    for child in box.children:
        place(child, origins)


def absolute_origins(root: LayoutNode, x: float = 0.0, y: float = 0.0,
                     out: dict[int, tuple[float, float]] | None = None) -> dict[int, tuple[float, float]]:
    """The absolute top-left of every node's border box, keyed by ``id(node)``."""
    out = {} if out is None else out
    stack = [(root, x, y)]
    while stack:
        node, px, py = stack.pop()
        nx, ny = px + node.box.left, py + node.box.top
        out[id(node)] = (nx, ny)
        stack.extend((child, nx, ny) for child in node.children)
    return out
