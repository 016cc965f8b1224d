"""Shorthands expand to longhands like the reference's expand() (checked with its compute())."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from satori_py.errors import StyleError
from satori_py.style import RGBA, Calc, FitContent, Percent
from satori_py.style.types import LinearGradient

from .conftest import style_of

SIDES = ("Top", "Right", "Bottom", "Left")
RED = RGBA(255, 0, 0)


def edges(style: Any, prefix: str, suffix: str = "") -> tuple[Any, ...]:
    return tuple(style[f"{prefix}{side}{suffix}"] for side in SIDES)


@pytest.mark.parametrize(("value", "expected"), [
    ("1px", (1.0, 1.0, 1.0, 1.0)),
    ("1px 2px", (1.0, 2.0, 1.0, 2.0)),
    ("1px 2px 3px", (1.0, 2.0, 3.0, 2.0)),
    ("1px 2px 3px 4px", (1.0, 2.0, 3.0, 4.0)),
    (5, (5.0,) * 4),
    ("5", (5.0,) * 4),
    ("", (0.0,) * 4),  # Number("") is 0
    ("1em 10% 2rem 1vw", (16.0, Percent(10), 32.0, 1.0)),
    ("calc(1px + 2px) 5px", (3.0, 5.0, 3.0, 5.0)),
])
def test_padding(value: Any, expected: tuple[Any, ...]) -> None:
    assert edges(style_of({"padding": value}), "padding") == expected


def test_margin_auto_and_em_of_own_font_size() -> None:
    style = style_of({"margin": "1em auto", "fontSize": "2em"})
    assert edges(style, "margin") == (32.0, "auto", 32.0, "auto")


def test_calc_with_percentages_stays_calc() -> None:
    style = style_of({"width": "calc(100% - 10px)", "marginTop": "min(10px, 5%)"})
    assert isinstance(style["width"], Calc) and style["width"].resolve(200) == 190
    assert isinstance(style["marginTop"], Calc) and style["marginTop"].resolve(100) == 5


@pytest.mark.parametrize(("value", "width", "style_", "color"), [
    ("1px solid red", 1.0, "solid", RED),
    ("red 2px dashed", 2.0, "dashed", RED),
    ("1px", 0.0, "none", RGBA(0, 0, 0)),  # no style: nothing drawn
    ("solid", 3.0, "solid", RGBA(0, 0, 0)),  # medium
    ("thin solid", 1.0, "solid", RGBA(0, 0, 0)),
    ("thick double", 5.0, "double", RGBA(0, 0, 0)),
    (2, 0.0, "none", RGBA(0, 0, 0)),
    ("none", 0.0, "none", RGBA(0, 0, 0)),
])
def test_border(value: Any, width: float, style_: str, color: RGBA) -> None:
    style = style_of({"border": value})
    assert edges(style, "border", "Width") == (width,) * 4
    assert edges(style, "border", "Style") == (style_,) * 4
    assert edges(style, "border", "Color") == (color,) * 4


def test_border_sides_and_current_color() -> None:
    style = style_of({"color": "red", "border": "1px solid", "borderLeft": "thick dashed blue",
                      "borderTopStyle": "none"})
    assert edges(style, "border", "Width") == (0.0, 1.0, 1.0, 5.0)
    assert edges(style, "border", "Color") == (RED, RED, RED, RGBA(0, 0, 255))


def test_border_widths_snap_to_pixels() -> None:
    style = style_of({"borderStyle": "solid", "borderWidth": "0.5px 1.5px 2px 0"})
    assert edges(style, "border", "Width") == (1.0, 1.0, 2.0, 0.0)
    unsnapped = style_of({"borderStyle": "solid", "borderWidth": "0.5px 1.5px"}, point_scale_factor=0)
    assert edges(unsnapped, "border", "Width") == (0.5, 1.5, 0.5, 1.5)


@pytest.mark.parametrize(("value", "corners"), [
    # One length stays one (a circular corner); two are an (h, v) pair, even when equal.
    ("10px", (10.0,) * 4),
    (5, (5.0,) * 4),
    ("10px / 20px", ((10.0, 20.0),) * 4),
    ("10px / 10px", ((10.0, 10.0),) * 4),
    ("1px 2px 3px 4px / 5px 6px", ((1.0, 5.0), (2.0, 6.0), (3.0, 5.0), (4.0, 6.0))),
    ("10%", (Percent(10),) * 4),
    ("1em 2em", (16.0, 32.0, 16.0, 32.0)),
    ("calc(1px + 2px)", (3.0,) * 4),
])
def test_border_radius(value: Any, corners: tuple[Any, ...]) -> None:
    style = style_of({"borderRadius": value})
    assert tuple(style[f"border{c}Radius"] for c in ("TopLeft", "TopRight", "BottomRight", "BottomLeft")) == corners


@pytest.mark.parametrize(("value", "grow", "shrink", "basis"), [
    ("1", 1.0, 1.0, 0.0), (1, 1.0, 1.0, 0.0), ("2 0 30%", 2.0, 0.0, Percent(30)), ("none", 0.0, 0.0, "auto"),
    ("auto", 1.0, 1.0, "auto"), ("0 0 auto", 0.0, 0.0, "auto"), ("1 1 1em", 1.0, 1.0, 16.0),
])
def test_flex(value: Any, grow: float, shrink: float, basis: Any) -> None:
    style = style_of({"flex": value})
    assert (style["flexGrow"], style["flexShrink"], style["flexBasis"]) == (grow, shrink, basis)


def test_flex_flow_quirk() -> None:
    # css-to-react-native matches `wrap` inside `wrap-reverse`, and `row` inside `row-reverse`.
    style = style_of({"flexFlow": "row-reverse wrap-reverse"})
    assert (style["flexDirection"], style["flexWrap"]) == ("row", "wrap")


@pytest.mark.parametrize(("value", "row", "column"), [
    (5, 5.0, 5.0), ("10px", 10.0, 10.0), ("1em 10%", 16.0, Percent(10)), ("normal", 0.0, 0.0),
])
def test_gap(value: Any, row: Any, column: Any) -> None:
    style = style_of({"gap": value})
    assert (style["rowGap"], style["columnGap"]) == (row, column)


@pytest.mark.parametrize(("value", "expected"), [
    ("center", ("center", "center")), ("start end", ("start", "end")),
    ("first baseline", ("first baseline", "first baseline")),
])
def test_place_items(value: str, expected: tuple[str, str]) -> None:
    # Validated afterwards: "first baseline" is not an allowed alignItems value.
    if " " in expected[0]:
        with pytest.raises(StyleError):
            style_of({"placeItems": value})
        return
    style = style_of({"placeItems": value})
    assert (style["alignItems"], style["justifyItems"]) == expected


@pytest.mark.parametrize(("value", "x", "y", "summary"), [
    ("hidden", "hidden", "hidden", "hidden"), ("visible scroll", "auto", "scroll", "hidden"),
    ("clip auto", "hidden", "auto", "hidden"), ("clip", "clip", "clip", "hidden"), ("visible", "visible", "visible", "visible"),
])
def test_overflow(value: str, x: str, y: str, summary: str) -> None:
    style = style_of({"overflow": value})
    assert (style["overflowX"], style["overflowY"], style["overflow"]) == (x, y, summary)


def test_inset() -> None:
    style = style_of({"inset": "1px 2px", "position": "absolute"})
    assert (style["top"], style["right"], style["bottom"], style["left"]) == (1.0, 2.0, 1.0, 2.0)


def test_font_shorthand() -> None:
    style = style_of({"font": "italic bold 20px/1.5 'A B', c"})
    assert (style["fontStyle"], style["fontWeight"], style["fontSize"]) == ("italic", 700, 20.0)
    assert style["lineHeight"].resolve(20.0) == 30.0
    assert style["fontFamily"] == ("a b", "c")


def test_text_decoration() -> None:
    style = style_of({"color": "blue", "textDecoration": "underline overline wavy 2px red"})
    assert style["textDecorationLine"] == "underline overline"
    assert style["textDecorationStyle"] == "wavy"
    assert style["textDecorationColor"] == RED
    assert style["textDecorationThickness"] == 2.0
    plain = style_of({"color": "blue", "textDecoration": "line-through"})
    assert plain["textDecorationColor"] == RGBA(0, 0, 255)


def test_background_shorthand() -> None:
    style = style_of({"background": "linear-gradient(red, blue) no-repeat center / cover, white"})
    assert style["backgroundColor"] == RGBA(255, 255, 255)
    first, second = style["backgroundImage"]
    # Position and size as words the painter reads (keywords, lengths in px or Percent).
    assert (first.repeat, first.position, first.size) == (("no-repeat", "no-repeat"), ("center",), ("cover",))
    # The gradient is parsed at style time.
    assert isinstance(first.image, LinearGradient) and [s.color for s in first.image.stops] == ["red", "blue"]
    assert second.image == "none"
    assert style_of({"background": "red"})["backgroundImage"] is None


def test_text_shadow_layers() -> None:
    shadows = style_of({"textShadow": "1px 1px 2px red, 0 0 1em blue"})["textShadow"]
    assert [(s.offset_x, s.offset_y, s.blur, s.color) for s in shadows] == [
        (1.0, 1.0, 2.0, RED), (0.0, 0.0, 16.0, RGBA(0, 0, 255))]


def test_transform() -> None:
    functions = style_of({"transform": "rotate(0.25turn) translateX(10%) scale(2, 50%)",
                          "translate": "1em"})["transform"]
    assert [(f.name, f.args) for f in functions] == [
        ("translate", (16.0,)), ("rotate", (90.0,)), ("translateX", (Percent(10),)), ("scale", (2.0, 0.5))]
    assert style_of({"transform": "none"})["transform"] is None


@pytest.mark.parametrize(("value", "expected"), [
    ("min-content", "min-content"), ("-webkit-fill-available", "stretch"), ("fit-content(2em)", FitContent(32.0)),
    ("fit-content(50%)", FitContent(Percent(50))), ("auto", "auto"), ("10vw", 10.0),
])
def test_sizes(value: str, expected: Any) -> None:
    assert style_of({"width": value})["width"] == expected


def test_logical_properties() -> None:
    style = style_of({"marginInline": "1px 2px", "paddingBlock": "3px", "inlineSize": "10px",
                      "maxBlockSize": "20px", "borderStartEndRadius": "5px"})
    assert (style["marginLeft"], style["marginRight"], style["paddingTop"], style["paddingBottom"]) == (1, 2, 3, 3)
    assert (style["width"], style["maxHeight"], style["borderTopRightRadius"]) == (10.0, 20.0, 5.0)
    rtl = style_of({"marginInlineStart": "1px"}, props={"dir": "rtl"})
    assert (rtl["marginRight"], rtl["marginLeft"], rtl["direction"]) == (1.0, 0.0, "rtl")


lengths = st.one_of(st.integers(0, 500).map(lambda n: f"{n}px"), st.integers(0, 100).map(lambda n: f"{n}%"),
                    st.just("auto"), st.integers(0, 9).map(lambda n: f"{n}em"))


@given(st.sampled_from(["margin", "padding", "inset", "borderWidth"]), st.lists(lengths, min_size=1, max_size=4))
def test_box_shorthands_always_expand_to_four_edges(name: str, values: list[str]) -> None:
    if name == "borderWidth":
        values = [v for v in values if v.endswith("px")] or ["1px"]
    if name == "padding":
        values = [v for v in values if v != "auto"] or ["0px"]
    style = style_of({name: " ".join(values), "position": "absolute", "borderStyle": "solid"})
    keys = {"margin": [f"margin{s}" for s in SIDES], "padding": [f"padding{s}" for s in SIDES],
            "inset": ["top", "right", "bottom", "left"], "borderWidth": [f"border{s}Width" for s in SIDES]}[name]
    singles = [style_of({keys[0]: v, "position": "absolute", "borderTopStyle": "solid"})[keys[0]] for v in values]
    top = singles[0]
    right = singles[1] if len(singles) > 1 else top
    bottom = singles[2] if len(singles) > 2 else top
    left = singles[3] if len(singles) > 3 else right
    assert [style[k] for k in keys] == [top, right, bottom, left]


@pytest.mark.parametrize("name, value", [("margin", "1px 2px 3px 4px 5px"), ("border", "bogus solid"),
                                         ("flex", "a b c d"), ("font", "bogus")])
def test_a_remembered_invalid_shorthand_does_not_keep_the_callers_frames(name: str, value: str) -> None:
    # Expansions are memoised across renders, errors included; an error kept with its
    # traceback held every frame of the render that first met the value, and what they held.
    import gc
    import weakref

    from satori_py.style.expand import expand_declaration

    class Held:
        pass

    def render() -> tuple[weakref.ref[Held], tuple[str, str | None, object]]:
        held = Held()
        with pytest.raises(StyleError) as first:
            expand_declaration(name, value, "black", lambda message: None)
        return weakref.ref(held), (str(first.value), first.value.prop, first.value.value)

    held, first = render()
    gc.collect()
    assert held() is None
    with pytest.raises(StyleError) as again:  # the remembered error, as the first time
        expand_declaration(name, value, "black", lambda message: None)
    assert (str(again.value), again.value.prop, again.value.value) == first
