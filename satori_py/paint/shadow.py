"""``boxShadow``: outer and inset shadows of a box, drawn as the reference draws them.

Mirrors the reference's ``builder/shadow.ts`` (``boxShadow``). Each shadow is
the box's shape (filled and stroked white, the stroke as wide as twice the
spread) moved by the offset and blurred with a standard deviation of half
the blur radius; the blurred alpha is filled with the colour (``in``), or,
inset, its complement (``out``). A user-space mask keeps outer shadows off
the box and inset ones inside it. Shadows are listed top first, so they are
drawn last to first; outer ones go under the box, inset ones over it (and
over its border).

Kept from the reference:

* An inset shadow's spread is negated, so a positive one draws a negative
  ``stroke-width`` (which renderers ignore), and a negative spread (or a
  positive inset one) adds a mask that cuts a band of the spread off the
  moved shape.
* The filter region is the box grown by ``blur^2 / 4 + spread`` on each side.
* The shadow's shape carries the element's transform, clip path and mask, so
  the blur can reach past an ancestor's clip.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..style.types import Shadow
from ..svg import SvgNode
from .compose import url, wrap_one
from .geometry import Radii, rect_path

__all__ = ["box_shadows", "shadow_extent"]


def _shape(x: float, y: float, w: float, h: float, radii: Radii, attrs: Mapping[str, Any]) -> SvgNode:
    if radii.any:
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii), **attrs})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h, **attrs})


def _region(shadow: Shadow, spread: float, width: float, height: float) -> dict[str, str]:
    grow = shadow.blur * shadow.blur / 4 + spread
    dx, dy = (shadow.offset_x, shadow.offset_y) if shadow.inset else (0.0, 0.0)
    left = min(-grow - dx, 0.0)
    right = max(grow + width - dx, width)
    top = min(-grow - dy, 0.0)
    bottom = max(grow + height - dy, height)

    def pct(value: float, whole: float) -> str:
        return f"{round(value / whole * 100, 4):g}%"

    return {"x": pct(left, width), "y": pct(top, height), "width": pct(right - left, width),
            "height": pct(bottom - top, height)}


def box_shadows(box: tuple[float, float, float, float], radii: Radii, shadows: tuple[Shadow, ...],
                viewport: tuple[float, float], *, id_prefix: str, transform: str | None = None,
                clip: str | None = None, mask: str | None = None
                ) -> tuple[list[SvgNode], list[SvgNode], list[SvgNode]]:
    """(defs, outer shadows, inset shadows) of a box ``x, y, width, height``.

    ``transform`` is the box's SVG matrix, ``clip`` and ``mask`` the ids its
    shapes are clipped and masked with.
    """
    x, y, width, height = box
    defs: list[SvgNode] = []
    outer: list[SvgNode] = []
    inner: list[SvgNode] = []
    if width <= 0 or height <= 0:
        return defs, outer, inner
    common = {"transform": transform, "clip-path": f"url(#{clip})" if clip else None,
              "mask": f"url(#{mask})" if mask else None}
    vw, vh = viewport
    for i in range(len(shadows) - 1, -1, -1):
        shadow = shadows[i]
        spread = -shadow.spread if shadow.inset else shadow.spread
        shadow_id = f"{id_prefix}-s{i}"
        mask_id = f"{id_prefix}-ms{i}"
        stroke = {"stroke-width": spread * 2} if spread else {"stroke-width": 0}
        # The mask: everything but the box (outer), or only the box (inset).
        defs.append(SvgNode("mask", {"id": mask_id, "maskUnits": "userSpaceOnUse"}, [
            SvgNode("rect", {"x": 0, "y": 0, "width": vw or "100%", "height": vh or "100%",
                             "fill": "#000" if shadow.inset else "#fff"}),
            _shape(x, y, width, height, radii, {"fill": "#fff" if shadow.inset else "#000", **stroke,
                                                **common})]))
        moved = _shape(x + shadow.offset_x, y + shadow.offset_y, width, height, radii,
                       {"fill": "#fff", "stroke": "#fff", **stroke, **common})
        content = moved
        if spread < 0:
            # A negative spread: cut a band of the spread off the moved shape.
            defs.append(SvgNode("mask", {"id": f"{mask_id}-neg", "maskUnits": "userSpaceOnUse"}, [
                _shape(x + shadow.offset_x, y + shadow.offset_y, width, height, radii,
                       {"fill": "#fff", "stroke": "#000", "stroke-width": -spread * 2, **common})]))
            content = wrap_one(moved, {"mask": url(f"{mask_id}-neg")})
        defs.append(SvgNode("filter", {"id": shadow_id, **_region(shadow, spread, width, height)}, [
            SvgNode("feGaussianBlur", {"stdDeviation": shadow.blur / 2, "result": "b"}),
            SvgNode("feFlood", {"flood-color": shadow.color.to_css(), "in": "SourceGraphic", "result": "f"}),
            SvgNode("feComposite", {"in": "f", "in2": "b", "operator": "out" if shadow.inset else "in"})]))
        group = wrap_one(content, {"mask": url(mask_id), "filter": url(shadow_id)})
        (inner if shadow.inset else outer).append(group)
    return defs, outer, inner


def shadow_extent(shadows: tuple[Shadow, ...]) -> float:
    """How far outside its box the outer shadows of a box can draw (``getBoxShadowExtent``)."""
    extent = 0.0
    for s in shadows:
        if not s.inset:
            extent = max(extent, abs(s.offset_x) + abs(s.offset_y) + abs(s.spread) + s.blur * 3
                         + s.blur * s.blur / 4)
    return extent
