"""Alignment keywords as the layout engine gets them (checked with the reference's compute())."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.style import layout_alignment

from .conftest import style_of

@pytest.mark.parametrize(("style", "expected"), [
    ({}, (None, "stretch", None, None, None, None)),
    ({"display": "flex"}, (None, "stretch", None, "flex-start", None, None)),
    ({"display": "grid"}, (None, "stretch", None, None, None, None)),
    ({"display": "flex", "justifyContent": "left", "direction": "rtl"}, (None, "stretch", None, "end", None, None)),
    ({"display": "flex", "flexDirection": "column", "justifyContent": "left", "direction": "rtl"},
     (None, "stretch", None, "start", None, None)),
    ({"display": "grid", "justifyItems": "right", "justifySelf": "left", "direction": "rtl"},
     (None, "stretch", None, None, "start", "end")),
    ({"alignContent": "baseline", "alignItems": "self-end", "alignSelf": "auto"},
     ("flex-start", "end", None, None, None, None)),
    ({"alignItems": "normal", "alignSelf": "normal"}, (None, None, None, None, None, None)),
    ({"display": "flex", "justifyContent": "normal"}, (None, "stretch", None, None, None, None)),
    ({"display": "-webkit-box", "WebkitBoxOrient": "vertical", "WebkitLineClamp": 2},
     (None, "stretch", None, None, None, None)),
    ({"justifyItems": "legacy", "placeItems": "end"}, (None, "end", None, None, "end", None)),
])
def test_layout_alignment(style: dict[str, Any], expected: tuple[Any, ...]) -> None:
    assert layout_alignment(style_of(style)) == expected
