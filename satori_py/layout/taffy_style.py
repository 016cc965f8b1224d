"""Taffy's style dicts, made from layout-node styles: converted, checked, and memoised.

A layout node's style (:class:`~.node_style.NodeStyle`: px floats,
:class:`~satori_py.style.Percent`, keywords) becomes the dict stretchable's
``taffylib`` converts in Rust, checked by :func:`~.taffy_guard.check_style` (a
value out of range would abort the process). Converting and checking cost more
than Taffy's own layout, and the same styles come back in every pass, every
render of a card and every card made from one template, so :func:`node_style`
keeps the checked dicts in a bounded cache under the node style and the sizes
that replace it.
A kept dict is shared: nothing may change it (callers copy what they adapt).
"""
from __future__ import annotations

import math
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..cache import BoundedCache
from ..frozen import Frozen, Record
from ..style.types import Percent
from .node_style import NodeSize, NodeStyle
from .taffy_guard import check_style

if TYPE_CHECKING:
    from ..style.grid_values import GridContainer, GridItem

__all__ = ["AUTO", "DEFAULTS", "Edges", "FitLimits", "LayoutHints", "NO_EDGES", "OwnSizes", "RatioSizes", "node_style",
           "padding_border_floor", "taffy_style"]

AUTO: dict[str, Any] = {"dim": 0, "value": math.nan}
_ZERO: dict[str, Any] = {"dim": 1, "value": 0.0}
_AUTO_TRACK = {"min_size": AUTO, "max_size": AUTO}
_AUTO_LINE = {"start": {"kind": 0, "value": 0}, "end": {"kind": 0, "value": 0}}
# stretchable 1.1.8's ``Style().to_dict()`` (tests/layout/test_taffy_style.py compares them), for
# the fields :func:`taffy_style` does not set: the grid ones, given by grid.grid_fields to grids.
DEFAULTS: dict[str, Any] = {
    "scrollbar_width": 0.0,
    "grid_template_rows": [{"repetition": -2, "single": _AUTO_TRACK, "repeat": []}],
    "grid_template_columns": [{"repetition": -2, "single": _AUTO_TRACK, "repeat": []}],
    "grid_auto_rows": [_AUTO_TRACK],
    "grid_auto_columns": [_AUTO_TRACK],
    "grid_auto_flow": 0,
    "grid_row": _AUTO_LINE,
    "grid_column": _AUTO_LINE,
}
# Only a grid container reads track lists. Any other node gets none (Taffy's own default):
# stretchable converts a style dict in Rust field by field, and the one auto track of each of
# its four default lists is a third of the conversion (node_create: 18 -> 12.5 us).
_NO_TRACKS: dict[str, Any] = {"grid_template_rows": [], "grid_template_columns": [],
                              "grid_auto_rows": [], "grid_auto_columns": []}

_DISPLAY = {"none": 0, "flex": 1, "grid": 2, "block": 3, "flow-root": 3}
_POSITION = {"relative": 0, "static": 0, "absolute": 1}
# `auto` scrolls, which an image cannot: it clips like `hidden` (as the reference maps it).
_OVERFLOW = {"visible": 0, "hidden": 1, "scroll": 2, "clip": 3, "auto": 1}
_ALIGN = {"start": 0, "end": 1, "flex-start": 2, "flex-end": 3, "center": 4, "baseline": 5,
          "stretch": 6, "self-start": 0, "self-end": 1, "left": 0, "right": 1}
_CONTENT = {"start": 0, "end": 1, "flex-start": 2, "flex-end": 3, "center": 4, "stretch": 5,
            "space-between": 6, "space-evenly": 7, "space-around": 8, "left": 0, "right": 1}
_WRAP = {"nowrap": 0, "wrap": 1, "wrap-reverse": 2}
_DIRECTION = {"row": 0, "column": 1, "row-reverse": 2, "column-reverse": 3}
_SIDES = ("top", "right", "bottom", "left")


