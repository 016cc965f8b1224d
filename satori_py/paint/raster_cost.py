"""What an element's shapes will cost the rasteriser, checked before it runs.

Two costs of resvg grow with sizes on the image rather than with the input, and
the raster cannot be interrupted, so :func:`check_raster_cost` measures them
for the shapes and defs each element draws, with the transform it is drawn with:

* A ``<pattern>`` (a background layer) is rendered as a tile of its size on the
  image before it is repeated, whatever part of it the image shows: a
  100000 x 100000 px box with a gradient, or a 20 x 119 box under ``scale(1000)``,
  asked for 10-40 GB and aborted the process. The tile counts against
  ``max_image_pixels`` (the error names the property of its layers: ``backgroundImage``,
  or ``maskImage`` for the patterns of a mask).
* An SVG image drawn larger than its own size (its box, or the transforms above
  it) scales its filter regions and pattern tiles with it: its work was counted
  at its own size when it was loaded, what it adds is counted here
  (``images.checks.check_drawn_svg``; a flood in a 200 x 100 px SVG under
  ``scale(100)`` took 1.2 GB).
* Strokes (``max_stroke_reach``), below.
* Shapes on the image that reach farther than :data:`RASTER_REACH` beyond it (below).

resvg strokes in 32-bit floats, with a tolerance of a quarter pixel on the
image. Past a few million pixels a float's step is larger than that: the
stroker then subdivides every curve to its recursion limit, and one huge
rounded border took 25 s (``borderRadius``/``borderWidth: 1e308``; a wavy
underline or dashed outline 10,000,000px wide, a border under ``scale(1e5)``
as long), with no way to interrupt it. Filled shapes do not have the problem.

So each stroke an element draws that makes curves (curved path data, round
caps or joins) is measured: its width on the image, and how far its
coordinates reach beyond the image. Either over ``max_stroke_reach`` is a
LimitError naming the element. Straight strokes (lines, polygons with miter
joins) may be as wide and as far as they like: their cost does not grow with
their size.

Filled shapes have a bound of their own, not a limit one may raise: resvg's
rasteriser (tiny-skia 0.10 to 0.12) fills an anti-aliased shape 4x supersampled,
its top and bottom rows in 32-bit integers. A shape over the image whose bounds
reach past 2^29 px above or below it wraps around: nested ``scale(10)`` nine deep
on a 10px box (or ``scale(3.3e8)``) made every binding panic ("range start index
3840 out of range for slice of length 900", a Rust backtrace on stderr; resvg-js
aborted the process), and farther it drew nothing. So every shape an element
draws (its clip paths and masks included) that crosses the image and reaches
farther than ``RASTER_REACH`` px from the image's origin, the raster's scale, the
transforms and twice its stroke's width (a miter join's reach) included, is a LimitError naming the element and, when a transform put it there,
``transform``. Shapes entirely off the image are not drawn, whatever their size.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence

from ..errors import LimitError
from ..limits import RASTER_REACH, active
from ..patterns import NUMBER, lazy_compile
from ..style.paint_types import FilterFunction
from ..images.svg_geometry import Box, Matrix, path_box, parse_transform, transform_box
from ..svg import SvgNode
from .filter import expansion
from .transform import matrix_stretch

__all__ = ["check_raster_cost", "count_backdrop"]

# Drawn into their own tiles or regions, which other checks bound (or not drawn at all).
# How far across a shape drawn from the layout alone may be: a box is at most MAX_LENGTH
# (2^25 px) a side, grown on each side by a shadow's spread, or an outline's width and
# offset, or twice a stroke's width (each at most as much): six MAX_LENGTH. So at a raster
# scale up to 2.6 no such shape over the image reaches RASTER_REACH: only transformed ones
# are measured (most boxes are not).
_LAID_OUT = 6 * 2 ** 25
_UNFILLED = frozenset(("pattern", "filter", "linearGradient", "radialGradient", "stop", "text"))

_NUMBER = lazy_compile(NUMBER)
_CURVES = frozenset("AaCcQqSsTt")
_HUGE = 1e15  # sizes past any limit, kept finite (and short in messages)
_GEOMETRY = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height")
_TILE_OF = {"backgroundImage": "The tile of the background", "maskImage": "The tile of the mask"}


def _float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else math.inf


def _translation(matrix: str | None) -> float:
    """How far ``matrix(a,b,c,d,e,f)`` moves the origin (``max(|e|, |f|)``)."""
    if not matrix:
        return 0.0
    values = _NUMBER.findall(matrix)
    return max((abs(_float(v)) for v in values[4:6]), default=0.0)


def _curved(node: SvgNode) -> bool:
    """Whether stroking the shape makes curves: curved path data, or round caps or joins."""
    if node.attrs.get("stroke-linecap") == "round" or node.attrs.get("stroke-linejoin") == "round":
        return True
    d = node.attrs.get("d") if node.tag == "path" else None
    return isinstance(d, str) and not _CURVES.isdisjoint(d)


def _reach(node: SvgNode) -> float:
    """The largest coordinate (or radius) of the shape's geometry attributes or path data."""
    values = [node.attrs.get(name) for name in _GEOMETRY]
    d = node.attrs.get("d")
    numbers = [*values, *(_NUMBER.findall(d) if isinstance(d, str) else ())]
    return max((abs(_float(v)) for v in numbers if v is not None), default=0.0)


