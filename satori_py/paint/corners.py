"""Contours of boxes with shaped corners (``corner-shape``).

Mirrors ``cornerPoints`` and ``shapedRadiusPath`` of the reference's
``builder/border-radius.ts``: each corner is a polyline of a superellipse
(17 points; 3 for ``bevel``, ``square`` and ``notch``), even round ones once
any corner of the box is shaped, and the contour joins them with straight
sides. Points are rounded to 3 decimals like the reference's, so that runs of
sides meet exactly where the closed contour passes.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from ..svg import fmt
from .box_shape import Box, Point, Radii

__all__ = ["corner_points", "shaped_path"]

_SEGMENTS = 16


def corner_points(start: Point, end: Point, outer: Point, center: Point, shape: float) -> list[Point]:
    """The polyline of a corner from ``start`` to ``end``.

    Positive shapes bulge towards the ``outer`` corner of the box and negative
    ones towards the ``center`` of the corner's ellipse, around which they
    curve; ``exponent`` is the superellipse's ``2^(1-|s|)`` exponent.
    """
    if shape == math.inf:
        return [start, outer, end]
    if shape == -math.inf:
        return [start, center, end]
    if shape == 0:
        return [start, ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), end]
    origin = outer if shape < 0 else center
    exponent = 2.0 ** (1 - abs(shape))
    if exponent == 0:
        return [start, outer, end] if shape > 0 else [start, center, end]
    points: list[Point] = []
    for i in range(_SEGMENTS + 1):
        angle = math.pi * i / _SEGMENTS / 2
        x = math.sin(angle) ** exponent
        y = math.cos(angle) ** exponent
        points.append((origin[0] + (end[0] - origin[0]) * x + (start[0] - origin[0]) * y,
                       origin[1] + (end[1] - origin[1]) * x + (start[1] - origin[1]) * y))
    return points


def _round3(value: float) -> float:
    # JavaScript's Math.round(v * 1000) / 1000: halves round up.
    return math.floor(value * 1000 + 0.5) / 1000


def _pt(point: Point) -> str:
    return f"{fmt(_round3(point[0]))} {fmt(_round3(point[1]))}"


def _corners(box: Box, radii: Radii) -> list[list[Point]]:
    left, top = box.x, box.y
    right, bottom = left + box.width, top + box.height
    (tlx, tly), (trx, try_), (brx, bry), (blx, bly) = radii.corners
    s = radii.shapes
    return [
        corner_points((left, top + tly), (left + tlx, top), (left, top), (left + tlx, top + tly), s[0]),
        corner_points((right - trx, top), (right, top + try_), (right, top),
                      (right - trx, top + try_), s[1]),
        corner_points((right, bottom - bry), (right - brx, bottom), (right, bottom),
                      (right - brx, bottom - bry), s[2]),
        corner_points((left + blx, bottom), (left, bottom - bly), (left, bottom),
                      (left + blx, bottom - bly), s[3]),
    ]


def shaped_path(box: Box, radii: Radii, sides: Sequence[bool] | None, full_corners: bool) -> str:
    """The closed contour, or the run of ``sides`` from and to the middle points of
    the corners at its ends (through the whole corners with ``full_corners``)."""
    corners = _corners(box, radii)
    if sides is not None and all(sides):
        sides = None
    if sides is None:
        parts = [f"M{_pt(corners[0][-1])}"]
        for side in range(4):
            parts.extend(f"L{_pt(p)}" for p in corners[(side + 1) % 4])
        return "".join(parts) + "Z"

    start = list(sides).index(True)
    while sides[(start + 3) % 4]:
        start = (start + 3) % 4

    def middle(corner: list[Point]) -> int:
        return 0 if full_corners else len(corner) // 2

    parts = [f"M{_pt(corners[start][middle(corners[start])])}"]
    side = start
    while True:
        # As the reference, a corner inside a run of whole corners is walked
        # again from its start, after the half drawn with the previous side.
        current = corners[side]
        parts.extend(f"L{_pt(p)}" for p in current[middle(current) + 1:])
        nxt = corners[(side + 1) % 4]
        parts.append(f"L{_pt(nxt[0])}")
        is_last = not sides[(side + 1) % 4]
        until = len(nxt) - 1 if full_corners and is_last else len(nxt) // 2
        parts.extend(f"L{_pt(p)}" for p in nxt[1:until + 1])
        side = (side + 1) % 4
        if not sides[side] or side == start:
            break
    return "".join(parts)