class Edges(NamedTuple):
    """A box's padding, border or margin widths (px). Immutable: every pass makes a box of
    three for every node (a tuple is made ~4x quicker than a record), and boxes share
    :data:`NO_EDGES`."""

    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    left: float = 0.0


NO_EDGES = Edges()


class OwnSizes(Frozen):
    """Sizes one computation gives its root instead of its style's, which stays as it is.

    For the measurements Taffy 0.7's workarounds make (a block laid out again at its final
    size, a flex item's min-content size, a box laid out alone at its width to learn its
    height: sizing.fit_own_height). ``width``/``height`` in px as the style's
    ``boxSizing`` takes them, None for auto (``height`` may also be a percentage or
    ``"auto"``, as a style writes it); ``padding`` (px) replaces the style's when given;
    ``fit_limits``: whether the limits flex_fit gave the node (:class:`FitLimits`) still
    apply; ``limits``: whether the style's minimum and maximum sizes (and the floats'
    minimum height) still apply, else they are auto; ``ratio``: whether its aspect ratio
    still applies (a measurement of its content's size).
    """

    width: float | None = None
    height: NodeSize = None
    padding: Edges | None = None
    fit_limits: bool = True
    limits: bool = False
    ratio: bool = True

    def key(self) -> Hashable:
        padding = self.padding
        return (self.width, self.height, self.fit_limits, self.limits, self.ratio,
                None if padding is None else (padding.top, padding.right, padding.bottom, padding.left))


class RatioSizes(NamedTuple):
    """The sizes a box with an aspect ratio takes through it between passes, over its style's
    (:mod:`.aspect_fit`; px, in the box its ``boxSizing`` sizes; None: its style's)."""

    width: float | None = None
    height: float | None = None
    min_width: float | None = None
    min_height: float | None = None
    max_width: float | None = None  # (a block's maximum height through its ratio, aspect_fit.block_ratio)

    @property
    def keeps_ratio(self) -> bool:
        """Whether Taffy still gets the ratio: a stretched row item given its flex basis (its
        width, or its width fixed there) and the height through the ratio as its minimum keeps it (its hypothetical
        height comes from its width through the ratio, not from its content). Any other box
        has its sizes given, and the ratio would also turn a maximum height into a maximum
        width (Taffy 0.7) where the stretched width stays (aspect_fit.stretch_ratio)."""
        return self.width is not None and self.min_height is not None and self.height is None \
            and (self.min_width is None or self.min_width == self.width)

    def close_to(self, other: RatioSizes | None) -> bool:
        """Whether ``other`` gives the same sizes (within 1e-3 px)."""
        return other is not None and all((a is None and b is None) or (a is not None and b is not None
                                                                      and abs(a - b) <= 1e-3)
                                         for a, b in zip(self, other))


