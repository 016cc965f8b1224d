"""maskImage and clipPath on an inline box (a span in text).

maskImage masks its backgrounds and its text, as in a browser; the reference masks the
backgrounds only (its text refers to a mask it never writes). The backgrounds against the
real Satori: golden/cards/inline-span-mask-image-backgrounds. clipPath clips the span as a
browser does; the reference ignores it there."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from satori_py import h, render_png
from tests.support import imgdiff

RED, BLUE = np.array([255, 0, 0]), np.array([0, 0, 255])


def _picture(mask: str | None, text: str = "MMMMMMMM") -> Any:
    span_style: dict[str, Any] = {"color": "#f00", "backgroundColor": "#00f"}
    if mask is not None:
        span_style["maskImage"] = mask
    el = h("div", {"style": {"display": "block", "width": 400, "height": 100, "backgroundColor": "#fff",
                             "fontSize": 40, "color": "#000"}},
           h("span", {"style": span_style}, text), " after")
    rgba = imgdiff.load(render_png(el, width=400, height=100))
    return rgba[..., :3].astype(int)


def _count(picture: Any, colour: Any, columns: slice = slice(None)) -> int:
    return int((np.abs(picture[:, columns] - colour).max(axis=-1) < 60).sum())


def test_a_transparent_mask_hides_the_span_and_its_text_but_not_the_text_after_it() -> None:
    plain, hidden = _picture(None), _picture("linear-gradient(transparent, transparent)")
    assert _count(plain, RED) > 100 and _count(plain, BLUE) > 1000
    assert _count(hidden, RED) == 0 and _count(hidden, BLUE) == 0
    # " after" is outside the span: drawn alike.
    black = (hidden.max(axis=-1) < 60)
    assert black.sum() > 100 and (black == (plain.max(axis=-1) < 60)).all()


def test_an_opaque_mask_changes_nothing_but_the_fractional_edge_it_antialiases_again() -> None:
    # The mask is the fragment's box (as the reference's on its backgrounds): on a fractional
    # bottom edge that row's coverage is taken twice.
    diff = np.abs(_picture("linear-gradient(black, black)") - _picture(None)).max(axis=-1)
    assert len(set(np.nonzero(diff)[0])) <= 1


def test_a_fading_mask_fades_the_text_with_its_background() -> None:
    faded = _picture("linear-gradient(to right, black, transparent)")
    plain = _picture(None)
    width = int((np.abs(plain - BLUE).max(axis=-1) < 60).any(axis=0).sum())  # the span's width
    left, right = slice(0, width // 4), slice(width * 3 // 4, width)
    # Red text on a blue ground: where the mask is near 0 both fade to white alike.
    assert _count(faded, RED, left) > 0.5 * _count(plain, RED, left)
    assert _count(faded, RED, right) == 0 and _count(faded, BLUE, right) == 0


def _clipped(clip: str | None, text: str = "MMMMMMMM", width: int = 400) -> Any:
    # Lines 80 px apart: a fragment's box (its font's ascent and descent) is shorter.
    span_style: dict[str, Any] = {"color": "#f00", "backgroundColor": "#00f"}
    if clip is not None:
        span_style["clipPath"] = clip
    el = h("div", {"style": {"display": "block", "width": width, "height": 160, "backgroundColor": "#fff",
                             "fontSize": 40, "lineHeight": 2, "color": "#000"}},
           h("span", {"style": span_style}, text), " after")
    return imgdiff.load(render_png(el, width=400, height=160))[..., :3].astype(int)


def test_clip_path_clips_the_span_its_text_and_not_what_follows() -> None:
    # clipPath on an inline box clips it as a browser does (Satori ignores it there).
    plain, half = _clipped(None), _clipped("inset(0 0 50% 0)")
    blue_rows = np.nonzero((np.abs(plain - BLUE).max(axis=-1) < 60).any(axis=1))[0]
    top, bottom = int(blue_rows.min()), int(blue_rows.max()) + 1
    middle = (top + bottom) // 2
    # The upper half is untouched, the lower half gone: no blue ground nor red text below it.
    assert (half[top:middle - 1] == plain[top:middle - 1]).all()
    assert _count(half[middle + 1:], BLUE) == 0 and _count(half[middle + 1:], RED) == 0
    assert _count(plain[middle + 1:], BLUE) > 1000 and _count(plain[middle + 1:], RED) > 50
    # " after" is outside the span: drawn alike.
    black = half.max(axis=-1) < 60
    assert black.sum() > 100 and (black == (plain.max(axis=-1) < 60)).all()


def test_clip_path_on_a_wrapped_span_clips_each_line_in_its_own_box() -> None:
    # Two lines of 4 Ms: inset(0 50% 0 0) keeps the left half of each line's fragment; a shape
    # larger than a fragment does not uncover the other line.
    plain, left = _clipped(None, "MMMM MMMM", 200), _clipped("inset(0 50% 0 0)", "MMMM MMMM", 200)
    blue = np.abs(plain - BLUE).max(axis=-1) < 60
    rows_with_blue = np.nonzero(blue.any(axis=1))[0]
    lines = np.split(rows_with_blue, np.nonzero(np.diff(rows_with_blue) > 1)[0] + 1)
    assert len(lines) == 2
    for rows in lines:
        cols = np.nonzero(blue[rows].any(axis=0))[0]
        half = int((cols.min() + cols.max() + 1) // 2)
        kept = left[rows.min():rows.max() + 1]
        assert _count(kept[:, half + 1:], BLUE) == 0 and _count(kept[:, half + 1:], RED) == 0
        assert _count(kept[:, :half - 1], BLUE) > 200
    # A shape over all of both: nothing changes but the fragments' fractional top and bottom
    # rows, antialiased again (as by an opaque mask).
    everything = _clipped("circle(200%)", "MMMM MMMM", 200)
    assert len(set(np.nonzero(np.abs(everything - plain).max(axis=-1) > 2)[0])) <= 4


def test_a_clip_path_written_on_every_line_is_bounded() -> None:
    # Each line's fragment gets its copy of the shape: a long polygon on a span over hundreds
    # of lines wrote 46 MB of SVG in 27 s; over max_css_length characters in all it is refused.
    from satori_py import Limits, render_svg
    from satori_py.errors import LimitError

    points = ", ".join(f"{i % 100}% {i * 7 % 100}%" for i in range(200))
    el = h("div", {"style": {"display": "block", "width": 200, "fontSize": 10}},
           h("span", {"style": {"clipPath": f"polygon({points})"}}, "word " * 400))
    assert "cpi-" in render_svg(el, width=200, height=200)  # under the default limit
    with pytest.raises(LimitError) as raised:
        render_svg(el, width=200, height=200, limits=Limits(max_css_length=50_000))
    error = raised.value
    assert (error.path, error.prop, error.limit) == ("div/span[0]", "clipPath", "max_css_length")
    assert str(error).startswith("div/span[0]: The clipPath of an inline box, drawn on each of its ")
