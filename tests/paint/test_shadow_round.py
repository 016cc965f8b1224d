"""A round box's blurred outer shadow drawn as a radial gradient (paint/shadow_round.py), for
the pixels of the one filter."""
from __future__ import annotations

import numpy as np
import pytest

from satori_py.paint.geometry import Radii
from satori_py.paint.shadow import box_shadows
from satori_py.paint.shadow_round import round_profile
from satori_py.style.types import RGBA, Shadow
from tests.paint.test_shadow_split import _pixels, _svg

W, H = 400, 300


def _shadow_svg(box: tuple[float, float, float, float], radius: float, shadow: Shadow, gradient: bool) -> str:
    radii = Radii(*[(radius, radius)] * 4)
    # Under a transform that moves nothing, the same shadow is the one filter.
    defs, outer, _ = box_shadows(box, radii, (shadow,), (W, H), id_prefix="sh",
                                 transform=None if gradient else "matrix(1,0,0,1,0,0)")
    return _svg(defs, outer, W, H)


CASES = [
    # box, radius, shadow
    ((150, 100, 72, 72), 36, Shadow(0, 6, 18, RGBA(0, 0, 0, 0.3))),  # a circle
    ((150.4, 90.7, 80, 80), 40, Shadow(-3.5, 4.25, 8, RGBA(200, 0, 80, 1))),  # a small blur, off the pixel grid
    ((120, 60, 120, 120), 60, Shadow(0, 0, 30, RGBA(0, 0, 0, 1), 6)),  # a spread
    ((150, 100, 78, 78), 36, Shadow(0, 6, 18, RGBA(0, 0, 0, 0.3))),  # nearly a circle (straight sides of 6 px)
    ((100, 40, 192, 192), 90, Shadow(0, 10, 30, RGBA(0, 0, 0, 0.35))),  # the profile cards' avatar
    ((-30, -20, 100, 100), 50, Shadow(0, 8, 24, RGBA(8, 51, 68, 0.5))),  # past the image's corner
    ((150, 100, 64, 64), 32, Shadow(0, 10, 15, RGBA(0, 0, 0, 0.1), -3)),  # Tailwind's rounded-full shadow-lg
    ((150, 100, 96, 96), 48, Shadow(0, 25, 50, RGBA(0, 0, 0, 0.25), -12)),  # ... and shadow-2xl
]


def _outline(box: tuple[float, float, float, float], radius: float) -> np.ndarray:
    """The pixels the box's edge crosses, and their neighbours."""
    x, y, w, h = box
    edge = _pixels(f'<svg width="{W}" height="{H}" xmlns="http://www.w3.org/2000/svg"><rect x="{x}" '
                   f'y="{y}" width="{w}" height="{h}" rx="{radius}"/></svg>')[..., 3]
    padded = np.pad((edge > 0) & (edge < 255), 1)
    return np.logical_or.reduce([padded[dy:dy + H, dx:dx + W] for dy in range(3) for dx in range(3)])


@pytest.mark.parametrize("box, radius, shadow", CASES)
def test_the_gradient_draws_the_pixels_of_the_filter(box, radius, shadow) -> None:
    gradient = _shadow_svg(box, radius, shadow, gradient=True)
    assert "radialGradient" in gradient and "<filter" not in gradient
    # One path, the region less the box (even-odd), filled with the gradient: no clip path
    # and its layer, and the gradient computed only where the shadow shows.
    assert 'fill-rule="evenodd"' in gradient and "clipPath" not in gradient and "<mask" not in gradient
    # The alpha (on a transparent image): the stops' colours are the reference's flood's at their
    # alpha (paint/shadow.py), the one filter's one colour all over.
    diff = np.abs(_pixels(gradient) - _pixels(_shadow_svg(box, radius, shadow, gradient=False)))[..., 3]
    # resvg's box blurs of the round outline, sampled along two radii and averaged: within the
    # tolerance of a nearly round box (2.25 levels of alpha) and rounding...
    outline = _outline(box, radius)
    assert diff[~outline].max() <= 3 and (diff > 2).mean() < 0.01
    # ...but on the box's outline, where the path's own anti-aliased edge stands for the
    # filter's mask (6 levels at most over these cases; the conformance rule forgives 16, and
    # the box's own content covers most of it).
    assert diff[outline].max() <= 8


@pytest.mark.parametrize("box, radius, shadow", [
    ((150, 100, 100, 100), 40, Shadow(0, 6, 20, RGBA(0, 0, 0, 0.3))),  # straight sides of 20 px
    ((150, 100, 78, 78), 36, Shadow(0, 6, 18, RGBA(0, 0, 0, 1))),  # nearly round, but opaque
    ((150, 100, 80, 72), 36, Shadow(0, 6, 18, RGBA(0, 0, 0, 0.3))),  # not square
    ((150, 100, 72, 72), 36, Shadow(0, 6, 6, RGBA(0, 0, 0, 0.3))),  # a small blur (the reference region cuts its tail)
    ((150, 100, 72, 72), 36, Shadow(0, 6, 18, RGBA(0, 0, 0, 0.3), -36)),  # a spread that takes the whole box
])
def test_boxes_far_from_round_keep_the_filter(box, radius, shadow) -> None:
    svg = _shadow_svg(box, radius, shadow, gradient=True)
    assert "radialGradient" not in svg and "feGaussianBlur" in svg


def test_the_profile_has_few_stops() -> None:
    # resvg's gradients look every stop up for each pixel: a stop per pixel would cost more than the blur.
    stops = round_profile(192, 90, 15, 0.35)
    assert stops is not None and len(stops) <= 16
    assert stops[0][0] == 0 and stops[-1][1] == 0 and all(a[0] < b[0] for a, b in zip(stops, stops[1:]))
