"""Line clamps in text with inline elements (satori_py/text/ellipsis.py, the browsers' policy).

The reference ignores line clamps there (all lines are drawn), and so does satori-py by
default; a browser, and satori-py with ``REFERENCE_CLAMPS = False``, keeps the first
lines and ends the last with the ellipsis (checked against Chromium in
golden/text/line-clamp-ellipsis-nested-spans.json).
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.text import bidi, ellipsis
from tests.text.test_bidi import visual

SPAN = {"type": "span", "props": {"style": {"color": "blue"}, "children": [
    "inline spans with ", {"type": "span", "props": {"style": {"fontWeight": 700},
                                                     "children": "nested bold"}}, " text"]}}
TEXT: list[Any] = ["Satori-py lays out ", SPAN, " that run on well past the clamp, which cuts them off."]
WEBKIT = {"display": "-webkit-box", "WebkitBoxOrient": "vertical", "WebkitLineClamp": 2}


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ellipsis, "REFERENCE_CLAMPS", False)
    monkeypatch.setattr(bidi, "REFERENCE_BIDI", False)


def test_unclamped_lines() -> None:
    assert len(visual(TEXT, {}, width=200, words=True)) > 3


def test_the_reference_ignores_clamps_in_inline_content() -> None:
    unclamped = visual(TEXT, {}, width=200, words=True)
    assert visual(TEXT, WEBKIT, width=200, words=True) == unclamped
    assert visual(TEXT, {"display": "block", "lineClamp": 2}, width=200, words=True) == unclamped


@pytest.mark.usefixtures("browser")
def test_webkit_line_clamp_keeps_lines_and_ends_with_an_ellipsis() -> None:
    lines = visual(TEXT, WEBKIT, width=200, words=True)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert lines[0].replace(" ", "").startswith("Satori-pylaysout")


@pytest.mark.usefixtures("browser")
def test_line_clamp_with_custom_ellipsis() -> None:
    lines = visual(TEXT, {"display": "block", "lineClamp": '3 " [more]"'}, width=200, words=True)
    assert len(lines) == 3
    assert lines[-1].replace(" ", "").endswith("[more]")


@pytest.mark.usefixtures("browser")
def test_no_ellipsis_when_everything_fits() -> None:
    lines = visual(["short ", SPAN], WEBKIT, width=600, words=True)
    assert lines == ["short inline spans with nested bold text"]


@pytest.mark.usefixtures("browser")
def test_rtl_clamp_puts_the_ellipsis_at_the_left() -> None:
    hebrew = ["אחת שתיים ", {"type": "span", "props": {"children": "שלוש ארבע חמש"}},
              " שש שבע שמונה תשע עשר"]
    lines = visual(hebrew, {**WEBKIT, "direction": "rtl"}, width=120, words=True)
    assert len(lines) == 2
    assert lines[-1].startswith("…")
