"""Box geometry for painting: corner radii, and the contours of boxes and of runs of sides.

Mirrors the reference's ``builder/border-radius.ts``:

* :func:`resolve_radii` is ``resolveBorderRadii``. Its clamping is not the CSS
  one (one factor for all corners): each edge's pair of radii is settled on
  its own (``resolveSize``), a corner given as one length is then made
  circular with the smaller of its two radii (``makeSmaller``), and boxes with
  inward (negative) corner shapes are scaled so opposite corners don't cross.
* :func:`edge_path` is ``radius()``: the closed contour of a box, or of a run
  of sides from and to the middle of the corners at its ends (or through the
  whole corners), inset by border widths; shaped corners come from
  :mod:`.corners`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..style.types import Calc, LengthToken, Percent
from ..svg import fmt
from .box_shape import CORNERS, ROUND, Box, Corner, Point, Radii

__all__ = ["CORNERS", "Box", "Radii", "clamp_radii", "corner_shapes", "edge_path", "rect_path",
           "resolve_radii", "word_px"]


def word_px(word: str | LengthToken, basis: float) -> float | None:
    """A word of a background, mask or gradient as the style stage read it, in px: a
    percentage of ``basis`` (:meth:`~satori_py.style.types.Percent.px`); None for a
    keyword or a word that is not a length (the reference's NaN)."""
    if isinstance(word, Percent):
        return word.px(basis)
    return None if isinstance(word, str) else word

# -- radii ----------------------------------------------------------------------------------

_SHAPE_KEYS = tuple(f"corner{corner}Shape" for corner in CORNERS)
_RADIUS_KEYS = tuple(f"border{corner}Radius" for corner in CORNERS)


def corner_shapes(style: Any) -> tuple[float, float, float, float]:
    """The four corner shapes of a style (each longhand's superellipse parameter, computed
    by the style stage; round when not set)."""
    get = style.get
    tl, tr, br, bl = get(_SHAPE_KEYS[0], 1.0), get(_SHAPE_KEYS[1], 1.0), get(_SHAPE_KEYS[2], 1.0), \
        get(_SHAPE_KEYS[3], 1.0)
    if tl == tr == br == bl == 1.0:
        return ROUND
    return float(tl), float(tr), float(br), float(bl)


def _length(value: Any, basis: float) -> float:
    if isinstance(value, (Percent, Calc)):
        resolved = float(value.resolve(basis))
        return resolved if math.isfinite(resolved) else 0.0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return 0.0


def _is_relative(value: Any) -> bool:
    # Math functions without percentages were resolved to px by the style stage.
    return isinstance(value, (Percent, Calc))


def _corner(value: Any, width: float, height: float) -> tuple[float, float, bool]:
    """A corner's (rx, ry) limited to the box, and whether it was one absolute length.

    The style keeps one length as is and two as an (h, v) pair; one absolute
    length ends up circular once fitted (a percentage is two radii, of the
    width and of the height).
    """
    if value is None:
        return 0.0, 0.0, True
    pair = isinstance(value, (tuple, list))
    rx, ry = value if pair else (value, value)
    single = not pair and not _is_relative(value)
    x = max(0.0, min(_length(rx, width), width))
    y = max(0.0, min(_length(ry, height), height))
    return x, y, single


def _fit(a: float, b: float, limit: float) -> tuple[float, float]:
    """Two radii along an edge of length ``limit`` (``resolveSize``)."""
    if limit < a + b:
        if limit / 2 < a and limit / 2 < b:
            a = b = limit / 2
        elif limit / 2 < a:
            a = limit - b
        elif limit / 2 < b:
            b = limit - a
    return a, b


def _opposite_scale(first: Corner, second: Corner, width: float, height: float) -> float:
    return min(1.0, width / ((first[0] + second[0]) or width or 1.0),
               height / ((first[1] + second[1]) or height or 1.0))


def clamp_radii(corners: Sequence[tuple[float, float, bool]], width: float, height: float,
                shapes: tuple[float, float, float, float] = ROUND) -> Radii:
    """The radii of a box from each corner's (rx, ry, given as one length), fitted to it."""
    tl, tr, br, bl = ([c[0], c[1]] for c in corners)
    tl[0], tr[0] = _fit(tl[0], tr[0], width)
    bl[0], br[0] = _fit(bl[0], br[0], width)
    tl[1], bl[1] = _fit(tl[1], bl[1], height)
    tr[1], br[1] = _fit(tr[1], br[1], height)
    for radius, (_, _, single) in zip((tl, tr, br, bl), corners):
        if single:
            radius[0] = radius[1] = min(radius)
    if any(shape < 0 for shape in shapes):
        # Inward corners reach towards the opposite corner, not just along the edges.
        scale = min(_opposite_scale((tl[0], tl[1]), (br[0], br[1]), width, height),
                    _opposite_scale((tr[0], tr[1]), (bl[0], bl[1]), width, height))
        if scale < 1:
            for radius in (tl, tr, br, bl):
                radius[0] *= scale
                radius[1] *= scale
    return Radii((tl[0], tl[1]), (tr[0], tr[1]), (br[0], br[1]), (bl[0], bl[1]), shapes)


def _is_zero(value: Any) -> bool:
    return not value or value == (0.0, 0.0)


def resolve_radii(style: Any, width: float, height: float) -> Radii:
    """The border radii of a box of ``width`` x ``height``, fitted as the reference does."""
    get = style.get
    values = (get(_RADIUS_KEYS[0]), get(_RADIUS_KEYS[1]), get(_RADIUS_KEYS[2]), get(_RADIUS_KEYS[3]))
    shapes = corner_shapes(style)
    if width >= 0 and height >= 0 and all(_is_zero(value) for value in values):
        return _square(shapes)  # most boxes: nothing to fit
    try:
        return _fitted(values, shapes, width, height)
    except TypeError:  # a value that cannot be a key (a list): fitted without the memo
        return _fitted.__wrapped__(values, shapes, width, height)


@lru_cache(maxsize=64)
def _square(shapes: tuple[float, float, float, float]) -> Radii:
    return Radii(shapes=shapes)


@lru_cache(maxsize=1024)
def _fitted(values: tuple[Any, Any, Any, Any], shapes: tuple[float, float, float, float],
            width: float, height: float) -> Radii:
    """The radii of the corner values of a style fitted to a box (a pure function of its
    immutable arguments, memoised: the same boxes come back render after render)."""
    return clamp_radii([_corner(value, width, height) for value in values], width, height, shapes)


# -- contours -------------------------------------------------------------------------------

def _pt(p: Point) -> str:
    return f"{fmt(p[0])} {fmt(p[1])}"


def _arc_offset(r: Corner) -> float:
    """How far the 45-degree point of an elliptical arc is from its centre, on each axis
    (``svgArcCenterOffset``, rounded to 3 decimals as the reference does)."""
    rx, ry = r
    if round(rx * 1000) == 0 and round(ry * 1000) == 0:
        return 0.0
    return math.floor(rx * ry / math.sqrt(rx * rx + ry * ry) * 1000 + 0.5) / 1000


class _Corner(NamedTuple):
    start: Point
    middle: Point
    end: Point
    radii: Corner


def _round_corners(box: Box, radii: Radii) -> list[_Corner]:
    """Each corner's start, 45-degree point and end, clockwise from the top left."""
    left, top = box.x, box.y
    right, bottom = left + box.width, top + box.height
    (tlx, tly), (trx, try_), (brx, bry), (blx, bly) = radii.corners
    c = [_arc_offset(r) for r in radii.corners]
    return [
        _Corner((left, top + tly), (left + tlx - c[0], top + tly - c[0]), (left + tlx, top), radii.tl),
        _Corner((right - trx, top), (right - trx + c[1], top + try_ - c[1]), (right, top + try_),
                radii.tr),
        _Corner((right, bottom - bry), (right - brx + c[2], bottom - bry + c[2]),
                (right - brx, bottom), radii.br),
        _Corner((left + blx, bottom), (left + blx - c[3], bottom - bly + c[3]),
                (left, bottom - bly), radii.bl),
    ]


class _Pen:
    """Path data with elliptical arcs; degenerate arcs are lines, as in SVG."""

    def __init__(self, start: Point) -> None:
        self.parts = [f"M{_pt(start)}"]
        self.at = start

    def line(self, to: Point) -> None:
        if to == self.at:
            return
        if to[1] == self.at[1]:
            self.parts.append(f"H{fmt(to[0])}")
        elif to[0] == self.at[0]:
            self.parts.append(f"V{fmt(to[1])}")
        else:
            self.parts.append(f"L{_pt(to)}")
        self.at = to

    def arc(self, r: Corner, to: Point) -> None:
        if to == self.at:
            return
        if r[0] > 0 and r[1] > 0:
            self.parts.append(f"A{fmt(r[0])} {fmt(r[1])} 0 0 1 {_pt(to)}")
            self.at = to
        else:
            self.line(to)

    def text(self, close: bool = False) -> str:
        return "".join(self.parts) + ("Z" if close else "")


def _run_start(sides: Sequence[bool]) -> int:
    """The first side of the run of sides (the one after a side not in it)."""
    if not any(sides):
        raise ValueError("a run of sides needs at least one side")
    if all(sides):
        return 0
    start = sides.index(False)
    while not sides[start]:
        start = (start + 1) % 4
    return start


def _round_path(box: Box, radii: Radii, sides: Sequence[bool] | None, full_corners: bool) -> str:
    corners = _round_corners(box, radii)
    if sides is None:
        pen = _Pen(corners[0].end)
        for side in range(4):
            nxt = corners[(side + 1) % 4]
            pen.line(nxt.start)
            pen.arc(nxt.radii, nxt.end)
        return pen.text(close=True)
    start = _run_start(sides)
    first = corners[start]
    pen = _Pen(first.start if full_corners else first.middle)
    pen.arc(first.radii, first.end)
    count = 0
    while count < 4 and sides[(start + count) % 4]:
        count += 1
    for step in range(count):
        nxt = corners[(start + step + 1) % 4]
        pen.line(nxt.start)
        last = step == count - 1
        pen.arc(nxt.radii, nxt.middle if last and not full_corners else nxt.end)
    return pen.text()


def edge_path(box: Box, radii: Radii, *, sides: Sequence[bool] | None = None,
              full_corners: bool = False, inset: Sequence[float] | None = None) -> str:
    """Path data of a box's contour (``radius()`` of the reference).

    Without ``sides``, the closed contour. With ``sides`` (top, right, bottom,
    left), the open run of adjacent sides, from and to the 45-degree points of
    the corners at its ends, or through those corners with ``full_corners``.
    ``inset`` (top, right, bottom, left) moves the edges in, with the radii
    reduced by as much.
    """
    return _edge_path(Box(*box), radii, None if sides is None else tuple(sides), full_corners,
                      None if inset is None else tuple(inset))


@lru_cache(maxsize=2048)
def _edge_path(box: Box, radii: Radii, sides: tuple[bool, ...] | None, full_corners: bool,
               inset: tuple[float, ...] | None) -> str:
    """:func:`edge_path` of hashable arguments, memoised: the same boxes are drawn render
    after render (equal numbers give equal text, so 1 and 1.0 may share an entry)."""
    if inset is not None:
        t, r, b, l = inset
        box = Box(box.x + l, box.y + t, max(0.0, box.width - l - r), max(0.0, box.height - t - b))
        radii = radii.inset(t, r, b, l)
    if radii.shaped:
        from .corners import shaped_path  # here: only boxes with shaped corners need it
        return shaped_path(box, radii, sides, full_corners)
    return _round_path(box, radii, sides, full_corners)


def rect_path(x: float, y: float, w: float, h: float, radii: Radii | None = None) -> str:
    """SVG path data of a closed (rounded or shaped) rectangle, clockwise from the top-left."""
    if radii is None or not radii.any:
        return f"M{fmt(x)} {fmt(y)}H{fmt(x + w)}V{fmt(y + h)}H{fmt(x)}Z"
    return edge_path(Box(x, y, w, h), radii)
