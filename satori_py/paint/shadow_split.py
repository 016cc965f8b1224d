"""A blurred outer box shadow in pieces: gradients along the straight edges, the blur only at the corners.

resvg's time for a blurred shadow goes with the area of the filter's region,
and for a large box most of that area is where the blur cannot change
anything: along a straight edge the blurred shape is the same in every row (or
column), the blur's profile across the edge; inside the box the shadow is
masked away. So, for an untransformed box large enough for it (see
:func:`split_shadow`), the shadow is drawn as

* bands beside the box's straight edges, filled with a linear gradient that
  samples the blur's profile across the edge (a Gaussian of standard deviation
  ``sigma``, which resvg's box blur approximates: the bands differ from the
  blurred pixels by a level or two at most);
* the corners (or, when one axis is too short to have a straight part, the two
  ends), each the moved shape blurred by the shadow's filter in a region that
  covers the corner and the blur's reach around it, the result kept to the
  corner (the blur primitive's subregion) and masked off the box as before.

The pieces tile what the one filter would have drawn outside the box, on whole
pixels, so they meet without seams; every piece is cut to that filter's region
(which ends the tail of small blurs where the reference's region does).
"""
from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence

from ..frozen import Frozen
from .geometry import Radii

__all__ = ["Band", "Corner", "Rect", "box_blur", "box_blur_reach", "box_blur_widths", "fewest_stops",
           "profile_stops", "split_shadow"]

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

# Split only when the corners' filter regions come to at most this share of the one region.
_WORTH = 0.6


class Band(Frozen):
    """A rectangle beside a straight edge, filled with the blur's profile across it."""

    rect: Rect
    vertical: bool  # the profile runs along y (a band above or below the box)


class Corner(Frozen):
    """A corner (or an end) drawn through the blur: ``region`` is the filter's region,
    ``keep`` the part of it the corner draws."""

    region: Rect
    keep: Rect


def _area(r: Rect) -> float:
    return max(r[2] - r[0], 0.0) * max(r[3] - r[1], 0.0)


def _middle(shape: tuple[float, float], box: tuple[float, float], corners: tuple[float, float],
            spread: float, reach: int) -> tuple[int, int] | None:
    """The whole-pixel span along one axis where the moved shape is straight for a reach on
    either side and the box is straight too (so the box covers the shadow between its edges).
    ``corners``: how far the box's corners reach along the axis from each end; the shape's are
    those grown (or shrunk) by the spread."""
    lo = math.ceil(max(shape[0] + max(corners[0] + spread, 0.0) + reach, box[0] + corners[0]))
    hi = math.floor(min(shape[1] - max(corners[1] + spread, 0.0) - reach, box[1] - corners[1]))
    return (lo, hi) if hi > lo else None


def split_shadow(box: Rect, radii: Radii, shape: Rect, spread: float, reach: int,
                 region: Rect) -> tuple[list[Band], list[Corner]] | None:
    """The pieces of an outer shadow, or None when one filter over ``region`` costs about the same.

    ``box`` is the box (which masks the shadow), ``shape`` the moved shape grown by
    ``spread`` (shrunk by a negative one; its corners are the box's radii grown or shrunk
    alike), ``reach`` how far the blur spreads, ``region`` the one filter's region; all in
    image pixels.
    """
    bx0, by0, bx1, by1 = box
    tl, tr, br, bl = radii.corners
    # How far each side's corners reach along the side (a square corner grown by a spread
    # stays square; counting the spread anyway only shrinks the straight part).
    mx = _middle((shape[0], shape[2]), (bx0, bx1), (max(tl[0], bl[0]), max(tr[0], br[0])), spread, reach)
    my = _middle((shape[1], shape[3]), (by0, by1), (max(tl[1], tr[1]), max(bl[1], br[1])), spread, reach)
    # A short straight part on one axis can cost more than it saves: its corners' regions
    # reach a blur's width past it on both sides (a 1072x288 card's 48 px of straight height
    # split its 1256x472 region into corners of 62 %, where the two ends alone take 48 %).
    # Of the splits with a straight part, the one whose corners cover the least is drawn.
    options = [(cx, cy) for cx, cy in ((mx, my), (mx, None), (None, my)) if cx or cy]
    if not options:
        return None
    splits = [(_corners(region, cx, cy, reach), cx, cy) for cx, cy in options]
    corners, mx, my = min(splits, key=lambda split: sum(_area(c.region) for c in split[0]))
    if sum(_area(c.region) for c in corners) > _WORTH * _area(region):
        return None
    x0, y0, x1, y1 = region
    bands: list[Band] = []
    if mx:  # above and below the box, between the corners
        lo, hi = max(mx[0], x0), min(mx[1], x1)
        for rect in ((lo, y0, hi, min(by0, y1)), (lo, max(by1, y0), hi, y1)):
            if _area(rect) > 0:
                bands.append(Band(rect, vertical=True))
    if my:  # left and right of the box
        lo, hi = max(my[0], y0), min(my[1], y1)
        for rect in ((x0, lo, min(bx0, x1), hi), (max(bx1, x0), lo, x1, hi)):
            if _area(rect) > 0:
                bands.append(Band(rect, vertical=False))
    return bands, corners


