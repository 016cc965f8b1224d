"""The computed-style memo (satori_py.style.memo): hits, and what callbacks see on a hit."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py import h, render_svg
from satori_py.errors import StyleError, UnsupportedPropertyError
from satori_py.options import Font
from satori_py.style import memo
from satori_py.style.computed import compute_style
from tests.support import paths

VIEWPORT = (100.0, 50.0)


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tags compute_style really computed (the memo's misses)."""
    tags: list[str] = []

    def counting(tag: str, *args: Any, **kwargs: Any) -> Any:
        tags.append(tag)
        return compute_style(tag, *args, **kwargs)

    monkeypatch.setattr(memo, "compute_style", counting)
    return tags


def card(*children: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "flexDirection": "column", "width": 100, "height": 50}},
             *children)


def cached(style: dict[str, Any], parent: Any = None, **kwargs: Any) -> Any:
    parent = parent or memo.root_style_of(width=VIEWPORT[0], height=VIEWPORT[1])
    return memo.cached_style("div", {"style": style}, parent, viewport=VIEWPORT, **kwargs)


def test_a_repeated_element_and_a_second_render_compute_nothing_again(computed: list[str]) -> None:
    row = {"style": {"display": "flex", "fontSize": 12, "color": "#333"}}
    element = card(*(h("div", row, f"item {i}") for i in range(5)))
    first = render_svg(element, width=100, height=50)
    assert computed == ["div", "div"]  # the card, then the row once for its five copies
    assert render_svg(element, width=100, height=50) == first
    assert computed == ["div", "div"]
    memo.clear()
    assert render_svg(element, width=100, height=50) == first
    assert computed == ["div", "div"] * 2


def test_the_parent_is_part_of_the_key(computed: list[str]) -> None:
    child = h("span", {"style": {"width": "2em"}}, "x")
    render_svg(card(h("div", {"style": {"fontSize": 10}}, child), h("div", {"style": {"fontSize": 20}}, child)),
               width=100, height=50)
    assert computed.count("span") == 2
    render_svg(card(child), width=100, height=60)  # another viewport: another root
    assert computed.count("span") == 3


@pytest.mark.parametrize("a,b", [
    ({"flexGrow": 1}, {"flexGrow": True}),
    ({"opacity": 1}, {"opacity": 1.0}),
    ({"margin": 5, "marginTop": 1}, {"marginTop": 1, "margin": 5}),  # declaration order cascades
    ({"width": 0.0}, {"width": -0.0}),
])
def test_values_that_look_alike_are_different_keys(computed: list[str], a: dict[str, Any],
                                                   b: dict[str, Any]) -> None:
    assert cached(a) is not cached(b)
    assert len(computed) == 2
    assert cached(a)["marginTop"] == compute_style("div", {"style": a}, memo.root_style_of(
        width=VIEWPORT[0], height=VIEWPORT[1]), viewport=VIEWPORT)["marginTop"]


def test_the_ch_ratio_is_part_of_the_key() -> None:
    def ratio(value: float) -> Any:
        return lambda family, weight, style: value

    narrow, wide = cached({"fontSize": 10}, ch_ratio=ratio(0.5)), cached({"fontSize": 10}, ch_ratio=ratio(0.6))
    assert narrow is not wide and cached({"fontSize": 10}, ch_ratio=ratio(0.5)) is narrow
    assert (narrow.ch_ratio, wide.ch_ratio) == (0.5, 0.6)
    # A child's ch is of its parent's font; its own (filters) of its own.
    assert cached({"width": "10ch"}, narrow)["width"] == 50.0
    assert cached({"width": "10ch"}, wide)["width"] == 60.0
    assert cached({"filter": "blur(1ch)"}, narrow, ch_ratio=ratio(0.7))["filter"] != cached(
        {"filter": "blur(1ch)"}, narrow, ch_ratio=ratio(0.8))["filter"]


def test_the_font_decides_ch_across_renders() -> None:
    conformance = paths.conformance_dir()
    if conformance is None:
        pytest.skip("conformance fonts not available")
    fonts = conformance / "fonts"
    element = card(h("div", {"style": {"fontSize": 20}}, h("div", {"style": {"width": "4ch", "height": 10,
                                                                           "backgroundColor": "red"}})))

    def render(font: str) -> str:
        return render_svg(element, width=100, height=50, fonts=[Font("F", fonts / font)])

    mono, sans = render("GeistMono-Regular.ttf"), render("Roboto-Regular.ttf")
    assert mono != sans
    memo.clear()
    assert render("Roboto-Regular.ttf") == sans
    memo.clear()
    assert render("GeistMono-Regular.ttf") == mono


