"""Gradient geometry and stops, table-driven against the reference.

Every expected value below is what Satori 0.63.2 wrote in its SVG for the same
input (a ``display: flex`` div of the given size with that ``backgroundImage``,
fontSize 16): the end points and stops of linear gradients, the centre, radius
and transform of radial ones, the radius and covering shape of repeating
radial ones, and for conic gradients the count and a digest of every wedge
(``tag|d|fill`` in order), which must match exactly.
"""
from __future__ import annotations

import hashlib
import math
from typing import Any

import pytest

from satori_py.errors import StyleError
from satori_py.paint.conic import conic_center, resolve_conic_stops
from satori_py.paint.gradient import gradient_content, linear_points
from satori_py.paint.gradient_stops import apply_hint, normalize_stops
from satori_py.style.gradients import (
    NEGATIVE_SIZE,
    direction_points,
    expand_color_stops,
    extract_interpolation_method,
    parse_gradient,
    split_commas,
    stop_color,
)
from satori_py.style.gradients import parse_stops as parse_stops_noting
from satori_py.style.types import RGBA, TRANSPARENT_STOP, ColorStop, ConicGradient, Offset, Percent
from satori_py.style.values import LengthContext
from satori_py.svg import SvgNode

Row = tuple[Any, ...]


def parsed(w: float, h: float, image: str) -> Any:
    """The gradient as the style stage parses it (fontSize 16, a w x h viewport, black text)."""
    return parse_gradient(image, 16.0, LengthContext(w, h), lambda error: None, RGBA(0, 0, 0, 1))


def draw(w: float, h: float, image: str, **kw: Any) -> list[SvgNode]:
    return gradient_content(parsed(w, h, image), (w, h), w, "t", **kw)


def parse_stops(parts: list[str]) -> list[ColorStop]:
    return parse_stops_noting(parts, lambda error: None)


def find(nodes: list[SvgNode], tag: str) -> list[SvgNode]:
    out = []
    for node in nodes:
        if node.tag == tag:
            out.append(node)
        out.extend(find(node.children, tag))
    return out


def stops_of(gradient: SvgNode) -> list[tuple[float, str]]:
    return [(float(str(s.attrs["offset"]).rstrip("%")), str(s.attrs["stop-color"])) for s in gradient.children]


def assert_stops(actual: list[tuple[float, str]], expected: list[tuple[float, str]]) -> None:
    assert [c for _, c in actual] == [c for _, c in expected]
    assert [o for o, _ in actual] == pytest.approx([o for o, _ in expected], abs=1e-3)


