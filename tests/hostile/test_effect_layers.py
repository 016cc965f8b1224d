"""Lists of shadows, filter functions, background and mask layers are counted where they are
split, before their parts are parsed: past ``max_effect_layers`` the render stops without
working on them.

Before: 75,000 box shadows (975 KB) were parsed for 2.7 s, 75,000 text shadows for 5 s, and
75,000 filter functions for 0.9 s, before the painter counted them; 30,000 gradient background
layers were parsed and drawn for 6.9 s, not counted at all.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import LimitError, h, render_svg
from satori_py.style import filters, gradients, valueparser

N = 75_000


@pytest.mark.parametrize(("prop", "one"), [("boxShadow", "1px 1px RED"), ("textShadow", "1px 1px Red"),
                                           ("filter", "blur(1px)"), ("backdropFilter", "blur(1px)")])
def test_a_long_list_is_refused_before_its_parts_are_parsed(prop: str, one: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[int] = []
    value_parse, filter_function = valueparser.parse, filters._Parser.function

    def counting_parse(text: str) -> Any:
        parsed.append(len(text))
        return value_parse(text)

    def counting_function(self: Any, text: str) -> Any:
        parsed.append(len(text))
        return filter_function(self, text)

    monkeypatch.setattr(valueparser, "parse", counting_parse)
    monkeypatch.setattr(filters._Parser, "function", counting_function)
    value = (" " if "ilter" in prop else ", ").join([one] * N)
    with pytest.raises(LimitError) as caught:
        render_svg(h("div", {"style": {prop: value}}, "a"), width=20, height=20)
    assert str(caught.value) == (f"div: The element has {N} shadows and filter functions, over the "
                                 "max_effect_layers limit of 64.")
    assert caught.value.prop == prop  # (None before session 12)
    assert sum(parsed) < 1000, (len(parsed), sum(parsed))


@pytest.mark.parametrize(("prop", "what"), [
    ("backgroundImage", "background layers"), ("background", "background layers"),
    ("maskImage", "mask layers"), ("WebkitMaskImage", "mask layers")])
def test_a_long_list_of_layers_is_refused_before_its_images_are_parsed(prop: str, what: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[int] = []
    value_parse, parse_gradient = valueparser.parse, gradients.parse_gradient

    def counting_parse(text: str) -> Any:
        parsed.append(len(text))
        return value_parse(text)

    def counting_gradient(image: str, *args: Any) -> Any:
        parsed.append(len(image))
        return parse_gradient(image, *args)

    monkeypatch.setattr(valueparser, "parse", counting_parse)
    monkeypatch.setattr(gradients, "parse_gradient", counting_gradient)
    value = ", ".join(["linear-gradient(red, blue)"] * 30_000)
    with pytest.raises(LimitError) as caught:
        render_svg(h("div", {"style": {"width": 10, "height": 10, prop: value}}), width=20, height=20)
    assert str(caught.value) == f"div: The element has 30000 {what}, over the max_effect_layers limit of 64."
    assert caught.value.prop == prop  # (None before session 12)
    assert sum(parsed) < 1000, (len(parsed), sum(parsed))


def test_the_painter_counts_the_layers_of_an_element_together() -> None:
    style = {"width": 10, "height": 10, "boxShadow": ", ".join(["1px 1px red"] * 40),
             "backgroundImage": ", ".join(["linear-gradient(red, blue)"] * 30)}
    with pytest.raises(LimitError) as caught:
        render_svg(h("div", {"style": style}), width=20, height=20)
    assert str(caught.value) == ("div: The element has 70 shadows, filter functions and background layers, over "
                                 "the max_effect_layers limit of 64.")
    svg = render_svg(h("div", {"style": {**style, "boxShadow": "1px 1px red"}}), width=20, height=20)
    assert svg.count("<linearGradient") == 30


def test_a_list_within_the_limit_is_drawn() -> None:
    svg = render_svg(h("div", {"style": {"width": 10, "height": 10, "boxShadow": ", ".join(["1px 1px red"] * 64)}}),
                     width=20, height=20)
    assert svg.count('fill="red"') == 64  # each shadow
