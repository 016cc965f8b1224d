"""frozen_bases: a row sized by its content keeps its max-content flex basis when an item in it is frozen.

The expected boxes are the real Satori's for the same trees (each item has a background, read
from its SVG); golden parity/row-keeps-its-flex-basis-when-its-label-is-frozen is the first.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.layout import flex_fit, taffy
from tests.support.counting import count_calls

from .support import boxes, d


def _card(first: str, label: str = "v2.4 beta") -> dict[str, Any]:
    # A row of a short text and a row (sized by its content) of a label and a long text: the
    # label shrinks to its min-content width (its longest word) and is frozen there.
    text = "Release notes for the new layout engine, faster builds, smaller bundles and a redesigned dashboard" \
           " for every team"
    return d({"display": "flex", "width": "100%", "height": "100%", "alignItems": "center", "padding": 40,
              "fontSize": 22},
             d({"fontSize": 30}, first, t="span"),
             d({"display": "flex"},
               d({"fontSize": 26}, label, t="span"),
               d({}, text, t="span")))


def test_a_row_keeps_its_max_content_basis_when_its_label_is_frozen() -> None:
    laid = boxes(_card("Hi to all of us at a b c"), 600, 300)
    # The inner row's flex basis is its max-content width, with the label on one line (112 px):
    # the short text shrinks to 111 px, as in the real Satori. With the label's frozen width
    # (58 px) counted instead, it got 115 and the long text 4 px less (427), one word fewer a line.
    assert laid["div/span[0]"] == (40, 132, 111, 117)
    assert laid["div/div[1]"] == (151, 147, 489, 87)
    assert laid["div/div[1]/span[0]"] == (151, 147, 58, 87)
    assert laid["div/div[1]/span[1]"] == (209, 147, 431, 87)


def _runs(card: dict[str, Any], monkeypatch: pytest.MonkeyPatch, kept: bool) -> int:
    """How many Taffy computations ``card`` takes (``kept``: with frozen_bases)."""
    with monkeypatch.context() as patched:
        if not kept:
            patched.setattr(flex_fit, "keep_frozen_bases", lambda *args: False)
        runs = count_calls(patched, taffy, "_run_taffy")
        boxes(card, 600, 300)
    return runs[0]


def test_only_a_label_narrower_frozen_than_at_max_content_is_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two words: its max-content width (one Taffy computation) and its row's unfrozen one (one more).
    card = _card("Hi to all of us at a b c")
    assert _runs(card, monkeypatch, kept=True) == _runs(card, monkeypatch, kept=False) + 2
    # One word: as wide at max-content as frozen, nothing is measured.
    one_word = _card("Hi to all of us at a b c", label="v2.4beta")
    assert boxes(one_word, 600, 300)["div/div[1]/span[0]"][2] > 58
    assert _runs(one_word, monkeypatch, kept=True) == _runs(one_word, monkeypatch, kept=False)


def test_a_percentage_row_counts_its_content_in_its_row_but_keeps_its_percentage() -> None:
    # box17's nested-family case: a row sized by its content holding a 40 % row of a fixed
    # 116 px box and a text frozen at its longest word (95). The outer row is as wide as the
    # 40 % row's content at max-content (116 + the text on one line: 413), the 40 % row 40 %
    # of that (165), its items overflowing it: the real Satori's boxes. 562b4b4 gave 211 and 84.
    card = d({"display": "flex", "padding": 48, "alignItems": "flex-start"},
             d({"display": "flex"},
               d({"display": "flex", "width": "40%", "height": 100},
                 d({"width": 116, "height": 50, "flexShrink": 0}),
                 d({}, "pricing release components starter team"))))
    laid = boxes(card, 1200, 300)
    assert laid["div/div[0]"] == (48, 48, 413, 100)
    assert laid["div/div[0]/div[0]"] == (48, 48, 165, 100)
    assert laid["div/div[0]/div[0]/div[1]"] == (164, 48, 95, 100)


def test_a_box_with_a_px_width_frozen_there_changes_no_basis() -> None:
    # A rating row's half star: a 24 px box holding a 30 px icon is frozen at 24 px, its max-content
    # contribution (its own width, not its icon's), so the column holding it keeps its basis. Measuring
    # the icon's 30 px instead set the column a basis Taffy laid its text out under at two lines: the
    # column was 72 px high, 51 in the real Satori (cards18's rating card, 17 % of ink).
    star = d({"display": "flex", "width": 24}, d({}, t="svg", width=30, height=30, viewBox="0 0 24 24"))
    card = d({"display": "flex", "alignItems": "flex-end"},
             d({}, "8", t="span"),
             d({"display": "flex", "flexDirection": "column"}, d({"display": "flex"}, star), d({}, "y no", t="span")))
    laid = boxes(card, 175, 100)
    assert laid["div"] == (0, 0, 175, 51)
    assert laid["div/span[0]"] == (0, 30, 10, 21)
    assert laid["div/div[1]"] == (10, 0, 31, 51)
    assert laid["div/div[1]/div[0]/div[0]"] == (10, 0, 24, 30)
    assert laid["div/div[1]/span[1]"] == (10, 30, 31, 21)