BAD = {"display": "flex", "backgroundColor": "notacolor", "colour": "red", "paddingTop": "bogus"}


def _reports(element: Any, lenient: bool) -> list[tuple[str, str, str | None, str | None]]:
    """(callback, class, path, message) of each report, in the order told."""
    seen: list[tuple[str, Exception]] = []
    render_svg(element, width=100, height=50, on_warning=lambda e: seen.append(("warning", e)),
               on_style_error=(lambda e: seen.append(("error", e))) if lenient else None)
    return [(kind, type(e).__name__, getattr(e, "path", None), str(e)) for kind, e in seen]


@pytest.mark.parametrize("lenient", [False, True])
def test_reports_are_told_again_on_a_hit_with_each_node_path(computed: list[str], lenient: bool) -> None:
    element = card(h("div", {"style": BAD}, "a"), h("div", {"style": BAD}, "b"))
    first = _reports(element, lenient)
    assert computed == ["div", "div"]
    assert {path for _, _, path, _ in first} == {"div/div[0]", "div/div[1]"}
    assert len(first) == 6 and {kind for kind, *_ in first} == ({"warning", "error"} if lenient else {"warning"})
    assert _reports(element, lenient) == first  # all from the memo
    assert computed == ["div", "div"]
    memo.clear()
    assert _reports(element, lenient) == first  # as without it
    assert computed == ["div", "div"] * 2


def test_a_hit_gives_fresh_error_objects() -> None:
    element = card(h("div", {"style": BAD}, "a"))
    first: list[Exception] = []
    second: list[Exception] = []
    render_svg(element, width=100, height=50, on_style_error=first.append, on_warning=first.append)
    render_svg(element, width=100, height=50, on_style_error=second.append, on_warning=second.append)
    assert [str(e) for e in first] == [str(e) for e in second] and len(first) == 3
    assert not {id(e) for e in first} & {id(e) for e in second}


@pytest.mark.parametrize("style,error,message", [
    ({"colour": "red"}, UnsupportedPropertyError, r'^div/div\[0\]: CSS property "colour" is not supported'),
    ({"display": "bogus"}, StyleError, r'^div/div\[0\]: Invalid value for CSS property "display"'),
])
def test_strict_raises_the_same_on_every_render(style: dict[str, Any], error: type[Exception],
                                                 message: str) -> None:
    element = card(h("div", {"style": style}, "a"))
    render_svg(element, width=100, height=50, on_style_error=[].append)  # the memo has the style now
    for _ in range(2):
        with pytest.raises(error, match=message):
            render_svg(element, width=100, height=50, strict=True)


def test_an_invalid_value_raises_on_every_render_without_on_style_error(computed: list[str]) -> None:
    element = card(h("div", {"style": {"display": "bogus"}}, "a"))
    for _ in range(2):
        with pytest.raises(StyleError, match=r'^div/div\[0\]: Invalid value for CSS property "display"'):
            render_svg(element, width=100, height=50)
    assert computed == ["div", "div", "div"]  # the card once; a computation that raises is not kept


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo._STYLES, "max_entries", 50)
    for i in range(200):
        cached({"width": i})
    assert len(memo._STYLES) == 50
    cached({"backgroundImage": f"url(data:image/png;base64,{'A' * 70_000})"})
    assert len(memo._STYLES) == 50  # too large to keep: computed, nothing pushed out


def test_props_it_cannot_key_are_computed_without_it(computed: list[str]) -> None:
    props = {"style": {"width": 3}, "onClick": object()}
    root = memo.root_style_of(width=VIEWPORT[0], height=VIEWPORT[1])
    assert memo.cached_style("div", props, root, viewport=VIEWPORT)["width"] == 3.0
    memo.cached_style("div", props, root, viewport=VIEWPORT)
    assert computed == ["div", "div"] and len(memo._STYLES) == 0


