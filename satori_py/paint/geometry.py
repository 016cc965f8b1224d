"""Box geometry for painting: corner radii (resolved and clamped) and rounded-rect paths.

Radii follow CSS Backgrounds 3: percentages of the box's width (x) and height
(y), then all radii scaled down by one factor when adjacent ones overlap
(https://drafts.csswg.org/css-backgrounds-3/#corner-overlap). Inner radii (the
padding box) are the outer ones less the border widths.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..style.types import Percent
from ..svg import fmt

CORNERS = ("TopLeft", "TopRight", "BottomRight", "BottomLeft")


@dataclass(frozen=True, slots=True)
class Radii:
    """(rx, ry) per corner: top-left, top-right, bottom-right, bottom-left."""

    tl: tuple[float, float] = (0.0, 0.0)
    tr: tuple[float, float] = (0.0, 0.0)
    br: tuple[float, float] = (0.0, 0.0)
    bl: tuple[float, float] = (0.0, 0.0)

    @property
    def any(self) -> bool:
        return any(rx > 0 and ry > 0 for rx, ry in (self.tl, self.tr, self.br, self.bl))

    def inset(self, top: float, right: float, bottom: float, left: float) -> Radii:
        """The radii of a box inset by the given edges (outer radius minus edge, at least 0)."""
        def sub(r: tuple[float, float], dx: float, dy: float) -> tuple[float, float]:
            return (max(0.0, r[0] - dx), max(0.0, r[1] - dy))
        return Radii(sub(self.tl, left, top), sub(self.tr, right, top),
                     sub(self.br, right, bottom), sub(self.bl, left, bottom))


def _length(value: Any, basis: float) -> float:
    if isinstance(value, Percent):
        return value.value * basis / 100.0
    if isinstance(value, (int, float)):
        return float(value)
    return 0.0


def resolve_radii(style: Any, width: float, height: float) -> Radii:
    """The border radii of a box of ``width`` x ``height``, clamped as CSS does."""
    corners = []
    for corner in CORNERS:
        value = style.get(f"border{corner}Radius")
        if value is None:
            corners.append((0.0, 0.0))
            continue
        rx, ry = value if isinstance(value, (tuple, list)) else (value, value)
        rx, ry = _length(rx, width), _length(ry, height)
        corners.append((rx, ry) if rx > 0 and ry > 0 else (0.0, 0.0))
    tl, tr, br, bl = corners
    factor = 1.0
    for total, side in ((tl[0] + tr[0], width), (bl[0] + br[0], width),
                        (tl[1] + bl[1], height), (tr[1] + br[1], height)):
        if total > side > 0 or (total > 0 and side <= 0):
            factor = min(factor, max(side, 0.0) / total)
    if factor < 1.0:
        tl, tr, br, bl = ((c[0] * factor, c[1] * factor) for c in (tl, tr, br, bl))
    return Radii(tl, tr, br, bl)


def rect_path(x: float, y: float, w: float, h: float, radii: Radii | None = None) -> str:
    """SVG path data of a (rounded) rectangle, clockwise from the top-left."""
    if radii is None or not radii.any:
        return f"M{fmt(x)} {fmt(y)}H{fmt(x + w)}V{fmt(y + h)}H{fmt(x)}Z"
    (tlx, tly), (trx, try_), (brx, bry), (blx, bly) = radii.tl, radii.tr, radii.br, radii.bl
    parts = [f"M{fmt(x + tlx)} {fmt(y)}", f"H{fmt(x + w - trx)}"]
    if trx and try_:
        parts.append(f"A{fmt(trx)} {fmt(try_)} 0 0 1 {fmt(x + w)} {fmt(y + try_)}")
    parts.append(f"V{fmt(y + h - bry)}")
    if brx and bry:
        parts.append(f"A{fmt(brx)} {fmt(bry)} 0 0 1 {fmt(x + w - brx)} {fmt(y + h)}")
    parts.append(f"H{fmt(x + blx)}")
    if blx and bly:
        parts.append(f"A{fmt(blx)} {fmt(bly)} 0 0 1 {fmt(x)} {fmt(y + h - bly)}")
    parts.append(f"V{fmt(y + tly)}")
    if tlx and tly:
        parts.append(f"A{fmt(tlx)} {fmt(tly)} 0 0 1 {fmt(x + tlx)} {fmt(y)}")
    return "".join(parts) + "Z"
