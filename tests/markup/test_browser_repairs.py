"""Markup a browser repairs as it tokenizes (comments, bogus comments, dropped tags): the text a
browser draws, and one warning with the line and column where the repair starts."""
from __future__ import annotations

import logging
from typing import Any

import pytest

from satori_py import render_svg
from satori_py.errors import MarkupError
from satori_py.markup import from_html

SIZE = {"width": 240, "height": 120}
REPAIRED = "(repaired as a browser would)"


def parsed(html: str, caplog: pytest.LogCaptureFixture) -> tuple[Any, list[str]]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, "satori_py"):
        element = from_html(html)
    return element["props"].get("children"), list(caplog.messages)


@pytest.mark.parametrize(("html", "children", "message"), [
    # An unclosed comment runs to the end of the markup: nothing after it is drawn.
    ("<div>x<!--y", "x", "line 1, column 7: <!-- is never closed by -->: the comment runs to the end of the "
                         f"markup and nothing after it is drawn {REPAIRED}"),
    ("<div>\n  <p>a</p>\n  <!-- note\n  <p>b</p>\n</div>", {"type": "p", "props": {"children": "a"}},
     "line 3, column 3: <!-- is never closed by -->: the comment runs to the end of the markup and nothing "
     f"after it is drawn {REPAIRED}"),
    # Bogus comments: from '<!', '<?' or '</' + not a letter, up to the first '>'.
    ("<div>x<![CDATA[y</div>", "x", "line 1, column 7: '<![CDATA[y</div>' is not markup a browser draws (CDATA "
     "sections are read only inside <svg>): it is read as a comment up to the first '>' and not drawn "
     f"{REPAIRED}"),
    ("<div>x<!-y>z</div>", ["x", "z"], "line 1, column 7: '<!-y>' is not markup a browser draws (only <!-- "
     f"opens a comment): it is read as a comment up to the first '>' and not drawn {REPAIRED}"),
    ('<div>\nx<?xml version="1.0"?>y</div>', ["x", "y"], "line 2, column 2: '<?xml version=\"1.0\"?>' is not "
     "markup a browser draws (HTML has no processing instructions): it is read as a comment up to the "
     f"first '>' and not drawn {REPAIRED}"),
    ("<div>x</ div>z</div>", ["x", "z"], "line 1, column 7: '</ div>' is not markup a browser draws (an end "
     f"tag's name starts with a letter): it is read as a comment up to the first '>' and not drawn {REPAIRED}"),
    ("<div>a</3>b</div>", ["a", "b"], "line 1, column 7: '</3>' is not markup a browser draws (an end tag's "
     f"name starts with a letter): it is read as a comment up to the first '>' and not drawn {REPAIRED}"),
    # An end tag with attributes that closes nothing is dropped (it was drawn as text).
    ('<div>x</span class="a">y</div>', "xy", f"line 1, column 7: Unexpected </span> end tag {REPAIRED}"),
    # Dropped without a trace by the parser: an end tag without a name, a doctype past the start.
    ("<div>x</>y</div>", "xy", "line 1, column 7: </> is not a tag (an end tag needs a name; JSX's fragments are "
                               f"not HTML): it is dropped {REPAIRED}"),
    ("<div>\n  x<!DOCTYPE html>z</div>", "xz",
     f"line 2, column 4: a doctype past the start of the markup is dropped {REPAIRED}"),
    # Drawn as text without a word by the parser: '<>' (a JSX fragment's start) is no tag.
    ("<div>a<>b</div>", "a<>b", "line 1, column 7: <> is not a tag (JSX's fragments are not HTML; an element needs "
                                f"a name): it is drawn as the text '<>' {REPAIRED}"),
])
def test_repairs_give_the_browsers_text_and_one_warning(html: str, children: Any, message: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    assert parsed(html, caplog) == (children, [message])


def test_an_unclosed_quote_drops_the_tag_and_what_follows_as_a_browser_does(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, "satori_py"), pytest.raises(
            MarkupError, match="^The markup has no element to render.$"):
        from_html('<div title="a>x</div>')
    assert caplog.messages == ["line 1, column 21: The markup ends inside a tag (a quote left open?): the tag is "
                               f"dropped with all that follows it {REPAIRED}"]
    assert parsed('<div><p>a</p><p title="b>c</p></div>', caplog) == (
        {"type": "p", "props": {"children": "a"}},
        ["line 1, column 36: The markup ends inside a tag (a quote left open?): the tag is dropped with all "
         f"that follows it {REPAIRED}"])


@pytest.mark.parametrize(("html", "children"), [
    ("<div>x<!--y--!>z</div>", ["x", "z"]),
    ("<div>x<!-->z</div>", ["x", "z"]),
    ("<div>x<3 y</div>", "x<3 y"),  # '<' and no letter: text
])
def test_other_tokens_a_browser_drops_or_keeps(html: str, children: Any, caplog: pytest.LogCaptureFixture) -> None:
    assert parsed(html, caplog)[0] == children


def test_cdata_inside_svg_is_text() -> None:
    svg = from_html('<div><svg width="10" height="10"><text><![CDATA[a<b]]></text></svg></div>')["props"]["children"]
    assert svg["props"]["children"]["props"]["children"] == "a<b"


def test_the_repairs_render_as_the_markup_without_them() -> None:
    assert render_svg("<div>x<!--y", **SIZE) == render_svg("<div>x</div>", **SIZE)
    assert render_svg("<div>x<![CDATA[y</div>", **SIZE) == render_svg("<div>x</div>", **SIZE)
    with pytest.raises(MarkupError, match="^line 1, column 7: <!-- is never closed"):
        render_svg("<div>x<!--y", **SIZE, strict=True)


def test_the_satori_html_dialect_keeps_what_satori_html_keeps() -> None:
    # satori-html 0.3.2 (ultrahtml) keeps an unclosed comment, '</>' and '<?...?>' as text, and drops
    # '<!...>' up to the first '>' (checked with its html() on these inputs).
    def text(html: str) -> Any:
        return from_html(html, dialect="satori-html")["props"]["children"]["props"]["children"]

    assert text("<div>x<!--y") == "x<!--y"
    assert text("<div>x</>y</div>") == "x</>y"
    assert text('<div>x<?xml version="1.0"?>y</div>') == 'x<?xml version="1.0"?>y'
    assert text("<div>x<![CDATA[y</div>") == "x"


@pytest.mark.parametrize(("html", "message"), [
    ("<div>x<!--y", "line 1, column 7: <!-- is never closed by -->: satori-html draws it and all that follows as "
                    "text (a browser draws none of it)"),
    ("<div>x<!--y</div>", "line 1, column 7: <!-- is never closed by -->: satori-html reads '<!--y</div>' as a "
                          "doctype up to the first '>' and draws none of it (a browser draws nothing after the <!--)"),
    ("<div>a<>b<style>p{}/*<>*/</style></div>", "line 1, column 7: <> is not a tag (JSX's fragments are not HTML; an "
                                                "element needs a name): it is drawn as the text '<>', as satori-html and "
                                                "a browser draw it"),
])
def test_the_satori_html_dialect_tells_what_it_keeps_or_drops_where_a_browser_differs(
        html: str, message: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "satori_py"):
        from_html(html, dialect="satori-html")
    assert caplog.messages == [message]


@pytest.mark.parametrize("prolog", ['<?xml version="1.0" encoding="utf-8"?>\n', "<!-- a --><!x>\n", "</ x></>\n",
                                    "\n\t<!---->\f<?php ?>\r\n"])
def test_a_doctype_after_bogus_comments_starts_a_document_as_in_a_browser(
        prolog: str, caplog: pytest.LogCaptureFixture) -> None:
    # A browser's initial insertion mode keeps comments, bogus ones too ('<?xml ...?>', '<!x>',
    # '</ x>') and reads no token for '</>': the doctype after them opens the document. Where the
    # markup starts is found once for both the document check and the doctype report.
    caplog.clear()
    with caplog.at_level(logging.WARNING, "satori_py"):
        element = from_html(prolog + '<!DOCTYPE html><html><body><div>x</div></body></html>')
    assert element["type"] == "html"
    assert not [m for m in caplog.messages if "doctype" in m]


def test_a_byte_order_mark_is_not_text_and_lines_count_after_it() -> None:
    with pytest.raises(MarkupError) as info:
        from_html("\ufeff<div>\n  <script></script></div>")
    assert (info.value.line, info.value.column) == (2, 3)
    assert from_html("\ufeff<div>x</div>") == {"type": "div", "props": {"children": "x"}}


def test_a_pasted_jsx_fragment_says_what_it_is() -> None:
    # A browser reads <> as the text "<>" and drops </>: the text is outside the root element.
    with pytest.raises(MarkupError) as info:
        from_html("<>\n  <div>a</div>\n</>")
    assert str(info.value) == (
        "line 1, column 1: Text outside the root element: '<>' (<> is JSX's fragment, which HTML reads as text: "
        "wrap the elements in a <div> instead). The markup must have one root element, as a JSX expression does.")


def test_what_looks_like_a_dropped_token_in_a_comment_a_tag_or_raw_text_is_not_reported(
        caplog: pytest.LogCaptureFixture) -> None:
    html = ('<div title="</> <!doctype x>"><!-- </> --><textarea></></textarea><style>.a{}/*</>*/</style>'
            "<!x </> >y</div>")
    children, messages = parsed(html, caplog)
    assert children[0] == {"type": "textarea", "props": {"children": "</>"}}
    assert [m.split(": ", 1)[1][:6] for m in messages] == ["'<!x <"]  # the bogus comment only
    # A document's doctype (after white space and comments) is its start; justhtml's
    # "expected-doctype-but-got-chars" for a comment before it is not told (a browser sees no error).
    assert parsed("\n  <!DOCTYPE html>\n<html><body><div>x</div></body></html>", caplog)[1] == []
    assert parsed("<!-- generated -->\n<!DOCTYPE html><html><body><div>x</div></body></html>", caplog)[1] == []


def test_a_repair_repeated_thousands_of_times_is_told_ten_times_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    _, messages = parsed("<div>" + "<!x>a" * 5000 + "</>" * 20 + "</div>", caplog)
    assert len(messages) == 22
    assert messages[9].startswith("line 1, column 51: '<!x>' is not markup")
    assert messages[20:] == [f"... and 4990 more repairs like the bogus comments above, not told one by one {REPAIRED}",
                             f"... and 10 more repairs like the </> above, not told one by one {REPAIRED}"]


def test_the_line_and_column_of_many_repairs_are_found_without_rereading_the_source(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    # Counting the lines before each report was quadratic (160,000 '<!x>' in 960 kB: 5.7 s).
    from satori_py.markup import repairs

    tables: list[int] = []
    lookups: list[int] = []
    real_init, real_at = repairs.LineIndex.__init__, repairs.LineIndex.at

    def counted_init(self: Any, source: str) -> None:
        tables.append(len(source))
        real_init(self, source)

    def counted_at(self: Any, offset: int) -> tuple[int, int]:
        lookups.append(offset)
        return real_at(self, offset)

    monkeypatch.setattr(repairs.LineIndex, "__init__", counted_init)
    monkeypatch.setattr(repairs.LineIndex, "at", counted_at)
    _, messages = parsed("<div>" + "a\n<!x>" * 20_000 + "</div>", caplog)
    assert len(tables) == 1 and len(lookups) == repairs.SHOWN  # one table; a lookup per report told
    assert len(messages) == repairs.SHOWN + 1
    assert messages[-1] == f"... and {20_000 - repairs.SHOWN} more repairs like the bogus comments above, not told one by one {REPAIRED}"


def test_many_comments_before_the_markup_are_skipped_in_one_pass(caplog: pytest.LogCaptureFixture) -> None:
    # Where a document starts (for its doctype) was found by copying the rest of the source past
    # each leading comment (quadratic); 20,000 of them are one pass now.
    with caplog.at_level(logging.WARNING, "satori_py"):
        assert from_html("<!---->\n" * 20_000 + "<div>x</div>")["props"]["children"] == "x"


@pytest.mark.parametrize("dialect", ["jsx", "satori-html"])
def test_leading_comments_before_a_fragment_are_read_once(dialect: str) -> None:
    # Whether markup is a document was a pattern whose repeated lazy comment backtracked
    # exponentially when a fragment followed: 30 leading comments and a <div> did not finish.
    element = from_html("<!---->\n" * 5_000 + "<div>x</div>", dialect=dialect)
    assert element == ({"type": "div", "props": {"children": "x"}} if dialect == "jsx" else
                       {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column",
                                                           "width": "100%", "height": "100%"},
                                                 "children": {"type": "div", "props": {"children": "x"}}}})
    assert from_html("<!-- a -->\n<!-- b --><html><body><div>y</div></body></html>")["type"] == "html"


@pytest.mark.parametrize("dialect", ["jsx", "satori-html"])
def test_thousands_of_fragment_starts_are_told_ten_times_and_counted(dialect: str,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "satori_py"):
        from_html("<div>" + "a<>" * 5000 + "</div>", dialect=dialect)
    assert len(caplog.messages) == 11
    assert caplog.messages[-1].startswith("... and 4990 more repairs like the <> above, not told one by one")