def test_children_of_parents_alike_in_what_they_pass_on_are_computed_once(computed: list[str]) -> None:
    # Two cards' roots differ in their own size and background; what their children inherit is
    # the same, so the children's styles are the same objects.
    child = h("div", {"style": {"fontSize": 20, "padding": 4}}, "x")
    rows = [render_svg(h("div", {"style": {"display": "flex", "width": width, "backgroundColor": background,
                                           "color": "#333"}}, child), width=100, height=50)
            for width, background in ((100, "red"), (90, "blue"))]
    assert rows[0] != rows[1]
    assert computed == ["div", "div", "div"]  # each root, the child once
    # A value the child inherits (the colour) makes another key.
    render_svg(h("div", {"style": {"display": "flex", "color": "#334"}}, child), width=100, height=50)
    assert computed == ["div", "div", "div", "div", "div"]


_INHERITED_DECLARATIONS = st.fixed_dictionaries({}, optional={
    "color": st.sampled_from(["red", "#333", "currentColor"]),
    "fontSize": st.sampled_from([12, 12.0, "1.5em", "20px"]),
    "lineHeight": st.sampled_from([1.2, "20px", "normal", 1]),
    "fontWeight": st.sampled_from([400, "bold", 700.0]),
    "letterSpacing": st.sampled_from([0, -0.0, "0.1em"]),
    "textDecorationColor": st.sampled_from(["blue", "currentColor"]),
    "listStyleType": st.sampled_from(["disc", "none"]),
    "--gap": st.sampled_from(["4px", "1em"]),
    "all": st.just("initial"),
})
_OWN_DECLARATIONS = st.fixed_dictionaries({}, optional={
    "width": st.sampled_from([10, "50%", "2em", "10ch"]),
    "backgroundColor": st.sampled_from(["red", "currentColor"]),
    "display": st.sampled_from(["flex", "block", "none"]),
    "borderWidth": st.sampled_from([1, "0.5em"]),
    "borderStyle": st.just("solid"),
    "padding": st.sampled_from([3, "1lh", "var(--gap)"]),
})
_CHILD_DECLARATIONS = st.fixed_dictionaries({}, optional={
    "width": st.sampled_from(["2em", "3ch", "1lh", "var(--gap)", "inherit"]),
    "color": st.sampled_from(["inherit", "currentColor", "green"]),
    "borderColor": st.just("currentColor"),
    "borderWidth": st.just(1),
    "borderStyle": st.just("solid"),
    "fontSize": st.sampled_from(["2em", 10]),
    "textDecorationLine": st.just("underline"),
})


def _everything(style: Any) -> tuple[Any, ...]:
    return (dict(style), style.box, style.flex, style.font, style.text, style.paint, style.warnings, style.lengths,
            style.declared, style.color_text, style.ch_ratio, style.set_colors, style.child_list_depth,
            style.font_features)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["div", "ul", "li"]), st.lists(_INHERITED_DECLARATIONS, min_size=2, max_size=2),
       st.lists(_OWN_DECLARATIONS, min_size=2, max_size=2), _CHILD_DECLARATIONS, st.sampled_from(["div", "li"]))
def test_a_parent_is_keyed_by_what_a_child_reads_of_it(tag: str, inherited: list[dict[str, Any]],
                                                        own: list[dict[str, Any]], child: dict[str, Any],
                                                        child_tag: str) -> None:
    # Parents alike but for their own (not inherited) values have one key; parents with one key
    # give a child the same values (the memo gives the child computed under one to the other).
    root = memo.root_style_of(width=VIEWPORT[0], height=VIEWPORT[1])
    warned: list[StyleError] = []
    parents = [compute_style(tag, {"style": {**own[i], **inherited[i]}}, root, viewport=VIEWPORT,
                             on_style_error=warned.append) for i in (0, 1)]
    keys = [memo._parent_key(parent) for parent in parents]
    if list(inherited[0].items()) == list(inherited[1].items()):
        assert keys[0] == keys[1]
    if keys[0] == keys[1]:
        results = [_everything(compute_style(child_tag, {"style": child}, parent, viewport=VIEWPORT,
                                             on_style_error=warned.append)) for parent in parents]
        assert results[0] == results[1]


def test_the_parents_numbers_are_bounded_by_their_texts() -> None:
    root = memo.root_style_of(width=VIEWPORT[0], height=VIEWPORT[1])
    small = compute_style("div", {"style": {"--gap": "4px"}}, root, viewport=VIEWPORT)
    large = compute_style("div", {"style": {"--gap": "4px" * 30_000}}, root, viewport=VIEWPORT)
    assert memo._parent_key(small) == memo._parent_key(small) and len(memo._PARENTS) == 1
    assert memo._parent_key(large) != memo._parent_key(small)
    assert len(memo._PARENTS) == 1  # too large to keep: a number of its own, kept with the style only
