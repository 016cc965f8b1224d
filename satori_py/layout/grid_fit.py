"""``auto`` grid columns, sized as the reference's Taffy does, between passes.

Taffy 0.7 grows ``auto`` tracks past their growth limits (their max-content
contributions) when it distributes the free space up to the limits ("maximize
tracks"): a track frozen at its limit in one round still takes its share in the
next (fixed in Taffy by PR #1001; the reference's build has the fix). E.g. in
``gridTemplateColumns: "auto 1fr auto"`` holding "a m", nothing and "l R", the
first column gets 36px instead of its max-content 28px, and the ``1fr`` column
that much less; in two ``auto`` columns (``gridTemplateAreas: "head head" "side
main"``) under a 200px heading spanning both, with a 259px link in the first, each
column gets half the free space (234/166, the link wraps) instead of the first
growing to its limit (296.5/103.5).

For the columns of a grid laid out at a definite width (see
:func:`refit_auto_columns`) whose tracks are only ``auto``, ``fr`` and px (with an
``auto`` one beside an ``fr`` one or another ``auto`` one; the areas' columns
count, sized by ``gridAutoColumns``), and whose items have an automatic width and
span no ``fr`` column but their own, the ``auto`` columns get their sizes by the
specification's algorithm as px tracks: base sizes from the items' min-content
widths and growth limits from their max-content widths (an item spanning several
columns adds what they lack equally, up to their limits first), the free space
given equally up to the limits, and what is left equally to the ``auto`` columns
when no ``fr`` one takes it (``justifyContent`` normal or stretch). The ``fr``
columns then take what is left, as before. The original template is kept in
``node.hints.grid_template``.

A grid holding an item with a percentage width (a ``w-1/2`` card in a ``grid-cols-3``,
``w-full p-4`` in a content box) gets the same treatment, its ``fr`` columns sized too (the
specification's "expand flexible tracks", each ``fr`` column at least its items' min-content
width): Taffy 0.7 counts that percentage of the grid's width in its column's content size
(a ``width: 50%`` item widened its ``1fr`` column to half the grid), where the reference's
Taffy counts the item's content, as for an automatic width, and takes the percentage of its
grid area. Once the columns are px tracks, Taffy 0.7 resolves it against the area too.
"""
from __future__ import annotations

import math
from typing import Any

from ..style.grid_parse import Fr, Repeat, TrackList, TrackSize
from ..style.grid_values import GridContainer
from ..style.types import Percent
from .fit_measure import LayOut, intrinsic_width
from .grid import fills_its_area, grid_fields
from .taffy import LayoutNode

__all__ = ["has_fitted_columns", "has_percent_items", "refit_auto_columns", "width_is_given"]

_EPS = 1e-3


def _kind(track: Any) -> str | None:
    """``auto``, ``fr`` (with an automatic minimum), ``px``, ``flex`` (an ``fr`` with a px
    minimum: ``minmax(0, 1fr)``), ``%`` (a percentage), or None (anything else)."""
    if not isinstance(track, TrackSize):
        return None  # a repetition
    if track.min == "auto" and track.max == "auto":
        return "auto"
    if track.min == "auto" and isinstance(track.max, Fr):
        return "fr"
    if isinstance(track.min, float) and track.min == track.max:
        return "px"
    if isinstance(track.min, float) and isinstance(track.max, Fr):
        return "flex"
    if isinstance(track.min, Percent) and track.min == track.max:
        return "%"
    return None


def _expanded(tracks: tuple[Any, ...]) -> list[Any]:
    """Tracks with their repetitions of a fixed count written out."""
    out: list[Any] = []
    for track in tracks:
        if isinstance(track, Repeat) and isinstance(track.count, int):
            out.extend(track.tracks * track.count)
        else:
            out.append(track)
    return out


def _explicit_columns(grid: GridContainer) -> tuple[Any, ...]:
    """The explicit column tracks: the template's (repetitions written out), and the areas'
    past it sized by the auto ones."""
    tracks = _expanded(grid.columns.tracks) if grid.columns is not None else []
    areas = grid.areas.column_count if grid.areas else 0
    sizes = grid.auto_columns or (TrackSize("auto", "auto"),)
    tracks.extend(sizes[i % len(sizes)] for i in range(areas - len(tracks)))
    return tuple(tracks)


