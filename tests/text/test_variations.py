"""Variable fonts: fontWeight and fontVariationSettings pick the instance, for advances
and outlines alike, as browsers do (the reference draws only the default instance).

Widths are checked against headless Chromium's (tests/text/data/variable-font-chromium.json).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from satori_py.options import Font
from satori_py.text.fonts import FontRegistry
from satori_py.text.variations import (
    VariedFaceData,
    axes_of,
    instance_location,
    parse_font_variation_settings,
)

ROOT = Path(__file__).resolve().parents[2]
MONTSERRAT = ROOT / "golden" / "text" / "fonts" / "Montserrat-VF-latin.woff2"
CHROMIUM = Path(__file__).parent / "data" / "variable-font-chromium.json"


def _registry() -> FontRegistry:
    return FontRegistry([Font("Mont", MONTSERRAT, 400)])


@pytest.mark.parametrize(("value", "location"), [
    (None, ()), ("normal", ()), ("", ()),
    ('"wght" 650', (("wght", 650.0),)),
    ("'wdth' 80, 'wght' 300.5", (("wdth", 80.0), ("wght", 300.5))),
    ('"wght" 300, "wght" 700', (("wght", 700.0),)),  # the last one wins
    ('"wght"', ()), ('"wg" 300', ()), ("wght 300", ()), ('"wght" 300, bad', ()),  # invalid: ignored
    ({"wght": 500}, (("wght", 500.0),)),
])
def test_parse_font_variation_settings(value: Any, location: Any) -> None:
    assert parse_font_variation_settings(value) == location


def test_instance_location() -> None:
    data = _registry().get("mont_unknown").data  # type: ignore[union-attr]
    assert axes_of(data) == {"wght": (100.0, 100.0, 900.0)}
    assert instance_location(data, 100) is None  # the default instance: the reference's
    assert instance_location(data, 800) == (("wght", 800.0),)
    assert instance_location(data, "bold") == (("wght", 700.0),)
    assert instance_location(data, 950) == (("wght", 900.0),)  # clamped to the axis
    assert instance_location(data, 400, (("wght", 650.0), ("wdth", 80.0))) == (("wght", 650.0),)


def test_static_fonts_are_untouched() -> None:
    from satori_py.assets import DEFAULT_FONT_PATH
    registry = FontRegistry([Font("Geist", DEFAULT_FONT_PATH)])
    face = registry.get("geist_unknown")
    assert face is not None and axes_of(face.data) == {}
    engine = registry.engine(40, font_family="Geist", font_weight=800)
    assert engine.fonts[0].data is face.data


def test_widths_match_chromium() -> None:
    facts = json.loads(CHROMIUM.read_text())
    registry = _registry()
    for line in facts["lines"]:
        engine = registry.engine(facts["font_size"], font_family="Mont", font_weight=line["fontWeight"],
                                 font_variation_settings=line["fontVariationSettings"])
        assert engine.measure(line["text"]) == pytest.approx(line["width"], abs=0.05), line


def test_outlines_follow_the_weight() -> None:
    registry = _registry()
    paths = {}
    for weight in (100, 300, 500, 800):
        engine = registry.engine(40, font_family="Mont", font_weight=weight)
        glyphs = engine.glyph_path("Hamburg", left=0, top=40)
        paths[weight] = glyphs.path
        # An 800 instance is bold already: no synthetic bold on top of it.
        assert glyphs.bold_path == "" and glyphs.bold_stroke_width is None
    assert len(set(paths.values())) == 4
    default = registry.engine(40, font_family="Mont", font_weight=100)
    assert not isinstance(default.fonts[0].data, VariedFaceData)  # the reference's own glyphs
    heavy = registry.engine(40, font_family="Mont", font_weight=800).fonts[0].data
    assert isinstance(heavy, VariedFaceData) and heavy.weight_class == 800


def test_variation_settings_override_the_weight() -> None:
    registry = _registry()
    by_weight = registry.engine(40, font_family="Mont", font_weight=650)
    by_setting = registry.engine(40, font_family="Mont", font_weight=400,
                                 font_variation_settings='"wght" 650')
    text = "Hamburgefonstiv"
    assert by_setting.measure(text) == by_weight.measure(text)
    assert by_setting.glyph_path(text, left=0, top=40).path == by_weight.glyph_path(text, left=0, top=40).path
    plain = registry.engine(40, font_family="Mont", font_weight=400)
    assert plain.measure(text) != by_setting.measure(text)  # the shaped-run cache keeps them apart


def test_varied_outlines_match_a_static_instance() -> None:
    """gvar applied by us == fontTools' instancer (up to its rounding to integers)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    variable = TTFont(MONTSERRAT)
    options = subset.Options()
    options.layout_features = []
    subsetter = subset.Subsetter(options)  # a few glyphs make the instancer fast
    subsetter.populate(text="Hag&")
    subsetter.subset(variable)
    static = instantiateVariableFont(variable, {"wght": 800})
    static.flavor = None
    buf = io.BytesIO()
    static.save(buf)
    ours = _registry().engine(40, font_family="Mont", font_weight=800).fonts[0].data
    theirs = FontRegistry([Font("S", buf.getvalue(), 800)]).get("s_unknown").data  # type: ignore[union-attr]
    for char in "Hag&":
        gid = ours.hb.nominal_glyph(ord(char))
        ops_a, coords_a = ours.outline(gid)
        ops_b, coords_b = theirs.outline(theirs.hb.nominal_glyph(ord(char)))
        assert ops_a == ops_b
        assert max(abs(a - b) for a, b in zip(coords_a, coords_b)) <= 1.0


def test_font_variation_settings_in_a_render() -> None:
    """fontVariationSettings reaches the font engine and is inherited, as in CSS."""
    from satori_py import render_svg

    font = [Font("Mont", MONTSERRAT, 400)]

    def render(outer: dict[str, Any], inner: dict[str, Any]) -> str:
        child = {"type": "span", "props": {"style": inner, "children": "Hamburg"}}
        element = {"type": "div", "props": {"style": {"fontFamily": "Mont", "fontSize": 40, **outer},
                                            "children": [child]}}
        return render_svg(element, width=300, height=60, fonts=font)

    by_weight = render({}, {"fontWeight": 650})
    assert render({"fontVariationSettings": '"wght" 650'}, {}) == by_weight  # inherited
    assert render({}, {"fontVariationSettings": "'wght' 650"}) == by_weight
    assert render({}, {}) != by_weight
