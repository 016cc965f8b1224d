"""Unit tests of the stylesheet pass: conditions, selectors, the cascade and the rebuilt tree.

What the real Satori does with whole trees is checked by
test_stylesheet_reference.py; these pin the pieces, table-driven.
"""
from __future__ import annotations

from typing import Any

import pytest

from satori_py.diagnostics import Diagnostics
from satori_py.element import Element, TextNode, load_element
from satori_py.errors import StyleError
from satori_py.style.conditions import (
    matches_media,
    matches_supports,
    parse_container_prelude,
)
from satori_py.style.selectors import (
    CLASS,
    ID,
    TYPE,
    build_nodes,
    compile_selector,
    matches,
)
from satori_py.style.sheet_cascade import replace_container_units, to_property_name
from satori_py.style.sheet_parser import Declaration, StyleRule, parse_stylesheet
from satori_py.style.sheet_apply import declaration_error
from satori_py.style.stylesheet import (
    CONTAINER_PROP,
    apply_stylesheets,
    has_query_containers,
    lay_out_with_stylesheets,
)
from tests.style.stylesheet_cases import h, style

VIEWPORT = (200.0, 100.0)


@pytest.mark.parametrize(("query", "expected"), [
    ("", True), ("all", True), ("screen", True), ("print", False), ("not print", True),
    ("only screen and (min-width: 200px)", True), ("(min-width: 201px)", False),
    ("(max-width: 12.5em)", True), ("(width > 199px) and (height < 101px)", True),
    ("(100px <= width <= 200px)", True), ("(400px > width)", True), ("(orientation: landscape)", True),
    ("(aspect-ratio: 2/1)", True), ("(min-aspect-ratio: 3/1)", False), ("(prefers-color-scheme: dark)", False),
    ("(prefers-color-scheme: light)", True), ("(hover)", False), ("(hover: none)", True), ("(color)", True),
    ("(monochrome)", False), ("(unknown: 1)", False), ("print, (width: 200px)", True),
    ("(width: 200px) or (x)", True), ("(width: 200px) and (x)", False), ("not (width: 1px)", True),
    ("screen and (not (width: 1px))", True), ("(width: 200px) and (height: 100px) or (x)", False),
    ("SCREEN AND (MIN-WIDTH: 10PX)", True), ("(width: 1/0)", False), ("(aspect-ratio < 1/0)", True),
])
def test_media_queries(query: str, expected: bool) -> None:
    assert matches_media(query, VIEWPORT) is expected


def test_media_features_without_a_size() -> None:
    assert matches_media("(orientation: portrait)", (200.0, None)) is False
    assert matches_media("(min-height: 0)", (200.0, None)) is False
    assert matches_media("(width)", (200.0, None)) is True


@pytest.mark.parametrize(("condition", "supported", "expected"), [
    ("(display: grid)", {"display: grid": True}, True),
    ("(display: gridd)", {"display: gridd": False}, False),
    ("not (display: gridd)", {"display: gridd": False}, True),
    ("(a: b) or (display: grid)", {"a: b": False, "display: grid": True}, True),
    ("selector(a > b)", {}, True), ("font-tech(color-COLRv1)", {}, False), ("(--x: y)", {}, True),
    ("(not-a-declaration)", {}, False), ("((display: grid))", {"display: grid": True}, True),
])
def test_supports(condition: str, supported: dict[str, bool], expected: bool) -> None:
    assert matches_supports(condition, supported) is expected


@pytest.mark.parametrize(("prelude", "name", "query"), [
    ("card (min-width: 400px)", "card", "(min-width: 400px)"), ("(WIDTH > 1px)", None, "(width > 1px)"),
    ("side", "side", ""), ("not (width > 1px)", None, "not (width > 1px)"), ("", None, ""),
])
def test_container_prelude(prelude: str, name: str | None, query: str) -> None:
    condition = parse_container_prelude(prelude)
    assert (condition.name, condition.query) == (name, query)


def test_container_conditions() -> None:
    assert parse_container_prelude("(min-width: 100px)").matches(120, 10)
    assert not parse_container_prelude("(min-width: 100px)").matches(90, 10)
    assert parse_container_prelude("(orientation: portrait)").matches(10, 20)
    assert parse_container_prelude("(height > 5px)").queries_block_axis


