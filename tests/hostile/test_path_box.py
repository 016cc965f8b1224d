"""The bounds of a user SVG's path data (images/svg_geometry.path_box), followed in Python for the
limits (svg_work): as resvg reads the commands, and with no Python call per command or point
(a stranger's path may hold millions: session 18 followed 3 million in 7.9 s of CPU)."""
from __future__ import annotations

import sys
from types import FrameType
from typing import Any

import pytest

from satori_py.images.svg_geometry import path_box


@pytest.mark.parametrize(("d", "box"), [
    ("M1 2 L5 -3", (1, -3, 5, 2)),
    ("m1 2 l4 -5 l1 1", (1, -3, 6, 2)),  # relative to the point before
    ("m1 1 2 2 3 3", (1, 1, 6, 6)),  # pairs after a moveto are linetos
    ("M1 1 h5 v-4 H0 V10", (0, -3, 6, 10)),
    ("M0 0 C10 -5 20 5 30 0 S 50 50 60 0", (0, -5, 60, 50)),  # control points pull the bounds
    ("m10 10 c1 1 2 2 3 3 s1 1 2 2", (10, 10, 15, 15)),
    ("M0 0 q5 -10 10 0 t10 0", (0, -10, 20, 0)),
    ("M0 0 A 5 3 0 0 1 10 0", (-10, -10, 20, 10)),  # both ends grown by twice the larger radius
    ("M5 5 l1 1 z l1 1", (5, 5, 6, 6)),  # z goes back to the subpath's start
    ("M0 0 L1 1 2", (0, 0, 1, 1)),  # an incomplete pair is not read
    ("M0 0 L1 1 2 L3 3", (0, 0, 3, 3)),  # ... nor its number carried to the next command
    ("M0,0L1e1-2.5.5", (0, -2.5, 10, 0)),  # numbers run together as CSS reads them (.5 is left alone)
    ("5 M0 0 L9 9", None),  # a number before any command: nothing is read
    ("", None),
])
def test_the_box_of_path_data(d: str, box: tuple[float, ...] | None) -> None:
    assert path_box(d) == box


def test_a_long_path_is_followed_without_a_call_per_command() -> None:
    # 300,000 tokens: the deadline is looked at 5 times, and nothing else is called in Python
    # (the loop before called two functions per command: 200,000 calls here).
    calls: list[str] = []

    def count(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            calls.append(frame.f_code.co_name)

    d = "M0 0" + " l1 1" * 100_000 + " h-5"
    sys.setprofile(count)
    try:
        box = path_box(d)
    finally:
        sys.setprofile(None)
    assert box == (0, 0, 100_000, 100_000)
    assert calls.count("check_deadline") == 5
    assert len(calls) < 50, sorted(set(calls))
