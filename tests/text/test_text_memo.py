"""The text stage's process-wide memos: what a warm render does not compute again.

A card rendered again splits its texts, makes its font engines and checks its
graphemes against the fonts once; these tests count that work, and show that
each memo's key holds what its result depends on (the fonts, the white-space
properties).
"""
from __future__ import annotations

import gc
import itertools
import tracemalloc
from typing import Any

import pytest

from satori_py import Limits, limits
from satori_py.api import default_fonts
from satori_py.errors import LimitError
from satori_py.style import ComputedStyle, compute_style, root_style
from satori_py.style import computed
from satori_py.text import engine as engine_module
from satori_py.text import inline_text, inline_text_render, measurer, processor
from satori_py.text.engine import FontEngine
from satori_py.text.faces import FaceData
from satori_py.text.fonts import FontRegistry
from satori_py.text.paragraph import BoxEnd, BoxStart, Paragraph, TextItem
from satori_py.text.render import TextDrawing
from tests.support.counting import count_calls

_unique = itertools.count()


def fresh_text(base: str) -> str:
    """A text no earlier test of the process has memoised."""
    return f"{base} {next(_unique)}-{id(_unique)}"


def style(css: dict[str, Any] | None = None) -> ComputedStyle:
    root = root_style(width=400, height=None)
    return compute_style("div", {"style": {"width": 400, **(css or {})}}, root, viewport=(400.0, 0.0))


def test_missing_graphemes_are_checked_once_per_fonts_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_calls(monkeypatch, FontEngine, "has")
    s = style()
    text = fresh_text("Tasty \U0001f355 pizza")
    first = Paragraph([TextItem(text, s, "div/#text[0]")], s, FontRegistry(default_fonts()))
    assert first.missing_graphemes() == [("\U0001f355", None)]
    assert calls[0] > 0
    # Another render with the same fonts (a new registry) checks nothing again.
    calls[0] = 0
    registry = FontRegistry(default_fonts())
    second = Paragraph([TextItem(text, s, "div/#text[0]")], s, registry)
    assert second.missing_graphemes() == [("\U0001f355", None)]
    assert calls[0] == 0
    # Added fonts (the second pass after load_additional_asset) are fonts of another key.
    registry.add_fonts(default_fonts())
    assert second.reload().missing_graphemes() == [("\U0001f355", None)]
    assert calls[0] > 0


def test_missing_graphemes_keep_document_order_across_items() -> None:
    s = style()
    inner = style({"fontWeight": 700})
    a, b = fresh_text("\U0001f355 and \U0001f34d"), fresh_text("\U0001f34d then \U0001f352")
    items = [TextItem(a, s, "div/#text[0]"), BoxStart(inner, "div/span"),
             TextItem(b, inner, "div/span/#text[0]"), BoxEnd("div/span")]
    paragraph = Paragraph(items, s, FontRegistry(default_fonts()))
    expected = [("\U0001f355", None), ("\U0001f34d", None), ("\U0001f352", None)]
    assert paragraph.missing_graphemes() == expected
    assert paragraph.missing_graphemes() == expected  # the memo's answer, same order


def test_engines_are_shared_by_registries_of_the_same_fonts() -> None:
    s = style({"fontSize": 23})
    one = Paragraph([TextItem("a", s, "p")], s, FontRegistry(default_fonts()))
    registry = FontRegistry(default_fonts())
    two = Paragraph([TextItem("a", s, "p")], s, registry)
    assert one.engine_for(s, None) is two.engine_for(s, None)
    assert one.engine_for(s, "ja-JP") is not one.engine_for(s, None)
    registry.add_fonts(default_fonts())
    assert two.reload().engine_for(s, None) is not one.engine_for(s, None)


