"""Glyph outlines and their SVG path data.

Owns: building a glyph's outline, in font units, from TrueType points (read by
:mod:`.sfnt`, or from a fontTools ``glyf`` table) or a CFF charstring drawn by
fontTools (HarfBuzz draws those it can: :mod:`.cff_draw`); turning outlines placed on a baseline into SVG path data with the
reference's number format. The skip-ink bands of text decorations are :mod:`.skip_ink`.

Mirrors the reference's ``font.ts`` (``glyphPathData``, ``round``) and, for the command
sequence of an outline, what opentype.js (``@shuding/opentype.js``, which
Satori uses) builds:

* TrueType: a contour starts at its *last* point when that is on the curve
  (else at the first on-curve neighbour, or the midpoint of two off-curve
  points), emits ``L`` for every on-curve point - so it ends with an ``L`` back
  to the start - and ``Q`` with implied on-curve midpoints, then ``Z``.
  Composite glyphs use opentype.js's component transform
  (``x' = xScale*x + scale01*y + dx``), which differs from fontTools' for
  rotated components.
* CFF: ``M``/``L``/``C``/``Z`` exactly as the charstring draws them (a
  fontTools segment pen gives the same sequence).

Path data: each coordinate is ``x + (cx + skew*cy) * scale`` or
``y - cy * scale`` rounded to 0.1 half away from zero, printed without
exponent or ``-0`` and without separators other than those of
``M1 2L3 4Q5 6 7 8C...Z``, byte for byte like the reference.
"""
from __future__ import annotations

from math import trunc
import threading
import weakref
from collections.abc import Iterable
from typing import Any

from ..cache import BoundedCache
from ..errors import FontError

#: An outline in font units, y up: the command letters ("MLQCZ") and the flat
#: coordinates they consume (M/L: x y; Q: x1 y1 x y; C: x1 y1 x2 y2 x y).
Outline = tuple[str, tuple[float, ...]]
EMPTY_OUTLINE: Outline = ("", ())

#: The points each command consumes.
ARITY = {"M": 1, "L": 1, "Q": 2, "C": 3, "Z": 0}
#: Each command letter followed by a slot for each of its points ("\0" before each but
#: the first, which the letter itself precedes): the text before each point's x.
_SLOTS = str.maketrans({op: op + "\0 " * (k - 1) + "\0" if k else op for op, k in ARITY.items()})


# -- reading outlines -------------------------------------------------------------------

#: A TrueType glyph's points as columns: x, y, on-curve (a byte 1 or 0 per point) and
#: the index of each contour's last point (increasing; points after the last are not
#: drawn), like opentype.js's ``glyph.points`` with its ``lastPointOfContour`` flags.
Points = tuple[list[float], list[float], bytes, list[int]]
NO_POINTS: Points = ([], [], b"", [])
#: TrueType numbers a glyph's points with 16 bits (maxp's maxCompositePoints): a composite glyph
#: may have that many points, and visit that many components. A composite of composites grows
#: exponentially (three levels of 1000 components made 2.8e10 points of a 144 KB font, and
#: components that draw nothing cost the visits alone), so both readers count.
MAX_GLYPH_POINTS = 65535


def visit_component(visits: list[int]) -> None:
    """Count one component visited in reading one glyph (``visits``: a one-item counter
    shared by its recursion); FontError past :data:`MAX_GLYPH_POINTS`."""
    visits[0] += 1
    if visits[0] > MAX_GLYPH_POINTS:
        raise FontError(f"A composite glyph of a font visits more than {MAX_GLYPH_POINTS} components.")


def contour_ends(ends: Iterable[int], count: int) -> list[int]:
    """The points that end a contour, as opentype.js flags them: each listed index below
    ``count``, once, in order."""
    return sorted({e for e in ends if e < count})