def has_fitted_columns(grid: GridContainer) -> bool:
    """Whether the grid's columns are sized here for items of automatic widths (:func:`_auto_kinds`)."""
    return _auto_kinds([_kind(t) for t in _explicit_columns(grid)])


def has_percent_items(node: LayoutNode) -> bool:
    """Whether a grid's columns are sized here for its items (its children built): one has a
    percentage width, and its columns are explicit tracks of the kinds :func:`_kind` knows, one
    of them ``auto`` or an ``fr``. (Other grids keep their layouts for reuse: reuse.py.)"""
    grid = node.hints.declared_grid
    return grid is not None and _fitted_kinds([_kind(t) for t in _explicit_columns(grid)]) and any(
        _percent_width(child, node) for child in node.children if _in_flow(child))


def _fitted_kinds(kinds: list[str | None]) -> bool:
    return None not in kinds and ("auto" in kinds or "fr" in kinds or "flex" in kinds)


def _auto_kinds(kinds: list[str | None]) -> bool:
    """Whether columns of these kinds are sized for items of automatic widths too: ``auto``,
    ``fr`` and px ones, an ``auto`` one beside an ``fr`` one or another ``auto`` one."""
    return set(kinds) <= {"auto", "fr", "px"} and "auto" in kinds and ("fr" in kinds or kinds.count("auto") > 1)


def _in_flow(node: LayoutNode) -> bool:
    return node.style.position != "absolute" and node.style.display != "none"


def _columns(node: LayoutNode, grid: GridContainer, count: int) -> list[tuple[int, int]] | None:
    """The (0-based) columns each in-flow item spans, (first, last + 1), or None when one is
    placed past the explicit columns."""
    children = sorted(node.children, key=lambda c: c.style.order or 0)
    _, fields = grid_fields(grid, node.style, node.hints.calc_basis, [(c.hints.grid_item, c.style) for c in children],
                            node.path)
    out = []
    for child, field in zip(children, fields):
        if not _in_flow(child):
            continue
        start, end = field["grid_column"]["start"]["value"], field["grid_column"]["end"]["value"]
        if not 1 <= start < end <= count + 1:
            return None
        out.append((start - 1, end - 1))
    return out


def _auto_width(item: LayoutNode) -> bool:
    style = item.style
    return (all(value in (None, "auto", "none") for value in (style.width, style.min_width, style.max_width))
            and "auto" not in (style.margin_left, style.margin_right))


def _percent_width(item: LayoutNode, grid: LayoutNode) -> bool:
    """Whether an item has a percentage width Taffy 0.7 counts of the grid's width in its
    columns (not a ``width: 100%`` given to Taffy as its area's, :func:`.grid.fills_its_area`)."""
    return isinstance(item.style.width, Percent) and not fills_its_area(item.style, grid.style)


