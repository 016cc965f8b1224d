"""var() references, their fallbacks and the functions around them nest at most
``MAX_NESTING`` deep; past it the value is invalid at computed-value time, with a warning
on the node, like a value past the substitution budget.

Before: a chain of 5,000 custom properties (``--v0: var(--v1)`` ...), or 3,000 nested
fallbacks, ended in a RecursionError, which came out as "The input nests too deeply to be
rendered" without the node or the property.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import h, render_svg
from satori_py.style import valueparser as vp
from satori_py.style.variables import MAX_NESTING, resolve_variables
from tests.support.counting import count_calls

TOO_DEEP = f"div: The value's var() references and functions nest deeper than {MAX_NESTING}: it is invalid."


def _chain(n: int) -> dict[str, str]:
    return {**{f"--v{i}": f"var(--v{i + 1})" for i in range(n)}, f"--v{n}": "37px"}


@pytest.mark.parametrize("style", [
    {**_chain(5000), "width": "var(--v0)"},
    {"--a": "1px", "width": "var(--x, " * 3000 + "1px" + ")" * 3000},
    {"--a": "1px", "width": "calc(" * 3000 + "var(--a)" + ")" * 3000},
], ids=["chain", "fallbacks", "functions"])
def test_a_value_nested_too_deep_is_invalid_with_a_warning(style: dict[str, Any]) -> None:
    warnings: list[Exception] = []
    svg = render_svg(h("div", {"style": {"display": "flex", "height": 10, "backgroundColor": "red", **style}}),
                     width=100, height=20, on_warning=warnings.append)
    assert [str(w) for w in warnings] == [TOO_DEEP]
    assert 'width="100"' in svg  # the width is unset: the block fills the line


def test_a_chain_within_the_limit_resolves() -> None:
    warnings: list[str] = []
    assert resolve_variables("var(--v0)", _chain(MAX_NESTING - 1), warnings.append) == "37px"
    assert resolve_variables("var(--v0)", _chain(MAX_NESTING + 1), warnings.append) is None
    assert warnings == [TOO_DEEP.removeprefix("div: ")]


def test_stringify_gives_back_any_parsed_value_however_deep() -> None:
    for value in ("a b(c, d(e /*x*/ 'q') f) , g", "x(", 'f(a "b', "/* c", "f(" * 5000 + "x" + ")" * 5000):
        assert vp.stringify(vp.parse(value)) == value


def test_nested_fallbacks_are_refused_before_they_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: each level's fallback was written out and parsed again: 10,000 nested fallbacks
    # (90 KB) were parsed 128 times, 10 s and 850 MB, before the level limit stopped them.
    parses = count_calls(monkeypatch, vp, "parse")
    warnings: list[str] = []
    deep = "var(--x, " * 10_000 + "1px" + ")" * 10_000
    assert resolve_variables(deep, {}, warnings.append) is None
    assert resolve_variables(deep, {"--x": "2px"}, warnings.append) is None  # an unused fallback too
    assert (parses[0], warnings) == (0, [TOO_DEEP.removeprefix("div: ")] * 2)
    # At the limit, and parentheses in strings and comments, which do not nest anything:
    assert resolve_variables("var(--x, " * 128 + "1px" + ")" * 128, {}, warnings.append) == "1px"
    quoted = "var(--x, '" + "(" * 500 + "' /* " + "(" * 500 + " */)"
    assert resolve_variables(quoted, {}, warnings.append) == "'" + "(" * 500 + "' /* " + "(" * 500 + " */"
    assert len(warnings) == 2
