"""The layers of a stacking context, and the bound on nested offscreen layers.

Shared by the painter's elements and inline boxes (:mod:`.inline_content`): a positioned box
or one that makes a stacking context is a layer of the nearest stacking context,
painted around its in-flow content by ``zIndex`` (the reference's
``paintStackingContext``); every filter, opacity, clip path, mask or blend mode is an
offscreen layer the rasteriser allocates while its ancestors' are alive.
"""
from __future__ import annotations

from ..errors import LimitError
from ..frozen import Record, field
from ..limits import active
from ..svg import SvgNode

__all__ = ["Stacking", "check_effect_nesting"]


class Stacking(Record):
    """The layers of a stacking context: (zIndex, nodes), in tree order."""

    layers: list[tuple[float, list[SvgNode]]] = field(default_factory=list)
    blending: bool = False

    def paint(self, content: list[SvgNode]) -> list[SvgNode]:
        layers = sorted(self.layers, key=lambda layer: layer[0])  # stable: tree order kept
        below = [n for z, nodes in layers if z < 0 for n in nodes]
        above = [n for z, nodes in layers if z >= 0 for n in nodes]
        return below + content + above


def check_effect_nesting(depth: int) -> None:
    """Raise LimitError when an element nests ``depth`` offscreen layers, over the limit."""
    limit = active().limits.max_effect_nesting
    if depth > limit:
        raise LimitError(f"The element nests {depth} layers of filter, opacity, clipPath, mask or "
                         f"mixBlendMode effects, over the max_effect_nesting limit of {limit}.",
                         limit="max_effect_nesting")
