"""JavaScript's Number(), division and the reference's viewBox split (satori_py/js_numbers.py).

The expected values were printed by Node 20 (``Number(s)``, ``s.split(/[, ]/)``); the one
implementation serves the style stage (inline SVG sizes) and the image readers (SVG
image sizes), which read viewBoxes the same way.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.errors import ImageError
from satori_py.js_numbers import js_div, js_to_number, parse_view_box
from satori_py.images.formats import svg_size
from satori_py.style.replaced import svg_size as inline_svg_size

NAN = math.nan


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


@pytest.mark.parametrize(("text", "number"), [
    ("", 0.0), (" ", 0.0), (" -0 ", -0.0), ("012", 12.0), ("1.", 1.0), (".5", 0.5), (".", NAN),
    ("1E5", 1e5), ("+.5e-3", 0.0005), ("1e", NAN), ("0.0.1", NAN), ("1_0", NAN),
    ("Infinity", math.inf), ("+Infinity", math.inf), ("-Infinity", -math.inf), ("infinity", NAN),
    ("Infinityx", NAN), ("+-1", NAN), ("--1", NAN), ("1e400", math.inf), ("-1e400", -math.inf),
    ("0X1F", 31.0), ("0o17", 15.0), ("0b2", NAN), ("0b", NAN), ("0x", NAN), ("-0x1", NAN), ("00x1", NAN),
    ("0x1F\n", 31.0), ("5\n", 5.0),
    ("0x" + "f" * 256, math.inf), ("0b" + "1" * 2000, math.inf),  # past the largest double
    # JavaScript's white space is trimmed (NBSP, LS, BOM), Python's extra spaces are not.
    ("\u00a05\u00a0", 5.0), ("\u20285", 5.0), ("\ufeff5", 5.0), ("\x1c5", NAN), ("5\x1c", NAN), ("\x855", NAN),
    # Only ASCII digits are digits.
    ("\u0661", NAN), ("1\u0662", NAN), ("0x\u0661", NAN),
])
def test_number_of_a_string_is_javascripts(text: str, number: float) -> None:
    assert _same(js_to_number(text), number)


def test_number_of_other_values() -> None:
    assert js_to_number(True) == 1.0 and js_to_number(False) == 0.0
    assert js_to_number(3) == 3.0 and js_to_number(-2.5) == -2.5
    assert math.isnan(js_to_number(None)) and math.isnan(js_to_number([1]))


@pytest.mark.parametrize(("a", "b", "quotient"), [
    (1.0, 0.0, math.inf), (-1.0, 0.0, -math.inf), (1.0, -0.0, -math.inf), (0.0, 0.0, NAN), (NAN, 0.0, NAN),
    (1.0, NAN, NAN), (math.inf, math.inf, NAN), (3.0, 2.0, 1.5),
])
def test_division_is_javascripts(a: float, b: float, quotient: float) -> None:
    assert _same(js_div(a, b), quotient)


def test_view_box_splits_on_single_commas_and_spaces() -> None:
    assert parse_view_box("0 0,,10  20") == [0.0, 0.0, 10.0, 20.0]
    box = parse_view_box("0\t0\n10 20")  # tabs and newlines do not split: "0\t0\n10" is NaN
    assert box is not None and len(box) == 2 and math.isnan(box[0]) and box[1] == 20.0
    assert parse_view_box("0 0 0x10 +Infinity") == [0.0, 0.0, 16.0, math.inf]
    assert parse_view_box("") is None and parse_view_box(None) is None


def test_svg_images_and_inline_svgs_read_a_view_box_alike() -> None:
    # A missing height follows from the viewBox ratio in both readers.
    assert svg_size('<svg viewBox="0,0,0x10,+8" width="32">', "a.svg") == (32.0, 16.0, True)
    size = inline_svg_size({}, {"viewBox": "0,0,0x10,+8", "width": 32}, 16.0, (0.0, 0.0), declared=frozenset())
    assert (size.width, size.height) == (32.0, 16.0)
    # A digit JavaScript does not read makes the viewBox invalid for both.
    with pytest.raises(ImageError, match='invalid "viewBox"'):
        svg_size('<svg viewBox="0 0 \u0661\u0660 8" height="8">', "a.svg")
    assert inline_svg_size({}, {"viewBox": "0 0 \u0661\u0660 8", "height": 8}, 16.0, (0.0, 0.0),
                           declared=frozenset()).width != 80.0


# Literals in every base and sign, with values up to far past the largest double (2**1024).
_RADIX_LITERALS = st.builds(lambda sign, literal, case: sign + (literal.upper() if case else literal),
                            st.sampled_from(["", "-", "+", " "]),
                            st.builds(lambda base, n: base(n), st.sampled_from([hex, oct, bin]),
                                      st.integers(0, 2**1200)), st.booleans())


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=50), _RADIX_LITERALS))
def test_number_of_any_string_is_a_float_and_never_raises(text: str) -> None:
    assert isinstance(js_to_number(text), float)
