"""Outlines: a border drawn outside a box's border edge.

Mirrors the reference's ``builder/outline.ts``: the outline is a border of
``outline-width`` on all four sides of the box grown by ``outline-offset`` +
``outline-width``, drawn by :mod:`.border` (so every line style works as for
borders; ``auto`` is ``solid``). Rounded corners of the box grow by the same
distance, as two-value radii fitted to the grown box, and square corners stay
square; corner shapes don't apply. The outline is clipped to its own outer
edge only: the painter draws it after the box's in-flow content and outside
the box's own ``overflow`` clip.
"""
from __future__ import annotations

from typing import Any

from ..svg import SvgNode
from .border import Line, contour, draw_border
from .geometry import Box, Radii, clamp_radii

__all__ = ["outline"]


def _number(value: Any, default: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return default


def outline(x: float, y: float, w: float, h: float, style: Any, radii: Radii,
            id_prefix: str) -> tuple[list[SvgNode], list[SvgNode]]:
    """The shapes of a box's outline and their defs (clip paths named from ``id_prefix``).

    ``radii`` are the box's own (:func:`~.geometry.resolve_radii`).
    """
    paint = style.paint
    line_style = paint.outline_style
    width = _number(paint.outline_width, 3.0)
    if not line_style or line_style == "none" or width <= 0:
        return [], []
    spread = _number(paint.outline_offset, 0.0) + width
    box = Box(x - spread, y - spread, w + spread * 2, h + spread * 2)
    if box.width <= 0 or box.height <= 0:
        return [], []
    color = paint.outline_color or style.text.color
    line = Line(width, "solid" if line_style == "auto" else str(line_style), color)
    grown = Radii()
    if radii.any:
        grown = clamp_radii([
            (min(max(0.0, rx + spread), box.width), min(max(0.0, ry + spread), box.height), False)
            if rx > 0 and ry > 0 else (0.0, 0.0, True)
            for rx, ry in radii.corners], box.width, box.height)
    clip_id = f"{id_prefix}-clip"
    shapes, defs = draw_border(box, (line, line, line, line), grown, clip_id, id_prefix)
    if not shapes:
        return [], []
    clip = SvgNode("clipPath", {"id": clip_id}, [SvgNode("path", {"d": contour(box, grown, (0, 0, 0, 0))})])
    return shapes, [clip, *defs]
