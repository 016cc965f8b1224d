"""A style's inherited values (what its children inherit: :meth:`ComputedStyle.inherited`) are
its values of the inherited properties and its custom properties, whichever way they are picked
(one getter for most styles, a loop for the others)."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.style.computed import ComputedStyle, compute_style, root_style
from satori_py.style.properties import INHERITED


def _picked_by_a_loop(style: ComputedStyle) -> dict[str, Any]:
    return {k: v for k, v in style.items() if k in INHERITED or k.startswith("--")}


@pytest.mark.parametrize("inline", [
    {"display": "flex", "color": "red", "fontSize": 20},
    {"--accent": "blue", "color": "var(--accent)"},
    {"fontVariantCaps": "small-caps", "fontKerning": "none"},
    {"textShadow": "1px 1px red"},
    {},
], ids=["plain", "custom", "font-variant", "text-shadow", "nothing"])
def test_the_inherited_values_are_those_a_loop_picks(inline: dict[str, Any]) -> None:
    parent = compute_style("div", {"style": {"--outer": "1px", "fontVariantNumeric": "tabular-nums"}},
                           root_style(width=100, height=100), viewport=(100, 100))
    for base in (root_style(width=100, height=100), parent):
        style = compute_style("div", {"style": inline}, base, viewport=(100, 100))
        assert dict(style.inherited()) == _picked_by_a_loop(style)
        child = compute_style("span", {"style": {}}, style, viewport=(100, 100))
        assert dict(child.inherited()) == _picked_by_a_loop(child)
        assert {k: child[k] for k in child if k.startswith("--")} == {
            k: v for k, v in style.inherited().items() if k.startswith("--")}


def test_a_partial_mapping_has_the_values_it_holds() -> None:
    style = ComputedStyle({"color": "red", "--x": "1", "width": 3})
    assert dict(style.inherited()) == {"color": "red", "--x": "1"}
