"""Backgrounds, borders and debug outlines of a box.

Borders are drawn as filled rings (outer border-box path minus the inner
padding-box path, even-odd), which anti-alias like the reference's stroked
paths. When the sides differ in colour, each side is the ring clipped to its
trapezoid (from the outer corners to the inner corners), as CSS divides the
corners between the sides.
"""
from __future__ import annotations

from typing import Any

from ..svg import SvgNode, fmt
from .geometry import Radii, rect_path

SIDES = ("Top", "Right", "Bottom", "Left")
_INVISIBLE_STYLES = {"none", "hidden"}


def color_attr(color: Any) -> tuple[str | None, float | None]:
    """An RGBA as (fill, fill-opacity); None when fully transparent."""
    if color is None or getattr(color, "a", 1) <= 0:
        return None, None
    return color.to_css(), None


def background(x: float, y: float, w: float, h: float, style: Any, radii: Radii) -> SvgNode | None:
    color = style.get("backgroundColor")
    fill, _ = color_attr(color)
    if fill is None or w <= 0 or h <= 0:
        return None
    if radii.any:
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii), "fill": fill})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "fill": fill})


def border_widths(style: Any) -> tuple[float, float, float, float]:
    out = []
    for side in SIDES:
        width = style.get(f"border{side}Width") or 0.0
        if style.get(f"border{side}Style", "none") in _INVISIBLE_STYLES:
            width = 0.0
        out.append(float(width))
    return out[0], out[1], out[2], out[3]


def borders(x: float, y: float, w: float, h: float, style: Any, radii: Radii,
            clip_id: str) -> tuple[list[SvgNode], list[SvgNode]]:
    """The border shapes of a box, and the defs they need (clip paths per side)."""
    top, right, bottom, left = border_widths(style)
    if not (top or right or bottom or left):
        return [], []
    inner = radii.inset(top, right, bottom, left)
    ring = rect_path(x, y, w, h, radii) + rect_path(x + left, y + top, w - left - right,
                                                    h - top - bottom, inner)
    colors = []
    for side, width in zip(SIDES, (top, right, bottom, left)):
        fill, _ = color_attr(style.get(f"border{side}Color")) if width else (None, None)
        colors.append(fill)
    visible = [c for c in colors if c is not None]
    if not visible:
        return [], []
    if len(set(visible)) == 1 and all(c is not None for c, wd in zip(colors, (top, right, bottom, left)) if wd):
        return [SvgNode("path", {"d": ring, "fill": visible[0], "fill-rule": "evenodd"})], []
    # Sides of different colours: the ring clipped to each side's trapezoid.
    ox2, oy2 = x + w, y + h
    ix1, iy1, ix2, iy2 = x + left, y + top, x + w - right, y + h - bottom
    wedges = {
        "Top": [(x, y), (ox2, y), (ix2, iy1), (ix1, iy1)],
        "Right": [(ox2, y), (ox2, oy2), (ix2, iy2), (ix2, iy1)],
        "Bottom": [(ox2, oy2), (x, oy2), (ix1, iy2), (ix2, iy2)],
        "Left": [(x, oy2), (x, y), (ix1, iy1), (ix1, iy2)],
    }
    shapes, defs = [], []
    for side, fill in zip(SIDES, colors):
        if fill is None:
            continue
        cid = f"{clip_id}-{side[0].lower()}"
        poly = " ".join(f"{fmt(px)},{fmt(py)}" for px, py in wedges[side])
        defs.append(SvgNode("clipPath", {"id": cid}, [SvgNode("polygon", {"points": poly})]))
        shapes.append(SvgNode("path", {"d": ring, "fill": fill, "fill-rule": "evenodd",
                                       "clip-path": f"url(#{cid})"}))
    return shapes, defs


def debug_outline(x: float, y: float, w: float, h: float) -> SvgNode:
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "fill": "transparent",
                            "stroke": "#ff5757", "stroke-width": 1})
