"""``filter`` and ``backdropFilter``: filter functions as SVG filter primitives.

The functions are parsed at style time (:mod:`satori_py.style.filters`).
Mirrors the reference's ``builder/backdrop-filter.ts`` (the primitives, how
far they draw outside their input, the backdrop shape) and the ``filter``
part of ``layout.ts`` (the element and its descendants filtered as a group,
in a region that is the whole image grown by that distance).

Kept from the reference:

* ``drop-shadow()`` is built from primitives (resvg draws ``feDropShadow``
  in the wrong colour with sRGB interpolation). For a backdrop, the shadow is
  cast by the part of the backdrop under the element only.
* A backdrop is the ``BackgroundImage`` filtered, in a shape of the box
  clipped to it (the document then needs ``enable-background``).
* ``url()`` references to SVG filters are only allowed in ``filter``; the
  document's SVG filters are not collected here, so such a reference is
  missing and, like in browsers, the whole list is ignored.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..limits import active
from ..style.paint_types import FilterFunction
from ..svg import SvgNode
from .compose import filtered

__all__ = [
    "backdrop",
    "build_primitives",
    "expansion",
    "filter_group",
]


def expansion(functions: Sequence[FilterFunction]) -> tuple[float, float, float, float]:
    """How far the functions draw outside their input: (left, top, right, bottom)."""
    left = top = right = bottom = 0.0
    for fn in functions:
        if fn.name == "blur":
            grow = fn.value * 3
            left, top, right, bottom = max(left, grow), max(top, grow), max(right, grow), max(bottom, grow)
        elif fn.name == "drop-shadow":
            grow = fn.value * 3
            dx, dy = fn.offset
            left, top = max(left, grow - dx), max(top, grow - dy)
            right, bottom = max(right, grow + dx), max(bottom, grow + dy)
    return left, top, right, bottom


def _primitive(fn: FilterFunction, source: str, result: str, clip_to_source: bool) -> list[SvgNode]:
    if fn.name == "blur":
        return [SvgNode("feGaussianBlur", {"in": source, "stdDeviation": fn.value, "result": result})]
    if fn.name == "hue-rotate":
        return [SvgNode("feColorMatrix", {"in": source, "type": "hueRotate", "values": fn.value,
                                          "result": result})]
    if fn.name in ("saturate", "grayscale"):
        amount = 1 - fn.value if fn.name == "grayscale" else fn.value
        return [SvgNode("feColorMatrix", {"in": source, "type": "saturate", "values": amount, "result": result})]
    if fn.name == "sepia":
        a, i = fn.value, 1 - fn.value
        values = [i + 0.393 * a, 0.769 * a, 0.189 * a, 0, 0, 0.349 * a, i + 0.686 * a, 0.168 * a, 0, 0,
                  0.272 * a, 0.534 * a, i + 0.131 * a, 0, 0, 0, 0, 0, 1, 0]
        return [SvgNode("feColorMatrix", {"in": source, "type": "matrix",
                                          "values": " ".join(f"{v:.6g}" for v in values), "result": result})]
    if fn.name == "drop-shadow":
        shadow_input = f"{result}-input" if clip_to_source else source
        nodes = [SvgNode("feComposite", {"in": source, "in2": "SourceAlpha", "operator": "in",
                                         "result": shadow_input})] if clip_to_source else []
        return nodes + [
            SvgNode("feFlood", {"flood-color": fn.color, "result": f"{result}-flood"}),
            SvgNode("feComposite", {"in": f"{result}-flood", "in2": shadow_input, "operator": "in",
                                    "result": f"{result}-shape"}),
            SvgNode("feGaussianBlur", {"in": f"{result}-shape", "stdDeviation": fn.value,
                                       "result": f"{result}-blur"}),
            SvgNode("feOffset", {"in": f"{result}-blur", "dx": fn.offset[0], "dy": fn.offset[1],
                                 "result": f"{result}-shadow"}),
            SvgNode("feMerge", {"result": result}, [SvgNode("feMergeNode", {"in": f"{result}-shadow"}),
                                                    SvgNode("feMergeNode", {"in": shadow_input})])]
    amount = fn.value
    attrs: dict[str, Any] = {"type": "linear", "slope": amount}
    if fn.name == "contrast":
        attrs["intercept"] = 0.5 - 0.5 * amount
    elif fn.name == "invert":
        attrs = {"type": "linear", "slope": 1 - 2 * amount, "intercept": amount}
    channels = ("A",) if fn.name == "opacity" else ("R", "G", "B")
    return [SvgNode("feComponentTransfer", {"in": source, "result": result},
                    [SvgNode(f"feFunc{c}", dict(attrs)) for c in channels])]


def build_primitives(functions: Sequence[FilterFunction], filter_id: str, source: str,
                     clip_to_source: bool) -> list[SvgNode]:
    """The primitives of ``functions`` applied one after the other to ``source``."""
    out: list[SvgNode] = []
    for index, fn in enumerate(functions):
        result = f"{filter_id}-{index}"
        out.extend(_primitive(fn, source, result, clip_to_source))
        source = result
    return out


def filter_group(functions: Sequence[FilterFunction], content: list[SvgNode], filter_id: str,
                 viewport: tuple[float, float]) -> tuple[list[SvgNode], list[SvgNode]]:
    """``filter`` on an element drawn as ``content``: (defs, the filtered group).

    The region is the image grown by the functions' expansion, as descendants
    can be drawn anywhere.
    """
    if not functions or any(fn.name == "url" for fn in functions):
        return [], content
    left, top, right, bottom = expansion(functions)
    width, height = viewport
    active().count_region(math.ceil(width + left + right), math.ceil(height + top + bottom), prop="filter")
    definition = SvgNode("filter", {
        "id": filter_id, "x": -left, "y": -top, "width": width + left + right,
        "height": height + top + bottom, "filterUnits": "userSpaceOnUse",
        "color-interpolation-filters": "sRGB"},
        build_primitives(functions, filter_id, "SourceGraphic", clip_to_source=False))
    return [definition], filtered(content, filter_id)


def backdrop(functions: Sequence[FilterFunction], shape: SvgNode, box: tuple[float, float, float, float],
             *, filter_id: str, clip: str | None) -> tuple[list[SvgNode], SvgNode | None]:
    """The backdrop of a box: (defs, the filtered shape) for ``backdropFilter``.

    ``shape`` is the box's outline (rect or path, in its own coordinates,
    with its transform); ``clip`` the clip path of the element's shapes.
    """
    if not functions:
        return [], None
    x, y, w, h = box
    left, top, right, bottom = expansion(functions)
    clip_id = f"{filter_id}-clip"
    outline = SvgNode(shape.tag, {k: v for k, v in shape.attrs.items() if k in ("x", "y", "width", "height",
                                                                             "d", "transform")})
    defs = [SvgNode("filter", {"id": filter_id, "x": x - left, "y": y - top, "width": w + left + right,
                               "height": h + top + bottom, "filterUnits": "userSpaceOnUse",
                               "color-interpolation-filters": "sRGB"},
                    build_primitives(functions, filter_id, "BackgroundImage", clip_to_source=True)),
            SvgNode("clipPath", {"id": clip_id, "clip-path": f"url(#{clip})" if clip else None}, [outline])]
    drawn = SvgNode(shape.tag, {**outline.attrs, "fill": "#000", "filter": f"url(#{filter_id})",
                                "clip-path": f"url(#{clip_id})"})
    return defs, drawn
