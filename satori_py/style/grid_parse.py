"""CSS Grid values: track lists, areas, auto flow, line placement and the shorthands.

Mirrors the reference's ``parser/grid.ts`` (https://www.w3.org/TR/css-grid-1/):
the style stage parses the grid properties here into the types below
(:mod:`.grid_values`), which the layout's ``grid`` module encodes for Taffy.
Invalid values raise :class:`~satori_py.errors.StyleError` with the
reference's sentence.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import StyleError
from ..patterns import lazy_compile
from .calc import parse_math
from .types import Calc, Percent
from .values import MATH_FUNCTION, js_string, split_top_level

__all__ = [
    "Area", "Areas", "Fr", "GridLine", "Repeat", "TrackList", "TrackSize", "invalid", "is_custom_ident",
    "parse_auto_flow", "parse_auto_tracks", "parse_line", "parse_template_areas", "parse_track_list",
]

# Resolves a length (lowercase text) to px, or None if it isn't one.
ResolveLength = Callable[[str], "float | None"]


@dataclass(frozen=True, slots=True)
class Fr:
    """A flex fraction of the free space, only as a track's maximum."""

    value: float


@dataclass(frozen=True, slots=True)
class FitContentTrack:
    """``fit-content(<limit>)`` as a track's maximum."""

    limit: float | Percent


# px, a percentage, a flex fraction, a keyword, fit-content(), or calc() with percentages.
Breadth = float | Percent | Fr | str | FitContentTrack | Calc


@dataclass(frozen=True, slots=True)
class TrackSize:
    min: Breadth
    max: Breadth


@dataclass(frozen=True, slots=True)
class Repeat:
    count: int | str  # a count, "auto-fill" or "auto-fit"
    tracks: tuple[TrackSize, ...]
    # The names of each line of a repetition: none, or one set more than tracks.
    line_names: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class TrackList:
    tracks: tuple[TrackSize | Repeat, ...]
    # The names of the lines between tracks: none, or one set more than tracks.
    line_names: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Area:
    """A named area and its lines, starting at 1."""

    name: str
    row_start: int
    row_end: int
    column_start: int
    column_end: int


@dataclass(frozen=True, slots=True)
class Areas:
    row_count: int
    column_count: int
    areas: tuple[Area, ...]


@dataclass(frozen=True, slots=True)
class GridLine:
    """A placement: ``line`` (the nth line, or the nth line named ``name``) or ``span``."""

    kind: str  # "line" or "span"
    value: int
    name: str | None = None


def invalid(prop: str, value: Any) -> StyleError:
    return StyleError(f'Invalid value for CSS property "{prop}": "{js_string(value)}".', prop=prop,
                      value=value)


# --- tokens -------------------------------------------------------------------------------

_Token = tuple[str, Any]  # ("names", [..]) | ("value", text) | ("function", (name, args))


def _tokenize(value: str, prop: str) -> list[_Token]:
    """Splits a value into line names (``[a b]``), functions and other values."""
    tokens: list[_Token] = []
    i, n = 0, len(value)
    while i < n:
        if value[i].isspace():
            i += 1
        elif value[i] == "[":
            end = value.find("]", i)
            if end == -1:
                raise invalid(prop, value)
            tokens.append(("names", value[i + 1:end].split()))
            i = end + 1
        else:
            j = i
            while j < n and not (value[j].isspace() or value[j] in "[()"):
                j += 1
            if j < n and value[j] == "(":
                depth, end = 0, j
                while end < n:
                    if value[end] == "(":
                        depth += 1
                    elif value[end] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    end += 1
                if end == n:
                    raise invalid(prop, value)
                tokens.append(("function", (value[i:j].lower(), value[j + 1:end])))
                i = end + 1
            else:
                if j == i:
                    raise invalid(prop, value)
                tokens.append(("value", value[i:j]))
                i = j
    return tokens


_NUMBER = r"\+?(?:\d+(?:\.\d*)?|\.\d+)"
_FR = lazy_compile(rf"^{_NUMBER}fr$")
_PERCENT = lazy_compile(rf"^{_NUMBER}%$")
_LEADING = lazy_compile(r"^\+?(?:\d+(?:\.\d*)?|\.\d+)")


def _leading_float(text: str) -> float:
    match = _LEADING.match(text)
    return float(match.group(0)) if match else 0.0


def _breadth(value: str, resolve: ResolveLength) -> Breadth | None:
    text = value.strip().lower()
    if text in ("auto", "min-content", "max-content"):
        return text
    if _FR.match(text):
        return Fr(_leading_float(text))
    if _PERCENT.match(text):
        return Percent(_leading_float(text))
    if MATH_FUNCTION.match(text):
        # Math functions with percentages are resolved with the container's size.
        math = parse_math(text, lambda number, unit: resolve(f"{number}{unit}"))
        if math is None or math.type != "length":
            return None
        if math.percentage:
            return math.as_calc(text)
        evaluated = math.evaluate(0.0)
        return evaluated if evaluated >= 0 else None
    length = resolve(text)
    return length if length is not None and length >= 0 else None


