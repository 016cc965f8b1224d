""""Did you mean" is looked for once per distinct misspelt name and for a bounded number of
names per render; every unknown property is still reported.

Before: each unknown property compared its name with every supported one in difflib,
some 0.3 ms each (100,000 unknown properties on one element: 30 s).
"""
from __future__ import annotations

import difflib
from typing import Any

import pytest

from satori_py import Limits, h, render_svg
from satori_py.diagnostics import _CLOSEST, did_you_mean
from satori_py.limits import Budget
from satori_py.style.supported import SUPPORTED


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many names each search of difflib compared."""
    _CLOSEST.clear()
    sizes: list[int] = []
    search = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        sizes.append(len(possibilities))
        return search(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return sizes


def _reports(element: Any) -> list[str]:
    warnings: list[Exception] = []
    # (max_reports raised: the test counts them all)
    render_svg(element, width=20, height=20, emoji=None, on_warning=warnings.append,
               limits=Limits(max_reports=10_000))
    return [str(w) for w in warnings]


def test_many_unknown_properties_are_all_reported_with_bounded_searches(compared: list[int]) -> None:
    style = {"colr": "red", **{f"k{i}": 1 for i in range(3000)}, "bakgroundColor": "red"}
    reports = _reports(h("div", {"style": style}, "x"))
    assert len(reports) == 3002
    assert reports[0] == 'div: CSS property "colr" is not supported. Did you mean "color"?'
    assert reports[1] == 'div: CSS property "k0" is not supported.'
    # Past the render's searches, a name is reported without one.
    assert reports[-1] == 'div: CSS property "bakgroundColor" is not supported.'
    assert len(compared) == Budget.MAX_SUGGESTIONS
    assert sum(compared) < Budget.MAX_SUGGESTIONS * len(SUPPORTED) / 2  # names of a length that can be close


def test_a_misspelling_repeated_on_every_node_is_searched_once(compared: list[int]) -> None:
    card = h("div", {}, *[h("div", {"style": {"bakgroundColor": "red", "height": i}}) for i in range(300)])
    reports = _reports(card)
    assert reports[0] == 'div/div[0]: CSS property "bakgroundColor" is not supported. Did you mean "backgroundColor"?'
    assert len(compared) == 1


def test_the_suggestion_is_difflibs_closest_name() -> None:
    _CLOSEST.clear()
    assert did_you_mean("bordrRadius", SUPPORTED) == ' Did you mean "borderRadius"?'
    assert did_you_mean("WEBKITLINECLAMP", SUPPORTED) == ' Did you mean "WebkitLineClamp"?'
    assert did_you_mean("zz", SUPPORTED) == ""
    assert did_you_mean("x" * 100_000, SUPPORTED) == ""
