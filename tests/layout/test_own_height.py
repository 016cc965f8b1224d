"""A grid (or a wrapping column flex container) that is a block-level box of a block
container is laid out alone at its width to learn its height (layout/sizing.py,
fit_own_height): the measurement gets the box's sizes as a parameter, its style stays."""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.layout import engine

from .support import boxes, d


def test_the_measurement_gets_the_sizes_and_the_style_keeps_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, Any, Any]] = []
    compute = engine.compute_layout

    def recorded(root: Any, **kwargs: Any) -> None:
        sizes = kwargs.get("sizes")
        if root.style.display == "grid":  # the grid is the root of its measurement only
            seen.append((root.style.width, root.style.height,
                         None if sizes is None else (sizes.width, sizes.height, sizes.limits)))
        compute(root, **kwargs)

    monkeypatch.setattr(engine, "compute_layout", recorded)
    element = d({"display": "block", "width": 300},
                d({"display": "grid", "gridTemplateColumns": "1fr 1fr", "padding": 10, "gap": 4, "minHeight": 30},
                  d({"height": 40}), d({}, "Some text that wraps over a few lines here"), d({"height": 24})))
    laid = boxes(element)
    # Rows of 63 (the text's three lines) and 24 px, a 4 px gap and 10 px padding.
    assert laid["div/div[0]"] == (0.0, 0.0, 300.0, 111.0)
    assert laid["div/div[0]/div[2]"] == (10.0, 77.0, 138.0, 24.0)
    # Measured twice (the second pass confirms the height): at its content width, its height
    # as written (auto) and its minimum kept, while its style says what it said (the height
    # the first measurement gave it, for the enclosing layout).
    assert seen == [("auto", "auto", (280.0, "auto", True)), ("auto", 91.0, (280.0, "auto", True))]


def test_a_measurement_within_a_pass_keeps_the_floors_of_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    # The block above holds a column with a percentage maxWidth: fit_own_height lays that column
    # out alone in every pass. The centred block below is floored at its child's margin box
    # (block_fit) by the tree's walk; the column's own walk took that floor back, so the passes
    # ran out (5) with the block at its child's width (Tailwind seed 13, card 111).
    roots: list[str | None] = []
    compute = engine.compute_layout

    def recorded(root: Any, **kwargs: Any) -> None:
        roots.append(root.path)
        compute(root, **kwargs)

    monkeypatch.setattr(engine, "compute_layout", recorded)
    element = d({"display": "flex", "flexDirection": "column", "width": 640, "height": 360, "padding": 32,
                 "boxSizing": "border-box"},
                d({}, d({"display": "flex", "flexDirection": "column", "maxWidth": "66%", "paddingTop": 6})),
                d({"alignSelf": "center", "height": 160},
                  d({"display": "flex", "flexShrink": 0, "width": 320, "marginRight": 224})))
    laid = boxes(element, 640, 360)
    assert laid["div/div[1]"] == (48.0, 38.0, 544.0, 160.0)
    assert laid["div/div[1]/div[0]"] == (48.0, 38.0, 320.0, 0.0)
    # Two passes of the tree (the second confirms the floor), each measuring the column once.
    assert roots.count(None) == 2


def test_a_percentage_minimum_width_above_the_maximum_is_resolved_in_the_measurement() -> None:
    # A column flex container with a percentage minWidth above its px maxWidth: the minimum wins
    # (360 of the block's 600), and its text wraps in 360 px (4 lines of 36). Laid out alone to
    # learn its height, the percentage had nothing to resolve against: the maximum held it at
    # 240 px (5 lines, 180 tall). The reference: 360 x 144 (Tailwind seed 17, card 33).
    text = "Quarterly results are in: revenue up forty percent across every region we serve"
    element = d({"display": "block", "width": 600},
                d({"display": "flex", "flexDirection": "column", "minWidth": "60%", "maxWidth": 240,
                   "fontSize": 28}, text),
                d({"display": "block"}, "next"))
    laid = boxes(element, 700, 300)
    assert laid["div/div[0]"] == (0.0, 0.0, 360.0, 144.0)
    assert laid["div/div[1]"] == (0.0, 144.0, 600.0, 21.0)