def _glyf_points(glyf: Any, name: str, depth: int = 0, visits: list[int] | None = None) -> Points:
    """The points of a glyph of a fontTools ``glyf`` table, components placed."""
    visits = [0] if visits is None else visits
    glyph = glyf[name]
    if glyph.numberOfContours == 0 or depth > 16:
        return NO_POINTS
    if not glyph.isComposite():
        coords = glyph.coordinates
        return ([c[0] for c in coords], [c[1] for c in coords], bytes(f & 1 for f in glyph.flags),
                contour_ends(glyph.endPtsOfContours, len(coords)))
    xs: list[float] = []
    ys: list[float] = []
    on = b""
    ends: list[int] = []
    for comp in glyph.components:
        visit_component(visits)
        part = _glyf_points(glyf, comp.glyphName, depth + 1, visits)
        if not part[0]:
            continue
        if hasattr(comp, "transform"):
            (xx, s01), (s10, yy) = comp.transform
        else:
            xx, s01, s10, yy = 1, 0, 0, 1
        if hasattr(comp, "firstPt"):
            # Positioned by matching a point of the glyph so far with one of
            # the component (rare); opentype.js throws when out of range.
            if comp.firstPt >= len(xs) or comp.secondPt >= len(part[0]):
                raise ValueError(f"Matched points out of range in {name}")
            px, py = part[0][comp.secondPt], part[1][comp.secondPt]
            dx = xs[comp.firstPt] - (xx * px + s01 * py + 0)
            dy = ys[comp.firstPt] - (s10 * px + yy * py + 0)
        else:
            dx, dy = comp.x, comp.y
        on, ends = append_points(xs, ys, on, ends, part, (xx, s01, s10, yy, dx, dy))
    return xs, ys, on, ends


def append_points(xs: list[float], ys: list[float], on: bytes, ends: list[int], part: Points,
                  place: tuple[float, ...]) -> tuple[bytes, list[int]]:
    """Append a component's points to a composite glyph's ``xs``/``ys`` (in place); the
    composite's new on-curve bytes and contour ends. ``place`` is opentype.js's
    transform ``(xScale, scale01, scale10, yScale, dx, dy)``: ``x' = xScale*x + scale01*y
    + dx``, ``y' = scale10*x + yScale*y + dy``; or only ``(dx, dy)``: ``x + dx, y + dy``."""
    sx, sy, son, sends = part
    base = len(xs)
    if base + len(sx) > MAX_GLYPH_POINTS:
        raise FontError(f"A composite glyph of a font has more than {MAX_GLYPH_POINTS} points.")
    if len(place) == 2:
        dx, dy = place
        xs += [x + dx for x in sx]
        ys += [y + dy for y in sy]
    else:
        xx, s01, s10, yy, dx, dy = place
        xs += [xx * x + s01 * y + dx for x, y in zip(sx, sy)]
        ys += [s10 * x + yy * y + dy for x, y in zip(sx, sy)]
    return on + son, ends + [e + base for e in sends]


def glyf_outline(glyf: Any, name: str) -> Outline:
    """The outline of a TrueType glyph of a fontTools ``glyf`` table."""
    return points_outline(_glyf_points(glyf, name))


#: On-curve bytes -> the command of their point (off-curve: "Q").
_COMMAND = bytes.maketrans(b"\0\1", b"QL")


def points_outline(points: Points) -> Outline:
    """The outline of a TrueType glyph's points, built like opentype.js's ``getPath``:
    each contour starts at its last point when on the curve, else at its first when on
    the curve, else at their midpoint; then every point emits ``L x y`` when on the
    curve, else ``Q x y ex ey``, e being the next point of the contour when that is on
    the curve, else their midpoint; then ``Z``."""
    xs, ys, on, ends = points
    if not ends:
        return EMPTY_OUTLINE
    ops: list[str] = []
    out: list[float] = []
    commands = on.translate(_COMMAND).decode("ascii")
    first = 0
    for last in ends:
        if on[last]:
            out += (xs[last], ys[last])
        elif on[first]:
            out += (xs[first], ys[first])
        else:
            out += ((xs[last] + xs[first]) * 0.5, (ys[last] + ys[first]) * 0.5)
        ops += ("M", commands[first:last + 1], "Z")
        for i in range(first, last + 1):
            x, y = xs[i], ys[i]
            if on[i]:
                out += (x, y)
            else:
                j = i + 1 if i < last else first
                if on[j]:
                    out += (x, y, xs[j], ys[j])
                else:
                    out += (x, y, (x + xs[j]) * 0.5, (y + ys[j]) * 0.5)
        first = last + 1
    return "".join(ops), tuple(out)


