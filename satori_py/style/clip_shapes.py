"""``clipPath`` and ``overflowClipMargin`` parsed at style time into typed shapes.

Mirrors the reference's ``parser/shape.ts`` and ``parser/shape-function.ts``;
the painter (paint/clip.py) resolves the shape in the element's box. Kept
from the reference:

* Shapes are tried in the order circle, ellipse, path, polygon, inset, shape,
  each found anywhere in the value; a value none of them reads clips nothing
  (:class:`~.paint_types.ClipReference`, reported). Geometry boxes
  (``border-box``, ``padding-box`` ...) are not read: shapes are in the
  border box.
* ``circle()``/``ellipse()`` positions are one or two words after ``at``; a
  keyword sets its axis (``center`` both).
* ``polygon()`` points are split at commas then single spaces (so a point
  after ", " has an empty first word and its x against the height).
* ``inset()`` takes margin-like offsets and ``round`` border-radius-like
  radii (css-to-react-native's, whose errors are the reference's).
* A length of a basic shape that does not parse leaves its attribute out of
  the shape (``circle(bogus)`` is a circle without a radius, which clips
  everything away): reported, the picture kept.
* ``shape()`` errors are the reference's sentences.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from ..errors import StyleError
from .c2rn import get_styles_for_property
from .convert import shown
from .paint_types import (
    BoxLength,
    CircleShape,
    ClipMargin,
    ClipReference,
    ClipShape,
    EllipseShape,
    InsetShape,
    OfBox,
    PathShape,
    PolygonShape,
    ShapeArc,
    ShapeCommand,
    ShapeControl,
    ShapeCurve,
    ShapeFunction,
    ShapeLine,
    ShapePoint,
)
from .types import Percent
from .values import DIMENSION, LengthContext, calc_degree, length_to_number, split_top_level

__all__ = ["parse_clip_margin", "parse_clip_path"]

Note = Callable[[StyleError], None]

_FUNCTIONS = ("circle", "ellipse", "path", "polygon", "inset", "shape")
_PATTERNS = {name: re.compile(name + r"\((.+)\)", re.DOTALL) for name in _FUNCTIONS}
_H_KEYWORDS = {"left": 0.0, "x-start": 0.0, "center": 0.5, "right": 1.0, "x-end": 1.0}
_V_KEYWORDS = {"top": 0.0, "y-start": 0.0, "center": 0.5, "bottom": 1.0, "y-end": 1.0}
_ARC_OPTIONS = ("of", "cw", "ccw", "large", "small", "rotate")
_BOXES = ("content-box", "padding-box", "border-box")
_RADIUS_KEYWORDS = ("closest-side", "farthest-side", "closest-corner", "farthest-corner")


class _Lengths:
    """Lengths of the element (its font size, the viewport, ``ch`` and ``lh``) as
    px, or percentages left for the box; loose ones are noted."""

    def __init__(self, font_size: float, lengths: LengthContext, note: Note) -> None:
        self.font_size, self.lengths, self.note = font_size, lengths, note

    def length(self, text: str) -> float | Percent | None:
        match = DIMENSION.match(text.strip())
        if match and match.group(2) == "%":
            return Percent(float(match.group(1)))
        return length_to_number(text, self.font_size, self.lengths)

    def loose(self, text: str, function: str) -> float | Percent | None:
        """A basic shape's length: None (the attribute left out) when it does not parse."""
        value = self.length(text)
        if value is None:
            what = (f"A radius is required in `{function}()`" if not text.strip() else
                    f'Unsupported radius "{text}" in `{function}()`' if text.strip() in _RADIUS_KEYWORDS else
                    f'Invalid length "{shown(text)}" in `{function}()`')
            self.note(StyleError(f'{what} for CSS property "clipPath": the shape is drawn without it.',
                                 prop="clipPath", value=text))
        return value

    def strict(self, text: str) -> float | Percent:
        """A length of ``shape()``, where one that does not parse is an error."""
        value = self.length(text)
        if value is None:
            raise StyleError(f"Invalid length `{text}` in `shape()`.", prop="clipPath")
        return value


# -- basic shapes (shape.ts) ------------------------------------------------------------------

