"""The value types of box geometry: a box, and its corner radii and shapes.

Below :mod:`.geometry` (which resolves radii and draws contours) and
:mod:`.corners` (the contours of shaped corners), which both read them.
"""
from __future__ import annotations

from typing import NamedTuple

from ..frozen import Frozen

__all__ = ["CORNERS", "ROUND", "Box", "Corner", "Point", "Radii"]

CORNERS = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")
Corner = tuple[float, float]
Point = tuple[float, float]
ROUND = (1.0, 1.0, 1.0, 1.0)


class Box(NamedTuple):
    x: float
    y: float
    width: float
    height: float


class Radii(Frozen):
    """(rx, ry) per corner (top-left, top-right, bottom-right, bottom-left) and
    each corner's shape (its superellipse parameter; 1 is round)."""

    tl: Corner = (0.0, 0.0)
    tr: Corner = (0.0, 0.0)
    br: Corner = (0.0, 0.0)
    bl: Corner = (0.0, 0.0)
    shapes: tuple[float, float, float, float] = ROUND

    @property
    def corners(self) -> tuple[Corner, Corner, Corner, Corner]:
        return self.tl, self.tr, self.br, self.bl

    @property
    def any(self) -> bool:
        """Whether some corner is rounded (the reference's radii are "defined")."""
        return any(rx > 0 and ry > 0 for rx, ry in self.corners)

    @property
    def shaped(self) -> bool:
        """Whether some corner has a shape other than round."""
        return any(shape != 1 for shape in self.shapes)

    @property
    def rounded(self) -> bool:
        """A box with rounded corners and none of another shape (``isRoundedBox``)."""
        return not self.shaped and self.any

    def inset(self, top: float, right: float, bottom: float, left: float) -> Radii:
        """The radii of a box inset by the given edges (outer radius minus edge, at least 0)."""
        def sub(r: Corner, dx: float, dy: float) -> Corner:
            return (max(0.0, r[0] - dx), max(0.0, r[1] - dy))
        return Radii(sub(self.tl, left, top), sub(self.tr, right, top),
                     sub(self.br, right, bottom), sub(self.bl, left, bottom), self.shapes)
