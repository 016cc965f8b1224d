"""The Taffy layout engine, through stretchable's compiled ``taffylib`` module.

This is the only module that imports stretchable. It takes a tree of
:class:`LayoutNode` (its style a :class:`~.node_style.NodeStyle`, made into
Taffy's style dicts by :mod:`.taffy_style`), lays it out in a private Taffy
tree that is freed at the end of every call (the
module's global tree and Node API leak, see shared/notes/dependencies.md), and
writes each node's :class:`Box` back. Boxes are then rounded the way the
reference rounds them (layout-engine/index.ts ``roundLayouts``): edges are
rounded in absolute coordinates and measured leaves round their size up, so
text keeps fitting. Block containers whose children Taffy 0.7 left with the
boxes of another width are laid out again first (:func:`_repair_stale_blocks`).
"""
from __future__ import annotations

import logging
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any

from resvg_bridge.native import load_extension

from ..frozen import Record, field
from ..limits import check_deadline
from ..style.types import Percent
from . import taffy_thread
from .node_style import NodeStyle
from .taffy_guard import MAX_LENGTH, check_style, finite
from .after_taffy import settle
from .taffy_style import AUTO, NO_EDGES, Edges, FitLimits, LayoutHints, OwnSizes, fit_key, node_style
from .taffy_trees import KeptTrees, TreePool


def _taffylib() -> Any:
    """stretchable's compiled module, by itself: its package's ``__init__`` builds the
    attrs-based Node/Style API this module does not use (with attrs, ~10 % of a plain
    card's cold CLI run). If stretchable is imported already, or keeps the module
    elsewhere, the package is imported."""
    module = sys.modules.get("stretchable.taffylib")
    if module is None and "stretchable" not in sys.modules:
        module = load_extension("stretchable", "taffylib")
    if module is not None:
        return module
    root_handlers = list(logging.getLogger().handlers)
    from stretchable import taffylib

    # Importing stretchable calls logging.basicConfig(); keep the root logger as it was.
    logging.getLogger().handlers[:] = root_handlers
    return taffylib


taffylib = _taffylib()

# mode of a measure call: "definite" (wrap at width), "min-content", "max-content"
MeasureFn = Callable[[float, float, str], tuple[float, float]]


class Box(Record):
    """A computed border box, relative to the parent's border box, with its edges."""

    left: float = 0.0
    top: float = 0.0
    width: float = 0.0
    height: float = 0.0
    padding: Edges = NO_EDGES
    border: Edges = NO_EDGES
    margin: Edges = NO_EDGES
    # The size before round_layout (sizes derived from it, e.g. through an aspect ratio,
    # are the reference's from the unrounded layout).
    exact_width: float = 0.0
    exact_height: float = 0.0

    @property
    def content_width(self) -> float:
        return self.width - self.padding.left - self.padding.right - self.border.left - self.border.right

    @property
    def content_height(self) -> float:
        return self.height - self.padding.top - self.padding.bottom - self.border.top - self.border.bottom


class LayoutNode(Record, eq=False):
    """A node of the layout tree: style in, box out."""

    style: NodeStyle = NodeStyle()
    children: list[LayoutNode] = field(default_factory=list)
    measure: MeasureFn | None = None
    box: Box = field(default_factory=Box)
    path: str | None = None  # the element's node path, for errors
    limits: FitLimits = field(default_factory=FitLimits)
    hints: LayoutHints = field(default_factory=LayoutHints)
    # Its last Taffy dict, with what it was made of: (style, fit_key, dict); see _fields.
    taffy_fields: tuple[NodeStyle, Any, dict[str, Any]] | None = field(default_factory=lambda: None, repr=False)


def _fields(node: LayoutNode, sizes: OwnSizes | None, floor: bool) -> dict[str, Any]:
    """``node``'s Taffy dict (:func:`.taffy_style.node_style`), kept on the node while its style
    is the same object and its sizes, limits, hints and floor give the same key: a pass lays
    most nodes out as the one before, and the shared cache's key hashes the whole style."""
    style = node.style
    key = fit_key(sizes, node.limits, node.hints, floor)
    kept = node.taffy_fields
    if kept is not None and kept[0] is style and kept[1] == key:
        return kept[2]
    fields = node_style(style, node.path, sizes, node.limits, node.hints, floor, key)
    node.taffy_fields = (style, key, fields)
    return fields



