"""How many Taffy computations a render takes: a pass is not run again to repeat the last one,
nor a measurement to repeat one of the pass before.

A row item holding one word (a tag, a "·" separator, a tile of one-word labels) is frozen at its width after the
first pass (frozen_widths ``freeze``, fit_boxes ``frozen_as_laid_out``), as is one of px width narrower
than its longest word (fit_boxes ``frozen_at_own_width``); laying the tree out
again with that freeze gives the same boxes, so no second pass runs for it; nor for a
first fit-content cap (flex_fit ``_fit``, inset_fit ``cap_stretching``) at or above the
size the node has before rounding (fit_boxes ``within``); nor for baseline-aligned items
whose shifts are known before the first pass (baselines ``guess``); nor for a first minimum width
at or below the width an item of a column of known width has (silent_floors). A stretched row whose
width is only rounded past its room is not measured for a cap (fit_boxes ``against_room``).
A subtree
measured alone (fit_measure) in a pass is not measured again in the next while everything
its computation reads is the same (``Measurements``). The long way (the second pass run
anyway, every measurement made) is what these tests hold the short one to.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.case import load_case
from satori_py.layout import engine, fit_boxes, flex_fit, frozen_widths, inset_fit, taffy
from satori_py.layout.baselines import BaselineAlignment
from satori_py.layout.fit_measure import MAX_KEPT_NODES, Measurements
from satori_py.layout.taffy import LayoutNode, with_parents
from satori_py.layout.taffy_style import OwnSizes
from tests.layout.support import d
from tests.support import paths
from tests.support.counting import count_calls
from tests.support.harness import case_kwargs

CARDS = sorted((paths.REPO_ROOT / "benchmarks" / "cards").glob("*.json"))
# Cards whose only change after the first pass is a freeze of one-word row items.
ONE_PASS = ["blog-emoji", "blog-flat", "blog-gradient", "blog-serif", "docs-api", "docs-cli", "docs-guide", "job-posting",
            "release-notes"]
# At most this many Taffy computations a card, passes and measurements (the long way: stats-* 20, pricing-three 28).
RUNS = {"blog-emoji": 1, "blog-flat": 1, "blog-gradient": 1, "blog-serif": 1, "docs-api": 1, "docs-cli": 1,
        "docs-guide": 1, "event-conf": 1, "event-gala": 1, "event-meetup": 1, "job-posting": 1, "pricing-flat": 1,
        "pricing-three": 1, "product-headphones": 1, "product-lamp": 1, "product-sneakers": 1, "profile-dark": 4,
        "profile-ocean": 4, "profile-purple": 4, "quote-serif": 1, "release-notes": 1, "stats-github": 1,
        "stats-revenue": 1, "stats-traffic": 1}


def _tags(words: list[str]) -> dict[str, Any]:
    tags = [d({"padding": "4px 18px", "borderRadius": 20, "background": "#eef"}, word) for word in words]
    return d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": 40},
             d({"display": "flex", "gap": 12}, *tags),
             d({"display": "flex", "gap": 8, "fontSize": 22},
               d({}, "Ada"), d({"color": "#888"}, "·"), d({}, "5 min read")))


def _render(element: Any, monkeypatch: pytest.MonkeyPatch, long_way: bool,
            **options: Any) -> tuple[str, list[tuple[str | None, str]], int]:
    """The SVG, every node's box in the main layout, and the number of Taffy computations."""
    with monkeypatch.context() as patched:
        patched.setattr(engine, "recall", lambda pending: False)  # laid out every time
        if long_way:
            patched.setattr(frozen_widths, "frozen_as_laid_out", lambda item: False)
            patched.setattr(frozen_widths, "frozen_at_own_width", lambda *args: False)
            patched.setattr(engine, "Measurements", lambda: None)
            for owner, name in ((flex_fit, "within"), (inset_fit, "within")):
                patched.setattr(owner, name, lambda *args: False)
            patched.setattr(flex_fit, "_against_room", fit_boxes.size)  # (rounded widths)
            patched.setattr(BaselineAlignment, "guess", lambda self, root: None)
            patched.setattr(flex_fit, "silent_floor", lambda *args: False)
        runs = count_calls(patched, taffy, "_run_taffy")
        laid_out: list[list[tuple[str | None, str]]] = []
        run = engine.Layout.run

        def keep_boxes(self: engine.Layout, root: Any, **kw: Any) -> None:
            run(self, root, **kw)
            laid_out.append([(node.path, repr(node.box)) for node, _ in with_parents(root.node)])

        patched.setattr(engine.Layout, "run", keep_boxes)
        svg = render_svg(element, **options)
    return svg, laid_out[0], runs[0]


