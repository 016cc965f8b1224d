"""Gradient images parsed at style time into typed gradients.

Mirrors ``css-gradient-parser`` 0.0.17, the small parser the reference
(Satori 0.63.2) uses for ``linear-``/``radial-``/``conic-gradient()`` text,
and the syntax half of ``builder/gradient/*.ts``; the painter
(paint/gradient.py, paint/conic.py, paint/gradient_stops.py) resolves the
:class:`~.types.LinearGradient`, :class:`~.types.RadialGradient` and
:class:`~.types.ConicGradient` this makes in the image's box. The parser's
quirks are kept, because they decide the picture:

* Arguments are split at top-level commas, a stop at single whitespace
  characters; positions must look like ``-?\\d+\\.?\\d*`` with an optional
  unit (``.5`` and ``+5`` are not positions); an interpolation hint belongs
  to the stop *before* it.
* A radial first argument that does not mention ``circle``/``ellipse``/``at``
  and starts with letters is read as a colour stop; a size keyword alone is
  given the ``ellipse`` shape.
* Two-position stops are expanded to two stops; math functions in positions
  become placeholder lengths (``1000000000px``...) resolved against the
  gradient's length when painted; ``in <space> [<hue> hue]`` is taken out
  of the first argument.
* A gradient without arguments is an error (the reference fails with a
  TypeError, we with the parser's sentence), and so is a negative radial
  size; a stop colour that is not a colour is noted and written as it is, and
  so is a stop position the parser does not read (``10foo``, ``+5px``,
  ``1e3px``, a math function that does not parse).

Stops are resolved here as far as the gradient's size allows: each colour in
its own space and as SVG text (against the element's ``color``), each position
that is a length in px; the painter only places them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..cache import BoundedCache
from ..colorspaces import to_rgba_tuple
from ..errors import StyleError
from ..limits import active as active_budget
from ..patterns import lazy_compile
from . import valueparser as vp
from .calc import parse_math
from .colors import is_color, parse_interpolation_method, parse_space_color
from .expand import convert_colors
from .background import layer_fields
from .types import (
    MATH_POSITION,
    RGBA,
    BackgroundLayer,
    ColorStop,
    ConicGradient,
    LengthToken,
    Gradient,
    LinearGradient,
    MathLength,
    Method,
    Offset,
    RadialGradient,
    StopColor,
)
from .values import (
    MATH_FUNCTION,
    LengthContext,
    calc_degree,
    length_to_number,
    length_token,
    split_top_level,
    unit_to_px,
)

__all__ = [
    "NEGATIVE_SIZE",
    "direction_points",
    "expand_color_stops",
    "extract_interpolation_method",
    "is_gradient",
    "parse_background_images",
    "parse_gradient",
    "parse_offset",
    "parse_stops",
    "split_commas",
    "stop_color",
]

Note = Callable[[StyleError], None]

NEGATIVE_SIZE = ("disallow setting negative values to the size of the shape. "
                 "Check https://w3c.github.io/csswg-drafts/css-images/#valdef-rg-size-length-0")
_GRADIENT = lazy_compile(r"^(repeating-)?(linear|radial|conic)-gradient\(")
_EXTENTS = ("closest-corner", "closest-side", "farthest-corner", "farthest-side")
# The keywords of a conic gradient's centre (case-sensitive, as the reference reads them).
_CENTER_KEYWORDS = ("left", "right", "top", "bottom", "center")
# css-gradient-parser's position: note no leading "." or "+", and "px" by default.
_PARSER_POSITION = lazy_compile(r"(-?\d+\.?\d*)(%|vw|vh|px|em|rem|deg|rad|grad|turn|ch|vmin|vmax)?")
# utils.ts's POSITION, for the two positions of a stop.
_STOP_POSITION = lazy_compile(r"[+-]?(\d+(?:\.\d*)?|\.\d+)(px|em|rem|vw|vh|%|deg|turn|rad|grad)?", re.IGNORECASE)


def is_gradient(image: str) -> bool:
    """Whether a layer is a gradient function (as the reference tests it, untrimmed)."""
    return _GRADIENT.match(image) is not None


# --- css-gradient-parser -------------------------------------------------------------

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


def _is_position(text: str | None) -> bool:
    return text is not None and _PARSER_POSITION.fullmatch(text) is not None


def _with_px(offset: Offset | None, font_size: float, lengths: LengthContext) -> Offset | None:
    """``offset`` with its px (``lengthToNumber``) when it is not a percentage."""
    if offset is None or offset.text is None or offset.unit == "%":
        return offset
    return Offset(offset.text, offset.unit, length_to_number(offset.css, font_size, lengths))


def stop_color(text: str, current: RGBA | None) -> StopColor:
    """A stop colour as the painter uses it (:class:`StopColor`), ``current`` being
    what ``currentColor`` means."""
    svg = convert_colors(text, current)
    masked = parse_space_color(svg, None)
    return StopColor(svg, parse_space_color(text, current),
                     to_rgba_tuple(masked)[3] if masked is not None else None)


_NO_VIEWPORT = LengthContext()


def parse_stops(parts: Sequence[str], note: Note, font_size: float = 16.0,
                lengths: LengthContext = _NO_VIEWPORT, current: RGBA | None = None) -> list[ColorStop]:
    """Stops of the arguments after the first, a hint joined to the stop before it;
    colours resolved against ``current``, positions in ``font_size`` and ``lengths``."""

    def position(text: str | None) -> Offset | None:
        offset = parse_offset(text)
        if offset is not None and offset.text is None:  # drawn as the reference draws NaN
            note(StyleError(f'Unsupported position "{text}" in a gradient.', value=text))
        return _with_px(offset, font_size, lengths)

    stops: list[ColorStop] = []
    i = 0
    while i < len(parts):
        words = split_spaces(parts[i])
        color, offset = words[0], position(words[1] if len(words) > 1 else None)
        if not is_color(color):  # written as it is into the SVG, as the reference does
            note(StyleError(f'Invalid color "{color}" in a gradient.', value=color))
        paint = stop_color(color, current)
        if i + 1 < len(parts) and _is_position(parts[i + 1]):
            stops.append(ColorStop(color, paint, offset, position(parts[i + 1])))
            i += 2
        else:
            stops.append(ColorStop(color, paint, offset))
            i += 1
    return stops


def _function_arguments(text: str, name: str) -> tuple[bool, str]:
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


# What expand_color_stops may change: a math function (its name and `(`), two numbers apart by
# whitespace only (a stop's two positions, `red 10% 20%`: a number's last character, a digit,
# its `.` or its unit's letters, then whitespace, then a digit, or a sign or `.` and a digit),
# or a comment (which may stand between them). A gradient without any is known unchanged
# without parsing it (most are).
_MAY_EXPAND = lazy_compile(r"(?:calc|min|max|clamp)\(|/\*|\d\.?[a-z%]*\s+[+-]?\.?\d", re.IGNORECASE)


def expand_color_stops(gradient: str, math_functions: list[str] | None = None) -> str:
    """``red 0 50%`` as ``red 0, red 50%``; math functions in positions replaced by
    placeholder lengths (collected in ``math_functions``), as the parser drops them."""
    if not _MAY_EXPAND.search(gradient):
        return gradient
    return expand_parsed_stops(gradient, math_functions)


def expand_parsed_stops(gradient: str, math_functions: list[str] | None = None) -> str:
    """:func:`expand_color_stops` the long way: ``gradient`` parsed."""
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
                    tokens[i] = f"{MATH_POSITION + len(math_functions)}px"
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


# --- the three gradients ------------------------------------------------------------------

def direction_points(direction: str) -> tuple[float, float, float, float]:
    """(x1, y1, x2, y2) in the unit box of ``to <side or corner>``."""
    x1 = y1 = x2 = y2 = 0.0
    if "top" in direction:
        y1 = 1.0
    elif "bottom" in direction:
        y2 = 1.0
    if "left" in direction:
        x1 = 1.0
    elif "right" in direction:
        x2 = 1.0
    if not (x1 or x2 or y1 or y2):
        y1 = 1.0
    return x1, y1, x2, y2


class _Context:
    """The element's font size, lengths and colour, for the stops."""

    def __init__(self, font_size: float, lengths: LengthContext, current: RGBA | None, note: Note) -> None:
        self.font_size, self.lengths, self.current, self.note = font_size, lengths, current, note

    def length(self, word: str) -> LengthToken:
        return length_token(word, self.font_size, self.lengths)

    def offset(self, text: str | None) -> Offset | None:
        """A position word, with its px when it is a length (:class:`~.types.Offset`)."""
        return _with_px(parse_offset(text), self.font_size, self.lengths)

    def stops(self, parts: Sequence[str]) -> tuple[ColorStop, ...]:
        return tuple(parse_stops(parts, self.note, self.font_size, self.lengths, self.current))

    def math(self, functions: Sequence[str]) -> tuple[MathLength | None, ...]:
        def unit(number: float, name: str) -> float | None:
            return unit_to_px(number, name, self.font_size, self.lengths)

        parsed = tuple(parse_math(text, unit) for text in functions)
        for text, value in zip(functions, parsed):
            if value is None:  # left out, like an omitted position
                self.note(StyleError(f'Invalid position "{text}" in a gradient.', value=text))
        return parsed


