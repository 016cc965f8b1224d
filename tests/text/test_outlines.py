"""Glyph outlines, path-data formatting, skip-ink boxes and the glyph paths of the
engine, compared byte for byte with the real Satori's output."""
from __future__ import annotations

import json
import math
import random
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent, GlyphCoordinates

from satori_py.style.font_features import font_feature_settings
from satori_py.text.faces import face_data
from satori_py.text.fonts import FontRegistry
from satori_py.text import outlines
from satori_py.text.outlines import fmt_tenth, glyf_outline, glyph_path_d, place, scale_outline
from satori_py.text.skip_ink import band_boxes, band_spans, px_commands

from .conftest import REFERENCE, TFont, font_bytes, tfont

FACTS = json.loads(REFERENCE.read_text())


# -- numbers ----------------------------------------------------------------------------

def js_round_tenth(v: float) -> str:
    """The reference's ``round`` + JS number printing, emulated independently."""
    def math_round(x: float) -> int:  # JS Math.round: nearest, ties towards +infinity
        r = math.floor(x)
        return r + 1 if x - r >= 0.5 else r
    n = -math_round(-v * 10) if v < 0 else math_round(v * 10)
    return repr(n / 10).removesuffix(".0") if n else "0"


@pytest.mark.parametrize("value,text", [
    (347.0, "347"), (12.25, "12.3"), (-12.25, "-12.3"), (0.15, "0.2"), (1.005, "1"),
    (-0.04, "0"), (-0.05, "-0.1"), (0.05, "0.1"), (-0.0, "0"), (1e-20, "0"),
    (0.049999999999999996, "0"), (123456.78, "123456.8"), (-1234.5, "-1234.5"),
])
def test_fmt_tenth_table(value: float, text: str) -> None:
    assert fmt_tenth(value) == text == js_round_tenth(value)


def test_fmt_tenth_agrees_with_the_js_rounding_on_ties_and_noise() -> None:
    rng = random.Random(7)
    values = []
    for _ in range(20000):
        k = rng.randint(-40000, 40000)
        values += [k / 20, k / 20 + rng.choice((-1, 1)) * 1e-12, rng.uniform(-3000, 3000),
                   rng.randint(0, 1200) + rng.randint(0, 1000) * 0.03]
    assert [fmt_tenth(v) for v in values] == [js_round_tenth(v) for v in values]


# -- outlines like opentype.js -----------------------------------------------------------

def simple(points: list[tuple[int, int, int]], ends: list[int]) -> Glyph:
    g = Glyph()
    g.numberOfContours = len(ends)
    g.coordinates = GlyphCoordinates([(x, y) for x, y, _ in points])
    g.flags = bytearray(on for _, _, on in points)
    g.endPtsOfContours = ends
    return g


SQUARE = simple([(0, 0, 1), (100, 0, 1), (100, 100, 1), (0, 100, 1)], [3])


@pytest.mark.parametrize("glyph,expected", [
    # Starts at the last point and ends with an L back to it.
    (SQUARE, ("MLLLLZ", (0, 100, 0, 0, 100, 0, 100, 100, 0, 100))),
    (simple([(0, 0, 0), (100, 0, 1), (100, 100, 0), (0, 100, 1)], [3]),
     ("MQLQLZ", (0, 100, 0, 0, 100, 0, 100, 0, 100, 100, 0, 100, 0, 100))),
    # All off-curve: starts between the last and the first point.
    (simple([(0, 0, 0), (100, 0, 0), (100, 100, 0), (0, 100, 0)], [3]),
     ("MQQQQZ", (0, 50, 0, 0, 50, 0, 100, 0, 100, 50, 100, 100, 50, 100, 0, 100, 0, 50))),
    # Last point off-curve, first on: starts at the first.
    (simple([(0, 0, 1), (100, 0, 1), (50, 100, 0)], [2]),
     ("MLLQZ", (0, 0, 0, 0, 100, 0, 50, 100, 0, 0))),
    (simple([(0, 0, 1), (10, 0, 1), (20, 0, 1), (30, 0, 1)], [1, 3]),
     ("MLLZMLLZ", (10, 0, 0, 0, 10, 0, 30, 0, 20, 0, 30, 0))),
])
def test_glyf_outline(glyph: Glyph, expected: tuple[str, tuple[float, ...]]) -> None:
    assert glyf_outline({"g": glyph}, "g") == expected


