"""The ``tw`` prop in a render: merge order, preflight defaults, config per render, reports."""
from __future__ import annotations

import logging
from typing import Any

import pytest

from satori_py import render_png, render_svg
from satori_py.api import Pipeline
from satori_py.errors import StyleError
from satori_py.layout.boxes import RenderBox
from satori_py.tailwind import resolver


def el(tw: Any = None, style: dict[str, Any] | None = None, *kids: Any, t: str = "div") -> dict[str, Any]:
    props: dict[str, Any] = {}
    if tw is not None:
        props["tw"] = tw
    if style is not None:
        props["style"] = style
    if kids:
        props["children"] = list(kids)
    return {"type": t, "props": props}


def boxes(element: dict[str, Any], width: float | None = 400, height: float | None = 200,
          **options: Any) -> dict[str, RenderBox]:
    pipeline = Pipeline(width, height, **options)
    out: dict[str, RenderBox] = {}

    def visit(box: RenderBox) -> None:
        if box.tag:
            out[box.path] = box
        for child in box.children:
            visit(child)

    visit(pipeline.layout(pipeline.parse(element)).root)
    return out


def rect(box: RenderBox) -> tuple[float, float, float, float]:
    r = box.rect
    return (r.x, r.y, r.width, r.height)


def test_classes_apply_under_the_inline_style() -> None:
    found = boxes(el("flex w-40 h-20 p-4 bg-red-500", {"width": 100}, el("w-full h-full")))
    assert rect(found["div"]) == (0, 0, 100, 80)
    # border-box sizing (the preflight default): padding inside the 100px.
    assert rect(found["div/div[0]"]) == (16, 16, 68, 48)
    assert found["div"].style["backgroundColor"].r == 239


def test_preflight_defaults_only_with_a_tw_prop() -> None:
    found = boxes(el(None, {"display": "flex"},
                     el("", {"width": 50, "padding": 10}), el("p-0", {"width": 50, "padding": 10}),
                     el(None, {"width": 50, "padding": 10, "borderWidth": 4, "borderStyle": "solid"}),
                     el("h-2", {"width": 50, "padding": 10, "borderWidth": 4})))
    assert rect(found["div/div[0]"])[2] == 70  # tw="" is no tw (content-box)
    assert rect(found["div/div[1]"])[2] == 50  # border-box
    assert rect(found["div/div[2]"])[2] == 78
    # With tw, borderStyle is solid: a width alone draws a border, inside the 50px.
    assert rect(found["div/div[3]"])[2] == 50 and found["div/div[3]"].style["borderTopWidth"] == 4


def test_tw_values_like_satori_reads_them() -> None:
    # tw={['flex', 'p-2']} is String(['flex', 'p-2']) = "flex,p-2" in Satori: one unknown class.
    found = boxes(el(None, {"display": "flex"}, el(["flex", "p-2"], {"width": 10}), el(0, {"width": 10})))
    assert found["div/div[0]"].style["paddingTop"] == 0
    assert found["div/div[0]"].style["display"] == "block"
    assert found["div/div[0]"].style["boxSizing"] == "border-box"
    assert found["div/div[1]"].style["boxSizing"] == "content-box"  # tw={0} is falsy


def test_lines_heights_are_unitless_over_the_inline_font_size() -> None:
    found = boxes(el(None, {"display": "flex"},
                     el("leading-7", {"fontSize": 14}, "a"), el("leading-7", None, "b"),
                     el("text-xl leading-tight", {"fontSize": 50}, "c")))
    assert found["div/div[0]"].style["lineHeight"].value == 2  # 28 / 14
    # Satori throws "Cannot read properties of undefined (reading 'fontSize')" here;
    # satori-py reads a missing style as no font size: 28 / 16.
    assert found["div/div[1]"].style["lineHeight"].value == 1.75
    assert found["div/div[2]"].style["lineHeight"].value == 1.25


def test_each_render_uses_its_own_config() -> None:
    """Satori keeps the first render's tailwindConfig for the process (a bug); satori-py does not."""
    card = el("bg-brand w-4 h-4")
    first = boxes(card, tailwind_config={"theme": {"extend": {"colors": {"brand": "#ff0000"}}}})
    second = boxes(card, tailwind_config={"theme": {"extend": {"colors": {"brand": "#0000ff"}}}})
    third = boxes(card)
    assert first["div"].style["backgroundColor"].r == 255
    assert second["div"].style["backgroundColor"].b == 255
    assert third["div"].style["backgroundColor"] is None or third["div"].style["backgroundColor"].a == 0