def _track_size(token: _Token, resolve: ResolveLength) -> TrackSize | None:
    kind, payload = token
    if kind == "value":
        breadth = _breadth(payload, resolve)
        if breadth is None:
            return None
        # A flex fraction is minmax(auto, <flex>).
        return TrackSize("auto" if isinstance(breadth, Fr) else breadth, breadth)
    if kind != "function":
        return None
    name, args = payload
    if MATH_FUNCTION.match(f"{name}("):
        breadth = _breadth(f"{name}({args})", resolve)
        return None if breadth is None else TrackSize(breadth, breadth)
    parts = split_top_level(args)
    if name == "minmax" and len(parts) == 2:
        low, high = _breadth(parts[0], resolve), _breadth(parts[1], resolve)
        if low is None or high is None or isinstance(low, Fr):
            return None
        return TrackSize(low, high)
    if name == "fit-content" and len(parts) == 1:
        limit = _breadth(parts[0], resolve)
        if isinstance(limit, (float, Percent)):
            return TrackSize("auto", FitContentTrack(limit))
    return None


def _tracks(tokens: list[_Token], resolve: ResolveLength, repeat: Callable[[str], Repeat] | None,
            prop: str, value: Any) -> tuple[list[TrackSize | Repeat], list[tuple[str, ...]]]:
    tracks: list[TrackSize | Repeat] = []
    line_names: list[tuple[str, ...]] = []
    names: list[str] = []
    has_names = False
    for token in tokens:
        if token[0] == "names":
            names.extend(token[1])
            has_names = has_names or bool(token[1])
            continue
        line_names.append(tuple(names))
        names = []
        if token[0] == "function" and token[1][0] == "repeat":
            if repeat is None:
                raise invalid(prop, value)
            tracks.append(repeat(token[1][1]))
        else:
            size = _track_size(token, resolve)
            if size is None:
                raise invalid(prop, value)
            tracks.append(size)
    line_names.append(tuple(names))
    if not tracks:
        raise invalid(prop, value)
    return tracks, line_names if has_names else []


# The most tracks a template has (a repeat() makes at most that many, and tracks past
# it are dropped), and the farthest line an item may name or span (Firefox's kMaxLine:
# CSS Grid 1 lets a UA clamp its grid to lines -10000..10000). Past it a repeat(10000)
# copied 5000 times aborted the process, allocating 7 GB in Taffy, and a line
# of 1e308 asked for a list of that many tracks.
MAX_REPEAT = MAX_LINE = 10_000


def parse_track_list(value: Any, resolve: ResolveLength, prop: str) -> TrackList | None:
    """``grid-template-columns``/``-rows``: ``none``, or tracks with line names."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise invalid(prop, value)
        return TrackList((TrackSize(float(value), float(value)),))
    text = js_string(value).strip()
    if text == "none":
        return None
    auto_repeats = 0

    def repeat(args: str) -> Repeat:
        nonlocal auto_repeats
        count, *rest = split_top_level(args)
        lowered = count.lower()
        repeat_count: int | str
        if lowered in ("auto-fill", "auto-fit"):
            repeat_count = lowered
            auto_repeats += 1
            if auto_repeats > 1:
                raise invalid(prop, value)
        elif lowered.isdigit() and lowered.strip("0"):
            digits = lowered.lstrip("0")
            repeat_count = int(digits) if len(digits) <= 5 else MAX_REPEAT
        else:
            raise invalid(prop, value)
        tracks, names = _tracks(_tokenize(",".join(rest), prop), resolve, None, prop, value)
        sizes = tuple(t for t in tracks if isinstance(t, TrackSize))
        if isinstance(repeat_count, int):
            # Clamped as Firefox clamps grid lines (repeat(100000000, 1px) took a minute, then memory).
            repeat_count = min(repeat_count, max(1, MAX_REPEAT // max(1, len(sizes))))
        return Repeat(repeat_count, sizes, tuple(names))

    tracks, names = _tracks(_tokenize(text, prop), resolve, repeat, prop, value)
    return _within_max_tracks(tracks, names)


def _within_max_tracks(tracks: list[TrackSize | Repeat], names: list[tuple[str, ...]]) -> TrackList:
    """The track list cut after :data:`MAX_REPEAT` tracks (an auto repetition counted once)."""
    kept: list[TrackSize | Repeat] = []
    count = 0
    for track in tracks:
        each = len(track.tracks) if isinstance(track, Repeat) else 1
        times = track.count if isinstance(track, Repeat) and isinstance(track.count, int) else 1
        room = (MAX_REPEAT - count) // each
        if room < 1:
            break
        if times > room:
            assert isinstance(track, Repeat)
            track, times = Repeat(room, track.tracks, track.line_names), room
        kept.append(track)
        count += times * each
    if not kept:  # one repetition of more tracks than that: its first ones
        first = tracks[0]
        assert isinstance(first, Repeat)
        kept = [Repeat(first.count, first.tracks[:MAX_REPEAT], first.line_names[:MAX_REPEAT + 1])]
    return TrackList(tuple(kept), tuple(names[:len(kept) + 1]))


def parse_auto_tracks(value: Any, resolve: ResolveLength, prop: str) -> tuple[TrackSize, ...] | None:
    """``grid-auto-columns``/``-rows``: track sizes."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise invalid(prop, value)
        return (TrackSize(float(value), float(value)),)
    out = []
    for token in _tokenize(js_string(value), prop):
        size = _track_size(token, resolve)
        if size is None:
            raise invalid(prop, value)
        out.append(size)
    return tuple(out)


