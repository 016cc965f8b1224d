"""Colour parsing and serialisation.

Expected channels of converted colours were checked against the SVG the
reference writes for ``backgroundColor`` (it rounds converted colours).
"""
from __future__ import annotations

import random

import pytest
import tinycss2
from hypothesis import given
from hypothesis import strategies as st

from satori_py.style import RGBA, colors, parse_color
from satori_py.style.colors import is_color
from satori_py.style.expand import refine_hsl
from satori_py.style.named_colors import NAMED_COLORS

CURRENT = RGBA(1, 2, 3, 1)


@pytest.mark.parametrize(("text", "rgba"), [
    ("red", (255, 0, 0, 1)), ("RED", (255, 0, 0, 1)), ("rebeccapurple", (102, 51, 153, 1)),
    ("#fff", (255, 255, 255, 1)), ("#ffff0080", (255, 255, 0, 128 / 255)), ("#0f08", (0, 255, 0, 136 / 255)),
    ("transparent", (0, 0, 0, 0)), ("currentColor", (1, 2, 3, 1)),
    ("rgb(255, 0, 0)", (255, 0, 0, 1)), ("rgba(255,0,0,.5)", (255, 0, 0, 0.5)), ("rgb(255, 0%, 0)", (255, 0, 0, 1)),
    ("rgb(255 0 0 / 50%)", (255, 0, 0, 0.5)), ("rgb(300 -5 0)", (255, 0, 0, 1)),
    ("hsl(120, 100%, 50%)", (0, 255, 0, 1)), ("hsl(120 100 50)", (0, 255, 0, 1)), ("hsla(0 100% 50% / .25)", (255, 0, 0, 0.25)),
    ("hwb(200 10% 20%)", (26, 144, 204, 1)),
    ("oklch(0.7 0.2 30)", (255, 97, 77, 1)), ("lab(50% 40 59.5)", (191, 87, 0, 1)), ("lch(60 50 200)", (0, 166, 173, 1)),
    ("oklab(0.5 0.1 -0.1 / 0.3)", (129, 69, 154, 0.3)),
    ("color(display-p3 1 0 0)", (255, 0, 0, 1)), ("color(xyz 0.2 0.3 0.4)", (0, 167, 164, 1)),
    ("color(prophoto-rgb 0.5 0.2 0.1)", (194, 7, 21, 1)), ("color(a98-rgb 0.3 0.6 0.2)", (0, 154, 34, 1)),
    ("color(rec2020 0.3 0.6 0.2)", (0, 170, 42, 1)),
    ("color-mix(in srgb, red, blue)", (128, 0, 128, 1)), ("color-mix(red, blue)", (140, 83, 162, 1)),
    ("color-mix(in oklch longer hue, red 30%, blue)", (0, 140, 148, 1)),
    ("color-mix(in lch, red 20%, transparent 40%)", (255, 0, 0, 0.2)),
    ("rgb(from red r g b / 50%)", (255, 0, 0, 0.5)), ("light-dark(red, blue)", (255, 0, 0, 1)),
    ("rgb(calc(255 * 0.5) 0 0)", (128, 0, 0, 1)),
])
def test_parse_color(text: str, rgba: tuple[float, float, float, float]) -> None:
    color = parse_color(text, CURRENT)
    assert color is not None
    assert (color.r, color.g, color.b) == rgba[:3]
    assert color.a == pytest.approx(rgba[3])


@pytest.mark.parametrize("text", [
    "foo", "", "#ff", "#fffff", "rgb(1,2)", "rgb(1, 2 3)", "rgb(1 2 3 4)", "rgba(1,2,3,none)",
    "hsl(1 2 3 / )", "red blue", "calc(1)", "url(red)", "rgb(calc(255/2) 0 0)",  # `/` in calc() is a word there
    "color(foo 1 2 3)", "light-dark(red)", "color-mix(in foo, red, blue)", "currentColor extra",
])
def test_not_colors(text: str) -> None:
    assert parse_color(text, CURRENT) is None


def test_current_color_needs_a_current_color() -> None:
    assert parse_color("currentcolor") is None
    assert is_color("currentcolor")


@pytest.mark.parametrize(("rgba", "css"), [
    (RGBA(255, 0, 0), "red"), (RGBA(255, 255, 255), "#fff"), (RGBA(18, 52, 86), "#123456"),
    (RGBA(0, 0, 0, 0), "transparent"), (RGBA(255, 0, 0, 0.5), "rgba(255,0,0,0.5)"),
    (RGBA(0, 255, 255), "#0ff"), (RGBA(210, 180, 140), "tan"), (RGBA(1.5, 2, 3), "rgb(1.5,2,3)"),
])
def test_to_css(rgba: RGBA, css: str) -> None:
    assert rgba.to_css() == css


channel = st.integers(0, 255).map(float)
alpha = st.integers(0, 1000).map(lambda a: a / 1000)


@given(channel, channel, channel, alpha)
def test_to_css_round_trips(r: float, g: float, b: float, a: float) -> None:
    color = RGBA(r, g, b, a)
    parsed = parse_color(color.to_css())
    assert parsed is not None
    if color.a == 0 and color.to_css() == "transparent":
        assert parsed.a == 0
        return
    assert parsed == color


