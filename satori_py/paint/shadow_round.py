"""A blurred outer shadow of a round box (a circle, or a rounded square nearly one) as a radial gradient.

resvg's blur costs about a hundred nanoseconds per pixel of the filter's region
(five box blurs of all four channels, each way), a radial gradient a fifth of
that or less: an avatar's shadow (a 192 px box, blur 30) was a quarter of its
card's raster. resvg's box blurs are separable and, as a Gaussian, isotropic
within a fraction of a level, so the blur of a disc depends only on the
distance from its centre: its profile along a radius, sampled as the stops of
a radial gradient, draws the pixels of the filter.

A rounded square whose straight sides are short is nearly a disc: its blur is
a little stronger along the diagonals (where its outline is farther out) than
along the axes. The gradient takes the mean of the two, and a box is drawn
this way only when they differ by at most :data:`_TOLERANCE` levels of 8-bit
alpha either side (at the shadow's opacity); other boxes keep the filter.

The profile along a line through the centre is the 1-D blur of the shape's
column sums: each column (a line across the line) is covered over a chord,
whose blur at the centre line resvg's kernel gives directly. Along the
diagonal the same kernel runs over chords across the diagonal (the rotation
of an isotropic blur).
"""
from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable

from .shadow_split import box_blur, box_blur_widths, fewest_stops

__all__ = ["round_profile"]

# Levels of 8-bit alpha the mean of the two profiles may be off either one.
_TOLERANCE = 2.25
# Work bounds: a larger box, or blur, keeps the filter (its profile would cost the front end more; the
# profile's lists grow with both: a blur of 10000px took over a minute of Python loops that no
# deadline check interrupts, while its filter region is refused by the limits at once).
_MAX_SIDE = 1024
_MAX_SIGMA = 256
_SUBCOLUMNS = (-0.375, -0.125, 0.125, 0.375)
_ROOT2 = math.sqrt(2)


@functools.lru_cache(maxsize=16)
def _kernel(sigma: float) -> tuple[float, ...]:
    """resvg's five box blurs of ``sigma`` as one kernel (odd length, centred, sums to 1)."""
    taps = [1.0]
    for w in box_blur_widths(sigma):  # each blur widens the taps by its radius either side
        box_radius = (w - 1) // 2
        taps = box_blur([0.0] * box_radius + taps + [0.0] * box_radius, box_radius, rounded=False)
    return tuple(taps)


def _chord_blur(half: float, kernel: tuple[float, ...], cumulative: tuple[float, ...]) -> float:
    """The blur at its middle of a chord ``half`` px either side of it (pixels centred on
    whole offsets from the middle; the chord's end covers its pixel partly)."""
    if half <= 0:
        return 0.0
    mid = len(kernel) // 2
    if half < 0.5:
        return kernel[mid] * 2 * half
    full = int(half - 0.5)  # pixels -full..full are covered
    if full >= mid:
        return 1.0
    return cumulative[mid + full] - cumulative[mid - full - 1] + 2 * kernel[mid + full + 1] * (half - full - 0.5)


def _axis_half(x: float, straight: float, radius: float) -> float:
    """Half the chord of the rounded square across its axis at ``x`` from the centre."""
    x = abs(x)
    if x <= straight:
        return straight + radius
    if x >= straight + radius:
        return 0.0
    return straight + math.sqrt(radius * radius - (x - straight) ** 2)


