"""The layout node's style: what Taffy and the layout passes read of a box, typed.

:mod:`.build` makes one from the computed style's box and flex groups for every
box, in the layout's terms (the reference's ``LayoutStyle``): ``display`` is how
the box lays out its children (flex, grid, block or flow-root), a static or
sticky box is ``relative`` without insets, a fixed one ``absolute``, and the
alignment keywords are the engine's (``style.alignment``). :mod:`.taffy_style`
turns it into stretchable's dict; the passes (:mod:`.sizing`, :mod:`.flex_fit`,
:mod:`.floats`...) read its fields.

A node style is immutable, so every node built from one computed style shares
it. A value the layout resolves later (a sizing keyword or a ``calc()`` with
percentages, :mod:`.sizing`; an image's size; a flex item's automatic minimum
size) gives the node a copy with the field replaced (``_replace``): nothing is
changed in place, and nothing is restored. What Taffy 0.7's workarounds give a
node beside its style stays out of it (``LayoutNode.limits`` and ``.hints``,
:class:`~.taffy_style.OwnSizes` for a measurement of a node alone).

A named tuple, as the computed style's groups are: made in one call, its
fields read by C descriptors, and hashable, so :func:`.taffy_style.node_style`
keys its cache by the style itself. A field left out has Taffy's default.
"""
from __future__ import annotations

from typing import Literal, NamedTuple

from ..style.keywords import Auto, BoxSizing, Direction, FlexDirection, FlexWrap, Overflow, Position, SizeKeyword
from ..style.types import Calc, FitContent, Percent

__all__ = ["ANONYMOUS_BLOCK", "LayoutDisplay", "NodeStyle", "NodeSize"]

# How a box lays out its children ("none": not at all; the builder makes no box then).
LayoutDisplay = Literal["flex", "grid", "block", "flow-root", "none"]
# A size or a min/max size: px, a percentage, calc(), fit-content(), a keyword; None: auto.
NodeSize = float | Percent | Calc | FitContent | SizeKeyword | None


class NodeStyle(NamedTuple):
    """A layout node's style (see the module docstring); the camelCase key of each field
    in a comment where the name differs."""

    display: LayoutDisplay = "flex"
    direction: Direction = "ltr"  # rtl: children are placed from the right (positioning.py)
    order: int = 0
    position: Position = "relative"
    box_sizing: BoxSizing = "content-box"  # boxSizing
    overflow_x: Overflow = "visible"  # overflowX
    overflow_y: Overflow = "visible"  # overflowY
    width: NodeSize = None
    height: NodeSize = None
    min_width: NodeSize = None  # minWidth
    min_height: NodeSize = None  # minHeight
    max_width: NodeSize = None  # maxWidth
    max_height: NodeSize = None  # maxHeight
    aspect_ratio: float | None = None  # aspectRatio
    margin_top: float | Percent | Calc | Auto = 0.0  # marginTop
    margin_right: float | Percent | Calc | Auto = 0.0  # marginRight
    margin_bottom: float | Percent | Calc | Auto = 0.0  # marginBottom
    margin_left: float | Percent | Calc | Auto = 0.0  # marginLeft
    padding_top: float | Percent | Calc = 0.0  # paddingTop
    padding_right: float | Percent | Calc = 0.0  # paddingRight
    padding_bottom: float | Percent | Calc = 0.0  # paddingBottom
    padding_left: float | Percent | Calc = 0.0  # paddingLeft
    border_top_width: float = 0.0  # borderTopWidth
    border_right_width: float = 0.0  # borderRightWidth
    border_bottom_width: float = 0.0  # borderBottomWidth
    border_left_width: float = 0.0  # borderLeftWidth
    top: float | Percent | Calc | Auto | None = None
    right: float | Percent | Calc | Auto | None = None
    bottom: float | Percent | Calc | Auto | None = None
    left: float | Percent | Calc | Auto | None = None
    row_gap: float | Percent | Calc = 0.0  # rowGap
    column_gap: float | Percent | Calc = 0.0  # columnGap
    flex_direction: FlexDirection = "row"  # flexDirection
    flex_wrap: FlexWrap = "nowrap"  # flexWrap
    flex_basis: NodeSize = None  # flexBasis
    flex_grow: float = 0.0  # flexGrow
    flex_shrink: float = 1.0  # flexShrink
    # The engine's alignment keywords (style.alignment.layout_alignment; None: Taffy's default).
    align_content: str | None = None  # alignContent
    align_items: str | None = None  # alignItems
    align_self: str | None = None  # alignSelf
    justify_content: str | None = None  # justifyContent
    justify_items: str | None = None  # justifyItems
    justify_self: str | None = None  # justifySelf


# The style of an anonymous block box: a paragraph's box in a flex or grid container, the
# holder of an atomic inline. Shared, so that comparing a node's style with it is quick.
ANONYMOUS_BLOCK = NodeStyle(display="block")
