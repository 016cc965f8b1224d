"""Runs Taffy over the built tree, in passes, and turns the result into absolute boxes.

The reference lays the whole tree out in one ``computeLayout`` of its own
Taffy build, then a second one when fixed boxes have static positions
(``satori.ts``). Here Taffy 0.7 gets a tree without what it doesn't know,
and each pass resolves more of it from the previous one's boxes: sizing
keywords and ``calc()`` (:mod:`.sizing`), static-position placeholders
(:mod:`.positioning`) and floats (:mod:`.floats`), until nothing changes.
Atomic inlines and floats are laid out on their own (like the reference's
``layoutAtomic``), then placed where their paragraph or float placement
puts them.
"""
from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..limits import check_deadline
from ..text.paragraph import AtomicItem
from .atomics import atomic_item, lay_out_atomic, refit
from .baselines import BaselineAlignment
from .boxes import RenderBox
from .fit_measure import LayOut, Measurements
from .flex_fit import FlexFit
from .positioning import Origins, Positions, place, size_placeholders
from .reuse import keep, layout_key, recall
from .sizing import (
    Deferred,
    OwnHeight,
    defer,
    definite_content_height,
    fit_keyword_width,
    fit_own_height,
    measure_intrinsic,
    needs_own_height,
    resolve_deferred,
)
from .taffy import LayoutNode, compute_layout, kept_trees, with_parents
from .taffy_trees import KeptTrees
from .taffy_style import OwnSizes

if TYPE_CHECKING:
    from .floats import FloatLayout
    from .inline_content import InlineFormatting

__all__ = ["Layout"]

_MAX_PASSES = 5


