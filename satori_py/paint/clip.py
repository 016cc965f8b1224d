"""Clipping: ``clipPath`` shapes and the clip region of ``overflow``.

The shapes are parsed at style time (:mod:`satori_py.style.clip_shapes`);
here they are resolved in the element's box. Mirrors the geometry of the
reference's ``parser/shape.ts`` and ``parser/shape-function.ts`` (the shape of
a ``clip-path``), ``builder/clip-path.ts`` (its ``<clipPath>``) and the clip
region of ``builder/overflow.ts``.

Kept from the reference:

* A circle's percentage radius is of the box's diagonal over sqrt(2); a
  polygon point's first word resolves percentages against the width, the
  others against the height.
* A length that did not parse leaves its attribute out of the shape.
* ``inset()`` radii are border-radius-like (the element's corner shapes apply).
* ``overflow`` clips to the padding box (rounded with the inner radii); an
  axis that is not clipped extends 100000px; ``overflow: clip`` on both axes
  grows by ``overflowClipMargin`` from its ``<visual-box>``.

Not kept: the reference translates an element's ``<clipPath>`` to the box's
top-left without its transform; the painter turns it with the element, as a
browser does.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..js_format import js_number
from ..length_range import top_level
from ..style.computed_types import GroupedStyle
from ..style.paint_types import (
    BoxLength,
    CircleShape,
    ClipMargin,
    ClipShape,
    EllipseShape,
    InsetShape,
    OfBox,
    PathShape,
    PolygonShape,
    ShapeArc,
    ShapeControl,
    ShapeCurve,
    ShapeFunction,
    ShapePoint,
)
from ..style.types import Percent
from ..svg import SvgNode, fmt
from .border import content_mask
from .box import border_lines
from .geometry import Box, Radii, rect_path, resolve_radii

__all__ = ["clip_path_shape", "overflow_mask", "overflow_region", "shape_path", "shape_bounds"]

Style = Mapping[str, Any]
Point = tuple[float, float]

UNBOUNDED = 1e5  # how far a region extends along an axis that is not clipped


def _num(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


def _box_length(value: BoxLength, basis: float) -> float | None:
    """``value`` in px against ``basis``; None where the reference's length is NaN."""
    return value.px(basis) if isinstance(value, (Percent, OfBox)) else value


def _length(value: BoxLength | None, basis: float) -> float | None:
    return None if value is None else _num(_box_length(value, basis))


# -- basic shapes (shape.ts) ------------------------------------------------------------------

def _inset(shape: InsetShape, width: float, height: float, style: Style) -> SvgNode:
    def css(value: float | Percent, basis: float) -> float:
        # Clamped like every length: inset(1e308px) made an infinite rectangle.
        return top_level((_num(_box_length(value, basis)) or 0.0) if isinstance(value, Percent) else value)

    offsets = [css(v, height if i % 2 == 0 else width) for i, v in enumerate(shape.offsets)]
    x, y = offsets[3], offsets[0]
    w, h = width - offsets[1] - offsets[3], height - offsets[0] - offsets[2]
    rounded = [css(v, height if i % 2 == 0 else width) for i, (_, v) in enumerate(shape.radii)]
    if any(r > 0 for r in rounded):
        radii = resolve_radii({**dict(style), **dict(shape.radii)}, w, h)
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii)})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h})


def clip_path_shape(shape: ClipShape, width: float, height: float, style: Style) -> SvgNode:
    """The SVG shape of a ``clipPath`` in a box ``width`` x ``height`` at (0, 0)."""
    if isinstance(shape, CircleShape):
        return SvgNode("circle", {
            "r": _length(shape.radius, math.sqrt(width ** 2 + height ** 2) / math.sqrt(2)),
            "cx": _length(shape.cx, width), "cy": _length(shape.cy, height)})
    if isinstance(shape, EllipseShape):
        return SvgNode("ellipse", {"rx": _length(shape.rx, width), "ry": _length(shape.ry, height),
                                   "cx": _length(shape.cx, width), "cy": _length(shape.cy, height)})
    if isinstance(shape, PathShape):
        return SvgNode("path", {"d": shape.d, "fill-rule": shape.fill_rule})
    if isinstance(shape, PolygonShape):
        def word(value: BoxLength | None, index: int) -> str:
            px = _length(value, width if index == 0 else height)
            return "" if px is None else js_number(px)

        return SvgNode("polygon", {"fill-rule": shape.fill_rule, "points": ",".join(
            " ".join(word(value, i) for i, value in enumerate(point)) for point in shape.points)})
    if isinstance(shape, InsetShape):
        return _inset(shape, width, height, style)
    return SvgNode("path", {"d": shape_path(shape, width, height), "fill-rule": shape.fill_rule})


