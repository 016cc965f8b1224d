"""Colour stops: what every gradient builder shares.

Mirrors the stop half of ``builder/gradient/utils.ts`` of Satori 0.63.2 (the
syntax is parsed at style time, :mod:`satori_py.style.gradients`): ``calc()``
positions resolved against the gradient's length, the stop fix-up of
``normalizeStops`` (which is not CSS's: no monotonic clamp) and the extra
stops that approximate interpolation SVG cannot do (other colour spaces,
hints, and changes of alpha, which SVG does not premultiply).

The :class:`PaintStyle` here carries what lengths and colours are resolved
against (the element's font size, viewport and ``color``).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tinycss2

from ..js_numbers import js_div
from ..style.colors import _parse_node, serialize_color
from ..style.colorspaces import SpaceColor, interpolate, to_rgba_tuple
from ..style.expand import convert_colors
from ..style.types import MATH_POSITION, RGBA, ColorStop, MathLength, Method, Offset
from ..style.values import LengthContext, length_to_number

__all__ = [
    "PaintStyle",
    "Stop",
    "apply_hint",
    "normalize_stops",
    "resolve_math_positions",
    "space_color",
]

RGBATuple = tuple[float, float, float, float]

_SRGB: Method = ("srgb", "shorter")


@dataclass(frozen=True, slots=True)
class PaintStyle:
    """What a background's lengths and colours are resolved against.

    The reference passes the element's inheritable style: its font size (for
    ``em``), the viewport (for ``vw``/``vh``) and its ``color`` (for stops
    that still say ``currentColor``).
    """

    font_size: float = 16.0
    lengths: LengthContext = field(default_factory=LengthContext)
    color: RGBA | None = None

    @classmethod
    def from_style(cls, style: Mapping[str, Any]) -> PaintStyle:
        # The computed style's own length context (ComputedStyle.lengths: viewport, ch, lh).
        lengths = getattr(style, "lengths", None)
        color = style.get("color")
        return cls(float(style.get("fontSize") or 16.0), lengths if isinstance(lengths, LengthContext)
                   else LengthContext(), color if isinstance(color, RGBA) else None)

    def length(self, text: str, basis: float) -> float | None:
        """``lengthToNumber(text, fontSize, basis, style, true)``: px, or None."""
        if not basis or not self.font_size:  # 0 and -0.0 are one key: not kept
            return length_to_number(text, self.font_size, self.lengths, basis=basis)
        return _length(text, self.font_size, self.lengths, basis)


@lru_cache(maxsize=2048)
def _length(text: str, font_size: float, lengths: LengthContext, basis: float) -> float | None:
    """:meth:`PaintStyle.length`, memoised: the same positions, sizes and stop offsets of
    backgrounds are resolved in the same boxes render after render (parsing the text each
    time was a tenth of the paint of a card of gradient bars)."""
    return length_to_number(text, font_size, lengths, basis=basis)


def resolve_math_positions(stops: Sequence[ColorStop], math_functions: Sequence[MathLength | None],
                           length: float) -> list[ColorStop]:
    """The placeholders of the stop positions (``style.gradients``) as px, with
    percentages of ``length``; an invalid expression is left out, like an omitted
    position."""
    if not math_functions:
        return list(stops)

    def resolve(position: Offset | None) -> Offset | None:
        if position is None or position.unit != "px" or position.text is None:
            return position
        index = float(position.text) - MATH_POSITION
        if not (index.is_integer() and 0 <= index < len(math_functions)):
            return position
        parsed = math_functions[int(index)]
        value = parsed.evaluate(length) if parsed is not None else None
        if value is None or not math.isfinite(value):
            return None
        return Offset(repr(value), "px")

    return [stop.replace(offset=resolve(stop.offset), hint=resolve(stop.hint)) for stop in stops]


def space_color(text: str, current: RGBA | None) -> SpaceColor | None:
    """A colour in its own space (``parseCSSColor``), or None."""
    # The colour parser keeps its node parser private; gradients need the colour
    # before it is clipped to sRGB, to interpolate in other spaces.
    nodes = [t for t in tinycss2.parse_component_value_list(text.strip())
             if t.type not in ("whitespace", "comment")]
    parsed: SpaceColor | None = _parse_node(nodes[0], current) if len(nodes) == 1 else None
    return parsed


def apply_hint(t: float, hint: float) -> float:
    """Moves the middle of the transition between two colours to ``hint``."""
    if hint <= 0:
        return 1.0
    if hint >= 1:
        return 0.0
    return float(t ** (math.log(0.5) / math.log(hint)))


@dataclass(slots=True)
class Stop:
    """A resolved stop: offset as a fraction of the gradient, colour as SVG text."""

    color: str
    offset: float | None = None
    hint: float | None = None


def _premultiplied(c: Sequence[float]) -> tuple[float, float, float, float]:
    return c[0] * c[3], c[1] * c[3], c[2] * c[3], c[3] * 255


def _subdivide(color_at: Callable[[float], RGBATuple], t0: float, c0: RGBATuple, t1: float,
               c1: RGBATuple, add: Callable[[float, RGBATuple], None], depth: int = 0) -> None:
    """Stops between t0 and t1 until SVG's straight interpolation is within a level."""
    t = (t0 + t1) / 2
    color = color_at(t)
    expected = _premultiplied(color)
    drawn = _premultiplied([(a + b) / 2 for a, b in zip(c0, c1)])
    if max(abs(e - d) for e, d in zip(expected, drawn)) <= 1 or depth >= 6:
        return
    _subdivide(color_at, t0, c0, t, color, add, depth + 1)
    add(t, color)
    _subdivide(color_at, t, color, t1, c1, add, depth + 1)


