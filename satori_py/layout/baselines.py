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
"""
from __future__ import annotations

from .boxes import RenderBox
from .taffy import LayoutNode

__all__ = ["BaselineAlignment"]

_EPS = 1e-3


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

    def __init__(self) -> None:
        self._paragraphs: dict[int, RenderBox] = {}

    def add_paragraph(self, box: RenderBox) -> None:
        self._paragraphs[id(box.node)] = box

    def first_baseline(self, node: LayoutNode) -> float | None:
        """The first baseline of a laid-out node, from its border-box top (None: none)."""
        box = self._paragraphs.get(id(node))
        if box is not None and box.paragraph is not None:
            baseline: float | None = box.paragraph.layout(node.box.width).first_baseline
            return baseline
        for child in node.children:
            if _in_flow(child):
                # The first child's, or its bottom edge when it has none (as Taffy does).
                inner = self.first_baseline(child)
                return child.box.top + (inner if inner is not None else child.box.height)
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