def shape_bounds(shape: SvgNode) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of a :func:`clip_path_shape` shape, in its box's
    coordinates; None for paths, whose extent is not computed."""
    a = shape.attrs

    def get(*names: str) -> list[float] | None:
        values = [a.get(n) for n in names]
        ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)
        return [float(v) for v in values] if ok else None  # type: ignore[arg-type]

    if shape.tag == "circle" and (v := get("cx", "cy", "r")):
        return v[0] - v[2], v[1] - v[2], v[0] + v[2], v[1] + v[2]
    if shape.tag == "ellipse" and (v := get("cx", "cy", "rx", "ry")):
        return v[0] - v[2], v[1] - v[3], v[0] + v[2], v[1] + v[3]
    if shape.tag == "rect" and (v := get("x", "y", "width", "height")):
        return v[0], v[1], v[0] + max(v[2], 0.0), v[1] + max(v[3], 0.0)
    if shape.tag == "polygon":
        try:
            pairs = [[float(w) for w in point.split()] for point in str(a.get("points", "")).split(",")]
        except ValueError:
            return None
        if not pairs or any(len(pair) != 2 or not all(map(math.isfinite, pair)) for pair in pairs):
            return None
        xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
        return min(xs), min(ys), max(xs), max(ys)
    return None


# -- shape() (shape-function.ts) ---------------------------------------------------------------

def _f(value: float) -> str:
    # Math.round(v * 1000) / 1000, printed as JavaScript does.
    return js_number(math.floor(value * 1000 + 0.5) / 1000)


def _pt(point: Point) -> str:
    return f"{_f(point[0])},{_f(point[1])}"


def _axis(value: BoxLength, from_end: bool, basis: float) -> float:
    px = _box_length(value, basis) or 0.0
    return basis - px if from_end else px


def _point(point: ShapePoint, width: float, height: float) -> Point:
    return _axis(point.x, point.x_from_end, width), _axis(point.y, point.y_from_end, height)


def _end(by: bool, point: ShapePoint, current: Point, width: float, height: float) -> Point:
    x, y = _point(point, width, height)
    return (current[0] + x, current[1] + y) if by else (x, y)


def _control(control: ShapeControl, start: Point, end: Point, width: float, height: float) -> Point:
    x, y = _point(control.point, width, height)
    if control.reference == "start":
        return (start[0] + x, start[1] + y)
    if control.reference == "end":
        return (end[0] + x, end[1] + y)
    return x, y


def _arc(arc: ShapeArc, current: Point, width: float, height: float) -> tuple[str, Point]:
    endpoint = _end(arc.by, arc.point, current, width, height)
    if arc.diagonal:
        rx = ry = _box_length(arc.rx, math.sqrt(width * width + height * height) / math.sqrt(2)) or 0.0
    else:
        rx, ry = _box_length(arc.rx, width) or 0.0, _box_length(arc.ry, height) or 0.0
    return (f" A{_f(abs(rx))},{_f(abs(ry))} {_f(arc.rotation)} {arc.large} {arc.sweep} {_pt(endpoint)}",
            endpoint)


def _curve(curve: ShapeCurve, current: Point, width: float, height: float) -> tuple[str, Point]:
    endpoint = _end(curve.by, curve.point, current, width, height)
    controls = [_control(c, current, endpoint, width, height) for c in curve.controls]
    if curve.command == "curve":
        if len(controls) == 1:
            return f" Q{_pt(controls[0])} {_pt(endpoint)}", endpoint
        return f" C{_pt(controls[0])} {_pt(controls[1])} {_pt(endpoint)}", endpoint
    if not controls:
        return f" T{_pt(endpoint)}", endpoint
    return f" S{_pt(controls[0])} {_pt(endpoint)}", endpoint


def shape_path(shape: ShapeFunction, width: float, height: float) -> str:
    """``shape()`` as SVG path data in a box ``width`` x ``height``."""
    current = _point(shape.start, width, height)
    subpath = current
    path = f"M{_pt(current)}"
    for command in shape.commands:
        if isinstance(command, ShapeCurve):
            segment, current = _curve(command, current, width, height)
            path += segment
        elif isinstance(command, ShapeArc):
            segment, current = _arc(command, current, width, height)
            path += segment
        elif command.command == "close":
            path += " Z"
            current = subpath
        elif command.command in ("move", "line"):
            assert command.point is not None
            current = _end(command.by, command.point, current, width, height)
            path += f" {'M' if command.command == 'move' else 'L'}{_pt(current)}"
            if command.command == "move":
                subpath = current
        else:
            axis = 0 if command.command == "hline" else 1
            basis = width if axis == 0 else height
            resolved = _box_length(command.coord, basis) or 0.0
            coords = list(current)
            coords[axis] = coords[axis] + resolved if command.by else resolved
            current = (coords[0], coords[1])
            path += f" {'H' if axis == 0 else 'V'}{_f(current[axis])}"
    return path


# -- overflow (overflow.ts) ------------------------------------------------------------------

def _rect_d(x: float, y: float, w: float, h: float) -> str:
    return f"M{fmt(x)},{fmt(y)}h{fmt(w)}v{fmt(h)}h{fmt(-w)}z"


def overflow_region(x: float, y: float, width: float, height: float, style: GroupedStyle, radii: Radii,
                    border: tuple[float, float, float, float],
                    padding: tuple[float, float, float, float]) -> str:
    """The path that ``overflow`` clips the content of the border box to."""
    overflow_x, overflow_y = style.box.overflow_x, style.box.overflow_y
    clip_x = overflow_x != "visible"
    clip_y = overflow_y != "visible"
    margin, visual = 0.0, "padding-box"
    if overflow_x == "clip" and overflow_y == "clip":
        clip_margin = style.paint.overflow_clip_margin or ClipMargin()
        margin, visual = clip_margin.margin, clip_margin.box
    inset = [(0.0 if visual == "border-box" else border[i])
             + (padding[i] if visual == "content-box" else 0.0) - margin for i in range(4)]
    top, right, bottom, left = inset
    if clip_x and clip_y:
        # A margin (a negative inset) grows the radii, but only of a rounded box.
        return rect_path(x + left, y + top, width - left - right, height - top - bottom,
                         radii.inset(top, right, bottom, left) if radii.any else None)
    x0 = x + left if clip_x else x - UNBOUNDED
    y0 = y + top if clip_y else y - UNBOUNDED
    x1 = x + width - right if clip_x else x + width + UNBOUNDED
    y1 = y + height - bottom if clip_y else y + height + UNBOUNDED
    return _rect_d(x0, y0, x1 - x0, y1 - y0)


def overflow_mask(x: float, y: float, width: float, height: float, style: GroupedStyle, radii: Radii,
                  border: tuple[float, float, float, float], padding: tuple[float, float, float, float],
                  matrix: str | None = None) -> list[SvgNode] | None:
    """The content mask of ``overflow: hidden`` at the padding box, where the inset
    contour of :func:`overflow_region` is not what the reference clips to; else None.

    The reference clips descendants to the outer contour and masks them with
    the padding box less its border strokes along that contour. With no border
    both are the outer contour; without corners, or with round ones, the inset
    contour is what it is drawn as here. Shaped corners are not inset along
    their curve, so they take the reference's mask (the strokes' offset of a
    shaped corner is not the shape of the inset radii).
    """
    box = style.box
    if box.overflow != "hidden" or not radii.shaped or not any(border):
        return None
    if box.overflow_x == "visible" or box.overflow_y == "visible":
        return None
    top, right, bottom, left = border
    white = SvgNode("rect", {"x": x + left, "y": y + top, "width": width - left - right,
                             "height": height - top - bottom, "fill": "#fff", "transform": matrix})
    strokes = content_mask(Box(x, y, width, height), border_lines(style), padding, radii, border_only=True)
    for stroke in strokes:
        stroke.attrs["transform"] = matrix
    return [white, *strokes]
