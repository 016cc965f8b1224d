"""``auto`` grid columns beside ``fr`` ones, sized as the reference's Taffy does, between passes.

Taffy 0.7 grows ``auto`` tracks past their growth limits (their max-content
contributions) when it distributes the free space up to the limits ("maximize
tracks"): a track frozen at its limit in one round still takes its share in the
next (fixed in Taffy by PR #1001; the reference's build has the fix). E.g. in
``gridTemplateColumns: "auto 1fr auto"`` holding "a m", nothing and "l R", the
first column gets 36px instead of its max-content 28px, and the ``1fr`` column
that much less.

For the columns of a grid laid out at a definite width (see
:func:`refit_auto_columns`) whose tracks are only ``auto``, ``fr`` and px, and
whose items each sit in one column with an automatic width, the ``auto``
columns get their sizes by the specification's algorithm (base sizes from the
items' min-content widths, the free space given equally up to their
max-content widths) as px tracks; the ``fr`` columns then take what is left, as
before. The original template is kept in ``node.hints.grid_template``.
"""
from __future__ import annotations

from typing import Any

from ..style.grid_parse import Fr, TrackList, TrackSize
from ..style.grid_values import GridContainer
from ..style.types import Percent
from .fit_measure import LayOut, intrinsic_width
from .grid import grid_fields
from .taffy import LayoutNode

__all__ = ["has_auto_and_fr_columns", "refit_auto_columns", "width_is_given"]

_EPS = 1e-3


def _kind(track: Any) -> str | None:
    """``auto``, ``fr`` (with an automatic minimum), ``px``, or None (anything else)."""
    if not isinstance(track, TrackSize):
        return None  # a repetition
    if track.min == "auto" and track.max == "auto":
        return "auto"
    if track.min == "auto" and isinstance(track.max, Fr):
        return "fr"
    if isinstance(track.min, float) and track.min == track.max:
        return "px"
    return None


def has_auto_and_fr_columns(grid: GridContainer) -> bool:
    """Whether the grid's columns are ``auto``, ``fr`` and px tracks, with both of the first two."""
    kinds = [_kind(t) for t in grid.columns.tracks] if grid.columns is not None else []
    return None not in kinds and "auto" in kinds and "fr" in kinds


def _in_flow(node: LayoutNode) -> bool:
    return node.style.position != "absolute" and node.style.display != "none"


def _columns(node: LayoutNode, grid: GridContainer, count: int) -> list[int] | None:
    """The (0-based) column of each in-flow item, or None when one spans several or none."""
    children = sorted(node.children, key=lambda c: c.style.order or 0)
    _, fields = grid_fields(grid, node.style, node.hints.calc_basis, [(c.hints.grid_item, c.style) for c in children],
                            node.path)
    out = []
    for child, field in zip(children, fields):
        if not _in_flow(child):
            continue
        start, end = field["grid_column"]["start"]["value"], field["grid_column"]["end"]["value"]
        if not 1 <= start <= count or end != start + 1:
            return None
        out.append(start - 1)
    return out


def _auto_width(item: LayoutNode) -> bool:
    style = item.style
    return (all(value in (None, "auto", "none") for value in (style.width, style.min_width, style.max_width))
            and "auto" not in (style.margin_left, style.margin_right))


def width_is_given(node: LayoutNode, parents: dict[int, LayoutNode | None]) -> bool:
    """Whether a box's width doesn't come from its content: the root's, a px width, a
    percentage of such a width, or stretched across a flex column or a block container
    whose width is such."""
    style = node.style
    parent = parents.get(id(node))
    if parent is None or isinstance(style.width, float):
        return True
    if style.position == "absolute":
        return False
    width = style.width
    if isinstance(width, Percent):
        return width_is_given(parent, parents)
    if width not in (None, "auto") or "auto" in (style.margin_left, style.margin_right):
        return False
    display = parent.style.display
    column = parent.style.flex_direction in ("column", "column-reverse")
    align = style.align_self or parent.style.align_items or "stretch"
    stretched = display in ("block", "flow-root") or (display == "flex" and column and align in ("stretch", "auto"))
    return stretched and width_is_given(parent, parents)


def refit_auto_columns(node: LayoutNode, lay_out: LayOut) -> bool:
    """Size the ``auto`` columns of a grid laid out at its content width; whether they changed.

    Called for a grid whose width doesn't come from its content (see
    :func:`width_is_given`): its content box is the definite width Taffy sized
    the tracks in.
    """
    style = node.style
    original: GridContainer | None = node.hints.declared_grid
    if original is None or original.columns is None:
        return False
    if not has_auto_and_fr_columns(original):
        return False
    tracks = original.columns.tracks
    kinds = [_kind(t) for t in tracks]
    placed = _columns(node, original, len(tracks))
    items = [c for c in sorted(node.children, key=lambda c: c.style.order or 0) if _in_flow(c)]
    if placed is None or not all(_auto_width(item) for item in items):
        return False
    base = [t.min if isinstance(t, TrackSize) and isinstance(t.min, float) else 0.0 for t in tracks]
    limit = list(base)
    for item, column in zip(items, placed):
        if kinds[column] == "px":
            continue
        margins = item.box.margin.left + item.box.margin.right
        low = intrinsic_width(item, "min-content", lay_out) + margins
        base[column] = max(base[column], low)
        if kinds[column] == "auto":
            limit[column] = max(limit[column], intrinsic_width(item, "max-content", lay_out) + margins)
    gap = style.column_gap
    free = node.box.content_width - sum(base) - (gap if isinstance(gap, float) else 0.0) * (len(tracks) - 1)
    if free < -_EPS:
        return False  # no free space to distribute: Taffy's sizes stand
    sizes = list(base)
    growing = [i for i, k in enumerate(kinds) if k == "auto" and limit[i] > sizes[i] + _EPS]
    while growing and free > _EPS:
        share = free / len(growing)
        for i in growing:
            step = min(share, max(limit[i], sizes[i]) - sizes[i])
            sizes[i] += step
            free -= step
        growing = [i for i in growing if limit[i] > sizes[i] + _EPS]
    fitted_tracks = tuple(TrackSize(sizes[i], sizes[i]) if k == "auto" else t
                          for i, (t, k) in enumerate(zip(tracks, kinds)))
    fitted = GridContainer(TrackList(fitted_tracks, original.columns.line_names), original.rows,
                           original.auto_columns, original.auto_rows, original.auto_flow, original.areas,
                           original.column_lines, original.row_lines)
    current = node.hints.grid
    if current is not None and current.columns is not None and all(
            _close(a, b) for a, b in zip(current.columns.tracks, fitted_tracks)) \
            and len(current.columns.tracks) == len(fitted_tracks):
        return False
    node.hints.grid_template = original
    node.hints.grid = fitted
    return True


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, TrackSize) and isinstance(b, TrackSize) and isinstance(a.min, float) \
            and isinstance(b.min, float):
        return abs(a.min - b.min) <= _EPS and a.max == a.min and b.max == b.min
    return bool(a == b)
