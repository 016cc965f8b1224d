"""Values read otherwise than written, or not at all, are reported (style/supported.py ``value_report``).

Session 14's silent-drop oracle (tests/fuzz/silent_drops.py) found 35 properties whose invalid
values changed nothing without a word; these are 30 of them. The properties the style stage
keeps as written for a later stage (the layout's line clamps and form controls, the text
stage's font synthesis and variations, the stylesheet's containers) were never checked, and
``true`` on a length was read as 1px, as the reference's Number() reads it, without a word.
The renders are the same as before: only the reports are new.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import StyleError, h, render_svg


def rendered(style: dict[str, Any], **options: Any) -> tuple[str, list[str]]:
    told: list[str] = []
    svg = render_svg(h("div", {"style": {"display": "flex", "width": 80, "height": 40}},
                       h("div", {"style": style}, "Ab")),
                     width=100, height=50, on_warning=lambda e: told.append(str(e)),
                     on_style_error=lambda e: told.append(str(e)), **options)
    return svg, told


@pytest.mark.parametrize(("style", "message"), [
    ({"WebkitLineClamp": "3px"}, 'Invalid value "3px" for CSS property "WebkitLineClamp": it is read as `none`.'),
    ({"WebkitLineClamp": 0}, 'Invalid value "0" for CSS property "WebkitLineClamp": it is read as `none`.'),
    ({"WebkitBoxOrient": "vertcal"},
     'Invalid value "vertcal" for CSS property "WebkitBoxOrient": it is read as `horizontal`.'),
    ({"appearance": "qqq"}, 'Invalid value "qqq" for CSS property "appearance": it is read as `auto`.'),
    ({"WebkitAppearance": "12zz"}, 'Invalid value "12zz" for CSS property "WebkitAppearance": it is read as `auto`.'),
    ({"containerType": "block-size"},
     'Invalid value "block-size" for CSS property "containerType": it is read as `normal`.'),
    ({"fontSynthesis": "qqq"}, 'Invalid value "qqq" for CSS property "fontSynthesis": it is read as `none`.'),
    ({"fontSynthesis": "weight bold"},
     'Invalid value "weight bold" for CSS property "fontSynthesis": it is read as `weight`.'),
    ({"fontSynthesisWeight": "off"}, 'Invalid value "off" for CSS property "fontSynthesisWeight": it is read as `auto`.'),
    ({"fontSynthesisStyle": "calc("},
     'Invalid value "calc(" for CSS property "fontSynthesisStyle": it is read as `auto`.'),
    ({"fontVariationSettings": '"wght" bold'},
     'Invalid value ""wght" bold" for CSS property "fontVariationSettings": it is ignored.'),
    ({"fontVariationSettings": "wght 700"},
     'Invalid value "wght 700" for CSS property "fontVariationSettings": it is ignored.'),
    ({"fontWeight": "12zz"}, 'Invalid value "12zz" for CSS property "fontWeight": it is read as 12.'),
    ({"fontWeight": "0x"}, 'Invalid value "0x" for CSS property "fontWeight": it is read as 400.'),
    ({"content": '"hello"'},
     'CSS property "content" only applies to ::before and ::after: it is ignored on an element.'),
    ({"listStyleImage": "linear-gradient(red, blue)"},
     'Value "linear-gradient(red, blue)" of CSS property "listStyleImage" is not a url() image: the marker has no '
     "image."),
    ({"listStyle": "square url("},
     'Value "url(" of CSS property "listStyleImage" is not a url() image: the marker has no image.'),
    ({"minWidth": True}, "The value true of CSS property \"minWidth\" is read as the number 1 (JavaScript's Number() "
                         "of it)."),
    ({"tabSize": False}, "The value false of CSS property \"tabSize\" is read as the number 0 (JavaScript's Number() "
                         "of it)."),
])
def test_the_value_is_reported_and_the_render_is_unchanged(style: dict[str, Any], message: str) -> None:
    svg, told = rendered(style)
    assert told == [f"div/div[0]: {message}"]
    # Read as the report says: the same render as the value it is read as (or none at all).
    name, value = next(iter(style.items()))
    if value is True or value is False:
        assert svg == rendered({name: int(value)})[0]
    with pytest.raises(StyleError) as info:
        render_svg(h("div", {"style": style}, "Ab"), width=100, height=50, strict=True)
    assert info.value.message == message


@pytest.mark.parametrize("style", [
    {"WebkitLineClamp": 3}, {"WebkitLineClamp": "2"}, {"WebkitLineClamp": "none"}, {"WebkitBoxOrient": "vertical"},
    {"WebkitBoxOrient": "inherit"}, {"appearance": "none"}, {"WebkitAppearance": "Button"},
    {"appearance": "textfield"}, {"containerType": "inline-size"}, {"containerType": "size scroll-state"},
    {"fontSynthesis": "none"}, {"fontSynthesis": "weight style small-caps"}, {"fontSynthesisStyle": "oblique-only"},
    {"fontVariationSettings": '"wght" 650, "wdth" 80'}, {"fontVariationSettings": "normal"},
    {"fontWeight": 700}, {"fontWeight": "12.5"}, {"fontWeight": "bold"}, {"listStyleImage": "none"},
    {"listStyleImage": "url('marker.png')"}, {"minWidth": 1},
])
def test_valid_values_are_not_reported(style: dict[str, Any]) -> None:
    assert rendered(style)[1] == []


def test_an_invalid_value_renders_as_what_it_is_read_as() -> None:
    # A line clamp Number() does not read clamps nothing; a misspelt orientation is horizontal.
    card = {"display": "-webkit-box", "WebkitBoxOrient": "vertical", "width": 30, "overflow": "hidden"}
    assert rendered({**card, "WebkitLineClamp": "1px"})[0] == rendered({**card, "WebkitLineClamp": "none"})[0]
    assert rendered({**card, "WebkitLineClamp": 1, "WebkitBoxOrient": "Vertical"})[0] \
        == rendered({**card, "WebkitLineClamp": 1, "WebkitBoxOrient": "horizontal"})[0]
    assert rendered({"fontWeight": "700abc"})[0] == rendered({"fontWeight": 700})[0]
