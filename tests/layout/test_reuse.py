"""A tree laid out before takes its kept layout (layout/reuse.py), which is what its passes give."""
from __future__ import annotations

import inspect
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py import Font, render_svg
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.layout import engine, reuse
from satori_py.layout.node_style import NodeStyle
from satori_py.layout.positioning import Positions
from satori_py.layout.taffy import LayoutNode
from satori_py.layout.taffy_style import FitLimits
from satori_py.text.paragraph import Paragraph
from tests.layout.support import d
from tests.support.counting import count_calls


def _card(title: str, size: float, padding: float, direction: str, badge: str = "none",
          width: str | None = None, block: bool = False) -> dict[str, Any]:
    # ``badge``: an absolute box whose containing block is the card, not its parent (the
    # layout's positions), at its static position ("static") or with an inset ("top").
    # ``width``: the title's, a value that waits for sizes (the layout's deferred values).
    # ``block``: the title in a column flex container with a maximum width in a block, which a
    # pass sizes on its own (the layout's own heights).
    insets = {"top": 6} if badge == "top" else {}
    badges = [d({"position": "absolute", "width": 30, "height": 12, "background": "red", **insets})]
    heading = d({"fontSize": size, "fontWeight": 700, "maxWidth": 260, **({"width": width} if width else {})}, title)
    if block:
        heading = d({"display": "block"}, d({"display": "flex", "flexDirection": "column", "maxWidth": 200}, heading))
    return d({"display": "flex", "flexDirection": direction, "padding": padding, "width": "100%", "height": "100%",
              "alignItems": "center", "gap": 12, "position": "relative"},
             heading,
             d({"display": "flex", "alignItems": "center", "gap": 8},
               d({"width": 40, "height": 40, "borderRadius": 20, "background": "#3b82f6"}),
               d({"fontSize": 18}, "by ", d({"color": "#888"}, "someone", t="span"), t="p"),
               *(badges if badge != "none" else [])))


CARD = _card("A title that wraps over two lines", 32, 24, "column")


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    return count_calls(monkeypatch, engine.Layout, "_compute")


def test_a_card_rendered_again_takes_its_kept_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    reuse.forget()
    passes = _passes(monkeypatch)
    expected = render_svg(CARD, width=400, height=300)
    assert passes[0] == 1 and len(reuse._LAYOUTS) == 0  # laid out once: seen, not kept
    assert render_svg(CARD, width=400, height=300) == expected
    assert passes[0] == 2 and len(reuse._LAYOUTS) == 1  # laid out again: kept
    assert render_svg(CARD, width=400, height=300) == expected
    assert passes[0] == 2  # no pass: every node took its style and box


def test_a_changed_input_lays_out_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    reuse.forget()
    for _ in range(2):
        render_svg(CARD, width=400, height=300)  # kept
    passes = _passes(monkeypatch)
    geist = DEFAULT_FONT_PATH.read_bytes()
    changed: list[dict[str, Any]] = [
        {"element": _card("A title that wraps over two lines!", 32, 24, "column"), "width": 400},  # a text
        {"element": CARD, "width": 401},  # the room
        {"element": _card("A title that wraps over two lines", 32, 24.5, "column"), "width": 400},  # a style
        {"element": CARD, "width": 400, "point_scale_factor": 2},
        {"element": CARD, "width": 400, "fonts": [Font("Geist", geist, 400), Font("Other", geist, 700)]},
    ]
    for count, kwargs in enumerate(changed, start=1):
        render_svg(**kwargs, height=300)
        assert passes[0] == count, kwargs


def test_a_layout_with_a_registry_is_not_kept() -> None:
    reuse.forget()
    # A float: placed by the layout's floats, which the key doesn't cover.
    card = d({"display": "block", "width": 300, "height": 200},
             d({"float": "left", "width": 50, "height": 50}), "Text beside a float")
    for _ in range(2):
        render_svg(card)
    assert len(reuse._LAYOUTS) == 0 and len(reuse._SEEN) == 0


def test_a_tree_with_registries_a_key_covers_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    run = engine.Layout.run

    def registries(layout: engine.Layout, *args: Any, **kwargs: Any) -> None:
        seen.append((len(layout.positions.out_of_flow), len(layout.deferred), len(layout.own_heights)))
        run(layout, *args, **kwargs)

    monkeypatch.setattr(engine.Layout, "run", registries)
    reuse.forget()
    passes = _passes(monkeypatch)
    card = _card("A title", 32, 24, "row", "static", "fit-content", True)
    expected = render_svg(card, width=400, height=300)
    assert render_svg(card, width=400, height=300) == expected  # kept
    computed = passes[0]  # (the box sized on its own is laid out alone too)
    assert computed >= 2 and seen[0] == (1, 1, 1) and len(reuse._LAYOUTS) == 1
    assert render_svg(card, width=400, height=300) == expected and passes[0] == computed
    render_svg(_card("A title", 32, 24, "row", "top", "fit-content", True), width=400, height=300)
    assert passes[0] > computed


