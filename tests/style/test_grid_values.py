"""The style stage parses the grid properties: typed values in the computed style, invalid
ones reported there (with the element's path) like any other invalid CSS."""
from __future__ import annotations

import pytest

from satori_py.errors import StyleError
from satori_py.style import compute_style, root_style
from satori_py.style.grid_parse import Fr, GridLine, TrackList, TrackSize
from satori_py.style.grid_shorthands import GRID_PROPERTIES
from satori_py.style.grid_values import GridContainer, GridItem

ROOT = root_style(width=200, height=100)


def style(css: dict[str, object], **kwargs: object):  # type: ignore[no-untyped-def]
    return compute_style("div", {"style": css}, ROOT, viewport=(200, 100), **kwargs)  # type: ignore[arg-type]


def test_grid_properties_become_a_typed_container_and_item() -> None:
    s = style({"display": "grid", "fontSize": 10, "gridTemplateColumns": "[a] 2em 1fr [b]",
               "gridArea": "2 / a", "gridAutoFlow": "column dense"})
    assert s.flex.grid_container == GridContainer(
        columns=TrackList((TrackSize(20.0, 20.0), TrackSize("auto", Fr(1.0))), (("a",), (), ("b",))),
        auto_flow="column dense", column_lines={"a": [1], "b": [3]})
    assert s.flex.grid_item == GridItem(row_start=GridLine("line", 2), column_start=GridLine("line", 0, "a"),
                                        column_end=GridLine("line", 0, "a"))
    # The values as written are gone: the layout reads the typed ones only.
    assert GRID_PROPERTIES.isdisjoint(s)


def test_a_container_only_for_display_grid_and_no_grid_values_without_grid_properties() -> None:
    assert style({"display": "flex", "gridTemplateColumns": "1fr", "gridRow": "1"}).flex.grid_container is None
    assert style({"display": "grid"}).flex.grid_container is None  # the layout takes EMPTY_GRID
    plain = style({"display": "flex"})
    assert (plain.flex.grid_container, plain.flex.grid_item) == (None, None)
    assert style({"gridRow": "auto"}).flex.grid_item is None


def test_invalid_grid_values_reach_on_style_error_at_the_style_stage() -> None:
    """(render_svg gives them the element's path: tests/layout/test_grid.py.)"""
    errors: list[Exception] = []
    s = style({"display": "grid", "gridTemplateColumns": "1fr minmax(1fr, 2px)", "gridTemplateRows": "10px",
               "gridRowStart": "span 0"}, on_style_error=errors.append)
    assert [(str(e), getattr(e, "prop", None)) for e in errors] == [
        ('Invalid value for CSS property "gridTemplateColumns": "1fr minmax(1fr, 2px)".', "gridTemplateColumns"),
        ('Invalid value for CSS property "gridRowStart": "span 0".', "gridRowStart")]
    # The invalid values are dropped, the valid ones kept.
    assert s.flex.grid_container is not None and s.flex.grid_container.columns is None
    assert s.flex.grid_container.rows == TrackList((TrackSize(10.0, 10.0),))
    assert s.flex.grid_item is None


def test_without_on_style_error_an_invalid_grid_value_raises_from_compute_style() -> None:
    with pytest.raises(StyleError, match=r'"gridAutoFlow": "diagonal"'):
        style({"display": "grid", "gridAutoFlow": "diagonal"})


def test_an_invalid_shorthand_is_reported_and_ignored_and_the_rest_kept() -> None:
    errors: list[Exception] = []
    s = style({"display": "grid", "gridRowStart": "2", "gridArea": "1 / 2 / 3 / 4 / 5", "grid": "'"},
              on_style_error=errors.append)
    assert [getattr(e, "prop", None) for e in errors] == ["gridArea", "grid"]
    assert s.flex.grid_item == GridItem(row_start=GridLine("line", 2))
    with pytest.raises(StyleError, match=r'"gridArea"'):
        style({"gridArea": "1 / 2 / 3 / 4 / 5"})
