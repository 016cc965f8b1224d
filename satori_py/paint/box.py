"""A box's own paint: background colour, borders and the debug outline.

The entry points the painter calls. Borders are drawn by :mod:`.border`
(the reference's ``builder/border.ts``), clipped to the box's contour like the
reference's ``satori_bc`` clip path (``getBorderClipPath`` of
``builder/border.ts``); radii and corner shapes come from :mod:`.geometry`.
"""
from __future__ import annotations

from typing import Any

from ..style.computed_types import GroupedStyle
from ..svg import SvgNode
from .border import Line, contour, draw_border
from .geometry import Box, Radii, rect_path

__all__ = ["background", "border_lines", "border_widths", "borders", "color_attr",
           "debug_outline"]

_INVISIBLE_STYLES = {"none", "hidden"}


def color_attr(color: Any) -> tuple[str | None, float | None]:
    """An RGBA as (fill, fill-opacity); None when fully transparent."""
    if color is None or getattr(color, "a", 1) <= 0:
        return None, None
    return color.to_css(), None


def background(x: float, y: float, w: float, h: float, style: GroupedStyle, radii: Radii) -> SvgNode | None:
    color = style.paint.background_color
    fill, _ = color_attr(color)
    if fill is None or w <= 0 or h <= 0:
        return None
    if radii.any:
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii), "fill": fill})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "fill": fill})


def border_widths(style: GroupedStyle) -> tuple[float, float, float, float]:
    """The used border widths (0 for the sides whose style is none or hidden)."""
    box, paint = style.box, style.paint  # spelt out: this runs for every box
    return (0.0 if paint.border_top_style in _INVISIBLE_STYLES else float(box.border_top_width or 0.0),
            0.0 if paint.border_right_style in _INVISIBLE_STYLES else float(box.border_right_width or 0.0),
            0.0 if paint.border_bottom_style in _INVISIBLE_STYLES else float(box.border_bottom_width or 0.0),
            0.0 if paint.border_left_style in _INVISIBLE_STYLES else float(box.border_left_width or 0.0))


def border_lines(style: GroupedStyle,
                 widths: tuple[float, float, float, float] | None = None) -> tuple[Line, Line, Line, Line]:
    """The four sides of a box's border, top, right, bottom, left (``widths``: its
    :func:`border_widths`, when known)."""
    if widths is None:
        widths = border_widths(style)
    paint = style.paint
    return (Line(widths[0], paint.border_top_style or "none", paint.border_top_color),
            Line(widths[1], paint.border_right_style or "none", paint.border_right_color),
            Line(widths[2], paint.border_bottom_style or "none", paint.border_bottom_color),
            Line(widths[3], paint.border_left_style or "none", paint.border_left_color))


def borders(x: float, y: float, w: float, h: float, style: GroupedStyle, radii: Radii,
            clip_id: str, widths: tuple[float, float, float, float]) -> tuple[list[SvgNode], list[SvgNode]]:
    """The border shapes of a box, and the defs they need.

    ``widths`` are the box's :func:`border_widths`. ``clip_id`` names the clip
    path of the box's contour that every line is clipped to, and prefixes the
    other clip paths.
    """
    if not any(widths):
        return [], []
    lines = border_lines(style, widths)
    box = Box(x, y, w, h)
    shapes, defs = draw_border(box, lines, radii, clip_id, clip_id)
    if not shapes:
        return [], []
    clip = SvgNode("clipPath", {"id": clip_id}, [SvgNode("path", {"d": contour(box, radii, (0, 0, 0, 0))})])
    return shapes, [clip, *defs]


def debug_outline(x: float, y: float, w: float, h: float) -> SvgNode:
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, "fill": "transparent",
                            "stroke": "#ff5757", "stroke-width": 1})