def _at_position(position: str, lengths: _Lengths, function: str) -> tuple[BoxLength | None, BoxLength | None]:
    words = position.split(" ")
    x: str | BoxLength = words[0] or "50%"
    y: str | BoxLength = words[1] if len(words) > 1 and words[1] else "50%"
    for word in words:
        if word == "top":
            y = 0.0
        elif word == "bottom":
            y = OfBox(1.0)
        elif word == "left":
            x = 0.0
        elif word == "right":
            x = OfBox(1.0)
        elif word == "center":
            x, y = OfBox(0.5), OfBox(0.5)
    return (lengths.loose(x, function) if isinstance(x, str) else x,
            lengths.loose(y, function) if isinstance(y, str) else y)


def _split_at(value: str) -> tuple[str, str]:
    parts = [part.strip() for part in value.split("at")]
    return parts[0], parts[1] if len(parts) > 1 else ""


def _circle(args: str, lengths: _Lengths) -> CircleShape:
    radius, position = _split_at(args)
    return CircleShape(lengths.loose(radius, "circle"), *_at_position(position, lengths, "circle"))


def _ellipse(args: str, lengths: _Lengths) -> EllipseShape:
    radius, position = _split_at(args)
    radii = radius.split(" ")
    return EllipseShape(lengths.loose(radii[0] or "50%", "ellipse"),
                        lengths.loose(radii[1] if len(radii) > 1 and radii[1] else "50%", "ellipse"),
                        *_at_position(position, lengths, "ellipse"))


def _fill_rule(args: str) -> tuple[str, str]:
    match = re.match(r"^(nonzero|evenodd)?,?(.+)", re.sub(r"['\"]", "", args), re.DOTALL)
    if not match:
        return "nonzero", ""
    return match.group(1) or "nonzero", match.group(2)


def _polygon(args: str, lengths: _Lengths) -> PolygonShape:
    rule, points = _fill_rule(args)
    return PolygonShape(rule, tuple(
        tuple(lengths.loose(word, "polygon") if word else None for word in point.split(" "))
        for point in points.split(",")))


