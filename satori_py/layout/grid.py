"""Grid containers and items for Taffy: parsed values in, taffylib style fields out.

The reference parses a grid element's properties in ``handler/compute.ts``
(with ``parser/grid.ts``; here the style stage does, into
:mod:`satori_py.style.grid_values`) and encodes them for its
own Taffy build in ``layout-engine/encode.ts``, which understands line names
and template areas. stretchable wraps Taffy 0.7, which has neither, so this
module resolves them the way newer Taffy does (``compute/grid/types/named.rs``):
named lines and the implicit ``<area>-start``/``-end`` lines become line
numbers, and lines counted from the end follow the explicit grid that areas
may extend. The output is plain taffylib dict data (see
shared/notes/dependencies.md); :mod:`.taffy` merges it into node styles.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping
from typing import Any

from ..style.grid_parse import MAX_REPEAT, Breadth, FitContentTrack, Fr, GridLine, Repeat, TrackList, TrackSize
from ..style.grid_values import GridContainer, GridItem
from ..style.types import Calc, Percent
from .grid_place import place_items
from .node_style import NodeStyle

__all__ = ["FILLS_AREA", "fills_its_area", "fills_its_row", "grid_fields", "has_auto_repeat", "has_calc_tracks", "item_fields", "refit_auto_repeats",
           "refit_calc_basis"]

_AUTO_FLOW = {"row": 0, "column": 1, "row dense": 2, "column dense": 3}
# taffylib's repetition codes besides a count.
_SINGLE, _AUTO_FIT, _AUTO_FILL = -2, -1, 0
_AUTO_DIM: dict[str, Any] = {"dim": 0, "value": math.nan}


def _explicit_count(tracks: TrackList | None, area_count: int) -> int | None:
    """The explicit track count, None when it depends on an auto repetition."""
    count = 0
    for track in tracks.tracks if tracks else ():
        if isinstance(track, Repeat):
            if not isinstance(track.count, int):
                return None
            count += track.count * len(track.tracks)
        else:
            count += 1
    return max(count, area_count)


# --- encoding -------------------------------------------------------------------------------

def _breadth_dim(breadth: Breadth, basis: float | None) -> dict[str, Any]:
    if isinstance(breadth, (int, float)):
        return {"dim": 1, "value": float(breadth)}
    if isinstance(breadth, Percent):
        return {"dim": 2, "value": breadth.value / 100.0}
    if isinstance(breadth, Fr):
        return {"dim": 7, "value": float(breadth.value)}
    if isinstance(breadth, FitContentTrack):
        limit = breadth.limit
        if isinstance(limit, Percent):
            return {"dim": 6, "value": limit.value / 100.0}
        return {"dim": 5, "value": float(limit)}
    if isinstance(breadth, Calc):
        # Taffy 0.7 has no calc(): the container's definite size, when known, is the basis.
        return {"dim": 1, "value": max(0.0, breadth.resolve(basis or 0.0))}
    if breadth == "min-content":
        return {"dim": 3, "value": 0.0}
    if breadth == "max-content":
        return {"dim": 4, "value": 0.0}
    return _AUTO_DIM


def _min_dim(breadth: Breadth, basis: float | None) -> dict[str, Any]:
    dim = _breadth_dim(breadth, basis)
    # Flex fractions and fit-content() are only maximums.
    return _AUTO_DIM if dim["dim"] >= 5 else dim


def _track(size: TrackSize, basis: float | None) -> dict[str, Any]:
    return {"min_size": _min_dim(size.min, basis), "max_size": _breadth_dim(size.max, basis)}


def _template(tracks: TrackList | None, basis: float | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for track in tracks.tracks if tracks else ():
        if isinstance(track, Repeat):
            count = (track.count if isinstance(track.count, int)
                     else _AUTO_FILL if track.count == "auto-fill" else _AUTO_FIT)
            out.append({"repetition": count, "single": None,
                        "repeat": [_track(t, basis) for t in track.tracks]})
        else:
            out.append({"repetition": _SINGLE, "single": _track(track, basis), "repeat": []})
    return out


def _extended(template: list[dict[str, Any]], tracks: TrackList | None, area_count: int,
              auto: tuple[TrackSize, ...] | None, last_line: int, basis: float | None) -> list[dict[str, Any]]:
    """The template with the tracks up to ``last_line`` (and the areas') made explicit.

    Taffy 0.7 misplaces some items when others reach into implicit tracks, and
    knows no areas; the tracks past the template are sized by the grid's auto
    tracks either way.
    """
    explicit = _explicit_count(tracks, area_count)
    if explicit is None:
        return template
    have = len(_flat(tracks))
    want = max(explicit, last_line - 1)
    if want <= have:
        return template
    sizes = auto or (TrackSize("auto", "auto"),)
    return template + [{"repetition": _SINGLE, "single": _track(sizes[i % len(sizes)], basis), "repeat": []}
                       for i in range(want - have)]


def _flat(tracks: TrackList | None) -> list[TrackSize]:
    out: list[TrackSize] = []
    for track in tracks.tracks if tracks else ():
        if isinstance(track, Repeat):
            out.extend(list(track.tracks) * (track.count if isinstance(track.count, int) else 1))
        else:
            out.append(track)
    return out


def _container_fields(grid: GridContainer, width: float | None, height: float | None,
                      last_column: int = 0, last_row: int = 0) -> dict[str, Any]:
    """taffylib style fields of a grid container; ``width``/``height`` are calc() bases if definite.

    ``last_column``/``last_row`` are the last lines its items are placed at.
    """
    area_rows = grid.areas.row_count if grid.areas else 0
    area_columns = grid.areas.column_count if grid.areas else 0
    return {
        "grid_template_columns": _extended(_template(grid.columns, width), grid.columns, area_columns,
                                           grid.auto_columns, last_column, width),
        "grid_template_rows": _extended(_template(grid.rows, height), grid.rows, area_rows, grid.auto_rows,
                                        last_row, height),
        "grid_auto_columns": [_track(t, width) for t in grid.auto_columns or ()],
        "grid_auto_rows": [_track(t, height) for t in grid.auto_rows or ()],
        "grid_auto_flow": _AUTO_FLOW.get(grid.auto_flow or "row", 0),
    }


def _find_line(lines: Mapping[str, list[int]], name: str, index: int, end: bool, explicit: int,
               keep: Callable[[list[int]], list[int]] = lambda lines: lines) -> int:
    """The ``index``th line named ``name`` (from the end if negative), as newer Taffy finds it."""
    index = index or 1
    found = lines.get(name)
    if found is None:
        found = lines.get(f"{name}-{'end' if end else 'start'}")
    if found is not None:
        candidates = keep(found)
        count = abs(index)
        if count <= len(candidates):
            return candidates[count - 1] if index > 0 else candidates[len(candidates) - count]
        remaining = (count - len(candidates)) * (1 if index > 0 else -1)
        return explicit + 1 + remaining if index > 0 else -(explicit + 1 + remaining)
    # Every implicit line is taken to have the name.
    return explicit + 1 + index if index > 0 else -(explicit + 1 + index)


def _placement(kind: str, value: int) -> dict[str, Any]:
    return {"kind": {"auto": 0, "line": 1, "span": 2}[kind], "value": int(value)}


def _axis(start: GridLine | None, end: GridLine | None, lines: Mapping[str, list[int]],
          explicit: int | None) -> dict[str, Any]:
    count = explicit if explicit is not None else 0

    def resolved(line: GridLine | None, is_end: bool) -> GridLine | None:
        if line is not None and line.kind == "line" and line.name:
            return GridLine("line", _find_line(lines, line.name, line.value, is_end, count))
        return line

    s, e = resolved(start, False), resolved(end, True)
    # A span to a named line counts from the line on the other side.
    if s is not None and s.kind == "line" and e is not None and e.kind == "span" and e.name:
        from_line = s.value if s.value > 0 else max(0, count + 1 + s.value)
        e = GridLine("line", _find_line(lines, e.name, e.value, True, count,
                                        lambda ls: ls[bisect.bisect_right(ls, from_line):]))
    elif e is not None and e.kind == "line" and s is not None and s.kind == "span" and s.name:
        to_line = e.value if e.value > 0 else max(0, count + 1 + e.value)
        s = GridLine("line", _find_line(lines, s.name, s.value, False, count,
                                        lambda ls: ls[:bisect.bisect_left(ls, to_line)]))

    def encode(line: GridLine | None) -> dict[str, Any]:
        if line is None:
            return _placement("auto", 0)
        if line.kind == "span":
            return _placement("span", line.value if not line.name else 1)
        value = line.value
        # Lines from the end follow the explicit grid, which areas may extend beyond Taffy's.
        if value < 0 and explicit is not None and explicit + 2 + value >= 1:
            value = explicit + 2 + value
        return _placement("line", value)

    return {"start": encode(s), "end": encode(e)}


def _line(oz: int, explicit: int) -> int:
    """An origin-zero line as a CSS line number."""
    return oz + 1 if oz >= 0 else oz - explicit - 1


def _repeated_once(tracks: TrackList | None, area_count: int) -> int:
    """The explicit track count, an auto repetition counted once (Taffy's count without a size)."""
    count = 0
    for track in tracks.tracks if tracks else ():
        count += (track.count if isinstance(track, Repeat) and isinstance(track.count, int) else 1) * (
            len(track.tracks) if isinstance(track, Repeat) else 1)
    return max(count, area_count)


# An item's field (read and removed by taffy.py): the axes ("width", "height") whose size of
# 100 % is given to Taffy as auto.
FILLS_AREA = "fills_area"
_STRETCHED = (None, "normal", "stretch", "auto")


def fills_its_area(item: NodeStyle, grid: NodeStyle) -> bool:
    """Whether a grid item's ``width: 100%`` is its grid area's width, as Taffy's stretch of an
    automatic width makes it. Taffy 0.7 counts the percentage of the grid's width in the
    columns' content sizes (a ``w-full`` item widened a ``1fr`` column past its share, to the
    grid's whole width); the reference's Taffy counts the item's content, as an automatic width.
    Only where the stretch gives the same box: no horizontal margins, and no padding or borders
    outside a content box's width, no ratio or width limits, stretched in its row."""
    return _fills(item, item.width, item.min_width, item.max_width,
                  (item.margin_left, item.margin_right, item.padding_left, item.padding_right,
                   item.border_left_width, item.border_right_width),
                  item.justify_self, grid.justify_items)


def fills_its_row(item: NodeStyle, grid: NodeStyle) -> bool:
    """Whether a grid item's ``height: 100%`` is its grid area's height, as Taffy's stretch of an
    automatic height makes it. Taffy 0.7 resolves it against the grid's height (an ``h-full``
    card in a two-row grid was as tall as the grid; in a grid of automatic height, its rows
    grew), where the reference's Taffy resolves it against the area. Only where the stretch
    gives the same box, as for :func:`fills_its_area` (in the column axis)."""
    return _fills(item, item.height, item.min_height, item.max_height,
                  (item.margin_top, item.margin_bottom, item.padding_top, item.padding_bottom,
                   item.border_top_width, item.border_bottom_width),
                  item.align_self, grid.align_items)


def _fills(item: NodeStyle, size: object, low: object, high: object, edges: tuple[object, ...],
           self_alignment: str | None, alignment: str | None) -> bool:
    """:func:`fills_its_area` in one axis: its size, limits, (margins, paddings, borders) there,
    and its own and its grid's alignment there."""
    if not isinstance(size, Percent) or size.value != 100 or item.aspect_ratio is not None:
        return False
    if low not in (None, "auto") or high not in (None, "none") or edges[0] != 0 or edges[1] != 0:
        return False
    if item.box_sizing != "border-box" and any(edges[2:]):
        return False
    return self_alignment in _STRETCHED and (self_alignment not in (None, "auto") or alignment in _STRETCHED)


def grid_fields(grid: GridContainer, style: NodeStyle, calc_basis: tuple[float, float] | None,
                children: list[tuple[GridItem | None, NodeStyle]], path: str | None = None
                ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """taffylib fields of a grid container (its layout node style) and of each of its children
    (their lines and layout node styles). ``calc_basis``: see :func:`refit_calc_basis`.

    In-flow items are placed here (:mod:`.grid_place`), so Taffy gets definite lines only.
    """
    area_rows = grid.areas.row_count if grid.areas else 0
    area_columns = grid.areas.column_count if grid.areas else 0
    columns = _repeated_once(grid.columns, area_columns)
    rows = _repeated_once(grid.rows, area_rows)
    fields = [item_fields(item or GridItem(), grid) for item, _ in children]
    in_flow = [i for i, (_, child) in enumerate(children)
               if child.position != "absolute" and child.display != "none"]
    placed = place_items([(fields[i]["grid_row"], fields[i]["grid_column"]) for i in in_flow], columns, rows,
                         grid.auto_flow or "row", path)
    last_column = last_row = 0
    for index, (row, column) in zip(in_flow, placed):
        fields[index] = {
            "grid_row": {"start": _placement("line", _line(row.start or 0, rows)),
                         "end": _placement("line", _line(row.end, rows))},
            "grid_column": {"start": _placement("line", _line(column.start or 0, columns)),
                            "end": _placement("line", _line(column.end, columns))},
        }
        fills = tuple(axis for axis, test in (("width", fills_its_area), ("height", fills_its_row))
                      if test(children[index][1], style))
        if fills:
            fields[index][FILLS_AREA] = fills
        last_column = max(last_column, column.end + 1)
        last_row = max(last_row, row.end + 1)
    # calc() tracks with percentages: the content box of the last pass, else a definite size.
    width, height = calc_basis or (style.width, style.height)
    container = _container_fields(grid, width if isinstance(width, float) else None,
                                  height if isinstance(height, float) else None, last_column, last_row)
    return container, fields


def item_fields(item: GridItem, parent: GridContainer | None) -> dict[str, Any]:
    """taffylib ``grid_row``/``grid_column`` of an item of ``parent`` (None: not a grid)."""
    grid = parent or GridContainer()
    area_rows = grid.areas.row_count if grid.areas else 0
    area_columns = grid.areas.column_count if grid.areas else 0
    return {
        "grid_row": _axis(item.row_start, item.row_end, grid.row_lines, _explicit_count(grid.rows, area_rows)),
        "grid_column": _axis(item.column_start, item.column_end, grid.column_lines,
                             _explicit_count(grid.columns, area_columns)),
    }


# --- auto repetitions -----------------------------------------------------------------------

def _definite(breadth: Breadth, size: float) -> float | None:
    if isinstance(breadth, (int, float)):
        return float(breadth)
    if isinstance(breadth, Percent):
        return breadth.resolve(size)
    if isinstance(breadth, Calc):
        return breadth.resolve(size)
    return None


def _track_value(track: TrackSize, size: float) -> float:
    """A track as its max sizing function if definite (floored by the min), else its min."""
    high, low = _definite(track.max, size), _definite(track.min, size)
    if high is not None:
        return max(high, low) if low is not None else high
    return low or 0.0


def _repetitions(tracks: TrackList, size: float, gap: float, items: int) -> TrackList:
    """The track list with its auto repetition as the count that fits ``size`` (css-grid §7.2.3.2)."""
    repeat = next(t for t in tracks.tracks if isinstance(t, Repeat) and not isinstance(t.count, int))
    fixed = 0.0
    fixed_count = 0
    for track in tracks.tracks:
        if isinstance(track, Repeat):
            if isinstance(track.count, int):
                fixed += track.count * sum(_track_value(t, size) for t in track.tracks)
                fixed_count += track.count * len(track.tracks)
        else:
            fixed += _track_value(track, size)
            fixed_count += 1
    per = sum(_track_value(t, size) for t in repeat.tracks)
    count = 1
    while count < 1000:
        n = count + 1
        total_tracks = fixed_count + n * len(repeat.tracks)
        if fixed + n * per + gap * (total_tracks - 1) > size + 1e-3:
            break
        count = n
    # No more tracks than a template may have (repeat(auto-fill, 0px ...) fits any count).
    count = max(1, min(count, (MAX_REPEAT - fixed_count) // len(repeat.tracks)))
    if repeat.count == "auto-fit":
        # Empty repetitions collapse: with as many as items, the rest of the space goes to them.
        count = max(1, min(count, items))
    fixed_tracks = tuple(Repeat(count, repeat.tracks, repeat.line_names) if t is repeat else t
                         for t in tracks.tracks)
    return TrackList(fixed_tracks, tracks.line_names)


def has_auto_repeat(grid: GridContainer) -> bool:
    return _has_auto_repeat(grid.columns) or _has_auto_repeat(grid.rows)


def has_calc_tracks(grid: GridContainer) -> bool:
    tracks: list[TrackSize] = [*_flat(grid.columns), *_flat(grid.rows), *(grid.auto_columns or ()),
                               *(grid.auto_rows or ())]
    return any(isinstance(t.min, Calc) or isinstance(t.max, Calc) for t in tracks)


def refit_calc_basis(node: Any) -> bool:
    """Take the grid's last content box as the basis of its calc() tracks; whether it changed."""
    basis = (node.box.content_width, node.box.content_height)
    old = node.hints.calc_basis
    if old is not None and abs(old[0] - basis[0]) < 1e-3 and abs(old[1] - basis[1]) < 1e-3:
        return False
    node.hints.calc_basis = basis
    return True


def _has_auto_repeat(tracks: TrackList | None) -> bool:
    return tracks is not None and any(isinstance(t, Repeat) and not isinstance(t.count, int)
                                      for t in tracks.tracks)


def refit_auto_repeats(node: Any, width_definite: bool, height_definite: bool) -> bool:
    """Resolve ``auto-fill``/``auto-fit`` counts from the grid's last laid-out size.

    Taffy 0.7 repeats once when the container's size isn't known yet at its
    own layout (e.g. a stretched flex item); the reference's Taffy counts
    with the final size. Whether the count changed (lay out again).
    """
    grid = node.hints.grid
    original: GridContainer | None = node.hints.declared_grid
    if original is None or not (_has_auto_repeat(original.columns) or _has_auto_repeat(original.rows)):
        return False
    node.hints.grid_template = original
    box = node.box
    items = sum(1 for c in node.children if c.style.position != "absolute"
                and c.style.display != "none")
    columns, rows = original.columns, original.rows
    gap_x = node.style.column_gap
    gap_y = node.style.row_gap
    if _has_auto_repeat(columns) and width_definite:
        assert columns is not None
        columns = _repetitions(columns, box.content_width, gap_x if isinstance(gap_x, float) else 0.0, items)
    if _has_auto_repeat(rows) and height_definite:
        assert rows is not None
        rows = _repetitions(rows, box.content_height, gap_y if isinstance(gap_y, float) else 0.0, items)
    fitted = GridContainer(columns, rows, original.auto_columns, original.auto_rows, original.auto_flow,
                           original.areas, original.column_lines, original.row_lines)
    if fitted == grid:
        return False
    node.hints.grid = fitted
    return True
