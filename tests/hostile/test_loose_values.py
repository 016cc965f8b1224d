"""Values CSS does not allow that Satori 0.63.2 reads are read as it reads them, and said
(style/loose_values.py).

Before: ``width: 45deg`` was 45px, a negative size, padding, font size or line height was laid
out, an infinite line height put the text out of sight, and ``translate: 10px%`` (``scale: 5%%``,
``transform: translateX(10px%)``) was read as 10% (parseFloat), each without a word; a NaN number
said the reference's ``inputValue.trim is not a function``. The renders are unchanged: each value
below draws as the reference draws it (imgdiff PASS against Satori 0.63.2, hostile20's report),
and the same as the value it is read as (a negative size or font size as 0).
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import StyleError, h, render_svg

NEGATIVE = "CSS does not allow a negative value here (a browser drops the declaration); it is read as " \
    "Satori 0.63.2 reads it."


def rendered(style: dict[str, Any], **options: Any) -> tuple[str, list[str]]:
    told: list[str] = []
    svg = render_svg(h("div", {"style": {"display": "flex", "width": 80, "height": 40}},
                       h("div", {"style": {"display": "flex", "backgroundColor": "red", **style}}, "Ab")),
                     width=100, height=50, on_warning=lambda e: told.append(str(e)),
                     on_style_error=lambda e: told.append(str(e)), **options)
    return svg, told


def _angle(prop: str, value: str, px: str) -> str:
    return (f'div/div[0]: Invalid value "{value}" for CSS property "{prop}": an angle is not a length (a browser '
            f"drops the declaration); it is read as {px}px, as Satori 0.63.2 reads it.")


@pytest.mark.parametrize(("style", "read_as", "told"), [
    ({"width": "45deg"}, {"width": 45}, [_angle("width", "45deg", "45")]),
    ({"height": "0.25turn"}, {"height": 90}, [_angle("height", "0.25turn", "90")]),
    ({"fontSize": "20deg"}, {"fontSize": 20}, [_angle("fontSize", "20deg", "20")]),
    ({"paddingLeft": "8grad"}, {"paddingLeft": 7.2}, [_angle("paddingLeft", "8grad", "7.2")]),
    ({"width": -5}, {"width": 0}, [f'div/div[0]: Invalid value "-5" for CSS property "width": {NEGATIVE}']),
    ({"height": "-10%"}, {"height": 0},
     [f'div/div[0]: Invalid value "-10%" for CSS property "height": {NEGATIVE}']),
    ({"minWidth": "-5px"}, {}, [f'div/div[0]: Invalid value "-5" for CSS property "minWidth": {NEGATIVE}']),
    ({"paddingTop": "-4px"}, None,  # (Taffy lays a negative padding out)
     [f'div/div[0]: Invalid value "-4" for CSS property "paddingTop": {NEGATIVE}']),
    ({"fontSize": "-10px"}, {"fontSize": 0},
     [f'div/div[0]: Invalid value "-10" for CSS property "fontSize": {NEGATIVE}']),
    ({"lineHeight": -2}, {"lineHeight": 0},
     [f'div/div[0]: Invalid value "-2" for CSS property "lineHeight": {NEGATIVE}']),
    ({"lineHeight": "Infinity"}, {"lineHeight": 1e300},
     ['div/div[0]: Invalid value "33554431" for CSS property "lineHeight": a line height is read as at most '
      "33554431 times the font size (Infinity too); it is read as Satori 0.63.2 reads it."]),
    ({"translate": "10px%"}, {"translate": "10%"},
     ['div/div[0]: Invalid value "10px%" for CSS property "translate": it is read as 10%, as Satori 0.63.2 '
      "reads it."]),
    ({"scale": "50%%"}, {"scale": "50%"},
     ['div/div[0]: Invalid value "50%%" for CSS property "scale": it is read as 50%, as Satori 0.63.2 reads it.']),
    ({"transform": "translateX(10px%) scale(5%%)"}, {"transform": "translateX(10%) scale(5%)"},
     ['div/div[0]: Invalid value "10px%" in transform function translateX() of CSS property "transform": it is '
      "read as 10%, as Satori 0.63.2 reads it.",
      'div/div[0]: Invalid value "5%%" in transform function scale() of CSS property "transform": it is read as '
      "5%, as Satori 0.63.2 reads it."]),
])
def test_a_value_css_drops_is_read_as_satori_reads_it_and_said(style: dict[str, Any],
                                                                read_as: dict[str, Any] | None, told: list[str]) -> None:
    svg, reports = rendered(style)
    assert reports == told
    if read_as is not None:  # drawn as the value it is read as (said too when past the line height bound)
        assert rendered(read_as) == (svg, [] if read_as.get("lineHeight") != 1e300 else told)
    with pytest.raises(StyleError) as caught:
        rendered(style, strict=True)
    assert str(caught.value) == told[0]


def test_valid_values_say_nothing() -> None:
    for style in ({"width": 0, "height": "0%", "padding": 0, "lineHeight": 0, "fontSize": 0},
                  {"width": "-0px", "lineHeight": 1e6, "transform": "rotate(45deg) translate(10%, 5px) scale(50%)"},
                  {"translate": "10% 5px", "scale": "2", "rotate": "1turn", "margin": -5, "letterSpacing": -1}):
        assert rendered(style)[1] == [], style


def test_a_nan_number_names_its_property() -> None:
    for prop in ("fontSize", "letterSpacing", "width"):
        assert rendered({prop: float("nan")})[1] == [f'div/div[0]: Invalid value for CSS property "{prop}": NaN.']


# A shorthand whose sides CSS drops when negative is reported once per declaration, naming the
# shorthand as written (it was reported once per side: four reports for `padding: -4px`).
@pytest.mark.parametrize(("style", "told"), [
    ({"padding": "-4px"}, [f'div/div[0]: Invalid value "-4px" for CSS property "padding": {NEGATIVE}']),
    ({"padding": -4}, [f'div/div[0]: Invalid value "-4" for CSS property "padding": {NEGATIVE}']),
    ({"padding": "4px -2px 1px"}, [f'div/div[0]: Invalid value "4px -2px 1px" for CSS property "padding": {NEGATIVE}']),
    ({"padding": "-.5em 0"}, [f'div/div[0]: Invalid value "-.5em 0" for CSS property "padding": {NEGATIVE}']),
    # A later longhand is a declaration of its own, reported as such; an earlier one is overridden.
    ({"padding": "-4px", "paddingLeft": "-3px"},
     [f'div/div[0]: Invalid value "-4px" for CSS property "padding": {NEGATIVE}',
      f'div/div[0]: Invalid value "-3" for CSS property "paddingLeft": {NEGATIVE}']),
    ({"paddingLeft": "-3px", "padding": "-4px"},
     [f'div/div[0]: Invalid value "-4px" for CSS property "padding": {NEGATIVE}']),
    ({"gap": "4px -1px"}, ['div/div[0]: Invalid value "4px -1px" for CSS property "gap": a gap is not negative in CSS '
                           "(a browser uses none); the items overlap, as in Satori."]),
    # The other shorthands of sides: a negative margin or inset is valid CSS; a negative border
    # width or radius is Satori's own error, once.
    ({"margin": "-4px", "inset": "-4px -2px", "position": "relative"}, []),
    ({"borderWidth": "-4px", "borderStyle": "solid"}, ['div/div[0]: Invalid line width: "-4px".']),
    ({"borderRadius": "-4px"}, ['div/div[0]: Invalid value for CSS property "borderRadius": "-4px".']),
    ({"padding": "-0px", "gap": "0 -0"}, []),
])
def test_a_shorthand_is_reported_once_per_declaration(style: dict[str, Any], told: list[str]) -> None:
    for _ in range(2):  # and as often on the next render (its style memoised)
        assert rendered(style)[1] == told
    if told:
        with pytest.raises(StyleError) as caught:
            rendered(style, strict=True)
        assert str(caught.value) == told[0]
