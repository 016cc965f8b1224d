"""Absolute, fixed, sticky and relative boxes, where the reference puts them."""
from __future__ import annotations

from .support import boxes, d


def test_containing_blocks_and_static_positions() -> None:
    el = d({"display": "flex", "flexDirection": "column", "width": 300, "height": 300, "padding": 10},
           d({"height": 50, "margin": 10},
             d({"position": "fixed", "right": 5, "bottom": 5, "width": 20, "height": 20}),
             d({"position": "absolute", "left": 5, "top": 5, "width": 20, "height": 20}),
             # No insets: it stays where it would be in its parent.
             d({"position": "fixed", "width": 30, "height": 10, "marginLeft": 3})),
           d({"transform": "translateX(10px)", "height": 60, "margin": 20},
             d({"position": "absolute", "right": 0, "bottom": 0, "width": 20, "height": 20}),
             # A transformed ancestor is the containing block of fixed descendants.
             d({"position": "fixed", "left": 0, "top": 0, "width": "50%", "height": 10})),
           d({"position": "relative", "top": 7, "left": -3, "height": 10}))
    b = boxes(el, 300, 300)
    assert b["div/div[0]/div[0]"] == (275, 275, 20, 20)
    assert b["div/div[0]/div[1]"] == (5, 5, 20, 20)
    assert b["div/div[0]/div[2]"] == (23, 20, 30, 10)
    assert b["div/div[1]/div[0]"] == (270, 140, 20, 20)
    assert b["div/div[1]/div[1]"] == (30, 100, 130, 10)
    assert b["div/div[2]"] == (7, 187, 300, 10)


def test_absolute_percentages_are_of_the_containing_blocks_padding_box() -> None:
    el = d({"height": "100%", "width": "100%", "display": "flex", "padding": 10},
           d({"position": "absolute", "height": "25%", "width": "25%"}))
    b = boxes(el, 100, 100)
    assert b["div/div[0]"] == (10, 10, 25, 25)


def test_sticky_moves_into_its_scrollport_within_its_parent() -> None:
    el = d({"height": 200},
           d({"overflow": "hidden", "height": 100},
             d({"height": 30}),
             d({"position": "sticky", "bottom": 10, "top": 50, "height": 10}),
             d({"height": 100})))
    b = boxes(el, 100, 200)
    # Its top may not be above 50px in the scrollport: moved down from 30.
    assert b["div/div[0]/div[1]"][1] == 50
