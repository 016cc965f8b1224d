"""Gradient syntax and colour stops: what every gradient builder shares.

Mirrors two parts of the reference (Satori 0.63.2):

* ``css-gradient-parser`` 0.0.17, the small parser the reference uses for
  ``linear-``/``radial-``/``conic-gradient()`` text. Its quirks are kept,
  because they decide the picture: arguments are split at top-level commas,
  a stop is split at single whitespace characters, positions must look like
  ``-?\\d+\\.?\\d*`` with an optional unit (``.5`` and ``+5`` are not
  positions), an interpolation hint belongs to the stop *before* it, and a
  radial first argument that does not mention ``circle``/``ellipse``/``at``
  and starts with letters is read as a colour stop.
* ``builder/gradient/utils.ts``: two-position stops expanded to two stops,
  ``calc()`` positions, the ``in <space>`` interpolation method, the stop
  fix-up of ``normalizeStops`` (which is not CSS's: no monotonic clamp) and
  the extra stops that approximate interpolation SVG cannot do (other colour
  spaces, hints, and changes of alpha, which SVG does not premultiply).

The :class:`PaintStyle` here carries what lengths and colours are resolved
against (the element's font size, viewport and ``color``).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import tinycss2

from ..diagnostics import report
from ..errors import StyleError
from ..style import valueparser as vp
from ..style.calc import parse_math
from ..style.colors import (
    _parse_node,
    is_color,
    parse_interpolation_method,
    serialize_color,
)
from ..style.colorspaces import SpaceColor, interpolate, to_rgba_tuple
from ..style.expand import convert_colors
from ..style.types import RGBA, LineHeight
from ..style.values import MATH_FUNCTION, LengthContext, length_to_number, split_top_level, unit_to_px

__all__ = [
    "ColorStop",
    "Method",
    "Offset",
    "PaintStyle",
    "Stop",
    "apply_hint",
    "expand_color_stops",
    "extract_interpolation_method",
    "js_div",
    "normalize_stops",
    "parse_stops",
    "resolve_math_positions",
    "space_color",
]

# (space, hue method) of ``in <space> [<hue> hue]``.
Method = tuple[str, str]
RGBATuple = tuple[float, float, float, float]

_SRGB: Method = ("srgb", "shorter")
# css-gradient-parser's position: note no leading "." or "+", and "px" by default.
_PARSER_POSITION = re.compile(r"(-?\d+\.?\d*)(%|vw|vh|px|em|rem|deg|rad|grad|turn|ch|vmin|vmax)?")
# utils.ts's POSITION, for the two positions of a stop.
_STOP_POSITION = re.compile(r"[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|%|deg|turn|rad|grad)?", re.IGNORECASE)
# Placeholder lengths of math functions in positions start here (MATH_POSITION).
_MATH_POSITION = 1_000_000_000


def js_div(a: float, b: float) -> float:
    """JavaScript division: by zero gives +-Infinity or NaN instead of raising."""
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


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
        viewport = style.get("_viewport") or (0.0, 0.0)
        line_height = style.get("lineHeight")
        ctx = LengthContext(float(viewport[0] or 0.0), float(viewport[1] or 0.0),
                            float(style.get("_chRatio") or 0.5),
                            line_height.value if isinstance(line_height, LineHeight)
                            and line_height.kind == "multiplier" else None)
        color = style.get("color")
        return cls(float(style.get("fontSize") or 16.0), ctx, color if isinstance(color, RGBA) else None)

    def length(self, text: str, basis: float) -> float | None:
        """``lengthToNumber(text, fontSize, basis, style, true)``: px, or None."""
        return length_to_number(text, self.font_size, self.lengths, basis=basis)

    def unit(self, number: float, unit: str) -> float | None:
        """A number with a unit in px, for math functions (percentages stay theirs)."""
        return unit_to_px(number, unit, self.font_size, self.lengths)


# --- css-gradient-parser -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Offset:
    """A stop position as the parser leaves it: the number's text (None when it
    did not match) and its unit (``px`` when none was written)."""

    text: str | None
    unit: str

    @property
    def number(self) -> float:
        return float(self.text) if self.text is not None else math.nan

    @property
    def css(self) -> str:
        """``${value}${unit}``: what the reference hands to ``lengthToNumber``."""
        return f"{'undefined' if self.text is None else self.text}{self.unit}"


@dataclass(frozen=True, slots=True)
class ColorStop:
    color: str
    offset: Offset | None = None
    hint: Offset | None = None


def split_commas(text: str) -> list[str]:
    return split_top_level(text, ",")


def split_spaces(text: str) -> list[str]:
    # One part per whitespace character, so "red  10%" has an empty middle part.
    return split_top_level(text, str.isspace)


def parse_offset(text: str | None) -> Offset | None:
    if not text:
        return None
    match = _PARSER_POSITION.fullmatch(text.strip())
    if match is None:
        return Offset(None, "px")
    return Offset(match.group(1), match.group(2) or "px")


def is_position(text: str | None) -> bool:
    return text is not None and _PARSER_POSITION.fullmatch(text) is not None


def parse_stops(parts: Sequence[str]) -> list[ColorStop]:
    """Stops of the arguments after the first, a hint joined to the stop before it."""
    stops: list[ColorStop] = []
    i = 0
    while i < len(parts):
        words = split_spaces(parts[i])
        color, offset = words[0], parse_offset(words[1] if len(words) > 1 else None)
        if not is_color(color):  # written as it is into the SVG, as the reference does
            report(StyleError(f'Invalid color "{color}" in a gradient.', value=color))
        if i + 1 < len(parts) and is_position(parts[i + 1]):
            stops.append(ColorStop(color, offset, parse_offset(parts[i + 1])))
            i += 2
        else:
            stops.append(ColorStop(color, offset))
            i += 1
    return stops


def function_arguments(text: str, name: str) -> tuple[bool, str]:
    """(repeating, the text between the parentheses) of a gradient function.

    Like the parser, the first match of ``name(`` up to the last ``)``; without
    arguments the parser fails (the reference with a TypeError), we with its
    own sentence.
    """
    match = re.search(rf"(repeating-)?{name}\((.+)\)", text)
    if match is None:
        raise StyleError(f"could not find syntax for this item: {text}", prop="backgroundImage", value=text)
    return match.group(1) is not None, match.group(2)


# --- builder/gradient/utils.ts ----------------------------------------------------------

def _arguments(fn: vp.Node) -> list[list[str]]:
    args: list[list[str]] = [[]]
    for node in fn.nodes:
        if node.type == "div" and node.value == ",":
            args.append([])
        elif node.type not in ("space", "comment"):
            args[-1].append(vp.stringify(node))
    return args


def expand_color_stops(gradient: str, math_functions: list[str] | None = None) -> str:
    """``red 0 50%`` as ``red 0, red 50%``; math functions in positions replaced by
    placeholder lengths (collected in ``math_functions``, see
    :func:`resolve_math_positions`), as the parser drops them."""
    nodes = vp.parse(gradient)
    if not nodes or nodes[0].type != "function":
        return gradient
    fn = nodes[0]
    args = _arguments(fn)
    changed = False
    if math_functions is not None:
        for index, tokens in enumerate(args):
            # The first argument can be the direction or shape instead.
            if index == 0 and not is_color(tokens[0] if tokens else ""):
                continue
            for i, token in enumerate(tokens):
                if MATH_FUNCTION.match(token):
                    tokens[i] = f"{_MATH_POSITION + len(math_functions)}px"
                    math_functions.append(token)
                    changed = True
    expanded = []
    for tokens in args:
        if (len(tokens) == 3 and is_color(tokens[0]) and _STOP_POSITION.fullmatch(tokens[1])
                and _STOP_POSITION.fullmatch(tokens[2])):
            changed = True
            expanded.append(f"{tokens[0]} {tokens[1]}, {tokens[0]} {tokens[2]}")
        else:
            expanded.append(" ".join(tokens))
    return f"{fn.value}({', '.join(expanded)})" if changed else gradient


def extract_interpolation_method(gradient: str) -> tuple[str, Method | None]:
    """The gradient without ``in <space> [<hue> hue]`` (which the parser does not
    know) in its first argument, and that method."""
    if not re.search(r"\bin\b", gradient, re.IGNORECASE):
        return gradient, None
    nodes = vp.parse(gradient)
    if not nodes or nodes[0].type != "function":
        return gradient, None
    fn = nodes[0]
    comma = next((i for i, n in enumerate(fn.nodes) if n.type == "div" and n.value == ","), -1)
    if comma == -1:
        return gradient, None
    first = [vp.stringify(n) for n in vp.significant(fn.nodes[:comma])]
    index = next((i for i, word in enumerate(first) if word.lower() == "in"), -1)
    if index == -1:
        return gradient, None
    count = 4
    method = parse_interpolation_method(first[index:index + count])
    if method is None:
        count = 2
        method = parse_interpolation_method(first[index:index + count])
    if method is None:
        return gradient, None
    del first[index:index + count]
    stops = vp.stringify(fn.nodes[comma + 1:]).strip()
    return f"{fn.value}({' '.join(first) + ', ' if first else ''}{stops})", method


def resolve_math_positions(stops: list[ColorStop], math_functions: Sequence[str], length: float,
                           ps: PaintStyle) -> list[ColorStop]:
    """The placeholders of :func:`expand_color_stops` as px, with percentages of
    ``length``; an invalid expression is left out, like an omitted position."""
    if not math_functions:
        return stops

    def resolve(position: Offset | None) -> Offset | None:
        if position is None or position.unit != "px" or position.text is None:
            return position
        index = float(position.text) - _MATH_POSITION
        if not (index.is_integer() and 0 <= index < len(math_functions)):
            return position
        parsed = parse_math(math_functions[int(index)], ps.unit)
        value = parsed.evaluate(length) if parsed is not None else None
        if value is None or not math.isfinite(value):
            return None
        return Offset(repr(value), "px")

    return [replace(stop, offset=resolve(stop.offset), hint=resolve(stop.hint)) for stop in stops]


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
