"""Conic gradients (and repeating ones), which SVG does not have.

Mirrors ``builder/gradient/conic.ts`` of Satori 0.63.2: the gradient is drawn
as thin wedges around the centre, each filled with the colour at its middle.
The turn is split at every stop (and hint), then into wedges of at most one
degree, or finer where colours change fast (about two levels per channel).
Wedges are drawn with ``shape-rendering="crispEdges"``, each overlapping the
next by half a degree so no seams show, and where the colour jumps a two
degree anti-aliased wedge is laid over the edge. Translucent colours are
drawn opaque under a mask of their alphas (grey wedges), so overlaps do not
add up. Wedge points lie on a circle far enough out for straight edges to
cover the image, rounded to tenths of a pixel.

Stop positions are turns: ``%``, ``deg``, ``grad``, ``rad``, ``turn``, and a
unitless ``0``; any other length is no position. Interpolation is
premultiplied in sRGB unless an ``in <space>`` method is given.
"""
from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..colorspaces import SpaceColor, interpolate, to_rgba_tuple
from ..js_format import js_round
from ..style.types import ColorStop, ConicGradient, LayerWords, LengthToken, Method, Offset
from ..svg import SvgNode, fmt
from .geometry import word_px
from .gradient_stops import apply_hint

__all__ = ["ConicStop", "conic_center", "conic_content", "resolve_conic_stops"]

Color = tuple[float, float, float, float]  # r, g, b in 0-1, alpha
_TRANSPARENT: Color = (0.0, 0.0, 0.0, 0.0)
_TURN_UNITS = {"%": 100.0, "deg": 360.0, "grad": 400.0, "rad": 2 * math.pi, "turn": 1.0}
_CENTER_KEYWORDS = {"left": ("x", 0.0), "right": ("x", 1.0), "top": ("y", 0.0),
                    "bottom": ("y", 1.0), "center": ("both", 0.5)}


@dataclass(slots=True)
class ConicStop:
    color: Color
    parsed: SpaceColor | None  # the colour before it is clipped to sRGB
    position: float | None = None  # in turns
    hint: float | None = None


def conic_center(position: LayerWords, w: float, h: float) -> tuple[float, float]:
    """``<x> <y>`` lengths, or keywords in any order with at most one length."""
    tokens = position
    x: float | None = None
    y: float | None = None
    lengths = []

    def keyword_of(token: str | LengthToken) -> tuple[str, float] | None:
        return _CENTER_KEYWORDS.get(token) if isinstance(token, str) else None

    for token in tokens:
        keyword = keyword_of(token)
        if keyword is None:
            lengths.append(token)
        elif keyword[0] == "x":
            x = keyword[1] * w
        elif keyword[0] == "y":
            y = keyword[1] * h

    def resolve(token: str | LengthToken, base: float, fallback: float | None) -> float | None:
        value = word_px(token, base)
        return fallback if value is None else value

    if lengths and len(tokens) <= 2:
        first = keyword_of(tokens[0])
        if len(tokens) == 1 or first is None:
            x = resolve(lengths[0], w, x)
            if len(lengths) > 1:
                y = resolve(lengths[1], h, y)
        elif first[0] == "y":
            x = resolve(lengths[0], w, x)
        else:
            y = resolve(lengths[0], h, y)
    return (w / 2 if x is None else x), (h / 2 if y is None else y)


def _turns(offset: Offset) -> float | None:
    value = offset.number
    if offset.unit in _TURN_UNITS:
        return value / _TURN_UNITS[offset.unit]
    return 0.0 if value == 0 else None  # a unitless zero


def _js_max(*values: float) -> float:
    return math.nan if any(math.isnan(v) for v in values) else max(values)


def resolve_conic_stops(color_stops: Sequence[ColorStop]) -> list[ConicStop]:
    """Stops with positions in turns (CSS's colour stop fix-up)."""
    stops = []
    for given in color_stops:
        parsed = given.paint.space
        color = _TRANSPARENT if parsed is None else _unit_color(to_rgba_tuple(parsed))
        stops.append(ConicStop(color, parsed, _turns(given.offset) if given.offset else None,
                               _turns(given.hint) if given.hint else None))
    if not stops:
        return [ConicStop(_TRANSPARENT, None, 0.0)]
    if stops[0].position is None:
        stops[0].position = 0.0
    if stops[-1].position is None:
        stops[-1].position = _js_max(1.0, *(s.position or 0.0 for s in stops))
    # A position can't be before the ones before it.
    highest = -math.inf
    for stop in stops:
        if stop.position is not None:
            stop.position = _js_max(stop.position, highest)
            highest = stop.position
    # Positions in between are spread evenly.
    for i, stop in enumerate(stops):
        if stop.position is not None:
            continue
        following = i
        while stops[following].position is None:
            following += 1
        start, end = stops[i - 1].position, stops[following].position
        assert start is not None and end is not None
        for j in range(i, following):
            stops[j].position = start + (end - start) * (j - i + 1) / (following - i + 1)
    return stops


