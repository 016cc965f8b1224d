"""A grid is bounded: at most 10,000 tracks a template, lines and spans within 10,000
(Firefox's clamp, which CSS Grid 1 allows), and the cells its items' placement visits.

Before: ``repeat(10000, 1px)`` written 5000 times (95 KB of CSS) aborted the process
(Taffy allocating 7 GB); ``gridColumnStart: 1e308`` (or Infinity, or 10**400, or a
5000-digit string) asked for a list of that many tracks (MemoryError after 50 s);
``span 10000`` on both axes filled a set of 10^8 cells (MemoryError after 70 s), and
3000 items in a dense grid did not finish in 120 s.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py import LimitError, h, render_svg
from satori_py.errors import StyleError
from satori_py.layout.grid_place import MAX_CELLS
from satori_py.style.grid_parse import GridLine, Repeat, parse_line, parse_template_areas, parse_track_list

from .support import assert_survives


def tracks(value: str) -> int:
    parsed = parse_track_list(value, lambda text: 1.0, "gridTemplateColumns")
    assert parsed is not None
    return sum(t.count * len(t.tracks) if isinstance(t, Repeat) and isinstance(t.count, int) else
               len(t.tracks) if isinstance(t, Repeat) else 1 for t in parsed.tracks)


def grid(*children: Any, **style: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "grid", "width": 100, **style}}, *children)


def test_a_template_has_at_most_10000_tracks() -> None:
    assert tracks("repeat(10000, 1px) " * 5000) == 10_000
    assert tracks("1px " * 12_000) == 10_000
    assert tracks("1px 2px repeat(9999, 3px 4px)") == 2 + 2 * 4999
    assert tracks("repeat(auto-fill, " + "0px " * 12_000 + ")") == 10_000
    # A template that long is drawn, in a child: the bug aborted the process.
    assert_survives("render_svg(h('div', {'style': {'display': 'grid', 'gridTemplateColumns': "
                    "'repeat(10000, 1px) ' * 5000}}, 'x'), width=100, height=100)\nprint('ok')", expected="ok")


def test_an_auto_repetition_stays_within_the_tracks_of_a_template() -> None:
    # 0px tracks fit any count: 1000 repetitions of 5000 tracks were 5 million tracks.
    svg = render_svg(grid("x", gridTemplateColumns="repeat(auto-fill, " + "0px " * 5000 + ")"),
                     width=100, height=100)
    assert "<path" in svg


@pytest.mark.parametrize("value", [1e308, 10**400, "1" + "0" * 5000, "99999"])
def test_lines_are_clamped_to_10000(value: Any) -> None:
    assert parse_line(value, "gridColumnStart") == GridLine("line", 10_000)
    if value != 10**400:  # in an element it is Infinity, as JavaScript reads it: invalid
        assert render_svg(grid(h("div", {"style": {"gridColumnStart": value}}, "x")), width=100, height=100)


def test_spans_and_negative_lines_too() -> None:
    assert parse_line("span " + "1" * 5000, "gridColumnEnd") == GridLine("span", 10_000)
    assert parse_line("-40000 name", "gridRowStart") == GridLine("line", -10_000, "name")
    with pytest.raises(StyleError) as info:
        parse_line(float("inf"), "gridColumnStart")
    assert str(info.value) == 'Invalid value for CSS property "gridColumnStart": "Infinity".'


def test_areas_of_more_than_10000_columns_are_invalid() -> None:
    assert parse_template_areas('"' + "a " * 10_000 + '"') is not None
    with pytest.raises(StyleError, match="gridTemplateAreas"):
        parse_template_areas('"' + "a " * 10_001 + '"')


def test_placing_items_visits_a_bounded_number_of_cells() -> None:
    with pytest.raises(LimitError) as info:
        render_svg(grid(h("div", {"style": {"gridColumn": "span 10000", "gridRow": "span 10000"}}, "x")),
                   width=100, height=100)
    assert str(info.value) == (f"div: Placing the grid's items visits more than {MAX_CELLS} cells: they span or "
                               "skip too many tracks.")
    # Dense packing looks for room from the start for each item.
    with pytest.raises(LimitError, match="Placing the grid's items"):
        render_svg(grid(*[h("div", {"style": {"gridColumn": "span 2"}}) for _ in range(3000)],
                        gridAutoFlow="row dense", gridTemplateColumns="repeat(50, 1px)"), width=100, height=100)
    # Within the bound: a 1000-cell item beside others.
    assert render_svg(grid(h("div", {"style": {"gridColumn": "span 100", "gridRow": "span 10"}}, "x"),
                           *[h("div", {}, "y") for _ in range(50)]), width=100, height=100)
