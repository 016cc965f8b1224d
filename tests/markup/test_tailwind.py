"""Tailwind in HTML: ``tw`` attributes, and ``class`` as Tailwind utilities when asked.

The pixel tests render HTML and compare it with real-Satori references of its JSX
equivalent: golden/tailwind/changelog (a tw card, written here as HTML) and
golden/tailwind/html-classes (made from docs/examples/tailwind-classes.tailwind.html).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from satori_py import ImageResponse, Template, render_many, render_png, render_svg
from satori_py.case import load_case
from satori_py.element import h
from satori_py.errors import MarkupError, StyleError
from satori_py.markup import from_html
from satori_py.markup.classes import sheet_classes
from tests.support import imgdiff
from tests.support.paths import GOLDEN_DIR, REPO_ROOT

SIZE = {"width": 240, "height": 120}
CLASSES_EXAMPLE = REPO_ROOT / "docs" / "examples" / "tailwind-classes.tailwind.html"


def tw_of(html: str, **options) -> str | None:
    return from_html(html, tailwind_classes=True, **options)["props"].get("tw")


# -- against real-Satori references -----------------------------------------------------------

def test_tw_attributes_render_as_the_golden_jsx_card() -> None:
    case = load_case(GOLDEN_DIR / "tailwind" / "changelog.json")
    html = (Path(__file__).parent / "data" / "changelog.html").read_text()
    assert from_html(html) == case.element  # the same tree, so the same render
    png = render_png(html, **case.render_kwargs())
    verdict = imgdiff.compare(case.reference_png, png)
    assert verdict.passed, verdict


def test_classes_as_tailwind_render_as_the_golden_jsx_card(caplog) -> None:
    """The docs picture: class="..." read as Tailwind, mixed with a <style> sheet."""
    case = load_case(GOLDEN_DIR / "tailwind" / "html-classes.json")
    assert from_html(CLASSES_EXAMPLE.read_text(), tailwind_classes=True) == case.element
    with caplog.at_level(logging.WARNING, "satori_py"):
        png = render_png(CLASSES_EXAMPLE, tailwind_classes=True, **case.render_kwargs())
    assert caplog.messages == []  # the sheet's own class names are not unknown utilities
    verdict = imgdiff.compare(case.reference_png, png)
    assert verdict.passed, verdict
    # Without the opt-in the classes are plain class names: a different picture.
    assert not imgdiff.compare(case.reference_png, render_png(CLASSES_EXAMPLE, **case.render_kwargs())).passed


# -- which classes go to Tailwind ---------------------------------------------------------------

def test_class_is_tailwind_only_when_asked() -> None:
    html = '<div class="flex p-4">x</div>'
    assert from_html(html)["props"] == {"className": "flex p-4", "children": "x"}
    assert from_html(html, tailwind_classes=True)["props"] == {"className": "flex p-4", "tw": "flex p-4",
                                                               "children": "x"}


def test_class_utilities_come_before_the_tw_attribute_which_wins() -> None:
    assert tw_of('<div class="p-4 text-red-500" tw="text-blue-500">x</div>') == "p-4 text-red-500 text-blue-500"
    same = ('<div class="flex w-full h-full p-4 text-red-500" tw="text-blue-500">x</div>',
            h("div", {"tw": "flex w-full h-full p-4 text-blue-500"}, "x"))
    assert render_svg(same[0], tailwind_classes=True, **SIZE) == render_svg(same[1], **SIZE)


def test_in_the_satori_html_dialect_a_class_is_read_once_and_a_classname_never() -> None:
    """satori-html already makes a Tailwind-looking class the tw: the opt-in does not add it again;
    a className it keeps as written is no class attribute (Satori ignores it), so it stays out of tw."""
    html = '<div class="flex p-4"><p className="text-xl">a</p><p class="card">b</p></div>'
    plain = from_html(html, dialect="satori-html")["props"]["children"]
    tree = from_html(html, dialect="satori-html", tailwind_classes=True)["props"]["children"]
    assert plain["props"]["tw"] == tree["props"]["tw"] == "flex p-4"
    assert tree["props"]["children"][0]["props"] == {"className": "text-xl", "children": "a"}
    # A class satori-html leaves alone is the opt-in's to read (and report: card is no utility).
    assert "tw" not in plain["props"]["children"][1]["props"]
    assert tree["props"]["children"][1]["props"]["tw"] == "card"


def test_a_sheet_class_goes_to_tailwind_only_when_it_is_a_utility() -> None:
    html = ('<div class="card border shadow grid flex"><style>.card{color:red} .border{border-color:red} '
            '.shadow{box-shadow:none} .grid{display:flex}</style>x</div>')
    # card and grid (twrnc has no grid) are the sheet's alone; border and shadow are both.
    assert tw_of(html) == "border shadow flex"
    assert from_html(html, tailwind_classes=True)["props"]["className"] == "card border shadow grid flex"


def test_the_render_s_tailwind_config_decides_what_is_a_utility() -> None:
    html = '<div class="bg-brand p-2"><style>.bg-brand { border-radius: 4px }</style>x</div>'
    config = {"theme": {"extend": {"colors": {"brand": "#ff0000"}}}}
    assert tw_of(html) == "p-2"
    assert tw_of(html, tailwind_config=config) == "bg-brand p-2"
    with_config = render_svg(html, tailwind_classes=True, tailwind_config=config, **SIZE)
    assert 'fill="red"' in with_config and 'fill="red"' not in render_svg(html, tailwind_classes=True, **SIZE)
    assert with_config == render_svg(h("div", {"className": "bg-brand p-2", "tw": "bg-brand p-2"},
                                       h("style", None, ".bg-brand { border-radius: 4px }"), "x"),
                                     tailwind_config=config, **SIZE)


def test_both_apply_and_the_sheet_wins_where_both_set_a_property() -> None:
    html = ('<div class="flex w-full h-full"><style>.border { border-color: #ff0000 } '
            '.rounded { border-radius: 0 }</style><div class="border rounded p-4">x</div></div>')
    svg = render_svg(html, tailwind_classes=True, **SIZE)
    jsx = h("div", {"tw": "flex w-full h-full"}, h("style", None, ""),
            h("div", {"style": {"borderWidth": 1, "borderStyle": "solid", "borderColor": "#ff0000",
                                "borderRadius": 0, "padding": 16, "boxSizing": "border-box"}}, "x"))
    assert svg == render_svg(jsx, **SIZE)


@pytest.mark.parametrize(("css", "classes"), [
    (".a .b > .c + .d ~ .e { color: red }", {"a", "b", "c", "d", "e"}),
    ("div.f#id[data-x].g:hover::before { color: red }", {"f", "g"}),
    (":is(.h, .i):not(.j):where(.k):has(> .l) { color: red }", {"h", "i", "j", "k", "l"}),
    ("li:nth-child(2 of .m) { color: red }", {"m"}),
    ("@media (min-width: 600.5px) { .n { color: red } } @supports (display: flex) { .o { x: y } }", {"n", "o"}),
    (".p { color: red; .q & { color: blue } }", {"p", "q"}),
    ("/* .r */ .s { background: url(a.png); width: .5px }", {"s"}),
    (".t { color: red", {"t"}),
])
def test_sheet_classes_are_read_with_the_stylesheet_parser(css: str, classes: set[str]) -> None:
    assert sheet_classes([css]) == classes


def test_an_svg_root_s_classes_are_tailwind_but_not_its_shapes_nor_its_sheets() -> None:
    # <svg class="w-6 h-6 text-cyan-600"> (an icon in a Tailwind page) is laid out like an
    # image, and Satori reads the tw of an <svg> (its colour is its paths' currentColor); the
    # shapes inside are drawn, not laid out, and a sheet inside it is the SVG's own.
    html = ('<div class="flex"><svg class="p-4 text-cyan-600" width="10" height="10"><style>.flex{}</style>'
            '<rect class="m-2" width="5" height="5"/></svg></div>')
    el = from_html(html, tailwind_classes=True)
    assert el["props"]["tw"] == "flex"
    svg = el["props"]["children"]
    assert svg["props"]["tw"] == "p-4 text-cyan-600" and "tw" not in svg["props"]["children"][1]["props"]
    icon = '<div class="flex"><svg class="w-6 h-6 text-cyan-600" viewBox="0 0 10 10"><rect width="10" height="10" fill="currentColor"/></svg></div>'
    jsx = {"type": "div", "props": {"tw": "flex", "children": {"type": "svg", "props": {
        "tw": "w-6 h-6 text-cyan-600", "viewBox": "0 0 10 10", "children": {"type": "rect", "props": {
            "width": "10", "height": "10", "fill": "currentColor"}}}}}}
    assert render_svg(from_html(icon, tailwind_classes=True), width=40, height=40) == render_svg(jsx, width=40, height=40)


# -- reports -----------------------------------------------------------------------------------

def test_unknown_classes_are_reported_but_not_the_sheet_s_own(caplog) -> None:
    html = '<div class="card flx p-2"><style>.card { color: red }</style>x</div>'
    with caplog.at_level(logging.WARNING, "satori_py"):
        render_svg(html, tailwind_classes=True, **SIZE)
    assert caplog.messages == ['div: Tailwind class "flx" is ignored (as in Satori): not a Tailwind name: did you mean "flex"?']
    with pytest.raises(StyleError, match='Tailwind class "flx" is ignored'):
        render_svg(html, tailwind_classes=True, strict=True, **SIZE)
    # Without the opt-in a class is only a class: Satori draws none of its utilities, which is
    # told once (strict: raised), for the first element whose class names some.
    with pytest.raises(MarkupError, match=r'^line 1, column 1: class="card flx p-2" names Tailwind utilities '
                                          r"\(p-2\) that are not drawn: Satori reads Tailwind classes from tw only"):
        render_svg(html, strict=True, **SIZE)
    render_svg('<div class="card"><style>.card { color: red }</style>x</div>', strict=True, **SIZE)


# -- every front door takes the option ----------------------------------------------------------

HTML = '<div class="flex w-full h-full bg-red-500">x</div>'
JSX = h("div", {"className": "flex w-full h-full bg-red-500", "tw": "flex w-full h-full bg-red-500"}, "x")


def test_render_png_image_response_template_and_batch_take_tailwind_classes(tmp_path: Path) -> None:
    expected = render_png(JSX, **SIZE)
    assert render_png(HTML, tailwind_classes=True, **SIZE) == expected
    assert ImageResponse(HTML, tailwind_classes=True, **SIZE).body == expected
    template = Template('<div class="flex w-full h-full {{ tone }}">x</div>', tailwind_classes=True)
    assert render_png(template.render({"tone": "bg-red-500"}), **SIZE) == expected
    path = tmp_path / "card.html"
    path.write_text(HTML)
    results = list(render_many([HTML, path], jobs=1, tailwind_classes=True, **SIZE))
    assert [r.data for r in results] == [expected, expected]


def test_a_case_file_and_the_cli_take_tailwind_classes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from satori_py.cli import cli

    path = tmp_path / "card.html"
    path.write_text(HTML)
    out = tmp_path / "card.png"
    result = CliRunner().invoke(cli, [str(path), "-o", str(out), "--width", "240", "--height", "120",
                                      "--tailwind-classes"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_png(JSX, **SIZE)
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"element": JSX, "options": {**SIZE, "tailwindClasses": True}}))
    assert load_case(case).render_kwargs()["tailwind_classes"] is True


# -- without the opt-in -------------------------------------------------------------------------

def test_class_attributes_naming_utilities_are_told_once_without_the_opt_in(caplog) -> None:
    # Satori ignores className: markup written for a Tailwind page draws unstyled. The first
    # class attribute naming utilities no sheet names is told, once; a sheet's own classes,
    # names Tailwind does not know and the satori-html dialect (which makes them the tw) are not.
    html = ('<div class="page">\n  <div class="flex items-center p-4 bg-slate-900 text-white rounded-lg shadow">'
            '<span class="text-xl">a</span></div>\n</div>')
    with caplog.at_level(logging.WARNING, "satori_py"):
        from_html(html)
        from_html('<div class="card title"><style>.card { color: red } .flex { display: flex }</style>'
                  '<p class="flex">x</p></div>')
        from_html(html, dialect="satori-html")
        from_html(html, tailwind_classes=True)
    assert caplog.messages == [
        'line 2, column 3: class="flex items-center p-4 bg-slate-900 text-white rounded-lg ..." names Tailwind '
        "utilities that are not drawn: Satori reads Tailwind classes from tw only. Read class attributes as "
        "Tailwind with tailwind_classes=True (--tailwind-classes), or write the classes in tw (this is told "
        "once, for the first such element)"]


def test_the_classes_of_a_big_document_are_resolved_once_each(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.markup import classes

    resolved: list[str] = []
    real = classes.resolve

    def counted(name: str, **kwargs: object) -> object:
        resolved.append(name)
        return real(name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(classes, "resolve", counted)
    from_html("<div>" + '<p class="card title">x</p>' * 2000 + "</div>")
    assert sorted(resolved) == ["card", "title"]