@functools.lru_cache(maxsize=32)
def _integer_digits(count: int) -> re.Pattern[str]:
    """Runs of at least ``count`` digits, or an exponent: every number of ``count`` digits
    or more before its point has one (a long fraction too, which costs a closer look only)."""
    return re.compile(rf"\d{{{count},}}|[eE]")


def _may_reach(node: SvgNode, bound: float) -> bool:
    """Whether a coordinate of the shape may be larger than ``bound`` (a quick test: a
    glyph outline's tens of thousands of numbers are not converted one by one)."""
    if not bound >= 1:
        return True
    digits = _integer_digits(int(math.log10(bound)) + 1)
    if any(isinstance(v, str) and digits.search(v) or isinstance(v, (int, float)) and abs(v) > bound
           for v in (node.attrs.get(name) for name in _GEOMETRY)):
        return True
    d = node.attrs.get("d") or node.attrs.get("points")
    return isinstance(d, str) and digits.search(d) is not None


def _stroked(nodes: Iterable[SvgNode], matrix: str | None) -> Iterable[tuple[SvgNode, str | None]]:
    for node in nodes:
        own = node.attrs.get("transform")
        current = own if isinstance(own, str) else matrix
        if node.attrs.get("stroke-width") is not None and node.attrs.get("stroke") not in (None, "none"):
            yield node, current
        if node.children:
            yield from _stroked(node.children, current)


def _sized(nodes: Iterable[SvgNode], matrix: str | None) -> Iterable[tuple[SvgNode, str | None]]:
    """The pattern tiles and SVG images among ``nodes``, with the matrix each is drawn with."""
    for node in nodes:
        own = node.attrs.get("transform")
        current = own if isinstance(own, str) else matrix
        if node.tag == "pattern":
            yield node, current
        elif node.tag == "image":
            href = node.attrs.get("href")
            if isinstance(href, str) and href.startswith("data:image/svg+xml"):
                yield node, current
        elif node.children:
            yield from _sized(node.children, current)


def _filled(nodes: Iterable[SvgNode], matrix: str | None) -> Iterable[tuple[SvgNode, str | None]]:
    """The shapes among ``nodes`` (groups, clip paths and masks entered), with the matrix each
    is drawn with."""
    for node in nodes:
        if node.tag in _UNFILLED:
            continue
        own = node.attrs.get("transform")
        current = own if isinstance(own, str) else matrix
        if node.children and node.tag != "svg":  # (an emoji's or a user's SVG: its viewport counts)
            yield from _filled(node.children, current)
        else:
            yield node, current


def _shape_box(node: SvgNode) -> Box | None:
    """The bounds of a shape's geometry, grown by what its stroke may reach."""
    a = node.attrs
    tag = node.tag
    if tag == "path":
        d = a.get("d")
        box = path_box(d) if isinstance(d, str) else None
    elif tag in ("rect", "image", "svg"):
        x, y = _float(a.get("x")), _float(a.get("y"))
        box = (x, y, x + _float(a.get("width")), y + _float(a.get("height")))
    elif tag in ("circle", "ellipse"):
        r = _float(a.get("r"))
        rx, ry = _float(a.get("rx", r)), _float(a.get("ry", r))
        cx, cy = _float(a.get("cx")), _float(a.get("cy"))
        box = (cx - rx, cy - ry, cx + rx, cy + ry)
    elif tag == "line":
        xs, ys = (_float(a.get("x1")), _float(a.get("x2"))), (_float(a.get("y1")), _float(a.get("y2")))
        box = (min(xs), min(ys), max(xs), max(ys))
    elif tag == "polygon":
        values = [_float(v) for v in _NUMBER.findall(str(a.get("points", "")))]
        box = (min(values[0::2]), min(values[1::2]), max(values[0::2]), max(values[1::2])) \
            if len(values) >= 2 else None
    else:
        return None
    grow = _stroke_reach(node)
    return box if box is None or not grow else (box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow)


def _stroke_reach(node: SvgNode) -> float:
    """How far a shape's stroke may reach past its geometry: twice its width (a miter join)."""
    if node.attrs.get("stroke") in (None, "none"):
        return 0.0
    return 2 * _float(node.attrs.get("stroke-width", 1))


