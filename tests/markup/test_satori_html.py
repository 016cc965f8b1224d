"""``from_html(markup, dialect="satori-html")`` against satori-html 0.3.2 itself.

Each markup in tests/markup/data/satori_html/ has a golden case, golden/markup/NAME.json,
whose element is the tree satori-html made of it (recorded by
tests/markup/tools/record_satori_html.mjs) and whose reference is the real Satori's render
of that tree (tests/test_golden.py judges our render of it). Here: our dialect makes the
same tree, and so the same SVG.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from satori_py import Font, render_svg
from satori_py.errors import MarkupError, OptionError
from satori_py.markup import from_html
from tests.support.paths import GOLDEN_DIR, REPO_ROOT

MARKUP = REPO_ROOT / "tests" / "markup" / "data" / "satori_html"
NAMES = sorted(p.stem for p in MARKUP.glob("*.html"))


def _golden(name: str) -> dict[str, Any]:
    return json.loads((GOLDEN_DIR / "markup" / f"{name}.json").read_text())


def _same_shape(node: Any) -> Any:
    """A tree with what only spells the same thing differently made equal.

    satori-html leaves a hole (null) in a children array where it dropped a blank text, keeps
    a one-item array when the other items were blanks, gives a childless element
    ``children: []`` and keeps ``class`` (Satori reads none of them); we give JSX's
    ``className`` and numbers for ``<img width height>``.
    """
    if isinstance(node, list):
        items = [_same_shape(item) for item in node if item is not None]
        return items[0] if len(items) == 1 else items
    if not isinstance(node, dict):
        return node
    props = {}
    for key, value in node.get("props", {}).items():
        if key == "children" and value == []:
            continue
        if key == "class":
            key = "className"
        if key in ("width", "height") and isinstance(value, str) and value.isdigit():
            value = int(value)
        props[key] = _same_shape(value) if key == "children" else value
    return {"type": node["type"], "props": props}


def test_every_markup_has_its_golden_case() -> None:
    assert NAMES, "no satori-html markup found"
    for name in NAMES:
        assert (GOLDEN_DIR / "markup" / f"{name}.png").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_the_dialect_makes_satori_htmls_tree(name: str) -> None:
    markup = (MARKUP / f"{name}.html").read_text()
    golden = _golden(name)
    ours = from_html(markup, dialect="satori-html")
    assert _same_shape(ours) == _same_shape(golden["element"])
    options = {k: v for k, v in golden["options"].items() if k in ("width", "height")}
    font_options = [Font(f["name"], (GOLDEN_DIR / "markup" / f["file"]).read_bytes(), f["weight"])
                    for f in golden["options"]["fonts"]]
    assert render_svg(ours, fonts=font_options, **options) == \
        render_svg(golden["element"], fonts=font_options, **options)


def test_the_dialect_wraps_every_top_level_node_in_a_canvas_column() -> None:
    tree = from_html("<b>one</b>\n<i>two</i>", dialect="satori-html")
    assert tree == {"type": "div", "props": {
        "style": {"display": "flex", "flexDirection": "column", "width": "100%", "height": "100%"},
        "children": [{"type": "b", "props": {"children": "one"}},
                     {"type": "i", "props": {"children": "two"}}]}}


def test_the_dialect_trims_each_text_node_but_decodes_entities_as_a_browser() -> None:
    # satori-html 0.3.2 gives "Fish &amp; chips&nbsp;" (drawn as written); a browser draws
    # "Fish & chips" and a no-break space, which survives the trim as the entity does there.
    tree = from_html("<p>  Fish &amp; chips&nbsp;\n</p>", dialect="satori-html")
    assert tree["props"]["children"]["props"]["children"] == "Fish & chips\u00a0"
    pre = from_html("<pre>\n  code  \n</pre>", dialect="satori-html")
    assert pre["props"]["children"]["props"]["children"] == "code"


def test_jsx_stays_the_default_dialect() -> None:
    assert from_html("<p>Hello <b>you</b></p>") == {"type": "p", "props": {
        "children": ["Hello ", {"type": "b", "props": {"children": "you"}}]}}


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(OptionError, match=r"dialect must be one of 'jsx', 'satori-html', got 'vue'\."):
        from_html("<p>x</p>", dialect="vue")


# Two top-level nodes: a fragment error in JSX, a canvas column in satori-html's tree.
PORTED = '<b tw="text-red-500">Tags:</b>\n<i>a</i>'
PORTED_SIZE = {"width": 240, "height": 120}


def test_every_front_door_takes_the_dialect_as_a_render_option(tmp_path: Path) -> None:
    from satori_py import ImageResponse, render_many, render_png
    from satori_py.templates import Template

    expected = render_png(from_html(PORTED, dialect="satori-html"), **PORTED_SIZE)
    assert render_svg(PORTED, markup_dialect="satori-html", **PORTED_SIZE) == \
        render_svg(from_html(PORTED, dialect="satori-html"), **PORTED_SIZE)
    assert render_png(PORTED, markup_dialect="satori-html", **PORTED_SIZE) == expected
    assert ImageResponse(PORTED, markup_dialect="satori-html", **PORTED_SIZE).body == expected
    template = Template('<b tw="text-red-500">{{ label }}</b>\n<i>a</i>', markup_dialect="satori-html")
    assert render_png(template.render({"label": "Tags:"}), **PORTED_SIZE) == expected
    path = tmp_path / "card.html"
    path.write_text(PORTED)
    results = list(render_many([PORTED, path], jobs=1, markup_dialect="satori-html", **PORTED_SIZE))
    assert [r.data for r in results] == [expected, expected]
    with pytest.raises(MarkupError, match="one root element"):
        render_svg(PORTED, **PORTED_SIZE)  # the default stays JSX's tree


def test_a_case_file_and_the_cli_take_the_dialect(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from satori_py import render_png
    from satori_py.case import load_case
    from satori_py.cli import cli

    path = tmp_path / "card.html"
    path.write_text(PORTED)
    out = tmp_path / "card.png"
    result = CliRunner().invoke(cli, [str(path), "-o", str(out), "--width", "240", "--height", "120",
                                      "--markup-dialect", "satori-html"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_png(from_html(PORTED, dialect="satori-html"), **PORTED_SIZE)
    result = CliRunner().invoke(cli, [str(path), "-o", str(out), "--markup-dialect", "vue"])
    assert result.exit_code == 2 and "'vue' is not one of 'jsx', 'satori-html'" in result.output
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"element": "<p>x</p>", "options": {**PORTED_SIZE,
                                                                 "markupDialect": "satori-html"}}))
    assert load_case(case).render_kwargs()["markup_dialect"] == "satori-html"


def test_a_misspelt_dialect_is_refused_whatever_the_input() -> None:
    from satori_py import ImageResponse
    from satori_py.templates import Template

    message = r"markup_dialect must be one of 'jsx', 'satori-html', got 'satori_html'\."
    with pytest.raises(OptionError, match=message):
        render_svg({"type": "div", "props": {}}, width=10, height=10, markup_dialect="satori_html")
    with pytest.raises(OptionError, match=message):
        ImageResponse("<p>x</p>", markup_dialect="satori_html")
    with pytest.raises(OptionError, match=message):
        Template("<p>x</p>", markup_dialect="satori_html")


@pytest.mark.parametrize("markup, tw", [
    ('<div class="flex p-4">x</div>', "flex p-4"),
    ('<div class="card md:block">x</div>', "card md:block"),  # a class with ":" decides
    ('<div class="card title">x</div>', None),  # nothing like a utility: stays a class
    ('<div class="group-hover">x</div>', "group-hover"),  # satori-html's spacing regex is unanchored
    ('<div class="flex" tw="p-2">x</div>', "p-2"),  # an own tw wins
    ('<div class="flex" tw="">x</div>', "flex"),  # an empty one is no tw there
])
def test_the_dialect_makes_a_utility_class_list_the_tw(markup: str, tw: str | None) -> None:
    # The tw satori-html 0.3.2 gives each of these markups (checked with satori-html itself).
    props = from_html(markup, dialect="satori-html")["props"]["children"]["props"]
    assert props.get("tw") == tw
    jsx = from_html(markup)["props"]  # JSX: a class stays a class
    assert jsx["className"] == markup.split('"')[1] and jsx.get("tw") in (None, "", "p-2")


def test_the_dialect_keeps_the_spelling_of_style_names() -> None:
    # satori-html camelizes what is written, so `fontSize: 76px` is read; CSS (the JSX dialect,
    # a browser) lower-cases names, and `fontsize` is no property.
    markup = '<div style="fontSize: 76px; line-height: 1.1; -webkit-line-clamp: 2; COLOR: red">x</div>'
    assert from_html(markup, dialect="satori-html")["props"]["children"]["props"]["style"] == {
        "fontSize": "76px", "lineHeight": "1.1", "WebkitLineClamp": "2", "COLOR": "red"}
    assert from_html(markup)["props"]["style"] == {
        "fontsize": "76px", "lineHeight": "1.1", "WebkitLineClamp": "2", "color": "red"}


def test_the_dialect_spaces_style_values_as_satori_htmls_css_compiler() -> None:
    # satori-html's style objects come from stylis (through ultrahtml's inliner): white space
    # next to , / ! + > and the like goes, other runs are one space, groups stay as written.
    # The values satori-html 0.3.2 itself gives for this markup (a real Nuxt OG template wrote
    # `text-shadow: 0 0 20px #05d9e8, 0 0 40px #05d9e8`, which the tree then holds unspaced).
    markup = ('<div style="text-shadow: 0 0 2px red , 1px 1px 0 blue; font-family: Inter,   sans-serif; '
              'background: rgba(0, 0, 0, 0.5)  url( x.png )  no-repeat; grid-area: 1 / 2;  margin : 0  auto ; '
              'font: 12px / 1.5 serif; transform: translate(-50%, -65%) rotate(3deg); width: calc(100% - 128px); '
              'box-shadow:\n   0 8px 32px rgba(0,0,0,0.3),\n   inset 0 1px 0 rgba(255,255,255,0.1)">x</div>')
    assert from_html(markup, dialect="satori-html")["props"]["children"]["props"]["style"] == {
        "textShadow": "0 0 2px red,1px 1px 0 blue", "fontFamily": "Inter,sans-serif",
        "background": "rgba(0, 0, 0, 0.5) url( x.png ) no-repeat", "gridArea": "1/2", "margin": "0 auto",
        "font": "12px/1.5 serif", "transform": "translate(-50%, -65%) rotate(3deg)",
        "width": "calc(100% - 128px)",
        "boxShadow": "0 8px 32px rgba(0,0,0,0.3),inset 0 1px 0 rgba(255,255,255,0.1)"}
    # The JSX dialect keeps the values as written, as a browser's style attribute does.
    assert from_html(markup)["props"]["style"]["textShadow"] == "0 0 2px red , 1px 1px 0 blue"


def test_an_unquoted_attribute_value_is_read_as_a_browser_reads_it_and_reported(caplog) -> None:
    # satori-html 0.3.2 (ultrahtml) reads no unquoted value: it takes the next quoted one, so
    # `width=100 height="50"` is width 50 and no height, and `style=style='color: red;'` (a
    # style constant that itself starts with style=, from a real og service) is `color: red`.
    # A plain bug: we read them as a browser does, and say so.
    markup = ('<div tw="flex"><img width=100 height="50" src="data:,">'
              "<h2 style=style='color: red; font-size: 20px;' tw='pb-1'>x</h2></div>")
    with caplog.at_level(logging.WARNING, "satori_py"):
        root = from_html(markup, dialect="satori-html")["props"]["children"]
    img, h2 = root["props"]["children"]
    assert (img["props"]["width"], img["props"]["height"]) == (100, 50)
    assert h2["props"]["style"] == {} and h2["props"]["tw"] == "pb-1"
    unread = ("has an unquoted value, which satori-html 0.3.2 does not read (it takes the next quoted value "
              "instead, dropping the attributes between); it is read as a browser reads it")
    assert caplog.messages == [
        f'line 1, column 16: <img>: the attribute "width" {unread}',
        f'line 1, column 56: <h2>: the attribute "style" {unread}',
        "line 1, column 56: <h2>: \"style='color:\" in a style attribute is ignored: it is not a declaration "
        "(name: value)"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, "satori_py"):
        from_html(markup)  # the JSX dialect reads HTML as a browser: nothing to say of the quotes
    assert [m for m in caplog.messages if "unquoted" in m] == []


def test_a_style_sheet_rule_satori_html_throws_on_is_reported_and_skipped(caplog) -> None:
    # satori-html 0.3.2 (ultrahtml's selector engine) throws on a pseudo-element, on a
    # pseudo-class it has no case for, on :not() of a compound and on an An+B :nth-child() it
    # matches without a parent (beside a combinator; :nth-child(1) there just never matches):
    # the rest of the sheet still applies, and the skipped selectors are reported (in the order
    # they would apply) where their <style> is.
    markup = ("<div class='a x'>text</div>\n<style>.a { color: red } .a::before { content: 'b' }\n"
              ".a:hover { color: blue } .x:not(.a.b) { color: green } .a { .b { color: gray } }\n"
              "body .a:nth-child(2n+1) { color: navy } body .a:nth-child(1) { color: navy }</style>")
    with caplog.at_level(logging.WARNING, "satori_py"):
        tree = from_html(markup, dialect="satori-html")
    assert tree["props"]["children"] == {"type": "div", "props": {"className": "a x", "style": {"color": "red"},
                                                                 "children": "text"}}
    assert caplog.messages == [
        'line 2, column 1: <style>: "content" is skipped: it applies to ::before and ::after, which satori-html '
        "cannot select",
        "line 2, column 1: <style>: a rule nested in a rule is skipped: satori-html applies plain rules only",
        "line 2, column 1: <style>: the selector ::before is skipped: satori-html 0.3.2 cannot apply it (it throws)",
        "line 2, column 1: <style>: the selector :hover is skipped: satori-html 0.3.2 cannot apply it (it throws)",
        "line 2, column 1: <style>: the selector :nth-child() beside a combinator is skipped: satori-html 0.3.2 "
        "cannot apply it (it throws)",
        "line 2, column 1: <style>: the selector :not() of more than one simple selector is skipped: "
        "satori-html 0.3.2 cannot apply it (it throws)"]
    with pytest.raises(MarkupError, match='"content" is skipped'):
        render_svg(markup, width=100, height=50, markup_dialect="satori-html", strict=True)


def test_the_at_rules_of_a_style_sheet_are_reported_as_skipped(caplog) -> None:
    markup = "<p class='a'>x</p><style>@media (min-width: 1px) { .a { color: red } } .a { color: blue }</style>"
    with caplog.at_level(logging.WARNING, "satori_py"):
        tree = from_html(markup, dialect="satori-html")
    assert tree["props"]["children"]["props"]["style"] == {"color": "blue"}
    assert caplog.messages == ["line 1, column 19: <style>: the @media rule is skipped: satori-html applies "
                               "no at-rules"]


def test_the_dialect_parses_as_satori_html_does_with_no_html5_repair(caplog) -> None:
    # ultrahtml's parser: a <div> stays in its <p>, an unclosed <li> holds the next one (and, its
    # </ul> dropped, what follows), a stray end tag is dropped (reported here); the text before a
    # comment, which it loses, is kept.
    with caplog.at_level(logging.WARNING, "satori_py"):
        tree = from_html("<p>a<div>b</div></b></p><ul><li>1<li>2</ul>x<!-- c -->", dialect="satori-html")
    assert tree["props"]["children"] == [
        {"type": "p", "props": {"children": ["a", {"type": "div", "props": {"children": "b"}}]}},
        {"type": "ul", "props": {"children": {"type": "li", "props": {"children": [
            "1", {"type": "li", "props": {"children": ["2", "x"]}}]}}}}]
    assert caplog.messages == [
        "line 1, column 17: </b> closes no open <b>: it is ignored, as satori-html ignores it",
        "line 1, column 39: </ul> closes no open <ul>: it is ignored, as satori-html ignores it"]
