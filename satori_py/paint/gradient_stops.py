"""Colour stops: what every gradient builder shares.

Mirrors the stop half of ``builder/gradient/utils.ts`` of Satori 0.63.2 (the
syntax is parsed, and the stops' colours and lengths resolved, at style time:
:mod:`satori_py.style.gradients`): ``calc()`` positions resolved against the
gradient's length, the stop fix-up of ``normalizeStops`` (which is not CSS's:
no monotonic clamp) and the extra stops that approximate interpolation SVG
cannot do (other colour spaces, hints, and changes of alpha, which SVG does
not premultiply).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..colorspaces import SpaceColor, interpolate, to_rgba_tuple
from ..js_format import js_round, serialize_color
from ..js_numbers import js_div
from ..length_range import top_level
from ..style.types import (
    MATH_POSITION,
    RGBA,
    TRANSPARENT_STOP,
    ColorStop,
    MathLength,
    Method,
    Offset,
    StopColor,
)

__all__ = [
    "Stop",
    "apply_hint",
    "normalize_stops",
    "resolve_math_positions",
]

RGBATuple = tuple[float, float, float, float]

_SRGB: Method = ("srgb", "shorter")


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
        return Offset(repr(value), "px", top_level(value))

    return [stop.replace(offset=resolve(stop.offset), hint=resolve(stop.hint)) for stop in stops]


def apply_hint(t: float, hint: float) -> float:
    """Moves the middle of the transition between two colours to ``hint``."""
    if hint <= 0:
        return 1.0
    if hint >= 1:
        return 0.0
    return float(t ** (math.log(0.5) / math.log(hint)))


@dataclass(slots=True)
class Stop:
    """A resolved stop: offset as a fraction of the gradient, colour as SVG text (and
    as the style stage resolved it, for interpolation and masks)."""

    color: str
    offset: float | None = None
    hint: float | None = None
    paint: StopColor | None = None


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


def _interpolate_stops(stops: list[Stop], method: Method | None) -> list[Stop]:
    result: list[Stop] = []
    for i, a in enumerate(stops):
        assert a.paint is not None
        result.append(Stop(a.paint.text, a.offset, paint=a.paint))
        if i + 1 == len(stops):
            break
        b = stops[i + 1]
        assert b.paint is not None
        start, end = a.offset if a.offset is not None else math.nan, b.offset if b.offset is not None else math.nan
        length = end - start
        if not length > 0:
            continue
        color_a, color_b = a.paint.space, b.paint.space
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
            text = serialize_color(RGBA(*color))
            result.append(Stop(text, s + n * t, paint=StopColor(text, None, _serialized_alpha(color[3]))))

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


def normalize_stops(total_length: float, color_stops: Sequence[ColorStop], repeating: bool, mask: bool = False, method: Method | None = None) -> list[Stop]:
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
        return js_div(position.px if position.px is not None else math.nan, total_length)

    stops: list[Stop] = []
    for given in color_stops:
        hint = resolve(given.hint) if given.hint is not None else None
        if not stops:
            # The first stop, made to start at 0.
            stops.append(Stop(given.color, 0.0, hint, given.paint))
            if given.offset is None or given.offset.text == "0":
                continue
        stops.append(Stop(given.color, resolve(given.offset) if given.offset is not None else None, hint,
                          given.paint))
    if not stops:
        stops.append(Stop("transparent", 0.0, paint=TRANSPARENT_STOP))
    tail = stops[-1]
    if tail.offset != 1:
        if tail.offset is None:
            tail.offset = 1.0
        elif repeating:
            stops[-1] = Stop(tail.color, 1.0, paint=tail.paint)
        else:
            stops.append(Stop(tail.color, 1.0, paint=tail.paint))

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

    result = _interpolate_stops(stops, method)
    if mask:
        # Masks use luminance: white with the stop's alpha.
        for stop in result:
            alpha = stop.paint.mask_alpha if stop.paint is not None else None
            if alpha is not None:
                stop.color = f"rgba(255, 255, 255, {_js_alpha(alpha)})"
    return result


def _serialized_alpha(alpha: float) -> float:
    """The alpha of a colour as :func:`serialize_color` writes it, read back."""
    return 1.0 if alpha == 1 else min(1.0, max(0.0, js_round(alpha * 1000) / 1000))


def _js_alpha(alpha: float) -> str:
    return str(int(alpha)) if alpha.is_integer() else repr(alpha)
