"""``filter`` and ``backdropFilter`` parsed at style time (Satori 0.63.2
``parser/backdrop-filter.ts``, called by ``handler/expand.ts``)."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.errors import SatoriError, StyleError
from satori_py.style import compute_style, root_style
from satori_py.style.filters import parse_filters
from satori_py.style.paint_types import FilterFunction
from satori_py.style.values import LengthContext

CONTEXT: dict[str, Any] = {"font_size": 10.0, "lengths": LengthContext(100.0, 100.0), "current_color": "red"}


def test_functions() -> None:
    assert parse_filters("blur(1em) hue-rotate(0.5turn) grayscale(150%) contrast(2) opacity() "
                         "drop-shadow(1px 2px 3px blue) drop-shadow(1px 1px)", "filter", **CONTEXT) == (
        FilterFunction("blur", 10.0), FilterFunction("hue-rotate", 180.0), FilterFunction("grayscale", 1.0),
        FilterFunction("contrast", 2.0), FilterFunction("opacity", 1.0),
        FilterFunction("drop-shadow", 3.0, (1.0, 2.0), "blue"),
        FilterFunction("drop-shadow", 0.0, (1.0, 1.0), "red"))
    assert parse_filters("none", "filter", **CONTEXT) is None
    assert parse_filters("url(#f)", "filter", **CONTEXT) == (FilterFunction("url", ref="f"),)


@pytest.mark.parametrize("value, prop, message", [
    ("blur(-1px)", "filter", "Invalid `blur()` radius in `filter`."),
    ("blur(10%)", "filter", "Invalid length `10%` in `blur()` for `filter`."),
    ("brightness(-1)", "backdropFilter", "Invalid amount `-1` in `brightness()` for `backdropFilter`."),
    ("hue-rotate(10px)", "filter", "Invalid `hue-rotate()` angle in `filter`."),
    ("drop-shadow(1px)", "filter", "Invalid `drop-shadow()` value in `filter`."),
    ("url(#f)", "backdropFilter", "Unsupported `url()` in `backdropFilter`."),
    ("url(a.svg)", "filter", ("Unsupported `url()` in `filter`, only references to SVG filters of the "
                             "document, e.g. `url(#filter)`, are supported.")),
    ("glow(1)", "filter", "Unsupported `glow()` in `filter`."),
    ("blur", "filter", "Invalid filter function in `filter`."),
    ("", "filter", 'Invalid `filter` value: "".'),
    (5, "backdropFilter", 'Invalid `backdropFilter` value: "5".'),
])
def test_errors(value: Any, prop: str, message: str) -> None:
    with pytest.raises(StyleError) as info:
        parse_filters(value, prop, **CONTEXT)
    assert info.value.message == message


def _computed(style: dict[str, Any], parent: dict[str, Any] | None = None, **kw: Any) -> Any:
    base = root_style(width=200, height=100)
    if parent is not None:
        base = compute_style("div", {"style": parent}, base, viewport=(200, 100))
    return compute_style("div", {"style": style}, base, viewport=(200, 100), **kw)


def test_lengths_are_px_at_style_time() -> None:
    # em is the parent's font size (expand.ts passes the inherited style), vw the viewport's, ch
    # that font size times the width of `0` in the element's font (the ch_ratio callback), the
    # colour the element's.
    style = _computed({"fontSize": 30, "color": "blue", "filter": "blur(1em) drop-shadow(10vw 1ch)"},
                      parent={"fontSize": 20}, ch_ratio=lambda family, weight, font_style: 0.25)
    assert style["filter"] == (FilterFunction("blur", 20.0), FilterFunction("drop-shadow", 0.0, (20.0, 5.0), "#00f"))
    assert style.ch_ratio == 0.25
    assert _computed({"backdropFilter": "none"})["backdropFilter"] is None
    assert _computed({}).get("filter") is None


def test_an_invalid_list_is_reported_and_dropped() -> None:
    errors: list[SatoriError] = []
    style = _computed({"filter": "blur(1px) glow(2)", "backdropFilter": "blur(2px)"}, on_style_error=errors.append)
    assert [(e.prop, e.message) for e in errors] == [("filter", "Unsupported `glow()` in `filter`.")]
    assert style["filter"] is None and style["backdropFilter"] == (FilterFunction("blur", 2.0),)
    with pytest.raises(StyleError, match="Unsupported `glow\\(\\)` in `filter`."):
        _computed({"filter": "glow(2)"})
