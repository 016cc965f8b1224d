"""inset_fit.cap_stretching: padded flex columns stretched in a row of content height.

Taffy 0.7 measures such a column with each item's content height at least the column's
vertical padding and border; the row is capped at its tallest column as the reference
measures it (its items' content heights, golden parity/stretched-columns-...). An item's
content height is its box from the pass where that box is it (not grown, no limits): no
Taffy layout. These tests check that shortcut gives the boxes the measurements give, and
count the layouts.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.layout import engine, inset_fit, taffy

from .support import Rect, boxes, d


def _tile(*kids: dict[str, Any], **style: Any) -> dict[str, Any]:
    return d({"display": "flex", "flexDirection": "column", "padding": "14px 20px", **style}, *kids)


def _card(grow: bool, margin: int = 0, align: str = "stretch") -> dict[str, Any]:
    # Each tile holds an 8px bar (less than its 28px vertical padding: Taffy 0.7 inflates it).
    bar = {"height": "auto", "display": "flex", "marginLeft": margin}
    return d({"display": "flex", "flexDirection": "column", "width": 500, "fontSize": 18},
             d({"display": "flex", "gap": 12},
               _tile(d({"fontSize": 30}, "48.2k"), d(bar, d({"height": 8, "width": 40})), alignItems=align),
               _tile(d({}, "Followers and a longer label that wraps over lines"),
                     d({"flexGrow": 1} if grow else {}, "x"), alignItems=align),
               _tile(d(bar, d({"height": 8, "width": 30}))),
               ))


def _laid_out(card: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Rect], list[str | None]]:
    """``card``'s boxes, and the node paths of the subtrees laid out alone (measurements: the
    passes lay out the root)."""
    roots: list[Any] = []
    compute = taffy.compute_layout

    def recorded(root: Any, **kwargs: Any) -> None:
        roots.append(root)
        compute(root, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(engine, "compute_layout", recorded)
        laid = boxes(card, 500)
    return laid, [root.path for root in roots if root is not roots[0]]


@pytest.mark.parametrize("grow", [False, True])
@pytest.mark.parametrize("margin", [0, 6])
@pytest.mark.parametrize("align", ["stretch", "center"])
def test_item_boxes_stand_for_their_measurements(monkeypatch: pytest.MonkeyPatch, grow: bool, margin: int,
                                                 align: str) -> None:
    card = _card(grow, margin, align)
    shortcut, shortcut_measured = _laid_out(card, monkeypatch)
    monkeypatch.setattr(inset_fit, "_content_box", lambda *args: None)  # every item measured
    measured, all_measured = _laid_out(card, monkeypatch)
    assert shortcut == measured
    # The row is as tall as its tallest tile uninflated, as in the real Satori: the label's 2
    # lines (23px each), x and the padding (Taffy 0.7 alone: 102, x counted as 28px).
    assert shortcut["div/div[0]"][3] == 2 * 23 + 23 + 28
    # Only the growing x is measured (in each pass, as its tile is inflated), else nothing.
    assert set(shortcut_measured) == ({"div/div[0]/div[1]/div[1]"} if grow else set())
    assert set(all_measured) > {"div/div[0]/div[0]/div[0]", "div/div[0]/div[0]/div[1]", "div/div[0]/div[2]/div[0]"}


def test_a_px_item_counts_its_own_size_in_an_inflated_column(monkeypatch: pytest.MonkeyPatch) -> None:
    # A padded column stretched in a row of content height, an empty block (inflated by Taffy
    # 0.7) above an overflow-hidden row 18px high (56.25% of 32px) and a 32px avatar: the row is
    # capped at the column as the reference measures it, with the avatar at its 32px (its
    # content, nothing, counted 0 before: the row was 42px, the overflow-hidden row shrank to 0
    # and the avatar moved up 18px). From a tweet card's media grid (idol-bbq-utils).
    card = d({"display": "flex"},
             d({"display": "flex", "flexDirection": "column", "paddingBottom": 24},
               d({}),
               d({"display": "flex", "overflow": "hidden"}, d({"paddingTop": "56.25%"})),
               d({"width": 32, "height": 32, "flexShrink": 0})))
    laid, measured = _laid_out(card, monkeypatch)
    assert laid["div"] == (0, 0, 500, 74)
    assert laid["div/div[0]/div[1]"] == (0, 0, 32, 18)
    assert laid["div/div[0]/div[2]"] == (0, 18, 32, 32)
    assert "div/div[0]/div[2]" not in measured  # its size is its style's: not laid out alone


@pytest.mark.parametrize("align", ["stretch", "flex-start"])
def test_a_growing_item_of_a_px_size_is_not_inflated(monkeypatch: pytest.MonkeyPatch, align: str) -> None:
    # A reply card's avatar column: a 56px avatar over an 8px thread line that may grow
    # (flexGrow: 1, no maximum), padded 24px at the bottom. Taffy 0.7 measures the line's
    # content (nothing) at least as tall as that padding (24px: the column 104px); the
    # reference takes its 8px and its margin (92px), stretched in its row or not.
    card = d({"display": "flex", "alignItems": align},
             d({"display": "flex", "flexDirection": "column", "paddingBottom": 24},
               d({"width": 56, "height": 56}),
               d({"flexGrow": 1, "width": 2, "height": 8, "marginTop": 4})),
             d({"height": 58, "width": 100}))
    laid, _ = _laid_out(card, monkeypatch)
    assert laid["div"][3] == laid["div/div[0]"][3] == 92
    assert laid["div/div[0]/div[1]"] == (0, 60, 2, 8)


def test_padded_centred_column_is_as_tall_as_its_fitted_row() -> None:
    # Satori's rects (cards16's weather-week strangers 4): the column measures its row fitted
    # in its 266px room (two lines, 58px), not at its max-content width (one line, 29px).
    el = d({"display": "flex"},
           d({"display": "flex", "flexDirection": "column", "flex": 1, "alignItems": "center", "padding": 16,
              "border": "1px solid black"},
             d({"display": "flex", "fontSize": 22}, d({}, "abcdefghij klm: 7 % / 52 m²", t="span"))))
    b = boxes(el, 300, 157)
    assert b["div"] == (0, 0, 300, 92)
    assert b["div/div[0]/div[0]"] == (17, 17, 266, 58)


def test_a_growing_block_of_a_px_height_overflowed_by_its_text_keeps_that_height() -> None:
    # A `grow h-8` text block whose text takes 2 lines (42 px) in a column sized by its content:
    # the reference's column counts its 32 px height, the text overflows it. Taffy 0.7 measured
    # the block's content height there, and the block grew into it (Tailwind seed 17, card 20).
    el = d({"display": "block"},
           d({"display": "flex", "flexDirection": "column"},
             d({"flexGrow": 1, "maxWidth": 80, "height": 32}, "with with every"),
             d({}, "next")))
    b = boxes(el, 1200, 630)
    assert b["div/div[0]"] == (0, 0, 1200, 53)
    assert b["div/div[0]/div[0]"] == (0, 0, 80, 32)
    assert b["div/div[0]/div[1]"] == (0, 32, 1200, 21)
