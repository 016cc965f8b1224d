"""Upper bounds of sizes in a user's SVG document, read from its markup (for :mod:`.svg_work`).

resvg allocates and filters a filter's region, and renders a pattern's tile, at
their size on the image; that size follows from the element's bounding box in
its user space and every transform above it. Nothing here lays the document
out: each function returns a bound that is never smaller than what resvg
computes, cheap enough to run on every document (one pass, bounding boxes
cached per element).

* :func:`parse_transform` reads a ``transform`` attribute into a 2x3 matrix, and
  :func:`stretch` bounds how much that matrix enlarges a length.
* :func:`length` reads a length attribute in px (units converted, percentages of
  the viewport).
* :class:`Boxes` bounds each element's bounding box in its own user space: a
  shape's from its geometry (path data followed command by command, control
  points and arc radii included), a group's as the union of its children's under
  their transforms, a ``<use>``'s as its target's, text's as its font size times
  its characters.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..limits import check_deadline
from ..patterns import NUMBER, lazy_compile

if TYPE_CHECKING:  # (the painter's raster checks read this module: a plain card parses no XML)
    import xml.etree.ElementTree as ET

__all__ = ["Box", "Boxes", "Matrix", "length", "local", "numbers", "parse_transform", "stretch"]

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_NUMBER = lazy_compile(NUMBER)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_FUNCTION = lazy_compile(r"([a-zA-Z]+)\s*\(([^)]*)\)")
_LENGTH = lazy_compile(r"\s*(" + NUMBER + r")\s*(%|[a-zA-Z]*)")
_UNITS = {"": 1.0, "px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 4 / 3, "pc": 16.0,
          "em": 16.0, "ex": 8.0, "rem": 16.0}
_PATH_TOKEN = lazy_compile("[MmLlHhVvCcSsQqTtAaZz]|" + NUMBER)
# Numbers each path command takes; the x/y positions among them (absolute or relative).
_COMMANDS = frozenset("MmLlHhVvCcSsQqTtAaZz")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
_CONTAINERS = frozenset(("g", "a", "switch", "svg", "symbol"))
_TEXT = frozenset(("text", "tspan", "textPath"))
_NO_BOX = None
_MAX_CHAIN = 300  # elements and <use> references followed into one another, within the recursion limit
# Path data is followed in Python at some 3 s per million commands here: the render's deadline is
# looked at every 65,536 tokens (a 16 MB path, under max_image_bytes, took 30 s past it).
_DEADLINE_EVERY = 0xFFFF


def local(tag: object) -> str:
    """The tag without its namespace ('' for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def numbers(value: str | None) -> list[float]:
    return [float(m) for m in _NUMBER.findall(value or "")]


def length(value: str | None, default: float, viewport: float) -> float:
    """A length attribute in px; a percentage is of ``viewport``; unreadable: ``default``."""
    match = _LENGTH.match(value or "")
    if match is None:
        return default
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        return number / 100 * viewport
    return number * _UNITS.get(unit.lower(), 16.0)


def parse_transform(value: str | None) -> Matrix:
    """The matrix of a ``transform`` attribute (functions composed left to right)."""
    a, b, c, d, e, f = IDENTITY
    for name, args in _FUNCTION.findall(value or ""):
        v = numbers(args)
        name = name.lower()
        if name == "matrix" and len(v) >= 6:
            m = tuple(v[:6])
        elif name == "translate" and v:
            m = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale" and v:
            m = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        elif name == "rotate" and v:
            # Rotations never enlarge; about a point they move it by at most twice its distance.
            t = math.radians(v[0]) if math.isfinite(v[0]) else 0.0
            cx, cy = (v[1], v[2]) if len(v) >= 3 else (0.0, 0.0)
            cos, sin = math.cos(t), math.sin(t)
            m = (cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy)
        elif name in ("skewx", "skewy") and v:
            t = math.tan(math.radians(v[0])) if math.isfinite(v[0]) else math.inf
            m = (1.0, 0.0, t, 1.0, 0.0, 0.0) if name == "skewx" else (1.0, t, 0.0, 1.0, 0.0, 0.0)
        else:
            continue
        a, b, c, d, e, f = (a * m[0] + c * m[1], b * m[0] + d * m[1], a * m[2] + c * m[3],
                            b * m[2] + d * m[3], a * m[4] + c * m[5] + e, b * m[4] + d * m[5] + f)
    return (a, b, c, d, e, f)


def stretch(m: Matrix) -> float:
    """At least the factor by which ``m`` enlarges any length (its largest singular value)."""
    a, b, c, d = (v if math.isfinite(v) else math.inf for v in m[:4])
    total = a * a + b * b + c * c + d * d  # a float product overflows to inf, a power raises
    if not total < 1e150:  # (total squared below stays finite)
        return math.sqrt(total) if math.isfinite(total) else math.inf
    det = a * d - b * c
    return math.sqrt((total + math.sqrt(max(total * total - 4 * det * det, 0.0))) / 2)


def transform_box(m: Matrix, box: Box | None) -> Box | None:
    if box is None:
        return None
    x0, y0, x1, y1 = box
    xs = [m[0] * x + m[2] * y + m[4] for x in (x0, x1) for y in (y0, y1)]
    ys = [m[1] * x + m[3] * y + m[5] for x in (x0, x1) for y in (y0, y1)]
    return (min(xs), min(ys), max(xs), max(ys))


def union(a: Box | None, b: Box | None) -> Box | None:
    if a is None or b is None:
        return a if b is None else b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _points_box(values: list[float]) -> Box | None:
    xs, ys = values[0:-1:2], values[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs and ys else None


def path_box(d: str) -> Box | None:
    """Bounds of path data: every point it passes or pulls towards (control points), arcs
    grown by their radii, commands followed as resvg reads them (absolute and relative).

    One loop over the tokens, with no call per token or command (a stranger's path may have
    millions: 2.0-2.4 times faster than a loop calling a function per command and per point);
    the deadline is looked at every ``_DEADLINE_EVERY + 1`` tokens."""
    x = y = sx = sy = 0.0
    lo_x = lo_y = math.inf
    hi_x = hi_y = -math.inf
    command = ""
    arity = 0
    args: list[float] = []
    tokens = _PATH_TOKEN.findall(d)
    for start in range(0, len(tokens), _DEADLINE_EVERY + 1):
        check_deadline()
        for token in tokens[start:start + _DEADLINE_EVERY + 1]:
            if token in _COMMANDS:
                command, args, arity = token, [], _ARITY[token.lower()]
                if not arity:  # z: back to the subpath's start
                    x, y = sx, sy
                continue
            if not command:  # a number before any command: resvg reads no further
                return (lo_x, lo_y, hi_x, hi_y) if lo_x <= hi_x else None
            args.append(float(token))
            if len(args) != arity:
                continue
            ox, oy = (x, y) if command.islower() else (0.0, 0.0)
            kind = command.lower()
            if kind == "h":
                x = ox + args[0]
            elif kind == "v":
                y = oy + args[0]
            elif kind == "a":  # both ends, grown by the larger radius
                grow = 2 * max(abs(args[0]), abs(args[1]))
                end_x, end_y = ox + args[5], oy + args[6]
                lo_x, hi_x = min(lo_x, x - grow, end_x - grow), max(hi_x, x + grow, end_x + grow)
                lo_y, hi_y = min(lo_y, y - grow, end_y - grow), max(hi_y, y + grow, end_y + grow)
                x, y = end_x, end_y
            else:  # pairs: control points, then the end
                for i in range(0, arity, 2):
                    px, py = ox + args[i], oy + args[i + 1]
                    lo_x, hi_x = (px if px < lo_x else lo_x), (px if px > hi_x else hi_x)
                    lo_y, hi_y = (py if py < lo_y else lo_y), (py if py > hi_y else hi_y)
                x, y = ox + args[-2], oy + args[-1]
                if kind == "m":  # further pairs after a moveto are linetos
                    sx, sy = x, y
                    command = "L" if command == "M" else "l"
            lo_x, hi_x = (x if x < lo_x else lo_x), (x if x > hi_x else hi_x)
            lo_y, hi_y = (y if y < lo_y else lo_y), (y if y > hi_y else hi_y)
            args = []
    return (lo_x, lo_y, hi_x, hi_y) if lo_x <= hi_x else None


class Boxes:
    """Bounds of the elements' bounding boxes in their own user space (transform excluded);
    ``viewport`` is the document's size in user units (for percentages)."""

    def __init__(self, ids: dict[str, ET.Element], viewport: tuple[float, float]) -> None:
        self.ids = ids
        self.viewport = viewport
        self._cache: dict[int, Box | None] = {}
        self._busy: set[int] = set()

    def box(self, el: ET.Element) -> Box | None:
        key = id(el)
        if key in self._cache:
            return self._cache[key]
        if key in self._busy:
            return None  # a recursive <use>: resvg skips it
        if len(self._busy) > _MAX_CHAIN:  # too deep to follow (the walk refuses it): unbounded
            return (-math.inf, -math.inf, math.inf, math.inf)
        self._busy.add(key)
        try:
            found = self._compute(el)
        finally:
            self._busy.discard(key)
        self._cache[key] = found
        return found

    def placed(self, el: ET.Element) -> Box | None:
        """The element's box in its parent's user space (its transform applied)."""
        return transform_box(parse_transform(el.get("transform")), self.box(el))

    def _len(self, el: ET.Element, name: str, axis: int, default: float = 0.0) -> float:
        return length(el.get(name), default, self.viewport[axis])

    def _compute(self, el: ET.Element) -> Box | None:
        name = local(el.tag)
        vw, vh = self.viewport
        if name in ("rect", "image", "foreignObject"):
            x, y = self._len(el, "x", 0), self._len(el, "y", 1)
            w = self._len(el, "width", 0, vw if name == "image" else 0.0)
            h = self._len(el, "height", 1, vh if name == "image" else 0.0)
            return (min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h))
        if name in ("circle", "ellipse"):
            cx, cy = self._len(el, "cx", 0), self._len(el, "cy", 1)
            rx = abs(self._len(el, "r" if name == "circle" else "rx", 0))
            ry = abs(self._len(el, "r" if name == "circle" else "ry", 1))
            return (cx - rx, cy - ry, cx + rx, cy + ry)
        if name == "line":
            return _points_box([self._len(el, a, i % 2) for i, a in enumerate(("x1", "y1", "x2", "y2"))])
        if name in ("polyline", "polygon"):
            return _points_box(numbers(el.get("points")))
        if name == "path":
            return path_box(el.get("d") or "")
        if name in _TEXT:
            return self._text_box(el)
        if name == "use":
            href = el.get("href") or el.get(XLINK_HREF) or ""
            target = self.ids.get(href[1:]) if href.startswith("#") else None
            if target is None:
                return None
            box = self.placed(target)
            dx, dy = self._len(el, "x", 0), self._len(el, "y", 1)
            return None if box is None else (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        if name in _CONTAINERS:
            found: Box | None = None
            for child in el:
                found = union(found, self.placed(child))
            if name == "svg" and found is not None:  # a nested viewport maps its viewBox
                found = transform_box(viewbox_matrix(el, self.viewport), found)
            return found
        return _NO_BOX

    def _text_box(self, el: ET.Element) -> Box | None:
        # Without laying the text out: every character as wide as the font size, around
        # each position the text gives, on as many lines as positions.
        size = max(numbers(el.get("font-size")) + _style_numbers(el.get("style"), "font-size") + [16.0])
        chars = len("".join(el.itertext()))
        positions = numbers(el.get("x")) + numbers(el.get("y")) + numbers(el.get("dx")) + numbers(el.get("dy"))
        reach = max([abs(v) for v in positions] + [0.0]) + size * (chars + 1)
        return (-reach, -reach, reach, reach)


def _style_numbers(style: str | None, prop: str) -> list[float]:
    match = re.search(prop + r"\s*:\s*([^;]*)", style or "")
    return numbers(match.group(1)) if match else []


def viewbox_matrix(el: ET.Element, viewport: tuple[float, float]) -> Matrix:
    """A (nested) ``<svg>``'s viewBox-to-viewport mapping, bounded by its larger scale
    (``preserveAspectRatio`` picks one of the two; ``none`` stretches by each)."""
    box = numbers(el.get("viewBox"))
    x, y = length(el.get("x"), 0.0, viewport[0]), length(el.get("y"), 0.0, viewport[1])
    if len(box) < 4 or not (box[2] > 0 and box[3] > 0):
        return (1.0, 0.0, 0.0, 1.0, x, y)
    width = length(el.get("width"), viewport[0], viewport[0])
    height = length(el.get("height"), viewport[1], viewport[1])
    scale = max(width / box[2], height / box[3])
    return (scale, 0.0, 0.0, scale, x - box[0] * scale, y - box[1] * scale)