@given(st.text(max_size=30))
def test_random_text_never_crashes(text: str) -> None:
    result = parse_color(text, CURRENT)
    assert result is None or isinstance(result, RGBA)


@pytest.mark.parametrize(("text", "expected"), [
    ("rgba(0, 0, 255, 40%)", RGBA(0, 0, 0, 1)), ("hsla(210, 80%, 50%, 50%)", RGBA(0, 0, 0, 1)),
    ("rgba(0, 0, 255, 0.4)", RGBA(0, 0, 255, 0.4)), ("rgb(0 0 255 / 40%)", RGBA(0, 0, 255, 0.4)),
])
def test_kept_colours_resvg_cannot_read_are_black(text: str, expected: RGBA) -> None:
    # The reference writes comma colours into the SVG as they are; resvg reads no percentage alpha there.
    assert parse_color(text) == expected


@pytest.mark.parametrize(("text", "refined"), [
    # What satori 0.63.2 writes as the fill of text in this colour.
    ("hsla(186, 22%, 26%, 40%)", "hsl(186,22%,26%,0.4)"),
    ("hsla(186,22%,26%,.5)", "hsl(186,22%,26%,0.5)"),
    ("hsl(186.5, 22.5%, 26%)", "hsl(186.5,22.5%,26%)"),
    ("hsla(10, 50%, 50%, 1)", "hsl(10,50%,50%)"),
    ("hsl(0.5turn, 120%, 50%)", "hsl(180,100%,50%)"),
    ("HSL(10, 50%, 50%)", "HSL(10, 50%, 50%)"),  # only a lowercase name is refined
    ("rgba(10, 20, 30, 40%)", "rgba(10, 20, 30, 40%)"),
])
def test_text_colour_hsl_is_refined_as_the_reference_does(text: str, refined: str) -> None:
    assert refine_hsl(text) == refined


def test_a_percentage_alpha_hsla_text_colour_is_translucent_but_its_background_black() -> None:
    from satori_py import render_svg
    el = {"type": "div", "props": {"style": {"display": "flex", "color": "hsla(186, 22%, 26%, 40%)",
                                             "backgroundColor": "hsla(186, 22%, 26%, 40%)"},
                                   "children": "Hi"}}
    svg = render_svg(el, width=40, height=20)
    assert 'fill="rgba(52,78,81,0.4)"' in svg   # the glyphs
    assert 'fill="#000"' in svg                  # the background, as resvg fills the kept string


def test_rebeccapurple_text_is_black_as_resvg_draws_it() -> None:
    """The reference keeps a named `color` as written; resvg doesn't know rebeccapurple
    (CSS Color 4) and fills it black. Elsewhere the reference writes #663399."""
    from satori_py import render_svg
    el = {"type": "div", "props": {"style": {"display": "flex", "color": "RebeccaPurple",
                                             "backgroundColor": "rebeccapurple"}, "children": "Hi"}}
    svg = render_svg(el, width=40, height=20)
    assert 'fill="#639"' in svg and 'fill="#000"' in svg


def test_a_percentage_alpha_comma_colour_draws_no_stroke() -> None:
    """The reference writes it as given; resvg can't read it, and an unreadable stroke is none
    (an unreadable fill is black)."""
    from satori_py import render_svg
    el = {"type": "div", "props": {"style": {"display": "flex", "width": 20, "height": 20,
                                             "border": "3px solid hsla(216, 90%, 44%, 80%)",
                                             "backgroundColor": "rgba(0, 0, 255, 40%)"}}}
    svg = render_svg(el, width=40, height=40)
    assert "stroke" not in svg and 'fill="#000"' in svg


def test_a_colour_of_one_hash_or_word_is_read_as_its_token_would_be() -> None:
    # _parse_cached reads "#..." and ASCII words without tinycss2: the same colour (or None)
    # as the token tinycss2 would give, for every named colour, any case, and hash lengths
    # valid or not.
    def through_tinycss2(value: str, current: RGBA | None) -> RGBA | None:
        nodes = colors._significant(tinycss2.parse_component_value_list(value.strip()))
        parsed = colors._parse_node(nodes[0], current) if len(nodes) == 1 else None
        if parsed is None:
            return None
        r, g, b, a = colors.to_rgba_tuple(parsed)
        return RGBA(colors.js_round(r), colors.js_round(g), colors.js_round(b), a)

    rnd = random.Random(7)
    values = [*NAMED_COLORS, *(name.upper() for name in NAMED_COLORS), "transparent", "TransParent",
              "currentColor", " red\t", "#", "#FFF", "#ffff", "#fffff", "#1234567", "#12345678", "#ffg"]
    values += ["#" + "".join(rnd.choice("0123456789abcdefABCDEFxG") for _ in range(rnd.randint(0, 9)))
               for _ in range(500)]
    for current in (None, RGBA(1, 2, 3, 0.5)):
        for value in values:
            colors._parse_cached.cache_clear()
            assert colors._parse_cached(value, current) == through_tinycss2(value, current), value
