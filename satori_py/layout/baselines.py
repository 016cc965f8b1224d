"""Baseline alignment of flex items, which Taffy 0.7 can't do with measured text.

The reference's Taffy build takes the first baseline of a measured leaf from its
measure function (``MeasureResult.firstBaseline``, the first line's baseline of
the text) and aligns ``alignItems: baseline`` items of a flex row on it. Taffy
0.7's measure functions return a size only, so every text item has no baseline
there and falls back to its height: the items end up bottom-aligned.

After each pass, each line of a flex row with baseline-aligned items gets, per
item, the shift that puts its first baseline on the line's lowest one
(``node.hints.baseline_shift``, read by :mod:`.taffy_style` as extra top margin with
the item aligned to ``flex-start``), as Taffy's own baseline alignment places items. An
item's first baseline is its paragraph's first line's, else that of its first
in-flow child (that child's bottom edge when it has none), moved by its offset;
an item without one (an image, an empty box) uses its border-box height, as
Taffy does.

Before a computation's first pass, :meth:`BaselineAlignment.guess` gives the items of
single-line rows the shifts the first pass's boxes will give them where their first
baselines are known from their styles (a price and its unit: text in boxes of px
paddings): no pass then runs only to move them (and :meth:`~BaselineAlignment.update`
still checks them on the boxes).
"""
from __future__ import annotations

import struct

from ..text.paragraph import Paragraph
from .boxes import RenderBox
from .taffy import LayoutNode
from .taffy_guard import MAX_LENGTH

__all__ = ["BaselineAlignment"]

_EPS = 1e-3
# Where an item's first in-flow child starts at its content box's top (+ its own top margin):
# a flex column's first item under these justifications, a flex row's under these alignments.
_TOP_JUSTIFIED = (None, "flex-start", "start", "normal")
_TOP_ALIGNED = (None, "stretch", "flex-start", "start", "normal")
_MAX_CHAIN = 16