def test_composite_uses_opentype_js_transform() -> None:
    comp = GlyphComponent()
    comp.glyphName, comp.x, comp.y, comp.flags = "sq", 10, 5, 0
    comp.transform = [[1, 0.5], [0, 1]]  # xScale, scale01 / scale10, yScale
    composite = Glyph()
    composite.numberOfContours = -1
    composite.components = [comp]
    ops, coords = glyf_outline({"sq": SQUARE, "c": composite}, "c")
    assert ops == "MLLLLZ"
    # x' = xScale*x + scale01*y + dx (fontTools would use scale10 for x)
    assert coords[:6] == (0 + 50 + 10, 100 + 5, 10, 5, 110, 5)


def test_empty_glyph() -> None:
    blank = Glyph()
    blank.numberOfContours = 0
    assert glyf_outline({"b": blank}, "b") == ("", ())


# -- placing ---------------------------------------------------------------------------

def test_glyph_path_d_format_and_y_flip() -> None:
    assert glyph_path_d(("MLQZ", (0, 100, 10, 0, 20, 5, 30, 0)), 1, 50, 0.5) == (
        "M1 0L6 50Q11 47.5 16 50Z")


def test_place_concatenates_and_skips_empty_glyphs() -> None:
    square = scale_outline(glyf_outline({"g": SQUARE}, "g"), 0.1)
    empty = scale_outline(("", ()), 0.1)
    d = place([(square, 0, 10), (empty, 5, 10), (square, 10, 10)])
    assert d == "M0 0L0 10L10 10L10 0L0 0ZM10 0L10 10L20 10L20 0L10 0Z"


def test_baseline_templates_count_in_the_cached_points() -> None:
    # Each baseline a glyph is drawn on keeps a text per point: the caches' bound counts it.
    data = face_data(font_bytes("Geist-Regular.ttf"))
    gid = data.hb.nominal_glyph(ord("o"))
    scaled = data.scaled(gid, 0.123, 0.0)
    before = outlines._held(data)
    for y in (10.0, 20.0, 30.0):
        place([(scaled, 0.0, y)])
    assert len(scaled.dx) > 0 and outlines._held(data) == before + 3 * len(scaled.dx)


def naive_path_d(ops: str, coords: tuple[float, ...], x: float, y: float, scale: float, skew: float) -> str:
    """Path data written out point by point with the reference's rounding: what the cached
    offsets, the baseline templates and their tables of y numbers must give."""
    out, i = [], 0
    for op in ops:
        points = []
        for _ in range(outlines.ARITY[op]):
            cx, cy = coords[i], coords[i + 1]
            i += 2
            dx = ((cx + skew * cy) if skew else cx) * scale
            points.append(f"{js_round_tenth(x + dx)} {js_round_tenth(y + -(cy * scale))}")
        out.append(op + " ".join(points))
    return "".join(out)


@st.composite
def outlines_(draw: st.DrawFn) -> tuple[str, tuple[float, ...]]:
    ops = draw(st.text(alphabet="MLQCZ", max_size=12))
    number = st.integers(-3000, 3000) | st.floats(-3000, 3000, allow_nan=False)
    coords = draw(st.lists(number, min_size=2 * sum(outlines.ARITY[op] for op in ops),
                           max_size=2 * sum(outlines.ARITY[op] for op in ops)))
    return ops, tuple(coords)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glyphs=st.lists(st.tuples(outlines_(), st.floats(-5000, 5000), st.sampled_from((0.0, 12.5, 40.25))),
                       min_size=1, max_size=4),
       scale=st.floats(0.001, 2.0), skew=st.sampled_from((0.0, 0.25)), baseline=st.floats(-5000, 5000))
