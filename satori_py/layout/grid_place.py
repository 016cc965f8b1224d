"""Grid item placement: every in-flow item gets definite lines before Taffy sees it.

Mirrors the grid item placement algorithm (https://www.w3.org/TR/css-grid-1/#auto-placement-algo)
as the reference's Taffy build runs it. Taffy 0.7 misplaces an item whose
column is definite and whose row is auto once the cursor has moved past its
column (``place_indefinitely_positioned_item`` restarts one track over), so
the whole algorithm runs here and Taffy only gets definite placements.
Lines are in "origin zero" coordinates (line 1 is 0), as Taffy counts them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import LimitError

__all__ = ["MAX_CELLS", "Placement", "place_items"]


@dataclass(slots=True)
class Placement:
    """One axis of an item: a definite range (start, end), or only a span."""

    start: int | None
    span: int

    @property
    def end(self) -> int:
        assert self.start is not None
        return self.start + self.span


def _axis(fields: dict[str, Any], explicit: int) -> Placement:
    """Resolve taffylib placements (kind 0 auto, 1 line, 2 span) into origin-zero lines."""
    def oz(line: int) -> int:
        return line - 1 if line > 0 else explicit + 1 + line

    start, end = fields["start"], fields["end"]
    s_line = oz(start["value"]) if start["kind"] == 1 and start["value"] != 0 else None
    e_line = oz(end["value"]) if end["kind"] == 1 and end["value"] != 0 else None
    s_span = start["value"] if start["kind"] == 2 else None
    e_span = end["value"] if end["kind"] == 2 else None
    if s_line is not None and e_line is not None:
        if s_line > e_line:
            s_line, e_line = e_line, s_line
        return Placement(s_line, max(1, e_line - s_line))
    if s_line is not None:
        return Placement(s_line, e_span or 1)
    if e_line is not None:
        span = s_span or 1
        return Placement(e_line - span, span)
    return Placement(None, s_span or e_span or 1)


# The most cells the placement of a grid's items may visit (cells taken, and checked while
# looking for room), a row at a time: an item spanning 10000 x 10000 tracks asked for a set
# of 10^8 cells (MemoryError after a minute), 1000 x 1000 took 1.5 s.
MAX_CELLS = 1_000_000


# A cell (r, c) is kept as r * _ROW + c: lines are within +-10000 of the explicit grid
# (grid_parse.MAX_LINE), far from _ROW / 2; an int takes less memory than a tuple.
_ROW = 1 << 20


class _Cells:
    def __init__(self, path: str | None) -> None:
        self.taken: set[int] = set()
        self.visited = 0
        self.path = path

    def _visit(self, count: int) -> None:
        self.visited += count
        if self.visited > MAX_CELLS:
            raise LimitError(f"Placing the grid's items visits more than {MAX_CELLS} cells: they span or skip "
                             "too many tracks.", path=self.path)

    def free(self, rows: range, columns: range) -> bool:
        for r in rows:
            self._visit(len(columns))
            row = r * _ROW
            if any(row + c in self.taken for c in columns):
                return False
        return True

    def take(self, rows: range, columns: range) -> None:
        for r in rows:
            self._visit(len(columns))
            row = r * _ROW
            self.taken.update(row + c for c in columns)


def place_items(items: Sequence[tuple[dict[str, Any], dict[str, Any]]], explicit_columns: int,
                explicit_rows: int, flow: str, path: str | None = None) -> list[tuple[Placement, Placement]]:
    """Definite (row, column) placements of items given their taffylib ``grid_row``/``grid_column``.

    ``flow`` is ``row``, ``column``, ``row dense`` or ``column dense``; ``path`` is the grid's,
    for the LimitError past :data:`MAX_CELLS`.
    """
    column_flow = flow.startswith("column")
    dense = flow.endswith("dense")
    # Work in (primary, secondary) axes: the cursor moves along the primary axis.
    resolved: list[list[Placement]] = []
    for row, column in items:
        r, c = _axis(row, explicit_rows), _axis(column, explicit_columns)
        resolved.append([r, c] if column_flow else [c, r])
    explicit_primary = explicit_rows if column_flow else explicit_columns
    cells = _Cells(path)

    def rng(p: Placement) -> range:
        return range(p.start or 0, (p.start or 0) + p.span)

    def take(primary: Placement, secondary: Placement) -> None:
        cells.take(rng(secondary), rng(primary))

    # 1. Items with definite positions on both axes.
    for primary, secondary in resolved:
        if primary.start is not None and secondary.start is not None:
            take(primary, secondary)
    # 2. Items locked to a secondary track (a row in row flow).
    cursors: dict[int, int] = {}
    for primary, secondary in resolved:
        if secondary.start is None or primary.start is not None:
            continue
        start = 0 if dense else cursors.get(secondary.start, 0)
        while not cells.free(rng(secondary), range(start, start + primary.span)):
            start += 1
        primary.start = start
        cursors[secondary.start] = start + primary.span
        take(primary, secondary)
    # 3. The primary axis of the implicit grid: the explicit tracks, the placed items, the widest span.
    low = min([0, *(p.start for p, _s in resolved if p.start is not None)])
    high = max([explicit_primary, *(p.end for p, _s in resolved if p.start is not None),
                *(low + p.span for p, s in resolved if p.start is None)])
    # 4. The remaining items, with the cursor.
    cursor_primary, cursor_secondary = low, min([0, *(s.start for _p, s in resolved if s.start is not None)])
    start_secondary = cursor_secondary
    for primary, secondary in resolved:
        if secondary.start is not None:
            continue
        if primary.start is not None:
            if dense:
                cursor_secondary = start_secondary
            elif primary.start < cursor_primary:
                cursor_secondary += 1
            cursor_primary = primary.start
            while not cells.free(range(cursor_secondary, cursor_secondary + secondary.span), rng(primary)):
                cursor_secondary += 1
        else:
            if dense:
                cursor_primary, cursor_secondary = low, start_secondary
            while True:
                if cursor_primary + primary.span > high:
                    cursor_secondary += 1
                    cursor_primary = low
                    continue
                if cells.free(range(cursor_secondary, cursor_secondary + secondary.span),
                              range(cursor_primary, cursor_primary + primary.span)):
                    break
                cursor_primary += 1
            primary.start = cursor_primary
        secondary.start = cursor_secondary
        take(primary, secondary)
        if not dense:
            cursor_primary = primary.end
    return [(p, s) if column_flow else (s, p) for p, s in resolved]
