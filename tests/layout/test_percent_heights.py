"""Percentage heights of the children of block-container flex items.

Taffy 0.7 lays every flex item out at its final size as a known size, and its
block layout resolves the children's percentage heights against it; the
reference's Taffy takes them as ``auto`` when the item's height is indefinite.
Expected boxes are the real Satori 0.63.2's (``satori-ref/boxes.mjs``): (top, height).
"""
from __future__ import annotations

from typing import Any

import pytest

from .support import boxes, d

_ITEM = "div/div[0]"
_KID = "div/div[0]/div[0]"


def _item(display: str, **extra: Any) -> dict[str, Any]:
    kid = d({"display": "flex", "height": "100%", "padding": "1px 0"}, "Text")
    return d({"display": display, "border": "1px solid", **extra}, kid)


_COL = {"display": "flex", "flexDirection": "column", "alignItems": "flex-start", "fontSize": 14}
_TALL = d({"height": 40, "width": 10})


@pytest.mark.parametrize(("root", "item", "kid"), [
    # indefinite: auto
    (d(_COL, _item("block")), (0, 22), (1, 20)),
    (d({**_COL, "alignItems": "stretch"}, _item("block")), (0, 22), (1, 20)),
    (d(_COL, _item("block", boxSizing="border-box")), (0, 22), (1, 20)),
    (d(_COL, _item("block", minHeight=40)), (0, 42), (1, 20)),
    (d({"display": "flex", "alignItems": "flex-start", "fontSize": 14}, _item("block"), _TALL), (0, 22), (1, 20)),
    (d({"display": "block", "fontSize": 14}, _item("block")), (0, 22), (1, 20)),
    # definite: stretched in a row, flexed in a definite column, or its own height
    (d({"display": "flex", "height": 50, "fontSize": 14}, _item("block")), (0, 50), (1, 50)),
    (d({"display": "flex", "fontSize": 14}, _item("block"), _TALL), (0, 40), (1, 40)),
    (d({**_COL, "alignItems": "stretch", "height": 100}, _item("block", flexGrow=1)), (0, 100), (1, 100)),
    (d({**_COL, "height": 100}, _item("block")), (0, 22), (1, 22)),
    (d(_COL, _item("block", height=30)), (0, 32), (1, 32)),
    # flex items that are flex containers keep Taffy's behaviour, which the reference shares
    (d(_COL, _item("flex")), (0, 22), (1, 22)),
    (d(_COL, _item("flex", flexDirection="column")), (0, 22), (1, 20)),
])
def test_percentage_heights_in_block_flex_items(root: dict[str, Any], item: tuple[int, int],
                                                kid: tuple[int, int]) -> None:
    got = boxes(root, 300, 200)
    assert (got[_ITEM][1], got[_ITEM][3]) == item
    assert (got[_KID][1], got[_KID][3]) == kid


def test_in_a_nested_column_of_content_height() -> None:
    inner = d({"display": "flex", "flexDirection": "column", "alignItems": "flex-start"}, _item("block"))
    got = boxes(d({"display": "flex", "flexDirection": "column", "fontSize": 14}, inner), 300, 200)
    assert got["div/div[0]/div[0]/div[0]"][3] == 20
