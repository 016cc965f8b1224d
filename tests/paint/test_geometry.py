"""Radii fitting and contour paths (paint/geometry.py, paint/corners.py).

Expected values were worked out from the reference's ``resolveBorderRadii`` and
``radius()`` (builder/border-radius.ts) and checked against its SVG output.
"""
from __future__ import annotations

import math
from typing import Any

import pytest

from satori_py.paint.corners import corner_points
from satori_py.paint.geometry import (
    Box,
    Radii,
    clamp_radii,
    corner_shapes,
    edge_path,
    rect_path,
    resolve_radii,
)
from satori_py.style.computed import compute_style
from satori_py.style.types import Calc, Percent

KEYS = ("borderTopLeftRadius", "borderTopRightRadius", "borderBottomRightRadius", "borderBottomLeftRadius")


def style(*corners: Any, **extra: Any) -> dict[str, Any]:
    return {**dict(zip(KEYS, corners)), **extra}


@pytest.mark.parametrize(("corners", "size", "expected"), [
    # Each edge's pair is fitted on its own, then single lengths become circular
    # (50vw 25vh 1em 1rem at 8px on a 100x50 box: the top-left's 50 becomes 34).
    ((50.0, 12.5, 8.0, 16.0), (100, 50), ((34, 34), (12.5, 12.5), (8, 8), (16, 16))),
    # "100% 10px": the percentage corners are elliptical, the others circular.
    ((Percent(100), 10.0, Percent(100), 10.0), (100, 50), ((90, 40), (10, 10), (90, 40), (10, 10))),
    # A pill: one big length is limited by the short side.
    ((9999.0,) * 4, (120, 40), ((20, 20),) * 4),
    # Two equal lengths are an ellipse, not a circle.
    (((100.0, 100.0), (100.0, 100.0), 0.0, 0.0), (120, 40), ((60, 40), (60, 40), (0, 0), (0, 0))),
    # A corner's pair can be lopsided; a degenerate one still takes room on its edge.
    (((80.0, 40.0), 0.0, (Percent(40), Percent(10)), 0.0), (100, 80),
     ((80, 40), (0, 0), (40, 8), (0, 0))),
    ((None, 10.0, None, None), (100, 80), ((0, 0), (10, 10), (0, 0), (0, 0))),
    # A math function with a percentage is one of the width and one of the height.
    ((Calc(("+", ("pct", 10.0), ("px", 5.0))),) * 4, (100, 80), ((15, 13),) * 4),
])
def test_resolve_radii(corners: tuple[Any, ...], size: tuple[float, float],
                       expected: tuple[tuple[float, float], ...]) -> None:
    radii = resolve_radii(style(*corners), *size)
    assert [tuple(round(v, 6) for v in c) for c in radii.corners] == [tuple(map(float, c)) for c in expected]


def test_inward_corner_shapes_scale_opposite_corners() -> None:
    # Scoops reach towards the opposite corner: 70 + 70 > 100, so all scale by 100/140.
    radii = resolve_radii(style(70.0, 70.0, 70.0, 70.0, cornerShape=None, cornerTopLeftShape=-1.0), 100, 100)
    assert radii.tl == pytest.approx((50, 50)) and radii.br == pytest.approx((50, 50))
    assert radii.shapes == (-1.0, 1.0, 1.0, 1.0)
    assert resolve_radii(style(70.0, 70.0, 70.0, 70.0), 100, 100).tl == (50, 50)


def test_corner_shapes_of_a_style() -> None:
    assert corner_shapes({}) == (1.0, 1.0, 1.0, 1.0)
    # The style stage makes each longhand its superellipse parameter.
    root = compute_style("div", {}, {}, viewport=(100, 100))
    computed = compute_style("div", {"style": {"cornerShape": "bevel superellipse(-2) square notch"}}, root,
                             viewport=(100, 100))
    assert corner_shapes(computed) == (0.0, -2.0, math.inf, -math.inf)


