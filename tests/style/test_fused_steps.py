"""The fused declaration steps (style/steps.py) type an element as the long way does.

compute_style types an element whose every declaration has a step from its steps, and any
other element the long way (expand, resolve, convert in the table's order). These tests hold
the steps to the long way, for any mix of declarations (valid, invalid, reported, of the
element's units, with var() and currentColor) under parents of other font sizes and colours:
the same values, groups, warnings and reports, in the same order, or the same error.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.errors import SatoriError
from satori_py.style import ComputedStyle, compute_style, root_style
from satori_py.style import computed as computed_module
from satori_py.style import steps as steps_module
from satori_py.style.colors import BLACK
from satori_py.style.steps import fused
from tests.support.counting import count_calls

_VALUES: dict[str, list[Any]] = {
    "display": ["flex", "block", "none", "grid", "inline-flex", "flexx", "Flex", 1],
    "flexDirection": ["column", "row", "column-reverse", "diagonal"],
    "alignItems": ["center", "flex-start", "stretch", "baseline", "middle"],
    "justifyContent": ["space-between", "center", "left", "around"],
    "flexGrow": [1, 0, "1", 2.5, "x", True],
    "flex": ["1", "1 1 0%", "none", "auto", "2 2 10px", "1 1 2em"],
    "gap": [16, "16px", "1em", "-4px", "5%", "calc(10px + 1em)"],
    "padding": ["24px 32px", 12, "1rem", "2em", "5% 10px", "var(--pad)", "a b c d e", "10px 0 0 0"],
    "paddingLeft": [8, "8px", "10vw", "3ch"],
    "margin": ["0 auto", "auto", "-8px", "1em 2px"],
    "marginTop": ["auto", 4, "4px", "50%", "calc(50% - 10px)"],
    "width": [100, "100%", "50vw", "auto", "fit-content", "fit-content(200px)", "max-content", "min-content",
              "calc(100% - 2em)", "cover", "12ch", "300PX"],
    "height": ["100%", 200, "auto", "1e999px", "contain"],
    "maxWidth": ["none", 600, "80%", "min(100%, 500px)"],
    "minHeight": ["auto", 0, "0px"],
    "position": ["absolute", "relative", "static", "sticky", "fixed", "floating"],
    "top": [0, "10px", "auto", "50%", "abc", "2em", "-4px"],
    "left": [0, "10%", "xyz", "auto"],
    "zIndex": [1, "auto", 10, "x"],
    "overflow": ["hidden", "visible", "scroll", "clip", "auto hidden"],
    "boxSizing": ["border-box", "content-box", "padding-box"],
    "border": ["1px solid #e5e7eb", "2px dashed currentColor", "none", "1em solid red", "3px solid rgba(0,0,0,0.1)",
               "thin", "1px solid", "medium double color-mix(in srgb, currentColor 50%, red)"],
    "borderTop": ["1px solid red", "0"],
    "borderRadius": [12, "12px", "50%", "8px 4px", "1em", "9999px", "10px / 20px"],
    "borderColor": ["red", "currentColor", "rgb(1 2 3 / 50%)", "notacolor", "CYAN"],
    "borderWidth": [0, 2, "2px", "thick"],
    "borderStyle": ["solid", "dashed", "groove", "wavy"],
    "backgroundColor": ["#fff", "white", "rgba(0,0,0,0.5)", "transparent", "currentColor", "hsl(10 20% 30%)",
                        "nope", "lab(50% 20 30)", "Red", "rebeccapurple"],
    "background": ["#0f172a", "white", "linear-gradient(red, blue)", "none", "url(x.png)"],
    "backgroundImage": ["linear-gradient(to right, #fff, #000)", "none"],
    "boxShadow": ["0 6px 18px rgba(0,0,0,0.3)", "none", "1em 1em red", "inset 0 0 0 1px #000", "bogus"],
    "opacity": [0.5, 1, "0.8", 2, -1, "50%", "x"],
    "color": ["#111827", "red", "rgb(10 20 30)", "currentColor", "hsla(10, 20%, 30%, 50%)", "notacolor"],
    "fontSize": [16, 24, "24px", "1.5rem", "2em", "large", "larger", "150%", "x", 0, "calc(10px + 1em)", 1e308],
    "fontWeight": [700, "700", "bold", "bolder", "lighter", "normal", 450, "heavy"],
    "fontFamily": ["Inter", "Inter, sans-serif", "'Noto Sans'"],
    "fontStyle": ["italic", "normal", "oblique 10deg", "oblique 1rad", "slanted"],
    "lineHeight": [1.2, "1.5", "24px", "normal", 1, "2em", "120%", "tall"],
    "letterSpacing": ["-0.02em", 1, "1px", "10%", "normal"],
    "textAlign": ["center", "left", "justify", "middle"],
    "textTransform": ["uppercase", "none", "shout"],
    "textDecoration": ["line-through", "underline red", "underline 2px wavy", "none"],
    "textDecorationThickness": ["auto", "from-font", "2px", "10%", "1em"],
    "whiteSpace": ["nowrap", "pre-wrap", "weird"],
    "wordBreak": ["break-all", "normal"],
    "verticalAlign": ["middle", "10px", "super", "2em", 4],
    "objectFit": ["cover", "contain", "stretchy"],
    "objectPosition": ["center", "top left", "10px 20px 30px", "50%"],
    "lineClamp": [2, "3 \"...\"", "none", 0, -1],
    "WebkitLineClamp": [2, "x"],
    "tabSize": [4, "20px", "1em", "x"],
    "transform": ["rotate(45deg)", "translateX(1em)", "none"],
    "transformOrigin": ["center", "10px 10px"],
    "visibility": ["hidden", "visible", "collapse"],
    "order": [1, "x", 2.5],
    "aspectRatio": [1.5, "16 / 9", "auto 1"],
    "fontFeatureSettings": ['"tnum"', '"liga" 0', "bogus"],
    "fontVariant": ["small-caps", "tabular-nums", "wrong"],
    "textShadow": ["0 1px 2px rgba(0,0,0,0.5)", "none"],
    "outline": ["2px solid red", "none"],
    "filter": ["blur(2px)", "none"],
    "marginInline": ["4px 8px", "auto"],
    "paddingBlockStart": ["6px", "1em"],
    "flexShrink": ["inherit", 0, "initial"],
    "alignSelf": [" center", "unset", "end "],
    "letter-spacing": ["2px", "0.1em"],
    "--pad": ["12px", "1em"],
    "_private": ["x"],
    "unknownProp": ["1"],
    "grid-template-columns": ["1fr 1fr"],
    "background-color": ["#eee"],
    "content": ["'x'"],
}
_DECLARATION = st.sampled_from(sorted(_VALUES)).flatmap(
    lambda prop: st.tuples(st.just(prop), st.sampled_from(_VALUES[prop])))
STYLES = st.lists(_DECLARATION, max_size=9).map(dict)


def _parents() -> list[ComputedStyle]:
    root = root_style(width=1200, height=630)
    return [root,
            compute_style("div", {"style": {"fontSize": 20, "color": "red", "position": "absolute",
                                            "fontWeight": 300, "lineHeight": 1.5}}, root, viewport=(1200, 630)),
            compute_style("div", {"style": {"color": "rgb(1 2 3 / 50%)", "fontSize": "13px",
                                            "letterSpacing": 2}}, root, viewport=(1200, 630))]


_PARENTS = _parents()


@contextmanager
def _long_way() -> Iterator[None]:
    """compute_style with no fused step: every element the long way."""
    computed_module.fused = lambda rest, color_text, color: None
    try:
        yield
    finally:
        computed_module.fused = fused


def _outcome(tag: str, style: dict[str, Any], parent: ComputedStyle, strict: bool) -> Any:
    events: list[tuple[str, str, Any]] = []

    def told(kind: str) -> Callable[[SatoriError], None]:
        return lambda error: events.append((kind, error.message, getattr(error, "prop", None)))

    try:
        computed = compute_style(tag, {"style": style}, parent, viewport=(1200, 630),
                                 on_style_error=None if strict else told("error"), on_warning=told("warning"))
    except SatoriError as error:
        return ("raised", type(error).__name__, error.message, events)
    return (list(computed.items()), [computed.box, computed.flex, computed.font, computed.text, computed.paint],
            computed.warnings, computed.declared, computed.lengths, computed.color_text, computed.set_colors,
            computed.font_features, computed.ch_ratio, events)


@settings(max_examples=600, deadline=None)
@given(STYLES, st.sampled_from(range(len(_PARENTS))), st.booleans(), st.sampled_from(["div", "span", "svg"]))
def test_an_element_typed_from_its_steps_is_the_one_typed_the_long_way(
        style: dict[str, Any], parent: int, strict: bool, tag: str) -> None:
    fast = _outcome(tag, style, _PARENTS[parent], strict)
    with _long_way():
        long = _outcome(tag, style, _PARENTS[parent], strict)
    assert fast == long


def test_the_declarations_a_step_is_made_for() -> None:
    """Declarations the passes say nothing about and that read nothing of the element have a
    step; in an element with any other one, that one alone takes the long way."""
    plain = {"display": "flex", "padding": "24px 32px", "backgroundColor": "#fff", "borderRadius": 12,
             "width": "100%", "fontSize": 24, "lineHeight": 1.25, "border": "1px solid currentColor",
             "fontWeight": "700", "color": "red", "top": 0, "textDecoration": "line-through"}
    steps = fused(plain, "#111", BLACK)
    assert steps is not None and steps.complete
    assert steps.declared["paddingLeft"] == 32.0 and steps.typed["borderTopColor"] == steps.typed["borderLeftColor"]
    for other in ({"width": "2em"}, {"padding": "var(--pad)"}, {"display": "flexx"}, {"fontWeight": "bolder"},
                  {"fontSize": "larger"}, {"transform": "rotate(1deg)"}, {"lineHeight": "24px"},
                  {"backgroundImage": "linear-gradient(red, blue)"}, {"order": 1}, {"unknownProp": 1},
                  {"flexGrow": True}, {"top": "abc"}, {"_x": 1}, {"borderColor": "notacolor"}):
        mixed = fused({**plain, **other}, "#111", BLACK)
        assert mixed is not None and not mixed.complete, other
        assert set(mixed.steps) == set(plain) - set(other) - {"color"}, other


def test_a_declaration_met_again_is_not_expanded_resolved_or_converted_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The second element with the same declarations (another parent, same colour) is typed
    from the steps the first one made: no declaration is expanded again."""
    style = {"display": "flex", "flexDirection": "column", "padding": "12px 7px", "gap": 9,
             "backgroundColor": "#fafaf9", "borderRadius": "13px", "alignItems": "center"}
    root = root_style(width=100, height=100)
    parent = compute_style("div", {"style": {"fontSize": 31}}, root, viewport=(100, 100))
    first = compute_style("div", {"style": style}, root, viewport=(100, 100))
    expanded = count_calls(monkeypatch, steps_module, "quiet_longhands")
    again = compute_style("div", {"style": style}, parent, viewport=(100, 100))
    assert expanded[0] == 0
    assert again.box == first.box and again.paint == first.paint and again.box.padding_left == 7.0