def _unit_color(rgba: tuple[float, float, float, float]) -> Color:
    return rgba[0] / 255, rgba[1] / 255, rgba[2] / 255, rgba[3]


def _position(stop: ConicStop) -> float:
    return stop.position if stop.position is not None else math.nan


# The most periods of a repeating conic gradient drawn stripe by stripe.
_MAX_REPEATS = 360


def _stop_positions(stops: list[ConicStop], repeating: bool) -> list[float]:
    """Every stop and hint position, repeated over the turn if needed."""
    first = _position(stops[0])
    period = _position(stops[-1]) - first
    positions = [p for s in stops for p in ((_position(s), s.hint) if s.hint is not None else (_position(s),))]
    if not repeating or period <= 0:
        return positions
    if not math.isfinite(period) or not math.isfinite(first):
        return []
    if (1 - first) / period > _MAX_REPEATS:
        # Stripes finer than a degree (millions made the memory run out): the
        # wedges of a degree sample them.
        return positions
    return [p + k * period for k in range(math.floor(-first / period), math.ceil((1 - first) / period) + 1)
            for p in positions]


def _color_at(stops: list[ConicStop], repeating: bool, method: Method | None) -> Callable[[float], Color]:
    first, last = _position(stops[0]), _position(stops[-1])
    period = last - first
    positions = [_position(stop) for stop in stops]
    # Stops in order (as resolve_conic_stops leaves them): the stop before ``p`` found by
    # bisection, not by a walk over them (100,000 stops took minutes, a walk per wedge).
    ordered = all(a <= b for a, b in itertools.pairwise(positions))

    def at(turn: float) -> Color:
        p = turn
        if repeating and period > 0:
            p = first + math.fmod(math.fmod(p - first, period) + period, period)
        if p <= first:
            return stops[0].color
        if p >= last:
            return stops[-1].color
        if ordered:
            i = bisect.bisect_right(positions, p, 1, max(1, len(stops) - 1)) - 1
        else:
            i = 0
            while i < len(stops) - 2 and p >= _position(stops[i + 1]):
                i += 1
        a, b = stops[i], stops[i + 1]
        length = _position(b) - _position(a)
        if length <= 0:
            return b.color
        t = (p - _position(a)) / length
        if a.hint is not None:
            t = apply_hint(t, (a.hint - _position(a)) / length)
        if method is not None and a.parsed is not None and b.parsed is not None:
            return _unit_color(to_rgba_tuple(interpolate(a.parsed, b.parsed, t, *method)))
        alpha = a.color[3] + (b.color[3] - a.color[3]) * t
        if alpha == 0:
            return _TRANSPARENT
        ca, cb = a.color, b.color
        r, g, bl = ((ca[c] * ca[3] + (cb[c] * cb[3] - ca[c] * ca[3]) * t) / alpha for c in range(3))
        return r, g, bl, alpha

    return at


def _hex(color: Color) -> str:
    return "#" + "".join(f"{int(js_round(min(1.0, max(0.0, c)) * 255)):02x}" for c in color[:3])


def _gray(value: float) -> str:
    return _hex((value, value, value, 1.0))


def _tenth(value: float) -> str:
    return fmt(js_round(value * 10) / 10)


# The most wedges of a gradient: past them (thousands of stops, each a few wedges), the turn is
# cut in this many equal wedges, some 0.09 degree each, each of the colour at its middle.
_MAX_WEDGES = 4096


