"""An element a browser's stylesheet draws and Satori's does not is reported (satori_py.markup.browser_styles).

Satori 0.63.2's presets (handler/presets.ts) give <a>, <sup>, <sub>, <del>, <ins>, <cite>, <q>,
... no style: pasted markup draws them as plain inline text. An element the markup
styles itself (style, class or tw) is designed, and is not reported.
"""
from __future__ import annotations

import logging

import pytest

from satori_py.markup import from_html


def _reports(markup: str, caplog: pytest.LogCaptureFixture, dialect: str = "jsx") -> list[str]:
    with caplog.at_level(logging.WARNING, "satori_py"):
        from_html(markup, dialect=dialect)
    return caplog.messages


@pytest.mark.parametrize("dialect", ["jsx", "satori-html"])
def test_a_pasted_excerpt_reports_what_a_browser_would_draw(caplog: pytest.LogCaptureFixture, dialect: str) -> None:
    markup = ('<div style="display:flex">H<sub>2</sub>O, E=mc<sup>2</sup>, <del>$40</del> <ins>$30</ins> at '
              '<a href="https://example.com">example.com</a>, <q>quoted</q> by <cite>Ada</cite></div>')
    plain = "drawn as plain text, as Satori draws it (a browser "
    assert _reports(markup, caplog, dialect) == [
        f"line 1, column 28: <sub>: {plain}lowers it and makes it smaller): set vertical-align: sub and "
        "font-size: smaller in style",
        f"line 1, column 47: <sup>: {plain}raises it and makes it smaller): set vertical-align: super and "
        "font-size: smaller in style",
        f"line 1, column 61: <del>: {plain}strikes it through): set text-decoration: line-through in style",
        f"line 1, column 76: <ins>: {plain}underlines it): set text-decoration: underline in style",
        f"line 1, column 94: <a>: {plain}colours and underlines a link): set color and text-decoration in style",
        f"line 1, column 141: <q>: {plain}adds quotation marks): write them in the text",
        f"line 1, column 158: <cite>: {plain}draws it in italics): set font-style: italic in style",
    ]


def test_a_pasted_table_is_left_to_the_render_to_tell(caplog: pytest.LogCaptureFixture) -> None:
    # The render tells each row laid out as an inline box (layout/build.py): not told twice.
    markup = '<div style="display:flex"><table><tr><th>Plan</th><td>Price</td></tr></table></div>'
    assert _reports(markup, caplog) == []


@pytest.mark.parametrize("markup", [
    '<div style="display:flex"><a href="/" style="color: #0ea5e9">docs</a></div>',
    '<div style="display:flex"><a href="/" tw="text-sky-500 no-underline">docs</a></div>',
    '<div style="display:flex"><a href="/" class="link">docs</a><sup class="fn">1</sup></div>',
    '<div style="display:flex"><a name="top">anchor, no link</a></div>',
    '<div style="display:flex"><svg viewBox="0 0 10 10"><a href="#x"><circle r="4"/></a></svg></div>',
])
def test_a_styled_element_is_not_reported(caplog: pytest.LogCaptureFixture, markup: str) -> None:
    assert _reports(markup, caplog) == []


@pytest.mark.parametrize("dialect", ["jsx", "satori-html"])
@pytest.mark.parametrize("quote", ['"As written"', "\u201cAs written\u201d", "\u00abComme \u00e9crit\u00bb",
                                   "\u300c\u66f8\u3044\u305f\u901a\u308a\u300d", " \u2018spaced\u2019"])
def test_a_q_whose_text_holds_its_quotation_marks_is_not_reported(caplog: pytest.LogCaptureFixture, dialect: str,
                                                                  quote: str) -> None:
    # Satori draws the marks written (what was meant); a browser would add a second pair.
    markup = f"<div><q>{quote}</q> <q>plain</q></div>"
    column = markup.index("<q>plain") + 1
    assert _reports(markup, caplog, dialect) == [
        f"line 1, column {column}: <q>: drawn as plain text, as Satori draws it (a browser adds quotation marks): "
        "write them in the text"]
