"""Inputs a hostile generator found (its cases in the module's docstrings of the fixes):
numbers of many digits, and styles of very many properties.

Before: ``width: "1" + "0" * 400000 + "px"`` never finished (the number pattern tried every
split of the digits between its two runs of them: 5,000 digits took 2.7 s, 20,000 over 40 s,
past any timeout); a style of 100,000 unknown properties took some 30 s of CPU, checking the
timeout only after all of them.
"""
from __future__ import annotations

import math
from typing import Any

import pytest

from satori_py import LimitError, Limits, SatoriError, h, render_svg
from satori_py import limits as limits_module
from satori_py.js_numbers import js_to_number
from satori_py.style import expand

DIGITS = "1" + "0" * 400_000


def test_a_number_of_many_digits_is_read_in_one_pass() -> None:
    assert math.isnan(js_to_number(DIGITS + "px"))
    assert js_to_number(DIGITS) == math.inf and js_to_number("1.5e3") == 1500.0 and js_to_number("1.") == 1.0


@pytest.mark.parametrize("style", [
    {"width": DIGITS + "x"}, {"fontVariationSettings": f"'wght' {DIGITS}x"}, {"fontSize": DIGITS + "pz"},
])
def test_a_value_of_many_digits_is_reported(style: dict[str, Any]) -> None:
    reports: list[SatoriError] = []
    render_svg(h("div", {"style": style}, "x"), width=20, height=20, on_style_error=reports.append,
               on_warning=reports.append)
    assert all(len(r.message) < 1000 for r in reports)


def test_the_timeout_is_checked_between_the_properties_of_a_style(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = [0]
    unsupported = expand.unsupported_property

    def counted(written: str, name: str) -> str | None:
        seen[0] += 1
        if seen[0] == 10:  # the render's time runs out here
            monkeypatch.setattr(limits_module, "_clock", lambda: math.inf)
        return unsupported(written, name)

    monkeypatch.setattr(expand, "unsupported_property", counted)
    with pytest.raises(LimitError) as info:
        render_svg(h("div", {"style": {f"k{i}": 1 for i in range(1000)}}, "x"), width=20, height=20,
                   limits=Limits(timeout=60), on_warning=lambda e: None)
    assert info.value.limit == "timeout"
    assert seen[0] == 10
