"""Pure value parsers: lengths and units, numbers, splitting, calc()."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from satori_py.js_format import js_number
from satori_py.length_range import MAX_LENGTH
from satori_py.style.calc import parse_math
from satori_py.style.types import Calc, Percent
from satori_py.style.values import (
    LengthContext,
    calc_degree,
    js_to_number,
    length_to_number,
    split_top_level,
    split_values,
    unit_to_px,
)

CTX = LengthContext(viewport_width=1200, viewport_height=630, ch_ratio=0.6, line_height=1.5)


@pytest.mark.parametrize(("text", "px"), [
    ("10px", 10.0), ("10", 10.0), ("-2.5px", -2.5), (".5px", 0.5), ("1e1px", 10.0), ("10PX", 10.0),
    ("2em", 40.0), ("2rem", 32.0),  # rem is always 16px in the reference
    ("10vw", 120.0), ("10vh", 63.0), ("10vmin", 63.0), ("10vmax", 120.0), ("33.3vw", 399.0),  # truncated
    ("1in", 96.0), ("2.54cm", 96.0), ("25.4mm", 96.0), ("4q", 96 / 101.6 * 4), ("72pt", 96.0), ("1pc", 16.0),
    ("2ch", 2 * 20 * 0.6), ("2ex", 20.0), ("2lh", 2 * 1.5 * 20), ("1rlh", 19.2),
    ("90deg", 90.0), ("1turn", 360.0), ("100grad", 90.0),
    ("50%", None), ("10xx", None), ("px", None), ("1 px", None), ("calc(1px)", None), ("", None),
])
def test_length_to_number(text: str, px: float | None) -> None:
    result = length_to_number(text, 20.0, CTX)
    assert result == (pytest.approx(px) if px is not None else None)


def test_percentages_need_a_basis() -> None:
    assert length_to_number("50%", 16, CTX) is None
    assert length_to_number("50%", 16, CTX, basis=300) == 150


def test_viewport_units_truncate_like_javascript() -> None:
    assert unit_to_px(-10.5, "vw", 16, LengthContext(100, 100)) == -10.0
    assert unit_to_px(1, "vw", 16, LengthContext(0, 0)) == 0.0


@pytest.mark.parametrize(("value", "text"), [
    (1.0, "1"), (0.5, "0.5"), (-0.0, "0"), (1e21, "1e+21"), (1.5e-7, "1.5e-7"), (math.inf, "Infinity"),
    (0.1 + 0.2, "0.30000000000000004"), (3, "3"),
])
def test_js_number(value: float, text: str) -> None:
    assert js_number(value) == text


@pytest.mark.parametrize(("text", "number"), [
    ("", 0.0), ("  12 ", 12.0), ("1e3", 1000.0), ("0x10", 16.0), (".5", 0.5), ("5.", 5.0), ("Infinity", math.inf),
    ("12px", math.nan), ("--1", math.nan), ("1 2", math.nan),
])
def test_js_to_number(text: str, number: float) -> None:
    result = js_to_number(text)
    assert (math.isnan(result) and math.isnan(number)) or result == number


def test_splitting_respects_parentheses() -> None:
    assert split_values("  1px  calc(1px + 2px) rgb(1, 2, 3) ") == ["1px", "calc(1px + 2px)", "rgb(1, 2, 3)"]
    assert split_top_level("1px 1px red, 0 0 rgba(0, 0, 0, .5)") == ["1px 1px red", "0 0 rgba(0, 0, 0, .5)"]


@pytest.mark.parametrize(("text", "degrees"), [("90deg", 90.0), ("0.5turn", 180.0), ("3.14159rad", 180.0),
                                              ("10", None), ("1x", None)])
def test_calc_degree(text: str, degrees: float | None) -> None:
    result = calc_degree(text)
    assert result == (pytest.approx(degrees, rel=1e-4) if degrees is not None else None)


def _px(number: float, unit: str) -> float | None:
    return unit_to_px(number, unit, 16.0, CTX)


@pytest.mark.parametrize(("text", "basis", "value", "percentage"), [
    ("calc(100% - 10px)", 200, 190.0, True),
    ("calc(2em + 10px)", 0, 42.0, False),
    ("min(10px, 5%)", 100, 5.0, True),
    ("max(1vw, 2px)", 0, 12.0, False),
    ("clamp(1px, 50%, 100px)", 1000, 100.0, True),
    ("calc((1px + 2px) * 3)", 0, 9.0, False),
    ("calc(10px / 4)", 0, 2.5, False),
    ("CALC(1PX + 1PX)", 0, 2.0, False),
])
def test_math_functions(text: str, basis: float, value: float, percentage: bool) -> None:
    parsed = parse_math(text, _px)
    assert parsed is not None
    assert parsed.percentage is percentage
    assert parsed.evaluate(basis) == pytest.approx(value)
    if percentage:
        calc = parsed.as_calc(text)
        assert isinstance(calc, Calc) and calc.resolve(basis) == pytest.approx(value)


@pytest.mark.parametrize("text", ["calc(1px + 2)", "calc(1px * 2px)", "calc(2 / 1px)", "calc(1px", "calc()",
                                  "calc(1px) 2px", "var(--x)", "calc(1foo)", "min(1px, 2)", "clamp(1px, 2px)"])
def test_invalid_math_functions(text: str) -> None:
    assert parse_math(text, _px) is None


def test_percent_resolves_against_a_basis() -> None:
    assert Percent(25).resolve(80) == 20


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(finite, st.sampled_from(["px", "PX", "", "em", "pt", "in"]))
def test_lengths_round_trip(value: float, unit: str) -> None:
    """Formatting a length like JavaScript then parsing it gives the same px (clamped to
    2^25 - 1 px, as browsers clamp lengths)."""
    text = js_number(value) + unit
    factor = {"px": 1.0, "": 1.0, "em": 20.0, "pt": 96 / 72, "in": 96.0}[unit.lower()]
    expected = max(-MAX_LENGTH, min(MAX_LENGTH, value * factor))
    assert length_to_number(text, 20.0, CTX) == pytest.approx(expected, rel=1e-12, abs=1e-9)


@given(finite)
def test_js_number_round_trips_through_js_to_number(value: float) -> None:
    assert js_to_number(js_number(value)) == value


@given(st.lists(st.one_of(finite.map(lambda v: js_number(v) + "px"), st.just("auto"),
                          st.integers(0, 100).map(lambda n: f"calc({n}% - 1px)")), min_size=1, max_size=6))
def test_split_values_round_trips(parts: list[str]) -> None:
    assert split_values("  ".join(parts)) == parts
