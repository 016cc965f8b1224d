"""HarfBuzz shaping, font-feature-settings parsing and the font-variant features."""
from __future__ import annotations

from typing import Any

import pytest
import uharfbuzz as hb
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.style.font_features import (expand_font_variant, font_feature_settings,
                                     is_font_variant_property, parse_font_variant)
from satori_py.text.faces import face_data
from satori_py.text.fonts import FontRegistry
from satori_py.style.font_features import parse_font_feature_settings
from satori_py.text.shaping import (DEFAULT_LANGUAGE, HbFont,
                                    shape)

from .conftest import TFont, font_bytes

G, R, HE = "Geist-Regular.ttf", "Roboto-Regular.ttf", "NotoSansHebrew-Regular.ttf"


@pytest.mark.parametrize("value,expected", [
    (None, {}),
    ("", {}),
    ("normal", {}),
    ('"liga" off', {"liga": False}),
    ("'smcp'", {"smcp": True}),
    ('"smcp" on', {"smcp": True}),
    ('"c2sc", "smcp"', {"c2sc": True, "smcp": True}),
    ('"ss01" 2', {"ss01": 2}),
    ('"liga" 1, "kern" 0', {"liga": True, "kern": False}),
    ('"dlig" 02', {"dlig": 2}),                  # not "1": parseInt
    ('"liga" ON', {}),                           # matched, but neither on/off nor a number
    ("liga", {}),                                # unquoted: ignored
    ('"lig"', {}),                               # not four characters
    ('"liga" off, "kern" 0, "liga" on', {"liga": True, "kern": False}),
    ('x "tnum" y', {"tnum": True}),              # the first quoted tag anywhere in the part
    ('"TNUM"', {"TNUM": True}),                  # kept as written (HarfBuzz ignores it)
])
def test_parse_font_feature_settings(value: str | None, expected: dict[str, Any]) -> None:
    got = parse_font_feature_settings(value)
    assert got == expected
    assert list(got) == list(expected)


def roboto() -> HbFont:
    return face_data(font_bytes(R)).hb


def geist() -> HbFont:
    return face_data(font_bytes(G)).hb


def test_shape_gives_font_units_and_clusters() -> None:
    glyphs = shape(geist(), "AVA")
    assert geist().upem == 1000
    assert [g.cluster for g in glyphs] == [0, 1, 2]
    assert all(g.y_advance == 0 and g.y_offset == 0 for g in glyphs)
    assert shape(geist(), "") == ()


def test_kerning_is_on_by_default_and_can_be_turned_off() -> None:
    kerned = sum(g.x_advance for g in shape(geist(), "AVATAR"))
    plain = sum(g.x_advance for g in shape(geist(), "AVATAR", features={"kern": False}))
    assert kerned < plain


def test_ligatures_are_on_by_default() -> None:
    assert len(shape(roboto(), "office")) == 4          # o, ffi, c, e
    assert len(shape(roboto(), "office", features={"liga": False})) == 6


def test_hangul_is_shaped_without_calt_unless_asked() -> None:
    # The reference's HarfBuzz 12 disables calt for Hangul; Noto Sans KR's calt swaps the
    # space between two syllables for a wider one (280 units instead of 224).
    korean = face_data(font_bytes("NotoSansKR-subset-annyeong.otf")).hb
    assert [g.x_advance for g in shape(korean, "녕 나")] == [920, 224, 920]
    assert [g.x_advance for g in shape(korean, "녕 나", features={"calt": True})] == [920, 280, 920]


def test_feature_values_harfbuzz_cannot_take_are_dropped() -> None:
    base = shape(roboto(), "office")
    assert shape(roboto(), "office", features={"liga": 2**40}) == base


def test_clusters_are_code_point_indexes() -> None:
    glyphs = shape(geist(), "a\U0001F600b")
    assert [g.cluster for g in glyphs] == [0, 1, 2]
    assert glyphs[1].gid == 0  # Geist has no emoji: .notdef


def test_direction_is_guessed_or_forced() -> None:
    hebrew = face_data(font_bytes(HE)).hb
    glyphs = shape(hebrew, "שלום")
    assert [g.cluster for g in glyphs] == [3, 2, 1, 0]  # visual order
    forced = shape(geist(), "abc", direction="rtl")
    assert [g.cluster for g in forced] == [2, 1, 0]


def test_the_language_is_explicit() -> None:
    assert DEFAULT_LANGUAGE == "c"  # what WebAssembly HarfBuzz's default language is
    assert shape(geist(), "fi", language="c") == shape(geist(), "fi")


