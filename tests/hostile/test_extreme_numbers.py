"""Numbers at the ends of the double range, found by the stranger oracle (tests/fuzz/oracle.py).

Before: ``fontWeight: "1" + "0" * 400 + "x"`` (seed 22886) was read by parseInt as a 401-digit
int, which the text engine could not turn into a float (OverflowError); with 5,000 digits the
int itself could not be made (ValueError past Python's 4,300 digits). ``borderLeftWidth: 5e-324``
under Tailwind's preflight borders (seed 23920) was kept as a width, and the border's corner
region divided the box by it (OverflowError formatting an infinite coordinate).
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import SatoriError, render_svg


def _reports(style: dict[str, Any], child: bool = False) -> list[str]:
    heard: list[SatoriError] = []
    tree: Any = {"type": "div", "props": {"style": style, "children": "x"}}
    if child:
        tree = {"type": "div", "props": {"children": [{"type": "div", "props": {"style": style}}]}}
    render_svg(tree, width=100, height=50, on_style_error=heard.append, on_warning=heard.append)
    return [str(error) for error in heard]


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_font_weight_past_the_largest_double_is_no_weight(digits: int) -> None:
    value = "1" + "0" * digits + "x"
    (said,) = _reports({"fontWeight": value, "width": "2ch"})  # (ch: the weight picks the font measured)
    assert said.startswith('div: Unsupported value "1000') and said.endswith(
        '..." for CSS property "fontWeight": 400 is used.')


def test_a_font_weight_with_leading_zeros_is_read_as_parse_int_reads_it() -> None:
    (said,) = _reports({"fontWeight": "0" * 5000 + "7x"})
    assert said.endswith('characters)" for CSS property "fontWeight": it is read as 7.')


@pytest.mark.parametrize("style", [
    {"borderWidth": 0, "borderLeftWidth": 5e-324, "borderStyle": "solid", "borderColor": "red"},
    {"borderWidth": 0, "borderTopWidth": 5e-324, "borderStyle": "dashed", "borderColor": "red"},
    {"borderWidth": 0, "borderTopWidth": 1e-300, "borderStyle": "dotted", "borderColor": "red"},
])
def test_a_border_width_a_hair_from_zero_is_no_border(style: dict[str, Any]) -> None:
    plain = render_svg({"type": "div", "props": {"children": [{"type": "div", "props": {}}]}},
                       width=100, height=50)
    assert render_svg({"type": "div", "props": {"children": [{"type": "div", "props": {"style": style}}]}},
                      width=100, height=50) == plain
    assert _reports(style, child=True) == []
