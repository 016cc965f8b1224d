"""The group effects of an element or an inline box, in SVG's order: its ``filter``, then
its ``opacity``, then its blend mode (``mix-blend-mode``, and ``isolation`` when blended
descendants must not see what is behind it).

Shared by the painter's elements and inline boxes (:mod:`.inline_content`), so both draw
the same SVG for the same effects.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..style.paint_types import FilterFunction
from ..svg import SvgNode
from .compose import clipped, faded, group
from .filter import filter_group

__all__ = ["composited"]


def composited(nodes: list[SvgNode], *, filters: Sequence[FilterFunction], opacity: float, blend: str | None,
               isolate: bool, filter_id: str, viewport: tuple[float, float],
               clip_filtered: str | None = None) -> tuple[list[SvgNode], list[SvgNode]]:
    """(defs, ``nodes`` filtered, faded and blended as one group); ``clip_filtered`` clips
    the filtered result (an element's own clip path: a blur's edges stay inside it)."""
    defs: list[SvgNode] = []
    if nodes and filters:
        defs, nodes = filter_group(filters, nodes, filter_id, viewport)
        nodes = clipped(nodes, clip_filtered if defs else None, None)
    if nodes and opacity < 1:
        nodes = faded(nodes, opacity)
    if nodes and (blend or isolate):
        styles = ";".join(s for s in (f"mix-blend-mode:{blend}" if blend else "",
                                       "isolation:isolate" if isolate else "") if s)
        nodes = group(nodes, {"style": styles})
    return defs, nodes