def _check_reach(nodes: Sequence[SvgNode], viewport: tuple[float, float], matrix: str | None,
                 path: str | None, prop: str | None) -> None:
    """LimitError for a shape among ``nodes`` crossing the image and reaching farther than
    ``RASTER_REACH`` px from its origin (see the module's docstring)."""
    scale = active().raster_scale
    reach = RASTER_REACH / scale  # in the document's px
    width, height = viewport
    # (matrix, the bound of coordinates that cannot reach past ``reach``) of each transform met
    bounds: dict[str | None, tuple[Matrix, float]] = {}
    for node, current in _filled(nodes, matrix):
        known = bounds.get(current)
        if known is None:
            m = parse_transform(current)
            stretch = max(abs(m[0]) + abs(m[2]), abs(m[1]) + abs(m[3]), 1.0)
            known = bounds[current] = (m, (reach - max(abs(m[4]), abs(m[5]))) / stretch)
        m, bound = known
        if not _may_reach(node, bound - _stroke_reach(node)):
            continue  # (every coordinate small: the common case, without parsing the path)
        box = transform_box(m, _shape_box(node))
        if box is None:
            continue
        x0, y0, x1, y1 = box
        if not (x1 > 0 and y1 > 0 and x0 < width and y0 < height):
            continue  # off the image: nothing is drawn
        far = max(-x0, -y0, x1, y1)
        if not far <= reach:  # (NaN too)
            shown = min(far * scale, _HUGE)
            raise LimitError(f"A shape over the image reaches {shown:.0f}px from its origin, farther than the "
                             f"{RASTER_REACH}px resvg can draw (its anti-aliasing counts rows in 32-bit integers).",
                             path=path, prop="transform" if matrix else prop)


def check_raster_cost(nodes: Iterable[SvgNode], viewport: tuple[float, float], matrix: str | None = None,
                      path: str | None = None, *, coordinates: bool = True, laid_out: bool = True,
                      tiles: str = "backgroundImage", prop: str | None = None) -> None:
    """Raise LimitError when the shapes and defs ``nodes`` (drawn with ``matrix`` unless they
    have a transform of their own; ``viewport``: the image's width and height) have a
    pattern tile over ``max_image_pixels`` on the image, or a curved stroke wider or
    reaching farther beyond the image than ``max_stroke_reach``. Without ``coordinates``
    only the widths of strokes are checked (text drawn untransformed: what lies outside
    the image is left out already, and its outlines hold tens of thousands of numbers).
    ``laid_out``: whether the shapes' geometry comes from the layout alone (not a ``path()``
    of the input), which keeps them within :data:`_LAID_OUT` px when not transformed.
    ``tiles``: the property whose layers the patterns among ``nodes`` draw; ``prop``: the
    property that drew the shapes, named by the error of one too far when no transform is."""
    nodes = list(nodes)
    budget = active()
    if coordinates and (matrix is not None or not laid_out or _LAID_OUT * budget.raster_scale > RASTER_REACH):
        _check_reach(nodes, viewport, matrix, path, prop)
    for node, current in _sized(nodes, matrix):
        sx, sy = matrix_stretch(current)
        width, height = _float(node.attrs.get("width")) * sx, _float(node.attrs.get("height")) * sy
        if node.tag == "image":  # an SVG image: its own filters and tiles grow with it
            from ..images.checks import check_drawn_svg  # (the image checks: with the first image)

            check_drawn_svg(str(node.attrs["href"]), width, height, path)
            continue
        budget.check_pixels(math.ceil(min(width, _HUGE)), math.ceil(min(height, _HUGE)), path,
                            _TILE_OF[tiles], prop=tiles)
    limit = budget.limits.max_stroke_reach
    for node, current in _stroked(nodes, matrix):
        if not _curved(node):
            continue
        stretch = max(matrix_stretch(current))
        width = _float(node.attrs["stroke-width"]) * stretch
        if width > limit:
            raise LimitError(f"A curved line is stroked {width:.0f}px wide on the image, over the max_stroke_reach "
                             f"limit of {limit}.", limit="max_stroke_reach", path=path)
        moved = _translation(current) - max(viewport)
        if not coordinates or not _may_reach(node, (limit - moved) / stretch):
            continue
        reach = _reach(node) * stretch + moved
        if reach > limit:
            raise LimitError(f"A curved line reaches {reach:.0f}px beyond the image, over the "
                             f"max_stroke_reach limit of {limit}.", limit="max_stroke_reach", path=path)


def count_backdrop(functions: Sequence[FilterFunction], width: float, height: float, matrix: str | None,
                   viewport: tuple[float, float]) -> None:
    """Count the region of a ``backdropFilter`` (the box grown by what its functions draw outside
    it, at its size on the image) into ``max_effect_pixels``.

    resvg filters the layer at that size, cut to the image and two image sizes around
    it (a 1e7 px box: 1.2 s, under ``scale(1000)`` 3.1 s and 235 MB; twenty backdrops
    over a 1200 x 630 card 2 s): nothing bounded how many elements may have one.
    """
    left, top, right, bottom = expansion(functions)
    sx, sy = matrix_stretch(matrix)
    view_w, view_h = viewport
    region_w = min((width + left + right) * sx, 5 * view_w)
    region_h = min((height + top + bottom) * sy, 5 * view_h)
    active().count_effect(math.ceil(max(region_w, 0.0) * max(region_h, 0.0)), prop="backdropFilter")