def with_parents(root: LayoutNode, root_parent: LayoutNode | None = None
                 ) -> Iterator[tuple[LayoutNode, LayoutNode | None]]:
    """Every node of ``root``'s tree with its parent, parents before their children."""
    stack: list[tuple[LayoutNode, LayoutNode | None]] = [(root, root_parent)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        stack.extend((child, node) for child in node.children)


def compute_layout(root: LayoutNode, *, width: float | str | None, height: float | None,
                   point_scale_factor: float = 1.0, sizes: OwnSizes | None = None,
                   trees: KeptTrees | None = None) -> None:
    """Lay out ``root`` in the available ``width`` x ``height``.

    None sizes to the content (max-content); a ``width`` of ``"min-content"``
    lays it out at its min-content width. ``sizes``: the root's, instead of its style's.
    ``trees``: where the Taffy trees of these computations are kept for the next ones.
    """
    available = {"width": _available(width), "height": _available(height)}
    plan = _run_taffy(root, available, sizes=sizes, trees=trees)
    if plan.blocks:
        _repair_stale_blocks(plan.blocks, trees)
    settle(plan.nodes)
    if point_scale_factor:
        round_layout(plan.nodes, plan.parents, point_scale_factor)


def _available(size: float | str | None) -> dict[str, Any]:
    if size == "min-content":
        return {"dim": 3, "value": 0.0}
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        return {"dim": 1, "value": finite(float(size))}
    return {"dim": 4, "value": 0.0}  # None: max-content


def _is_flex_item(node: LayoutNode, parent: LayoutNode | None) -> bool:
    return (parent is not None and parent.style.display == "flex"
            and node.style.position != "absolute" and not node.hints.float_placeholder)


def _definite_height(node: LayoutNode, parent: LayoutNode | None, parent_definite: bool) -> bool:
    """Whether percentage heights of ``node``'s children resolve, as in the reference's Taffy;
    ``parent_definite``: whether they do in ``parent`` (this, one level up).

    A px height is definite; a flex item's height also is when it is stretched in a
    row, or flexed in a column whose own height is definite (CSS's post-flexing sizes).
    """
    height = node.style.height
    if height.__class__ is float or (isinstance(height, (int, float)) and not isinstance(height, bool)):
        return True
    if parent is None:
        return True  # a root is laid out in a known space, or at its content size
    if height.__class__ is Percent:  # (not isinstance: see taffy_style._dim)
        return parent_definite
    if not _is_flex_item(node, parent):
        return False
    if parent.style.flex_direction in ("row", "row-reverse"):
        if "auto" in (node.style.margin_top, node.style.margin_bottom):
            return False
        align = node.style.align_self or parent.style.align_items or "stretch"
        return height in (None, "auto") and align in ("stretch", "normal", "auto")
    return parent_definite


def _indefinite_block(node: LayoutNode, parent: LayoutNode | None, definite: bool) -> bool:
    """Whether ``node`` is a block-container flex item whose height is indefinite (``definite``:
    :func:`_definite_height`'s answer for it).

    Taffy 0.7's flex layout lays every item out at its final size as a known size,
    and its block layout resolves the children's percentage heights against it; the
    reference's Taffy takes them as ``auto`` when the item's height is indefinite
    (e.g. in a column of content height), as CSS does.
    """
    return (not definite and bool(node.children) and node.style.display in ("block", "flow-root")
            and _is_flex_item(node, parent))


# -- the call into Taffy -------------------------------------------------------------------
#
# stretchable 1.1.8 leaks on every measure callback: the two available-space dicts it
# passes are made by pyo3's (deprecated) GIL-ref API, which also registers them in a
# thread-local pool of owned objects that nothing ever drains (the trampolines of 1.1.8
# create no pool). That is one reference too many on each dict (about 650 B per call,
# 5,000 renders of a card: +450 MB) and one pointer in the pool (16 B per call). The
# dicts get their reference back here (`_release`), checked at first use against a plain
# Python call (`_leaked_references`), so a fixed stretchable is left alone; the pool is
# freed with its thread: Taffy runs on threads that end with the render, or on a thread that
# counts what it collected and is replaced by a fresh one in time (.taffy_thread.worn_out).
_leaks: int | None = None


def _leaked_references() -> int:
    """How many references each available-space dict of a measure callback is left with."""
    counts: list[int] = []

    def probe(known_w: float, known_h: float, avail_w: dict[str, Any], avail_h: dict[str, Any],
              node_id: int) -> tuple[float, float]:
        counts.append(sys.getrefcount(avail_w))
        return (0.0, 0.0)

    tree = taffylib.init()
    try:
        leaf = taffylib.node_create(tree, node_style(NodeStyle(), None))
        taffylib.node_set_measure(tree, leaf, True)
        taffylib.node_compute_layout_with_measure(tree, leaf, {"width": _available(None),
                                                               "height": _available(None)}, probe)
    finally:
        taffylib.free(tree)
    probe(*(math.nan, math.nan, {"dim": 4, "value": 0.0}, {"dim": 4, "value": 0.0}, 0))
    return counts[0] - counts[-1] if len(counts) >= 2 else 0


def _releaser() -> Callable[[Any], None] | None:
    global _leaks
    if _leaks is None:
        _leaks = _leaked_references()
    if _leaks != 1:
        return None
    try:
        import ctypes
        decref = ctypes.pythonapi.Py_DecRef
    except (ImportError, AttributeError):  # not CPython: nothing known to release
        return None
    decref.argtypes = [ctypes.py_object]
    decref.restype = None
    return decref


# Trees of the layouts before, for the next ones (taffy_trees; emptied with the other caches).
_POOL = TreePool(taffylib)


def kept_trees() -> KeptTrees:
    """Where a layout computation keeps its Taffy trees (given to the process's pool at its end)."""
    return KeptTrees(taffylib, _POOL)


def _run_taffy(root: LayoutNode, available: dict[str, Any], indefinite_root: bool = False,
               sizes: OwnSizes | None = None, trees: KeptTrees | None = None) -> _Plan:
    """One Taffy computation of ``root``'s tree, in a private tree; writes every node's box.
    Its plan: the tree's nodes (which the steps after Taffy walk, instead of the tree) and
    its block containers with children below its root (which :func:`_repair_stale_blocks`
    may have to lay out again).

    ``indefinite_root``: the root's height is indefinite in the tree it comes from.
    ``sizes``: the root's, instead of its style's. ``trees``: where the tree is kept for
    the next computation of ``root`` (else it is freed at the end). Runs on the render's
    Taffy thread (see :mod:`.taffy_thread`).
    """
    return taffy_thread.run(lambda: _run_taffy_here(root, available, indefinite_root, sizes, trees))


# A node of a computation's plan: the node, its style dict, its parent's index in the plan
# (-1: the root), and whether Taffy measures it.
_Planned = tuple[LayoutNode, dict[str, Any], int, bool]


class _Plan:
    """A computation's nodes, parents before children, as the steps after Taffy read them:
    ``nodes`` with their ``parents``' indices (-1: the root), and ``blocks``, the block
    containers with children below the root, with their parents."""

    __slots__ = ("nodes", "parents", "blocks")

    def __init__(self, nodes: Sequence[LayoutNode], parents: Sequence[int], root: LayoutNode) -> None:
        self.nodes = nodes
        self.parents = parents
        self.blocks = [(node, nodes[parent]) for node, parent in zip(nodes, parents)
                       if node.children and node.style.display in ("block", "flow-root") and node is not root]


def _plan(root: LayoutNode, indefinite_root: bool, sizes: OwnSizes | None) -> list[_Planned]:
    """The nodes of ``root``'s Taffy tree with their style dicts, parents before children
    (each node's subtree right after it, children in layout order)."""
    plan: list[_Planned] = []
    # (node, its parent's index in the plan, the parent, whether the parent's height is definite
    # (_definite_height), its grid placement, whether its percentage height is auto, whether
    # it is in a block container's flow)
    stack: list[tuple[LayoutNode, int, LayoutNode | None, bool, dict[str, Any] | None, bool, bool]] = [
        (root, -1, None, True, None, False, False)]
    while stack:
        node, parent, parent_node, parent_definite, placement, auto_percent, in_block = stack.pop()
        check_deadline(node.path)  # the conversion of every node, before Taffy measures any
        own = sizes if node is root else None
        children = node.children
        # (The floor of an in-flow container of a block container: taffy_style.padding_border_floor.)
        floor = in_block and bool(children) and not node.hints.float_placeholder
        fields = _fields(node, own, floor)
        style = node.style
        if auto_percent and isinstance(style.height, Percent):
            fields = {**fields, "size": {**fields["size"], "height": AUTO}}
        # Flex and grid items are laid out in `order`, then in tree order.
        if style.display in ("flex", "grid") and any(c.style.order for c in children):
            children = sorted(children, key=lambda c: c.style.order or 0)
        grid = node.hints.grid
        placements: list[dict[str, Any] | None] | None = None
        if placement or (grid is not None and fields["display"] == 2):
            fields = {**fields, **(placement or {})}
            if fills := fields.pop("fills_area", ()):  # (grid.FILLS_AREA: the axes where 100 % is its area's)
                fields["size"] = {**fields["size"], **dict.fromkeys(fills, AUTO)}
        if grid is not None and fields["display"] == 2:
            from .grid import grid_fields  # imported by the first grid

            sized = style if own is None else style._replace(width=own.width, height=own.height)
            container, placements = grid_fields(grid, sized, node.hints.calc_basis,  # type: ignore[assignment]
                                                [(c.hints.grid_item, c.style) for c in children], node.path)
            fields.update(container)
        if placement or grid is not None:
            check_style(fields, node.path)  # a value stretchable can't convert would abort the process
        index = len(plan)
        plan.append((node, fields, parent, node.measure is not None and not children))
        if not children:
            continue
        definite = _definite_height(node, parent_node, parent_definite)
        in_indefinite = (indefinite_root and node is root) or _indefinite_block(node, parent_node, definite)
        block = fields["display"] == 3
        # Pushed last child first: the first is planned next, then its subtree, then the second.
        if placements is None:
            stack.extend([(child, index, node, definite, None, in_indefinite, block) for child in reversed(children)])
        else:
            stack.extend([(child, index, node, definite, child_placement, in_indefinite, block)
                          for child, child_placement in list(zip(children, placements))[::-1]])
    return plan


def _made_tree(plan: list[_Planned]) -> tuple[int, list[int]]:
    """A new Taffy tree of ``plan``'s nodes, and their ids."""
    tree = taffylib.init()
    try:
        taffylib.disable_rounding(tree)
        ids: list[int] = []
        for _, fields, parent, measured in plan:
            nid = taffylib.node_create(tree, fields)
            ids.append(nid)
            if measured:
                taffylib.node_set_measure(tree, nid, True)
            if parent >= 0:
                taffylib.node_add_child(tree, ids[parent], nid)
    except BaseException:
        taffylib.free(tree)
        raise
    return tree, ids


def _run_taffy_here(root: LayoutNode, available: dict[str, Any], indefinite_root: bool,
                    sizes: OwnSizes | None, trees: KeptTrees | None) -> _Plan:
    plan = _plan(root, indefinite_root, sizes)
    # The plan's columns, each read by a step below (made at once: a plan is every node).
    columns: list[tuple[Any, ...]] = list(zip(*plan))
    nodes: tuple[LayoutNode, ...] = columns[0]
    fields: tuple[dict[str, Any], ...] = columns[1]
    parents: tuple[int, ...] = columns[2]
    measured: tuple[bool, ...] = columns[3]
    taken = None
    if trees is not None:
        keys = tuple(map(id, nodes))
        taken = trees.take(id(root), keys, parents, measured, fields)
    tree, ids = taken if taken is not None else _made_tree(plan)
    if trees is not None and taken is None:
        trees.keep(id(root), keys, parents, measured, tree, ids, fields)
    try:
        measures: dict[int, MeasureFn] = {nid: node.measure for nid, node, leaf in zip(ids, nodes, measured)
                                          if leaf and node.measure is not None}
        root_id = ids[0]
        failure: list[BaseException] = []
        release = _releaser()
        calls = 0

        def measure(known_w: float, known_h: float, avail_w: dict[str, Any],
                    avail_h: dict[str, Any], node_id: int) -> tuple[float, float]:
            nonlocal calls
            calls += 1
            if release is not None:
                release(avail_w)
                release(avail_h)
            if failure:
                return (0.0, 0.0)
            try:
                check_deadline()
                # (Written out: once a measured leaf a pass. x == x: not NaN; a float in range is
                # what finite(float(x)) gives back.)
                if known_w == known_w:
                    w, mode = known_w, "definite"
                else:
                    dim = avail_w["dim"]
                    w, mode = ((0.0, "min-content") if dim == 3 else (math.inf, "max-content") if dim == 4
                               else (avail_w["value"], "definite"))
                mw, mh = measures[node_id](w, known_h, mode)
                if mw.__class__ is not float or not -MAX_LENGTH <= mw <= MAX_LENGTH:
                    mw = finite(float(mw))
                if known_h == known_h:
                    return (mw, known_h)  # (a float from Taffy's f32)
                return (mw, mh if mh.__class__ is float and -MAX_LENGTH <= mh <= MAX_LENGTH else finite(float(mh)))
            except BaseException as exc:  # noqa: BLE001 - re-raised after compute
                failure.append(exc)
                return (0.0, 0.0)

        try:
            taffylib.node_compute_layout_with_measure(tree, root_id, available, measure)
        finally:
            if release is not None:  # the pool entries of the two dicts of each call
                taffy_thread.pooled(2 * calls)
        if failure:
            raise failure[0]
        done = _Plan(nodes, parents, root)
        out = taffylib.PyLayout()
        get_layout, deadline = taffylib.node_get_layout, check_deadline  # (per node of every pass)
        edges = tuple.__new__  # Edges' own __new__ is a Python function
        for nid, node in zip(ids, done.nodes):
            deadline(node.path)
            get_layout(tree, nid, out)
            values = _layout_values(out)
            # Every value within +-MAX_LENGTH when their magnitudes add up to no more (NaN and
            # infinity fail the test); else each is clamped, which leaves one in range as it is.
            if not sum(map(abs, values)) <= MAX_LENGTH:
                values = tuple(map(finite, values))
            x, y, width, height, pt, pr, pb, pl, bt, br, bb, bl, mt, mr, mb, ml = values
            node.box = Box(x, y, width, height, edges(Edges, (pt, pr, pb, pl)), edges(Edges, (bt, br, bb, bl)),
                           edges(Edges, (mt, mr, mb, ml)), width, height)
    finally:
        if trees is None:
            taffylib.free(tree)
    return done


def _stretch_width(child: LayoutNode, content_width: float) -> float | None:
    """The width Taffy's block layout gives an in-flow child with an auto width (None: another rule)."""
    style = child.style
    if (style.display == "none" or style.position == "absolute"
            or child.hints.float_placeholder or style.aspect_ratio is not None
            or style.width not in (None, "auto")):
        return None
    margins = child.box.margin.left + child.box.margin.right
    if "auto" in (style.margin_left, style.margin_right):
        return None
    width = content_width - margins
    inset = 0.0 if style.box_sizing == "border-box" else (
        child.box.padding.left + child.box.padding.right + child.box.border.left + child.box.border.right)
    low, high = style.min_width, style.max_width
    if isinstance(high, (int, float)):
        width = min(width, float(high) + inset)
    elif high not in (None, "none", "auto"):
        return None  # a percentage or keyword limit: not worth resolving here
    if isinstance(low, (int, float)):
        width = max(width, float(low) + inset)
    elif low not in (None, "auto"):
        return None
    child_box = child.box
    return max(width, child_box.padding.left + child_box.padding.right + child_box.border.left
               + child_box.border.right)


def _is_stale_block(node: LayoutNode, parent: LayoutNode | None = None) -> bool:
    """Whether a block container's children were last laid out at another width than its own.

    Taffy 0.7's block layout lays its children out (writing their boxes) also when
    it is only asked for its size, e.g. at its min-content width for a flex
    container's intrinsic sizes or baselines. When its final layout is then
    answered from Taffy's cache, its children keep the boxes of that other width
    (newer Taffy, which the reference uses, doesn't). Children with an auto
    width are stretched to the container's content box in a real final layout,
    so one that isn't shows the staleness.
    """
    if node.style.display not in ("block", "flow-root") or not node.children:
        return False
    if _percent_padding(node.style) and parent is not None and parent.style.display != "grid":
        return True
    b = node.box
    content = b.content_width
    for child in node.children:
        expected = _stretch_width(child, content)
        if expected is not None and abs(child.box.width - expected) > 1e-3:
            return True
    return False


_paddings = attrgetter("padding_top", "padding_right", "padding_bottom", "padding_left")
# A PyLayout's box, as a Box takes it.
_layout_values = attrgetter("x", "y", "width", "height", "padding_top", "padding_right", "padding_bottom",
                            "padding_left", "border_top", "border_right", "border_bottom", "border_left",
                            "margin_top", "margin_right", "margin_bottom", "margin_left")


def _percent_padding(style: NodeStyle) -> bool:
    """Whether a block container's children are placed inside a wrong padding box in Taffy 0.7.

    Its own padding resolves against its containing block's width, but Taffy 0.7's
    block layout places its children inside padding resolved against its own width.
    Laid out again with the padding of its box as px (:func:`_relayout_at_final_size`)
    they sit where the reference's Taffy puts them.
    """
    return Percent in map(type, _paddings(style))


def _repair_stale_blocks(blocks: list[tuple[LayoutNode, LayoutNode]], trees: KeptTrees | None = None) -> None:
    """Lay stale block containers out again at their final size (see :func:`_is_stale_block`).

    ``blocks``: a tree's block containers with children below its root, with their
    parents, ancestors first (:class:`_Plan`). The container is laid out on its own, in a
    fresh Taffy tree with its size fixed to its final size, which gives its descendants
    the boxes its final layout would have; its own box stays. Fixed boxes come out of the
    fresh tree the same, so the blocks inside it are checked on their new boxes.
    """
    for node, parent in blocks:
        if _is_stale_block(node, parent):
            _relayout_at_final_size(node, parent, trees)


def _relayout_at_final_size(node: LayoutNode, parent: LayoutNode | None, trees: KeptTrees | None) -> None:
    own = node.box
    style = node.style
    # (Its parent counts as a root: laid out in a known space, its height definite.)
    indefinite = _indefinite_block(node, parent, _definite_height(node, parent, True))
    pad, padding = own.padding, None
    if parent is not None and _percent_padding(style):
        # Of the containing block's width on every side (Taffy 0.7's box has vertical ones of its height).
        width = max(0.0, parent.box.content_width)
        pad = padding = Edges(*(value.resolve(width) if isinstance(value, Percent) else getattr(pad, side)
                                for value, side in zip(_paddings(style), ("top", "right", "bottom", "left"))))
    inset_w = inset_h = 0.0
    if style.box_sizing != "border-box":
        inset_w = pad.left + pad.right + own.border.left + own.border.right
        inset_h = pad.top + pad.bottom + own.border.top + own.border.bottom
    # Its own percentages (padding, margins) are of its parent's content box, as in the tree.
    basis = parent.box if parent is not None else own
    available = {"width": _available(max(0.0, basis.content_width)),
                 "height": _available(max(0.0, basis.content_height))}
    _run_taffy(node, available, indefinite, OwnSizes(own.width - inset_w, own.height - inset_h, padding), trees)
    node.box = own


def _round(v: float, scale: float) -> float:
    return math.floor(v * scale + 0.5) / scale


def _round_up(v: float, scale: float) -> float:
    return math.ceil(v * scale - 1e-3) / scale


def size_at_origin(node: LayoutNode, axis: str, scale: float) -> float:
    """``node``'s border-box size in ``axis`` ("w" or "h") as :func:`round_layout` rounds it
    when ``node`` is the root of a layout (at the origin), from its size before rounding."""
    if not scale:
        return node.box.width if axis == "w" else node.box.height
    exact = node.box.exact_width if axis == "w" else node.box.exact_height
    return _round_up(exact, scale) if node.measure else _round(exact, scale)


def round_layout(nodes: Sequence[LayoutNode], parents: Sequence[int], scale: float) -> None:
    """Round the boxes of a tree's ``nodes`` (parents before children, with their ``parents``'
    indices in it, -1: the root) to multiples of ``1/scale`` px in absolute coordinates.

    Adjacent boxes stay adjacent; a measured leaf's size is rounded up so its
    text still fits (the reference's ``roundLayouts``). The arithmetic is
    :func:`_round`'s and :func:`_round_up`'s, written out: this runs on every box of
    every pass.
    """
    floor, ceil = math.floor, math.ceil
    # Each node's unrounded and rounded absolute left and top, by index.
    lefts: list[float] = []
    tops: list[float] = []
    rounded_lefts: list[float] = []
    rounded_tops: list[float] = []
    for node, parent in zip(nodes, parents):
        box = node.box
        width, height = box.width, box.height
        if parent < 0:
            left, top, rounded_parent_left, rounded_parent_top = box.left, box.top, 0.0, 0.0
        else:
            left = lefts[parent] + box.left
            top = tops[parent] + box.top
            rounded_parent_left, rounded_parent_top = rounded_lefts[parent], rounded_tops[parent]
        box.exact_width, box.exact_height = width, height
        rl = floor(left * scale + 0.5) / scale
        rt = floor(top * scale + 0.5) / scale
        if node.measure:
            right = rl + ceil(width * scale - 1e-3) / scale
            bottom = rt + ceil(height * scale - 1e-3) / scale
        else:
            right = floor((left + width) * scale + 0.5) / scale
            bottom = floor((top + height) * scale + 0.5) / scale
        box.left, box.top = rl - rounded_parent_left, rt - rounded_parent_top
        box.width, box.height = right - rl, bottom - rt
        lefts.append(left)
        tops.append(top)
        rounded_lefts.append(rl)
        rounded_tops.append(rt)