class Layout:
    """The layout of one render: what the passes need, collected while the tree is built."""

    def __init__(self, point_scale_factor: float,
                 remake_paragraph: Callable[[RenderBox, list[Any]], None]) -> None:
        self.scale = point_scale_factor
        self.positions = Positions()
        self.deferred: list[Deferred] = []
        self.deferred_by_node: dict[int, Deferred] = {}
        self.grids: list[LayoutNode] = []  # grids with auto repetitions, calc() tracks, or auto and fr columns
        # Block-level boxes of block containers that Taffy 0.7 can't size there, see sizing.py.
        self.own_heights: list[OwnHeight] = []
        self._floats: FloatLayout | None = None  # made by the first float (see floats)
        self.flex_fit = FlexFit(point_scale_factor)
        self.baselines = BaselineAlignment(point_scale_factor)
        # Held weakly: the builder that remakes paragraphs holds this layout (a reference cycle,
        # left to the cycle collector when a build is redone and its builder dropped).
        self._remake_paragraph = weakref.WeakMethod(remake_paragraph)
        # Paragraphs with atomic inlines, which are laid out in their width once it's known.
        self.paragraphs: list[RenderBox] = []
        # Every paragraph's box by its node's id (what a measured node measures, for reuse.py).
        self.measured: dict[int, RenderBox] = {}
        self._refitted: dict[int, float] = {}  # the width each paragraph's atomics were laid out in
        self._trees: KeptTrees | None = None  # the Taffy trees of the computation under way

    def remake_paragraph(self, box: RenderBox, items: list[Any]) -> None:
        remake = self._remake_paragraph()
        assert remake is not None, "the builder outlives its layout"
        remake(box, items)

    @property
    def floats(self) -> FloatLayout:
        """The render's floats, made when the first paragraph near a float or float needs them."""
        if self._floats is None:
            # Imported here: most cards have no floats, and a cold start pays for every import.
            from .floats import FloatLayout
            self._floats = FloatLayout(self._compute, self.fit_width)
        return self._floats

    # -- collected while building --------------------------------------------------------

    def defer(self, node: LayoutNode, in_block: bool = False) -> None:
        """Take the values Taffy can't lay out out of a node's style, for later passes."""
        entry = defer(node, in_block)
        if entry is not None:
            self.deferred.append(entry)
            self.deferred_by_node[id(node)] = entry
        if in_block and needs_own_height(node.style):
            self.own_heights.append(OwnHeight(node))

    def measure_paragraph(self, box: RenderBox, near_floats: bool = False) -> None:
        """Make the box's node a measured leaf of its paragraph (wrapping around floats)."""
        paragraph = box.paragraph
        exclusions = self.floats.exclusions_of(box) if near_floats else None

        def measure(width: float, height: float, mode: str) -> tuple[float, float]:
            if exclusions is not None and exclusions.rects:
                rects = exclusions.rects
                w, h = paragraph.measure(None if math.isinf(width) else width, mode, exclusions=rects)
                if mode != "definite":
                    # Taffy 0.7 reuses a content size for a known width that equals it: give the
                    # height the lines have at that width beside the floats.
                    h = paragraph.measure(w, "definite", exclusions=rects)[1]
                return w, h
            size: tuple[float, float] = paragraph.measure(None if math.isinf(width) else width, mode)
            if mode == "min-content":
                # The same reuse: a min-content layout can have more lines than one at its own
                # width (e.g. an outside list marker alone on its first line).
                return size[0], paragraph.measure(size[0], "definite")[1]
            return size

        box.node.measure = measure
        self.measured[id(box.node)] = box
        self.baselines.add_paragraph(box)
        if box.atomics and box not in self.paragraphs:
            self.paragraphs.append(box)

    def add_float(self, box: RenderBox, inline: InlineFormatting, side: str, clear: str) -> None:
        """A float in a block container's inline content: laid out on its own, placed after passes."""
        inline.add_float(box, self.floats.add(box, inline.node, side, clear))

    def atomic(self, box: RenderBox) -> AtomicItem:
        """Lay out an atomic inline on its own, at its max-content width, and its paragraph item."""
        lay_out_atomic(box, None, self._compute)
        return atomic_item(box, self.atomic_baseline(box))

    def fit_width(self, node: LayoutNode, available: float) -> None:
        """Resolve a laid-out-alone root's fit-content/stretch width in ``available``."""
        entry = self.deferred_by_node.get(id(node))
        if entry is not None:
            fit_keyword_width(entry, available)

    def atomic_baseline(self, box: RenderBox) -> float | None:
        """The baseline of an atomic inline's last line from its margin-box top (None: its bottom)."""
        if box.style.box.overflow != "visible":
            return None
        baseline = _last_baseline(box)
        return None if baseline is None else box.node.box.margin.top + baseline

    # -- passes ------------------------------------------------------------------------------

    def _compute(self, root: LayoutNode, width: float | str | None, height: float | None,
                 own: OwnSizes | None = None) -> None:
        """Lay out one tree in passes until the values resolved from boxes settle.

        ``own``: the root's sizes, instead of its style's (a measurement of the root alone).
        The Taffy trees of its passes and measurements are kept until it ends (taffy_trees).
        """
        if self._trees is not None:  # within a computation: its trees
            self._passes(root, width, height, own, self._trees)
            return
        trees = self._trees = kept_trees()
        try:
            self._passes(root, width, height, own, trees)
        finally:
            self._trees = None
            trees.free()

    def _passes(self, root: LayoutNode, width: float | str | None, height: float | None,
                own: OwnSizes | None, trees: KeptTrees) -> None:
        nodes = _nodes(root)
        entries = [e for e in self.deferred if id(e.node) in nodes]

        # Measurements are kept across passes where a paragraph measures the same in each: not
        # beside floats (their exclusions move), nor with atomic inlines (paragraphs remade).
        stable = self._floats is None and not self.paragraphs
        lay_out = _LayOutAlone(root, own, self.scale, trees, Measurements() if stable else None)

        def lay_out_max(node: LayoutNode, available: float | None, sizes: OwnSizes) -> None:
            self._compute(node, available, None, sizes)

        measure_intrinsic(entries, lay_out)
        self.baselines.guess(root)
        for _ in range(_MAX_PASSES):
            compute_layout(root, width=width, height=height, point_scale_factor=self.scale, sizes=own,
                           trees=trees)
            changed = resolve_deferred(root, entries, own)
            changed = size_placeholders(self.positions) or changed
            changed = self._floats is not None and self._floats.update(root, nodes) or changed
            changed = self._refit_grids(root, nodes, lay_out, own) or changed
            changed = self.flex_fit.update(root, width, height, lay_out, own) or changed
            changed = self.baselines.update(root) or changed
            parents = {id(n): parent for n, parent in with_parents(root)} if self.own_heights else {}
            for entry in self.own_heights:
                node = entry.node
                if id(node) in nodes and node is not root:
                    parent = parents.get(id(node))
                    basis = definite_content_height(parent, parents, own) if parent is not None else None
                    room = parent.box.content_width if parent is not None else None
                    changed = fit_own_height(entry, lay_out_max, basis, room) or changed
            for box in self.paragraphs:
                # Atomic inlines depend on their paragraph's width only: lay them out again when it changes.
                if id(box.node) in nodes and self._refitted.get(id(box)) != box.node.box.width:
                    self._refitted[id(box)] = box.node.box.width
                    changed = refit(box, self._compute, self.atomic_baseline, self.remake_paragraph,
                                    self.fit_width) or changed
            if not changed:
                break

    def _refit_grids(self, root: LayoutNode, nodes: set[int], lay_out: LayOut, own: OwnSizes | None) -> bool:
        changed = False
        if not self.grids:
            return changed
        # Grid code is imported by the first card with a grid (a plain card's start is shorter).
        from .grid import has_auto_repeat, has_calc_tracks, refit_auto_repeats, refit_calc_basis
        from .grid_fit import refit_auto_columns, width_is_given

        parents = {id(n): parent for n, parent in with_parents(root)}  # the root's is None

        for node in self.grids:
            width, height = ((own.width, own.height) if own is not None and node is root
                             else (node.style.width, node.style.height))
            if node is root and not isinstance(width, float):
                continue  # an atomic inline's width is its content's: its grid repeats once
            if id(node) not in nodes:
                continue
            grid = node.hints.declared_grid
            if grid is None:
                continue
            if has_calc_tracks(grid):
                changed = refit_calc_basis(node) or changed
            if has_auto_repeat(grid):
                changed = refit_auto_repeats(node, True, isinstance(height, float)) or changed
            elif width_is_given(node, parents):
                changed = refit_auto_columns(node, lay_out) or changed
        return changed

    def run(self, root: RenderBox, *, width: float | None, height: float | None) -> None:
        """Lay out the whole tree, then give every box its absolute rectangle."""
        try:
            # A tree laid out before (the same boxes, texts and fonts) takes its kept layout.
            pending = (layout_key(root.node, width, height, self.scale, self.measured, self.positions, self.deferred,
                                  self.own_heights) if self._plain() else None)
            if pending is None or not recall(pending):
                self._compute(root.node, width, height)
                if pending is not None:
                    keep(pending)
            origins = Origins(self.positions)
            origins.add_tree(root.node)
            self._finish(root, origins)
            place(root, origins)
        finally:
            # The floats hold this layout's bound methods (a reference cycle): without them,
            # the layout is freed by reference counting, not left to the cycle collector.
            self._floats = None

    def _plain(self) -> bool:
        """Whether only the node tree, its paragraphs and the registries a key covers go into
        the passes (reuse.py): no other registry of this layout's holds anything."""
        return not (self.grids or self.paragraphs or self._floats is not None or self.positions.sticky)

    def _finish(self, box: RenderBox, origins: Origins, parent: RenderBox | None = None) -> None:
        """Lay out paragraphs at their final width; position atomic inlines and floats."""
        check_deadline(box.path)  # per box: each paragraph's layout may be cached
        if box.paragraph is not None:
            # The text of a flex or grid item has an anonymous box of its own, whose rounded
            # width is rounded up (so the text fits); the room a clamp or an ellipsis has is
            # its element's content width, as in the reference (`parent.contentWidth`).
            room = parent.node.box.content_width if parent is not None and not box.tag else None
            box.paragraph_layout = (box.paragraph.layout(box.node.box.width, room, exclusions=())
                                    if self._floats is None else self._floats.layout_paragraph(box))
            ox, oy = origins.origin(box.node)
            for key, (ax, ay) in box.paragraph_layout.atomic_positions.items():
                atomic = box.atomics.get(key)
                if atomic is None:
                    continue
                b = atomic.node.box
                origins.add_tree(atomic.node, ox + ax + b.margin.left - b.left, oy + ay + b.margin.top - b.top)
                self._finish(atomic, origins)
        for child in box.children:
            placed = None if self._floats is None else self._floats.position_of(child, origins)
            if placed is not None:
                b = child.node.box
                origins.add_tree(child.node, placed[0] - b.left, placed[1] - b.top)
            self._finish(child, origins, box)


