"""maskImage on an inline box (a span in text) masks its backgrounds and its text, as in a
browser; the reference masks the backgrounds only (its text refers to a mask it never writes).
The backgrounds against the real Satori: golden/cards/inline-span-mask-image-backgrounds."""
from __future__ import annotations

from typing import Any

import numpy as np

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