class FitLimits(Record):
    """Limits flex_fit.py gives a node between passes, where Taffy 0.7 and the reference's
    Taffy differ (px, in the box the style's ``boxSizing`` sizes): a maximum size per axis
    (fit-content flex containers), a fixed width (``frozen_at_max``: held at its maximum), and
    the sizes a box with an aspect ratio takes through it (``stretched``, aspect_fit.py)."""

    cap_width: float | None = None
    cap_height: float | None = None
    frozen_width: float | None = None
    frozen_at_max: bool = False
    stretched: RatioSizes | None = None
    floor_width: float | None = None  # a minimum width (a container of a fit-content row)
    floor_height: float | None = None  # a minimum height (percent_padding.py)
    held_height: float | None = None  # a height (a container of a fit-content row, flex_fit.py)
    # A minimum height: its content's (an item growing from a px basis in a column sized by
    # its content, flex_fit.py).
    content_height: float | None = None
    content_width: float | None = None  # (likewise, in a row)
    inset_width: float | None = None  # a minimum and maximum width (inset_fit.py)
    inset_cap_width: float | None = None  # a maximum width (a column, inset_fit.py)
    inset_cap_height: float | None = None  # a maximum height (a row, inset_fit.py)
    inset_min_height: float | None = None  # a minimum height (a column's item, inset_fit.py)
    # The size of an absolute flex container laid out alone (absolute_fit.py).
    measured_width: float | None = None
    measured_height: float | None = None
    clamped_width: float | Percent | None = None  # a width: its own within its limits (cross_limits.py)
    # A flex basis: its max-content width before its children were capped (a row item, flex_fit.py).
    basis_width: float | None = None
    # Paddings in px (top, right, bottom, left; None: the style's), percent_padding.py.
    padding: tuple[float | None, float | None, float | None, float | None] | None = None

    def cap(self, axis: str) -> float | None:
        """The maximum size in ``axis`` ("w" or "h")."""
        return self.cap_width if axis == "w" else self.cap_height

    def set_cap(self, axis: str, value: float | None) -> None:
        if axis == "w":
            self.cap_width = value
        else:
            self.cap_height = value

    def key(self) -> Hashable:
        """What :func:`taffy_style` reads (None: no limit, as without limits)."""
        if self.cap_width is None and self.cap_height is None and self.frozen_width is None \
                and self.stretched is None and self.floor_width is None and self.padding is None \
                and self.floor_height is None and self.held_height is None and self.content_height is None \
                and self.content_width is None and self.inset_width is None \
                and self.inset_cap_width is None and self.inset_cap_height is None and self.clamped_width is None \
                and self.basis_width is None and self.inset_min_height is None \
                and self.measured_width is None and self.measured_height is None:
            return None
        return (self.cap_width, self.cap_height, self.frozen_width, self.stretched, self.floor_width,
                self.padding, self.floor_height, self.held_height, self.content_height, self.content_width,
                self.inset_width, self.inset_cap_width, self.inset_cap_height, self.clamped_width, self.basis_width,
                self.inset_min_height, self.measured_width, self.measured_height)


class LayoutHints(Record):
    """What the layout stage knows of a node beside its style: where Taffy 0.7 lacks a
    feature, the passes that stand in for it mark the node here."""

    bfc: bool = False  # a block formatting context root: Taffy lays it out as a scroll container
    clear: str = "none"  # a block-level box's `clear`, as a physical side (floats.py)
    float_placeholder: bool = False  # stands for a float in the normal flow (floats.py)
    # The offset of a baseline-aligned item in its line, set by hand (baselines.py); None: not.
    baseline_shift: float | None = None
    # A grid container's tracks as Taffy gets them (grid.py, grid_fit.py resolve auto
    # repetitions and auto columns into it), and as declared once they differ.
    grid: GridContainer | None = None
    grid_template: GridContainer | None = None
    # The content box the percentages of a grid's calc() tracks resolve against (the last pass's).
    calc_basis: tuple[float, float] | None = None
    grid_item: GridItem | None = None  # a grid item's lines, as declared
    # What floats.py gives a box between passes instead of its style's values (px; None:
    # the style's): the top margin with its clearance, the side margins that put a
    # formatting context root beside floats, and a root's minimum height holding its floats.
    float_margin_top: float | None = None
    float_margin_left: float | None = None
    float_margin_right: float | None = None
    float_min_height: float | None = None

    @property
    def declared_grid(self) -> GridContainer | None:
        """A grid container's tracks as declared."""
        return self.grid_template or self.grid

    def key(self) -> Hashable:
        """What :func:`taffy_style` reads (None: nothing)."""
        floats = (self.float_margin_top, self.float_margin_left, self.float_margin_right, self.float_min_height)
        if not self.bfc and self.baseline_shift is None and floats == (None, None, None, None):
            return None
        return (self.bfc, self.baseline_shift, floats)


