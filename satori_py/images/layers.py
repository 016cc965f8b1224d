"""The ``url()`` images of background and mask layers, loaded before paint.

The layout stage loads them once the boxes are laid out
(:func:`satori_py.layout.layer_images.load_layer_images`); a render box carries them,
keyed by the layer's image as written (``url(...)``), and the painter draws them.

The reference loads a background when it builds a box's shapes, so a box that is
never drawn (outside the image, say) neither fails nor reports. Loading here keeps
what it would do to the render as a value: :meth:`LayerImage.drawn`, called where
the painter draws the layer, raises the error loading raised, reports a failed
download and counts an SVG's filter work, in the painter's order and node context,
as loading there did.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import SatoriError

if TYPE_CHECKING:
    from .source import Fetcher, ImageSource

__all__ = ["NO_LAYER_IMAGES", "LayerImage", "LayerImages", "layer_urls", "load_layers"]


class LayerImage:
    """A layer's ``url()`` image as loaded: its source, or the error loading it raised."""

    __slots__ = ("src", "source", "error", "prop")

    def __init__(self, src: str, source: ImageSource | None, error: SatoriError | None = None,
                 prop: str | None = None) -> None:
        self.src = src
        self.source = source
        self.error = error
        self.prop = prop  # the property whose layer loaded it, named by its errors

    def drawn(self) -> ImageSource:
        """The source to draw, with the effects of loading it on the render (see the module)."""
        if self.error is not None:
            # A copy: raising the kept error itself would give it a traceback through the
            # frames that hold this layer (a reference cycle outliving a failed render).
            raise copy.copy(self.error)
        assert self.source is not None
        from .source import use_image  # loaded with the first image (see load_layers)

        return use_image(self.source, self.src, self.prop)


LayerImages = Mapping[str, LayerImage]
NO_LAYER_IMAGES: LayerImages = MappingProxyType({})


def layer_urls(layers: Any) -> Iterator[str]:
    """The ``url()`` images (as written) of a style's ``backgroundImage`` or ``maskImage`` layers."""
    if isinstance(layers, (tuple, list)):
        for layer in layers:
            image = getattr(layer, "image", None)
            if isinstance(image, str) and image.startswith("url("):
                yield image


def load_layers(images: Iterable[str], fetcher: Fetcher | None, into: dict[str, LayerImage] | None = None,
                prop: str | None = None) -> dict[str, LayerImage]:
    """Load each ``url(...)`` of ``images`` (layers of the property ``prop``) once (into ``into``),
    keeping an error as the outcome."""
    loaded: dict[str, LayerImage] = {} if into is None else into
    for image in images:
        if image not in loaded:
            # Imported by the first image: a card without one needs none of the loading
            # (fetching, formats, SVG checks: xml.etree, html, concurrent.futures).
            from .source import resolve_image

            src = image[4:-1]
            try:
                loaded[image] = LayerImage(src, resolve_image(src, fetcher=fetcher), prop=prop)
            except SatoriError as exc:
                if exc.prop is None:
                    exc.prop = prop
                # Without its traceback, whose frame holds `loaded`: no reference cycle.
                loaded[image] = LayerImage(src, None, exc.with_traceback(None), prop)
    return loaded