def _css_length(value: Any, lengths: _Lengths) -> float | Percent:
    """A value of css-to-react-native's margin or border radius: its numbers are px,
    other lengths that do not parse are 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    parsed = lengths.length(str(value))
    return parsed if isinstance(parsed, Percent) else parsed or 0.0


def _inset(args: str, lengths: _Lengths) -> InsetShape:
    text = args if "round" in args else f"{args.strip()} round 0"
    inset, radius = (text.split("round") + [""])[:2]

    def warn(_message: str) -> None:
        pass

    radii = get_styles_for_property("borderRadius", radius, warn)
    top, right, bottom, left = (_css_length(v, lengths)
                                for v in get_styles_for_property("margin", inset, warn).values())
    return InsetShape((top, right, bottom, left), tuple((k, _css_length(v, lengths)) for k, v in radii.items()))


# -- shape() (shape-function.ts) ---------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"\s+", text.strip().replace("/", " / ")) if t]


def _is_keyword(word: str) -> bool:
    return word in _H_KEYWORDS or word in _V_KEYWORDS


def _position(tokens: list[str], lengths: _Lengths, control: bool = False) -> ShapePoint:
    invalid = StyleError("Invalid position in `shape()`.", prop="clipPath")
    if not tokens or len(tokens) > 4:
        raise invalid
    x: BoxLength | None = None
    y: BoxLength | None = None
    x_from_end = y_from_end = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ("left", "right", "x-start", "x-end"):
            if following and not _is_keyword(following):
                x, x_from_end = lengths.strict(following), token in ("right", "x-end")
                i += 1
            else:
                x = OfBox(_H_KEYWORDS[token])
        elif token in ("top", "bottom", "y-start", "y-end"):
            if following and not _is_keyword(following):
                y, y_from_end = lengths.strict(following), token in ("bottom", "y-end")
                i += 1
            else:
                y = OfBox(_V_KEYWORDS[token])
        elif token == "center":
            if x is None:
                x = OfBox(0.5)
            elif y is None:
                y = OfBox(0.5)
            else:
                raise invalid
        elif x is None:
            x = lengths.strict(token)
        elif y is None:
            y = lengths.strict(token)
        else:
            raise invalid
        i += 1
    if not control and len(tokens) == 1 and y is None:
        y = OfBox(0.5)
    default: BoxLength = 0.0 if control else OfBox(0.5)
    return ShapePoint(default if x is None else x, default if y is None else y, x_from_end, y_from_end)


def _endpoint(tokens: list[str], lengths: _Lengths) -> tuple[bool, ShapePoint]:
    mode = tokens[0] if tokens else ""
    if mode not in ("to", "by"):
        raise StyleError("A `shape()` command must use `to` or `by`.", prop="clipPath")
    return mode == "by", _position(tokens[1:], lengths)


def _control(tokens: list[str], lengths: _Lengths) -> ShapeControl:
    index = tokens.index("from") if "from" in tokens else -1
    point_tokens = tokens if index == -1 else tokens[:index]
    reference = tokens[index + 1] if index != -1 and index + 1 < len(tokens) else None
    if index != -1 and (index + 2 != len(tokens) or not reference):
        raise StyleError("Invalid control point reference in `shape()`.", prop="clipPath")
    point = _position(point_tokens, lengths, control=True)
    if reference == "start" or (reference is None and not any(_is_keyword(t) for t in tokens)):
        return ShapeControl(point, "start")
    return ShapeControl(point, "end" if reference == "end" else "origin")


def _arc(tokens: list[str], lengths: _Lengths) -> ShapeArc:
    index = next((i for i, t in enumerate(tokens) if t in _ARC_OPTIONS), -1)
    by, point = _endpoint(tokens if index == -1 else tokens[:index], lengths)
    options = [] if index == -1 else tokens[index:]
    rx: BoxLength = 0.0
    ry: BoxLength = 0.0
    diagonal = False
    rotation = 0.0
    large = sweep = 0
    i = 0
    while i < len(options):
        option = options[i]
        if option == "of":
            i += 1
            if i >= len(options):
                raise StyleError("Invalid `arc` radius in `shape()`.", prop="clipPath")
            first = options[i]
            second = options[i + 1] if i + 1 < len(options) else None
            if second and second not in _ARC_OPTIONS[1:]:
                i += 1
                rx, ry, diagonal = lengths.strict(first), lengths.strict(second), False
            else:
                rx = ry = lengths.strict(first)
                diagonal = True
        elif option in ("cw", "ccw"):
            sweep = 1 if option == "cw" else 0
        elif option in ("large", "small"):
            large = 1 if option == "large" else 0
        elif option == "rotate":
            i += 1
            degrees = calc_degree(options[i]) if i < len(options) else None
            if degrees is None:
                raise StyleError("Invalid `arc` rotation in `shape()`.", prop="clipPath")
            rotation = degrees
        else:
            raise StyleError("Invalid `arc` option in `shape()`.", prop="clipPath")
        i += 1
    return ShapeArc(by, point, rx, ry, diagonal, rotation, large, sweep)


def _curve(command: Literal["curve", "smooth"], tokens: list[str], lengths: _Lengths) -> ShapeCurve:
    with_index = tokens.index("with") if "with" in tokens else -1
    end_tokens = tokens if with_index == -1 else tokens[:with_index]
    control_tokens = [] if with_index == -1 else tokens[with_index + 1:]
    by, point = _endpoint(end_tokens, lengths)
    if command == "curve" and with_index == -1:
        raise StyleError("A `curve` command requires a control point.", prop="clipPath")
    groups: list[list[str]] = []
    if control_tokens:
        slash = control_tokens.index("/") if "/" in control_tokens else -1
        groups = [control_tokens] if slash == -1 else [control_tokens[:slash], control_tokens[slash + 1:]]
    controls = tuple(_control(g, lengths) for g in groups)
    if command == "curve" and len(controls) not in (1, 2):
        raise StyleError("A `curve` command accepts one or two control points.", prop="clipPath")
    if command == "smooth" and len(controls) > 1:
        raise StyleError("A `smooth` command accepts at most one control point.", prop="clipPath")
    return ShapeCurve(command, by, point, controls)


def _shape_function(value: str, lengths: _Lengths) -> ShapeFunction:
    match = re.match(r"^shape\((.*)\)$", value, re.DOTALL)
    if not match:
        raise StyleError("Invalid `shape()` value.", prop="clipPath")
    parts = split_top_level(match.group(1))
    first = parts.pop(0) if parts else ""
    if not first:
        raise StyleError("Invalid `shape()` value.", prop="clipPath")
    start = re.match(r"^(?:(nonzero|evenodd)\s+)?from\s+(.+)$", first, re.DOTALL)
    if not start:
        raise StyleError("Invalid `shape()` starting point.", prop="clipPath")
    origin = _position(_tokens(start.group(2)), lengths)
    commands: list[ShapeCommand] = []
    for part in parts:
        tokens = _tokens(part)
        command = tokens.pop(0) if tokens else ""
        if command == "close":
            if tokens:
                raise StyleError("Invalid `close` command in `shape()`.", prop="clipPath")
            commands.append(ShapeLine("close"))
        elif command in ("move", "line"):
            by, point = _endpoint(tokens, lengths)
            commands.append(ShapeLine("move" if command == "move" else "line", by, point))
        elif command in ("hline", "vline"):
            mode = tokens.pop(0) if tokens else None
            token = tokens.pop(0) if tokens else None
            if mode not in ("to", "by") or not token or tokens:
                raise StyleError(f"Invalid `{command}` command in `shape()`.", prop="clipPath")
            keywords = _H_KEYWORDS if command == "hline" else _V_KEYWORDS
            coord = OfBox(keywords[token]) if mode == "to" and token in keywords else lengths.strict(token)
            commands.append(ShapeLine("hline" if command == "hline" else "vline", mode == "by", coord=coord))
        elif command in ("curve", "smooth"):
            commands.append(_curve("curve" if command == "curve" else "smooth", tokens, lengths))
        elif command == "arc":
            commands.append(_arc(tokens, lengths))
        else:
            raise StyleError(f"Unsupported `{command}` command in `shape()`.", prop="clipPath")
    return ShapeFunction(start.group(1) or "nonzero", origin, tuple(commands))


# -- the properties --------------------------------------------------------------------------

def parse_clip_path(value: Any, font_size: float, lengths: LengthContext,
                    note: Note) -> ClipShape | ClipReference | None:
    """The shape of ``clipPath`` (None for ``none``). Raises StyleError with the
    reference's sentence (``shape()``, ``inset()``); ``note`` is told of what is
    drawn otherwise than written (a value that names no shape, loose lengths)."""
    if value is None or value == "none":
        return None
    text = str(value)
    lengths_of = _Lengths(font_size, lengths, note)
    for name in _FUNCTIONS:
        match = _PATTERNS[name].search(text)
        if not match:
            continue
        args = match.group(1)
        if name != "shape":  # (shape() is read whole)
            _note_around(text, match, note)
        if name == "circle":
            return _circle(args, lengths_of)
        if name == "ellipse":
            return _ellipse(args, lengths_of)
        if name == "path":
            rule, d = _fill_rule(args)
            return PathShape(d, rule)
        if name == "polygon":
            return _polygon(args, lengths_of)
        if name == "inset":
            return _inset(args, lengths_of)
        return _shape_function(text, lengths_of)
    note(StyleError(f'Unsupported value "{shown(value)}" for CSS property "clipPath": nothing is clipped.',
                    prop="clipPath", value=value))
    return ClipReference(text)


_GEOMETRY_BOXES = frozenset({"margin-box", "padding-box", "content-box", "fill-box", "stroke-box", "view-box"})


def _note_around(text: str, match: re.Match[str], note: Note) -> None:
    """Note what the reference's unanchored search for the shape skips around it: a geometry box
    (the shape is drawn in the border box) or junk (`xcircle(40%)`, `circle(40%)zz`: a browser
    drops the declaration)."""
    around = f"{text[:match.start()]} {text[match.end():]}".strip()
    if not around or around == "border-box":
        return
    shape = shown(match.group(0))
    said = (f'Unsupported value "{shown(text)}" for CSS property "clipPath": its box is not read ({shape} is '
            "drawn in the border box)." if around in _GEOMETRY_BOXES else
            f'Invalid value "{shown(text)}" for CSS property "clipPath": it is read as {shape}.')
    note(StyleError(said, prop="clipPath", value=text))


def parse_clip_margin(value: Any, font_size: float, lengths: LengthContext, note: Note) -> ClipMargin:
    """``overflowClipMargin``: ``<visual-box> || <length>``; a word that is neither is
    noted and taken as 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ClipMargin(float(value))
    margin = 0.0
    chosen = "padding-box"
    for word in str(value).split():
        if word in _BOXES:
            chosen = word
            continue
        px = length_to_number(word, font_size, lengths, 0.0)
        if px is None:
            note(StyleError(f'Invalid value "{shown(word)}" in CSS property "overflowClipMargin": 0 is used.',
                            prop="overflowClipMargin", value=value))
        margin = px or 0.0
    return ClipMargin(margin, chosen)
