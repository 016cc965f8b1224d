"""Percentage paddings of block and flex containers, given in px between passes.

A box's percentage paddings, the vertical ones too, are of its containing block's
width (CSS; the reference's Taffy resolves a container's paddings against the
inner width of the container laying it out). Taffy 0.7's block and flex layouts size
the box with those but place its children, and add up its height, with paddings
resolved against the box's own width (or, measured in a container sized by its
content, as 0: e.g. a flex item with ``padding: 2%`` in a centred row got no
vertical padding). The two differ when the box is narrower than its
container (a ``maxWidth``, an alignment, a row item): e.g. a text ``div`` with
``padding: 5%`` gets a shorter height than the reference's. Where the container's
inner width doesn't depend on its content, the box gets its percentage paddings in
px of that width (``FitLimits.padding``, read by :mod:`.taffy_style`) and is laid out
again. In a container sized by its content (or fitted in its room) horizontal px
paddings would feed back into the container's width (its content sizes count
percentages as 0); there the reference's Taffy resolves them against the container's
final width when it lays it out, so the box's text wraps narrower and the container
is as tall as that (Taffy 0.7 measured the container with the text on one line). The
box keeps its horizontal percentages, gets its vertical paddings in px of the
container's width, and as its minimum height its height laid out alone with all of
them in px (``FitLimits.floor_height``), which the container's height then holds.

An item sized by its content in a row is measured for its flex basis without its
horizontal percentage paddings (they count 0 in a content size; px paddings would
add them), then laid out with them, so its text wraps in a narrower box than its
basis: it keeps them as percentages, gets its vertical ones in px, and as its
minimum height its height laid out alone at its width with all its paddings in px
(``FitLimits.floor_height``; in the row, Taffy 0.7 answers that height from the
measurement of its basis).

A child of a block container with a given height (``boxSizing: content-box``) keeps its
vertical percentages: Taffy's block layout (the reference's too) adds them to that height as
percentages of the block's content height (0 while it is unknown), not of its width, and
places the child's children inside them resolved against the width. The floor is only for
horizontal percentages (without them the text wraps as it was measured; a floor from the
rounded height alone would add up to a pixel).
"""
from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from ..style.types import Percent
from .fit_boxes import EPS, auto_basis, is_row, px
from .node_style import NodeStyle
from .taffy import LayoutNode
from .taffy_style import Edges, OwnSizes

__all__ = ["pads", "resolve_percent_padding"]

_paddings = attrgetter("padding_top", "padding_right", "padding_bottom", "padding_left")
# (top, right, bottom, left) in px; None: the style's.
Padding = tuple[float | None, float | None, float | None, float | None]


def resolve_percent_padding(node: LayoutNode, parent: LayoutNode, parent_inner: float | None,
                            height_alone: Callable[[OwnSizes], float]) -> bool:
    """Give a block or flex container ``node`` its percentage paddings in px of ``parent_inner``,
    the inner width of its container ``parent`` (None: it depends on ``parent``'s content;
    the paddings are then of ``parent``'s content width, and only the vertical ones go in
    px). ``height_alone``: its border-box height laid out alone with the given sizes.
    Whether they changed."""
    style = node.style
    limits = node.limits
    new: Padding | None = None
    floor: float | None = None
    if _has_percent_padding(node):
        basis = parent.box.content_width if parent_inner is None else parent_inner
        top, right, bottom, left = (_resolve(value, basis) for value in _paddings(style))
        if parent_inner is not None and not _content_based_in_row(node, parent):
            new = (top, right, bottom, left)
        elif style.aspect_ratio is None:  # (a minimum height would change its width)
            new = (top, None, bottom, None)
            if _horizontal_percent(style):  # (else its text wraps as measured: no floor)
                floor = _floor_height(node, Edges(top, right, bottom, left), height_alone)
        if new is not None and _sized_in_block(node, parent):
            new = (None, new[1], None, new[3])
    changed = not _same(limits.padding, new) or not _same_size(limits.floor_height, floor)
    limits.padding, limits.floor_height = new, floor
    return changed


def pads(node: LayoutNode) -> bool:
    """Whether :func:`resolve_percent_padding` has anything to do for ``node``: percentage
    paddings, or a last pass's values to take back (most nodes have neither)."""
    limits = node.limits
    return limits.padding is not None or limits.floor_height is not None or _has_percent_padding(node)


def _has_percent_padding(node: LayoutNode) -> bool:
    """Whether ``node`` is a block or flex container with a percentage padding."""
    style = node.style
    return style.display in ("block", "flow-root", "flex") and (
        isinstance(style.padding_top, Percent) or isinstance(style.padding_right, Percent)
        or isinstance(style.padding_bottom, Percent) or isinstance(style.padding_left, Percent))


def _horizontal_percent(style: NodeStyle) -> bool:
    return isinstance(style.padding_left, Percent) or isinstance(style.padding_right, Percent)


def _floor_height(node: LayoutNode, padding: Edges, height_alone: Callable[[OwnSizes], float]) -> float:
    """Its height at its width with ``padding`` (px), as the style's ``boxSizing`` sizes it."""
    box = node.box
    border_box = node.style.box_sizing == "border-box"
    inset_w = padding.left + padding.right + box.border.left + box.border.right
    inset_h = padding.top + padding.bottom + box.border.top + box.border.bottom
    width = box.exact_width if border_box else max(0.0, box.exact_width - inset_w)
    height = height_alone(OwnSizes(width=width, padding=padding, fit_limits=False))
    return height if border_box else max(0.0, height - inset_h)


def _sized_in_block(node: LayoutNode, parent: LayoutNode) -> bool:
    """Whether ``node`` is an in-flow child of a block container whose vertical percentage
    paddings are added to its given height (``boxSizing: content-box``) as percentages of the
    container's content height, not width (Taffy 0.7's block item list, which the reference's
    Taffy keeps: 0 while that height is unknown). Taffy lays them out so when they stay
    percentages; px of the width would add them in full."""
    style = node.style
    return (parent.style.display in ("block", "flow-root") and style.position != "absolute"
            and style.box_sizing != "border-box" and style.height not in (None, "auto"))


def _content_based_in_row(node: LayoutNode, parent: LayoutNode) -> bool:
    """Whether ``node`` is a flex item of a row whose flex basis is its content's width."""
    if parent.style.display != "flex" or not is_row(parent):
        return False
    if not auto_basis(node):
        return False
    return px(node.style.width) is None


def _same(a: Padding | None, b: Padding | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(_same_size(x, y) for x, y in zip(a, b))


def _same_size(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= EPS


def _resolve(value: object, basis: float) -> float:
    if isinstance(value, Percent):
        return value.resolve(basis)
    return px(value) or 0.0
