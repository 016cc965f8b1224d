"""taffy_guard.check_style's shortcuts give what the long way gives, for any value.

check_style passes a length, an enumeration, a float or a grid line of the exact type
stretchable takes, in range, at once; anything else goes the long way (``_length``,
``_number``), which accepts, clamps or rejects it. ``_long_way`` below is that long way
for every field, written out as the checks were before the shortcuts: each dict, with one
value made odd, must come out of both the same (the same clamped dict, or the same error).
"""
from __future__ import annotations

import copy
import enum
import math
from collections.abc import Iterator
from typing import Any

from satori_py.errors import RenderError
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy_guard import (
    _DIMENSION,
    _ENUMS,
    _FLOATS,
    _I16,
    _LENGTHS,
    _OPTIONAL_ENUMS,
    _SIDE_NAMES,
    _length,
    _number,
    _template,
    _track,
    check_style,
)
from satori_py.layout.taffy_style import taffy_style
from satori_py.style.types import Percent


class _Dim(enum.IntEnum):
    POINTS = 1


def _long_way(style: dict[str, Any], path: str | None) -> None:
    for field, (allowed, _) in _LENGTHS.items():
        for key, name in _SIDE_NAMES[field].items():
            _length(style[field][key], allowed, name, path)
    _length(style["flex_basis"], _DIMENSION, "flexBasis", path)
    for field, top in _ENUMS.items():
        value = style[field]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            raise RenderError(f"Internal layout error: {field} is {value!r}.", path=path)
    for field, top in _OPTIONAL_ENUMS.items():
        value = style[field]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top):
            raise RenderError(f"Internal layout error: {field} is {value!r}.", path=path)
    for field, name in _FLOATS.items():
        style[field] = _number(style[field], name, path)
    ratio = style["aspect_ratio"]
    if ratio is not None:
        ratio = _number(ratio, "aspectRatio", path)
        style["aspect_ratio"] = ratio if ratio > 0 else None
    _template(style["grid_template_rows"], "gridTemplateRows", path)
    _template(style["grid_template_columns"], "gridTemplateColumns", path)
    for field in ("grid_auto_rows", "grid_auto_columns"):
        for track in style[field]:
            _track(track, path)
    for line, name in ((style["grid_row"], "gridRow"), (style["grid_column"], "gridColumn")):
        for end in ("start", "end"):
            index = line.get(end) if isinstance(line, dict) else None
            kind = index.get("kind") if isinstance(index, dict) else None
            value = index.get("value") if isinstance(index, dict) else None
            if (kind not in (0, 1, 2) or not isinstance(value, int) or isinstance(value, bool)
                    or not -_I16 <= value <= _I16 or (kind == 2 and value < 1)):
                raise RenderError(f"Internal layout error: {name} {end} is {index!r}.", path=path)


_ODD = [0, 1, 2, 3, 4, 5, 9, -1, True, False, None, "auto", _Dim.POINTS, 1.0, 2.5, -0.0, math.nan, math.inf,
        -math.inf, 1e308, -1e308, 33554431.0, 33554432.0, 40000, -40000, 32767, -32767, 32768]
_SHAPES = [{"dim": 1}, {"value": 1.0}, {"dim": 1, "value": 1.0, "x": 0}, {"dim": 0, "x": 0}, None, 1.0, [1, 1.0]]
_FIELDS = [(field, key) for field in _LENGTHS for key in _SIDE_NAMES[field]] + [("flex_basis", None)]
_STYLES = [NodeStyle(), NodeStyle(display="flex", width=120.0, height=Percent(50.0), padding_top=4.0, flex_grow=1.0),
           NodeStyle(display="block", position="absolute", left=3.0, margin_top="auto", aspect_ratio=1.5)]


def _odd_styles() -> Iterator[dict[str, Any]]:
    """Each style of _STYLES with one value made odd, in every field check_style reads."""
    lengths = [{"dim": dim, "value": value} for dim in _ODD for value in _ODD] + _SHAPES
    for number, node_style in enumerate(_STYLES):
        yield taffy_style(node_style)
        for index, length in enumerate(lengths):
            field, key = _FIELDS[(index + number) % len(_FIELDS)]
            style = taffy_style(node_style)
            style[field] = length if key is None else {**style[field], key: length}
            yield style
        for field in [*_ENUMS, *_OPTIONAL_ENUMS, *_FLOATS, "aspect_ratio"]:
            for value in _ODD:
                yield {**taffy_style(node_style), field: value}
        for field in ("grid_row", "grid_column"):
            for end in ("start", "end"):
                lines: list[Any] = [{"kind": kind, "value": value} for kind in _ODD for value in _ODD]
                for line in [*lines, None, {"kind": 1}, 3]:
                    style = taffy_style(node_style)
                    style[field] = {**style[field], end: line}
                    yield style


def test_check_style_is_the_long_way_for_any_value() -> None:
    count = 0
    for style in _odd_styles():
        short, long = copy.deepcopy(style), copy.deepcopy(style)
        outcomes: list[object] = []
        for checked, check in ((short, check_style), (long, _long_way)):
            try:
                check(checked, "div")
            except (RenderError, TypeError, KeyError, AttributeError) as exc:
                outcomes.append((type(exc), str(exc)))
            else:
                outcomes.append(repr(checked))  # (repr: NaN is equal to itself there)
        assert outcomes[0] == outcomes[1], style
        count += 1
    assert count > 10_000
