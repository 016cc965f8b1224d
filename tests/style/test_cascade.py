"""Presets, inheritance, CSS-wide keywords and custom properties."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.style import RGBA, LineHeight, Percent, root_style
from satori_py.style.properties import PROPERTIES

from .conftest import style_of

BLACK = RGBA(0, 0, 0)
RED = RGBA(255, 0, 0)


@pytest.mark.parametrize(("tag", "expected"), [
    ("div", {"display": "block", "marginTop": 0.0}),
    ("span", {"display": "inline"}), ("a", {"display": "inline"}), ("sup", {"display": "inline"}),
    ("unknown", {"display": "inline"}),
    ("p", {"display": "block", "marginTop": 16.0, "marginBottom": 16.0}),
    ("h1", {"fontSize": 32.0, "marginTop": 32 * 0.67, "fontWeight": 700}),
    ("h2", {"fontSize": 24.0, "marginBottom": 24 * 0.83}),
    ("h4", {"fontSize": 16.0, "marginTop": 16 * 1.33}),
    ("h6", {"fontSize": 16 * 0.67, "marginTop": 16 * 0.67 * 2.33}),
    ("ul", {"paddingLeft": 40.0, "listStyleType": "disc", "marginTop": 16.0}),
    ("ol", {"listStyleType": "decimal", "counterReset": [{"name": "list-item", "value": 0}]}),
    ("li", {"display": "list-item"}),
    ("b", {"fontWeight": 700}), ("strong", {"fontWeight": 700}), ("i", {"fontStyle": "italic"}),
    ("em", {"fontStyle": "italic"}), ("u", {"textDecorationLine": "underline"}),
    ("s", {"textDecorationLine": "line-through"}),
    ("small", {"fontSize": 16 / 1.2}), ("big", {"fontSize": 16 * 1.2}),
    ("code", {"fontFamily": ("monospace",)}), ("pre", {"whiteSpace": "pre", "display": "block"}),
    ("hr", {"borderTopWidth": 1.0, "borderTopStyle": "inset", "borderTopColor": RGBA(128, 128, 128),
            "marginLeft": "auto", "overflow": "hidden", "color": RGBA(128, 128, 128)}),
    ("mark", {"backgroundColor": RGBA(255, 255, 0)}),
    ("body", {"marginTop": 8.0}),
    ("select", {"boxSizing": "border-box", "fontSize": 13.333333, "borderTopColor": RGBA(0x76, 0x76, 0x76)}),
    ("button", {"display": "inline-block"}), ("script", {"display": "none"}), ("template", {"display": "none"}),
    ("dialog", {"display": "none"}),
])
def test_presets(tag: str, expected: dict[str, Any]) -> None:
    style = style_of(tag=tag)
    for key, value in expected.items():
        assert style[key] == (pytest.approx(value) if isinstance(value, float) else value), key


@pytest.mark.parametrize(("tag", "props", "key", "value"), [
    ("div", {"hidden": True}, "display", "none"),
    ("div", {"hidden": "until-found"}, "display", "block"),
    ("input", {"type": "hidden"}, "display", "none"),
    ("dialog", {"open": True}, "display", "block"),
    ("div", {"dir": "RTL"}, "direction", "rtl"),
    ("ol", {"start": 5}, "counterReset", [{"name": "list-item", "value": 4}]),
    ("ol", {"reversed": True, "start": 5}, "counterReset", [{"name": "list-item", "reversed": True, "value": 6}]),
    ("li", {"value": "3"}, "counterSet", [{"name": "list-item", "value": 3}]),
    ("ul", {"type": "square"}, "listStyleType", "square"),
    ("select", {"multiple": True}, "borderTopLeftRadius", 2.0),
])
def test_attribute_presets(tag: str, props: dict[str, Any], key: str, value: Any) -> None:
    assert style_of(tag=tag, props=props)[key] == value


def test_nested_lists() -> None:
    outer = style_of(tag="ul")
    inner = style_of(tag="ul", parent=style_of(tag="li", parent=outer))
    assert (inner["listStyleType"], inner["marginTop"], inner["marginBottom"]) == ("circle", 0.0, 0.0)
    third = style_of(tag="ol", parent=inner)
    assert third["listStyleType"] == "decimal"


def test_inline_styles_override_presets() -> None:
    style = style_of({"margin": 0, "fontSize": "3em"}, tag="h1")
    assert (style["marginTop"], style["fontSize"], style["fontWeight"]) == (0.0, 48.0, 700)


PARENT = {"fontSize": 20, "color": "red", "lineHeight": 1.5, "letterSpacing": "0.1em", "textAlign": "center",
          "fontFamily": "Inter, 'Noto Sans'", "width": "50px", "textDecoration": "underline"}


def test_inheritance() -> None:
    child = style_of(parent=style_of(PARENT))
    assert child["fontSize"] == 20.0 and child["color"] == RED
    assert child["lineHeight"] == LineHeight("multiplier", 1.5)
    assert child["letterSpacing"] == 2.0 and child["textAlign"] == "center"
    assert child["fontFamily"] == ("inter", "noto sans")
    assert child["width"] == "auto"  # not inherited
    assert child["textDecorationLine"] == "underline" and child["textDecorationColor"] == RED


@pytest.mark.parametrize(("parent", "keyword", "weight"), [
    (400, "bolder", 700), (300, "bolder", 400), (600, "bolder", 900), (900, "bolder", 900),
    (400, "lighter", 100), (700, "lighter", 400), (800, "lighter", 700), (50, "lighter", 50),
])
def test_bolder_and_lighter_are_relative_to_the_parents_weight(parent: int, keyword: str, weight: int) -> None:
    # As in browsers (CSS Fonts 4); Satori takes the heaviest font for either (a weight that is no number).
    assert style_of({"fontWeight": keyword}, parent=style_of({"fontWeight": parent}))["fontWeight"] == weight
    assert style_of({"font": f"{keyword} 20px serif"}, parent=style_of({"fontWeight": parent}))["fontWeight"] == weight


@pytest.mark.parametrize(("style", "key", "value"), [
    ({"fontSize": "1.5em"}, "fontSize", 30.0), ({"fontSize": "50%"}, "fontSize", 10.0),
    ({"fontSize": "smaller"}, "fontSize", 20 / 1.2), ({"fontSize": "x-large"}, "fontSize", 24.0),
    ({"fontSize": "calc(1em + 2px)"}, "fontSize", 22.0),
    ({"width": "2em", "fontSize": 10}, "width", 20.0), ({"width": "2lh"}, "width", 60.0),
    ({"lineHeight": "2em"}, "lineHeight", LineHeight("multiplier", 2.0)),
    ({"lineHeight": "150%"}, "lineHeight", LineHeight("multiplier", 1.5)),
    ({"lineHeight": "24px"}, "lineHeight", LineHeight("multiplier", 1.2)),
    ({"lineHeight": "normal"}, "lineHeight", LineHeight("normal")),
    ({"color": "inherit"}, "color", RED), ({"color": "initial"}, "color", BLACK),
    ({"fontSize": "inherit"}, "fontSize", 20.0), ({"fontSize": "initial"}, "fontSize", 16.0),
    ({"all": "initial"}, "fontFamily", ("serif",)),
    ({"color": "blue", "borderColor": "currentColor", "borderStyle": "solid"}, "borderTopColor", RGBA(0, 0, 255)),
    ({"textIndent": "10%"}, "textIndent", Percent(10)),
])
def test_relative_values(style: dict[str, Any], key: str, value: Any) -> None:
    result = style_of(style, parent=style_of(PARENT))[key]
    assert result == (pytest.approx(value) if isinstance(value, float) else value)


def test_decoration_colour_follows_each_elements_colour_until_set() -> None:
    plain = style_of({"color": "blue"}, parent=style_of({"color": "red"}))
    assert plain["textDecorationColor"] == RGBA(0, 0, 255)
    decorated = style_of({"color": "blue"}, parent=style_of({"color": "red", "textDecoration": "underline"}))
    assert decorated["textDecorationColor"] == RED


def test_invalid_colours_act_like_the_svg_default() -> None:
    style = style_of({"color": "foo", "backgroundColor": "bar", "border": "1px solid", "borderTopColor": "baz"})
    assert style["color"] == BLACK and style["backgroundColor"] == BLACK  # fills default to black
    assert style["borderTopColor"] == RGBA(0, 0, 0, 0)  # strokes default to none


@pytest.mark.parametrize(("style", "width"), [
    ({"--w": "10px", "width": "var(--w)"}, 10.0),
    ({"width": "var(--missing, 5em)"}, 80.0),
    ({"--x": "initial", "width": "var(--x, 3px)"}, 3.0),
    ({"width": "var(--missing)"}, "auto"),  # invalid at computed-value time: unset
    ({"--a": "4px", "width": "calc(var(--a) + 1px)"}, 5.0),
    ({"--a": "var(--b)", "--b": "var(--a)", "width": "var(--a, 7px)"}, 7.0),
    ({"width": "env(safe-area-inset-top)"}, 0.0),
    ({"--a": "1px", "--b": "var(--a) 2px", "padding": "var(--b)", "width": "3px"}, 3.0),
])
def test_variables(style: dict[str, Any], width: Any) -> None:
    assert style_of(style)["width"] == width


def test_variables_inherit() -> None:
    parent = style_of({"--w": "33px", "--c": "red"})
    assert style_of({"width": "var(--w)", "color": "var(--c)"}, parent=parent)["width"] == 33.0
    assert style_of({"--w": "inherit", "width": "var(--w)"}, parent=parent)["width"] == 33.0
    assert style_of({"--w": "1px"}, parent=parent)["--w"] == "1px"


def test_every_property_has_a_value() -> None:
    root = root_style(width=100, height=50)
    for style in (root, style_of(), style_of(tag="span"), style_of({"all": "initial"})):
        for key in PROPERTIES:
            assert key in style, key
        assert style["displayOuter"] in ("block", "inline", "none", "contents")


def test_computed_style_is_immutable() -> None:
    style = style_of({"width": 10})
    with pytest.raises(AttributeError):
        style.warnings = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        style["width"] = 5  # type: ignore[index]
    changed = style.replace(width=5.0)
    assert (changed["width"], style["width"]) == (5.0, 10.0) and "width" in changed.declared == style.declared


def test_css_wide_keywords_on_new_names_leave_nothing_behind() -> None:
    # The longhands of a name were kept per name asked (an unbounded cache): a stream of new
    # names set to `inherit` grew it by ~150 bytes a name.
    import gc
    import tracemalloc

    def styles(mark: str) -> None:
        style_of({f"{mark}{i}": "inherit" for i in range(3000)}, on_warning=lambda e: None)

    styles("a")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        styles("b")
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 64 * 1024
