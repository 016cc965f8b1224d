"""Where floats go in a block formatting context: the float placement rules of CSS 2.

The reference lays floats out in its Taffy build (newer Taffy's
``compute/float.rs``), which stretchable's Taffy 0.7 lacks; this module
follows that algorithm, so floats land where the reference puts them:
the context is cut into horizontal segments, each with the insets of the
floats beside it; a float goes into the highest run of segments, at or below
its static position and the top of earlier floats, that is tall enough and
has room for it on its side (https://www.w3.org/TR/CSS22/visuren.html#floats).
Coordinates are relative to the border box of the formatting context's root.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = ["BfcSlot", "FloatContext", "PlacedFloat"]

_SIDES = {"left": 0, "right": 1}


@dataclass(slots=True)
class _Segment:
    top: float
    bottom: float
    insets: list[float]  # left inset in slot 0, right in slot 1
    has_float: list[bool]


@dataclass(frozen=True, slots=True)
class PlacedFloat:
    x: float  # the margin box's left, from the context's left edge
    y: float
    width: float  # the margin box
    height: float
    side: str


@dataclass(frozen=True, slots=True)
class BfcSlot:
    """Room for a box that establishes a formatting context (it may not overlap floats)."""

    x: float  # its border box's left
    y: float
    border_width: float  # the widest border box that fits
    stretch_width: float  # what an auto width resolves to
    segment: int | None


def _fits(width: float, lead: int, bfc_width: float, float_insets: list[float], cb_insets: list[float]) -> bool:
    """Whether a float fits horizontally beside the floats (rules 3 and 7)."""
    trail = 1 - lead
    x_inset = max(float_insets[lead], cb_insets[lead])
    fits_opposite = float_insets[trail] == 0 or x_inset + width <= bfc_width - float_insets[trail]
    fits_block = float_insets[lead] == 0 or x_inset + width <= bfc_width - cb_insets[trail]
    return fits_opposite and fits_block


@dataclass
class FloatContext:
    """The floats of one block formatting context, ``width`` wide."""

    width: float
    floats: list[PlacedFloat] = field(default_factory=list)
    _segments: list[_Segment] = field(default_factory=list)
    _last_placed: list[list[int]] = field(default_factory=lambda: [[0, 0], [0, 0]])
    _clear_bottoms: list[float | None] = field(default_factory=lambda: [None, None])
    _ceiling: float | None = None

    def has_active_floats(self, min_y: float) -> bool:
        return bool(self.floats) and bool(self._segments) and self._segments[-1].bottom > min_y

    def cleared_threshold(self, clear: str) -> float | None:
        """The bottom of the lowest float that ``clear`` clears."""
        left, right = self._clear_bottoms
        if clear == "left":
            return left
        if clear == "right":
            return right
        if clear == "both":
            values = [v for v in (left, right) if v is not None]
            return max(values) if values else None
        return None

    def _cleared_segment(self, clear: str) -> int | None:
        left_end, right_end = self._last_placed[0][1], self._last_placed[1][1]
        if clear == "left" and left_end > 0:
            return left_end
        if clear == "right" and right_end > 0:
            return right_end
        if clear == "both" and (left_end > 0 or right_end > 0):
            return max(left_end, right_end)
        return None

    def _subdivide(self, index: int, y: float) -> None:
        old = self._segments[index]
        new = _Segment(y, old.bottom, list(old.insets), list(old.has_float))
        old.bottom = y
        self._segments.insert(index + 1, new)

    def _first_below(self, start: int, min_y: float) -> int:
        for index in range(start, len(self._segments)):
            if self._segments[index].bottom > min_y:
                return index
        return len(self._segments)

    def place(self, width: float, height: float, min_y: float, cb_insets: tuple[float, float], side: str,
              clear: str = "none") -> PlacedFloat:
        """Place a float's margin box (``width`` x ``height``) at or below ``min_y``."""
        slot = _SIDES[side]
        insets = [cb_insets[0], cb_insets[1]]
        threshold = self.cleared_threshold(clear)
        min_y = max(min_y, self._ceiling if self._ceiling is not None else -math.inf,
                    threshold if threshold is not None else -math.inf)
        float_start = max(self._last_placed[0][0], self._last_placed[1][0])
        if clear == "left":
            hwm = max(float_start, self._last_placed[0][1] + 1)
        elif clear == "right":
            hwm = max(float_start, self._last_placed[1][1] + 1)
        elif clear == "both":
            hwm = max(self._last_placed[0][1], self._last_placed[1][1]) + 1
        else:
            hwm = float_start
        start = self._first_below(hwm, min_y) if hwm < len(self._segments) else len(self._segments)
        end = start
        start_y = min_y
        found_start: int | None = None
        found_end: int | None = None
        placed_inset = insets[slot]
        while True:
            if start >= len(self._segments):
                found_start, found_end, placed_inset = None, None, insets[slot]
                break
            segment = self._segments[start]
            if not _fits(width, slot, self.width, segment.insets, insets):
                start += 1
                end = max(end, start)
                continue
            start_y = max(start_y, segment.top)
            available = segment.bottom - start_y
            float_insets = list(segment.insets)
            retry = False
            while True:
                if end >= len(self._segments):
                    found_start, found_end = start, None
                    placed_inset = max(float_insets[slot], insets[slot])
                    break
                ending = self._segments[end]
                float_insets = [max(float_insets[0], ending.insets[0]), max(float_insets[1], ending.insets[1])]
                if not _fits(width, slot, self.width, float_insets, insets):
                    start += 1
                    end = max(end, start)
                    retry = True
                    break
                if end != start:
                    available += ending.bottom - ending.top
                if available < height:
                    end += 1
                    continue
                found_start, found_end = start, end
                placed_inset = max(float_insets[slot], insets[slot])
                break
            if not retry:
                break
        placed = self._record(width, height, start_y, min_y, slot, insets, found_start, found_end, placed_inset)
        bottom = placed.y + placed.height
        previous = self._clear_bottoms[slot]
        self._clear_bottoms[slot] = bottom if previous is None else max(previous, bottom)
        self._ceiling = placed.y if self._ceiling is None else max(self._ceiling, placed.y)
        self.floats.append(placed)
        return placed

    def _record(self, width: float, height: float, start_y: float, min_y: float, slot: int,
                insets: list[float], start: int | None, end: int | None, placed_inset: float) -> PlacedFloat:
        side = "left" if slot == 0 else "right"

        def placed(y: float, inset: float) -> PlacedFloat:
            x = inset if slot == 0 else self.width - inset - width
            return PlacedFloat(x, y, width, height, side)

        if height == 0:
            return placed(start_y, placed_inset)
        if start is None:
            last = self._segments[-1].bottom if self._segments else 0.0
            if start_y > last:
                self._segments.append(_Segment(last, start_y, [0.0, 0.0], [False, False]))
            start_y = max(last, start_y)
            seg_insets = list(insets)
            seg_insets[slot] += width
            has = [False, False]
            has[slot] = True
            self._segments.append(_Segment(start_y, start_y + height, seg_insets, has))
            index = len(self._segments) - 1
            self._update_last(slot, index, index + 1)
            return placed(start_y, insets[slot])
        if start_y != self._segments[start].top:
            self._subdivide(start, start_y)
            start += 1
            if end is not None:
                end += 1
        if end is None:
            last = self._segments[-1].bottom
            if min_y > last:
                self._segments.append(_Segment(last, min_y, [0.0, 0.0], [False, False]))
            end = len(self._segments) - 1
        else:
            end_y = start_y + height
            while end > start and end_y <= self._segments[end].top:
                end -= 1
            if self._segments[end].top < end_y < self._segments[end].bottom:
                self._subdivide(end, end_y)
        for segment in self._segments[start:end + 1]:
            segment.insets[slot] = placed_inset + width
            segment.has_float[slot] = True
        self._update_last(slot, start, end + 1)
        return placed(start_y, placed_inset)

    def _update_last(self, slot: int, start: int, end: int) -> None:
        last = self._last_placed[slot]
        last[0], last[1] = max(last[0], start), max(last[1], end)

    def bfc_slot(self, min_y: float, cb_insets: tuple[float, float], margins: tuple[float, float],
                 rtl: bool = False, clear: str = "none", after: int | None = None) -> BfcSlot:
        """The highest room at or below ``min_y`` for a box that may not overlap floats."""
        margin_insets = [cb_insets[0] + margins[0], cb_insets[1] + margins[1]]
        no_float = self.width - margin_insets[0] - margin_insets[1]
        if not self.has_active_floats(min_y):
            return BfcSlot(margin_insets[0], min_y, no_float, no_float, None)
        threshold = self.cleared_threshold(clear)
        min_y = max(min_y, threshold if threshold is not None else -math.inf)
        at_least = after + 1 if after is not None else 0
        cleared = self._cleared_segment(clear)
        hwm = max(at_least, cleared + 1 if cleared is not None else 0)
        start = self._first_below(hwm, min_y) if hwm < len(self._segments) else len(self._segments)
        if start >= len(self._segments):
            last = self._segments[-1].bottom if self._segments else min_y
            return BfcSlot(margin_insets[0], max(last, min_y), no_float, no_float, None)
        segment = self._segments[start]
        lead = 1 if rtl else 0
        trail = 1 - lead
        fit = [0.0, 0.0]
        stretch = [0.0, 0.0]
        fit[lead] = max(segment.insets[lead], margin_insets[lead]) if segment.has_float[lead] \
            else margin_insets[lead]
        stretch[lead] = fit[lead]
        fit[trail] = max(segment.insets[trail], cb_insets[trail]) if segment.has_float[trail] \
            else min(margin_insets[trail], cb_insets[trail])
        stretch[trail] = max(segment.insets[trail], margin_insets[trail]) if segment.has_float[trail] \
            else margin_insets[trail]
        return BfcSlot(fit[0], max(segment.top, min_y), self.width - fit[0] - fit[1],
                       self.width - stretch[0] - stretch[1], start)
