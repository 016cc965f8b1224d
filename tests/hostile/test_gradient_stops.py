"""A gradient's arguments are counted before they are parsed: past ``max_gradient_stops``
(1,000) the render stops with a LimitError naming the node and the property.

Before (main 562b4b4): a linear gradient of 100,000 colours (a 775 kB value, under
max_css_length) was parsed and painted for 1.8 s of CPU (4-10 s on a loaded machine), all
of it in parse_stops and the painter; now it is refused in 0.2 s, most of it counting the
commas outside colour functions.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import Limits, LimitError, h, render_svg
from satori_py.style import gradients


def _colours(n: int, colour: str = "red") -> str:
    return ", ".join([colour] * n)


def _render(prop: str, value: str, **options: Any) -> str:
    return render_svg(h("div", {"style": {"width": 20, "height": 10, prop: value}}), width=20, height=10, **options)


@pytest.mark.parametrize(("prop", "computed"), [
    ("backgroundImage", "backgroundImage"), ("background", "backgroundImage"),
    ("maskImage", "maskImage"), ("WebkitMaskImage", "maskImage"), ("mask", "maskImage")])
@pytest.mark.parametrize("gradient", ["linear-gradient(to right, {})", "radial-gradient(circle, {})",
                                      "repeating-conic-gradient(from 10deg, {})"])
def test_a_gradient_of_too_many_stops_is_refused_before_they_are_parsed(
        prop: str, computed: str, gradient: str, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[int] = []
    parse_stops = gradients.parse_stops

    def counting(parts: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(len(parts))
        return parse_stops(parts, *args, **kwargs)

    monkeypatch.setattr(gradients, "parse_stops", counting)
    with pytest.raises(LimitError) as caught:
        _render(prop, gradient.format(_colours(100_000)))
    assert str(caught.value) == ("div: The gradient has 100001 colour stops and other arguments, over the "
                                 "max_gradient_stops limit of 1000.")
    assert (caught.value.limit, caught.value.prop, caught.value.path) == ("max_gradient_stops", computed, "div")
    assert parsed == []


def test_the_limit_counts_the_arguments_at_its_edge() -> None:
    assert "<linearGradient" in _render("backgroundImage", f"linear-gradient({_colours(1000)})")
    with pytest.raises(LimitError, match="^div: The gradient has 1001 colour stops and other arguments"):
        _render("backgroundImage", f"linear-gradient(red, {_colours(1000)})")


def test_commas_inside_colour_functions_are_not_stops() -> None:
    # 700 stops of 3 commas each: 2,799 commas, 700 arguments.
    svg = _render("backgroundImage", f"linear-gradient({_colours(700, 'rgb(1, 2, 3)')})")
    assert svg.count("<stop ") == 700


def test_the_limit_is_an_option() -> None:
    value = f"linear-gradient({_colours(1500)})"
    assert _render("backgroundImage", value, limits=Limits(max_gradient_stops=1500)).count("<stop ") == 1500
    with pytest.raises(LimitError, match="over the max_gradient_stops limit of 10[.]$"):
        _render("backgroundImage", f"linear-gradient({_colours(11)})", limits=Limits(max_gradient_stops=10))