def test_radii_flags_and_inset() -> None:
    assert not Radii().any and not Radii().shaped
    flat = Radii((10, 0), (0, 0), (0, 0), (0, 0))
    assert not flat.any
    bevel = Radii((10, 10), (10, 10), (10, 10), (10, 10), (0.0, 1.0, 1.0, 1.0))
    assert bevel.any and bevel.shaped and not bevel.rounded
    inner = bevel.inset(4, 2, 20, 6)
    assert inner.corners == ((4, 6), (8, 6), (8, 0), (4, 0)) and inner.shapes == bevel.shapes


def test_clamp_radii_single_lengths_become_circular() -> None:
    assert clamp_radii([(200, 50, True)] * 4, 200, 50).tl == (25, 25)
    assert clamp_radii([(200, 50, False)] * 4, 200, 50).tl == (100, 25)


def test_rect_path() -> None:
    assert rect_path(1, 2, 30, 40) == "M1 2H31V42H1Z"
    radii = Radii((10, 10), (10, 5), (0, 0), (5, 5))
    assert rect_path(0, 0, 100, 50, radii) == (
        "M10 0H90A10 5 0 0 1 100 5V50H5A5 5 0 0 1 0 45V10A10 10 0 0 1 10 0Z")


def test_edge_path_runs_of_sides() -> None:
    box = Box(0, 0, 100, 50)
    radii = Radii((10, 10), (10, 10), (10, 10), (10, 10))
    c = 7.071  # the 45-degree point of a 10px arc
    # The top side, from and to the middle of its corners.
    assert edge_path(box, radii, sides=(True, False, False, False)) == (
        f"M{10 - c:.3f} {10 - c:.3f}A10 10 0 0 1 10 0H90A10 10 0 0 1 {90 + c:.3f} {10 - c:.3f}")
    # Right and bottom through their whole corners.
    assert edge_path(box, radii, sides=(False, True, True, False), full_corners=True) == (
        "M90 0A10 10 0 0 1 100 10V40A10 10 0 0 1 90 50H10A10 10 0 0 1 0 40")
    # Square corners of a run are plain lines, from the corner itself.
    assert edge_path(box, Radii(), sides=(True, True, True, True), inset=(2, 2, 2, 2)) == (
        "M2 2H98V48H2V2")


def test_shaped_contour_matches_the_reference() -> None:
    radii = resolve_radii(style(20.0, 20.0, 20.0, 20.0, cornerTopLeftShape=0.0, cornerTopRightShape=0.0,
                                cornerBottomRightShape=0.0, cornerBottomLeftShape=0.0), 100, 100)
    assert rect_path(0, 0, 100, 100, radii) == (
        "M20 0L80 0L90 10L100 20L100 80L90 90L80 100L20 100L10 90L0 80L0 20L10 10L20 0Z")
    # A run of sides goes through whole corners, as the reference draws split sides.
    sides = (True, False, False, False)
    assert edge_path(Box(0, 0, 100, 100), radii, sides=sides, full_corners=True) == (
        "M0 20L10 10L20 0L80 0L90 10L100 20")


def test_corner_points() -> None:
    start, end, outer, center = (0.0, 20.0), (20.0, 0.0), (0.0, 0.0), (20.0, 20.0)
    assert corner_points(start, end, outer, center, math.inf) == [start, outer, end]
    assert corner_points(start, end, outer, center, -math.inf) == [start, center, end]
    assert corner_points(start, end, outer, center, 0) == [start, (10.0, 10.0), end]
    round_ = corner_points(start, end, outer, center, 1)
    assert len(round_) == 17 and round_[0] == pytest.approx(start) and round_[-1] == pytest.approx(end)
    assert all(math.hypot(x - 20, y - 20) == pytest.approx(20) for x, y in round_)
    # A squircle bulges past the circle, a scoop curves around the outer corner.
    assert math.hypot(*(p - 20 for p in corner_points(start, end, outer, center, 2)[8])) > 20
    assert math.hypot(*corner_points(start, end, outer, center, -1)[8]) == pytest.approx(20)
