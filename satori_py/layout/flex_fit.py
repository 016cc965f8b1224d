"""Flex sizing where Taffy 0.7 and the reference's Taffy build differ, corrected between passes.

Two differences, both corrected by giving nodes size limits (``node.limits``,
:class:`~.taffy.FitLimits`, read by :mod:`.taffy`) after a pass and laying out
again:

* **Fit-content flex containers.** The reference patches Taffy
  (``crates/layout/patches/flexbox-fit-content.patch`` in Satori's repository)
  so that a single-line flex container whose main size comes from its content
  and is laid out in a definite available space takes at most that space, like
  ``fit-content``, but not less than the sum of its items' minimum sizes. Taffy
  0.7 takes the whole line, e.g. a flex row with long text centered in a
  column is as wide as the text on one line instead of wrapping it. Where
  that available space is known without the container's own content (see
  :func:`_Walk.inner`), the container gets a maximum size:
  ``max(available - margins, minimum sizes)``, which is what the patch
  computes whenever the line is longer than the space. A wrapping container
  is not patched: it takes the whole line there too (e.g. a centred wrap row
  of two texts is as wide as the longer one and overflows a narrower column).
  The patch's floor holds below the space too: such a row is at least as wide
  as its items' automatic minimum widths, where Taffy 0.7 adds up their flex
  bases only (:meth:`FlexFit._floor`).
* **Min-content cache collisions.** Row and grid items whose widths can't change are fixed at them
  for Taffy 0.7's min-content cache (:mod:`.frozen_widths`).

A column that a row shrank lays a fit-content row out in its final width, as a definite one does
(:meth:`FlexFit._flexed_inner`); a block item that its content makes wider than its room is measured
at that width (:meth:`FlexFit._widened`). Rows holding a frozen item keep their bases (frozen_bases.py).

A fit-content row with a percentage ``maxWidth`` in a container sized by its content counts as wide
as the room when the reference's Taffy measures that container (the percentage can't be resolved
then), and takes the percentage of the container's final width (:meth:`FlexFit._fit_percent`).

A third: a flex item with an aspect ratio and no size of its own takes one size from the other
through the ratio (:func:`.aspect_fit.stretch_ratio`); Taffy 0.7 sizes it by its content.

And one set once, when a flex item is built (:func:`.aspect_fit.aspect_ratio_minimum`):
the automatic minimum size of an item with an aspect ratio and a definite
cross size is that size transferred through the ratio (capped by its own main
size), as in CSS and the reference's Taffy; Taffy 0.7 takes it as 0, so e.g. a
24px inline SVG icon beside a long nowrap text shrinks to nothing.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Container
from itertools import repeat
from functools import partial

from ..limits import check_deadline
from ..style.types import Percent
from .absolute_fit import hold_measured
from .aspect_fit import block_ratio, stretch_ratio
from .block_fit import floor_fixed_children, width_in
from .cross_limits import clamp_width
from .fit_boxes import EPS as _EPS
from .fit_boxes import auto_basis as _auto_basis
from .fit_boxes import content as _content
from .fit_boxes import insets as _insets
from .fit_boxes import within
from .fit_boxes import is_row as _is_row
from .fit_boxes import margins as _margins
from .fit_boxes import px as _px
from .fit_boxes import against_room as _against_room
from .fit_boxes import stretched as _stretched
from .fit_boxes import to_style_units as _to_style_units
from .fit_measure import LayOut, intrinsic_width, kept_intrinsic_width
from .fit_measure import content_height as _content_height
from .fit_measure import content_size as _content_size
from .fit_measure import content_width as _content_width
from .fit_measure import grown_content as _grown_content
from .fit_measure import height_alone as _height_alone
from .fit_measure import item_minimum as _item_minimum
from .fit_measure import measure as _measure
from .fit_measure import own_size as _own_size
from .fit_walk import Walk as _Walk
from .fit_walk import absolute as _absolute
from .fit_walk import absolute_room as _absolute_room
from .fit_walk import definite as _definite
from .fit_walk import displayed as _displayed
from .fit_walk import in_flow as _in_flow
from .fit_walk import limit as _limit
from .fit_walk import flexed_definite, used_width
from .frozen_bases import keep_frozen_bases
from .frozen_widths import freeze, freeze_grid_item, unfreeze
from .grow_fit import grown_minimum
from .inset_fit import cap_stretching, content_sized, fix_inflated_items
from .overflow_floor import floor_overflowed_row
from .percent_limits import floor_percent_minimum
from .percent_padding import pads, resolve_percent_padding
from .silent_floors import silent_floor
from .taffy import LayoutNode
from .node_style import ANONYMOUS_BLOCK
from .taffy_style import OwnSizes
from .widened_minimum import widened_minimum

__all__ = ["FlexFit"]

class FlexFit:
    """The corrections of one render (see the module docstring), kept across passes."""

    def __init__(self, scale: float) -> None:
        self._scale = scale  # the layout's point scale factor
        self._minimums: dict[tuple[int, str, tuple[float, ...]], float] = {}  # a container's summed item minimums
        self._floored: dict[int, LayoutNode] = {}  # given a minimum width (_fit_percent, _floor, _widened)
        self._held: dict[int, LayoutNode] = {}  # given a height (_fit_percent, _widened)
        self._max_contents: dict[int, float] = {}  # max-content widths (_fit_percent, percent_limits)
        self._growing_rows: set[int] = set()  # this pass's rows wider than their floor (_floor)
        self._bases: dict[int, float] = {}  # flex bases of columns (_flexed_inner)
        self._heights: dict[tuple[int, float], float] = {}  # heights of blocks at a width (_widened)
        self._min_contents: dict[int, float] = {}  # min-content widths of fitted nodes (Walk.inner)

    def update(self, root: LayoutNode, width: float | str | None, height: float | None,
               lay_out: LayOut, own: OwnSizes | None = None) -> bool:
        """Correct the limits after a pass of ``root``'s tree; whether any changed (lay out again).

        ``own``: the root's sizes, instead of its style's."""
        walk = _Walk(width if isinstance(width, (int, float)) else None, height, own,
                     min_content=partial(self._fitted_min_content, lay_out))
        floors: dict[int, float] = {}  # this pass's minimum widths of containers (border box)
        self._growing_rows.clear()
        holds: dict[int, float] = {}  # this pass's heights of containers (border box)
        filled: dict[int, bool] = {}  # rows whose in-flow items fill them (_fills), asked once a row
        changed = False
        # ``stale``: an ancestor changed in this pass, so these boxes may be the ones of a
        # cached min-content layout (see frozen_widths): freeze nothing on them.
        stack: list[tuple[LayoutNode, LayoutNode | None, bool]] = [(root, None, False)]
        while stack:
            node, parent, stale = stack.pop()
            check_deadline(node.path)  # a pass over every node of the tree
            walk.parents[id(node)] = parent
            if not node.children and parent is not None and _plain_leaf(node):
                # No correction applies to it; its room is the one thing they would have asked.
                if parent.style.display == "flex" and _in_flow(node):
                    walk.inner(parent, "w")
                continue
            here = False
            if parent is not None and parent.style.display == "flex" and _in_flow(node):
                floor_fixed_children(node, parent, floors, self._floored)
                floor_percent_minimum(node, parent, walk, lay_out, self._max_contents, floors, self._floored)
                here = self._fit(node, parent, walk, lay_out, floors, holds)
                here = _pad(node, parent, walk, lay_out) or here
                here = clamp_width(node, parent, walk.inner(parent, "w")) or here
                style, limits = node.style, node.limits
                # The two corrections' callbacks are built only for items they can apply to.
                if style.flex_grow > 0.0 or limits.content_width is not None or limits.content_height is not None:
                    here = grown_minimum(node, parent, partial(self._sized_by_room, walk, parent),
                                         partial(_grown_content, node, parent, lay_out)) or here
                if style.aspect_ratio is not None or limits.stretched is not None:
                    cross = "h" if _is_row(parent) else "w"
                    here = stretch_ratio(node, parent, partial(flexed_definite, walk, parent, cross),
                                         partial(_content_height, node, parent, lay_out),
                                         partial(_content_width, node, lay_out), stale) or here
                if _is_row(parent) and not stale:
                    # A percentage width counts as auto where the row's width comes from its
                    # content: the item may be wider than its width there.
                    percent = node.style.width.__class__ is Percent and not _definite(walk, parent, "w")
                    # No room to grow in a definite row its items fill (``flex: 1`` at its min-content).
                    grows = self._sized_by_room(walk, parent, "w") and not (node.style.flex_grow > 0.0 and _definite(
                        walk, parent, "w") and _fills(parent, filled))
                    here = (unfreeze(node) if percent else freeze(node, parent, grows, lay_out)) or here
                    here = keep_frozen_bases(node, walk, self._max_contents, self._bases, lay_out) or here
                    floor_overflowed_row(node, parent, walk.parents.get(id(parent)), _definite(walk, parent, "w"),
                                         floors, self._floored)
            elif parent is not None and parent.style.display in ("block", "flow-root") \
                    and _in_flow(node):
                here = self._fit(node, parent, walk, lay_out, floors, holds)
                here = _pad(node, parent, walk, lay_out) or here
                here = block_ratio(node, stale) or here
            elif parent is not None and _absolute(node) and _displayed(node):
                here = self._fit(node, parent, walk, lay_out, floors, holds)
                here = hold_measured(node) or here
            elif parent is not None and parent.style.display == "grid" and _in_flow(node) \
                    and not stale:
                here = freeze_grid_item(node, parent, lay_out)
            # A row's width decides which items are fixed: not on boxes changing in this pass.
            if node.style.display == "flex" and node.children and not (_is_row(node) and (stale or here)):
                main = "w" if _is_row(node) else "h"
                sized = content_sized(node, parent, walk.inner(node, main), main)
                measure = partial(_content_size, parent=node, axis=main, lay_out=lay_out)
                if fix_inflated_items(node, parent, sized, measure):
                    # The items' minimums summed so far were measured inflated.
                    self._minimums.clear()
                    here = True
                cross = "h" if main == "w" else "w"
                sized = content_sized(node, parent, walk.inner(node, cross), cross)
                here = cap_stretching(node, sized, partial(_content_size, lay_out=lay_out),
                                      partial(_own_size, lay_out=lay_out), self._scale) or here
            changed = changed or here
            if node.children:
                stack.extend(zip(reversed(node.children), repeat(node), repeat(stale or here)))
        floored = _apply(self._floored, floors, "w", "floor_width", walk.parents, partial(silent_floor, walk))
        held = _apply(self._held, holds, "h", "held_height", walk.parents)
        return floored or held or changed

    # -- fit-content flex containers ---------------------------------------------------------

    def _fit(self, node: LayoutNode, parent: LayoutNode, walk: _Walk, lay_out: LayOut,
             floors: dict[int, float], holds: dict[int, float]) -> bool:
        style = node.style
        in_flex = parent.style.display == "flex"
        absolute = _absolute(node)
        # The parent's cross axis; in a block container (or out of flow), the inline axis: a
        # block whose width comes from its content (e.g. a flex-start item) lays a flex row
        # out in its room.
        axis = ("h" if _is_row(parent) else "w") if in_flex and not absolute else "w"
        old = node.limits.cap(axis)
        cap: float | None = None
        # A wrapping container isn't patched: it takes the whole line, as in Taffy 0.7. A
        # stretched one is: it is measured so when its container's size comes from its
        # content (e.g. a row in a column that is a flex-start item), and is otherwise
        # never wider than the room.
        # Out of flow or across a column, a block holding blocks (Taffy 0.7: as wide as its
        # content at max-content) is fitted too; not a leaf (both size an <img> by its ratio).
        block = (absolute or (in_flex and axis == "w")) and style.display in ("block", "flow-root") \
            and bool(node.children)
        is_candidate = ((block or (style.display == "flex" and (_is_row(node) == (axis == "w"))
                                   and style.flex_wrap == "nowrap"))
                        and (style.width if axis == "w" else style.height) in (None, "auto"))
        if not is_candidate:  # (most items) only a last pass's cap to take back
            if old is None:
                return False
            node.limits.set_cap(axis, None)
            return True
        parent_inner = _absolute_room(parent) if absolute else walk.inner(parent, axis)
        if parent_inner is None and in_flex and axis == "w" and not absolute:
            parent_inner = self._flexed_inner(node, parent, walk, lay_out, old is not None)
        if parent_inner is not None:
            available = walk.available(node, parent_inner, axis)
            if available is not None:
                room = available - _margins(node, axis)
                high_value = style.max_width if axis == "w" else style.max_height
                if isinstance(high_value, Percent) and axis == "w" and (id(parent), axis) in walk.fitted:
                    cap = self._fit_percent(node, parent, parent_inner, walk, lay_out, floors, holds)
                else:
                    if axis == "w" and in_flex and not (block or absolute or _stretched(node, parent, "w")):
                        cap = self._floor(node, parent_inner, lay_out, floors)
                    # Wider than the room its container was fitted in, not than the container's
                    # min-content width (which the container takes: Walk.inner), it's widened.
                    narrow = room if axis == "h" else \
                        min(room, walk.rooms.get(id(parent), math.inf) - _margins(node, axis))
                    if cap is None and (_against_room(node, axis) > narrow + _EPS or old is not None):
                        least = intrinsic_width(node, "min-content", lay_out) if block else 0.0
                        low = max(least, width_in(node, room)) if block else self._minimum(node, axis, lay_out)
                        cap = max(room, low)
                        high = _limit(node, high_value, axis, parent_inner)
                        if high is not None and high <= cap:
                            cap = None  # its own maximum is the tighter limit
                        elif block and low > narrow + _EPS:
                            self._widened(node, least, narrow, cap, lay_out, floors, holds)
        elif is_candidate and in_flex and axis == "w" and not _stretched(node, parent, "w") \
                and Percent in (type(style.padding_left), type(style.padding_right)):
            # Where its container's width comes from its content, its percentage paddings
            # counted 0 when that width was measured; the reference's final layout then fits it
            # in that width (its text wraps narrower), where Taffy 0.7 overflows. The container
            # keeps that width as its minimum (the cap, with the paddings, would narrow it).
            room = parent.box.content_width - _margins(node, axis)
            if node.box.width > room + _EPS or old is not None:
                cap = max(room, self._minimum(node, axis, lay_out))
                floors[id(parent)] = max(floors.get(id(parent), 0.0), parent.box.width)
                self._floored[id(parent)] = parent
        if cap is None:
            node.limits.set_cap(axis, None)
            return old is not None
        value = _to_style_units(node, axis, cap)
        node.limits.set_cap(axis, value)
        return (old is None and not within(node, axis, cap)) or (old is not None and abs(old - value) > _EPS)

    def _widened(self, block: LayoutNode, least: float, room: float, width: float, lay_out: LayOut,
                 floors: dict[int, float], holds: dict[int, float]) -> None:
        """A block of automatic width that its content makes ``width`` wide, wider than its
        ``room``: the reference lays its content out again at that width (its height is its
        content's there); Taffy 0.7 measures it in the room, e.g. a centred word wider than its
        column breaks the line before it too.

        Content wider than the room at min-content (``least``, a long word) makes that its
        minimum width. Lines wider than the room only as laid out there (Satori's text
        measure counts a line's trailing space) would make it wider at min-content too: it
        keeps the height it has at ``width`` instead."""
        if least > room + _EPS:
            floors[id(block)] = max(floors.get(id(block), 0.0), least)
            self._floored[id(block)] = block
            return
        if block.style.height not in (None, "auto"):
            return
        key = (id(block), width)
        height = self._heights.get(key)
        if height is None:
            # (Not with its own limits: the height held there.)
            sizes = OwnSizes(width=_to_style_units(block, "w", width), fit_limits=False, limits=True)
            height = self._heights[key] = _height_alone(block, lay_out, sizes)
        holds[id(block)] = height
        self._held[id(block)] = block

    def _floor(self, row: LayoutNode, parent_inner: float, lay_out: LayOut,
               floors: dict[int, float]) -> float | None:
        """A fit-content row is at least as wide as its items' minimum widths (the patch);
        its width cap (border box) when it is only that wide, else None.

        The reference's Taffy sizes such a row by its items' flex bases (or given minimum
        widths) and then, by Satori's patch, takes at least the sum of the items' automatic
        minimum widths: e.g. an avatar (96px, min-content 0) beside a ``flex: 1`` text
        makes a row as wide as the text's longest word, where the avatar shrinks to 0.
        Taffy 0.7 counts the bases only (the row is as wide as the avatar); a minimum
        width on the row stands in for the patch's floor (what the bases give is more
        whenever it is wider). A row at its floor keeps that width as its maximum too: its
        growing items are then fixed at their minimums (``frozen_widths.freeze``, for Taffy 0.7's cache),
        which Taffy 0.7 would otherwise add to the others' bases.
        """
        low = self._minimum(row, "w", lay_out)
        high = _limit(row, row.style.max_width, "w", parent_inner)
        if high is not None:
            low = min(low, high)
        floors[id(row)] = max(floors.get(id(row), 0.0), low)
        self._floored[id(row)] = row
        if row.box.width <= low + _EPS:
            return low
        self._growing_rows.add(id(row))
        return None

    def _flexed_inner(self, node: LayoutNode, column: LayoutNode, walk: _Walk, lay_out: LayOut,
                      capped: bool) -> float | None:
        """The content width of a column sized by its content in a row (its flex basis is its
        max-content width) that its final width doesn't fit ``node`` in (None: it fits, or
        another column): the row shrank it.

        The reference lays the column out at that width, where a fit-content row in it takes at most that
        width (a centred title wraps); Taffy 0.7 gives the row its max-content width, overflowing the column.
        ``node`` is capped there (``_fit``); the column keeps, as its flex basis, its max-content width measured
        before, which the cap would otherwise narrow (giving it more of the row than its siblings). So does a
        column filling blocks of automatic width down from the row's item (given its basis)."""
        item, grand = column, walk.parents.get(id(column))
        while grand is not None and grand.style.display in ("block", "flow-root") and _in_flow(item) \
                and item.style.width in (None, "auto"):
            item, grand = grand, walk.parents.get(id(grand))
        if grand is None or grand.style.display != "flex" or not _is_row(grand) or not _in_flow(item) \
                or item.style.width not in (None, "auto") or not _auto_basis(item):
            return None
        inner = column.box.content_width
        if not capped and node.box.width + _margins(node, "w") <= inner + _EPS:
            return None
        basis = kept_intrinsic_width(self._bases, item, "max-content", lay_out)
        item.limits.basis_width = _to_style_units(item, "w", basis)
        return inner

    def _fitted_min_content(self, lay_out: LayOut, node: LayoutNode) -> float:
        """The width below which a column sized by its content in a narrower room isn't laid out
        (border box): its min-content width, but where its children are all fit-content rows, the
        widest row's floor (the patch's: its items' automatic minimum widths), which the reference
        lays the rows out at, not their min-content widths (a 60px <img> shrinks, as Taffy's
        automatic minimum of a leaf is 0)."""
        width = kept_intrinsic_width(self._min_contents, node, "min-content", lay_out)
        items = [child for child in node.children if _in_flow(child)]
        if node.style.display != "flex" or _is_row(node) or not items or not all(
                child.style.display == "flex" and _is_row(child) and child.style.flex_wrap == "nowrap"
                and (child.style.width in (None, "auto") or isinstance(child.style.width, Percent))
                for child in items):
            return width
        widest = max(self._minimum(child, "w", lay_out) + _margins(child, "w") for child in items)
        return min(width, widest + _insets(node, "w"))

    def _sized_by_room(self, walk: _Walk, container: LayoutNode, axis: str) -> bool:
        """Whether a container's size in ``axis`` leaves room to a growing item: it is
        definite, or a row wider than its floor (``_floor``)."""
        return _definite(walk, container, axis) or (axis == "w" and id(container) in self._growing_rows)

    def _fit_percent(self, node: LayoutNode, parent: LayoutNode, parent_inner: float, walk: _Walk,
                     lay_out: LayOut, floors: dict[int, float], holds: dict[int, float]) -> float | None:
        """The width cap of a fit-content row with a percentage ``maxWidth`` in a container
        sized by its content (None: none).

        When the reference's Taffy measures the container, the percentage can't be
        resolved: the row counts as fit-content in the room, and only the final layout
        takes the percentage of the container's width, e.g. a title with ``maxWidth: 80%``
        in a centred column is 80 % of the room, not of its text on one line. The
        container gets the row's measured width as its minimum; the row, its percentage
        of the container's width when that is smaller. A container whose height is its
        content's keeps the height measured with the row that wide (the narrower row
        then overflows it, as in the reference).
        """
        room = max(parent_inner - _margins(node, "w"), _insets(node, "w"))
        widest = kept_intrinsic_width(self._max_contents, node, "max-content", lay_out)
        if widest <= room + _EPS:
            return None  # Taffy 0.7 measures it so too
        measured = max(room, self._minimum(node, "w", lay_out))
        floor = measured + _margins(node, "w") + _insets(parent, "w")
        floors[id(parent)] = max(floors.get(id(parent), 0.0), floor)
        self._floored[id(parent)] = parent
        high = _limit(node, node.style.max_width, "w", _content(parent, "w"))
        if high is not None and high < measured - _EPS and _height_from_content(parent, walk):
            holds[id(parent)] = self._height_with(parent, node, measured, floor, lay_out)
            self._held[id(parent)] = parent
        return measured if high is None else min(measured, high)

    @staticmethod
    def _height_with(container: LayoutNode, row: LayoutNode, width: float, container_width: float,
                     lay_out: LayOut) -> float:
        """The container's height (border box) at ``container_width`` with ``row`` ``width`` wide."""
        limits = row.limits
        cap = limits.cap_width
        limits.cap_width = _to_style_units(row, "w", width)
        try:
            sizes = OwnSizes(width=_to_style_units(container, "w", container_width), fit_limits=False, limits=True)
            return _measure(container, "h", None, sizes, lay_out)
        finally:
            limits.cap_width = cap

    def _minimum(self, node: LayoutNode, axis: str, lay_out: LayOut) -> float:
        """The sum of the items' minimum main sizes, with margins, gaps and the container's insets; once
        per container (a column's per its items' sizes: widths, baselines), each item laid out alone."""
        sizes = tuple(x for c in node.children for x in (c.box.width, c.box.height)) if axis == "h" else ()
        cached = self._minimums.get(key := (id(node), axis, sizes))
        if cached is not None:
            return cached
        items = [child for child in node.children if _in_flow(child)]
        gap = _px(node.style.column_gap if axis == "w" else node.style.row_gap) or 0.0
        total = _insets(node, axis) + gap * max(0, len(items) - 1)
        for item in items:
            low = _item_minimum(item, axis, lay_out)
            if axis == "h":
                low = widened_minimum(item, node, low, lay_out)
            total += low + _margins(item, axis)
        self._minimums[key] = total
        return total


def _plain_leaf(leaf: LayoutNode) -> bool:
    """Whether no correction of :meth:`FlexFit.update` applies to a childless ``leaf``, in any
    container: an anonymous block (most leaves: a paragraph's box) has no size, limit, ratio,
    padding or inset of its own, nothing to fit, floor or freeze, and none gave it a limit
    (each correction is then a no-op, but for taking back a limit it gave before)."""
    style = leaf.style
    return (style is ANONYMOUS_BLOCK or style == ANONYMOUS_BLOCK) and leaf.limits.key() is None


def _fills(row: LayoutNode, filled: dict[int, bool]) -> bool:
    """Whether ``row``'s in-flow items take its content width, answered from ``filled`` once
    known: no box changes during a walk (a measurement puts the boxes back), and every item
    of a row asks (a row of n items read n times n boxes)."""
    known = filled.get(id(row))
    if known is None:
        known = filled[id(row)] = used_width(row) >= row.box.content_width - _EPS
    return known


def _pad(node: LayoutNode, parent: LayoutNode, walk: _Walk, lay_out: LayOut) -> bool:
    """Percentage paddings of a block ``node`` (percent_padding.py); whether they changed."""
    if not pads(node):
        return False
    inner = walk.inner(parent, "w")
    if (id(parent), "w") in walk.fitted:
        inner = None  # its content's width, measured with the percentages as 0
    return resolve_percent_padding(node, parent, inner, partial(_height_alone, node, lay_out))


def _apply(given: dict[int, LayoutNode], sizes: dict[int, float], axis: str, field: str,
           walked: Container[int], silent: Callable[[LayoutNode, float], bool] | None = None) -> bool:
    """Give the ``walked`` containers this pass's ``sizes`` (border box) as their limit ``field`` (and take
    back last pass's others); whether any changed, but for a first one that is ``silent`` (changes nothing
    in this pass). A subtree measured in a pass keeps the tree's others."""
    changed = False
    for key, node in list(given.items()):
        if key not in walked:
            continue
        size = sizes.get(key)
        value = None if size is None else _to_style_units(node, axis, size)
        if value is None:
            del given[key]
        old = getattr(node.limits, field)
        if (old is None) != (value is None) or (value is not None and old is not None and abs(old - value) > _EPS):
            setattr(node.limits, field, value)
            changed = changed or not (old is None and size is not None and silent is not None and silent(node, size))
    return changed


def _height_from_content(node: LayoutNode, walk: _Walk) -> bool:
    """Whether ``node``'s height is its content's: no height of its own, in a column it
    doesn't flex in, a row that doesn't stretch it, or a block."""
    style = node.style
    if style.height not in (None, "auto"):
        return False
    parent = walk.parents.get(id(node))
    if parent is None:
        return False
    display = parent.style.display
    if display in ("block", "flow-root"):
        return True
    if display != "flex":
        return False
    if _is_row(parent):
        return not _stretched(node, parent, "h")
    return float(style.flex_grow or 0.0) == 0.0 and _auto_basis(node)
