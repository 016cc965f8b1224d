"""The ``url()`` images of the laid-out boxes' background and mask layers.

After layout, each box the painter may draw a layer of gets its images
(:mod:`satori_py.images.layers`) in ``RenderBox.layer_images``: an element box those of
its ``maskImage`` (the painter builds a mask for every element that has one) and of
its ``backgroundImage`` unless it is ``visibility: hidden``, empty or entirely outside the
image (the painter draws no background there: :mod:`.cull`); an anonymous box those of its inline boxes' backgrounds that can
be drawn (not hidden, not clipped to text, which an inline box has no glyph clip for).
Errors stay values until the painter draws the layer (:meth:`.LayerImage.drawn`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..images.layers import LayerImage, layer_urls, load_layers
from ..limits import check_deadline
from ..style.computed import ComputedStyle
from .boxes import RenderBox
from .cull import CullScope, culled, may_define_clips

if TYPE_CHECKING:
    from ..images.source import Fetcher

__all__ = ["load_layer_images"]


def load_layer_images(root: RenderBox, viewport: tuple[float, float], fetcher: Fetcher | None) -> None:
    """Give the boxes under ``root`` (which is not drawn itself) their layers' images, in an
    image of ``viewport`` (width, height)."""
    # In tree order, as the painter meets them, each with its parent's style and cull scope.
    pending = [(child, root.style, CullScope()) for child in reversed(root.children)]
    while pending:
        box, parent_style, scope = pending.pop()
        style = box.style
        loaded: dict[str, LayerImage] = {}
        inner = scope
        if box.tag:
            inner = scope.child(style, parent_style)
            paint = style.paint
            # (Most boxes have no layers: nothing to load, no cull test to make.)
            if paint.mask_image:
                load_layers(layer_urls(paint.mask_image), fetcher, loaded, "maskImage")
            if paint.background_image and _draws_background(style) and box.rect.width > 0 \
                    and box.rect.height > 0 and not culled(viewport, box.rect, style, inner,
                                                           defines_clips=may_define_clips(style)):
                load_layers(layer_urls(paint.background_image), fetcher, loaded, "backgroundImage")
        else:
            for inline in box.inline_styles.values():
                if inline.paint.mask_image:  # (the painter masks every inline box that has one)
                    load_layers(layer_urls(inline.paint.mask_image), fetcher, loaded, "maskImage")
                if _draws_background(inline) and inline.paint.background_clip != "text":
                    load_layers(layer_urls(inline.paint.background_image), fetcher, loaded, "backgroundImage")
        if loaded:
            box.layer_images = loaded
            check_deadline(box.path)  # a download may have been slow
        # An anonymous box's atomic inlines are painted in its parent's scope.
        if box.atomics:
            pending.extend((box.atomics[key], parent_style, scope) for key in sorted(box.atomics, reverse=True))
        if box.children:
            pending.extend((child, style, inner) for child in reversed(box.children))


def _draws_background(style: ComputedStyle) -> bool:
    return style.text.visibility != "hidden"