@pytest.mark.parametrize(("name", "expected"), [
    ("color", "color"), ("background-color", "backgroundColor"), ("-webkit-line-clamp", "WebkitLineClamp"),
    ("-ms-flex", "msFlex"), ("-moz-opacity", "MozOpacity"), ("--My-var", "--My-var"),
])
def test_property_names(name: str, expected: str) -> None:
    assert to_property_name(name) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("10cqw", "<10.0cqw>"), ("1.5CQI 2px", "<1.5cqi> 2px"), ("-.5cqmax", "<-0.5cqmax>"),
    ("'10cqw' 1e1cqh", "'10cqw' <10.0cqh>"), ("a10cqw", "a10cqw"), ("--x10cqw", "--x10cqw"),
    ("calc(100% - 2cqb)", "calc(100% - <2.0cqb>)"), ("10cqwx", "10cqwx"), ("1e+2cqmin", "<100.0cqmin>"),
])
def test_container_units_are_found_like_a_tokenizer(value: str, expected: str) -> None:
    assert replace_container_units(value, lambda amount, unit: f"<{amount!r}{unit}>") == expected


# -- selectors ----------------------------------------------------------------------------

TREE = h("div", {"id": "root", "lang": "en-GB"},
         h("p", {"className": "a b", "data-x": "one two"}, "text"),
         h("span", {"className": "a"}),
         h("p", {"id": "c"}, h("b", None, "x")))


def _matching(selector: str) -> list[str]:
    """The element paths ``selector`` matches in TREE."""
    rule = parse_stylesheet(f"{selector} {{}}")[0]
    assert isinstance(rule, StyleRule)
    compiled = [compile_selector(raw, None) for raw in rule.selectors]
    root = build_nodes(load_element(TREE))
    out: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if any(s is not None and s.pseudo is None and matches(s, node) for s in compiled):
            out.append(node.element.path)
        stack.extend(reversed(node.children))
    return out


@pytest.mark.parametrize(("selector", "paths"), [
    ("p", ["div/p[0]", "div/p[2]"]), (".a", ["div/p[0]", "div/span[1]"]), (".a.b", ["div/p[0]"]),
    ("#c > b", ["div/p[2]/b[0]"]), ("p + span", ["div/span[1]"]), ("p ~ p", ["div/p[2]"]),
    (":root", ["div"]), ("div :empty", ["div/span[1]"]), (":first-child", ["div", "div/p[0]", "div/p[2]/b[0]"]),
    ("[data-x~=two]", ["div/p[0]"]), ("[data-x~='one two']", []), ("p:has(b)", ["div/p[2]"]),
    ("p:not(.a)", ["div/p[2]"]), (":is(span, #c)", ["div/span[1]", "div/p[2]"]),
    (":lang(en)", ["div", "div/p[0]", "div/span[1]", "div/p[2]", "div/p[2]/b[0]"]),
    ("p:nth-of-type(2)", ["div/p[2]"]), (":nth-child(2 of .a)", ["div/span[1]"]), ("b:only-child", ["div/p[2]/b[0]"]),
])
def test_selector_matching(selector: str, paths: list[str]) -> None:
    assert _matching(selector) == paths


@pytest.mark.parametrize(("selector", "specificity"), [
    ("p", TYPE), (".a", CLASS), ("#a", ID), ("*", 0), ("p.a#b", ID + CLASS + TYPE), ("[x]", CLASS),
    (":where(#a)", 0), (":is(#a, p)", ID), (":not(.a, #b)", ID), (":has(> .a)", CLASS),
    (":nth-child(2 of #a)", CLASS + ID), ("p::before", 2 * TYPE), (":hover", CLASS), (":host(.x)", CLASS),
])
def test_specificity(selector: str, specificity: int) -> None:
    rule = parse_stylesheet(f"{selector} {{}}")[0]
    assert isinstance(rule, StyleRule)
    compiled = compile_selector(rule.selectors[0], None)
    assert compiled is not None and compiled.specificity == specificity


@pytest.mark.parametrize("selector", [":dir(ltr)", ":foo", "::before p", ":not(:foo)", ":nth-child(2n of :bar)"])
def test_unsupported_selectors_are_invalid(selector: str) -> None:
    rule = parse_stylesheet(f"{selector} {{}}")
    assert not rule or any(compile_selector(raw, None) is None
                           for raw in rule[0].selectors)  # type: ignore[union-attr]


# -- the pass -----------------------------------------------------------------------------

def _apply(css: str, *children: Any, **kwargs: Any) -> Element:
    return apply_stylesheets(load_element(h("div", None, style(css), *children)), viewport=VIEWPORT, **kwargs)


def test_without_sheets_the_tree_is_unchanged() -> None:
    tree = load_element(h("div", None, h("p", None, "x")))
    assert apply_stylesheets(tree, viewport=VIEWPORT) is tree
    styled = load_element(h("div", None, style("@media print { p { color: red } }"), h("p", None, "x")))
    assert apply_stylesheets(styled, viewport=VIEWPORT) is styled