def _diagonal_half(x: float, straight: float, radius: float) -> float:
    """Half the chord of the rounded square across its diagonal at ``x`` from the centre."""
    # The chord runs along (1, -1) / sqrt 2 through the point x (1, 1) / sqrt 2; it leaves the
    # shape on a straight side or on a corner's arc. The shape is symmetric about the diagonal.
    x = abs(x)
    best = 0.0
    # Across a straight side (the right one, |y| <= straight): a = straight + radius.
    t = _ROOT2 * (straight + radius) - x
    if t >= 0 and abs(x - t) / _ROOT2 <= straight + 1e-9:
        best = max(best, t)
    # Across a corner's arc, centred (straight, +-straight), where the chord leaves past it.
    along = x / _ROOT2
    qx = along - straight
    for cy, side in ((straight, 1), (-straight, -1)):
        qy = along - cy
        qe = (qx - qy) / _ROOT2  # q . e, e = (1, -1) / sqrt 2
        disc = qe * qe - (qx * qx + qy * qy) + radius * radius
        if disc >= 0:
            t = -qe + math.sqrt(disc)
            if t >= 0 and (x + t) / _ROOT2 >= straight - 1e-9 and ((x - t) / _ROOT2 - cy) * side >= -1e-9:
                best = max(best, t)
    return best


def _line_profile(half: Callable[[float, float, float], float], straight: float, radius: float,
                  sigma: float, reach: float, extent: int) -> list[float]:
    """The blurred shape's alpha (0-1) at whole offsets 0..extent from the centre along a line,
    ``half`` giving the chords across it, none past ``reach``."""
    kernel = _kernel(sigma)
    cumulative = tuple(itertools.accumulate(kernel))
    # A column's coverage: its chord's blur averaged over four lines across the column (its
    # pixels' share of a curved outline, as the rasteriser's coverage gives them). Even in x.
    right = [sum(_chord_blur(half(x + dx, straight, radius), kernel, cumulative) for dx in _SUBCOLUMNS) / 4
             for x in range(math.ceil(reach) + 1)]
    columns = right[:0:-1] + right
    # resvg's box blurs along the line (the kernel's taps, in five running sums). The line is 0
    # past the shape's columns: each blur reaches its radius farther, and leaves 0 beyond.
    for w in box_blur_widths(sigma):
        box_radius = (w - 1) // 2
        columns = box_blur([0.0] * box_radius + columns + [0.0] * box_radius, box_radius, rounded=False)
    centre = len(columns) // 2
    profile = columns[centre:centre + extent + 1]
    return profile + [0.0] * (extent + 1 - len(profile))


@functools.lru_cache(maxsize=64)
def _profiles(side: float, radius: float, sigma: float) -> tuple[tuple[float, ...], float]:
    """(mean alpha at whole distances 0.. from the centre, the largest half-difference of the
    axis and diagonal profiles) of a rounded square ``side`` wide with corners of ``radius``."""
    straight = side / 2 - radius
    reach = straight * math.sqrt(2) + radius  # the corners' distance from the centre
    extent = math.ceil(reach) + len(_kernel(sigma)) // 2 + 1
    axis = _line_profile(_axis_half, straight, radius, sigma, reach, extent)
    # A circle's chords are the same across every line through its centre.
    diagonal = axis if straight == 0 else _line_profile(_diagonal_half, straight, radius, sigma, reach, extent)
    mean = tuple((a + d) / 2 for a, d in zip(axis, diagonal))
    return mean, max(abs(a - d) / 2 for a, d in zip(axis, diagonal))


def round_profile(side: float, radius: float, sigma: float, alpha: float) -> list[tuple[float, float]] | None:
    """``[(distance, opacity)]``: the stops (in px from the centre) of a radial gradient drawing the blur
    of standard deviation ``sigma`` of a rounded square ``side`` wide with circular corners of
    ``radius``, at opacity ``alpha``; None when the box is too far from round (or too large)."""
    if not (0 < side <= _MAX_SIDE) or not (0 < radius <= side / 2) or not (2 < sigma <= _MAX_SIGMA):
        return None
    mean, spread = _profiles(round(side, 3), round(radius, 3), round(sigma, 3))
    if spread * alpha * 255 > _TOLERANCE:
        return None
    kept = fewest_stops([(float(d), alpha * 255 * v) for d, v in enumerate(mean)])
    return [(d, round(level / 255, 4)) for d, level in kept]