def _linear(image: str, ctx: _Context) -> LinearGradient:
    gradient, method = extract_interpolation_method(image)
    math_functions: list[str] = []
    repeating, inner = _function_arguments(expand_color_stops(gradient, math_functions), "linear-gradient")
    parts = split_commas(inner)
    first = parts[0]
    points: tuple[float, float, float, float] | None = (0.0, 0.0, 0.0, 1.0)  # to bottom
    degrees = 0.0
    if first.startswith("to "):
        points = direction_points(first.replace("to ", "", 1))
        parts = parts[1:]
    elif first.endswith(("turn", "deg", "grad", "rad")):
        angle = parse_offset(first)
        parsed = calc_degree(angle.css) if angle is not None else None
        points, degrees = None, parsed if parsed is not None else math.nan
        parts = parts[1:]
    return LinearGradient(repeating, method, points, degrees, ctx.stops(parts),
                          ctx.math(math_functions))


def _with_default_shape(gradient: str) -> str:
    # A size keyword alone would be read as a colour by the parser.
    return re.sub(r"^((?:repeating-)?radial-gradient\(\s*)((?:closest|farthest)-(?:side|corner)\s*,)",
                  r"\1ellipse \2", gradient, count=1)


def _reads_as_stop(first: str) -> bool:
    if re.search(r"circle|ellipse|at", first):
        return False
    return re.match(r"(rgba?|hwb|hsl|lab|lch|oklab|color|#|[a-zA-Z]+)", first) is not None