def _interpolate_stops(stops: list[Stop], method: Method | None, current: RGBA | None) -> list[Stop]:
    result: list[Stop] = []
    for i, a in enumerate(stops):
        result.append(Stop(convert_colors(a.color, current), a.offset))
        if i + 1 == len(stops):
            break
        b = stops[i + 1]
        start, end = a.offset if a.offset is not None else math.nan, b.offset if b.offset is not None else math.nan
        length = end - start
        if not length > 0:
            continue
        color_a, color_b = space_color(a.color, current), space_color(b.color, current)
        if color_a is None or color_b is None:
            continue
        hint = None if a.hint is None else (min(max(a.hint, start), end) - start) / length
        rgba_a, rgba_b = to_rgba_tuple(color_a), to_rgba_tuple(color_b)
        same = color_a == color_b or (method is None and rgba_a == rgba_b)
        if same or (method is None and hint is None and rgba_a[3] == rgba_b[3]):
            continue

        def color_at(t: float, ca: SpaceColor = color_a, cb: SpaceColor = color_b,
                     h: float | None = hint, m: Method = method or _SRGB) -> RGBATuple:
            return to_rgba_tuple(interpolate(ca, cb, t if h is None else apply_hint(t, h), *m))

        def add(t: float, color: RGBATuple, s: float = start, n: float = length) -> None:
            result.append(Stop(serialize_color(RGBA(*color)), s + n * t))

        # From quarters, so curves with the same middle are subdivided too.
        previous = rgba_a
        for quarter in range(1, 5):
            t = quarter / 4
            color = rgba_b if quarter == 4 else color_at(t)
            _subdivide(color_at, t - 0.25, previous, t, color, add)
            if quarter < 4:
                add(t, color)
            previous = color
    return result


def normalize_stops(total_length: float, color_stops: Sequence[ColorStop], ps: PaintStyle,
                    repeating: bool, mask: bool = False, method: Method | None = None) -> list[Stop]:
    """Stops with offsets in [0, 1] of ``total_length`` (``normalizeStops``).

    The first stop is moved to 0 (a copy is added when it has a position), the
    last one to 1 (a copy is added, or for repeating gradients it is moved),
    and missing offsets are spread evenly. Percentages of a repeating gradient
    are of its last stop's percentage.
    """
    last = color_stops[-1] if color_stops else None
    total_percentage = 100.0
    if last is not None and last.offset is not None and last.offset.unit == "%" and repeating:
        total_percentage = last.offset.number

    def resolve(position: Offset) -> float:
        if position.unit == "%":
            return js_div(position.number, total_percentage)
        px = ps.length(position.css, total_length)
        return js_div(px if px is not None else math.nan, total_length)

    stops: list[Stop] = []
    for given in color_stops:
        hint = resolve(given.hint) if given.hint is not None else None
        if not stops:
            # The first stop, made to start at 0.
            stops.append(Stop(given.color, 0.0, hint))
            if given.offset is None or given.offset.text == "0":
                continue
        stops.append(Stop(given.color, resolve(given.offset) if given.offset is not None else None, hint))
    if not stops:
        stops.append(Stop("transparent", 0.0))
    tail = stops[-1]
    if tail.offset != 1:
        if tail.offset is None:
            tail.offset = 1.0
        elif repeating:
            stops[-1] = Stop(tail.color, 1.0)
        else:
            stops.append(Stop(tail.color, 1.0))

    previous, following = 0, 1
    for i, stop in enumerate(stops):
        if stop.offset is not None:
            previous = i
            continue
        following = max(following, i)
        while stops[following].offset is None:
            following += 1
        start, end = stops[previous].offset, stops[following].offset
        assert start is not None and end is not None
        stop.offset = (end - start) / (following - previous) * (i - previous) + start

    result = _interpolate_stops(stops, method, ps.color)
    if mask:
        # Masks use luminance: white with the stop's alpha.
        for stop in result:
            color = space_color(stop.color, None)
            if color is not None:
                stop.color = f"rgba(255, 255, 255, {_js_alpha(to_rgba_tuple(color)[3])})"
    return result


def _js_alpha(alpha: float) -> str:
    return str(int(alpha)) if alpha.is_integer() else repr(alpha)