def _corners(region: Rect, mx: tuple[int, int] | None, my: tuple[int, int] | None,
             reach: int) -> list[Corner]:
    """The corners (or ends) of ``region`` outside the straight spans ``mx`` and ``my``, each
    with a filter region that reaches ``reach`` into the middle for the blur's input."""
    x0, y0, x1, y1 = region
    xs = [((x0, mx[0]), (0, reach)), ((mx[1], x1), (reach, 0))] if mx else [((x0, x1), (0, 0))]
    ys = [((y0, my[0]), (0, reach)), ((my[1], y1), (reach, 0))] if my else [((y0, y1), (0, 0))]
    corners: list[Corner] = []
    for (cx0, cx1), (gx0, gx1) in xs:
        for (cy0, cy1), (gy0, gy1) in ys:
            keep = (cx0, cy0, cx1, cy1)
            if _area(keep) > 0:
                grown = (max(cx0 - gx0, x0), max(cy0 - gy0, y0), min(cx1 + gx1, x1), min(cy1 + gy1, y1))
                corners.append(Corner(grown, keep))
    return corners


def box_blur_widths(sigma: float) -> list[int]:
    """The widths of the five box blurs resvg runs for a Gaussian of ``sigma`` (> 2)."""
    n = 5
    ideal = math.sqrt(12 * sigma * sigma / n) + 1
    low = math.floor(ideal)
    if low % 2 == 0:
        low -= 1
    low_count = math.floor((12 * sigma * sigma - n * low * low - 4 * n * low - 3 * n) / (-4 * low - 4) + 0.5)
    return [low if i < low_count else low + 2 for i in range(n)]


