"""Markup input: one test (or table) per HTML construct, against the JSX equivalent."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from satori_py import render_png, render_svg
from satori_py.element import h, load_element
from satori_py.errors import InvalidElementError, LimitError, MarkupError, StyleError
from satori_py.markup import from_html, is_markup, read_markup
from satori_py.markup.text import jsx_text
from tests.support import imgdiff
from tests.support.paths import REPO_ROOT, conformance_dir

SIZE = {"width": 240, "height": 120}


def same_render(html: str, jsx: dict, **options) -> None:
    """The markup renders byte for byte as its JSX equivalent."""
    assert render_svg(html, **SIZE, **options) == render_svg(jsx, **SIZE, **options)


# -- the acceptance case: the docs' route handler, written as HTML -----------------------------

def test_route_handler_written_as_html_renders_as_its_reference() -> None:
    conf = conformance_dir()
    if conf is None:
        pytest.skip("the shared conformance suite is not beside the repository")
    case = json.loads((conf / "seed" / "cases" / "route-handler.json").read_text())
    html = REPO_ROOT / "docs" / "examples" / "route-handler.html"
    assert from_html(html.read_text()) == case["element"] | {"props": {
        **case["element"]["props"], "style": {k: (f"{v}px" if isinstance(v, int) else v)
                                              for k, v in case["element"]["props"]["style"].items()},
        "children": [{"type": "div", "props": {
            **child["props"], "style": {k: (f"{v}px" if isinstance(v, int) else v)
                                        for k, v in child["props"]["style"].items()}}}
            for child in case["element"]["props"]["children"]]}}
    svg_html = render_svg(html, width=1200, height=630)
    assert svg_html == render_svg(case["element"], width=1200, height=630)
    png = render_png(html, width=1200, height=630)
    verdict = imgdiff.compare(conf / "seed" / "refs" / "route-handler.png", png)
    assert verdict.passed, verdict


# -- inline style attributes -------------------------------------------------------------------

def test_style_attribute_is_a_camel_case_style_object() -> None:
    el = from_html('<div style="font-size: 20px; -webkit-line-clamp: 2; -ms-flex: 1; '
                   '--accent: #f00; color: var(--accent); BACKGROUND-COLOR: white; color: blue">x</div>')
    assert el["props"]["style"] == {"fontSize": "20px", "WebkitLineClamp": "2", "msFlex": "1",
                                    "--accent": "#f00", "color": "blue", "backgroundColor": "white"}


def test_style_attribute_renders_as_the_jsx_style() -> None:
    same_render('<div style="display: flex; width: 100%; height: 100%; background: linear-gradient(90deg, red, blue); '
                'border-radius: 12px; padding: 10px 20px; color: white; font-size: 32px">Hi</div>',
                h("div", {"style": {"display": "flex", "width": "100%", "height": "100%",
                                    "background": "linear-gradient(90deg, red, blue)", "borderRadius": 12,
                                    "padding": "10px 20px", "color": "white", "fontSize": 32}}, "Hi"))


def test_important_in_a_style_attribute_is_reported(caplog) -> None:
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html('<div style="color: red !important">x</div>')
    assert el["props"]["style"] == {"color": "red"}
    assert ('line 1, column 1: <div>: "!important" on "color" in a style attribute is ignored '
            "(inline styles are not ranked by importance)") in caplog.messages


def test_a_part_of_a_style_attribute_that_is_not_a_declaration_is_reported(caplog) -> None:
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html('<div style="display: flex; color red; font-size: 20px; ;">x</div>')
    assert el["props"]["style"] == {"display": "flex", "fontSize": "20px"}
    assert caplog.messages == ['line 1, column 1: <div>: "color red" in a style attribute is ignored: it is '
                               "not a declaration (name: value)"]


def test_a_jsx_style_expression_pasted_into_html_is_reported_once(caplog) -> None:
    # A real og route (tw17 corpus) wrote style={{ backgroundColor: 'white', ... }} in satori-html
    # markup: HTML reads "{{" as the value and the words after it as attributes of their own.
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html('<div style={{ color: "red", fontSize: 40 }}>x</div>')
        quoted = from_html('<p style="{{color: red}}">x</p>')
    assert el["props"]["style"] == {} and quoted["props"]["style"] == {}
    jsx = ("is JSX (style={{...}}), which HTML does not read; the words after it become attributes of their own: "
           'write CSS declarations instead, e.g. style="color: red; font-size: 40px"')
    assert caplog.messages == [f'line 1, column 1: <div>: the style attribute "{{{{" {jsx}',
                               f'line 1, column 1: <p>: the style attribute "{{{{color: red}}}}" {jsx}']


def test_a_jsx_class_expression_pasted_into_html_is_reported_with_the_classes_to_write(caplog) -> None:
    # Real og routes write tw={`flex h-full bg-[${color}] p-20`} (tw18 corpus, find_string id
    # 33357225264): pasted into HTML, "{`flex" is the value and each word after it an attribute
    # of its own, so every class but a broken first one was dropped without a word.
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html('<div tw={`flex h-full w-full p-20`} id="a">x</div>')
        one = from_html("<div tw={'flex'}>x</div>")
        variable = from_html("<div class={styles.card}>x</div>")
        lowered = from_html('<div className="flex p-4">x</div>')
    # The tree is what HTML makes of it (Satori's reading is kept: the render does not change).
    assert el["props"] == {"tw": "{`flex", "h-full": "", "w-full": "", "p-20`}": "", "id": "a", "children": "x"}
    assert one["props"]["tw"] == "{'flex'}" and variable["props"]["className"] == "{styles.card}"
    assert lowered["props"] == {"classname": "flex p-4", "children": "x"}
    jsx = "which HTML does not read"
    assert caplog.messages == [
        f'line 1, column 1: <div>: the tw attribute "{{`flex" is JSX (tw={{...}}), {jsx}; the words after it '
        'become attributes of their own: write tw="flex h-full w-full p-20"',
        f'line 1, column 1: <div>: the tw attribute "{{\'flex\'}}" is JSX (tw={{...}}), {jsx}: write tw="flex"',
        f'line 1, column 1: <div>: the class attribute "{{styles.card}}" is JSX (class={{...}}), {jsx}: write the '
        'classes themselves, class="..."',
        'line 1, column 1: <div>: the attribute "classname" is ignored: HTML lowercases attribute names, so '
        "JSX's className does not reach us (write class, or tw for Tailwind classes)"]


def test_a_jsx_spelled_svg_attribute_is_reported_and_ignored_as_a_browser_does(caplog) -> None:
    icon = ('<div>\n  <svg width="24" height="24" viewBox="0 0 24 24" stroke="red" strokeWidth="3">'
            '<path strokeLinecap="round" d="M2 2h20"/></svg></div>')
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html(icon)
    assert caplog.messages == [
        'line 2, column 3: <svg>: the attribute "strokewidth" is ignored: HTML lowercases attribute names, so the '
        "JSX spelling of stroke-width does not reach the SVG (write stroke-width)",
        'line 2, column 80: <path>: the attribute "strokelinecap" is ignored: HTML lowercases attribute names, so '
        "the JSX spelling of stroke-linecap does not reach the SVG (write stroke-linecap)"]
    assert "strokewidth" not in el["props"]["children"]["props"]
    same_render(icon, h("div", {}, h("svg", {"width": 24, "height": 24, "viewBox": "0 0 24 24", "stroke": "red"},
                                     h("path", {"d": "M2 2h20"}))))
    with pytest.raises(MarkupError, match='<svg>: the attribute "strokewidth" is ignored'):
        render_svg(icon, **SIZE, strict=True)


def test_presentational_attributes_are_reported_as_satori_ignores_them(caplog) -> None:
    # E-mail markup (a real one's button, find_string id 60523066330): a browser draws bgcolor,
    # align and cellpadding; Satori reads none of them. They stay props (a sheet may select them).
    # A zero border, padding or spacing asks for nothing Satori does not give: not reported.
    email = ('<table role="presentation" cellpadding="8" border="1" align="center" cellspacing="0">\n'
             '  <tr><td align="center" bgcolor="#0B6E23" nowrap><font color="white" size="2">Go</font>'
             '<hr size="1" align="left"><img src="x.png" width="8" height="8" hspace="4"><span align="center">'
             '</span></td></tr></table>')
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html(email)
    ignored = ('the attribute "{}" is ignored: Satori draws no presentational attribute of HTML (a browser '
               "would): use {} in style instead")
    assert caplog.messages == [
        "line 1, column 1: <table>: " + ignored.format("cellpadding", "padding on its cells"),
        "line 1, column 1: <table>: " + ignored.format("border", "border"),
        "line 1, column 1: <table>: " + ignored.format("align", "margin or float"),
        "line 2, column 7: <td>: " + ignored.format("align", "text-align"),
        "line 2, column 7: <td>: " + ignored.format("bgcolor", "background-color"),
        "line 2, column 7: <td>: " + ignored.format("nowrap", "white-space: nowrap"),
        "line 2, column 51: <font>: " + ignored.format("color", "color"),
        "line 2, column 51: <font>: " + ignored.format("size", "font-size"),
        "line 2, column 89: <hr>: " + ignored.format("size", "height"),
        "line 2, column 89: <hr>: " + ignored.format("align", "margin or float"),
        "line 2, column 115: <img>: " + ignored.format("hspace", "margin-left and margin-right")]
    td = el["props"]["children"]["props"]["children"]["props"]["children"]  # <table><tbody><tr><td>
    assert td["props"]["bgcolor"] == "#0B6E23"
    with pytest.raises(MarkupError, match='<table>: the attribute "cellpadding" is ignored'):
        render_svg(email, **SIZE, strict=True)


def test_invalid_inline_value_is_an_error_of_the_style_stage_with_the_node_path() -> None:
    with pytest.raises(StyleError) as info:
        render_svg('<div><p style="display: sideways">x</p></div>', **SIZE)
    assert str(info.value).startswith('div/p[0]: Invalid value for CSS property "display". Allowed values: ')
    assert str(info.value).endswith('Received: "sideways".')


# -- <style> sheets with class and id selectors -------------------------------------------------

def test_class_and_id_are_class_name_and_id() -> None:
    el = from_html('<label class="a b" id="x" for="f">x</label>')
    assert el["props"] == {"className": "a b", "id": "x", "htmlFor": "f", "children": "x"}


def test_style_sheet_with_class_and_id_selectors_renders_as_jsx() -> None:
    sheet = ".card { display: flex; width: 100%; height: 100%; background: #0b1020 } #t { color: tomato; font-size: 40px }"
    same_render(f'<div class="card"><style>{sheet}</style><span id="t">Title</span></div>',
                h("div", {"className": "card"}, h("style", None, sheet), h("span", {"id": "t"}, "Title")))


def test_top_level_style_elements_become_the_root_s_first_children() -> None:
    el = from_html("<style>.a{color:red}</style>\n<div class=a>x</div>\n<style>.b{}</style>")
    assert el == {"type": "div", "props": {"className": "a", "children": [
        {"type": "style", "props": {"children": ".a{color:red}"}},
        {"type": "style", "props": {"children": ".b{}"}}, "x"]}}


# -- tw and class as Tailwind -------------------------------------------------------------------

def test_tw_attribute_is_the_tw_prop() -> None:
    assert from_html('<div tw="flex p-4 bg-black/50">x</div>')["props"] == {"tw": "flex p-4 bg-black/50",
                                                                          "children": "x"}




# -- images and inline SVG ----------------------------------------------------------------------

PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw"
         "HwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def test_img_sizes_are_numbers_as_in_jsx() -> None:
    el = from_html(f'<img src="{PIXEL}" width="64" height="32.5" alt="dot">')
    assert el["props"] == {"src": PIXEL, "width": 64, "height": 32.5, "alt": "dot"}
    same_render(f'<div style="display:flex"><img src="{PIXEL}" width="64" height="32"></div>',
                h("div", {"style": {"display": "flex"}}, h("img", {"src": PIXEL, "width": 64, "height": 32})))


def test_inline_svg_keeps_svg_names_and_renders_as_jsx() -> None:
    html = ('<div style="display:flex"><svg width="48" height="48" viewBox="0 0 24 24" fill="none">'
            '<circle cx="12" cy="12" r="10" stroke="red" stroke-width="2" style="opacity: 0.5"/>'
            '<linearGradient id="g" gradientUnits="userSpaceOnUse"/></svg></div>')
    svg = from_html(html)["props"]["children"]
    assert svg["props"]["viewBox"] == "0 0 24 24" and svg["props"]["width"] == 48
    circle, gradient = svg["props"]["children"]
    assert circle["props"]["stroke-width"] == "2" and circle["props"]["style"] == {"opacity": "0.5"}
    assert gradient["type"] == "linearGradient" and gradient["props"]["gradientUnits"] == "userSpaceOnUse"
    same_render(html, h("div", {"style": {"display": "flex"}}, h(
        "svg", {"width": 48, "height": 48, "viewBox": "0 0 24 24", "fill": "none"},
        h("circle", {"cx": "12", "cy": "12", "r": "10", "stroke": "red", "strokeWidth": "2",
                     "style": {"opacity": 0.5}}),
        h("linearGradient", {"id": "g", "gradientUnits": "userSpaceOnUse"}))))


# -- entities and whitespace --------------------------------------------------------------------

def test_entities_are_decoded() -> None:
    assert from_html("<p>a &amp; b &lt;c&gt; &copy; &#x1F600; &nbsp;d&quot;</p>")["props"]["children"] \
        == "a & b <c> \u00a9 \U0001F600 \u00a0d\""


@pytest.mark.parametrize("text, jsx", [
    ("Hello", "Hello"),
    ("  two  spaces  ", "  two  spaces  "),           # no line break: kept as written
    ("\n  Hello\n  ", "Hello"),
    ("\n  Hello\n  world\n", "Hello world"),
    ("a\n\n\n  b", "a b"),
    ("\t\ttabs\n\tx", "  tabs x"),                     # tabs are spaces; the first line keeps its start
    ("\n   \n", ""),
    ("x \u00a0\n  y", "x \u00a0 y"),                   # only spaces and tabs are trimmed
    ("one\r\ntwo\rthree", "one two three"),
])
def test_text_is_cleaned_as_jsx_cleans_it(text: str, jsx: str) -> None:
    assert jsx_text(text) == jsx


def test_whitespace_between_elements_as_in_jsx() -> None:
    el = from_html("<div>\n  <b>a</b> <i>b</i>\n  <span>c</span>\n  tail  \n</div>")
    kids = el["props"]["children"]
    assert [k if isinstance(k, str) else k["type"] for k in kids] == ["b", " ", "i", "span", "tail"]


def test_pre_textarea_and_style_keep_their_text() -> None:
    el = from_html("<div><pre>a\n   b</pre><textarea>  x\n y</textarea><style>\n .a { }\n</style></div>")
    assert [k["props"]["children"] for k in el["props"]["children"]] == ["a\n   b", "  x\n y", "\n .a { }\n"]


def test_comments_are_dropped_like_jsx_comments() -> None:
    assert from_html("<div><!-- note -->x<!-- y --></div>")["props"]["children"] == "x"


# -- attributes ---------------------------------------------------------------------------------

def test_boolean_attributes_are_true_and_react_names_are_used() -> None:
    el = from_html('<div><input disabled readonly maxlength="3" value=""><ol reversed start="3"></ol>'
                   '<details open></details><p hidden data-x="1" aria-label="l">y</p></div>')
    inp, ol, details, p = el["props"]["children"]
    assert inp["props"] == {"disabled": True, "readOnly": True, "maxLength": "3", "value": ""}
    assert ol["props"] == {"reversed": True, "start": "3"}
    assert details["props"] == {"open": True}
    assert p["props"] == {"hidden": True, "data-x": "1", "aria-label": "l", "children": "y"}


# -- documents ----------------------------------------------------------------------------------

def test_a_document_renders_from_its_html_element() -> None:
    el = from_html('<!doctype html>\n<html lang="en"><head><title>t</title><style>p{color:red}</style></head>'
                   '<body style="margin:0"><p>x</p></body></html>')
    assert el["type"] == "html" and el["props"]["lang"] == "en"
    head, body = el["props"]["children"]
    assert [c["type"] for c in head["props"]["children"]] == ["title", "style"]
    assert body["props"] == {"style": {"margin": "0"}, "children": {"type": "p", "props": {"children": "x"}}}
    render_svg(el, **SIZE)


# -- unsupported constructs: an error with line and column ----------------------------------------

@pytest.mark.parametrize("html, message", [
    ("<div>\n  <script>alert(1)</script>\n</div>",
     "line 2, column 3: <script> is not supported: scripts don't run in an image."),
    ('<div>\n <iframe src="x"></iframe></div>', "line 2, column 2: <iframe> is not supported: frames can't be rendered."),
    ("<div><video></video></div>", "line 1, column 6: <video> is not supported: use an <img> of a frame instead."),
    ("<div><canvas></canvas></div>",
     "line 1, column 6: <canvas> is not supported: canvas drawing needs scripts; use an <img> or an inline <svg>."),
    ('<div>\n\n    <link rel="stylesheet" href="a.css"></div>',
     "line 3, column 5: <link> is not supported: external stylesheets aren't loaded; put the CSS in a <style> element."),
    ("<div><math><mi>x</mi></math></div>",
     "line 1, column 6: <math> is not supported: MathML is not supported; use an inline <svg> or an <img>."),
    ("<svg><foreignObject><div/></foreignObject></svg>",
     "line 1, column 6: <foreignObject> is not supported: <foreignObject> is not supported inside <svg>."),
    ("<div><template><b>x</b></template></div>",
     "line 1, column 6: <template> is not supported: templates are not rendered; use a Jinja2 template (satori_py.templates)."),
    ('<div>\n  <button onclick="go()">x</button></div>',
     'line 2, column 3: The event handler attribute "onclick" of <button> is not supported: nothing runs in an image.'),
    ("<div>a</div>\n<p>b</p>",
     "line 2, column 1: A second root element <p>: the markup must have one root element, as a JSX expression does (wrap them in a <div>)."),
    ("<div>a</div> tail",
     "line 1, column 13: Text outside the root element: 'tail'. The markup must have one root element, as a JSX expression does."),
    ("<!-- nothing -->", "The markup has no element to render."),
])
def test_unsupported_constructs_are_errors_with_line_and_column(html: str, message: str) -> None:
    with pytest.raises(MarkupError) as info:
        from_html(html)
    assert str(info.value) == message
    with pytest.raises(InvalidElementError, match="line|element"):
        render_svg(html, **SIZE)


def test_markup_errors_know_line_and_column() -> None:
    with pytest.raises(MarkupError) as info:
        from_html("<div>\n\n   <script></script></div>")
    assert (info.value.line, info.value.column) == (3, 4)


def test_repaired_parse_errors_are_logged(caplog) -> None:
    with caplog.at_level(logging.WARNING, "satori_py"):
        el = from_html("<div><b>x</span></b></div>")
    assert el["props"]["children"] == {"type": "b", "props": {"children": "x"}}
    assert caplog.messages == ["line 1, column 10: Unexpected </span> end tag (repaired as a browser would)"]
    warnings: list[Exception] = []
    render_svg("<div><b>x</span></b></div>", **SIZE, on_warning=warnings.append)
    assert [str(w) for w in warnings] == caplog.messages[:1]
    with pytest.raises(MarkupError, match="line 1, column 10: Unexpected </span> end tag"):
        render_svg("<div><b>x</span></b></div>", **SIZE, strict=True)


# -- input routes -------------------------------------------------------------------------------

def test_markup_strings_and_html_files_are_elements(tmp_path: Path) -> None:
    assert is_markup("\n  <div/>") and is_markup("\ufeff<p>") and is_markup(b"  <p>")
    assert not is_markup('{"type": "div"}')
    path = tmp_path / "card.html"
    path.write_text("<div>x</div>")
    element = {"type": "div", "props": {"children": "x"}}
    assert read_markup(path) == read_markup("<div>x</div>") == read_markup(b"<div>x</div>") == element
    assert read_markup(element) is element and read_markup('{"type": "div"}') == '{"type": "div"}'
    assert render_svg(path, **SIZE) == render_svg("<div>x</div>", **SIZE) == render_svg(element, **SIZE)
    with pytest.raises(InvalidElementError, match=r"^Cannot read element file .*missing\.html: No such file"):
        render_svg(tmp_path / "missing.html", **SIZE)


# -- components -------------------------------------------------------------------------------

def Badge(label: str, tone: str = "gray"):
    return h("span", {"style": {"color": tone}}, label)


def Card(title: str, children=None):
    return h("div", {"style": {"display": "flex", "flexDirection": "column"}}, h("b", None, title), children)


def test_components_expand_like_function_components() -> None:
    tree = load_element(h(Card, {"title": "T"}, h(Badge, {"label": "new", "tone": "red"}), "!"))
    assert tree.type == "div"
    assert [c.type if hasattr(c, "type") else c.text for c in tree.children] == ["b", "span", "!"]
    assert tree.children[1].path == "div/span[1]" and tree.children[1].style == {"color": "red"}


def test_components_in_markup_match_parameters_regardless_of_case() -> None:
    def Stat(valueText: str, unit_name: str = ""):
        return h("b", None, valueText + unit_name)

    el = from_html('<div><Stat valueText="42" unit-name="%"/> <Stat VALUETEXT="7"></Stat></div>',
                   components={"Stat": Stat})
    assert load_element(el).children[0].children[0].text == "42%"
    with pytest.raises(MarkupError, match=r'line 1, column 6: <stat>: the component .*Stat\(\) has no '
                                          r'parameter for the attribute "colour"'):
        from_html('<div><stat colour="red"/></div>', components={"stat": Stat})


def test_component_errors_name_the_component_and_path() -> None:
    with pytest.raises(InvalidElementError) as info:
        load_element(h("div", None, h(Badge, {"text": "x"})))
    assert str(info.value).startswith("div: Component Badge() cannot take these props: ")
    with pytest.raises(LimitError, match="Components return components more than 256 times"):
        def Loop():
            return h(Loop)
        load_element(h(Loop))
    assert load_element(h("div", None, h(lambda: None), h(lambda: ["a", 1]))).children[0].text == "a1"