def _segments(stops: list[ConicStop], repeating: bool, color_at: Callable[[float], Color]
              ) -> list[tuple[float, float]]:
    """Wedges: split at every stop, at most a degree and about two levels apart."""
    breaks = sorted({0.0, 1.0} | {t for t in _stop_positions(stops, repeating) if 0 < t < 1})
    counted: list[tuple[float, float, int]] = []
    total = 0
    for start, end in itertools.pairwise(breaks):
        if end - start < 1e-9:
            continue
        a, b = color_at(start + 1e-9), color_at(end - 1e-9)
        difference = max(max(abs(a[c] * a[3] - b[c] * b[3]) * 255 for c in range(3)), abs(a[3] - b[3]) * 255)
        count = min(256, max(1, math.ceil((end - start) * 360), math.ceil(difference / 2)))
        total += count
        if total > _MAX_WEDGES:
            return [(j / _MAX_WEDGES, (j + 1) / _MAX_WEDGES) for j in range(_MAX_WEDGES)]
        counted.append((start, end, count))
    return [(start + (end - start) * j / count, start + (end - start) * (j + 1) / count)
            for start, end, count in counted for j in range(count)]


def conic_content(image: ConicGradient, size: tuple[float, float], id_base: str, *,
                  mask: bool = False) -> list[SvgNode]:
    """The wedges of a conic gradient over ``(0, 0, *size)``; the mask is ``{id_base}-m``."""
    method, repeating = image.method, image.repeating
    w, h = size
    cx, cy = conic_center(image.position, w, h)
    start_angle = image.start
    stops = resolve_conic_stops(image.stops)
    color_at = _color_at(stops, repeating, method)
    segments = _segments(stops, repeating, color_at)

    # Far enough out for straight edges between points to cover the image.
    radius = (max(math.hypot(cx, cy), math.hypot(w - cx, cy), math.hypot(cx, h - cy),
                  math.hypot(w - cx, h - cy)) + 1) / math.cos(math.pi / 12)

    def point(turn: float) -> str:
        radians = (start_angle + turn * 360) * math.pi / 180
        return f"{_tenth(cx + radius * math.sin(radians))} {_tenth(cy - radius * math.cos(radians))}"

    def wedge(start: float, end: float) -> str:
        steps = math.ceil((end - start) * 12)  # points at most 30 degrees apart
        return (f"M{_tenth(cx)} {_tenth(cy)}L{point(start)}"
                + "".join(f"L{point(start + (end - start) * i / steps)}" for i in range(1, steps + 1)) + "Z")

    def difference(a: Color, b: Color) -> float:
        return max(max(abs(a[c] - b[c]) for c in range(3)), abs(a[3] - b[3])) * 255

    base = color_at(segments[0][0] if segments else 0.0)
    colors = [SvgNode("rect", {"width": w, "height": h, "fill": _gray(base[3]) if mask else _hex(base)})]
    alphas = [SvgNode("rect", {"width": w, "height": h, "fill": _gray(base[3])})]
    sharp_colors: list[SvgNode] = []
    sharp_alphas: list[SvgNode] = []
    translucent = base[3] < 1

    def draw(start: float, end: float, color: Color, antialias: bool) -> None:
        nonlocal translucent
        translucent = translucent or color[3] < 1
        d = wedge(start, end)
        # Masks use luminance, which is the gradient's alpha.
        (sharp_colors if antialias else colors).append(
            SvgNode("path", {"d": d, "fill": _gray(color[3]) if mask else _hex(color)}))
        (sharp_alphas if antialias else alphas).append(SvgNode("path", {"d": d, "fill": _gray(color[3])}))

    # Each wedge overlaps the next, drawn over it; the first starts under the last.
    overlap = 0.5 / 360
    for index, (start, end) in enumerate(segments):
        draw(start - overlap if index == 0 else start, end if index == len(segments) - 1 else end + overlap,
             color_at((start + end) / 2), False)
    for index, (start, end) in enumerate(segments):
        before = color_at(start - 1e-9 if index else 1 - 1e-9)
        after = color_at(start + 1e-9)
        if difference(before, after) > 2:
            draw(start, min(end, start + 2 / 360), after, True)

    painted = [SvgNode("g", {"shape-rendering": "crispEdges"}, colors), *sharp_colors]
    if translucent and not mask:
        mask_id = f"{id_base}-m"
        painted = [
            SvgNode("mask", {"id": mask_id, "maskUnits": "userSpaceOnUse", "x": 0, "y": 0, "width": w,
                             "height": h},
                    [SvgNode("g", {"shape-rendering": "crispEdges"}, alphas), *sharp_alphas]),
            SvgNode("g", {"mask": f"url(#{mask_id})"}, painted),
        ]
    return [SvgNode("svg", {"width": w, "height": h, "viewBox": f"0 0 {fmt(w)} {fmt(h)}",
                            "overflow": "hidden"}, painted)]