class _LayOutAlone:
    """Lays a subtree of a computation out alone, in its trees (:class:`.fit_measure.LayOut`):
    the computation's root with its own sizes unless others are given."""

    __slots__ = ("_root", "_own", "_scale", "_trees", "measurements")

    def __init__(self, root: LayoutNode, own: OwnSizes | None, scale: float, trees: KeptTrees,
                 measurements: Measurements | None) -> None:
        self._root, self._own, self._scale, self._trees = root, own, scale, trees
        self.measurements = measurements

    def __call__(self, node: LayoutNode, available: float | str | None, sizes: OwnSizes | None = None) -> None:
        if sizes is None and node is self._root:
            sizes = self._own
        compute_layout(node, width=available, height=None, point_scale_factor=self._scale, sizes=sizes,
                       trees=self._trees)


def _nodes(root: LayoutNode) -> set[int]:
    out: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        out.add(id(node))
        stack.extend(node.children)
    return out


def _last_baseline(box: RenderBox) -> float | None:
    """The baseline of the last line box in the normal flow of a box, from its top (``findBaseline``)."""
    if box.paragraph is not None:
        baseline: float | None = box.paragraph.layout(box.node.box.width).last_baseline
        return baseline
    for child in reversed(box.children):
        style = child.style.box
        if child.tag and (style.position in ("absolute", "fixed") or style.float_ != "none"):
            continue
        baseline = _last_baseline(child)
        if baseline is not None:
            return child.node.box.top + baseline
    return None