def test_style_follows_the_cascade_and_keeps_the_inline_style() -> None:
    out = _apply(".a { color: red; margin: 1px !important } p { color: blue }",
                 h("p", {"className": "a", "style": {"color": "green", "margin": 2}}, "x"))
    paragraph = out.children[1]
    assert isinstance(paragraph, Element)
    assert dict(paragraph.style) == {"color": "green", "margin": "1px"}
    assert paragraph.props["style"] == paragraph.style


def test_generated_content_and_paths() -> None:
    out = _apply(".a::before { content: 'x' counter(n) attr(data-v) } .a::after { content: url(i.png) }",
                 h("p", {"className": "a", "data-v": 7}, "y"))
    paragraph = out.children[1]
    assert isinstance(paragraph, Element)
    before, text, after = paragraph.children
    assert isinstance(before, Element) and isinstance(after, Element) and isinstance(text, TextNode)
    assert (before.type, before.path, text.path, after.path) == (
        "::before", "div/p[1]/::before[0]", "div/p[1]/#text[1]", "div/p[1]/::after[2]")
    assert [c.text if isinstance(c, TextNode) else (c.type, dict(c.props)) for c in before.children] == [
        "x", ("::counter", {"name": "n", "separator": None, "counterStyle": "decimal"}), "7"]
    image = after.children[0]
    assert isinstance(image, Element) and dict(image.props) == {"src": "i.png", "__naturalSize": True}


def test_invalid_declarations_are_dropped_and_reported_once() -> None:
    errors: list[Exception] = []
    out = _apply(".a { display: flex; display: tabel } .b { display: tabel; margin: var(--x) }",
                 h("p", {"className": "a b"}), h("p", {"className": "b"}), on_style_error=errors.append)
    first = out.children[1]
    assert isinstance(first, Element)
    assert dict(first.style) == {"display": "flex", "margin": "var(--x)"}
    assert len(errors) == 1 and isinstance(errors[0], StyleError)
    assert 'Received: "tabel"' in str(errors[0])


def test_declaration_error() -> None:
    assert declaration_error("color", "red") is None
    error = declaration_error("zIndex", "1.5")
    assert error is not None and error.message == 'Invalid `zIndex` value: "1.5". Expected an integer or "auto".'


def test_sheet_parser_declarations() -> None:
    rule = parse_stylesheet("a { --x: ; color: red !important; b: 1px /* c */ 2px }")[0]
    assert isinstance(rule, StyleRule)
    assert [(d.name, d.value, d.important) for d in rule.body if isinstance(d, Declaration)] == [
        ("--x", "", False), ("color", "red", True), ("b", "1px /* c */ 2px", False)]


def test_two_passes_for_container_queries() -> None:
    tree = load_element(h("div", None, style(".c { container-type: inline-size } @container (width > 50px) { p { color: red } }"),
                          h("div", {"className": "c"}, h("p", None, "x"))))
    passes: list[Element] = []
    errors: list[Exception] = []
    channel = Diagnostics(on_style_error=errors.append)

    def lay_out(styled: Element) -> str:
        passes.append(styled)
        channel.report(StyleError(f"pass {len(passes)}"))
        return "layout"

    with channel.active():
        result = lay_out_with_stylesheets(tree, lay_out, viewport=VIEWPORT, diagnostics=channel,
                                          container_sizes=lambda _: {0: (80.0, 10.0)})
    assert result == "layout" and len(passes) == 2
    assert has_query_containers(passes[0]) and passes[0].children[1].props[CONTAINER_PROP] == 0  # type: ignore[union-attr]
    first_p, second_p = (p.children[1].children[0] for p in passes)  # type: ignore[union-attr]
    assert "style" not in first_p.props and second_p.props["style"] == {"color": "red"}  # type: ignore[union-attr]
    # The reports of the first pass are withdrawn: the second one makes them again.
    assert [str(e) for e in errors] == ["pass 2"]


def test_one_pass_reports_its_errors() -> None:
    tree = load_element(h("div", None, h("p", None, "x")))
    errors: list[Exception] = []
    channel = Diagnostics(on_style_error=errors.append)

    def lay_out(styled: Element) -> int:
        channel.report(StyleError("late"))
        return 1

    with channel.active():
        assert lay_out_with_stylesheets(tree, lay_out, viewport=VIEWPORT, diagnostics=channel,
                                        container_sizes=lambda _: {}) == 1
    assert [str(e) for e in errors] == ["late"]
