"""Text costs what it shows: layout linear in its length, nothing drawn outside the image.

1 MB of text in one div took 40 s and 2.3 GB, 6 MB never finished: placing
lines looked up each line's first piece among all pieces, and breaking a word
into graphemes spliced them into the list of words. The work is counted here
in executed lines of Python (a bound on work, not a timing).
"""
from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from satori_py import h, render_png, render_svg


def executed_lines(render: Callable[[], Any]) -> int:
    """How many lines of Python ``render`` executes, in every thread (Taffy runs in its own)."""
    count = 0

    def line(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame: Any, event: str, arg: Any) -> Any:
        return line

    threading.settrace(call)
    sys.settrace(call)
    try:
        render()
    finally:
        sys.settrace(None)
        threading.settrace(None)  # type: ignore[arg-type]
    return count


@pytest.mark.parametrize(("display", "unit"), [("flex", "word "), ("block", "a")])
def test_text_layout_is_linear_in_the_length_of_the_text(display: str, unit: str) -> None:
    def work(length: int) -> int:
        element = h("div", {"style": {"display": display, "width": 100, "wordBreak": "break-all"}},
                    unit * (length // len(unit)))
        render_svg(element, width=100, height=100)  # the caches are warm for both sizes alike
        return executed_lines(lambda: render_svg(element, width=100, height=100))

    # Quadratic steps made this ratio 5 to 6.
    assert work(4000) < 4.4 * work(1000)


def test_text_outside_the_image_is_not_drawn() -> None:
    words = "word " * 4000  # some 600 lines in a 100 px wide column
    small = render_svg(h("div", {"style": {"width": 100}}, words), width=100, height=100)
    tall = render_svg(h("div", {"style": {"width": 100}}, words), width=100, height=10000)
    assert len(small) < len(tall) / 50
    # The same pixels where the small image has any.
    crop = Image.open(io.BytesIO(render_png(h("div", {"style": {"width": 100}}, words), width=100, height=10000)))
    assert Image.open(io.BytesIO(render_png(h("div", {"style": {"width": 100}}, words), width=100,
                                            height=100))).tobytes() == crop.crop((0, 0, 100, 100)).tobytes()


def test_text_a_transform_brings_into_the_image_is_drawn() -> None:
    words = h("div", {"style": {"width": 100, "transform": "translateY(-3000px)"}}, "word " * 4000)
    pixels = Image.open(io.BytesIO(render_png(words, width=100, height=100))).getchannel("A").getextrema()
    assert pixels[1] > 0  # lines from 3000 px down are drawn at the top


def test_text_a_shadow_can_bring_into_the_image_is_drawn() -> None:
    def svg(shadow: str) -> str:
        below = h("div", {"style": {"display": "flex", "paddingTop": 130, "fontSize": 10, "textShadow": shadow}},
                  "word")
        return render_svg(below, width=100, height=100)

    assert "<path" not in svg("0 0 0 red")  # 30 px below the image, more than 2 em of ink
    assert "<path" in svg("0 -40px 0 red")  # its shadow reaches into the image


def test_a_run_longer_than_harfbuzz_takes_is_shaped_in_pieces() -> None:
    # 1 MB without a break point raised MemoryError: HarfBuzz gives up on some 600,000 characters.
    from satori_py.assets import DEFAULT_FONT_PATH
    from satori_py.text.shaping import MAX_RUN, HbFont, shape

    font = HbFont(open(DEFAULT_FONT_PATH, "rb").read())
    glyphs = shape(font, "x" * 700_000)
    assert [g.cluster for g in glyphs] == list(range(700_000))
    # Kerning stops at the ends of pieces (of 100,000 characters): a 0.04 em difference each.
    assert [i for i, g in enumerate(glyphs) if g.x_advance != glyphs[0].x_advance] == [
        i * MAX_RUN - 1 for i in range(1, 8)]
    rtl = shape(font, "ab" * MAX_RUN, direction="rtl")
    assert [g.cluster for g in rtl] == list(range(2 * MAX_RUN - 1, -1, -1))  # visual order
    # A piece never ends inside a grapheme: the marks stay with their base.
    marked = shape(font, "x" * (MAX_RUN - 1) + "e\u0301\u0301y")
    assert [g.cluster for g in marked[-3:]] == [MAX_RUN - 1, MAX_RUN - 1, MAX_RUN + 2]  # é, a mark, y


def test_a_wavy_line_is_one_quadratic_curve_per_half_period() -> None:
    # Its parts are joined once: added to a string one by one, they were copied again and again
    # (20,000 underlined characters took 8.6 s of CPU; C-level copies, not counted in lines of Python).
    from satori_py.paint.text import _wavy

    assert _wavy(0, 10, 5, 1) == "M0 5 q1 -2 2 0 q1 2 2 0 q1 -2 2 0 q1 2 2 0 q1 -2 2 0"
    assert _wavy(0.5, 7, 3, 2) == "M0.5 3 q2 -4 4 0 q1.25 4 2.5 0"
    assert _wavy(0, 40_000, 0, 1).count("q") == 20_000
