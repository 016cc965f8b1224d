"""Absurd numbers, wrongly typed values, lone surrogates and characters XML cannot hold.

Each is either a StyleError (or InvalidElementError) of its node, or replaced as a
browser replaces it: lengths clamp to 2^25 - 1 px, a math function's NaN is 0,
a lone surrogate is U+FFFD. The SVG is always well-formed XML.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from satori_py import StyleError, h, render_png, render_svg
from satori_py.api import Pipeline
from satori_py.layout.boxes import Rect


def child_box(style: dict[str, Any], parent: dict[str, Any] | None = None) -> Rect:
    pipeline = Pipeline(width=100, height=100)
    result = pipeline.layout(pipeline.parse(h("div", {"style": parent or {"display": "block"}},
                                              h("div", {"style": style}))))
    return result.root.children[0].children[0].rect


def test_huge_lengths_clamp_instead_of_overflowing() -> None:
    # OverflowError: cannot convert float infinity to integer.
    assert child_box({"width": 1e308, "height": 1e308}).height == 33554431.0
    assert child_box({"marginTop": "1e308px", "height": 1}).y == 33554431.0
    assert render_png(h("div", {"style": {"width": 1e308, "height": 1e308, "backgroundColor": "red"}}),
                      width=20, height=20)[:4] == b"\x89PNG"


def test_numbers_past_every_range_clamp_in_text_too() -> None:
    # OverflowError in the text layout (line heights, letter spacing of infinity).
    for style in ({"lineHeight": float("inf")}, {"lineHeight": "1e999px"}, {"letterSpacing": "1e999px"},
                  {"fontSize": "1e999px"}, {"fontSize": 1e308}, {"wordSpacing": 1e308}, {"letterSpacing": 1e308},
                  {"boxShadow": "1e308px -1e308px 1e308px 1e308px red"}, {"boxShadow": "0 0 1e308px red"}):
        assert render_png(h("div", {"style": {"display": "flex"}}, h("div", {"style": style}, "x y")),
                          width=50, height=50)[:4] == b"\x89PNG", style
    with pytest.raises(StyleError, match=r'^div/div\[0\]: Invalid value for CSS property "letterSpacing": NaN\.$'):
        render_svg(h("div", {"style": {"display": "flex"}}, h("div", {"style": {"letterSpacing": float("nan")}},
                                                             "x")), width=50, height=50)


def test_math_functions_follow_css_values_4() -> None:
    # calc(1px / 0) is infinite: clamped; calc(0px / 0) is NaN: 0.
    box = child_box({"width": "calc(1px / 0)", "height": "calc(0px / 0)"})
    assert (box.width, box.height) == (33554431.0, 0.0)


def test_colours_with_huge_numbers_are_colours() -> None:
    svg = render_svg(h("div", {"style": {"display": "flex", "color": "hsl(0 100% 1e308%)"}}, "x"), width=40, height=40)
    assert re.findall(r'fill="([^"]*)"', svg) == ["#fff"]  # lightness past 100% is white


@pytest.mark.parametrize(("style", "message"), [
    ({"aspectRatio": [1]}, 'div/div[0]: Invalid value for CSS property "aspectRatio": [1].'),
    ({"boxShadow": [1]}, 'div/div[0]: Invalid value for CSS property "boxShadow": [1].'),
    ({"borderLeft": []}, 'div/div[0]: Invalid value for CSS property "borderLeft": [].'),
])
def test_wrongly_typed_values_are_style_errors_of_their_node(style: dict[str, Any], message: str) -> None:
    # AttributeError: 'list' object has no attribute 'strip'.
    with pytest.raises(StyleError) as info:
        render_svg(h("div", {"style": {"display": "flex"}}, h("div", {"style": style}, "x")), width=40, height=40)
    assert str(info.value) == message


def test_a_negative_line_clamp_is_ignored_as_a_browser_ignores_it() -> None:
    # IndexError / StopIteration, then no text at all.
    warnings: list[Exception] = []
    style = {"display": "block", "width": 20}
    clamped = render_svg(h("div", {"style": {**style, "lineClamp": -1}}, "a b c"), width=40, height=40,
                         on_warning=warnings.append)
    assert clamped == render_svg(h("div", {"style": style}, "a b c"), width=40, height=40)
    assert [str(w) for w in warnings] == ['div: Invalid value "-1" for CSS property "lineClamp".']


def test_lone_surrogates_are_replacement_characters() -> None:
    # UnicodeEncodeError: 'utf-8' codec can't encode character '\ud800'.
    svg = render_svg(h("div", {"style": {"display": "flex", "fontFamily": "\udfff"}}, "a\ud800b\ud83d\ude00"),
                     width=100, height=40, embed_font=False, emoji=None)
    assert re.findall(r">([^<]+)</text>", svg) == ["a", "\ufffd", "b", "\U0001f600"]
    assert 'font-family="\ufffd"' in svg


def test_characters_xml_cannot_hold_never_reach_the_svg() -> None:
    text = "a\x01b\x0bc\ufffe\uffff\x00d"
    for embed_font in (True, False):
        icon = h("svg", {"width": 9, "height": 9, "viewBox": "0 0 9 9"}, h("rect", {"fill": "red\x02\x1f"}))
        svg = render_svg(h("div", {"style": {"display": "flex"}}, text, icon), width=100, height=40,
                         embed_font=embed_font)
        ET.fromstring(svg)  # well-formed XML
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", svg)


def test_integers_past_a_doubles_range_are_infinite_as_javascript_reads_them() -> None:
    # OverflowError: int too large to convert to float (JSON can spell 10**400).
    warnings: list[Exception] = []
    svg = render_svg(h("div", {"style": {"display": "flex"}},
                       h("div", {"style": {"width": 10**400, "opacity": -10**400}}, "x"),
                       h("svg", {"width": 10**400, "height": 5, "viewBox": "0 0 5 5"})),
                     width=40, height=40, on_warning=warnings.append)
    ET.fromstring(svg)
    assert [str(w) for w in warnings] == [
        'div/div[0]: Expected style "opacity: -Infinity" to be unitless',
        'div/div[0]: Invalid value "Infinitypx" for "width". Expected a number, "auto", or a percentage value '
        '(e.g., "50%").']


def test_custom_properties_that_double_at_each_level_are_invalid_past_the_substitution_bound() -> None:
    # --v0: var(--v1) var(--v1), ... 60 levels: 2^60 substitutions (20 levels took 48 s and 2.1 GB).
    doubling = {**{f"--v{i}": f"var(--v{i + 1}) var(--v{i + 1})" for i in range(60)}, "--v60": "1px"}
    warnings: list[str] = []
    box = child_box({**doubling, "width": "var(--v0)", "height": 5})
    assert box.width == 100  # invalid at computed-value time: unset, a block's auto width
    render_svg(h("div", {"style": {**doubling, "width": "var(--v0)"}}, "x"), width=100, height=100,
               on_warning=lambda exc: warnings.append(str(exc)))
    assert warnings == ["div: The value's var() substitutions go past 10000: it is invalid."]


def test_a_value_longer_than_a_million_characters_once_substituted_is_invalid() -> None:
    warnings: list[str] = []
    style = {"--a": "x" * 200_000, "fontFamily": " ".join(["var(--a)"] * 6)}
    render_svg(h("div", {"style": style}, "x"), width=100, height=100, on_warning=lambda exc: warnings.append(str(exc)))
    assert warnings == ["div: The value is longer than 1000000 characters once its var() are substituted: it is "
                        "invalid."]


def test_list_numbers_past_a_doubles_range_are_not_numbers() -> None:
    # ValueError from int() (it refuses over 4300 digits) out of render_svg: parseInt reads a
    # double, which has no such bound.
    huge = "1" + "0" * 5000
    svg = render_svg(h("ol", {"start": huge}, h("li", {"value": huge}, "x"), h("li", {"value": 1e308}, "y")),
                     width=100, height=100)
    assert svg.count("<path") >= 2


def test_a_tab_size_past_a_lengths_range_clamps() -> None:
    # ValueError (floor of NaN) at the second tab: the first one's stop was at infinity.
    for size in ("1" + "0" * 5000, 1e308, "1e999px"):
        assert render_svg(h("div", {"style": {"tabSize": size, "whiteSpace": "pre"}}, "a\tb\tc"),
                          width=100, height=100)
