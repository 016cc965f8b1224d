"""What stretchable's Rust side accepts, checked before a style dict reaches it.

stretchable 1.1.8 converts taffylib style dicts with ``From`` impls that
``panic!`` on a value outside their range ("unsupported dimension 3",
"invalid index 9"); the panic unwinds through a leaked ``Box`` of the tree
and the process aborts (``free(): invalid pointer``). Nothing of a render may
reach that, so :mod:`.taffy` passes every node's dict through
:func:`check_style` first:

* lengths: each field takes only some ``dim`` codes (sizes, margins and insets
  auto/points/percent; padding, borders and gaps points/percent; grid track
  minimums auto/points/percent/min-/max-content; maximums also fit-content and
  fr); numbers are clamped to ``MAX_LENGTH`` px (what browsers do), NaN is 0.
* enumerations, grid repetitions and grid lines must be in range.

The style stage gives only finite values of the right kinds; anything else
here is a bug of the layout stage, reported as a :class:`RenderError` (never a
crash). Taffy itself copes with any f32.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import RenderError
from ..length_range import MAX_LENGTH

__all__ = ["MAX_LENGTH", "check_style", "finite"]

# A percentage as a fraction: the same bound keeps percentages of any basis finite.
_MAX_FRACTION = MAX_LENGTH

_DIMENSION = frozenset({0, 1, 2})  # auto, points, percent
_LENGTH_PERCENTAGE = frozenset({1, 2})
_MIN_TRACK = frozenset({0, 1, 2, 3, 4})  # + min-content, max-content
_MAX_TRACK = frozenset({0, 1, 2, 3, 4, 5, 6, 7})  # + fit-content px/%, fr

# field -> (allowed dims, the CSS name for messages, per side/axis)
_LENGTHS: dict[str, tuple[frozenset[int], str]] = {
    "size": (_DIMENSION, "{axis}"),
    "min_size": (_DIMENSION, "min{Axis}"),
    "max_size": (_DIMENSION, "max{Axis}"),
    "margin": (_DIMENSION, "margin{Side}"),
    "inset": (_DIMENSION, "{side}"),
    "padding": (_LENGTH_PERCENTAGE, "padding{Side}"),
    "border": (_LENGTH_PERCENTAGE, "border{Side}Width"),
    "gap": (_LENGTH_PERCENTAGE, "{gap}"),
}
_GAP_NAMES = {"width": "columnGap", "height": "rowGap"}
_ENUMS = {"display": 3, "box_sizing": 1, "overflow_x": 3, "overflow_y": 3, "position": 1,
          "flex_wrap": 2, "flex_direction": 3, "grid_auto_flow": 3}
_OPTIONAL_ENUMS = {"align_items": 6, "align_self": 6, "justify_items": 6, "justify_self": 6,
                   "align_content": 8, "justify_content": 8}
_FLOATS = {"flex_grow": "flexGrow", "flex_shrink": "flexShrink", "scrollbar_width": "scrollbarWidth"}
_I16 = 32767
_U16 = 65535


def finite(value: float, limit: float = MAX_LENGTH) -> float:
    """``value`` clamped to ``[-limit, limit]``; NaN becomes 0 (a box Taffy computed from NaN)."""
    if value != value:
        return 0.0
    return -limit if value < -limit else limit if value > limit else value


def _number(value: Any, name: str, path: str | None, limit: float = MAX_LENGTH) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RenderError(f"Internal layout error: {name} is {value!r}, not a number.", path=path)
    return finite(float(value), limit)


def _length(length: Any, allowed: frozenset[int], name: str, path: str | None) -> None:
    if not isinstance(length, dict) or set(length) != {"dim", "value"}:
        raise RenderError(f"Internal layout error: {name} is {length!r}.", path=path)
    dim = length["dim"]
    if dim not in allowed or isinstance(dim, bool):
        raise RenderError(f"Internal layout error: {name} has the unsupported dimension {dim!r}.", path=path)
    if dim in (0, 3, 4):
        return  # auto, min-content and max-content ignore the value
    value = length["value"]
    checked = _number(value, name, path, _MAX_FRACTION if dim in (2, 6) else MAX_LENGTH)
    if checked != value:
        length["value"] = checked


def _sides(field: str, template: str) -> dict[str, str]:
    if field in ("size", "min_size", "max_size"):
        return {axis: template.format(axis=axis, Axis=axis.capitalize()) for axis in ("width", "height")}
    if field == "gap":
        return {axis: _GAP_NAMES[axis] for axis in ("width", "height")}
    return {side: template.format(side=side, Side=side.capitalize())
            for side in ("top", "right", "bottom", "left")}


_SIDE_NAMES = {field: _sides(field, template) for field, (_, template) in _LENGTHS.items()}
# The length fields as check_style walks them: (field, allowed dims, ((key, name), ...)).
_LENGTH_FIELDS = tuple((field, allowed, tuple(_SIDE_NAMES[field].items()))
                       for field, (allowed, _) in _LENGTHS.items())
_VALUELESS = frozenset({0, 3, 4})  # auto, min-content and max-content ignore the value


def _track(track: Any, path: str | None) -> None:
    if not isinstance(track, dict):
        raise RenderError(f"Internal layout error: grid track {track!r}.", path=path)
    _length(track.get("min_size"), _MIN_TRACK, "grid track minimum", path)
    _length(track.get("max_size"), _MAX_TRACK, "grid track maximum", path)


def _template(tracks: Any, name: str, path: str | None) -> None:
    if not isinstance(tracks, list):
        raise RenderError(f"Internal layout error: {name} is {tracks!r}.", path=path)
    for entry in tracks:
        repetition = entry.get("repetition") if isinstance(entry, dict) else None
        if not isinstance(repetition, int) or isinstance(repetition, bool) or not -2 <= repetition <= _U16:
            raise RenderError(f"Internal layout error: {name} repetition {repetition!r}.", path=path)
        if repetition == -2:
            _track(entry.get("single"), path)
        else:
            repeat = entry.get("repeat")
            if not isinstance(repeat, list) or not repeat:
                raise RenderError(f"Internal layout error: {name} repeats {repeat!r}.", path=path)
            for track in repeat:
                _track(track, path)


def _placement(line: Any, name: str, path: str | None) -> None:
    for end in ("start", "end"):
        index = line.get(end) if isinstance(line, dict) else None
        if index.__class__ is dict:  # (every node's: an int kind and line in range pass at once)
            kind, value = index.get("kind"), index.get("value")
            if kind.__class__ is int and value.__class__ is int and -_I16 <= value <= _I16 \
                    and (0 <= kind <= 1 or (kind == 2 and 1 <= value)):
                continue
        kind = index.get("kind") if isinstance(index, dict) else None
        value = index.get("value") if isinstance(index, dict) else None
        if (kind not in (0, 1, 2) or not isinstance(value, int) or isinstance(value, bool)
                or not -_I16 <= value <= _I16 or (kind == 2 and value < 1)):
            raise RenderError(f"Internal layout error: {name} {end} is {index!r}.", path=path)


def check_style(style: Mapping[str, Any], path: str | None = None) -> None:
    """Check (and clamp, in place) a taffylib style dict; raise instead of letting it panic.

    Every dict taffy_style makes is checked (a cleared render: each node's): a value of the
    exact type stretchable takes, in range, passes at once; anything else goes the long way
    (:func:`_length`, :func:`_number`), which accepts, clamps or rejects it."""
    for field, allowed, names in _LENGTH_FIELDS:
        group = style[field]
        for key, name in names:
            length = group[key]
            if length.__class__ is dict and len(length) == 2 and "value" in length:
                dim = length.get("dim")
                if dim.__class__ is int and dim in allowed:  # (not a bool: its class is bool)
                    if dim in _VALUELESS:
                        continue
                    value = length["value"]
                    # (A percentage's bound is the same: _MAX_FRACTION is MAX_LENGTH.)
                    if value.__class__ is float and -MAX_LENGTH <= value <= MAX_LENGTH:
                        continue  # (NaN fails the comparison)
            _length(length, allowed, name, path)
    _length(style["flex_basis"], _DIMENSION, "flexBasis", path)
    for field, top in _ENUMS.items():
        value = style[field]
        if value.__class__ is not int and (not isinstance(value, int) or isinstance(value, bool)) \
                or not 0 <= value <= top:
            raise RenderError(f"Internal layout error: {field} is {value!r}.", path=path)
    for field, top in _OPTIONAL_ENUMS.items():
        value = style[field]
        if value is not None and (value.__class__ is not int and (not isinstance(value, int)
                                                                   or isinstance(value, bool))
                                  or not 0 <= value <= top):
            raise RenderError(f"Internal layout error: {field} is {value!r}.", path=path)
    mutable: Any = style
    for field, name in _FLOATS.items():
        value = style[field]
        if value.__class__ is not float or not -MAX_LENGTH <= value <= MAX_LENGTH:
            mutable[field] = _number(value, name, path)
    ratio = style["aspect_ratio"]
    if ratio is not None:
        ratio = _number(ratio, "aspectRatio", path)
        mutable["aspect_ratio"] = ratio if ratio > 0 else None
    _template(style["grid_template_rows"], "gridTemplateRows", path)
    _template(style["grid_template_columns"], "gridTemplateColumns", path)
    for field in ("grid_auto_rows", "grid_auto_columns"):
        tracks = style[field]
        if not isinstance(tracks, list):
            raise RenderError(f"Internal layout error: {field} is {tracks!r}.", path=path)
        for track in tracks:
            _track(track, path)
    _placement(style["grid_row"], "gridRow", path)
    _placement(style["grid_column"], "gridColumn", path)