def _dim(value: Any, auto: dict[str, Any] = AUTO) -> dict[str, Any]:
    # (Classes compared: isinstance with a value class, whose type has a metaclass, takes
    # CPython's slow path, and this runs for every length of every converted style.)
    cls = value.__class__
    if cls is float:  # (most lengths: px, as the style stage gives them)
        return {"dim": 1, "value": value}
    if value is None:
        return auto
    if cls is Percent:
        return {"dim": 2, "value": value.value / 100.0}
    if isinstance(value, (int, float)):
        return {"dim": 1, "value": float(value)}
    # None, auto, a calc() with percentages (Taffy 0.7 has none; only the parent's layout knows
    # the basis, the builder resolves what it can), min-content, fit-content, stretch and other
    # keywords (resolved before Taffy where they matter, see sizing.py): Taffy 0.7's sizes
    # have no keywords, the closest meaning is auto.
    return auto


def _px(value: float) -> dict[str, Any]:
    return {"dim": 1, "value": float(value)}


def taffy_style(style: NodeStyle, sizes: OwnSizes | None = None,
                limits: FitLimits | None = None, hints: LayoutHints | None = None) -> dict[str, Any]:
    """The taffylib style dict of a layout-node style (not checked, not kept)."""
    s = dict(DEFAULTS)
    s["display"] = _DISPLAY.get(style.display, 1)
    if s["display"] != 2:
        s.update(_NO_TRACKS)
    s["box_sizing"] = 0 if style.box_sizing == "border-box" else 1
    s["position"] = _POSITION.get(style.position, 0)
    s["overflow_x"] = overflow_x = _OVERFLOW.get(style.overflow_x, 0)
    s["overflow_y"] = overflow_y = _OVERFLOW.get(style.overflow_y, 0)
    if hints is not None and hints.bfc and overflow_x == 0 and overflow_y == 0:
        # Taffy 0.7 has no flow-root; a scroll container's margins don't collapse with its children.
        s["overflow_x"] = s["overflow_y"] = 1
    if sizes is None:
        s["size"] = {"width": _dim(style.width), "height": _dim(style.height)}
    else:
        s["size"] = {"width": _dim(sizes.width), "height": _dim(sizes.height)}
    own_limits = sizes is None or sizes.limits
    if own_limits:
        s["min_size"] = {"width": _dim(style.min_width), "height": _dim(style.min_height)}
        max_size = s["max_size"] = {"width": _dim(style.max_width), "height": _dim(style.max_height)}
    else:
        s["min_size"] = {"width": AUTO, "height": AUTO}
        max_size = s["max_size"] = {"width": AUTO, "height": AUTO}
    if limits is not None and (sizes is None or sizes.fit_limits):
        # Limits that stand in for the reference's Taffy where Taffy 0.7 differs (flex_fit.py).
        if limits.cap_width is not None:
            max_size["width"] = _px(limits.cap_width)
        for axis, high in (("width", limits.inset_cap_width), ("height", limits.cap_height),
                           ("height", limits.inset_cap_height)):
            if high is not None:
                max_size[axis] = _px(high)
        for fixed in (limits.frozen_width, limits.inset_width):
            if fixed is not None:
                s["min_size"]["width"] = max_size["width"] = _px(fixed)
        for floor in (limits.floor_width, limits.content_width):
            low = s["min_size"]["width"]
            if floor is not None and (low.get("dim") != 1 or low["value"] < floor):
                s["min_size"]["width"] = _px(floor)
        if limits.held_height is not None:
            s["size"] = {**s["size"], "height": _px(limits.held_height)}
        if limits.clamped_width is not None:
            s["size"] = {**s["size"], "width": _dim(limits.clamped_width)}
        for axis, measured in (("width", limits.measured_width), ("height", limits.measured_height)):
            if measured is not None:
                s["size"] = {**s["size"], axis: _px(measured)}
        for floor in (limits.floor_height, limits.content_height, limits.inset_min_height):
            low = s["min_size"]["height"]
            if floor is not None and (low.get("dim") != 1 or low["value"] < floor):
                s["min_size"]["height"] = _px(floor)
        stretched = limits.stretched
        if stretched is not None:
            for group, axis, length in (("size", "width", stretched.width), ("size", "height", stretched.height),
                                        ("min_size", "width", stretched.min_width),
                                        ("min_size", "height", stretched.min_height),
                                        ("max_size", "width", stretched.max_width)):
                if length is not None:
                    s[group][axis] = _px(length)
    margin = s["margin"] = {"top": _dim(style.margin_top), "right": _dim(style.margin_right),
                            "bottom": _dim(style.margin_bottom), "left": _dim(style.margin_left)}
    if s["position"] == 1:
        # An absolutely positioned box's auto margins are 0 in an axis where an inset is auto
        # (CSS, and the reference's Taffy); Taffy 0.7 centres the box in its container.
        for sides, insets in ((("left", "right"), (style.left, style.right)),
                              (("top", "bottom"), (style.top, style.bottom))):
            if any(inset in (None, "auto") for inset in insets):
                for side in sides:
                    if margin[side] is AUTO:
                        margin[side] = _ZERO
    if hints is not None:
        # Clearance and room beside floats (floats.py).
        for side, value in (("top", hints.float_margin_top), ("left", hints.float_margin_left),
                            ("right", hints.float_margin_right)):
            if value is not None:
                margin[side] = _px(value)
        if hints.float_min_height is not None and own_limits:
            s["min_size"]["height"] = _px(hints.float_min_height)
    padding = sizes.padding if sizes is not None else None
    s["padding"] = {"top": _dim(style.padding_top, _ZERO), "right": _dim(style.padding_right, _ZERO),
                    "bottom": _dim(style.padding_bottom, _ZERO), "left": _dim(style.padding_left, _ZERO)
                    } if padding is None else {
        side: _px(getattr(padding, side)) for side in _SIDES}
    if padding is None and limits is not None and limits.padding is not None:
        for side, value in zip(_SIDES, limits.padding):
            if value is not None:
                s["padding"][side] = _px(value)
    s["border"] = {"top": _dim(style.border_top_width, _ZERO), "right": _dim(style.border_right_width, _ZERO),
                   "bottom": _dim(style.border_bottom_width, _ZERO), "left": _dim(style.border_left_width, _ZERO)}
    s["inset"] = {"top": _dim(style.top), "right": _dim(style.right), "bottom": _dim(style.bottom),
                  "left": _dim(style.left)}
    s["gap"] = {"width": _dim(style.column_gap, _ZERO), "height": _dim(style.row_gap, _ZERO)}
    s["flex_direction"] = _DIRECTION.get(style.flex_direction, 0)
    s["flex_wrap"] = _WRAP.get(style.flex_wrap, 0)
    s["flex_grow"] = float(style.flex_grow or 0)
    s["flex_shrink"] = float(style.flex_shrink)
    s["flex_basis"] = _dim(style.flex_basis)
    if limits is not None and limits.basis_width is not None and (sizes is None or sizes.fit_limits):
        s["flex_basis"] = _px(limits.basis_width)
    ratio = style.aspect_ratio
    s["aspect_ratio"] = float(ratio) if isinstance(ratio, (int, float)) and ratio > 0 else None
    if sizes is not None and not sizes.ratio:
        s["aspect_ratio"] = None
    if limits is not None and limits.stretched is not None and (sizes is None or sizes.fit_limits) \
            and not limits.stretched.keeps_ratio:
        s["aspect_ratio"] = None  # its sizes are given (RatioSizes.keeps_ratio)
    for key, table, keyword in (("align_items", _ALIGN, style.align_items), ("align_self", _ALIGN, style.align_self),
                              ("justify_items", _ALIGN, style.justify_items),
                              ("justify_self", _ALIGN, style.justify_self),
                              ("align_content", _CONTENT, style.align_content),
                              ("justify_content", _CONTENT, style.justify_content)):
        s[key] = table.get(keyword) if isinstance(keyword, str) else None
    shift = None if hints is None else hints.baseline_shift
    if shift is not None and margin["top"]["dim"] == 1:
        # Baseline alignment done by hand (baselines.py): the item's offset in its line.
        margin["top"] = _px(margin["top"]["value"] + float(shift))
        s["align_self"] = _ALIGN["flex-start"]
    return s


