"""The ``url()`` images of the laid-out boxes' background and mask layers.

After layout, each box the painter may draw a layer of gets its images
(:mod:`satori_py.images.layers`) in ``RenderBox.layer_images``: an element box those of
its ``maskImage`` (the painter builds a mask for every element that has one) and of
its ``backgroundImage`` unless it is ``visibility: hidden`` or empty (the painter draws
no background there); an anonymous box those of its inline boxes' backgrounds that can
be drawn (not hidden, not clipped to text, which an inline box has no glyph clip for).
Errors stay values until the painter draws the layer (:meth:`.LayerImage.drawn`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..images.layers import LayerImage, layer_urls, load_layers
from ..limits import check_deadline
from ..style.computed import ComputedStyle
from .boxes import RenderBox

if TYPE_CHECKING:
    from ..images.source import Fetcher

__all__ = ["load_layer_images"]


def load_layer_images(root: RenderBox, fetcher: Fetcher | None) -> None:
    """Give the boxes under ``root`` (which is not drawn itself) their layers' images."""
    pending = root.children[::-1]  # in tree order, as the painter meets them
    while pending:
        box = pending.pop()
        style = box.style
        loaded: dict[str, LayerImage] = {}
        if box.tag:
            load_layers(layer_urls(style.paint.mask_image), fetcher, loaded)
            if _draws_background(style) and box.rect.width > 0 and box.rect.height > 0:
                load_layers(layer_urls(style.paint.background_image), fetcher, loaded)
        else:
            for inline in box.inline_styles.values():
                if _draws_background(inline) and inline.paint.background_clip != "text":
                    load_layers(layer_urls(inline.paint.background_image), fetcher, loaded)
        if loaded:
            box.layer_images = loaded
            check_deadline(box.path)  # a download may have been slow
        pending.extend(box.atomics[key] for key in sorted(box.atomics, reverse=True))
        pending.extend(reversed(box.children))


def _draws_background(style: ComputedStyle) -> bool:
    return style.text.visibility != "hidden"