def test_placed_glyphs_are_the_reference_numbers_written_out(
        glyphs: list[tuple[tuple[str, tuple[float, ...]], float, float]], scale: float, skew: float,
        baseline: float) -> None:
    # Each glyph on two baselines: the second placing of a baseline reads its template.
    placed = [(scale_outline(outline, scale, skew), x, baseline + dy) for outline, x, dy in glyphs]
    expected = "".join(naive_path_d(*outline, x, baseline + dy, scale, skew) for outline, x, dy in glyphs)
    assert place(placed) == expected
    assert place(placed) == expected


def test_listed_x_texts_are_the_table_texts_however_the_list_grew() -> None:
    # The list of x texts grows in whole px, to the key asked for, at least doubling: every key
    # it holds has the text the dict of keys (held to the reference by the tests above) has.
    for key in (0, 1, 19, 20, 21, 39, 40, 399, 4321, 20 * outlines._LISTED_X - 1, 20 * outlines._LISTED_X):
        texts = outlines._listed_x(key)
        assert len(texts) > min(key, 20 * outlines._LISTED_X - 1)
    assert len(texts) == 20 * outlines._LISTED_X + 19  # capped: whole px, up to the limit's
    assert texts == [outlines._HALVES[k] for k in range(len(texts))]


@pytest.mark.parametrize("x", [0.0, 0.02, -0.02, -0.5, -30.0, 8191.0, 8192.0 - 1e-9, 8192.0, 12345.678])
def test_x_numbers_near_zero_and_the_listed_limit(x: float) -> None:
    # Glyphs reaching left of 0 or right of the listed x numbers are looked up in the dict.
    square = scale_outline(glyf_outline({"g": SQUARE}, "g"), 0.1)
    d = place([(square, x, 10.0), (square, x + 0.05, 10.0)])
    ops, coords = glyf_outline({"g": SQUARE}, "g")
    assert d == naive_path_d(ops, coords, x, 10.0, 0.1, 0.0) + naive_path_d(ops, coords, x + 0.05, 10.0, 0.1, 0.0)


@given(value=st.floats(-1e6, 1e6) | st.integers(-20_000_000, 20_000_000).map(lambda k: k / 20),
       literal=st.sampled_from((" ", "L", "Q", "C", "Z", "ZM", "ZZM")))
def test_y_tables_are_the_number_between_a_space_and_the_literal(value: float, literal: str) -> None:
    assert outlines._Y_TABLES[literal][math.trunc(value * 20.0)] == " " + js_round_tenth(value) + literal


def test_number_tables_keep_at_most_their_room_and_still_answer() -> None:
    # A stream of cards with text at ever new positions: the texts past the room are made,
    # right, and not kept (a table of a million texts held some 150 MB).
    table = outlines._Halves(" ", "L", [outlines._TABLE_ROOM])
    keys = range(-outlines._TABLE_ROOM, outlines._TABLE_ROOM, 1)
    texts = list(map(table.__getitem__, keys))
    assert len(table) == outlines._TABLE_ROOM <= 100_000
    assert [texts[0], texts[-1]] == [" " + js_round_tenth(keys[0] / 20) + "L", " " + js_round_tenth(keys[-1] / 20) + "L"]
    assert table[keys[-1]] == texts[-1]


def test_skew_slants_around_the_baseline() -> None:
    scaled = scale_outline(("M", (0, 100)), 0.1, 0.25)
    assert scaled.dx == (2.5,)
    assert scaled.template(50.0) == ("M", (" 40",))  # y 50 - 100 * 0.1: the slant leaves y alone