def padding_border_floor(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` (a border-box flex or grid container's, in a block container's flow) with its
    minimum sizes raised to its padding and border, where they are px or auto.

    The reference's Taffy gives a block container's in-flow children their size clamped and
    then floored by their padding and border (its patch block-padding-border-minimum: ``h-14
    p-8`` is 64 high, as in CSS, where a content box is never negative). Taffy 0.7's block
    layout passes the clamped size on, and its flexbox and grid take a known size as it is
    (its own block and leaf layouts floor it). A minimum wins over a maximum in Taffy's clamp,
    so the floor as a minimum is applied last, as the patch's is. Percentages (paddings a pass
    has not resolved, minimum sizes) are left as they are.
    """
    padding, border = fields["padding"], fields["border"]
    edges = (padding["left"], padding["right"], border["left"], border["right"],
             padding["top"], padding["bottom"], border["top"], border["bottom"])
    if any(edge["dim"] != 1 for edge in edges):
        return fields
    low = fields["min_size"]
    floored = dict(low)
    for axis, sides in (("width", edges[:4]), ("height", edges[4:])):
        floor = sum(edge["value"] for edge in sides)
        given = low[axis]
        if floor > 0 and (given is AUTO or given["dim"] == 0 or (given["dim"] == 1 and given["value"] < floor)):
            floored[axis] = _px(floor)
    return fields if floored == low else {**fields, "min_size": floored}


# Checked dicts by (node style, own sizes, fit limits, hints). An entry is ~4.5 kB (its key
# and ~40 small dicts): 1024 of them ~5 MB. The 24 benchmark cards need ~140; widths resolved
# from text (fit-content, flex_fit's caps) make new keys now and then (benchmarks/memory.py's
# card: ~1 per 50 renders), which the bound ages out.
_STYLES: BoundedCache[dict[str, Any]] = BoundedCache(1024)


def fit_key(sizes: OwnSizes | None, limits: FitLimits | None, hints: LayoutHints | None,
            floor: bool) -> Hashable:
    """What a node's Taffy dict depends on beside its style (see :func:`node_style`)."""
    applied = limits if limits is not None and (sizes is None or sizes.fit_limits) else None
    return (None if sizes is None else sizes.key(), None if applied is None else applied.key(),
            None if hints is None else hints.key(), floor)


def node_style(style: NodeStyle, path: str | None, sizes: OwnSizes | None = None,
               limits: FitLimits | None = None, hints: LayoutHints | None = None,
               floor: bool = False, given: Hashable | None = None) -> dict[str, Any]:
    """The checked taffylib dict of a node's style; shared, never to be changed.

    ``floor``: the node is a container in a block container's flow, whose sizes a border-box
    flex or grid container floors by its padding and border (:func:`padding_border_floor`).
    Kept with the others, so that a node gets the same dict object every pass and every
    render (taffy_trees pools Taffy trees by their dicts). ``given``: :func:`fit_key` of
    ``sizes``, ``limits``, ``hints`` and ``floor``, when the caller has it."""
    applied = limits if limits is not None and (sizes is None or sizes.fit_limits) else None
    key: Hashable | None = (style, fit_key(sizes, limits, hints, floor) if given is None else given)
    try:
        out = _STYLES.get(key)
    except TypeError:  # a value that can't be a key: converted every time
        key = None
        out = None
    if out is None:
        out = taffy_style(style, sizes, applied, hints)
        check_style(out, path)  # a value stretchable can't convert would abort the process
        if floor and out["display"] in (1, 2) and out["position"] == 0 and out["box_sizing"] == 0:
            out = padding_border_floor(out)
        if key is not None:
            _STYLES.put(key, out)
    return out
