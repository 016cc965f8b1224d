"""The Taffy bridge alone, fuzzed: random layout trees with any values in their styles.

usage: python -m tests.fuzz.taffy_bridge [--examples N] [--record PATH]

Below the style stage, :mod:`satori_py.layout.taffy` turns layout-node styles
into the dicts stretchable converts in Rust, where a value out of range
panics and aborts the process. Here every style key the bridge reads gets
any value of the kinds the style stage gives (keywords it knows and does not,
absurd numbers, percentages and ``calc()`` trees of them, none), grids
included; a computation may raise a
:class:`~satori_py.errors.SatoriError` and nothing else, and every box must be
finite. Run in a child process by tests/fuzz/test_fuzz.py, so that an abort
fails the test with the tree that caused it (``--record``).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satori_py.errors import SatoriError
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.taffy import LayoutNode, compute_layout
from satori_py.style.grid_values import EMPTY_GRID, parse_grid
from satori_py.style.types import Calc, Percent
from satori_py.style.values import LengthContext

from .strategies import ABSURD_NUMBERS

NUMBERS = st.one_of(st.sampled_from(ABSURD_NUMBERS[:-1]), st.floats(), st.integers(-10**6, 10**6))
KEYWORDS = st.sampled_from(["auto", "none", "min-content", "max-content", "fit-content", "stretch", "normal",
                            "flex", "block", "grid", "flow-root", "inline", "absolute", "relative", "static",
                            "hidden", "scroll", "clip", "visible", "wrap", "row", "column-reverse", "center",
                            "baseline", "space-evenly", "border-box", "", "bogus"])
VALUES = st.one_of(NUMBERS, KEYWORDS, NUMBERS.map(Percent), st.builds(
    lambda op, a, b: Calc((op, ("pct", a), ("px", b))), st.sampled_from("+-*/"), NUMBERS, NUMBERS), st.none())
LENGTH_KEYS = ["width", "height", "minWidth", "minHeight", "maxWidth", "maxHeight", "flexBasis", "top", "right",
               "bottom", "left", "marginTop", "marginRight", "marginBottom", "marginLeft", "paddingTop",
               "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
               "borderBottomWidth", "borderLeftWidth", "columnGap", "rowGap"]
OTHER_KEYS = ["display", "position", "boxSizing", "overflowX", "overflowY", "flexDirection", "flexWrap",
              "aspectRatio", "alignItems", "alignSelf", "justifyItems", "justifySelf", "alignContent",
              "justifyContent"]
# Numbers (or flags) only, of any size: the style stage's flex factors, and what the layout stage
# gives a node beside its style (its FitLimits and LayoutHints, see _with_layout_state).
INTERNAL = {"flexGrow": NUMBERS, "flexShrink": NUMBERS, "_capWidth": NUMBERS, "_capHeight": NUMBERS,
            "_frozenWidth": NUMBERS, "order": NUMBERS, "_bfc": st.booleans(), "_baselineShift": NUMBERS}
_LAYOUT_STATE = {"_capWidth": ("limits", "cap_width"), "_capHeight": ("limits", "cap_height"),
                 "_frozenWidth": ("limits", "frozen_width"), "_bfc": ("hints", "bfc"),
                 "_baselineShift": ("hints", "baseline_shift")}
GRID_VALUES = st.sampled_from(["1fr 1fr", "repeat(3, 1px)", "repeat(70000, 1px)", "repeat(auto-fill, 0px)",
                               "minmax(0, 1fr) max-content", "fit-content(1e308px)", "1e308px", "none",
                               "[a] 1px [b] 2px", "span 2", "1 / -1", "99999999999", "-40000 / 5", "a / b",
                               "span 70000", "auto", "'a a' 'b b'"])
GRID_KEYS = ["gridTemplateColumns", "gridTemplateRows", "gridAutoColumns", "gridAutoRows", "gridAutoFlow",
             "gridTemplateAreas", "gridColumn", "gridRow", "gridArea", "gridColumnStart", "gridRowEnd"]


@st.composite
def node_styles(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(LENGTH_KEYS + OTHER_KEYS + list(INTERNAL)), max_size=8, unique=True))
    style = {key: draw(INTERNAL.get(key, VALUES)) for key in keys}
    if draw(st.integers(0, 3)) == 0:
        style["display"] = "grid"
    return style


def _raise(error: Exception) -> None:
    raise error


def _with_grid(node: LayoutNode, grid: dict[str, str]) -> LayoutNode:
    """The node with the grid values the style stage would have parsed for it."""
    is_grid = node.style.display == "grid"
    values: dict[str, Any] = {"displayInner": "grid" if is_grid else "block", **grid}
    try:
        parse_grid(values, 16.0, LengthContext(), _raise)
    except SatoriError:
        return node  # an invalid grid value is the style stage's error; the node goes without it
    if is_grid:
        node.hints.grid = values.get("gridContainer") or EMPTY_GRID
    node.hints.grid_item = values.get("gridItem")
    return node


def _node(style: dict[str, Any], children: list[LayoutNode] | None = None) -> LayoutNode:
    """A node of the drawn style: its keys as NodeStyle fields, the internal ones moved to where
    the layout stage keeps them."""
    state = {key: style.pop(key) for key in _LAYOUT_STATE if key in style}
    fields = {re.sub(r"[A-Z]", lambda m: "_" + m.group(0).lower(), key): value for key, value in style.items()}
    node = LayoutNode(NodeStyle(**fields), children or [], path="div")
    for key, value in state.items():
        holder, name = _LAYOUT_STATE[key]
        setattr(getattr(node, holder), name, value)
    return node


def trees(depth: int = 3) -> st.SearchStrategy[LayoutNode]:
    grid = st.dictionaries(st.sampled_from(GRID_KEYS), GRID_VALUES, max_size=3)
    measure = st.sampled_from([None, (10.0, 10.0), (math.nan, math.inf), (1e308, -1e308), (0.0, 0.0)])

    def leaf(style: dict[str, Any], grid_values: dict[str, str], size: Any) -> LayoutNode:
        node = _with_grid(_node(style), grid_values)
        if size is not None:
            node.measure = lambda w, h, mode: size
        return node

    def branch(style: dict[str, Any], grid_values: dict[str, str], children: list[LayoutNode]) -> LayoutNode:
        return _with_grid(_node(style, children), grid_values)

    return st.recursive(st.builds(leaf, node_styles(), grid, measure),
                        lambda kids: st.builds(branch, node_styles(), grid, st.lists(kids, max_size=4)),
                        max_leaves=12)


def _boxes(node: LayoutNode) -> list[float]:
    box = node.box
    values = [box.left, box.top, box.width, box.height]
    for child in node.children:
        values.extend(_boxes(child))
    return values


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=300)
    ap.add_argument("--record", type=Path)
    args = ap.parse_args(argv)
    sizes = st.one_of(st.none(), st.just("min-content"), NUMBERS)

    @settings(max_examples=args.examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(trees(), sizes, sizes)
    def fuzz(root: LayoutNode, width: Any, height: Any) -> None:
        if args.record is not None:
            args.record.write_text(repr((root, width, height)), encoding="utf-8", errors="backslashreplace")
        try:
            compute_layout(root, width=width, height=height if not isinstance(height, str) else None)
        except SatoriError:
            return
        assert all(math.isfinite(v) for v in _boxes(root))

    try:
        fuzz()
    except Exception as exc:  # the falsifying example is in the notes hypothesis adds
        import traceback
        print("FAILED:", "".join(traceback.format_exception(exc)), file=sys.stderr)
        return 1
    print(f"{args.examples} layout trees: nothing but SatoriError, every box finite")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
