"""The image of a replaced element (``<img>``, inline ``<svg>``), which the layout sizes.

Mirrors the image branches of the reference's ``handler/compute.ts`` (``<img src>``
resolved, its size read from the headers) and ``handler/preprocess.ts`` (an inline
``<svg>`` serialised into a document).
"""
from __future__ import annotations

from ..diagnostics import report
from ..element import Element
from ..errors import ImageError
from ..style import ComputedStyle
from .source import Fetcher, ImageSource, load_image

__all__ = ["replaced_image"]


def replaced_image(el: Element, style: ComputedStyle, fetcher: Fetcher | None) -> ImageSource | None:
    """The image of ``el`` (None when it is not a replaced element), its sources fetched
    with ``fetcher``. Raises ImageError for an ``<img>`` without a source."""
    if el.type == "svg":
        from .inline_svg import inline_svg_image  # imported on the first inline SVG

        return inline_svg_image(el, style, lambda src: load_image(src, fetcher=fetcher, prop="href"))
    if el.type != "img":
        return None
    src = el.props.get("src")
    if src is None or src == "":
        # Satori's sentence; an <img> with only a srcset (responsive markup) is told why.
        hint = " (its srcSet is not read: give it a src)" if el.props.get("srcSet") else ""
        raise ImageError(f"Image source is not provided{hint}.", prop="src")
    if el.props.get("srcSet"):
        # A browser may draw a candidate of the srcset instead (at 1x, one marked `1x`).
        report(ImageError("Its srcSet is not read: the image is drawn from its src (as in Satori).",
                          prop="srcSet", value=el.props["srcSet"]))
    return load_image(src, fetcher=fetcher, prop="src")