def _sized_width(item: LayoutNode) -> bool:
    """Whether an item's width is automatic, px or a percentage, without width limits or
    automatic margins."""
    style = item.style
    return (style.width in (None, "auto") or isinstance(style.width, (float, Percent))) and \
        style.min_width in (None, "auto") and style.max_width in (None, "none") and \
        "auto" not in (style.margin_left, style.margin_right)


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
    """Size the ``auto`` columns of a grid laid out at its content width (and its ``fr`` ones
    when an item has a percentage width); whether they changed.

    Called for a grid whose width doesn't come from its content (see
    :func:`width_is_given`): its content box is the definite width Taffy sized
    the tracks in.
    """
    style = node.style
    original: GridContainer | None = node.hints.declared_grid
    if original is None or not _fitted_kinds([_kind(t) for t in _explicit_columns(original)]):
        return False
    items = [c for c in sorted(node.children, key=lambda c: c.style.order or 0) if _in_flow(c)]
    width = node.box.content_width
    tracks = tuple(TrackSize(t.min.resolve(width), t.min.resolve(width)) if _kind(t) == "%" else t
                   for t in _explicit_columns(original))
    kinds = [_kind(t) for t in tracks]
    percent = any(_percent_width(item, node) for item in items)
    if percent:
        if not all(_sized_width(item) for item in items):
            return False
    elif not _auto_kinds(kinds) or not all(_auto_width(item) for item in items):
        return False
    placed = _columns(node, original, len(tracks))
    flexible = [i for i, k in enumerate(kinds) if k in ("fr", "flex")]
    if placed is None:
        return False
    alone: list[tuple[LayoutNode, tuple[int, int]]] = []
    spanning: list[tuple[LayoutNode, tuple[int, int]]] = []
    for item, (start, end) in zip(items, placed):
        crosses = end - start > 1 and any(i in flexible for i in range(start, end))
        (spanning if crosses else alone).append((item, (start, end)))
    if spanning and not percent:
        return False
    gap = style.column_gap if isinstance(style.column_gap, float) else 0.0
    base, limit = _intrinsic_sizes(alone, kinds, tracks, gap, lay_out)
    for item, (start, end) in spanning:
        # An item spanning an ``fr`` column adds what its columns lack to their ``fr`` ones, by
        # their factors (the specification's last step of "resolve intrinsic track sizes").
        lack = _contributions(item, lay_out)[0] - sum(base[start:end]) - gap * (end - start - 1)
        factors = {i: _factor(tracks[i]) for i in range(start, end) if i in flexible}
        total = sum(factors.values())
        if lack > _EPS and total > 0:
            for i, factor in factors.items():
                base[i] += lack * factor / total
    free = width - sum(base) - gap * (len(tracks) - 1)
    if free < -_EPS and not percent:
        return False  # no free space to distribute: Taffy's sizes stand
    sizes = list(base)
    autos = [i for i, k in enumerate(kinds) if k == "auto"]
    growing = [i for i in autos if limit[i] > sizes[i] + _EPS]
    while growing and free > _EPS:
        share = free / len(growing)
        for i in growing:
            step = min(share, limit[i] - sizes[i])
            sizes[i] += step
            free -= step
        growing = [i for i in growing if limit[i] > sizes[i] + _EPS]
    if not flexible and free > _EPS and style.justify_content in (None, "normal", "stretch"):
        for i in autos:  # what is left stretches the auto columns
            sizes[i] += free / len(autos)
    if percent:
        _expand_flexible(sizes, tracks, flexible, free)
        fitted_tracks = tuple(TrackSize(size, size) for size in sizes)
    else:
        # (The fr columns take what is left, in Taffy.)
        fitted_tracks = tuple(TrackSize(sizes[i], sizes[i]) if k == "auto" else t
                              for i, (t, k) in enumerate(zip(tracks, kinds)))
    # (The template's line names, unless the areas added columns past it.)
    names = original.columns.line_names if original.columns and len(original.columns.tracks) == len(tracks) else ()
    fitted = GridContainer(TrackList(fitted_tracks, names),
                           original.rows, original.auto_columns, original.auto_rows, original.auto_flow,
                           original.areas, original.column_lines, original.row_lines)
    current = node.hints.grid
    if current is not None and current.columns is not None and all(
            _close(a, b) for a, b in zip(current.columns.tracks, fitted_tracks)) \
            and len(current.columns.tracks) == len(fitted_tracks):
        return False
    node.hints.grid_template = original
    node.hints.grid = fitted
    return True


def _expand_flexible(sizes: list[float], tracks: tuple[Any, ...], flexible: list[int], free: float) -> None:
    """Give the ``fr`` columns (at their base sizes in ``sizes``) their share of the ``free``
    space left, in place: the specification's "find the size of an fr", a column whose base
    size is more than its share keeping its base size and the others sharing the rest."""
    space = free + sum(sizes[i] for i in flexible)
    open_ = list(flexible)
    while open_:
        factors = sum(_factor(tracks[i]) for i in open_)
        unit = space / max(factors, 1.0)
        kept = [i for i in open_ if sizes[i] > unit * _factor(tracks[i]) + _EPS]
        if not kept:
            for i in open_:
                sizes[i] = unit * _factor(tracks[i])
            return
        space -= sum(sizes[i] for i in kept)
        open_ = [i for i in open_ if i not in kept]