def _radial(image: str, ctx: _Context) -> RadialGradient:
    math_functions: list[str] = []
    gradient, method = extract_interpolation_method(image)
    repeating, inner = _function_arguments(
        _with_default_shape(expand_color_stops(gradient, math_functions)), "radial-gradient")
    parts = split_commas(inner)
    shape, sizes, position = "ellipse", ["farthest-corner"], ["center", "center"]
    if not _reads_as_stop(parts[0]):
        halves = [half.strip() for half in parts[0].split("at")]
        named = re.search(r"circle|ellipse", halves[0])
        sizes = [m.group(0) for m in re.finditer(
            r"-?\d+\.?\d*(?:vw|vh|px|em|rem|%|rad|grad|turn|deg)?|closest-corner|closest-side"
            r"|farthest-corner|farthest-side", halves[0])]
        if named:
            shape = named.group(0)
        elif len(sizes) == 1 and sizes[0] not in _EXTENTS:
            shape = "circle"
        sizes = sizes or ["farthest-corner"]
        words = (halves[1] if len(halves) > 1 else "").split(" ")
        position = [words[i] if i < len(words) and words[i] else "center" for i in (0, 1)]
        parts = parts[1:]
    stops = ctx.stops(parts)
    if not any(s in _EXTENTS for s in sizes) and any(s.startswith("-") for s in sizes):
        raise StyleError(NEGATIVE_SIZE, prop="backgroundImage")
    return RadialGradient(repeating, method, shape, tuple(s if s in _EXTENTS else ctx.length(s) for s in sizes),
                          (position[0], position[1]), (ctx.offset(position[0]), ctx.offset(position[1])), stops,
                          ctx.math(math_functions))


