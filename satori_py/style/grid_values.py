"""The grid values of a computed style: a grid container's tracks and areas, an item's lines.

The style stage parses the grid properties an element declares (shorthands
expanded in declaration order, :mod:`.grid_shorthands`; values by
:mod:`.grid_parse`, the reference's ``parser/grid.ts``) into the two typed
values below, which replace them in the computed style (``gridContainer`` for
``display: grid``, ``gridItem``). An invalid value is reported there, with the
element's path, like any other invalid CSS; the layout (:mod:`satori_py.layout.grid`)
only encodes them for Taffy. Imported by the first element with a grid property.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import StyleError
from .grid_parse import (
    Areas,
    GridLine,
    Repeat,
    TrackList,
    TrackSize,
    parse_auto_flow,
    parse_auto_tracks,
    parse_line,
    parse_template_areas,
    parse_track_list,
)
from .grid_shorthands import GRID_PROPERTIES, expand_grid_shorthands
from .values import LengthContext, length_to_number

__all__ = ["EMPTY_GRID", "GridContainer", "GridItem", "grid_container", "grid_item", "parse_grid"]

_LINES = ("gridRowStart", "gridRowEnd", "gridColumnStart", "gridColumnEnd")


@dataclass(frozen=True, slots=True)
class GridContainer:
    columns: TrackList | None = None
    rows: TrackList | None = None
    auto_columns: tuple[TrackSize, ...] | None = None
    auto_rows: tuple[TrackSize, ...] | None = None
    auto_flow: str | None = None
    areas: Areas | None = None
    # Line numbers by name, per axis, including the areas' implicit ones.
    column_lines: dict[str, list[int]] = field(default_factory=dict)
    row_lines: dict[str, list[int]] = field(default_factory=dict)


EMPTY_GRID = GridContainer()  # a grid container that declares no grid property


@dataclass(frozen=True, slots=True)
class GridItem:
    row_start: GridLine | None = None
    row_end: GridLine | None = None
    column_start: GridLine | None = None
    column_end: GridLine | None = None


Report = Callable[[StyleError], None]


def _lenient(report: Report | None, parse: Callable[[], Any]) -> Any:
    """With a report, an invalid value is reported and ignored (compute.ts ``lenient``)."""
    if report is None:
        return parse()
    try:
        return parse()
    except ValueError as exc:
        report(exc if isinstance(exc, StyleError) else StyleError(str(exc)))
        return None


def grid_container(decls: Mapping[str, Any], resolve: Callable[[str], float | None],
                   report: Report | None = None) -> GridContainer:
    """The grid container of the grid longhands ``decls``; lengths in tracks are px by ``resolve``."""
    columns = _lenient(report, lambda: parse_track_list(decls.get("gridTemplateColumns"), resolve,
                                                        "gridTemplateColumns"))
    rows = _lenient(report, lambda: parse_track_list(decls.get("gridTemplateRows"), resolve,
                                                     "gridTemplateRows"))
    auto_columns = _lenient(report, lambda: parse_auto_tracks(decls.get("gridAutoColumns"), resolve,
                                                              "gridAutoColumns"))
    auto_rows = _lenient(report, lambda: parse_auto_tracks(decls.get("gridAutoRows"), resolve,
                                                           "gridAutoRows"))
    auto_flow = _lenient(report, lambda: parse_auto_flow(decls.get("gridAutoFlow")))
    areas = _lenient(report, lambda: parse_template_areas(decls.get("gridTemplateAreas")))
    column_lines = _line_names(columns)
    row_lines = _line_names(rows)
    for area in areas.areas if areas else ():
        for lines, start, end in ((column_lines, area.column_start, area.column_end),
                                  (row_lines, area.row_start, area.row_end)):
            lines.setdefault(f"{area.name}-start", []).append(start)
            lines.setdefault(f"{area.name}-end", []).append(end)
    for numbers in (*column_lines.values(), *row_lines.values()):
        numbers[:] = sorted(set(numbers))
    return GridContainer(columns, rows, auto_columns, auto_rows, auto_flow, areas, column_lines, row_lines)


def grid_item(decls: Mapping[str, Any], report: Report | None = None) -> GridItem | None:
    """The placement of the grid longhands ``decls``, None when all four lines are ``auto``."""
    lines = [_lenient(report, lambda name=name: parse_line(decls.get(name), name))  # type: ignore[misc]
             for name in _LINES]
    return GridItem(*lines) if any(lines) else None


def _line_names(tracks: TrackList | None) -> dict[str, list[int]]:
    """Line numbers by name; an auto repetition counts once (its count is only known in layout)."""
    out: dict[str, list[int]] = {}
    if tracks is None or not tracks.line_names:
        return out
    line = 0
    for index, names in enumerate(tracks.line_names):
        line += 1
        for name in names:
            out.setdefault(name, []).append(line)
        track = tracks.tracks[index] if index < len(tracks.tracks) else None
        if isinstance(track, Repeat):
            count = track.count if isinstance(track.count, int) else 1
            per = len(track.tracks)
            for _ in range(count):
                for offset, set_ in enumerate(track.line_names):
                    for name in set_:
                        out.setdefault(name, []).append(line + offset)
                line += per
            line -= 1
    return out


def parse_grid(values: dict[str, Any], font_size: float, lengths: LengthContext, report: Report) -> None:
    """Replace the grid properties in computed ``values`` by ``gridContainer`` and ``gridItem``.

    Lengths in tracks are resolved with the element's own font size, like
    ``lengthToNumber``; the container is parsed for ``display: grid`` only.
    """
    decls = expand_grid_shorthands(values, report)
    for name in GRID_PROPERTIES:
        values.pop(name, None)
    if values.get("displayInner") == "grid":
        values["gridContainer"] = grid_container(
            decls, lambda text: length_to_number(text, font_size, lengths, 0.0), report)
    item = grid_item(decls, report)
    if item is not None:
        values["gridItem"] = item