def test_nominal_glyph() -> None:
    hb = geist()
    assert hb.nominal_glyph(ord("A")) > 0
    assert hb.nominal_glyph(0x2603) == 0


# -- font-features.ts ----------------------------------------------------------------

@pytest.mark.parametrize("style,expected", [
    ({}, None),
    ({"fontKerning": "none"}, '"kern" 0'),
    ({"fontKerning": "auto"}, None),
    ({"fontVariantLigatures": "none"}, '"liga" 0, "clig" 0, "dlig" 0, "hlig" 0, "calt" 0'),
    ({"fontVariantCaps": "all-small-caps", "fontVariantNumeric": "tabular-nums slashed-zero"},
     '"c2sc", "smcp", "tnum", "zero"'),
    ({"fontVariantEmoji": "emoji"}, None),
    ({"letterSpacing": 2}, '"liga" 0, "clig" 0'),
    ({"letterSpacing": 0}, None),
    ({"letterSpacing": 2, "fontFeatureSettings": '"liga" 1'}, '"liga" 0, "clig" 0, "liga" 1'),
    ({"fontFeatureSettings": "normal"}, None),
])
def test_font_feature_settings(style: dict[str, Any], expected: str | None) -> None:
    assert font_feature_settings(style) == expected


def test_letter_spacing_turns_ligatures_off_unless_asked() -> None:
    off = parse_font_feature_settings(font_feature_settings({"letterSpacing": 1}))
    on = parse_font_feature_settings(font_feature_settings(
        {"letterSpacing": 1, "fontFeatureSettings": '"liga" on'}))
    assert off == {"liga": False, "clig": False}
    assert on == {"liga": True, "clig": False}


@pytest.mark.parametrize("name,value,expected", [
    ("fontKerning", "None", "none"),
    ("fontVariantLigatures", "none", "none"),
    ("fontVariantCaps", "normal", "normal"),
    ("fontVariantNumeric", " Tabular-Nums  slashed-zero ", "tabular-nums slashed-zero"),
])
def test_parse_font_variant(name: str, value: str, expected: str) -> None:
    assert parse_font_variant(name, value) == expected


@pytest.mark.parametrize("name,value", [
    ("fontKerning", "auto none"), ("fontVariantCaps", "none"),
    ("fontVariantNumeric", "normal tabular-nums"), ("fontVariantCaps", "bogus"),
])
def test_parse_font_variant_errors(name: str, value: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_font_variant(name, value)
    assert str(info.value) == f"Invalid `{name}` value."


def test_expand_font_variant() -> None:
    out = expand_font_variant("small-caps oldstyle-nums")
    assert out["fontVariantCaps"] == "small-caps"
    assert out["fontVariantNumeric"] == "oldstyle-nums"
    assert out["fontVariantLigatures"] == "normal"
    assert expand_font_variant("none")["fontVariantLigatures"] == "none"
    with pytest.raises(ValueError, match="Invalid `fontVariant` value."):
        expand_font_variant("small-caps nope")
    assert is_font_variant_property("fontKerning") and not is_font_variant_property("fontSize")


_MIXED = st.text(st.sampled_from("AVfi ffl.,éa\u0301\u05d0\u05d1\u0645\u0631\u0e01\u0e34\u200d"),
                 max_size=24)


@settings(max_examples=150, deadline=None)
@given(text=_MIXED, rtl=st.booleans())
def test_shaped_glyphs_are_harfbuzz_s_numbers_named(text: str, rtl: bool) -> None:
    # shape() builds its glyphs by C-level maps; the long way reads each number by name.
    font = face_data(font_bytes(HE)).hb if rtl else geist()
    buf = hb.Buffer()
    buf.add_str(text)
    buf.language = DEFAULT_LANGUAGE
    buf.guess_segment_properties()
    hb.shape(font.font, buf)
    assert [tuple(g) for g in shape(font, text)] == [
        (info.codepoint, info.cluster, pos.x_offset, pos.y_offset, pos.x_advance, pos.y_advance)
        for info, pos in zip(buf.glyph_infos or (), buf.glyph_positions or ())]


@settings(max_examples=150, deadline=None)
@given(text=_MIXED)
def test_a_run_counts_its_clusters_as_the_glyphs_that_end_one(text: str) -> None:
    engine = FontRegistry([TFont("G", font_bytes(G), 400), TFont("H", font_bytes(HE), 400)]).engine(16)
    for run in engine.shaped_runs(text):
        glyphs = run.glyphs
        assert run.clusters == sum(1 for i, g in enumerate(glyphs)
                                   if i + 1 == len(glyphs) or glyphs[i + 1].cluster != g.cluster)