def _conic(image: str, ctx: _Context) -> ConicGradient:
    gradient, method = extract_interpolation_method(image)
    repeating, inner = _function_arguments(expand_color_stops(gradient), "conic-gradient")
    parts = [part.strip() for part in split_commas(inner)]
    words = split_spaces(parts[0])
    found = {"from": "0deg", "at": "center"}
    keyword, start = "", 0
    for i, word in enumerate(words):
        if word in ("from", "in", "at"):
            if i > 0 and keyword in found:
                found[keyword] = " ".join(words[start:i])
            keyword, start = word, i + 1
    if keyword:
        if keyword in found:
            found[keyword] = " ".join(words[start:])
        parts = parts[1:]
    center = tuple(word if word in _CENTER_KEYWORDS else ctx.length(word) for word in found["at"].strip().split())
    return ConicGradient(repeating, method, calc_degree(found["from"]) or 0.0, center, ctx.stops(parts))


# Parsed gradients per (text, font size, lengths, current colour), with the notes of their
# stops (given again on a hit). Cards repeat a gradient over many boxes (a chart's
# bars, a row of panels), each of whose styles has it; long texts are not kept.
_PARSED: BoundedCache[tuple[Gradient, tuple[tuple[str, Any], ...]]] = BoundedCache(512)
_MAX_CACHED_IMAGE = 2000


def parse_gradient(image: str, font_size: float, lengths: LengthContext, note: Note,
                   current: RGBA | None = None, prop: str = "backgroundImage") -> Gradient:
    """A gradient image (:func:`is_gradient`) of property ``prop``, its stops resolved against
    ``current`` (what ``currentColor`` means); raises StyleError with the reference's sentence,
    notes stop colours that are not colours and positions that are not read."""
    key = (image, font_size, lengths, current)
    parsed = _PARSED.get(key)
    if parsed is None:
        _check_stop_count(image, prop)
        notes: list[StyleError] = []
        ctx = _Context(font_size, lengths, current, notes.append)
        gradient = _conic(image, ctx) if re.match(r"^(repeating-)?conic-gradient\(", image) else \
            _linear(image, ctx) if "linear-gradient(" in image else _radial(image, ctx)
        parsed = gradient, tuple((n.message, n.value) for n in notes)
        if len(image) <= _MAX_CACHED_IMAGE:
            _PARSED.put(key, parsed)
    for message, value in parsed[1]:
        note(StyleError(message, value=value))
    return parsed[0]


def _check_stop_count(image: str, prop: str) -> None:
    """Refuse a gradient of more arguments than ``max_gradient_stops`` before they are parsed.
    Its commas bound them (C speed); only past the limit are commas inside colour functions
    told apart."""
    budget = active_budget()
    if image.count(",") >= budget.limits.max_gradient_stops:
        budget.check_gradient_stops(len(split_commas(image[image.find("(") + 1:])), prop)


def parse_background_images(layers: tuple[BackgroundLayer, ...], font_size: float, lengths: LengthContext,
                            note: Note, current: RGBA | None = None) -> tuple[BackgroundLayer, ...]:
    """The layers with their gradients parsed; raises StyleError on an image that is
    neither a gradient, a ``url()``, ``none`` nor a colour (which the reference
    allows), or on an invalid gradient. The last layer is read first, as painted."""
    images: dict[int, str | Gradient] = {}
    for index in reversed(range(len(layers))):
        image = layers[index].image
        if not isinstance(image, str) or image.strip() == "none" or image.startswith("url("):
            continue
        if is_gradient(image):
            images[index] = parse_gradient(image, font_size, lengths, note, current)
        elif not is_color(image):
            raise StyleError(f'Invalid background image: "{image}"', prop="backgroundImage", value=image)
    return tuple(_typed_layer(layer, images.get(i, layer.image),
                              layer_fields(layer, font_size, lengths, note, "background"))
                 for i, layer in enumerate(layers))


def _typed_layer(layer: BackgroundLayer, image: str | Gradient, fields: dict[str, Any]) -> BackgroundLayer:
    """``layer`` with its image and the fields :func:`layer_fields` read (made at once: a
    ``replace`` looks up and checks every field by name)."""
    return BackgroundLayer(image=image, position=fields["position"], size=fields["size"],
                           repeat=fields["repeat"], origin=layer.origin, clip=layer.clip,
                           attachment=layer.attachment, blend_mode=layer.blend_mode)
