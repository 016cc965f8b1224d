"""Clipping: ``clipPath`` shapes and the clip region of ``overflow``.

Mirrors the reference's ``parser/shape.ts`` and ``parser/shape-function.ts``
(the shape of a ``clip-path``), ``builder/clip-path.ts`` (its ``<clipPath>``)
and the clip region of ``builder/overflow.ts``.

Kept from the reference:

* Shapes are tried in the order circle, ellipse, path, polygon, inset, shape,
  each found anywhere in the value; a value none of them reads clips nothing
  (and nothing that references it is drawn). Geometry boxes (``border-box``,
  ``padding-box`` ...) are not read: shapes are in the border box.
* ``circle()``/``ellipse()`` positions are one or two words after ``at``; a
  keyword sets its axis (``center`` both). A circle's percentage radius is of
  the box's diagonal over sqrt(2).
* ``polygon()`` points are split at commas then single spaces, and a point's
  first word resolves percentages against the width, the others against the
  height (so a point after ", " has its x against the height, as there).
* ``inset()`` takes margin-like offsets and ``round`` border-radius-like
  radii.
* The ``<clipPath>`` is translated to the box's top-left, not transformed with
  the element.
* ``overflow`` clips to the padding box (rounded with the inner radii); an
  axis that is not clipped extends 100000px; ``overflow: clip`` on both axes
  grows by ``overflowClipMargin`` from its ``<visual-box>``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from ..errors import StyleError
from ..style.c2rn import get_styles_for_property
from ..style.types import Percent
from ..style.values import calc_degree, js_number, split_top_level
from ..svg import SvgNode, fmt
from .border import content_mask
from .box import border_lines
from .geometry import Box, Radii, rect_path, resolve_radii
from .gradient_stops import PaintStyle

__all__ = ["clip_path_shape", "overflow_mask", "overflow_region", "parse_shape_function", "shape_bounds"]

Style = Mapping[str, Any]
Point = tuple[float, float]

_FUNCTIONS = ("circle", "ellipse", "path", "polygon", "inset", "shape")
_PATTERNS = {name: re.compile(name + r"\((.+)\)", re.DOTALL) for name in _FUNCTIONS}
UNBOUNDED = 1e5  # how far a region extends along an axis that is not clipped


def _num(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else value


# -- basic shapes (shape.ts) ------------------------------------------------------------------

def _at_position(position: str, width: float, height: float) -> tuple[Any, Any]:
    words = position.split(" ")
    x: Any = words[0] or "50%"
    y: Any = words[1] if len(words) > 1 and words[1] else "50%"
    for word in words:
        if word == "top":
            y = 0.0
        elif word == "bottom":
            y = height
        elif word == "left":
            x = 0.0
        elif word == "right":
            x = width
        elif word == "center":
            x, y = width / 2, height / 2
    return x, y


def _split_at(value: str) -> tuple[str, str]:
    parts = [part.strip() for part in value.split("at")]
    return parts[0], parts[1] if len(parts) > 1 else ""


def _circle(args: str, width: float, height: float, ps: PaintStyle) -> SvgNode:
    radius, position = _split_at(args)
    x, y = _at_position(position, width, height)
    return SvgNode("circle", {
        "r": _num(ps.length(radius, math.sqrt(width ** 2 + height ** 2) / math.sqrt(2))),
        "cx": _num(ps.length(x, width) if isinstance(x, str) else x),
        "cy": _num(ps.length(y, height) if isinstance(y, str) else y)})


def _ellipse(args: str, width: float, height: float, ps: PaintStyle) -> SvgNode:
    radius, position = _split_at(args)
    radii = radius.split(" ")
    x, y = _at_position(position, width, height)
    return SvgNode("ellipse", {
        "rx": _num(ps.length(radii[0] or "50%", width)),
        "ry": _num(ps.length(radii[1] if len(radii) > 1 and radii[1] else "50%", height)),
        "cx": _num(ps.length(x, width) if isinstance(x, str) else x),
        "cy": _num(ps.length(y, height) if isinstance(y, str) else y)})


def _fill_rule(args: str) -> tuple[str, str]:
    match = re.match(r"^(nonzero|evenodd)?,?(.+)", re.sub(r"['\"]", "", args), re.DOTALL)
    if not match:
        return "nonzero", ""
    return match.group(1) or "nonzero", match.group(2)


def _path(args: str) -> SvgNode:
    rule, d = _fill_rule(args)
    return SvgNode("path", {"d": d, "fill-rule": rule})


def _polygon(args: str, width: float, height: float, ps: PaintStyle) -> SvgNode:
    rule, points = _fill_rule(args)

    def word(text: str, index: int) -> str:
        value = _num(ps.length(text, width if index == 0 else height))
        return "" if value is None else js_number(value)

    return SvgNode("polygon", {"fill-rule": rule, "points": ",".join(
        " ".join(word(text, i) for i, text in enumerate(point.split(" "))) for point in points.split(","))})


def _css_length(value: Any, basis: float, ps: PaintStyle) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return _num(ps.length(str(value), basis)) or 0.0


def _inset(args: str, width: float, height: float, style: Style, ps: PaintStyle) -> SvgNode:
    text = args if "round" in args else f"{args.strip()} round 0"
    inset, radius = (text.split("round") + [""])[:2]

    def warn(_message: str) -> None:
        pass

    radii_map = get_styles_for_property("borderRadius", radius, warn)
    offsets = [_css_length(v, height if i % 2 == 0 else width, ps)
               for i, v in enumerate(get_styles_for_property("margin", inset, warn).values())]
    x, y = offsets[3], offsets[0]
    w, h = width - offsets[1] - offsets[3], height - offsets[0] - offsets[2]
    rounded = [_css_length(v, height if i % 2 == 0 else width, ps) for i, v in enumerate(radii_map.values())]
    if any(r > 0 for r in rounded):
        corners: dict[str, Any] = {}
        for key, value in radii_map.items():
            if isinstance(value, str) and value.strip().endswith("%"):
                corners[key] = Percent(float(value.strip()[:-1]))
            else:
                corners[key] = _css_length(value, 0.0, ps)
        radii = resolve_radii({**dict(style), **corners}, w, h)
        return SvgNode("path", {"d": rect_path(x, y, w, h, radii)})
    return SvgNode("rect", {"x": x, "y": y, "width": w, "height": h})


def clip_path_shape(value: str, width: float, height: float, style: Style) -> SvgNode | None:
    """The shape of ``clipPath`` in a box ``width`` x ``height`` at (0, 0), or None."""
    ps = PaintStyle.from_style(style)
    for name in _FUNCTIONS:
        match = _PATTERNS[name].search(value)
        if not match:
            continue
        args = match.group(1)
        if name == "circle":
            return _circle(args, width, height, ps)
        if name == "ellipse":
            return _ellipse(args, width, height, ps)
        if name == "path":
            return _path(args)
        if name == "polygon":
            return _polygon(args, width, height, ps)
        if name == "inset":
            return _inset(args, width, height, style, ps)
        d, rule = parse_shape_function(value, width, height, ps)
        return SvgNode("path", {"d": d, "fill-rule": rule})
    return None


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

_H_KEYWORDS = {"left": 0.0, "x-start": 0.0, "center": 0.5, "right": 1.0, "x-end": 1.0}
_V_KEYWORDS = {"top": 0.0, "y-start": 0.0, "center": 0.5, "bottom": 1.0, "y-end": 1.0}
_ARC_OPTIONS = ("of", "cw", "ccw", "large", "small", "rotate")


def _f(value: float) -> str:
    # Math.round(v * 1000) / 1000, printed as JavaScript does.
    return js_number(math.floor(value * 1000 + 0.5) / 1000)


def _pt(point: Point) -> str:
    return f"{_f(point[0])},{_f(point[1])}"


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"\s+", text.strip().replace("/", " / ")) if t]


def _shape_length(text: str, basis: float, ps: PaintStyle) -> float:
    value = ps.length(text, basis)
    if value is None:
        raise StyleError(f"Invalid length `{text}` in `shape()`.", prop="clipPath")
    return value


def _is_keyword(word: str) -> bool:
    return word in _H_KEYWORDS or word in _V_KEYWORDS


def _position(tokens: list[str], width: float, height: float, ps: PaintStyle,
              control: bool = False) -> Point:
    invalid = StyleError("Invalid position in `shape()`.", prop="clipPath")
    if not tokens or len(tokens) > 4:
        raise invalid
    x: float | None = None
    y: float | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ("left", "right", "x-start", "x-end"):
            if following and not _is_keyword(following):
                offset = _shape_length(following, width, ps)
                x = offset if token in ("left", "x-start") else width - offset
                i += 1
            else:
                x = _H_KEYWORDS[token] * width
        elif token in ("top", "bottom", "y-start", "y-end"):
            if following and not _is_keyword(following):
                offset = _shape_length(following, height, ps)
                y = offset if token in ("top", "y-start") else height - offset
                i += 1
            else:
                y = _V_KEYWORDS[token] * height
        elif token == "center":
            if x is None:
                x = width / 2
            elif y is None:
                y = height / 2
            else:
                raise invalid
        elif x is None:
            x = _shape_length(token, width, ps)
        elif y is None:
            y = _shape_length(token, height, ps)
        else:
            raise invalid
        i += 1
    if not control and len(tokens) == 1 and y is None:
        y = height / 2
    default_x, default_y = (0.0, 0.0) if control else (width / 2, height / 2)
    return (default_x if x is None else x, default_y if y is None else y)


def _endpoint(tokens: list[str], current: Point, width: float, height: float, ps: PaintStyle) -> Point:
    mode = tokens[0] if tokens else ""
    if mode not in ("to", "by"):
        raise StyleError("A `shape()` command must use `to` or `by`.", prop="clipPath")
    point = _position(tokens[1:], width, height, ps)
    return (current[0] + point[0], current[1] + point[1]) if mode == "by" else point


def _control(tokens: list[str], start: Point, end: Point, width: float, height: float,
             ps: PaintStyle) -> Point:
    index = tokens.index("from") if "from" in tokens else -1
    point_tokens = tokens if index == -1 else tokens[:index]
    reference = tokens[index + 1] if index != -1 and index + 1 < len(tokens) else None
    if index != -1 and (index + 2 != len(tokens) or not reference):
        raise StyleError("Invalid control point reference in `shape()`.", prop="clipPath")
    point = _position(point_tokens, width, height, ps, control=True)
    if reference == "start" or (reference is None and not any(_is_keyword(t) for t in tokens)):
        return (start[0] + point[0], start[1] + point[1])
    if reference == "end":
        return (end[0] + point[0], end[1] + point[1])
    return point


def _arc(tokens: list[str], current: Point, width: float, height: float, ps: PaintStyle
         ) -> tuple[str, Point]:
    index = next((i for i, t in enumerate(tokens) if t in _ARC_OPTIONS), -1)
    endpoint = _endpoint(tokens if index == -1 else tokens[:index], current, width, height, ps)
    options = [] if index == -1 else tokens[index:]
    rx = ry = rotation = 0.0
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
                rx, ry = _shape_length(first, width, ps), _shape_length(second, height, ps)
            else:
                rx = ry = _shape_length(first, math.sqrt(width * width + height * height) / math.sqrt(2), ps)
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
    return f" A{_f(abs(rx))},{_f(abs(ry))} {_f(rotation)} {large} {sweep} {_pt(endpoint)}", endpoint


def _curve(command: str, tokens: list[str], current: Point, width: float, height: float,
           ps: PaintStyle) -> tuple[str, Point]:
    with_index = tokens.index("with") if "with" in tokens else -1
    end_tokens = tokens if with_index == -1 else tokens[:with_index]
    control_tokens = [] if with_index == -1 else tokens[with_index + 1:]
    endpoint = _endpoint(end_tokens, current, width, height, ps)
    if command == "curve" and with_index == -1:
        raise StyleError("A `curve` command requires a control point.", prop="clipPath")
    groups: list[list[str]] = []
    if control_tokens:
        slash = control_tokens.index("/") if "/" in control_tokens else -1
        groups = [control_tokens] if slash == -1 else [control_tokens[:slash], control_tokens[slash + 1:]]
    controls = [_control(g, current, endpoint, width, height, ps) for g in groups]
    if command == "curve":
        if len(controls) == 1:
            return f" Q{_pt(controls[0])} {_pt(endpoint)}", endpoint
        if len(controls) == 2:
            return f" C{_pt(controls[0])} {_pt(controls[1])} {_pt(endpoint)}", endpoint
        raise StyleError("A `curve` command accepts one or two control points.", prop="clipPath")
    if not controls:
        return f" T{_pt(endpoint)}", endpoint
    if len(controls) == 1:
        return f" S{_pt(controls[0])} {_pt(endpoint)}", endpoint
    raise StyleError("A `smooth` command accepts at most one control point.", prop="clipPath")


def parse_shape_function(value: str, width: float, height: float, ps: PaintStyle) -> tuple[str, str]:
    """``shape()`` as SVG path data and its fill rule."""
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
    current = _position(_tokens(start.group(2)), width, height, ps)
    subpath = current
    path = f"M{_pt(current)}"
    for part in parts:
        tokens = _tokens(part)
        command = tokens.pop(0) if tokens else ""
        if command == "close":
            if tokens:
                raise StyleError("Invalid `close` command in `shape()`.", prop="clipPath")
            path += " Z"
            current = subpath
        elif command in ("move", "line"):
            current = _endpoint(tokens, current, width, height, ps)
            path += f" {'M' if command == 'move' else 'L'}{_pt(current)}"
            if command == "move":
                subpath = current
        elif command in ("hline", "vline"):
            axis = 0 if command == "hline" else 1
            mode = tokens.pop(0) if tokens else None
            token = tokens.pop(0) if tokens else None
            if mode not in ("to", "by") or not token or tokens:
                raise StyleError(f"Invalid `{command}` command in `shape()`.", prop="clipPath")
            basis = width if axis == 0 else height
            keywords = _H_KEYWORDS if axis == 0 else _V_KEYWORDS
            resolved = keywords[token] * basis if mode == "to" and token in keywords \
                else _shape_length(token, basis, ps)
            coords = list(current)
            coords[axis] = coords[axis] + resolved if mode == "by" else resolved
            current = (coords[0], coords[1])
            path += f" {'H' if axis == 0 else 'V'}{_f(current[axis])}"
        elif command in ("curve", "smooth"):
            segment, current = _curve(command, tokens, current, width, height, ps)
            path += segment
        elif command == "arc":
            segment, current = _arc(tokens, current, width, height, ps)
            path += segment
        else:
            raise StyleError(f"Unsupported `{command}` command in `shape()`.", prop="clipPath")
    return path, start.group(1) or "nonzero"


# -- overflow (overflow.ts) ------------------------------------------------------------------

def _rect_d(x: float, y: float, w: float, h: float) -> str:
    return f"M{fmt(x)},{fmt(y)}h{fmt(w)}v{fmt(h)}h{fmt(-w)}z"


def overflow_region(x: float, y: float, width: float, height: float, style: Style, radii: Radii,
                    border: tuple[float, float, float, float],
                    padding: tuple[float, float, float, float]) -> str:
    """The path that ``overflow`` clips the content of the border box to."""
    clip_x = style.get("overflowX", "visible") != "visible"
    clip_y = style.get("overflowY", "visible") != "visible"
    is_clip = style.get("overflowX") == "clip" and style.get("overflowY") == "clip"
    margin, visual = 0.0, "padding-box"
    if is_clip:
        margin, visual = _clip_margin(style)
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


def overflow_mask(x: float, y: float, width: float, height: float, style: Style, radii: Radii,
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
    if style.get("overflow") != "hidden" or not radii.shaped or not any(border):
        return None
    if style.get("overflowX", "hidden") == "visible" or style.get("overflowY", "hidden") == "visible":
        return None
    top, right, bottom, left = border
    white = SvgNode("rect", {"x": x + left, "y": y + top, "width": width - left - right,
                             "height": height - top - bottom, "fill": "#fff", "transform": matrix})
    strokes = content_mask(Box(x, y, width, height), border_lines(style), padding, radii, border_only=True)
    for stroke in strokes:
        stroke.attrs["transform"] = matrix
    return [white, *strokes]


def _clip_margin(style: Style) -> tuple[float, str]:
    """``overflowClipMargin``: ``<visual-box> || <length>`` (px, box)."""
    value = style.get("overflowClipMargin")
    box = style.get("_overflowClipBox")
    if value is None:
        return 0.0, box if isinstance(box, str) else "padding-box"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value), box if isinstance(box, str) else "padding-box"
    margin = 0.0
    chosen = "padding-box"
    ps = PaintStyle.from_style(style)
    for word in str(value).split():
        if word in ("content-box", "padding-box", "border-box"):
            chosen = word
        else:
            margin = _num(ps.length(word, 0.0)) or 0.0
    return margin, chosen