def parse_auto_flow(value: Any) -> str | None:
    """``grid-auto-flow``: ``row`` or ``column``, and ``dense``."""
    if value is None:
        return None
    words = js_string(value).strip().lower().split()
    direction = [w for w in words if w in ("row", "column")]
    dense = [w for w in words if w == "dense"]
    if len(direction) > 1 or len(dense) > 1 or len(direction) + len(dense) != len(words):
        raise invalid("gridAutoFlow", value)
    axis = direction[0] if direction else "row"
    return f"{axis} dense" if dense else axis


_IDENT = lazy_compile(r"^-?[_a-zA-Z][\w-]*$")
_INTEGER = lazy_compile(r"^[+-]?\d+$")


def is_custom_ident(word: str) -> bool:
    return bool(_IDENT.match(word)) and word not in ("auto", "span")


def parse_line(value: Any, prop: str) -> GridLine | None:
    """``grid-row-start`` and the other lines: ``auto``, ``<integer> && <ident>?`` or a span.

    None is ``auto``.
    """
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value) or value != int(value) or value == 0:
            raise invalid(prop, value)
        return GridLine("line", max(-MAX_LINE, min(MAX_LINE, int(value))))
    words = js_string(value).strip().split()
    if words == ["auto"]:
        return None
    span = False
    integer: int | None = None
    name: str | None = None
    for word in words:
        if word == "span" and not span:
            span = True
        elif _INTEGER.match(word) and integer is None:
            digits = word.lstrip("+-").lstrip("0") or "0"
            integer = min(MAX_LINE, int(digits) if len(digits) <= 5 else MAX_LINE)
            integer = -integer if word.startswith("-") else integer
        elif is_custom_ident(word) and name is None:
            name = word
        else:
            raise invalid(prop, value)
    if span:
        if (not name) if integer is None else integer <= 0:
            raise invalid(prop, value)
        return GridLine("span", integer if integer is not None else 1, name)
    if integer == 0 or (integer is None and not name):
        raise invalid(prop, value)
    return GridLine("line", integer or 0, name)


def parse_template_areas(value: Any) -> Areas | None:
    """``grid-template-areas``: ``none``, or a string per row of filled rectangles."""
    if value is None:
        return None
    text = js_string(value)
    if text.strip() == "none":
        return None
    rows: list[list[str]] = []

    def take(match: re.Match[str]) -> str:
        row = match.group(1) if match.group(1) is not None else match.group(2)
        rows.append(row.strip().split() or [""])
        return ""

    rest = re.sub(r'"([^"]*)"|\'([^\']*)\'', take, text)
    columns = len(rows[0]) if rows else 0
    # Areas make tracks: no more than a template may have (MAX_REPEAT) on either axis.
    if rest.strip() or not columns or any(len(r) != columns or r[0] == "" for r in rows) \
            or max(columns, len(rows)) > MAX_REPEAT:
        raise invalid("gridTemplateAreas", value)
    bounds: dict[str, list[int]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if re.fullmatch(r"\.+", cell):
                continue
            if not is_custom_ident(cell):
                raise invalid("gridTemplateAreas", value)
            b = bounds.get(cell)
            if b is None:
                bounds[cell] = [r, r, c, c]
            else:
                b[0], b[1], b[2], b[3] = min(b[0], r), max(b[1], r), min(b[2], c), max(b[3], c)
    for name, (r0, r1, c0, c1) in bounds.items():
        if any(rows[r][c] != name for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)):
            raise invalid("gridTemplateAreas", value)
    return Areas(len(rows), columns, tuple(Area(name, r0 + 1, r1 + 2, c0 + 1, c1 + 2)
                                           for name, (r0, r1, c0, c1) in bounds.items()))