class _RecordingPen:
    """A fontTools segment pen recording the commands of CFF charstrings."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.out: list[float] = []

    def moveTo(self, pt: tuple[float, float]) -> None:  # noqa: N802 (pen protocol)
        self.ops.append("M")
        self.out += pt

    def lineTo(self, pt: tuple[float, float]) -> None:  # noqa: N802
        self.ops.append("L")
        self.out += pt

    def curveTo(self, *pts: tuple[float, float]) -> None:  # noqa: N802
        # Charstrings give one cubic per call; more points would be a
        # poly-bezier, which is split the way fontTools' BasePen does it.
        if len(pts) == 3:
            self.ops.append("C")
            for p in pts:
                self.out += p
            return
        from fontTools.pens.basePen import decomposeSuperBezierSegment
        for seg in decomposeSuperBezierSegment(list(pts)):
            self.curveTo(*seg)

    def qCurveTo(self, *pts: tuple[float, float] | None) -> None:  # noqa: N802
        from fontTools.pens.basePen import decomposeQuadraticSegment
        real = [p for p in pts if p is not None]
        for c, e in decomposeQuadraticSegment(real):
            self.ops.append("Q")
            self.out += (*c, *e)

    def closePath(self) -> None:  # noqa: N802
        self.ops.append("Z")

    def endPath(self) -> None:  # noqa: N802
        # An open CFF contour is still closed by opentype.js at endchar.
        self.ops.append("Z")

    def addComponent(self, name: str, transform: Any) -> None:  # noqa: N802
        pass  # CFF has no components.


def pen_outline(glyph_set: Any, name: str) -> Outline:
    """The outline of a glyph drawn through a fontTools glyph set (CFF)."""
    pen = _RecordingPen()
    glyph_set[name].draw(pen)
    return "".join(pen.ops), tuple(pen.out)


# -- numbers ---------------------------------------------------------------------------

class _Halves(dict[int, str]):
    """``int(v * 20)`` -> the text of ``v`` rounded to 0.1 half away from zero, between
    ``prefix`` and ``suffix``.

    Why twenty: the reference computes ``Math.round(v * 10)`` (on ``-v`` for
    negative v). Scaling by 2 is exact, so ``v * 20`` is exactly twice the
    reference's ``v * 10``, and with k = trunc(v * 20) the rounded tenths are
    ``sign(k) * ((|k| + 1) // 2)`` - one multiplication, one truncation and a
    table lookup per number, exact for every double.

    ``room`` (shared by the tables of y numbers) is how many more texts may be kept: a
    bound, as coordinates rarely leave +-50000 px. It is counted without a lock: two
    threads may both take the last place, which only moves the bound by one.
    """

    def __init__(self, prefix: str = "", suffix: str = "", room: list[int] | None = None) -> None:
        super().__init__()
        self.prefix = prefix
        self.suffix = suffix
        self.room = [_TABLE_ROOM] if room is None else room

    def __missing__(self, k: int) -> str:
        text = self.prefix + _tenths(k) + self.suffix
        if self.room[0] > 0:
            self.room[0] -= 1
            self[k] = text
        return text


def _tenths(k: int) -> str:
    """The text of the number whose :class:`_Halves` key is ``k``."""
    n = (abs(k) + 1) // 2
    q, r = divmod(n, 10)
    text = str(q) if r == 0 else f"{q}.{r}"
    return "-" + text if k < 0 and n else text


# Texts each table keeps (the y tables together): the 24 benchmark cards and five rounds
# of new text use 19,000 y texts and no x text past the list. A million each let a stream
# of cards with text at ever new positions hold 300 MB for good (hostile16); a text not
# kept is made again where it is needed.
_TABLE_ROOM = 100_000
_HALVES = _Halves()


class _YTable:
    """The texts ``" " + y + literal`` of the y numbers a literal follows, by :class:`_Halves`
    key: those kept are in :attr:`texts`, a plain dict (a template looks each point's text up
    there: the lookup of a dict subclass, not specialised by the interpreter, cost 15 % more),
    and indexing the table makes the others (keeping them while ``room`` lasts)."""

    __slots__ = ("literal", "texts", "room")

    def __init__(self, literal: str, room: list[int]) -> None:
        self.literal = literal
        self.texts: dict[int, str] = {}
        self.room = room

    def __getitem__(self, k: int) -> str:
        text = self.texts.get(k)
        if text is None:
            text = " " + _tenths(k) + self.literal
            if self.room[0] > 0:
                self.room[0] -= 1
                self.texts[k] = text
        return text


class _YTables(dict[str, _YTable]):
    """The literal after a y number (the text up to the next x: ``" "``, ``"L"``, ``"ZM"``,
    ``"Z"``, ...) -> the table of the y numbers it follows, each text ``" " + y + literal``:
    a baseline's template is looked up whole, not joined per point. The literals are a
    command letter after some ``Z``; a font of empty contours could make many, so past
    :data:`_MAX_Y_TABLES` a table keeps nothing and is not kept."""

    def __missing__(self, literal: str) -> _YTable:
        if len(self) >= _MAX_Y_TABLES:
            return _YTable(literal, [0])
        table = self[literal] = _YTable(literal, _Y_ROOM)
        return table


_MAX_Y_TABLES = 32
_Y_ROOM = [_TABLE_ROOM]  # the y tables keep this many texts together
_Y_TABLES = _YTables()
_y_table = _Y_TABLES.__getitem__

#: Command letters -> the text before the first x number and the y table of each point (see
#: :class:`ScaledOutline`), and the kept texts of each: glyphs of one shape (the same glyph at
#: other sizes or in other faces of a font, stems, dots) share them. Bounded by entries and by
#: the letters and points held (a glyph may have 65,535 points).
Shape = tuple[str, tuple[_YTable, ...], tuple[dict[int, str], ...]]
_SHAPES: BoundedCache[Shape] = BoundedCache(
    4096, weigh=lambda shape: 3 * len(shape[1]), max_weight=3 * 2 ** 17)


#: The texts of x numbers by key ``k = trunc(v * 20)`` for ``v`` from 0 to :data:`_LISTED_X`
#: px, as :data:`_HALVES` has them, in a list: indexing it costs less than looking a key up in
#: a dict (an x number is the hot loop of text output: its key and text are most of a fresh
#: render's glyph drawing). Grown by :func:`_listed_x`, up to the key an x number needs.
_X_TEXTS: list[str] = []
_LISTED_X = 8192  # px: further right (or left of 0), x numbers are looked up in _HALVES
_X_LOCK = threading.Lock()
_DECIMALS = ("", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")


def _listed_x(key: int) -> list[str]:
    """:data:`_X_TEXTS`, holding at least ``key`` (up to ``20 * _LISTED_X``). Grown in whole
    units of px (their ten texts made by one comprehension of C-level concatenations, not a
    text per key): the keys of ``n`` tenths are ``2n - 1`` and ``2n`` (``n = (k + 1) // 2``),
    so each text is listed twice after the first, 0."""
    if key >= len(_X_TEXTS):
        with _X_LOCK:  # another thread may have grown it meanwhile
            listed = (len(_X_TEXTS) + 1) // 2  # the tenths listed: whole units
            if key >= 2 * listed - 1:
                first = listed // 10
                last = min(max(key // 20 + 1, 2 * first), _LISTED_X)  # at least doubled
                tenths = [unit + decimal for unit in map(str, range(first, last + 1)) for decimal in _DECIMALS]
                twice = tenths + tenths
                twice[0::2] = tenths
                twice[1::2] = tenths
                _X_TEXTS.extend(twice if listed else twice[1:])
    return _X_TEXTS


def fmt_tenth(value: float) -> str:
    """Format a path coordinate like the reference's ``round``: to 0.1, half
    away from zero, ``347.0`` -> ``"347"``, ``-0.04`` -> ``"0"`` (never ``-0``,
    never an exponent). Path data's x numbers are written alike, from :data:`_X_TEXTS` when
    listed there (see :func:`place`)."""
    return _HALVES[int(value * 20.0)]


# -- placing outlines ------------------------------------------------------------------

#: The y numbers an outline keeps filled in, per outline (a line of text per baseline).
TEMPLATES_PER_OUTLINE = 16


class ScaledOutline:
    """An outline prepared for one scale and skew, and its path data per baseline.

    ``dx`` is added to the glyph's x and ``cy * scale`` (``ys``: the outline's y numbers, in
    font units) taken from its baseline y before rounding (a point each; ``y - cy * scale`` is
    ``y + -(cy * scale)``, the reference's sum, exactly). The path data is ``head``, point 0's x, a space and point 0's y,
    the text up to point 1's x, point 1's x, ... and after the last y the closing
    text; ``tables`` holds, per point, the table that gives its y number's text with
    the space before and that literal after (:class:`_YTables`), and ``texts`` the texts each
    of them keeps. A glyph without points has its whole text in ``head``.

    ``templates`` keeps, per baseline y the glyph was drawn on (up to
    :data:`TEMPLATES_PER_OUTLINE`), the text around its x numbers with the y
    numbers filled in (:meth:`template`): a glyph drawn again on a line of a card
    made from the same template, or of the same card with new text, only formats
    its x numbers. Not a value class: the memo changes (a dict's reads and writes
    are atomic, and a lost entry is made again).
    """

    __slots__ = ("head", "tables", "texts", "dx", "ys", "scale", "left", "right", "templates")

    def __init__(self, shape: Shape, dx: tuple[float, ...], ys: tuple[float, ...], scale: float) -> None:
        self.head, self.tables, self.texts = shape
        self.dx = dx
        self.ys = ys
        self.scale = scale
        # The least and the greatest dx: the x numbers' range. (``default=`` is a keyword argument:
        # parsing it cost min() and max() more than comparing a glyph's numbers.)
        self.left = min(dx) if dx else 0.0
        self.right = max(dx) if dx else 0.0
        self.templates: dict[float, tuple[str, tuple[str, ...]]] = {}

    def template(self, y: float) -> tuple[str, tuple[str, ...]]:
        """The text before this glyph's first x number on baseline ``y``, and the text after
        each x number up to the next one (its y number first; the last also closes the
        glyph): each a lookup of ``trunc((y - cy * scale) * 20)`` in the point's table (the
        rise ``cy * scale`` multiplied here, not kept: most outlines of a render are drawn on
        one baseline). Made here,
        counted by the caller (:func:`place`, once for all the templates it made: a text
        per point, held like a point, see :func:`_held`)."""
        scale = self.scale
        try:  # the texts kept, looked up in plain dicts
            hit = (self.head, tuple([texts[trunc((y - cy * scale) * 20.0)] for texts, cy in zip(self.texts, self.ys)]))
        except KeyError:  # a number not kept yet: the tables make it
            hit = (self.head, tuple([table[trunc((y - cy * scale) * 20.0)] for table, cy in zip(self.tables, self.ys)]))
        if len(self.templates) >= TEMPLATES_PER_OUTLINE:
            self.templates.clear()
        self.templates[y] = hit
        return hit


def scale_outline(outline: Outline, scale: float, skew: float = 0.0) -> ScaledOutline:
    """Prepare ``outline`` for ``scale`` (px per font unit) and ``skew``.

    The offsets are computed with the reference's operation order,
    ``(cx + skew * cy) * scale`` and ``cy * scale``, so that adding the first to
    the position, and taking the second from the baseline (which is adding its
    negation, ``-(cy * scale)``, exactly), gives the very same doubles it rounds. Both are list
    comprehensions (on Python 3.11 a comprehension's specialised float arithmetic costs a third less
    than a chain of ``map`` over ``operator`` functions), and the literals come from one ``translate`` of the command letters
    (each letter becomes itself and its points' slots, ``"\\0"``-separated; a
    ``Z`` has none, so it joins the next letter's literal or the tail).
    """
    ops, coords = outline
    shape = _SHAPES.get(ops)
    if shape is None:
        literals = ops.translate(_SLOTS).split("\0")
        tables = tuple(map(_y_table, literals[1:]))
        shape = (literals[0], tables, tuple([table.texts for table in tables]))
        _SHAPES.put(ops, shape)
    xs, ys = coords[0::2], coords[1::2]
    # Unslanted, cx + 0 * cy is cx (or a zero of the other sign, which rounds alike).
    if skew:
        dx = tuple([(cx + skew * cy) * scale for cx, cy in zip(xs, ys)])
    else:
        dx = tuple([cx * scale for cx in xs])
    return ScaledOutline(shape, dx, ys, scale)


def place(glyphs: Iterable[tuple[ScaledOutline, float, float]]) -> str:
    """The path data of glyphs placed at ``(x, baseline y)``, concatenated.

    The text around the x numbers comes from each glyph's template for its baseline
    (:meth:`ScaledOutline.template`); the x numbers of all the glyphs are formatted
    by one comprehension, and the two sequences interleaved by one join."""
    texts = [""]  # the text between consecutive x numbers
    xs: list[float] = []
    offsets: list[tuple[float, ...]] = []
    made = 0  # the points of the templates made
    lowest = highest = 0.0  # the least and the greatest x + dx
    for scaled, x, y in glyphs:
        hit = scaled.templates.get(y)
        if hit is None:
            hit = scaled.template(y)
            made += len(scaled.dx)
        first, rest = hit
        texts[-1] += first
        texts += rest
        xs.append(x)
        offsets.append(scaled.dx)
        if x + scaled.left < lowest:
            lowest = x + scaled.left
        if x + scaled.right > highest:
            highest = x + scaled.right
    # The key of x + dx for every point of every glyph, in order, looked up in one comprehension
    # (``trunc`` is ``int`` for a float, at half the cost of calling the type).
    if lowest >= 0.0 and highest < _LISTED_X:
        # Rounding is monotonic: every key is from 0 to the greatest x + dx's, all listed.
        table: list[str] | _Halves = _listed_x(trunc(highest * 20.0))
    else:
        table = _HALVES
    numbers = [table[trunc((x + dx) * 20.0)] for x, offset in zip(xs, offsets) for dx in offset]
    out = [""] * (2 * len(texts) - 1)
    out[0::2] = texts
    out[1::2] = numbers
    if made:
        _count(made)
    return "".join(out)


def glyph_path_d(outline: Outline, x: float, y: float, scale: float, skew: float = 0.0) -> str:
    """The path data of one glyph with its origin at ``(x, baseline y)``."""
    return place([(scale_outline(outline, scale, skew), x, y)])


# Bounds of the outline caches: entries per face, and outline points held by the caches of
# all faces together. A user font's glyph may have 65,535 points: bounded by entries alone,
# the caches of a 1.3 MB font whose a-z have 20,000 points each grew by 90 MB with each render
# at a new font size, for good.
OUTLINE_CACHE_SIZE = 65536
SCALED_CACHE_SIZE = 32768
CACHED_POINTS = 1_000_000

_CACHES: weakref.WeakSet[GlyphCache] = weakref.WeakSet()
_LOCK = threading.Lock()
_added = [0]  # points put in any cache since the last count: at least what they hold


def _held(cache: GlyphCache) -> int:
    """The points ``cache`` holds: of its outlines, and of its scaled outlines once more for
    each baseline template (each holds a text per point, some 70 bytes; a point of an
    outline or of a scaled outline's offsets is some 60)."""
    return (sum(len(coords) for _, coords in list(cache._outlines.values())) // 2
            + sum(len(scaled.dx) * (1 + len(scaled.templates)) for scaled in list(cache._scaled.values())))


def _count_points(cache: GlyphCache, points: int) -> None:
    """Count ``points`` put in ``cache`` (see :func:`_count`). A cache is registered with its
    first entry (a WeakSet's add per entry cost as much as the count): one that holds
    entries has had a first, and registered caches stay registered when emptied."""
    if not cache._outlines and not cache._scaled:
        _CACHES.add(cache)
    _count(points)


def _count(points: int) -> None:
    """Count ``points`` put in a cache; past :data:`CACHED_POINTS`, count what the live caches
    hold, and empty them all if that is still over."""
    with _LOCK:
        _added[0] += points
        if _added[0] <= CACHED_POINTS:
            return
        caches = list(_CACHES)
        held = sum(map(_held, caches))
        if held > CACHED_POINTS:
            for each in caches:
                each._outlines.clear()
                each._scaled.clear()
            held = 0
        _added[0] = held


class GlyphCache:
    """The outline caches of a face (or of one instance of a variable face).

    Subclasses set ``_outlines`` and ``_scaled`` dicts and implement ``outline``.
    """

    __slots__ = ()
    _outlines: dict[int, Outline]
    _scaled: dict[tuple[int, float, float], ScaledOutline]

    def outline(self, gid: int) -> Outline:
        raise NotImplementedError

    def _remember(self, gid: int, outline: Outline) -> Outline:
        if len(self._outlines) >= OUTLINE_CACHE_SIZE:
            self._outlines.clear()
        _count_points(self, len(outline[1]) // 2)
        self._outlines[gid] = outline
        return outline

    def scaled(self, gid: int, scale: float, skew: float) -> ScaledOutline:
        """Glyph ``gid`` prepared for ``scale`` px per unit and ``skew`` (cached)."""
        key = (gid, scale, skew)
        hit = self._scaled.get(key)
        if hit is None:
            hit = scale_outline(self.outline(gid), scale, skew)
            if len(self._scaled) >= SCALED_CACHE_SIZE:
                self._scaled.clear()
            _count_points(self, len(hit.dx))
            self._scaled[key] = hit
        return hit