def test_one_word_row_items_take_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    card = _tags(["#python", "#layout", "#speed"])
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    assert (short[2], long[2]) == (1, 2)


def test_a_row_of_tiles_with_one_word_labels_takes_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each tile is a padded column of two one-word texts: its layout is the same at any width.
    tiles = [d({"display": "flex", "flexDirection": "column", "alignItems": "center", "padding": "12px 28px",
                "background": "#eee"}, d({"fontSize": 34}, count), d({"fontSize": 20}, label))
             for count, label in (("48.2k", "Followers"), ("312", "Following"))]
    card = d({"display": "flex", "width": "100%", "height": "100%"}, d({"display": "flex", "gap": 40}, *tiles))
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    assert short[2] == 1 < long[2]


def _prices(*items: dict[str, Any], padding: Any = 0) -> dict[str, Any]:
    row = d({"display": "flex", "alignItems": "baseline", "gap": 6}, *items)
    return d({"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%", "padding": padding},
             d({"fontSize": 26}, "Pro"), row)


def test_a_price_and_its_unit_on_one_baseline_take_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # Their first baselines are known before the first pass (baselines.guess): text on one
    # line, in a block, and in a padded flex column, at whole-pixel offsets.
    card = _prices(d({"fontSize": 56}, "$20"), d({"fontSize": 22, "paddingTop": 3}, "/month"),
                   d({"display": "flex", "flexDirection": "column", "padding": "5px 8px", "fontSize": 14},
                     d({}, "billed"), d({}, "yearly")))
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    assert short[2] == 1 < long[2]


