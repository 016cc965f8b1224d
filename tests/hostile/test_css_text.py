"""CSS text is bounded before it is parsed: ``max_css_length`` characters per text.

A CSS text is tokenized in one call, which cannot stop at the render's deadline:
10 MB of ``color:red;`` in a style attribute took 20 s of CPU before
``Limits(timeout=2)`` was noticed. Each text (a style value, a style object, a
``style`` attribute, a ``<style>`` sheet, a ``tw`` string) is measured first.
"""
from __future__ import annotations

import re
from typing import Any

import pytest

from satori_py import LimitError, Limits, h, render_svg
from satori_py.style.paint_shorthands import _BOX_SHADOW_PARTS, _BOX_SHADOW_VALUES, _split_unless_closing

SMALL = Limits(max_css_length=100)
OVER = "over the max_css_length limit of 100."


def limit_error(element: Any, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(element, width=100, height=100, limits=SMALL, **options)
    assert info.value.limit == "max_css_length"
    return info.value


def test_a_style_attribute_is_measured_before_it_is_parsed() -> None:
    error = limit_error('<div style="' + "color:red;" * 11 + '">x</div>')
    assert str(error) == f"line 1, column 1: <div>: The style attribute has 110 characters, {OVER}"
    assert error.prop == "style"
    # At the limit it is read.
    assert "fill" in render_svg('<div style="' + "color:red;" * 10 + '">x</div>', width=100, height=100,
                                limits=SMALL)


def test_a_style_value() -> None:
    error = limit_error(h("div", {"style": {"display": "flex"}},
                          h("div", {"style": {"boxShadow": "1px 1px red, " * 10}}, "x")))
    assert str(error) == f'div/div[0]: The value of "boxShadow" has 130 characters, {OVER}'
    assert (error.path, error.prop) == ("div/div[0]", "boxShadow")


def test_a_style_object_counts_its_names_and_values() -> None:
    style = {f"--v{i}": "red" for i in range(14)}  # names 10 x 4 + 4 x 5, values 14 x 3
    error = limit_error(h("div", {"style": style}, "x"))
    assert str(error) == f"div: The style has 102 characters, {OVER}"
    assert error.prop == "style"


def test_tw_classes() -> None:
    error = limit_error(h("div", {"tw": "flex " * 21}, "x"))
    assert str(error) == f'div: The value of "tw" has 105 characters, {OVER}'
    # `class` read as Tailwind ends up in `tw`, measured the same way.
    error = limit_error('<div class="' + "flex " * 21 + '">x</div>', tailwind_classes=True)
    assert str(error) == f'div: The value of "tw" has 104 characters, {OVER}'


def test_a_style_sheet() -> None:
    sheet = "div{color:red}" * 8
    error = limit_error(h("div", {}, h("style", {}, sheet), "x"))
    assert str(error) == f"div/style[0]: The sheet has 112 characters, {OVER}"
    # Read at the markup stage when classes go to Tailwind (to find the sheet's own classes).
    error = limit_error(f"<div><style>{sheet}</style>x</div>", tailwind_classes=True)
    assert str(error) == f"line 1, column 6: <style>: The sheet has 112 characters, {OVER}"


@pytest.mark.parametrize("text", [
    "", ",", "1px 1px red", "1px 1px rgb(1, 2, 3), inset 0 0 2px red", "a(b, c), d", "a), b(c, d",
    "(,)", ") , (", "rgba(0,0,0,.5) 0 0 1px,rgb(1 2 3) 1px 1px", "a\u00a0b\tc\nd", "f(g(h, i), j), k",
])
def test_box_shadow_splits_as_css_box_shadow_does(text: str) -> None:
    # css-box-shadow's expressions, whose lookahead rescanned the rest of the value from
    # every comma (500,000 shadows: over 120 s); the split is now one pass.
    assert _split_unless_closing(text, _BOX_SHADOW_VALUES) == re.split(r",(?![^(]*\))", text)
    assert _split_unless_closing(text, _BOX_SHADOW_PARTS) == re.split(r"\s(?![^(]*\))", text)


def test_a_sheet_is_css_not_text_laid_out() -> None:
    # Before (main 562b4b4): a 300,000-character sheet (Bootstrap's is 230 kB) was refused as text,
    # 'div/style[0]/#text[0]: The text has 300014 characters, over the max_text_length limit of 200000.'
    sheet = "div{color:red}" + " " * 300_000
    svg = render_svg(h("div", {"style": {"display": "flex"}}, h("style", {}, sheet), h("span", {}, "x")),
                     width=20, height=10)
    assert 'fill="red"' in svg
    sheets = [h("style", {}, "div{color:red}" + " " * 600_000) for _ in range(2)]
    with pytest.raises(LimitError) as info:
        render_svg(h("div", {}, *sheets, "x"), width=20, height=10)
    assert str(info.value) == ("div/style[1]: The text of the <style> elements has 1200028 characters, over the "
                               "max_css_length limit of 1000000.")
