"""The drawing policies of the two text layouts (satori_py/text/draw_pieces.py) where pixel
comparisons can't see them: rounding moves text by under half a pixel, which the golden
verdict allows, so these check the positions themselves."""
from __future__ import annotations

from satori_py.text.paragraph import Paragraph
from tests.text.test_paragraph import items_of, registry, styled

_FONTS = (("Roboto", "Roboto-Regular.ttf"),)
_WIDTH = 203  # leaves fractional room on every line, so alignment lands between pixels


def _paragraph(children: list[object], css: dict[str, object]) -> Paragraph:
    style = styled({"fontSize": 17, "fontFamily": "Roboto", **css}, _WIDTH)
    paragraph = Paragraph(items_of(children, style, "div", _WIDTH), style, registry(_FONTS))
    paragraph.measure(_WIDTH, "definite")
    return paragraph


def test_inline_content_rounds_each_line_start_not_its_pieces() -> None:
    paragraph = _paragraph(["Centred words in a ", {"type": "span", "props": {
        "style": {"color": "red"}, "children": "span that wraps"}}, " onto a few lines of text"],
        {"textAlign": "center"})
    assert paragraph.inline.text_node is None
    layout = paragraph.layout(_WIDTH)
    assert len(layout.lines) > 1
    assert all(line.x == round(line.x) for line in layout.lines)
    pieces = [p for run in layout._pieces.values() for p in run]
    assert any(p.x != round(p.x) for p in pieces)  # pieces after the start keep their widths


def test_a_text_node_rounds_every_piece() -> None:
    paragraph = _paragraph(["Centred words of a text node that wrap onto a few lines"],
                           {"textAlign": "center"})
    layout = paragraph.layout(_WIDTH)
    arranged = layout._arranged
    assert arranged is not None and len(layout.lines) > 1
    lefts = [arranged.place(p)[0] for p in arranged.state.pieces[:arranged.state.drawn]]
    assert len(lefts) > 3 and all(left == round(left) for left in lefts)
    # Unrounded, they would not be whole: centring leaves fractional room.
    assert any((_WIDTH - w) / 2 != round((_WIDTH - w) / 2) for w in arranged.state.line_widths)
