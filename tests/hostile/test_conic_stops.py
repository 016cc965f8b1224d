"""A conic gradient of thousands of stops costs a bounded number of wedges, found by bisection.

Before (paint/conic.py, main 1fc40fa): every wedge walked the stops to find its colour and
every stop made at least one wedge, so the work grew with the square of the stops: 500 colours
took 2.7 s (a 469 kB SVG), 1,000 took 8.1 s, 3,000 ran past the 60 s time limit (raised only
once painting ended) and 100,000 (a 600 kB value, under max_css_length) still ran at 90 s.
Now past 4,096 wedges the turn is cut in 4,096 equal ones: 0.4 s for 500 or 3,000 colours.
(Past 1,000 stops a gradient is refused unless ``max_gradient_stops`` is raised: test_gradient_stops.)
"""
from __future__ import annotations

import random

import pytest

from satori_py import Limits, h, render_svg
from satori_py.paint import conic


def _colours(n: int) -> str:
    return ", ".join(("#000", "#fff", "#f00", "#00f")[i % 4] for i in range(n))


def test_thousands_of_stops_make_a_bounded_number_of_wedges() -> None:
    svg = render_svg(h("div", {"style": {"width": 300, "height": 100,
                                         "backgroundImage": f"conic-gradient({_colours(3000)})"}}),
                     width=300, height=100, limits=Limits(max_gradient_stops=3000))
    # A wedge of each colour, and an anti-aliased one where the colour jumps.
    assert 4096 <= svg.count("<path") <= 2 * conic._MAX_WEDGES


def _stops(positions: list[float], rng: random.Random) -> list[conic.ConicStop]:
    return [conic.ConicStop((rng.random(), rng.random(), rng.random(), 1.0), None, p) for p in positions]


def test_a_gradient_of_few_stops_keeps_its_wedges() -> None:
    stops = _stops([0.0, 1.0], random.Random(1))
    wedges = conic._segments(stops, False, conic._color_at(stops, False, None))
    assert wedges == [(j / 256, (j + 1) / 256) for j in range(256)]  # (at most 256 between two stops)


def test_the_colour_is_that_of_the_two_stops_around_the_turn() -> None:
    rng = random.Random(17)
    positions = sorted([0.0, 1.0, *(rng.random() for _ in range(40)), 0.5, 0.5])  # (two at one place)
    stops = _stops(positions, rng)
    at = conic._color_at(stops, False, None)
    for turn in [rng.random() for _ in range(500)] + positions[1:-1]:
        i = max(k for k in range(len(stops) - 1) if positions[k] <= turn)  # the last stop at or before it
        a, b = stops[i].color, stops[i + 1].color
        t = (turn - positions[i]) / (positions[i + 1] - positions[i]) if positions[i + 1] > positions[i] else 1.0
        expected = b if t == 1.0 else tuple(a[c] + (b[c] - a[c]) * t for c in range(3)) + (1.0,)
        assert at(turn) == pytest.approx(expected), turn
