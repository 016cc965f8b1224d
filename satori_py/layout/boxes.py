"""The render-box tree: what layout produces and paint consumes.

A :class:`RenderBox` is one element box (or an anonymous box holding a
paragraph of inline content) with its computed style and the
:class:`~satori_py.layout.taffy.LayoutNode` that carries its geometry. After
layout, :func:`.positioning.place` gives every box its absolute border-box
rectangle, and :func:`.layer_images.load_layer_images` the images of its
background and mask layers (a replaced element's image is loaded as it is built).
"""
from __future__ import annotations

from typing import Any

from ..frozen import Record, field
from ..images.layers import NO_LAYER_IMAGES, LayerImages
from .taffy import LayoutNode


class Rect(Record):
    x: float
    y: float
    width: float
    height: float


class RenderBox(Record, eq=False):
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
    image: Any = None  # images.source.ImageSource of a replaced element
    # url() images of its (or its inline boxes') background and mask layers (.layer_images)
    layer_images: LayerImages = field(default_factory=lambda: NO_LAYER_IMAGES)
    rect: Rect = field(default_factory=lambda: Rect(0, 0, 0, 0))  # absolute border box
    near_floats: bool = False  # the paragraph wraps around floats