def test_kept_layouts_are_bounded() -> None:
    reuse.forget()
    for n in range(reuse._LAYOUTS.max_entries + 20):
        for _ in range(2):
            render_svg(d({"display": "flex", "fontSize": 12}, f"card {n}"), width=100, height=40)
    assert len(reuse._LAYOUTS) == reuse._LAYOUTS.max_entries


def test_the_key_covers_what_makes_a_paragraph() -> None:
    # A paragraph measures as its constructor's arguments make it: each is in the key
    # (_paragraph_key). One added there must be added to the key too.
    assert list(inspect.signature(Paragraph.__init__).parameters) == [
        "self", "items", "block_style", "registry", "embed_font", "path", "block_paragraph", "grapheme_images",
        "point_scale_factor", "locale", "near_floats"]


def test_the_registries_a_plain_layout_has_none_of() -> None:
    # A layout's passes read its registries: Layout._plain asks each to be empty (a new one
    # must be asked too), the others are the passes' own state, made anew by each layout.
    class Builder:
        def remake(self, box: Any, items: list[Any]) -> None:
            pass

    builder = Builder()
    layout = engine.Layout(1.0, builder.remake)
    assert set(vars(layout)) == {
        "scale", "positions", "deferred", "deferred_by_node", "grids", "own_heights", "_floats", "flex_fit",
        "baselines", "_remake_paragraph", "paragraphs", "measured", "_refitted", "_trees"}


_TITLES = st.sampled_from(["A title", "A titlf", "WWW WWW", "iii iii iii", "A title that wraps over two lines",
                           "Un titre \u00e9l\u00e9gant", "\U0001f600 A title"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_TITLES, st.sampled_from([20, 32]), st.sampled_from([0, 24, 24.5]),
                          st.sampled_from(["row", "column"]), st.sampled_from([300, 400]),
                          st.sampled_from([1, 2]), st.booleans(), st.sampled_from(["none", "static", "top"]),
                          st.sampled_from([None, "fit-content", "calc(60% + 10px)"]), st.booleans()),
                min_size=2, max_size=3))
def test_a_render_after_others_gives_what_its_passes_give(cards: list[Any]) -> None:
    def render(card: Any) -> str:
        title, size, padding, direction, width, scale, embed, badge, title_width, block = card
        return render_svg(_card(title, size, padding, direction, badge, title_width, block), width=width, height=240,
                          point_scale_factor=scale, embed_font=embed)

    expected = []
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(engine, "recall", lambda pending: False)  # the passes of each
        expected = [render(card) for card in cards]
    reuse.forget()
    for _ in range(3):  # seen, kept, then each from its kept layout
        assert [render(card) for card in cards] == expected


def test_a_key_that_is_not_hashable_is_not_kept() -> None:
    def key(node: LayoutNode) -> reuse.Pending | None:
        return reuse.layout_key(node, 100.0, 100.0, 1.0, {}, Positions(), [], [])

    reuse.forget()
    assert key(LayoutNode(NodeStyle())) is None  # its texts (none) seen for the first time
    assert key(LayoutNode(NodeStyle())) is not None
    node = LayoutNode(NodeStyle(), limits=FitLimits(padding=[1.0, None, None, None]))  # type: ignore[arg-type]
    assert key(node) is None  # (a list: no value of a node is one)


def _grid_card(columns: str) -> dict[str, Any]:
    # Named lines and areas: the grid container's dicts of line names are in the key.
    return d({"display": "grid", "gridTemplateColumns": columns, "gridTemplateAreas": '"head head" "side main"',
              "gap": 8, "width": "100%", "height": "100%", "padding": 12},
             d({"gridArea": "head", "fontSize": 24}, "A grid card"),
             d({"gridColumn": "start / mid", "background": "#3b82f6"}, "side"),
             d({"gridArea": "main", "fontSize": 14}, "The main part of a grid card, which wraps"))


def test_a_grid_is_kept_by_its_tracks(monkeypatch: pytest.MonkeyPatch) -> None:
    cards = [_grid_card("[start] 1fr [mid] 2fr [end]"), _grid_card("[start] 2fr [mid] 1fr [end]"),
             _grid_card("[start] 80px [mid] 1fr [end]")]
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(engine, "recall", lambda pending: False)  # the passes of each
        expected = [render_svg(card, width=400, height=240) for card in cards]
    reuse.forget()
    for _ in range(2):  # seen, then kept
        assert [render_svg(card, width=400, height=240) for card in cards] == expected
    assert len(reuse._LAYOUTS) == len(cards)
    passes = _passes(monkeypatch)
    assert [render_svg(card, width=400, height=240) for card in cards] == expected
    assert passes[0] == 0  # each took its kept layout: no pass
