"""A text node is a one-run inline paragraph switched to the reference's text engine
(text/inline_text.py); golden/text/text-node-quirks.json checks the same boxes' pixels
against the real Satori."""
from __future__ import annotations

from pathlib import Path

import pytest

from satori_py.options import Font
from satori_py.style import ComputedStyle, compute_style, root_style
from satori_py.text.fonts import FontRegistry
from satori_py.text.paragraph import BoxEnd, BoxStart, Paragraph, TextItem

GEIST = Path(__file__).resolve().parents[2] / "satori_py" / "assets" / "Geist-Regular.ttf"


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry([Font("Geist", str(GEIST))])


def _style(css: dict[str, object], width: float) -> ComputedStyle:
    root = root_style(width=width, height=None)
    return compute_style("div", {"style": {"fontFamily": "Geist", "fontSize": 16, **css, "width": width}},
                         root, viewport=(width, 0.0))


def test_text_only_in_the_block_style_is_a_text_node(registry: FontRegistry) -> None:
    style = _style({}, 200)
    plain = Paragraph([TextItem("a b", style, "div/0"), TextItem(" c", style, "div/1")], style, registry)
    assert plain.inline.text_node is not None
    assert [w.segments[0].text for w in plain.inline._prepare()] == ["a ", "b ", "c"]
    span = _style({"fontWeight": 700}, 200)
    mixed = Paragraph([TextItem("a ", style, "div/0"), BoxStart(span, "div/1"),
                       TextItem("b", span, "div/1/0"), BoxEnd("div/1")], style, registry)
    assert mixed.inline.text_node is None
    near_floats = Paragraph([TextItem("a b", style, "div/0")], style, registry, near_floats=True)
    assert near_floats.inline.text_node is None


def test_a_broken_forced_word_ends_an_empty_line_of_unrounded_height(registry: FontRegistry) -> None:
    # The reference's text engine: the graphemes of a word after a preserved newline go back
    # into the loop; the first, still forced, ends the empty line started for them, which takes
    # its unrounded height (Geist at 16px: 20.8, else 21 per line).
    style = _style({"whiteSpace": "pre-wrap", "overflowWrap": "break-word"}, 44)
    paragraph = Paragraph([TextItem("aaa\nbbbbbbbbbbbb", style, "div/0")], style, registry)
    width, height = paragraph.measure(44, "definite")
    lines = paragraph.layout(44).lines
    assert [round(line.height, 6) for line in lines] == [21.0, 20.8, 21.0, 21.0, 21.0]
    assert lines[1].width == 0.0
    assert height == pytest.approx(104.8)
    assert width == 44.0


def test_a_tab_on_the_first_line_counts_from_the_indent(registry: FontRegistry) -> None:
    # Tab stops every 8 spaces (32px) from the line start: after a 30px indent the tab
    # advances 2px, so the line ends where it ends without the indent.
    style = _style({"whiteSpace": "pre", "textIndent": 30}, 300)
    paragraph = Paragraph([TextItem("\tab", style, "div/0")], style, registry)
    indented, _ = paragraph.measure(None, "max-content")
    plain_style = _style({"whiteSpace": "pre"}, 300)
    plain, _ = Paragraph([TextItem("\tab", plain_style, "div/0")], plain_style, registry).measure(
        None, "max-content")
    assert indented == plain