def _factor(track: Any) -> float:
    """A flexible column's flex factor (0 for another)."""
    return track.max.value if isinstance(track, TrackSize) and isinstance(track.max, Fr) else 0.0


def _intrinsic_sizes(placed: list[tuple[LayoutNode, tuple[int, int]]], kinds: list[str | None],
                     tracks: tuple[Any, ...], gap: float, lay_out: LayOut) -> tuple[list[float], list[float]]:
    """The columns' base sizes and growth limits from their items' contributions (the
    specification's "resolve intrinsic track sizes"): items in one column first, then those
    spanning more, fewer columns first; an ``fr`` column's limit is its base size."""
    base = [t.min if isinstance(t, TrackSize) and isinstance(t.min, float) else 0.0 for t in tracks]
    limit = [math.inf if k == "auto" else b for k, b in zip(kinds, base)]

    for item, (start, end) in placed:
        if end - start == 1 and kinds[start] in ("auto", "fr"):
            low, high = _contributions(item, lay_out)
            base[start] = max(base[start], low)
            if kinds[start] == "auto":
                limit[start] = high if math.isinf(limit[start]) else max(limit[start], high)
    for span in sorted({end - start for _, (start, end) in placed if end - start > 1}):
        group = [(item, range(start, end)) for item, (start, end) in placed if end - start == span]
        grown = [0.0] * len(kinds)  # the planned increases of the group, the largest per column
        needs: list[tuple[list[int], range, float]] = []
        for item, columns in group:
            autos = [i for i in columns if kinds[i] == "auto"]
            if not autos:
                continue
            low, high = _contributions(item, lay_out)
            gaps = gap * (span - 1)
            for i, step in _distribute(low - sum(base[i] for i in columns) - gaps, autos, base, limit).items():
                grown[i] = max(grown[i], step)
            needs.append((autos, columns, high - gaps))
        for i, step in enumerate(grown):
            base[i] += step
        raised = [0.0] * len(kinds)
        for autos, columns, high in needs:
            extra = high - sum(base[i] if math.isinf(limit[i]) else limit[i] for i in columns)
            for i in autos:
                raised[i] = max(raised[i], max(0.0, extra) / len(autos))
        for _, columns in group:
            for i in columns:
                if kinds[i] == "auto":
                    limit[i] = (base[i] if math.isinf(limit[i]) else limit[i]) + raised[i]
    limit = [b if math.isinf(lim) else max(lim, b) for b, lim in zip(base, limit)]
    return base, limit


def _contributions(item: LayoutNode, lay_out: LayOut) -> tuple[float, float]:
    """An item's min-content and max-content contributions to its columns (margin box)."""
    margins = item.box.margin.left + item.box.margin.right
    if isinstance(item.style.width, float):
        return item.box.width + margins, item.box.width + margins
    # (A percentage width counts as an automatic one: its content's.)
    return (intrinsic_width(item, "min-content", lay_out) + margins,
            intrinsic_width(item, "max-content", lay_out) + margins)


def _distribute(space: float, columns: list[int], base: list[float], limit: list[float]) -> dict[int, float]:
    """``space`` shared equally by ``columns`` up to their growth limits, then beyond them."""
    steps = dict.fromkeys(columns, 0.0)
    open_ = [i for i in columns if limit[i] > base[i] + _EPS]
    while space > _EPS and open_:
        share = space / len(open_)
        for i in open_:
            step = min(share, limit[i] - base[i] - steps[i])
            steps[i] += step
            space -= step
        open_ = [i for i in open_ if limit[i] > base[i] + steps[i] + _EPS]
    if space > _EPS:
        for i in columns:
            steps[i] += space / len(columns)
    return steps


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, TrackSize) and isinstance(b, TrackSize) and isinstance(a.min, float) \
            and isinstance(b.min, float):
        return abs(a.min - b.min) <= _EPS and a.max == a.min and b.max == b.min
    return bool(a == b)