def test_text_is_split_once_per_text_and_white_space(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_calls(monkeypatch, processor, "split_by_break_opportunities")
    text = fresh_text("  two  spaces\nand a line  ")
    normal, pre = style(), style({"whiteSpace": "pre"})
    first = processor.preprocess(text, normal)
    assert calls[0] == 1
    assert processor.preprocess(text, normal) == first
    assert calls[0] == 1
    kept = processor.preprocess(text, pre)
    assert calls[0] == 2
    assert kept.content == text and first.content == " ".join(text.split())
    assert (kept.allow_soft_wrap, kept.collapse) == (False, False)
    # The line limit is not part of the memo: it follows the style asking.
    clamped = processor.preprocess(text, style({"display": "block", "lineClamp": 2}))
    assert (clamped.line_limit, first.line_limit) == (2, float("inf"))
    assert calls[0] == 2


def test_font_features_are_read_once_per_computed_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """compute_style reads them into the style's font_features; measuring and shaping take
    that tuple as it is, parsing no feature text."""
    kerning_off, ligatures, plain = style({"fontKerning": "none"}), style({"letterSpacing": 2}), style()
    read = count_calls(monkeypatch, computed, "font_feature_settings")
    parsed = count_calls(monkeypatch, engine_module, "parse_font_feature_settings")
    engine = FontRegistry(default_fonts()).engine(16)
    for s, features in ((kerning_off, (("kern", False),)), (ligatures, (("liga", False), ("clig", False))),
                        (plain, ())):
        made = measurer.measurer_for(engine, s, lambda s: False, False)
        assert made.features == features
        assert made.measure_text(fresh_text("office")) > 0
    assert (read[0], parsed[0]) == (0, 0)


def test_an_engine_checks_each_grapheme_against_its_fonts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = FontRegistry(default_fonts()).engine(16)
    calls = count_calls(monkeypatch, FaceData, "has_glyph")
    assert (engine.has("\u00e9"), engine.has("\u4e16")) == (True, False)
    assert calls[0] > 0
    calls[0] = 0
    # A new text of the same graphemes, as a server's next title: no font is asked again.
    assert (engine.has("\u00e9"), engine.has("\u4e16")) == (True, False)
    assert calls[0] == 0
    registry = FontRegistry(default_fonts())
    registry.add_fonts(default_fonts())
    assert registry.engine(16).has("\u00e9")  # another engine (other fonts) asks its own
    assert calls[0] > 0


def test_text_node_lines_are_broken_once_per_text_style_fonts_and_width(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_calls(monkeypatch, inline_text, "break_text_node")
    s = style({"fontSize": 20})
    text = fresh_text("A title long enough to wrap onto more lines")

    def paragraph(registry: FontRegistry, **kwargs: Any) -> Paragraph:
        return Paragraph([TextItem(text, s, "div/#text[0]")], s, registry, **kwargs)

    first = paragraph(FontRegistry(default_fonts()))
    size = first.measure(150)
    lines = [(line.y, line.height, line.baseline) for line in first.layout(150).lines]
    assert calls[0] > 0 and len(lines) > 2
    # The next render's paragraph (a new registry of the same fonts): the same lines, not broken again.
    calls[0] = 0
    registry = FontRegistry(default_fonts())
    second = paragraph(registry)
    assert second.measure(150) == size
    assert [(line.y, line.height, line.baseline) for line in second.layout(150).lines] == lines
    assert second.layout(150).drawings(0, 0)[0].paths == first.layout(150).drawings(0, 0)[0].paths
    assert calls[0] == 0
    # Its pieces too: the flow is the first render's, built once.
    flow = second.inline.text_node.flow if second.inline.text_node else None
    assert flow is not None and flow.built and flow is (first.inline.text_node.flow if first.inline.text_node else None)
    # Another width, other fonts, or a grapheme drawn as an image: broken again.
    assert second.measure(300) != size
    assert calls[0] == 1
    registry.add_fonts(default_fonts())
    assert second.reload().measure(150) == size
    assert calls[0] == 2
    imaged = paragraph(FontRegistry(default_fonts()), grapheme_images={"A": "data:image/png;base64,AA=="})
    imaged.measure(150)
    assert calls[0] == 3


def test_ch_ratios_are_measured_once_per_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_calls(monkeypatch, FontRegistry, "engine")
    family = (fresh_text("family"), "sans-serif")
    ratio = FontRegistry(default_fonts()).ch_ratio(family, 400, "normal")
    assert calls[0] == 1 and ratio is not None and 0.3 < ratio < 0.8
    # The next render's registry of the same fonts measures nothing.
    registry = FontRegistry(default_fonts())
    assert registry.ch_ratio(family, 400, "normal") == ratio
    assert calls[0] == 1
    # Other fonts, or another weight, are measured.
    registry.add_fonts(default_fonts())
    assert registry.ch_ratio(family, 400, "normal") == ratio
    assert calls[0] == 2
    registry.ch_ratio(family, 700, "normal")
    assert calls[0] == 3


def test_the_text_flows_kept_hold_a_few_megabytes_at_most() -> None:
    s = style({"fontSize": 14})
    registry = FontRegistry(default_fonts())
    inline_text._FLOWS.clear()

    def lay_out(text: str) -> None:
        Paragraph([TextItem(text, s, "div/#text[0]")], s, registry).layout(200)  # lines and pieces

    lay_out("warm " * 20)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(60):
            lay_out(f"{i} " + "lorem ipsum dolor " * 20)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    weight = inline_text._FLOWS._weight
    assert len(inline_text._FLOWS) >= 60  # each text's flow was kept
    # What the bound lets the memo hold, at this rate: a few megabytes.
    assert inline_text._FLOWS.max_weight * held / weight < 24 * 2 ** 20, held / weight


def test_text_node_drawings_are_drawn_once_per_text_position_width_and_images(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_calls(monkeypatch, inline_text_render.ArrangedText, "_render")
    s = style({"fontSize": 20})
    text = fresh_text("A title \U0001f355 long enough to wrap")

    def drawing(left: float = 0.0, width: float = 150, images: dict[str, str] | None = None) -> Any:
        paragraph = Paragraph([TextItem(text, s, "div/#text[0]")], s, FontRegistry(default_fonts()),
                              grapheme_images=images)
        paragraph.measure(width)
        return paragraph.layout(width).drawings(left, 0)[0]

    first = drawing()
    assert calls[0] == 1 and first.paths
    # The next render's paragraph draws nothing again: the drawing is the first one's, shared,
    # with the style of this render (the memo does not keep styles alive).
    again = drawing()
    assert again.paths is first.paths and again == first and again.style is s
    assert inline_text_render._DRAWINGS.get(inline_text_render._DRAWINGS.keys()[-1])[0].style is None
    assert calls[0] == 1
    # Another position, another width, another image of the same grapheme: drawn again.
    assert drawing(left=10.0).paths != first.paths
    assert drawing(width=300).paths != first.paths
    assert calls[0] == 3
    pizza = {"\U0001f355": "data:image/svg+xml,<svg/>"}
    assert drawing(images=pizza).elements[0].image == pizza["\U0001f355"]
    assert drawing(images={"\U0001f355": "data:image/svg+xml,<svg></svg>"}).elements[0].image.endswith("</svg>")
    assert calls[0] == 5


def test_a_text_node_drawing_kept_counts_its_glyph_points_again() -> None:
    s = style({"fontSize": 20})
    text = fresh_text("Glyph points")

    def draw() -> Any:
        paragraph = Paragraph([TextItem(text, s, "div/#text[0]")], s, FontRegistry(default_fonts()))
        paragraph.measure(300)
        return paragraph.layout(300).drawings(0, 0)[0]

    with limits.enforcing(Limits()) as budget:
        draw()
    points = budget.glyph_points
    assert points > 100
    with limits.enforcing(Limits()) as budget:
        draw()  # from the memo
    assert budget.glyph_points == points
    with pytest.raises(LimitError, match="max_glyph_points"), limits.enforcing(Limits(max_glyph_points=points - 1)):
        draw()


def test_a_kept_drawing_is_drawn_again_with_every_field() -> None:
    # The text memo draws a kept drawing again through TextDrawing.shared_with, which passes the
    # fields on one by one: a field added to TextDrawing and not passed would be dropped (its
    # default) from every warm render. Every field gets a value of its own here.
    values: dict[str, Any] = {name: object() for name in TextDrawing._fields}
    kept = TextDrawing(**values)
    style = object()
    again = kept.shared_with(style)  # type: ignore[arg-type]
    for name in TextDrawing._fields:
        expected = style if name == "style" else True if name == "shared" else values[name]
        assert getattr(again, name) is expected, name