@pytest.mark.parametrize("unit", [
    d({"fontSize": 22, "paddingTop": 2.5}, "/month"),  # at a fractional offset: not guessed
    d({"fontSize": 22, "width": 40}, "per ", d({"fontSize": 60}, "month", t="span")),  # its first line is not all of it
    d({"display": "flex", "alignItems": "center", "height": 60}, "/month"),  # centred: its offset is the boxes'
], ids=["fractional", "wrapped", "centred"])
def test_a_baseline_not_known_before_the_first_pass_takes_a_second(unit: dict[str, Any],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    card = _prices(d({"fontSize": 56}, "$20"), unit, padding=10)
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short == long  # (as many computations: the pass that moves them runs)


@pytest.mark.parametrize("margin", [1e39, 1e300, -1e300])
def test_a_top_margin_out_of_range_is_not_guessed(margin: float, monkeypatch: pytest.MonkeyPatch) -> None:
    # Taffy gets it clamped (taffy_guard): the boxes, not the style, say where the item is.
    card = _prices(d({"fontSize": 56, "marginTop": margin}, "$20"), d({"fontSize": 22}, "/month"))
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short == long


def test_a_stretched_row_a_rounded_pixel_wider_than_its_room_is_not_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three ``flex: 1`` columns of 1000 px: each 333.33 wide, its rows 334 rounded. They fit
    # their room before rounding (fit_boxes.against_room): their items' minimum widths are not
    # measured (the long way: 2 items x 3 rows).
    column = d({"display": "flex", "flexDirection": "column", "flex": 1},
               *[d({"display": "flex", "gap": 10}, d({}, "✓"), d({}, f"feature {i}")) for i in range(2)])
    card = d({"display": "flex", "width": 1000, "height": 300}, column, column, column)
    short = _render(card, monkeypatch, long_way=False, width=1000, height=300)
    long = _render(card, monkeypatch, long_way=True, width=1000, height=300)
    assert short[:2] == long[:2]
    assert short[2] == 1 < long[2]


def test_a_two_word_item_at_its_min_content_width_is_laid_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The row is narrower than the item's longest word: the item is at its min-content width
    # and frozen there, but its two words make its min- and max-content widths differ: the
    # freeze isn't known to repeat the pass, which runs again.
    card = d({"display": "flex", "width": 40, "height": 200},
             d({"padding": 4, "background": "#eef"}, "wide words"))
    short = _render(card, monkeypatch, long_way=False, width=200, height=200)
    long = _render(card, monkeypatch, long_way=True, width=200, height=200)
    assert short == long


def test_a_row_item_of_px_width_narrower_than_its_longest_word_takes_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each 44 px box holds a word wider than 44 px: it is frozen at its width, but its min-content
    # width is another (fit_boxes ``frozen_at_own_width``): no pass runs for the freeze.
    boxes = [d({"width": 44, "fontSize": 14, "borderLeft": "1px solid #ccc"}, text)
             for text in ("Extraordinary words", "Z™(r) §(2) 4:€7", "short")]
    card = d({"display": "flex", "flexWrap": "wrap", "gap": 6, "width": "100%", "height": "100%",
              "alignItems": "flex-start"}, *boxes)
    short = _render(card, monkeypatch, long_way=False, width=300, height=120)
    long = _render(card, monkeypatch, long_way=True, width=300, height=120)
    assert short[:2] == long[:2]
    with monkeypatch.context() as patched:
        patched.setattr(frozen_widths, "frozen_at_own_width", lambda *args: False)
        frozen = _render(card, monkeypatch, long_way=False, width=300, height=120)
    assert frozen[:2] == short[:2] and (short[2], frozen[2]) == (1, 2)


def _loud_floors(element: Any, monkeypatch: pytest.MonkeyPatch,
                 **options: Any) -> tuple[str, list[tuple[str | None, str]], int]:
    """:func:`_render` the short way but with every new minimum width laying the tree out again."""
    with monkeypatch.context() as patched:
        patched.setattr(flex_fit, "silent_floor", lambda *args: False)
        return _render(element, monkeypatch, long_way=False, **options)


def _profile(align: str) -> dict[str, Any]:
    tiles = [d({"display": "flex", "flexDirection": "column", "alignItems": "center", "padding": "12px 28px"},
               d({"fontSize": 34}, count), d({"fontSize": 20}, label))
             for count, label in (("48.2k", "Followers"), ("312", "Following"), ("1,024", "Posts"))]
    return d({"display": "flex", "flexDirection": "column", "alignItems": align, "width": "100%", "height": "100%",
              "padding": 40}, d({"fontSize": 58}, "Sofia Rossi"), d({"display": "flex", "gap": 40}, *tiles))


@pytest.mark.parametrize("align", ["center", "flex-start", "flex-end"])
def test_a_floor_below_a_rows_width_in_a_column_of_known_width_takes_no_pass(
        align: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The row's floor (its items' automatic minimum widths, flex_fit ``_floor``) is below the
    # width it has, in a column whose width is known: it only clamps the row's width there.
    card = _profile(align)
    short = _render(card, monkeypatch, long_way=False, width=800, height=300)
    long = _render(card, monkeypatch, long_way=True, width=800, height=300)
    assert short[:2] == long[:2]
    loud = _loud_floors(card, monkeypatch, width=800, height=300)
    assert loud[:2] == short[:2] and short[2] == loud[2] - 1


def test_a_block_wider_than_its_column_is_laid_out_again_at_its_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    # Its longest word makes it wider than the 64 px column: Taffy 0.7 measured its height in the
    # column's width; its minimum width (flex_fit ``_widened``) has it measured at its own.
    card = d({"width": 64, "height": 64},
             d({"display": "flex", "flexDirection": "column", "justifyContent": "center", "alignItems": "center",
                "height": "100%"}, d({}, "weekly Q Ångström")))
    short = _render(card, monkeypatch, long_way=False, width=180, height=65)
    assert short == _loud_floors(card, monkeypatch, width=180, height=65)
    assert short[:2] == _render(card, monkeypatch, long_way=True, width=180, height=65)[:2]


@pytest.mark.parametrize("path", CARDS, ids=[p.stem for p in CARDS])
def test_a_bench_card_is_laid_out_as_the_long_way(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(path)
    short = _render(case.element, monkeypatch, long_way=False, **case_kwargs(case))
    long = _render(case.element, monkeypatch, long_way=True, **case_kwargs(case))
    assert short[:2] == long[:2]
    assert short[2] <= long[2]
    if path.stem in ONE_PASS:
        assert (short[2], long[2]) == (1, 2)
    if path.stem.startswith("profile-"):
        # Its tiles' freeze (a pass after its cap) takes no pass of its own; nor does the
        # floor of its header row, narrower than the row in a column of known width.
        assert short[2] <= long[2] - 2
    if path.stem.startswith("stats-") and path.stem != "stats-traffic":
        # One pass: its 6 blocks' caps at their stretched widths, the tiles' row's at its
        # height, change no box; the blocks fit their rooms before rounding: none is measured.
        assert (short[2], long[2]) == (1, 20)
    assert short[2] <= RUNS[path.stem]


def _block(count: int) -> LayoutNode:
    return LayoutNode(path="div", children=[LayoutNode(path=f"div/div[{i}]") for i in range(count)])


def test_a_measurement_is_kept_while_its_subtree_is_the_same() -> None:
    laid_out: list[tuple[str | None, Any]] = []

    class Counted:
        measurements: Measurements | None = None  # (asked by fit_measure.measure, not by size)

        def __call__(self, node: LayoutNode, available: float | str | None, sizes: OwnSizes | None = None) -> None:
            laid_out.append((node.path, available))
            node.box = node.box.replace(width=40.0 + len(laid_out))

    lay_out, kept = Counted(), Measurements()
    block, other = _block(2), _block(1)
    sizes = OwnSizes(fit_limits=False)
    first = kept.size(block, "w", "min-content", sizes, lay_out)
    assert kept.size(block, "w", "min-content", sizes, lay_out) == first == 41.0
    assert block.box.width == 0.0  # a measurement only: the box stays
    # Another node, room, axis or size is another measurement.
    kept.size(other, "w", "min-content", sizes, lay_out)
    kept.size(block, "w", "max-content", sizes, lay_out)
    kept.size(block, "w", "min-content", OwnSizes(width=10.0, fit_limits=False), lay_out)
    assert len(laid_out) == 4
    # The root's own limits don't count when its sizes leave them out; a descendant's do.
    block.limits.cap_width = 30.0
    assert kept.size(block, "w", "min-content", sizes, lay_out) == 41.0
    block.children[1].limits.cap_width = 30.0
    assert kept.size(block, "w", "min-content", sizes, lay_out) == 45.0
    assert kept.size(block, "w", "min-content", sizes, lay_out) == 45.0
    # So do a descendant's style, hints and children.
    def style() -> None:
        block.children[0].style = block.children[0].style._replace(width=12.0)

    def hints() -> None:
        block.children[0].hints.baseline_shift = 2.0

    def children() -> None:
        block.children[1].children.append(LayoutNode())

    for change, expected in ((style, 46.0), (hints, 47.0), (children, 48.0)):
        change()
        assert kept.size(block, "w", "min-content", sizes, lay_out) == expected
        assert kept.size(block, "w", "min-content", sizes, lay_out) == expected
    assert len(laid_out) == 8


def test_a_larger_subtree_is_measured_every_time() -> None:
    calls = [0]

    class Counted:
        measurements: Measurements | None = None

        def __call__(self, node: LayoutNode, available: float | str | None, sizes: OwnSizes | None = None) -> None:
            calls[0] += 1

    big = LayoutNode(children=[LayoutNode() for _ in range(MAX_KEPT_NODES)])  # one node over the bound
    lay_out, kept = Counted(), Measurements()
    for _ in range(3):
        kept.size(big, "w", "min-content", OwnSizes(fit_limits=False), lay_out)
    assert calls[0] == 3