def test_breakpoints_follow_the_render_size() -> None:
    card = el("flex p-2 md:p-8", None, el("w-4 h-4"))
    assert rect(boxes(card, 700, 100)["div/div[0]"])[:2] == (8, 8)
    assert rect(boxes(card, 800, 100)["div/div[0]"])[:2] == (32, 32)
    assert rect(boxes(card, None, 100)["div/div[0]"])[:2] == (8, 8)


def test_ignored_classes_go_to_on_style_error() -> None:
    seen: list[Exception] = []
    card = el("flex gap-4 hover:p-2", None, el("leading-tight bg-[#zzz] border-[-2px] text-auto"))
    render_svg(card, width=100, height=100, on_style_error=seen.append)
    assert all(isinstance(e, StyleError) for e in seen)
    # The style stage reports the invalid colour too, against its property.
    assert [str(e) for e in seen if e.prop != "tw"] == [
        'div/div[0]: Invalid color "#zzz" for CSS property "backgroundColor": it is drawn black.']
    seen = [e for e in seen if e.prop == "tw"]
    assert [(e.path, e.value) for e in seen] == [
        ("div", "gap-4"), ("div", "hover:p-2"), ("div/div[0]", "leading-tight"),
        ("div/div[0]", "border-[-2px]"), ("div/div[0]", "text-auto"), ("div/div[0]", "bg-[#zzz]")]
    assert str(seen[0]) == ('div: Tailwind class "gap-4" is ignored (as in Satori): twrnc has no gap utilities: '
                            'set gap (rowGap, columnGap) in style.')
    assert str(seen[1]) == ('div: Tailwind class "hover:p-2" is ignored: the variant "hover:" does not '
                            'apply to images.')
    assert str(seen[3]) == ('div/div[0]: Tailwind class "border-[-2px]": a border width cannot be negative; '
                            'Satori throws on it.')


def test_without_a_callback_they_are_logged_and_never_raise(caplog: pytest.LogCaptureFixture) -> None:
    card = el("flex gap-4", None, el("grid-cols-3 bg-opacity-50"), el("gap-4"))
    with caplog.at_level(logging.WARNING, logger="satori_py"):
        render_png(card, width=50, height=50)
    messages = [r.getMessage() for r in caplog.records if r.name == "satori_py"]
    assert messages == [
        'div: Tailwind class "gap-4" is ignored (as in Satori): twrnc has no gap utilities: set gap '
        '(rowGap, columnGap) in style.',
        'div/div[0]: Tailwind class "grid-cols-3" is ignored (as in Satori): twrnc has no grid '
        'utilities: set display: grid and the grid properties in style.',
        'div/div[0]: Tailwind class "bg-opacity-50" is ignored: an opacity class applies only with a '
        'colour class of the same kind in the same tw; Satori throws on it.',
        'div/div[1]: Tailwind class "gap-4" is ignored (as in Satori): twrnc has no gap utilities: set gap '
        '(rowGap, columnGap) in style.']


def test_resolution_is_cached_per_class_list(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = resolver.resolve_classes
    monkeypatch.setattr(resolver, "resolve_classes", lambda c, *rest: calls.append(c) or real(c, *rest))
    card = el("flex p-3 text-[13px]", None, *[el("w-[7px] h-[3px] bg-sky-300") for _ in range(20)])
    render_svg(card, width=100, height=100)
    render_svg(card, width=100, height=100)
    assert calls == ["flex p-3 text-[13px]", "w-[7px] h-[3px] bg-sky-300"]
    render_svg(card, width=120, height=100)  # another canvas size is another key
    assert len(calls) == 4


def test_results_are_fresh_copies() -> None:
    from satori_py.tailwind import to_style
    first = to_style("tabular-nums p-1", width=10, height=10)
    first["fontVariant"].append("x")
    first["paddingTop"] = 99
    assert to_style("tabular-nums p-1", width=10, height=10) == {
        "paddingTop": 4, "paddingRight": 4, "paddingBottom": 4, "paddingLeft": 4, "fontVariant": ["tabular-nums"]}


def test_a_huge_class_list_is_bounded_work() -> None:
    classes = " ".join(f"p-{i % 97}" for i in range(20000)) + " " + "x" * 100_000
    from satori_py.tailwind import to_style
    # Duplicates go (the first of each stays): p-0 ... p-96 remain, the last wins.
    assert to_style(classes, width=10, height=10, on_style_error=lambda e: None)["paddingTop"] == 384


def test_strict_raises_on_an_ignored_class() -> None:
    with pytest.raises(StyleError, match='^div/div\\[0\\]: Tailwind class "gap-4" is ignored'):
        render_svg(el("flex", None, el("gap-4")), width=50, height=50, strict=True)