def test_band_boxes_cover_the_ink_under_the_baseline() -> None:
    d = face_data(font_bytes("Geist-Regular.ttf"))
    gid = d.hb.nominal_glyph(ord("g"))
    cmds = px_commands(d.outline(gid), 10, 40, 40, d.upem)
    boxes = band_boxes(band_spans(cmds, 43, 2), 0.0, underline_y=43, stroke_width=2)
    assert boxes and all(b.y1 == 42.5 and b.y2 == 48 for b in boxes)
    assert 10 < boxes[0].x1 and boxes[0].x2 < 10 + 25
    # The rows found at the origin, moved to where the glyph is drawn, give the same boxes.
    at_origin = band_spans(px_commands(d.outline(gid), 0, 0, 40, d.upem), 3, 2)
    assert band_boxes(at_origin, 10.0, 43, 2) == boxes
    o = d.hb.nominal_glyph(ord("o"))
    assert band_boxes(band_spans(px_commands(d.outline(o), 10, 40, 40, d.upem), 43, 2), 0.0, 43, 2) == []


# -- the engine's glyph paths against the reference ------------------------------------

@pytest.mark.parametrize("case_id", sorted(FACTS["paths"]))
def test_glyph_path_matches_the_reference(case_id: str) -> None:
    case: dict[str, Any] = FACTS["paths"][case_id]
    style = case["style"]
    fonts = [tfont("F", case["file"], 400, "normal")]
    if case_id == "fallback-run":
        fonts.append(tfont("J", "NotoSansJP-subset-konnichiwa.ttf", 400, "normal"))
    engine = FontRegistry(fonts).engine(
        case["size"], style.get("lineHeight", "normal"), font_family="F",
        font_weight=style.get("fontWeight", 400), font_style=style.get("fontStyle", "normal"))
    text = case["text"]
    # The reference's line layout puts the baseline at the lowest one of its
    # words (here each character is a word).
    top = max(engine.baseline(ch) for ch in text)
    got = engine.glyph_path(text, left=0, top=top,
                            letter_spacing=style.get("letterSpacing", 0),
                            features=font_feature_settings(style))
    assert got.path == case["path"]
    assert got.bold_path == case["bold_path"]
    assert got.bold_stroke_width == case["stroke_width"]
    assert got.boxes == ()


@pytest.mark.parametrize("case_id", sorted(FACTS["measure"]))
def test_words_placed_at_measured_widths_match_the_reference(case_id: str) -> None:
    case = FACTS["measure"][case_id]
    style = case["style"]
    spacing = {"letter_spacing": style.get("letterSpacing", 0),
               "word_spacing": style.get("wordSpacing", 0)}
    engine = FontRegistry([tfont("F", case["file"], 400)]).engine(case["size"], font_family="F")
    parts, line = [], 0.0
    for word in re.findall(r"\s*\S+", case["text"]):
        # The reference's layout: x = (width so far + w) - w, each word a getSVG call
        # whose paths are joined by spaces.
        w = engine.measure(word, **spacing)
        line += w
        parts.append(engine.glyph_path(word, left=line - w, top=engine.baseline(word),
                                       **spacing).path)
    assert " ".join(parts) + " " == case["path"]


def test_rtl_runs_are_reversed_and_zero_size_is_empty() -> None:
    reg = FontRegistry([tfont("G", "Geist-Regular.ttf"),
                        tfont("H", "NotoSansHebrew-Regular.ttf")])
    engine = reg.engine(20, font_family="G")
    ltr = engine.glyph_path("abאב", left=0, top=20)
    rtl = engine.glyph_path("abאב", left=0, top=20, direction="rtl")
    assert ltr.path != rtl.path
    # Runs are shaped right-to-left and drawn from the left in reverse order.
    assert rtl.path.startswith(engine.glyph_path("אב", left=0, top=20, direction="rtl").path)
    assert reg.engine(0, font_family="G").glyph_path("ab", left=0, top=0).path == ""
    assert engine.glyph_path("a\nb", left=0, top=20) == engine.glyph_path("ab", left=0, top=20)


def test_band_is_passed_through() -> None:
    engine = FontRegistry([TFont("G", font_bytes("Geist-Regular.ttf"))]).engine(
        40, font_family="G")
    got = engine.glyph_path("gap", left=0, top=40, band=(43.0, 2.0))
    assert len(got.boxes) >= 2  # g and p cross the band, a doesn't
