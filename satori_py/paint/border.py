"""Borders: every line style, per side, drawn with the reference's strokes.

Mirrors the reference's ``builder/border.ts``. SVG strokes are centred on
their path, so each side is stroked twice as wide as the border along the
box's contour and clipped to the box (``clip_id``); the geometry of the
strokes is the reference's, because anti-aliasing, dash phases and the round
caps of dots depend on it:

* A border is one or two passes of solid, dashed and dotted lines
  (:func:`border_passes`): ``double``, ``groove`` and ``ridge`` add an inner
  line clipped to its outer edge; ``inset``/``outset``/``groove``/``ridge``
  sides take Chrome's dark and light shades of their colour.
* Adjacent sides with the same width, style and colour are one run, stroked
  as one path. When runs differ, each is clipped to its region of the box
  (split along the lines through the outer and inner corners), and, for round
  corners, to the ring between the outer and inner edges.
* Dashes and dots follow Chrome: a dash at each end of a side, gaps fitted to
  the length; on rounded boxes dashes run around the whole contour.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ..frozen import Frozen
from ..style.types import RGBA
from ..svg import SvgNode, fmt
from .compose import url, wrap_one
from .geometry import Box, Radii, edge_path

__all__ = ["Line", "border_passes", "content_mask", "contour", "draw_border", "patterned_side",
           "shade_color", "side_runs"]

Sides = tuple[bool, bool, bool, bool]
Edges = tuple[float, float, float, float]
_NO_SIDES: Sides = (False, False, False, False)
_ZERO: Edges = (0.0, 0.0, 0.0, 0.0)


class Line(Frozen):
    """One side of a border (or outline): its width in px, line style and colour."""

    width: float
    style: str
    color: RGBA | None


Lines = tuple[Line, Line, Line, Line]


# -- shades of inset, outset, groove and ridge ----------------------------------------------

# The squared distances from black of #202020 and from white of #ebebeb: colours
# closer to black are lightened instead of darkened, and those closer to white
# aren't lightened.
_NEAR_BLACK = 3 * 0x20 ** 2
_NEAR_WHITE = 3 * (0xFF - 0xEB) ** 2


def _scale(rgb: Sequence[int], multiplier: float) -> list[int]:
    return [math.floor(c / 255 * multiplier * 255.996) for c in rgb]


def _lighten(rgb: Sequence[int]) -> list[int]:
    v = max(rgb) / 255
    return [0x54] * 3 if v == 0 else _scale(rgb, min(1.0, v + 0.33) / v)


def _darken(rgb: Sequence[int]) -> list[int]:
    v = max(rgb) / 255
    return list(rgb) if v == 0 else _scale(rgb, max(0.0, (v - 0.33) / v))


def shade_color(color: RGBA) -> tuple[RGBA, RGBA]:
    """The (dark, light) shades of a colour, as Chrome picks them (CSS leaves them
    to the user agent)."""
    rgb = [math.floor(c + 0.5) for c in (color.r, color.g, color.b)]

    def distance(to: int) -> int:
        return sum((c - to) ** 2 for c in rgb)

    if distance(0) <= _NEAR_BLACK:
        dark = _lighten(rgb)
        light = _lighten(dark)
    else:
        dark = _darken(rgb)
        light = rgb if distance(255) < _NEAR_WHITE else _lighten(rgb)

    def rgba(rgb: Sequence[int]) -> RGBA:
        return RGBA(float(rgb[0]), float(rgb[1]), float(rgb[2]), color.a)

    return rgba(dark), rgba(light)


# -- passes ---------------------------------------------------------------------------------

def border_passes(lines: Lines) -> list[tuple[Lines, Edges]]:
    """The passes of plain lines a border is drawn in, each with the inset of its
    outer edge (top, right, bottom, left)."""
    outer: list[Line] = []
    inner: list[Line] = []
    offset = [0.0, 0.0, 0.0, 0.0]
    for i, line in enumerate(lines):
        width, style, color = line.width or 0.0, line.style or "solid", line.color
        top_left = i in (0, 3)
        outer_line = line
        inner_width, inner_color = 0.0, color
        if style in ("none", "hidden"):
            outer_line = line.replace(width=0.0)
        elif style == "double":
            # Two lines of a third of the width each; solid below 3px.
            outer_line = line.replace(style="solid")
            if width >= 3:
                inner_width = float(math.floor(width / 3 + 0.5))  # Math.round
                outer_line = outer_line.replace(width=inner_width)
                offset[i] = width - inner_width
        elif style in ("groove", "ridge"):
            # Two halves in two shades, the outer one rounded up; solid below 2px.
            outer_line = line.replace(style="solid")
            if width >= 2 and color is not None:
                dark, light = shade_color(color)
                dark_outside = (style == "groove") == top_left
                outer_width = min(width, float(math.ceil(width / 2)))
                offset[i] = outer_width
                inner_width = width - outer_width
                outer_line = Line(outer_width, "solid", dark if dark_outside else light)
                inner_color = light if dark_outside else dark
        elif style in ("inset", "outset"):
            shaded = color
            if color is not None:
                dark, light = shade_color(color)
                shaded = dark if (style == "inset") == top_left else light
            outer_line = Line(width, "solid", shaded)
        outer.append(outer_line)
        inner.append(Line(inner_width, "solid", inner_color))
    passes: list[tuple[Lines, Edges]] = [(_four(outer), _ZERO)]
    if any(line.width for line in inner):
        passes.append((_four(inner), (offset[0], offset[1], offset[2], offset[3])))
    return passes


def _four(lines: Sequence[Line]) -> Lines:
    return lines[0], lines[1], lines[2], lines[3]


def draw_border(box: Box, lines: Lines, radii: Radii, clip_id: str,
                id_prefix: str) -> tuple[list[SvgNode], list[SvgNode]]:
    """The shapes of a border and their defs, clipped by the clip path ``clip_id``
    (the box's contour); ``id_prefix`` names the clip paths made here."""
    shapes: list[SvgNode] = []
    defs: list[SvgNode] = []
    widths = _edges(lines)
    for index, (pass_lines, offset) in enumerate(border_passes(lines)):
        if index == 0:
            _Drawer(box, pass_lines, widths, radii, _ZERO, clip_id, id_prefix, shapes, defs).draw()
            continue
        # The inner line is clipped to its outer edge, like the outer line to the box.
        inner_clip = f"{id_prefix}-inner-clip"
        defs.append(SvgNode("clipPath", {"id": inner_clip, "clip-path": f"url(#{clip_id})"},
                            [SvgNode("path", {"d": contour(box, radii, offset)})]))
        _Drawer(box, pass_lines, widths, radii, offset, inner_clip, f"{id_prefix}-inner",
                shapes, defs).draw()
    return shapes, defs


def contour(box: Box, radii: Radii, inset: Sequence[float], clamp: bool = False) -> str:
    """The closed contour of the box inset by ``inset``: rounded when the box is,
    else a rectangle (whose size is clamped at 0 with ``clamp``)."""
    if radii.any:
        return edge_path(box, radii, inset=inset)
    t, r, b, l = inset
    w, h = box.width - l - r, box.height - t - b
    if clamp:
        w, h = max(0.0, w), max(0.0, h)
    x, y = box.x + l, box.y + t
    return f"M{fmt(x)} {fmt(y)}h{fmt(w)}v{fmt(h)}h{fmt(-w)}Z"


def _edges(lines: Lines) -> Edges:
    return lines[0].width or 0.0, lines[1].width or 0.0, lines[2].width or 0.0, lines[3].width or 0.0


def _visible(color: RGBA | None) -> bool:
    return color is not None and color.a > 0


def _sides_region(sides: Sequence[bool], box: Box, widths: Edges) -> str:
    """The polygon of a run of sides: the box is split along the lines from its
    outer corners through the inner ones, extended until they meet."""
    t, r, b, l = widths
    scale = min(box.height / (t + b) if t + b else math.inf, box.width / (l + r) if l + r else math.inf)
    left, top = box.x, box.y
    right, bottom = left + box.width, top + box.height
    outer = [(left, top), (right, top), (right, bottom), (left, bottom)]
    inner = [(left + l * scale, top + t * scale), (right - r * scale, top + t * scale),
             (right - r * scale, bottom - b * scale), (left + l * scale, bottom - b * scale)]
    first = next(i for i in range(4) if sides[i] and not sides[(i + 3) % 4])
    count = sum(1 for side in sides if side)
    points = [outer[(first + i) % 4] for i in range(count + 1)]
    points += [inner[(first + i) % 4] for i in range(count, -1, -1)]
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def side_runs(lines: Lines) -> list[tuple[Sides, int]]:
    """The runs of adjacent sides with equal lines, each with its last side.

    Runs start after a change of line, so that a run across the top-left
    corner is one; four equal sides are one run.
    """
    start = 0
    for _ in range(3):
        if lines[start] != lines[(start + 3) % 4]:
            break
        start = (start + 3) % 4
    runs: list[tuple[Sides, int]] = []
    run = list(_NO_SIDES)
    for step in range(4):
        side = (start + step) % 4
        run[side] = True
        if step == 3 or lines[side] != lines[(side + 1) % 4]:
            runs.append(((run[0], run[1], run[2], run[3]), side))
            run = list(_NO_SIDES)
    return runs


def content_mask(box: Box, lines: Lines, padding: Edges, radii: Radii,
                 border_only: bool = False) -> list[SvgNode]:
    """The black strokes that hide a box's border (and padding) areas in a white
    content mask, as the reference's ``border()`` with ``asContentMask``.

    Each run of sides is stroked along the outer contour, twice as wide as its
    border plus the padding of its last side (border only with ``border_only``).
    """
    out: list[SvgNode] = []
    for sides, side in side_runs(lines):
        width = (lines[side].width or 0.0) + (0.0 if border_only else padding[side])
        if width:
            out.append(SvgNode("path", {"fill": "none", "stroke": "#000", "stroke-width": width * 2,
                                        "d": edge_path(box, radii, sides=sides)}))
    return out


class _Drawer:
    """One pass of a border (``drawBorder``): its runs of sides, each stroked once."""

    def __init__(self, box: Box, lines: Lines, region_widths: Edges, radii: Radii, offset: Edges,
                 clip_id: str, id_prefix: str, shapes: list[SvgNode], defs: list[SvgNode]) -> None:
        self.box, self.lines, self.radii, self.offset = box, lines, radii, offset
        self.region_widths = region_widths
        self.clip = f"url(#{clip_id})"
        self.id_prefix = id_prefix
        self.shapes, self.defs = shapes, defs
        self.widths = _edges(lines)
        self.split = any(lines[i] != lines[(i + 1) % 4] for i in range(4))
        self.groups = 0
        self.ring_id: str | None = None
        self.max_width = max(self.widths)
        rounded_dashes = radii.rounded and any(line.style == "dashed" for line in lines)
        if (self.split or rounded_dashes) and not radii.shaped:
            # The area of the border, between its outer and inner edges; the
            # inner edge of shaped corners isn't known, so they go without.
            inner = tuple(o + w for o, w in zip(offset, self.widths))
            self.ring_id = f"{id_prefix}-ring"
            defs.append(SvgNode("clipPath", {"id": self.ring_id}, [SvgNode("path", {
                "d": contour(box, radii, offset) + contour(box, radii, inner, clamp=True),
                "clip-rule": "evenodd"})]))

    def draw(self) -> None:
        if not any(self.widths):
            return
        for sides, side in side_runs(self.lines):
            self._run(sides, self.lines[side])

    # -- clipping ----------------------------------------------------------------------------

    def _in_region(self, sides: Sides, content: SvgNode) -> SvgNode:
        clip_id = f"{self.id_prefix}-side{self.groups}"
        self.groups += 1
        self.defs.append(SvgNode("clipPath", {"id": clip_id}, [SvgNode("polygon", {
            "points": _sides_region(sides, self.box, self.region_widths)})]))
        return wrap_one(content, {"clip-path": url(clip_id)})

    def _in_ring(self, content: SvgNode) -> SvgNode:
        return wrap_one(content, {"clip-path": url(self.ring_id)})

    # -- runs --------------------------------------------------------------------------------

    def _run(self, sides: Sides, line: Line) -> None:
        if not line.width or not _visible(line.color):
            return
        assert line.color is not None
        stroke = line.color.to_css()
        if line.style in ("dotted", "dashed"):
            self._patterned_run(sides, line.style, stroke)
            return
        attrs: dict[str, str | float | None] = {
            "clip-path": self.clip, "fill": "none", "stroke": stroke, "stroke-width": line.width * 2}
        if not self.split:
            attrs["d"] = edge_path(self.box, self.radii, sides=sides, inset=self.offset)
            self.shapes.append(SvgNode("path", attrs))
            return
        # The whole corners, clipped where the sides meet and to the ring, so the
        # width changes along the corners.
        attrs["d"] = edge_path(self.box, self.radii, sides=sides, full_corners=True, inset=self.offset)
        if self.ring_id:
            attrs["stroke-width"] = self.max_width * 2
        path = SvgNode("path", attrs)
        self.shapes.append(self._in_region(sides, self._in_ring(path) if self.ring_id else path))

    def _patterned_run(self, sides: Sides, style: str, stroke: str) -> None:
        clipped = style == "dashed" and self.ring_id is not None and self.radii.rounded
        if style == "dashed" and all(sides) and self.radii.rounded:
            # One closed dashed contour around the whole rounded border.
            path = self._patterned(0, style, stroke, clipped)
            self.shapes.append(self._in_ring(path) if clipped else path)
            return
        for side in range(4):
            if not sides[side]:
                continue
            path = self._patterned(side, style, stroke, clipped and self.split)
            if self.split:
                only = tuple(i == side for i in range(4))
                path = self._in_region((only[0], only[1], only[2], only[3]),
                                       self._in_ring(path) if clipped else path)
            self.shapes.append(path)

    def _patterned(self, side: int, style: str, stroke: str, clipped: bool) -> SvgNode:
        attrs: dict[str, str | float | None] = {"clip-path": self.clip, "fill": "none", "stroke": stroke}
        attrs.update(patterned_side(side, style, self.box, self.widths, self.radii, self.offset,
                                    clipped))
        return SvgNode("path", attrs)


# -- dashes and dots ------------------------------------------------------------------------

def fit_dash_gap(length: float, dash: float, gap: float, closed: bool = False) -> float:
    """The gap nearest to ``gap`` with whole dashes: an open path starts and ends
    with a dash (Chrome's ``SelectBestDashGap``)."""
    fewer = math.floor((length if closed else length + gap) / (dash + gap))

    def spread(count: int, gaps: int) -> float:
        rest = length - count * dash
        if gaps == 0:
            return math.nan if rest == 0 else math.copysign(math.inf, rest)
        return rest / gaps

    fewer_gap = spread(fewer, fewer if closed else fewer - 1)
    more_gap = spread(fewer + 1, fewer + 1 if closed else fewer)
    return fewer_gap if more_gap <= 0 or abs(fewer_gap - gap) < abs(more_gap - gap) else more_gap


def quarter_arc(rx: float, ry: float) -> float:
    """A quarter of an ellipse's perimeter (Ramanujan's approximation)."""
    return math.pi * (3 * (rx + ry) - math.sqrt((3 * rx + ry) * (rx + 3 * ry))) / 4


def _closed_dasharray(length: float, dash: float, gap: float) -> str | None:
    """Whole dashes and gaps around a closed path; two smaller dashes on short
    paths and a solid line on shorter ones."""
    if length <= dash * 2:
        return None
    if length <= 2 * (dash + gap):
        scale = length / (2 * (dash + gap))
        return f"{fmt(dash * scale)} {fmt(gap * scale)}"
    return f"{fmt(dash)} {fmt(fit_dash_gap(length, dash, gap, True))}"


def _contour_length(radii: Radii, box: Box, inset: Sequence[float]) -> float:
    """The length of the closed contour inset by ``inset`` (``roundedContour``)."""
    t, r, b, l = inset
    left, top = box.x + l, box.y + t
    right, bottom = box.x + box.width - r, box.y + box.height - b
    tl, tr, br, bl = radii.inset(t, r, b, l).corners

    def corner(c: tuple[float, float]) -> float:
        return quarter_arc(*c) if c[0] > 0 and c[1] > 0 else math.hypot(*c)

    segments = [right - tr[0] - left - tl[0], corner(tr), bottom - br[1] - top - tr[1], corner(br),
                right - br[0] - left - bl[0], corner(bl), bottom - bl[1] - top - tl[1], corner(tl)]
    return sum(max(0.0, s) for s in segments)


def patterned_side(side: int, style: str, box: Box, widths: Edges, radii: Radii, offset: Edges,
                   clipped: bool = False) -> dict[str, str | float | None]:
    """The stroke attributes and path of a dotted or dashed side (``drawPatternedSide``).

    Dots are round, or square below 3px, with a dot at each corner. Dashes are
    twice as long as the width (three times below 3px) with a dash at each
    end, so they cover the corners with those of the next sides. On rounded
    boxes dashes go around the whole contour, and each side shows its own.
    ``clipped``: the line is clipped to the ring of the border, so it is drawn
    wide enough to cover it.
    """
    width = widths[side]
    only = tuple(i == side for i in range(4))
    if style == "dotted":
        inset = [o + w / 2 for o, w in zip(offset, widths)]
        length = (box.width - inset[1] - inset[3] if side % 2 == 0
                  else box.height - inset[0] - inset[2])
        is_round = width >= 3
        count = max(1, math.floor(length / (2 * width) + 0.5))
        return {"stroke-width": width,
                "stroke-linecap": "round" if is_round else None,
                "stroke-dasharray": f"0 {fmt(length / count)}" if is_round else f"{fmt(width)} {fmt(width)}",
                # Square dots start at the edge of the box.
                "stroke-dashoffset": None if is_round else width / 2,
                "d": edge_path(box, radii, sides=only, inset=inset)}

    dash = width * (2 if width >= 3 else 3)
    gap = width * (1 if width >= 3 else 2)

    def dasharray(length: float) -> str | None:
        # A line without room for two dashes is solid.
        return f"{fmt(dash)} {fmt(fit_dash_gap(length, dash, gap))}" if length > dash * 2 else None

    if radii.rounded:
        # Like Chrome: a closed path inset by half the widths (rounded down when
        # clipped), its length rounded down, with the same corner centres as the
        # border, so dashes are cut along the same lines as along its middle.
        half: Callable[[float], float] = (lambda w: float(math.trunc(w / 2))) if clipped else (lambda w: w / 2)
        inset = [o + half(w) for o, w in zip(offset, widths)]
        return {"stroke-width": 2 * max(widths) if clipped else width,
                "stroke-dasharray": _closed_dasharray(math.trunc(_contour_length(radii, box, inset)),
                                                      dash, gap),
                "d": edge_path(box, radii, inset=inset)}

    center = [o + w / 2 for o, w in zip(offset, widths)]
    if radii.any:
        # Shaped corners: from corner to corner, through both corners, so the
        # dashes at the ends of adjacent sides cover the corners together.
        reduced = radii.inset(*center).corners
        ends = (reduced[side], reduced[(side + 1) % 4])
        if any(x > 0 and y > 0 for x, y in ends):
            axis = 0 if side % 2 == 0 else 1
            length = ((box.width if side % 2 == 0 else box.height) - center[(side + 3) % 4]
                      - center[(side + 1) % 4] - sum(c[axis] - quarter_arc(*c) for c in ends))
            return {"stroke-width": width, "stroke-dasharray": dasharray(length),
                    "d": edge_path(box, radii, sides=only, full_corners=True, inset=center)}

    t, r, b, l = offset
    left, top = box.x + l, box.y + t
    right, bottom = box.x + box.width - r, box.y + box.height - b
    half_width = width / 2
    d = (f"M{fmt(left)} {fmt(top + half_width)}H{fmt(right)}",
         f"M{fmt(right - half_width)} {fmt(top)}V{fmt(bottom)}",
         f"M{fmt(right)} {fmt(bottom - half_width)}H{fmt(left)}",
         f"M{fmt(left + half_width)} {fmt(bottom)}V{fmt(top)}")[side]
    return {"stroke-width": width,
            "stroke-dasharray": dasharray(right - left if side % 2 == 0 else bottom - top), "d": d}