@functools.lru_cache(maxsize=64)
def box_blur_reach(sigma: float) -> int:
    """How far past a shape's edge resvg's box blurs of ``sigma`` (> 2) leave a value that is
    not 0, after any of the five: an opaque half-plane's (as no shape holds more alpha on its
    side of an edge, and each rounded box blur is monotone, no shape's reach farther). The
    8-bit rounding after each blur ends the tail short of the widths' summed radii (23 px,
    not 30, at a sigma of 8), so a region cut there is cut only where every pass has 0."""
    margin = sum((w - 1) // 2 for w in box_blur_widths(sigma))
    # The half-plane is opaque from index `margin` on; its far end is far enough not to matter.
    row: Sequence[float] = [0] * margin + [255] * (2 * margin + 1)
    reach = 0
    for width in box_blur_widths(sigma):
        row = box_blur(row, (width - 1) // 2)
        first = next(i for i, v in enumerate(row) if v)
        reach = max(reach, margin - first)
    return reach


def box_blur(values: Sequence[float], radius: int, rounded: bool = True) -> list[float]:
    """One box blur (``2 radius + 1`` wide) of a row, zero beyond its ends, the row as long;
    ``rounded``: to whole values, as resvg rounds its 8-bit ones (the row's values whole too)."""
    width = 2 * radius + 1
    # Each value is the sum of the row's ``width`` values about it: a difference of prefix sums.
    sums = list(itertools.accumulate(itertools.chain([0] * radius, values, [0] * radius), initial=0))
    spans = zip(sums, sums[width:width + len(values)])
    if rounded:
        # A whole sum's mean rounded half up: (sum + radius) // width is floor(sum / width + 1/2),
        # the width being odd (no sum falls on a half), without the division's float and a call.
        return [(b - a + radius) // width for a, b in spans]
    return [(b - a) / width for a, b in spans]


@functools.lru_cache(maxsize=256)
def _profile(lo: int, hi: int, shape_lo: float, shape_hi: float, sigma: float,
             region_lo: int, region_hi: int) -> tuple[float, ...]:
    """The 8-bit alpha resvg's blur gives pixels ``lo`` to ``hi - 1`` of a line across an edge:
    its box blurs of the shape's coverage (``shape_lo`` to ``shape_hi``) run along the line
    between ``region_lo`` and ``region_hi`` (the filter's region, nothing outside it)."""
    widths = box_blur_widths(sigma)
    margin = sum((w - 1) // 2 for w in widths)  # how far a pixel's value comes from
    start, end = max(lo - margin, region_lo), min(hi + margin, region_hi)
    values: Sequence[float] = _coverage(start, end, shape_lo, shape_hi)
    for w in widths:
        values = box_blur(values, (w - 1) // 2)
    return tuple(values[lo - start:hi - start])


def _coverage(start: int, end: int, shape_lo: float, shape_hi: float) -> list[int]:
    """The shape's 8-bit coverage of pixels ``start`` to ``end - 1`` along a line: 0 outside it,
    255 inside, a share on the pixels its ends cross (a band's line is runs of 0 and 255)."""
    def share(j: int) -> int:
        return round(255 * max(0.0, min(j + 1, shape_hi) - max(j, shape_lo)))

    def clamp(j: int, low: int) -> int:
        return min(max(j, low), end)
    empty = clamp(math.floor(shape_lo), start)  # pixels before it end at or before shape_lo
    whole = clamp(math.ceil(shape_lo), empty)  # pixels from it start at or past shape_lo ...
    past = clamp(math.floor(shape_hi), whole)  # ... and, before it, end at or before shape_hi
    gone = clamp(math.ceil(shape_hi), past)  # pixels from it start at or past shape_hi
    return ([0] * (empty - start) + [share(j) for j in range(empty, whole)] + [255] * (past - whole)
            + [share(j) for j in range(past, gone)] + [0] * (end - gone))


def profile_stops(lo: float, hi: float, shape_lo: float, shape_hi: float, sigma: float, alpha: float,
                  region: tuple[float, float]) -> tuple[float, float, list[tuple[float, float]]]:
    """``(start, end, stops)``: a gradient from ``start`` to ``end`` along a line, padded past
    its ends, whose (offset, opacity) ``stops`` draw on the pixels from ``lo`` to ``hi``, at
    opacity ``alpha``, the blur of a span from ``shape_lo`` to ``shape_hi`` in a filter
    ``region`` (its ends along the line). ``start == end`` for a band of one value.

    A stop per pixel centre would repeat resvg's pixels; the stops kept are those that
    linear interpolation between them cannot replace within half a level, and the gradient
    runs between the first and the last change (so that the offsets, printed to three
    decimals, stay well within a pixel).
    """
    first = math.floor(lo)
    values = _profile(first, math.ceil(hi), shape_lo, shape_hi, sigma, math.floor(region[0]), math.ceil(region[1]))
    kept = fewest_stops([(first + j + 0.5, v) for j, v in enumerate(values)])
    while len(kept) > 1 and kept[0][1] == kept[1][1]:
        kept.pop(0)
    while len(kept) > 1 and kept[-1][1] == kept[-2][1]:
        kept.pop()
    start, end = kept[0][0], kept[-1][0]
    span = (end - start) or 1.0
    return start, end, [(round((t - start) / span, 3), round(alpha * v / 255, 3)) for t, v in kept]


def fewest_stops(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The (position, level) points a gradient needs: each next one the farthest that a straight
    line from the last kept one reaches with every point between within half a level."""
    kept = [points[0]]
    i, last = 0, len(points) - 1
    while i < last:
        # The slopes from point i that pass within half a level of every point between (an
        # interval narrowed by each one): a point past them ends the line in one comparison.
        # Within _SLOPE_MARGIN of the interval's ends the exact test decides (floating point),
        # so the points kept are those the test over all points between keeps; linear, not
        # quadratic, in the length of a line (a blur's long tail is one).
        t0, v0 = points[i]
        low, high = -math.inf, math.inf
        j = i + 1
        while j < last:
            t, v = points[j]
            low, high = max(low, (v - 0.5 - v0) / (t - t0)), min(high, (v + 0.5 - v0) / (t - t0))
            t1, v1 = points[j + 1]
            slope = (v1 - v0) / (t1 - t0)
            if not (low + _SLOPE_MARGIN < slope < high - _SLOPE_MARGIN) and (
                    slope < low - _SLOPE_MARGIN or slope > high + _SLOPE_MARGIN or not _fits(points, i, j + 1)):
                break
            j += 1
        kept.append(points[j])
        i = j
    return kept


# Slopes (levels a position) this close to an end of the interval are tested exactly (the
# interval's own rounding is far smaller; positions are a pixel or more apart).
_SLOPE_MARGIN = 1e-9


def _fits(points: list[tuple[float, float]], i: int, j: int) -> bool:
    (t0, v0), (t1, v1) = points[i], points[j]
    return all(abs(v0 + (v1 - v0) * (t - t0) / (t1 - t0) - v) <= 0.5 for t, v in points[i + 1:j])