LINEAR = [
    (100, 100, 'linear-gradient(to right, red, blue)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (100.0, 'blue')]),
    (150, 80, 'linear-gradient(to top left, red, blue)', (1.0, 1.0, 0.0, 0.0), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(red, blue)', (0.0, 0.0, 0.0, 1.0), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(45deg, red, blue)', (-0.1, 0.8, 1.1, 0.2), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(90deg, red, blue)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(135deg, red, yellow 30%, blue)', (-0.1, 0.2, 1.1, 0.8), [(0.0, 'red'), (30.0, 'yellow'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(180deg, red, blue)', (0.0, 0.0, 0.0, 1.0), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(1rad, red, blue)', (-0.0988, 0.6922, 1.0988, 0.3078), [(0.0, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(200grad, red, blue)', (0.0, 0.0, 0.0, 1.0), [(0.0, 'red'), (100.0, 'blue')]),
    (300, 100, 'linear-gradient(-15deg, green 20px, transparent 10px)', (0.9404, 1.0479, 0.0596, -0.0479), [(0.0, 'green'), (11.4785, 'green'), (5.7393, 'transparent'), (100.0, 'transparent')]),
    (200, 100, 'linear-gradient(470deg, orange 10px, transparent 10px)', (-0.072, 0.3959, 1.072, 0.6041), [(0.0, 'orange'), (4.5017, 'orange'), (4.5017, 'transparent'), (100.0, 'transparent')]),
    (200, 100, 'linear-gradient(0.25turn, red 10%, yellow, blue 80%)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (10.0, 'red'), (45.0, 'yellow'), (80.0, 'blue'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(to right, red 0 50%, blue 50% 100%)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (50.0, 'red'), (50.0, 'blue'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(to right, red calc(10% + 5px), blue)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (12.5, 'red'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(90deg, red 10%, blue 5%, green)', (0.0, 0.0, 1.0, 0.0), [(0.0, 'red'), (10.0, 'red'), (5.0, 'blue'), (100.0, 'green')]),
    (200, 100, 'repeating-linear-gradient(30deg, red, blue 30%)', (-0.0332, 0.9617, 0.2867, 0.6847), [(0.0, 'red'), (100.0, 'blue')]),
    (100, 100, 'repeating-linear-gradient(45deg, #606dbc, #606dbc 5px, #465298 5px, #465298 10px)', (0.0, 1.0, 0.0707, 0.9293), [(0.0, '#606dbc'), (50.0, '#606dbc'), (50.0, '#465298'), (100.0, '#465298')]),
    (200, 100, 'repeating-linear-gradient(to right, red 10px, blue 30px)', (0.05, 0.0, 0.15, 0.0), [(0.0, 'red'), (33.3333, 'red'), (100.0, 'blue')]),
    (200, 100, 'repeating-linear-gradient(to right, red 10%, blue 2em)', (0.1, 0.0, 0.16, 0.0), [(0.0, 'red'), (10.0, 'red'), (100.0, 'blue')]),
]
INTERP = [
    (200, 100, 'linear-gradient(to right, red, 30%, blue)', [(0.0, 'red'), (0.3906, 'rgb(245,0,10)'), (0.7812, 'rgb(239,0,16)'), (1.5625, 'rgb(232,0,23)'), (3.125, 'rgb(220,0,35)'), (6.25, 'rgb(203,0,52)'), (12.5, 'rgb(178,0,77)'), (18.75, 'rgb(158,0,97)'), (25.0, 'rgb(140,0,115)'), (37.5, 'rgb(110,0,145)'), (50.0, 'rgb(84,0,171)'), (75.0, 'rgb(39,0,216)'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(to right, rgba(255,0,0,0), blue)', [(0.0, 'rgba(255,0,0,0)'), (1.5625, 'rgba(0,0,255,0.016)'), (3.125, 'rgba(0,0,255,0.031)'), (6.25, 'rgba(0,0,255,0.063)'), (12.5, 'rgba(0,0,255,0.125)'), (25.0, 'rgba(0,0,255,0.25)'), (50.0, 'rgba(0,0,255,0.5)'), (75.0, 'rgba(0,0,255,0.75)'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(in oklab to right, red, blue)', [(0.0, 'red'), (0.7812, 'rgb(253,9,13)'), (1.5625, 'rgb(251,17,22)'), (3.125, 'rgb(248,27,34)'), (6.25, 'rgb(241,40,51)'), (9.375, 'rgb(234,49,64)'), (12.5, 'rgb(226,56,75)'), (18.75, 'rgb(212,66,93)'), (25.0, 'rgb(198,73,109)'), (37.5, 'rgb(169,81,137)'), (50.0, 'rgb(140,83,162)'), (62.5, 'rgb(111,80,186)'), (75.0, 'rgb(81,71,210)'), (81.25, 'rgb(65,64,221)'), (87.5, 'rgb(48,54,232)'), (93.75, 'rgb(29,38,244)'), (96.875, 'rgb(16,25,249)'), (98.4375, 'rgb(8,16,252)'), (100.0, 'blue')]),
    (200, 100, 'linear-gradient(in hsl longer hue to right, red, blue)', [(0.0, 'red'), (25.0, 'rgb(255,255,0)'), (50.0, 'rgb(0,255,0)'), (75.0, 'rgb(0,255,255)'), (100.0, 'blue')]),
]
RADIAL = [
    (100, 100, 'radial-gradient(circle at 25px 25px, blue, red)', (25.0, 25.0, 106.066), None, [(0.0, 'blue'), (1.0, 'red')]),
    (100, 100, 'radial-gradient(closest-side at 20px 30px, red, yellow, green)', (20.0, 30.0, 20.0), 'translate(20 30) scale(1 1.5) translate(-20 -30)', [(0.0, 'red'), (0.5, 'yellow'), (1.0, 'green')]),
    (200, 100, 'radial-gradient(ellipse at top left, red, blue)', (0.0, 0.0, 282.8427), 'translate(0 0) scale(1 0.5) translate(0 0)', [(0.0, 'red'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(farthest-side, red, blue)', (100.0, 50.0, 100.0), 'translate(100 50) scale(1 0.5) translate(-100 -50)', [(0.0, 'red'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(30px at top left, yellow, blue)', (0.0, 0.0, 30.0), None, [(0.0, 'yellow'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(20% 40% at 30% 60%, yellow, blue)', (60.0, 60.0, 40.0), None, [(0.0, 'yellow'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(at top, red, blue)', (100.0, 50.0, 141.4214), 'translate(100 50) scale(1 0.5) translate(-100 -50)', [(0.0, 'red'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(at bottom right, red, blue)', (200.0, 100.0, 282.8427), 'translate(200 100) scale(1 0.5) translate(-200 -100)', [(0.0, 'red'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(circle closest-corner at 10% 10%, red, blue 50px)', (20.0, 10.0, 22.3607), None, [(0.0, 'red'), (0.25, 'blue'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(closest-corner, red, blue)', (100.0, 50.0, 141.4214), 'translate(100 50) scale(1 0.5) translate(-100 -50)', [(0.0, 'red'), (1.0, 'blue')]),
    (200, 100, 'radial-gradient(farthest-corner at 1em 30%, red, blue)', (16.0, 30.0, 260.2153), 'translate(16 30) scale(1 0.3804347826086957) translate(-16 -30)', [(0.0, 'red'), (1.0, 'blue')]),
]
REPEATING_RADIAL = [
    (100, 100, 'repeating-radial-gradient(circle, red, blue 20%)', '20%', 'circle', {'cx': 50.0, 'cy': 50.0, 'r': 70.7107}, [(0.0, 'red'), (1.0, 'blue')]),
    (100, 100, 'repeating-radial-gradient(ellipse 20% 10% at 20% 20%, blue, blue 10px, red 10px, red 20px)', '0.044194173824159216', 'ellipse', {'cx': 20.0, 'cy': 20.0, 'rx': 226.2742, 'ry': 113.1371}, [(0.0, 'blue'), (0.5, 'blue'), (0.5, 'red'), (1.0, 'red')]),
    (200, 100, 'repeating-radial-gradient(circle 5px at 20% 20%, blue, blue 10px, red 10px,red 20px)', '0.05590169943749474', 'circle', {'cx': 40.0, 'cy': 20.0, 'r': 178.8854}, [(0.0, 'blue'), (0.5, 'blue'), (0.5, 'red'), (1.0, 'red')]),
    (200, 100, 'repeating-radial-gradient(ellipse closest-corner at 10% 10%, #e66465, #9198e5 10%)', '0.5555555555555556%', 'ellipse', {'cx': 20.0, 'cy': 10.0, 'ry': 127.2792, 'rx': 254.5584}, [(0.0, '#e66465'), (1.0, '#9198e5')]),
]
CONIC = [
    (100, 100, 'conic-gradient(red, blue)', 258, 'e4c121c68f1ac145'),
    (120, 80, 'conic-gradient(from 45deg at 30% 40%, red, yellow 25%, blue 50%, red)', 437, 'ca7d9a9f4e614265'),
    (100, 100, 'repeating-conic-gradient(red 0 10%, blue 10% 20%)', 373, '92eb768d4dc091c1'),
    (100, 100, 'conic-gradient(rgba(255,0,0,0.5), blue)', 516, '1058a485106970f6'),
    (100, 100, 'conic-gradient(in oklch, red, blue)', 258, '62ffb4b002cd9b54'),
    (100, 100, 'conic-gradient(at left 20px, red, 40%, blue)', 362, 'd4466bf78f1f37cf'),
]


@pytest.mark.parametrize("w,h,image,points,stops", LINEAR, ids=[r[2] for r in LINEAR])
def test_linear_matches_reference(w: int, h: int, image: str, points: tuple[float, ...],
                                  stops: list[tuple[float, str]]) -> None:
    gradient, rect = draw(w, h, image)
    assert gradient.tag == "linearGradient"
    assert tuple(float(gradient.attrs[k]) for k in ("x1", "y1", "x2", "y2")) == pytest.approx(points, abs=1e-4)
    assert gradient.attrs["spreadMethod"] == ("repeat" if image.startswith("repeating") else "pad")
    assert_stops(stops_of(gradient), stops)
    assert rect.attrs == {"x": 0, "y": 0, "width": w, "height": h, "fill": "url(#t-g)"}


@pytest.mark.parametrize("w,h,image,stops", INTERP, ids=[r[2] for r in INTERP])
def test_interpolation_stops_match_reference(w: int, h: int, image: str, stops: list[tuple[float, str]]) -> None:
    """Hints, alpha changes and other colour spaces become extra sRGB stops."""
    assert_stops(stops_of(draw(w, h, image)[0]), stops)


@pytest.mark.parametrize("w,h,image,center,transform,stops", RADIAL, ids=[r[2] for r in RADIAL])
def test_radial_matches_reference(w: int, h: int, image: str, center: tuple[float, float, float],
                                  transform: str | None, stops: list[tuple[float, str]]) -> None:
    gradient, rect = draw(w, h, image)
    assert gradient.attrs["gradientUnits"] == "userSpaceOnUse"
    assert tuple(float(gradient.attrs[k]) for k in ("cx", "cy", "r")) == pytest.approx(center, abs=1e-3)
    if transform is None:
        assert gradient.attrs["gradientTransform"] is None
    else:
        scale = float(transform.split("scale(1 ")[1].split(")")[0])
        ours = str(gradient.attrs["gradientTransform"])
        assert float(ours.split("scale(1 ")[1].split(")")[0]) == pytest.approx(scale, abs=1e-5)
        assert ours.split(" scale")[0] == transform.split(" scale")[0]
    assert_stops(stops_of(gradient), stops)
    assert rect.attrs["fill"] == "url(#t-g)"


@pytest.mark.parametrize("w,h,image,r,shape,attrs,stops", REPEATING_RADIAL, ids=[r[2] for r in REPEATING_RADIAL])
def test_repeating_radial_matches_reference(w: int, h: int, image: str, r: str, shape: str,
                                            attrs: dict[str, float], stops: list[tuple[float, str]]) -> None:
    gradient, covering = draw(w, h, image)
    assert gradient.attrs["spreadMethod"] == "repeat"
    ours = str(gradient.attrs["r"])
    assert ours.endswith("%") == r.endswith("%")
    assert float(ours.rstrip("%")) == pytest.approx(float(r.rstrip("%")), abs=1e-5)
    assert covering.tag == shape
    assert {k: float(v) for k, v in covering.attrs.items() if k != "fill"} == pytest.approx(attrs, abs=1e-3)
    assert_stops(stops_of(gradient), stops)


def _wedges(nodes: list[SvgNode]) -> list[str]:
    out = []
    for node in nodes:
        if node.tag in ("path", "rect"):
            out.append(f"{node.tag}|{node.attrs.get('d', '')}|{node.attrs.get('fill', '')}")
        out.extend(_wedges(node.children))
    return out


@pytest.mark.parametrize("w,h,image,count,digest", CONIC, ids=[r[2] for r in CONIC])
def test_conic_wedges_match_reference_exactly(w: int, h: int, image: str, count: int, digest: str) -> None:
    (svg,) = draw(w, h, image)
    assert svg.tag == "svg" and svg.attrs["overflow"] == "hidden"
    wedges = _wedges([svg])
    assert len(wedges) == count
    assert hashlib.sha1("\n".join(wedges).encode()).hexdigest()[:16] == digest


def test_translucent_conic_is_drawn_under_a_mask_of_alphas() -> None:
    (svg,) = draw(100, 100, "conic-gradient(rgba(255,0,0,0.5), blue)")
    mask, group = svg.children
    assert mask.tag == "mask" and mask.attrs["id"] == "t-m"
    assert group.attrs == {"mask": "url(#t-m)"}
    (opaque,) = draw(100, 100, "conic-gradient(red, blue)")
    assert not find([opaque], "mask")


# --- pieces --------------------------------------------------------------------------------

@pytest.mark.parametrize("direction,points", [
    ("top", (0, 1, 0, 0)), ("bottom", (0, 0, 0, 1)), ("left", (1, 0, 0, 0)), ("right", (0, 0, 1, 0)),
    ("top right", (0, 1, 1, 0)), ("right top", (0, 1, 1, 0)), ("bottom left", (1, 0, 0, 1)), ("nowhere", (0, 1, 0, 0)),
])
def test_direction_points(direction: str, points: tuple[float, ...]) -> None:
    assert direction_points(direction) == points


@pytest.mark.parametrize("degrees,points", [(0, (0, 1, 0, 0)), (90, (0, 0, 1, 0)), (180, (0, 0, 0, 1)),
                                            (270, (1, 0, 0, 0)), (360, (0, 1, 0, 0))])
def test_linear_points_of_axis_angles(degrees: float, points: tuple[float, ...]) -> None:
    # Not centred: the reference's vertical line runs along x = 0.
    assert linear_points(degrees / 180 * math.pi, 200, 100)[0] == pytest.approx(points)


@pytest.mark.parametrize("degrees", [30, 45, 120, 225, 300, 359])
def test_linear_points_are_symmetric_about_the_centre(degrees: float) -> None:
    (x1, y1, x2, y2), length = linear_points(degrees / 180 * math.pi, 200, 100)
    assert (x1 + x2) / 2 == pytest.approx(0.5) and (y1 + y2) / 2 == pytest.approx(0.5)
    # The CSS gradient line length: |w sin a| + |h cos a|.
    a = math.radians(degrees)
    assert length == pytest.approx(abs(200 * math.sin(a)) + abs(100 * math.cos(a)))


def test_parser_quirks() -> None:
    # A hint belongs to the stop before it; ".5" and "+5" are not positions.
    stops = parse_stops(split_commas("red 10%, 30%, blue .5px, green"))
    assert stops[0].hint is not None and stops[0].hint.text == "30"
    assert stops[1].offset is not None and stops[1].offset.text is None
    assert expand_color_stops("linear-gradient(red 0 50%, blue)") == "linear-gradient(red 0, red 50%, blue)"
    math_functions: list[str] = []
    assert expand_color_stops("linear-gradient(red calc(1px + 2%), blue)", math_functions) == \
        "linear-gradient(red 1000000000px, blue)"
    assert math_functions == ["calc(1px + 2%)"]
    assert extract_interpolation_method("linear-gradient(in oklab to right, red, blue)") == \
        ("linear-gradient(to right, red, blue)", ("oklab", "shorter"))
    assert extract_interpolation_method("linear-gradient(in hsl longer hue, red, blue)") == \
        ("linear-gradient(red, blue)", ("hsl", "longer"))
    assert extract_interpolation_method("linear-gradient(to right, red, blue)")[1] is None


def test_stops_are_resolved_at_style_time() -> None:
    # Colours in their own space and as SVG text (against the element's colour), lengths in
    # px: the painter parses nothing.
    notes: list[StyleError] = []
    gradient = parse_gradient("linear-gradient(oklch(70% 0.1 30) 2em, #00f8 50%, red 10vw, currentColor)",
                              10.0, LengthContext(200, 100), notes.append, RGBA(0, 128, 0, 1))
    first, second, third, last = gradient.stops
    assert notes == []
    assert (first.offset, second.offset, third.offset) == (
        Offset("2", "em", 20.0), Offset("50", "%"), Offset("10", "vw", 20.0))
    assert first.paint.text == "rgb(213,134,121)" and first.paint.space is not None
    assert first.paint.space.space == "oklch" and first.paint.mask_alpha == 1.0
    assert second.paint.text == "#00f8" and second.paint.mask_alpha == pytest.approx(0x88 / 255)
    assert last.paint.space is not None and last.paint.space.coords == (0.0, 128 / 255, 0.0)
    # The stop a gradient without stops is given is the parser's transparent.
    assert stop_color("transparent", None) == TRANSPARENT_STOP


def test_stop_fixup_is_the_reference_s() -> None:
    stops = normalize_stops(100, parse_stops(["red 20px", "blue", "green 10px"]), False)
    # The first stop is copied to 0, the last to 1; no monotonic clamp.
    assert [(s.offset, s.color) for s in stops] == [
        (0.0, "red"), (0.2, "red"), (pytest.approx(0.15), "blue"), (0.1, "green"), (1.0, "green")]
    assert [(s.offset, s.color) for s in normalize_stops(100, [], False)] == [(0.0, "transparent"), (1.0, "transparent")]
    masked = normalize_stops(100, parse_stops(["rgba(1,2,3,0.25)", "red"]), False, mask=True)
    assert masked[0].color == "rgba(255, 255, 255, 0.25)" and masked[-1].color == "rgba(255, 255, 255, 1)"


def test_apply_hint() -> None:
    assert apply_hint(0.5, 0.5) == pytest.approx(0.5)
    assert apply_hint(0.3, 0.3) == pytest.approx(0.5)
    assert apply_hint(0.7, 0) == 1 and apply_hint(0.7, 1) == 0


def test_conic_syntax_and_centre() -> None:
    conic = parsed(100, 50, "conic-gradient(from 45deg at 10px 20%, red, blue)")
    assert isinstance(conic, ConicGradient) and (conic.start, conic.position) == (45, (10.0, Percent(20.0)))
    repeating = parsed(100, 50, "repeating-conic-gradient(red, blue)")
    assert (repeating.start, repeating.repeating) == (0, True)
    def center(words: str) -> tuple[float, float]:
        image = parsed(100, 50, f"conic-gradient(at {words}, red, blue)")
        return conic_center(image.position, 100, 50)

    assert center("center") == (50, 25)
    assert center("10px 20%") == (10, 10)
    assert center("left 20px") == (0, 20)
    assert center("bottom 30%") == (30, 50)
    assert center("LEFT 2em") == (50, 32)  # keywords are case-sensitive: LEFT is no length
    stops = resolve_conic_stops(parse_stops(["red", "blue 90deg", "green 10%", "white"]))
    # Turns: positions never go back, the last defaults to a whole turn.
    assert [s.position for s in stops] == [0, 0.25, 0.25, 1]


def test_negative_radial_size_is_the_reference_error() -> None:
    with pytest.raises(StyleError) as info:
        draw(100, 100, "radial-gradient(-20% 20% at top left, yellow, blue)")
    assert str(info.value) == NEGATIVE_SIZE


def test_degenerate_radial_fills_with_the_last_colour() -> None:
    (rect,) = draw(200, 100, "radial-gradient(0px at center, red, blue)")
    assert rect.tag == "rect" and rect.attrs["fill"] == "blue"


def test_masks_paint_white_with_alpha() -> None:
    gradient, _ = draw(100, 100, "linear-gradient(to right, blue, transparent)", mask=True)
    assert stops_of(gradient)[0][1] == "rgba(255, 255, 255, 1)"
    (svg,) = draw(100, 100, "conic-gradient(red, rgba(0,0,0,0.5))", mask=True)
    assert all(str(n.attrs["fill"]).startswith("#") and len(set(str(n.attrs["fill"])[1:3] * 3)) <= 2
               for n in find([svg], "path"))
