"""A render keeps at most ``limits.max_reports`` reports; the others are counted and said once.

A stranger can make one render report without bound: 960 kB of markup made 160,000 warnings
of bogus comments, and each unknown property of each of 100,000 nodes is one too, every one
kept until the render ends and logged. Now the first ``max_reports`` (1,000) are delivered as
before, then one ``LimitError`` report says how many more were left out; strict mode raises
the first, as always.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import Limits, render_svg
from satori_py.diagnostics import Diagnostics
from satori_py.errors import LimitError, SatoriError, UnsupportedPropertyError


def _unknown(count: int) -> dict[str, Any]:
    return {"type": "div", "props": {"style": {f"unknownProperty{i}": i for i in range(count)}, "children": "x"}}


def _reports(element: Any, **options: Any) -> list[SatoriError]:
    heard: list[SatoriError] = []
    render_svg(element, width=60, height=60, on_warning=heard.append, on_style_error=heard.append, **options)
    return heard


def test_past_max_reports_the_others_are_counted_in_one_last_report() -> None:
    heard = _reports(_unknown(1500))
    assert len(heard) == 1001
    assert all(isinstance(r, UnsupportedPropertyError) for r in heard[:1000])
    assert str(heard[999]) == 'div: CSS property "unknownProperty999" is not supported.'
    last = heard[-1]
    assert isinstance(last, LimitError) and last.limit == "max_reports" and last.value == 500
    assert str(last) == "500 more reports were left out: a render keeps 1000 (the max_reports limit)."


def test_the_limit_is_an_option_and_under_it_nothing_changes() -> None:
    assert [str(r) for r in _reports(_unknown(4), limits=Limits(max_reports=3))][3:] == [
        "1 more report was left out: a render keeps 3 (the max_reports limit)."]
    assert len(_reports(_unknown(3), limits=Limits(max_reports=3))) == 3
    with pytest.raises(UnsupportedPropertyError, match="unknownProperty0"):  # strict: the first, as always
        render_svg(_unknown(2000), width=60, height=60, strict=True, limits=Limits(max_reports=1))


def test_a_layout_pass_that_is_redone_does_not_count_its_reports_twice() -> None:
    # Container queries lay out twice: the first pass's reports (kept and left out) are withdrawn.
    cells = "".join(f'<div style="unknown-a{i}: 1; unknown-b{i}: 2">{i}</div>' for i in range(10))
    markup = ("<div><style>.c { container-type: inline-size } @container (min-width: 10px) { p { color: red } }"
              f'</style><div class="c"><p>x</p>{cells}</div></div>')
    everything = _reports(markup)
    capped = _reports(markup, limits=Limits(max_reports=5))
    assert len(everything) == 20
    assert [str(r) for r in capped] == [str(r) for r in everything[:5]] + [
        "15 more reports were left out: a render keeps 5 (the max_reports limit)."]


def test_what_a_render_holds_of_its_reports_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The channel holds the reports it keeps until the render ends (some 0.3-2.5 kB each): at
    # most max_reports of them, and of their keys, however many the render makes.
    held: list[tuple[int, int]] = []
    flush = Diagnostics.flush

    def counted(self: Diagnostics) -> None:
        held.append((sum(isinstance(e, SatoriError) for e in self._pending), len(self._seen)))
        flush(self)

    monkeypatch.setattr(Diagnostics, "flush", counted)
    heard = _reports(_unknown(5000), limits=Limits(max_reports=50))
    assert len(heard) == 51 and heard[-1].value == 4950
    assert max(kept for kept, _ in held) <= 50 and max(keys for _, keys in held) <= 50
