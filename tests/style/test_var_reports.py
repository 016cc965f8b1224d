"""What is said of a declaration's var() names the declaration's property (``prop``), as every
other report of a value does: a caller (or an oracle) places it on the node and the property.
Before, the var() warnings (a circular reference, nesting or substitutions past their limits,
a value too long once substituted) came with ``prop=None``."""
from __future__ import annotations

import pytest

from satori_py import h, render_svg
from satori_py.errors import StyleError
from satori_py.style.variables import MAX_NESTING


@pytest.mark.parametrize(("style", "prop", "message"), [
    ({"--x": "var(--x)", "width": "var(--x)"}, "width", "Circular reference detected for CSS variable: --x"),
    ({"--x": "var(--x)", "color": "var(--x)"}, "color", "Circular reference detected for CSS variable: --x"),
    ({"--x": "var(--x)", "border": "var(--x) solid red"}, "border",
     "Circular reference detected for CSS variable: --x"),
    ({"--a": "1px", "width": "var(--y, " * 3000 + "1px" + ")" * 3000}, "width",
     f"The value's var() references and functions nest deeper than {MAX_NESTING}: it is invalid."),
], ids=["width", "color", "shorthand", "nesting"])
def test_a_var_warning_names_its_property(style: dict[str, str], prop: str, message: str) -> None:
    warnings: list[Exception] = []
    render_svg(h("div", {"style": {"display": "flex", **style}}, "a"), width=100, height=20,
               on_warning=warnings.append)
    said = [w for w in warnings if isinstance(w, StyleError) and w.message == message]
    assert [(w.prop, w.path) for w in said] == [(prop, "div")]
    assert str(said[0]) == f"div: {message}"  # the text is as it was
