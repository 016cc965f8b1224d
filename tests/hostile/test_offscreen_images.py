"""A background image of a box the painter never draws (entirely outside the image, not
under a transform, defining no clip of its descendants) is not downloaded: the layout asks
the painter's own cull decision (satori_py/layout/cull.py) before it loads a layer.

Before: every box's background images were downloaded after layout, drawn or not (a card of
10,000 boxes far outside the image made 10,000 requests).
"""
from __future__ import annotations

import base64
from typing import Any

import pytest

from satori_py import h, render_svg

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAABQAAAAKCAYAAAC0VX7mAAAAF0lEQVR42mP4z8Dwn5qYYdTAUQOHo4"
                       "EAf0SOgC3jbuQAAAAASUVORK5CYII=")


def _render(*boxes: Any, card: dict[str, Any] | None = None) -> tuple[list[str], str]:
    asked: list[str] = []

    def fetch(url: str) -> tuple[bytes, str]:
        asked.append(url.rsplit("/", 1)[-1])
        return PNG, "image/png"

    element = h("div", {"style": {"display": "flex", "width": 20, "height": 20, **(card or {})}}, *boxes)
    return asked, render_svg(element, width=20, height=20, fetcher=fetch, emoji=None)


def _box(name: str, left: float, *children: Any, **style: Any) -> Any:
    return h("div", {"style": {"position": "absolute", "left": left, "top": 0, "width": 10, "height": 10,
                               "backgroundImage": f"url(https://example.com/{name})", **style}}, *children)


def test_a_box_outside_the_image_downloads_nothing() -> None:
    asked, svg = _render(_box("in", 5), _box("left", -5000), _box("right", 30), _box("below", 0, top=40))
    assert asked == ["in"]
    assert svg.count("<image") == 1


@pytest.mark.parametrize(("style", "card"), [
    ({"transform": "translateX(200px)"}, None),  # a transform may bring it in
    ({}, {"transform": "scale(1)"}),  # so may an ancestor's
    ({}, {"perspective": 100}),  # a parent setting up 3D gives it a state of its own
    ({"boxShadow": "0 0 20px 300px red"}, None),  # its shadow reaches the image
    ({}, {"filter": "blur(100px)"}),  # an ancestor's blur does
    ({"filter": "drop-shadow(300px 0 0 red)"}, None),  # its own drop shadow does
])
def test_a_box_outside_that_the_painter_draws_downloads(style: dict[str, Any], card: dict[str, Any] | None) -> None:
    asked, svg = _render(_box("out", -200, **style), card=card)
    assert asked == ["out"]
    assert svg.count("<image") == 1


def test_a_box_outside_that_clips_its_children_downloads_and_they_are_checked_by_themselves() -> None:
    # overflow: hidden defines the clip of its descendants, so the painter draws the box.
    inner_in = h("div", {"style": {"position": "absolute", "left": 5000, "width": 5, "height": 5,
                                   "backgroundImage": "url(https://example.com/inner-in)"}})
    inner_out = h("div", {"style": {"position": "absolute", "left": 9000, "width": 5, "height": 5,
                                    "backgroundImage": "url(https://example.com/inner-out)"}})
    asked, _ = _render(_box("clipping", -5000, inner_in, inner_out, overflow="hidden"))
    assert asked == ["clipping", "inner-in"]


def test_many_boxes_outside_the_image_make_no_request() -> None:
    boxes = [_box(f"b{i}", -100 - 20 * i) for i in range(2000)]
    asked, svg = _render(*boxes, _box("in", 0))
    assert asked == ["in"]
    assert svg.count("<image") == 1