def _f32(value: float) -> float:
    """``value`` as Taffy's f32 boxes give it back."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _in_flow(node: LayoutNode) -> bool:
    style = node.style
    return (style.display != "none" and style.position != "absolute"
            and not node.hints.float_placeholder)


def _aligned_on_baseline(item: LayoutNode, row: LayoutNode) -> bool:
    align = item.style.align_self or row.style.align_items
    margin = item.style.margin_top
    # Auto or percentage top margins are left to Taffy. An auto bottom margin takes the line's
    # free space, so the item isn't aligned (the reference's Taffy; CSS's auto margins).
    return align == "baseline" and (margin is None or isinstance(margin, (int, float))) \
        and item.style.margin_bottom != "auto"


class BaselineAlignment:
    """The paragraphs' nodes (whose baselines only their text knows) and the shifts."""

    def __init__(self, scale: float = 1.0) -> None:
        self._paragraphs: dict[int, RenderBox] = {}
        self._scale = scale  # the layout's point scale factor
        # A paragraph's first baseline at a width, by its node and the width, with the paragraph
        # (remade around atomic inlines: then laid out again); one a paragraph and width.
        self._baselines: dict[tuple[int, float], tuple[Paragraph, float | None]] = {}

    def add_paragraph(self, box: RenderBox) -> None:
        self._paragraphs[id(box.node)] = box

    def _paragraph_baseline(self, node: LayoutNode, paragraph: Paragraph, width: float) -> float | None:
        """The first baseline of ``node``'s paragraph laid out ``width`` wide (None: no lines);
        each pass asks for it again, and a full paragraph layout makes it."""
        kept = self._baselines.get((id(node), width))
        if kept is not None and kept[0] is paragraph:
            return kept[1]
        baseline: float | None = paragraph.layout(width).first_baseline
        self._baselines[(id(node), width)] = (paragraph, baseline)
        return baseline

    def first_baseline(self, node: LayoutNode) -> float | None:
        """The first baseline of a laid-out node, from its border-box top (None: none)."""
        box = self._paragraphs.get(id(node))
        if box is not None and box.paragraph is not None:
            return self._paragraph_baseline(node, box.paragraph, node.box.width)
        for child in node.children:
            if _in_flow(child):
                # The first child's, or its bottom edge when it has none (as Taffy does).
                inner = self.first_baseline(child)
                return child.box.top + (inner if inner is not None else child.box.height)
        return None

    def guess(self, root: LayoutNode) -> None:
        """Give the baseline-aligned items of ``root``'s single-line rows, before its first pass, the
        shifts :meth:`update` will find on that pass's boxes, where every item's first baseline is
        known from the styles (:meth:`_baseline_before`); items shifted already are left as they are.

        An item's shift comes from its top margin (Taffy's f32) and its first baseline: a row
        item sized by its content has its text on one line, as at its max-content width, with
        its first in-flow boxes at px offsets (whole pixels: rounding keeps them). A guess that
        is not what the boxes give is a shift :meth:`update` changes, as without it."""
        stack = [root]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            style = node.style
            if style.display != "flex" or style.flex_direction not in ("row", "row-reverse") \
                    or style.flex_wrap != "nowrap":
                continue
            items = [c for c in node.children if _in_flow(c) and _aligned_on_baseline(c, node)]
            if not items or any(item.hints.baseline_shift is not None for item in items):
                continue
            tops: list[float] = []
            for item in items:
                baseline = self._baseline_before(item)
                if baseline is None:
                    break
                margin = 0.0 if item.style.margin_top is None else float(item.style.margin_top)  # type: ignore[arg-type]
                if not -MAX_LENGTH <= margin <= MAX_LENGTH:
                    break  # (Taffy gets it clamped: taffy_guard)
                tops.append(_f32(margin) + baseline)
            else:
                lowest = max(tops)
                for item, top in zip(items, tops):
                    item.hints.baseline_shift = lowest - top

    def _baseline_before(self, node: LayoutNode) -> float | None:
        """:meth:`first_baseline` of ``node`` as its first pass will lay it out, from the styles
        (None: not known before): its paragraph's at its max-content width, down a chain of first
        in-flow children each at the whole-pixel px offset its padding, border and margin give it
        in a flex column or row that starts it there, or in a block holding a paragraph (at most
        :data:`_MAX_CHAIN` boxes down: a row's guess walks no deep tree for each item)."""
        offset = 0.0
        for _ in range(_MAX_CHAIN):
            box = self._paragraphs.get(id(node))
            if box is not None:
                if node.children or box.paragraph is None:
                    return None
                paragraph = box.paragraph
                baseline = self._paragraph_baseline(node, paragraph, paragraph.measure(None, "max-content")[0])
                return None if baseline is None else offset + baseline
            child = next((c for c in node.children if _in_flow(c)), None)
            if child is None:
                return None
            style, margin = node.style, child.style.margin_top
            if style.display == "flex" and style.flex_wrap == "nowrap":
                if style.flex_direction == "column":
                    starts = style.justify_content in _TOP_JUSTIFIED
                else:
                    starts = style.flex_direction == "row" and \
                        (child.style.align_self or style.align_items) in _TOP_ALIGNED
            else:
                # (A paragraph's anonymous box has no margins to collapse through the block's top.)
                starts = style.display in ("block", "flow-root") and id(child) in self._paragraphs \
                    and margin in (None, 0.0)
            padding = style.padding_top
            if not starts or padding.__class__ is not float or not (margin is None or margin.__class__ is float):
                return None
            step = style.border_top_width + padding + (margin or 0.0)
            if not (step * self._scale).is_integer():
                return None  # (rounding moves it by a fraction)
            offset += step
            node = child
        return None

    def update(self, root: LayoutNode) -> bool:
        """Set the shifts of baseline-aligned items after a pass; whether any changed."""
        changed = False
        stack = [root]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            style = node.style
            direction = style.flex_direction
            if style.display != "flex" or direction not in ("row", "row-reverse"):
                continue
            for line in _lines(node, direction == "row-reverse"):
                items = [c for c in line if _aligned_on_baseline(c, node)]
                if not items:
                    continue
                tops: list[float] = []
                for item in items:
                    baseline = self.first_baseline(item)
                    own_margin = item.box.margin.top - (item.hints.baseline_shift or 0.0)
                    tops.append(own_margin + (baseline if baseline is not None else item.box.height))
                lowest = max(tops)
                for item, top in zip(items, tops):
                    changed = _set_shift(item, lowest - top) or changed
        return changed


def _lines(row: LayoutNode, reverse: bool) -> list[list[LayoutNode]]:
    """The in-flow items of a laid-out flex row, line by line (a wrapped line starts
    where an item's margin box begins before the end of the previous one's, in the
    row's direction: e.g. at the same left edge as a narrow item on the line above)."""
    lines: list[list[LayoutNode]] = []
    wraps = row.style.flex_wrap != "nowrap"
    end: float | None = None  # where the previous item's margin box ends, along the row
    for item in row.children:
        if not _in_flow(item):
            continue
        box = item.box
        start, stop = box.left - box.margin.left, box.left + box.width + box.margin.right
        if reverse:
            start, stop = -stop, -start
        if not lines or (wraps and end is not None and start < end - _EPS):
            lines.append([])
        lines[-1].append(item)
        end = stop
    return lines


def _set_shift(item: LayoutNode, shift: float) -> bool:
    old = item.hints.baseline_shift
    if old is not None and abs(old - shift) <= _EPS:
        return False
    item.hints.baseline_shift = shift
    return True
