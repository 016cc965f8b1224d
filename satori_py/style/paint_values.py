"""The paint values of a computed style, parsed once into typed layers.

``compute_style`` hands each element's paint properties that are written as
text (``filter``, ``backdropFilter``) to :func:`parse_paint_values` with what
their relative units need (:class:`PaintContext`), so the painter reads typed
values and never parses. An invalid value is reported with the reference's
sentence: raised, or given to ``on_style_error`` and dropped.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import StyleError
from .filters import parse_filters
from .types import RGBA
from .values import LengthContext

__all__ = ["PaintContext", "parse_paint_values"]


@dataclass(frozen=True, slots=True)
class PaintContext:
    """What an element's paint values are resolved against: its font size and its
    parent's (filters take ``em`` from the parent, as the reference's expand.ts),
    the viewport, the ``ch`` ratio of its own font and its colour."""

    font_size: float
    parent_font_size: float
    viewport: tuple[float, float]
    ch_ratio: float
    color: RGBA


def parse_paint_values(values: dict[str, Any], ctx: PaintContext, report: Callable[[StyleError], None]) -> None:
    """Replace the paint values of ``values`` (a computed style being made) by their
    typed layers; a value ``report`` does not raise for is dropped."""
    lengths = LengthContext(ctx.viewport[0], ctx.viewport[1], ctx.ch_ratio)
    for prop in ("filter", "backdropFilter"):
        if prop in values:
            try:
                values[prop] = parse_filters(values[prop], prop, font_size=ctx.parent_font_size, lengths=lengths,
                                             current_color=ctx.color.to_css())
            except StyleError as error:
                report(error)
                values[prop] = None
