"""A large box's blurred outer shadow drawn in pieces (paint/shadow_split.py): gradients along
the straight edges and the blur at the corners only, for the pixels of the one filter."""
from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image

import resvg_bridge
from satori_py.paint.geometry import Radii
from satori_py.paint.shadow import box_shadows
from satori_py.paint.shadow_split import _coverage, fewest_stops, profile_stops
from satori_py.style.types import RGBA, Shadow
from satori_py.svg import serialize

W, H = 600, 400


def _svg(defs: list, nodes: list, width: int = W, height: int = H) -> str:
    return (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><defs>{"".join(serialize(d) for d in defs)}</defs>'
            f'{"".join(serialize(n) for n in nodes)}</svg>')


def _pixels(svg: str) -> np.ndarray:
    """Premultiplied RGBA, as the conformance rule compares."""
    rgba = np.asarray(Image.open(io.BytesIO(resvg_bridge.svg_to_png(svg))).convert("RGBA"), dtype=np.int32)
    alpha = rgba[..., 3:4]
    return np.concatenate([(rgba[..., :3] * alpha + 127) // 255, alpha], axis=-1)


def _shadow_svg(box: tuple[float, float, float, float], radii: Radii, shadows: tuple[Shadow, ...],
                pieces: bool) -> str:
    if pieces:
        defs, outer, _ = box_shadows(box, radii, shadows, (W, H), id_prefix="sh")
    else:  # one filter over the whole region: the same shadow under a transform that moves nothing
        defs, outer, _ = box_shadows(box, radii, shadows, (W, H), id_prefix="sh", transform="matrix(1,0,0,1,0,0)")
    return _svg(defs, outer)


CASES = [
    # box, radius, shadows
    ((40, 60, 520, 280), 24, (Shadow(0, 8, 24, RGBA(8, 51, 68, 0.18)),)),
    ((30.4, 40.7, 503.3, 120.2), 12, (Shadow(-5, 6, 17, RGBA(200, 0, 80, 1), 4),)),
    ((-40, 100, 680, 60), 16, (Shadow(0, 4, 14, RGBA(28, 25, 23, 0.5)),)),  # wider than the image
    ((60, 30, 450, 330), 0, (Shadow(12, -10, 30, RGBA(0, 0, 0, 1), 10), Shadow(0, 2, 8, RGBA(255, 0, 0, 0.5)))),
    # Tailwind's shadow-xl: negative spreads cut a band off the moved shape (a mask), both radii.
    ((50, 50, 500, 300), 8, (Shadow(0, 20, 25, RGBA(0, 0, 0, 0.1), -5), Shadow(0, 8, 10, RGBA(0, 0, 0, 0.1), -6))),
    ((50, 50, 500, 300), 3, (Shadow(0, 20, 25, RGBA(0, 0, 0, 1), -5),)),
    # A short straight height: the two ends, each the region's full height, and two bands.
    ((20, 100, 560, 200), 12, (Shadow(0, 10, 40, RGBA(15, 23, 42, 0.25)),)),
]


@pytest.mark.parametrize("box, radius, shadows", CASES)
def test_pieces_draw_the_pixels_of_one_filter(box, radius, shadows) -> None:
    radii = Radii((radius, radius), (radius, radius), (radius, radius), (radius, radius)) if radius else Radii()
    split = _shadow_svg(box, radii, shadows, pieces=True)
    assert "linearGradient" in split and "linearGradient" not in _shadow_svg(box, radii, shadows, pieces=False)
    # The alpha: the bands' colours are the reference's at each stop's alpha (see below), the
    # one filter's one colour all over.
    diff = np.abs(_pixels(split) - _pixels(_shadow_svg(box, radii, shadows, pieces=False)))[..., 3]
    # resvg's own box blurs, repeated (on whole pixels; a level or two from rounding elsewhere).
    assert diff.max() <= 4 and (diff > 2).mean() < 0.01


def _reference_svg(box: tuple[float, float, float, float], shadow: Shadow, page: str) -> str:
    """The shadow as the reference writes it (builder/shadow.ts): the moved box blurred white,
    the colour flooded "in" its alpha, in linearRGB (the default), kept off the box by a mask."""
    x, y, w, h = box
    return (f'<svg width="{W}" height="{H}" xmlns="http://www.w3.org/2000/svg"><defs>'
            f'<mask id="m" maskUnits="userSpaceOnUse"><rect width="{W}" height="{H}" fill="#fff"/>'
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#000"/></mask>'
            f'<filter id="f" x="-50%" y="-50%" width="200%" height="200%">'
            f'<feGaussianBlur stdDeviation="{shadow.blur / 2}" result="b"/>'
            f'<feFlood flood-color="{shadow.color.to_css()}" in="SourceGraphic" result="c"/>'
            f'<feComposite in="c" in2="b" operator="in"/></filter></defs>'
            f'<rect width="{W}" height="{H}" fill="{page}"/><g mask="url(#m)" filter="url(#f)">'
            f'<rect x="{x + shadow.offset_x}" y="{y + shadow.offset_y}" width="{w}" height="{h}" '
            f'fill="#fff"/></g></svg>')


def test_the_bands_take_the_colour_the_references_flood_leaves_at_each_alpha() -> None:
    # A blue glow on a pale page: the reference's 8-bit premultiplied linearRGB flood leaves no
    # red in the faint tail, so the page's red darkens more there than rgb(37, 99, 235) would.
    box, shadow, page = (40, 30, 520, 240), Shadow(0, 20, 40, RGBA(37, 99, 235, 0.25)), "#eff6ff"
    from satori_py.svg import SvgNode
    defs, outer, _ = box_shadows(box, Radii(), (shadow,), (W, H), id_prefix="sh")
    assert any(d.tag == "linearGradient" for d in defs)
    ours = _pixels(_svg(defs, [SvgNode("rect", {"width": W, "height": H, "fill": page}), *outer]))
    reference = _pixels(_reference_svg(box, shadow, page))
    # Below the box (the bottom band), clear of the corners' filters: the one colour left 2.9 % of
    # these pixels more than 2 levels off, and the red 0.69 levels light on average.
    below = (ours - reference)[box[1] + box[3] + 2:, 200:400]
    assert (np.abs(below) > 2).mean() < 0.01
    assert abs(below[..., 0].mean()) < 0.2


def _card_pieces(shadow: Shadow) -> tuple[list, list]:
    """The filters and bands of ``shadow`` under a 1072x288 card (radius 28) on a 1200x630 image."""
    radii = Radii((28, 28), (28, 28), (28, 28), (28, 28))
    defs, outer, _ = box_shadows((64, 176, 1072, 288), radii, (shadow,), (1200, 630), id_prefix="sh")
    return [d for d in defs if d.tag == "filter"], [n for n in outer if n.tag == "rect"]


def _rects(nodes: list) -> list[tuple[float, float, float, float]]:
    return [(n.attrs["x"], n.attrs["y"], n.attrs["width"], n.attrs["height"]) for n in nodes]


def test_a_card_sized_box_blurs_its_corners_only() -> None:
    filters, bands = _card_pieces(Shadow(0, 8, 24, RGBA(8, 51, 68, 0.18)))
    # Four corners, each its reach past the part it keeps (the blur's subregion).
    assert _rects(filters) == [(26, 146, 142, 142), (26, 368, 142, 142), (1032, 146, 142, 142), (1032, 368, 142, 142)]
    assert [(b.attrs["x"], b.attrs["width"]) for b in (f.children[0] for f in filters)] == [
        (26, 104), (26, 104), (1070, 104), (1070, 104)]
    # ... and four bands beside the straight edges; the area blurred is a fifth of the one region's.
    assert _rects(bands) == [(130, 146, 940, 30), (130, 464, 940, 46), (26, 250, 38, 156), (1136, 250, 38, 156)]
    assert sum(f.attrs["width"] * f.attrs["height"] for f in filters) < 0.2 * 1148 * 364


def test_a_short_straight_side_is_left_to_its_ends() -> None:
    # A 60 px glow: 48 px of the card's height are straight. Four corners would blur 62 % of the
    # one region (so it was drawn through one filter); its two ends take 48 %.
    filters, bands = _card_pieces(Shadow(0, 20, 60, RGBA(15, 23, 42, 0.25)))
    assert _rects(filters) == [(-28, 104, 304, 472), (924, 104, 304, 472)]
    assert _rects(bands) == [(184, 104, 832, 72), (184, 464, 832, 112)]


@pytest.mark.parametrize("kwargs, box, blur, spread", [
    ({}, (40, 40, 64, 64), 18, 0),  # too small to have straight edges past the blur
    ({}, (40, 60, 520, 280), 6, 0),  # a small blur: the reference's region cuts its tail
    ({"mask": "m"}, (40, 60, 520, 280), 24, 0),  # masked before the blur
    ({"transform": "matrix(1,0,0,1,0,0)"}, (40, 60, 520, 280), 24, 0),
])
def test_one_filter_where_pieces_do_not_pay_or_do_not_apply(kwargs, box, blur, spread) -> None:
    assert _shadow_svg((40, 60, 520, 280), Radii(), (Shadow(0, 6, 24, RGBA(0, 0, 0, 0.3)),), pieces=True).count(
        "<filter") == 4  # (the same box in pieces)
    defs, outer, _ = box_shadows(box, Radii(), (Shadow(0, 6, blur, RGBA(0, 0, 0, 0.3), spread),), (W, H),
                                 id_prefix="sh", **kwargs)
    assert [d.tag for d in defs if d.tag not in ("mask", "clipPath")] == ["filter"] and len(outer) == 1


@pytest.mark.parametrize("sigma", [2.5, 4, 7.5, 12, 25])
def test_profile_is_resvgs_blur_of_an_edge(sigma: float) -> None:
    # A band's gradient against resvg's blur of a wide rectangle, read down one column.
    top, bottom, height = 100, 180, 300
    start, end, stops = profile_stops(0, height, top, bottom, sigma, 1.0, (0, height))
    gradient = "".join(f'<stop offset="{o}" stop-opacity="{a}"/>' for o, a in stops)
    blurred = (f'<filter id="f" x="0" y="0" width="400" height="{height}" filterUnits="userSpaceOnUse" '
               f'color-interpolation-filters="sRGB"><feGaussianBlur stdDeviation="{sigma}"/></filter>'
               f'<rect x="-1000" y="{top}" width="2400" height="{bottom - top}" filter="url(#f)"/>')
    drawn = (f'<linearGradient id="g" gradientUnits="userSpaceOnUse" x1="0" y1="{start}" x2="0" y2="{end}">'
             f'{gradient}</linearGradient><rect x="0" y="0" width="400" height="{height}" fill="url(#g)"/>')

    def column(body: str) -> np.ndarray:
        svg = f'<svg width="400" height="{height}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
        return _pixels(svg)[:, 200, 3]  # (far from the filter's sides)

    expected, ours = column(blurred), column(drawn)
    assert expected[top - math.ceil(2 * sigma)] > 0  # (a real blur)
    # Within half a level between stops, and the offsets' three decimals over this long line.
    assert np.abs(expected - ours).max() <= 2


def _fewest_by_definition(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """fewest_stops' rule checked point by point: each next stop the farthest whose line from the
    last one passes within half a level of every point between."""
    kept, i = [points[0]], 0
    while i < len(points) - 1:
        j = i + 1
        while j + 1 < len(points) and all(
                abs(points[i][1] + (points[j + 1][1] - points[i][1]) * (t - points[i][0])
                    / (points[j + 1][0] - points[i][0]) - v) <= 0.5 for t, v in points[i + 1:j + 1]):
            j += 1
        kept.append(points[j])
        i = j
    return kept


@pytest.mark.parametrize("seed", range(6))
def test_fewest_stops_keeps_the_points_its_rule_keeps(seed: int) -> None:
    # Its interval of slopes decides most points in one comparison; lines that pass exactly half a
    # level from a point (whole levels, whole positions: the ties) are what the exact test decides.
    rng = np.random.default_rng(seed)
    lines = [[(float(t), float(v)) for t, v in enumerate(np.cumsum(rng.integers(0, 3, 60)))],  # ties
             [(t + 0.5, float(v)) for t, v in enumerate(rng.integers(0, 256, 40))],
             [(float(t), 255 * math.exp(-t * t / 200) * 0.35) for t in range(80)]]  # a blur's tail
    for points in lines:
        assert fewest_stops(points) == _fewest_by_definition(points)


@pytest.mark.parametrize("shape", [(3.0, 17.0), (3.25, 17.75), (5.2, 5.7), (-40.5, 2.0), (30.0, 80.0), (9.0, 9.0)])
def test_coverage_is_each_pixels_share_of_the_shape(shape: tuple[float, float]) -> None:
    lo, hi = shape
    assert _coverage(0, 24, lo, hi) == [round(255 * max(0.0, min(j + 1, hi) - max(j, lo))) for j in range(24)]
