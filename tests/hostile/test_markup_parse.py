"""Markup whose repairs multiply elements: the parser's insertions are counted as it parses.

200 distinct ``<b a=N>`` closed by a ``</div>`` are reopened in every ``<p>`` that
follows (WHATWG "reconstruct the active formatting elements"): with 20,000 of them,
180 KB of markup asked the parser for four million elements and ran past five
minutes, beyond the render's timeout (satori_py/markup/parse_budget.py).
"""
from __future__ import annotations

import itertools

import pytest

from satori_py import LimitError, Limits, render_svg
from satori_py.errors import MarkupError
from satori_py import limits as limits_module
from satori_py.markup import from_html, parse_budget
from satori_py.markup.parse_budget import element_budget


def reopened(formatting: int, paragraphs: int) -> str:
    return ('<div><div>' + "".join(f'<b a="{i}">' for i in range(formatting)) + "</div>"
            + "<p>x</p>" * paragraphs + "</div>")


def test_the_parser_has_the_counted_insertion() -> None:
    # A justhtml that renamed it would be parsed without the bound: this says so.
    from justhtml.parser.engine import ParseEngine

    assert parse_budget.installed
    assert getattr(ParseEngine._insert_sanitized_element, "satori_py_counted", False)


def test_reopened_formatting_elements_are_counted_while_parsing() -> None:
    with pytest.raises(LimitError) as info:
        from_html(reopened(200, 20_000))
    assert info.value.limit == "max_nodes"
    assert str(info.value) == ("The markup makes more than 101000 elements as the HTML parser repairs it (formatting "
                               "elements closed out of turn are reopened wherever content goes next), over the "
                               "max_nodes limit of 100000.")
    # Within the limit the same repairs are made (a browser's tree): 20 x 20 reopened <b>.
    tree = from_html(reopened(20, 20))
    paragraphs = tree["props"]["children"][1:]
    assert len(paragraphs) == 20
    inner = paragraphs[-1]
    depth = 0
    while isinstance(inner, dict) and inner["type"] in ("p", "b"):
        depth += inner["type"] == "b"
        inner = inner["props"]["children"]
    assert (depth, inner) == (20, "x")


def test_the_budget_is_the_renders_max_nodes() -> None:
    markup = reopened(30, 110)  # 3,443 elements
    with pytest.raises(LimitError, match="more than 3000 elements"):
        render_svg(markup, width=100, height=100, limits=Limits(max_nodes=2000))
    with element_budget():  # outside a render: the default limits (101,000)
        from_html(markup)


def test_the_parse_stops_at_the_renders_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each clock reading a second later: the deadline (5 s) passes while the parser inserts.
    ticks = itertools.count()
    monkeypatch.setattr(limits_module, "_clock", lambda: float(next(ticks)))
    with pytest.raises(LimitError) as info:
        render_svg(reopened(20, 2000), width=100, height=100, limits=Limits(timeout=5))
    assert info.value.limit == "timeout"


def test_markup_bytes_that_are_not_utf8_are_an_error_at_their_first_such_byte() -> None:
    # Before: a UnicodeDecodeError from the decode.
    with pytest.raises(MarkupError) as caught:
        render_svg(b"<div>\n  caf\xe9</div>", width=50, height=20)
    assert str(caught.value) == ('line 2, column 6: The markup is not UTF-8: byte 0xE9 cannot be read (decode it '
                                 'first, as data.decode("latin-1") if it is Latin-1).')
    assert render_svg("<div>café</div>".encode(), width=50, height=20).startswith("<svg")
