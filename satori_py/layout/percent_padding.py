"""Percentage paddings of block containers, given in px between passes.

A box's percentage paddings, the vertical ones too, are of its containing block's
width (CSS; the reference's Taffy resolves a block container's paddings against the
inner width of the container laying it out). Taffy 0.7's block layout sizes the box
with those but places its children, and adds up its height, with paddings resolved
against the box's own width. The two differ when the box is narrower than its
container (a ``maxWidth``, an alignment, a row item): e.g. a text ``div`` with
``padding: 5%`` gets a shorter height than the reference's. Where the container's
inner width doesn't depend on its content, the box gets its percentage paddings in
px of that width (``FitLimits.padding``, read by :mod:`.taffy_style`) and is laid out
again. In a container sized by its content they stay Taffy 0.7's: px paddings there
would feed back into the container's size.

One case stays open: an item sized by its content in a row. Its flex basis is
measured without its horizontal percentage paddings (they count 0 in a content
size), which px paddings would add; it keeps those as percentages, and gets only its
vertical ones in px, so its height can still be a line off the reference's.
"""
from __future__ import annotations

from ..style.types import Percent
from .fit_boxes import EPS, is_row, px
from .taffy import LayoutNode

__all__ = ["resolve_percent_padding"]

_PADDINGS = ("paddingTop", "paddingRight", "paddingBottom", "paddingLeft")
# (top, right, bottom, left) in px; None: the style's.
Padding = tuple[float | None, float | None, float | None, float | None]


def resolve_percent_padding(node: LayoutNode, parent: LayoutNode, parent_inner: float | None) -> bool:
    """Give a block container ``node`` its percentage paddings in px of ``parent_inner``,
    the inner width of its container ``parent`` (None: not known without its content).
    Whether they changed."""
    style = node.style
    old = node.limits.padding
    new: Padding | None = None
    values = [style.get(key) for key in _PADDINGS]
    if parent_inner is not None and style.get("display") in ("block", "flow-root") \
            and any(isinstance(value, Percent) for value in values):
        top, right, bottom, left = (_resolve(value, parent_inner) for value in values)
        new = (top, None, bottom, None) if _content_based_in_row(node, parent) else (top, right, bottom, left)
    if old == new or (old is not None and new is not None and all(
            (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= EPS)
            for a, b in zip(old, new))):
        return False
    node.limits.padding = new
    return True


def _content_based_in_row(node: LayoutNode, parent: LayoutNode) -> bool:
    """Whether ``node`` is a flex item of a row whose flex basis is its content's width."""
    if parent.style.get("display") != "flex" or not is_row(parent):
        return False
    basis = node.style.get("flexBasis")
    if basis not in (None, "auto"):
        return False
    return px(node.style.get("width")) is None


def _resolve(value: object, basis: float) -> float:
    if isinstance(value, Percent):
        return value.resolve(basis)
    return px(value) or 0.0
