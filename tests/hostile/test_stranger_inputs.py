"""What a stranger's request may send that earlier sessions did not try (session 18's probes):
each ends in a clear SatoriError, or renders (bounded), as recorded here.

Markup: tags left open 10,000 deep, ``<script>``, CDATA, ``<foreignObject>``, an ``<img>`` with
only a ``srcset`` (before: ``Image source is not provided.``, without why), or one beside a ``src``; inline SVG ``<use>``
loops and a 1e30 viewBox; SVG images with external entities; images: a GIF of 1,000 frames, an ICC
profile that inflates to 200 MB; fonts: a CFF whose subroutines call themselves.
"""
from __future__ import annotations

import base64
import io
import struct
import zlib
from typing import Any

import pytest

from satori_py import Font, LimitError, h, render_png, render_svg
from satori_py.errors import FaceError, ImageError, MarkupError

from .support import looping_cff

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>{}</svg>"


def _reports(element: Any, **options: Any) -> list[str]:
    told: list[str] = []
    render_svg(element, width=40, height=20, on_warning=lambda e: told.append(str(e)),
               on_style_error=lambda e: told.append(str(e)), **options)
    return told


def _uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@pytest.mark.parametrize(("markup", "error", "message"), [
    ("<div>" * 10_000 + "x", LimitError, "The markup nests its elements more than 256 levels deep (the max_depth "
     "limit): the element at line 1, column 1291 is deeper."),
    ("<div><script>" + "alert(1);" * 1000 + "</script>x</div>", MarkupError,
     "line 1, column 6: <script> is not supported: scripts don't run in an image."),
    ("<div>" + SVG.format("<foreignObject width='9' height='9'><div xmlns='http://www.w3.org/1999/xhtml'>hi</div>"
                          "</foreignObject>") + "</div>", MarkupError,
     "line 1, column 69: <foreignObject> is not supported: <foreignObject> is not supported inside <svg>."),
    ("<div><img srcset='a.png 1x, b.png 2x' width='9' height='9'></div>", ImageError,
     "div/img[0]: Image source is not provided (its srcSet is not read: give it a src)."),
    ("<div><svg xmlns='http://www.w3.org/2000/svg' width='100' height='100' viewBox='0 0 1e30 1e30'>"
     "<rect width='1e30' height='1e30'/></svg></div>", LimitError,
     "div/svg[0]: The inline SVG has a <rect> 1000000000000000131072px across on the image, larger than resvg "
     "can draw (268434944px: its anti-aliasing counts rows in 32-bit integers)."),
])
def test_hostile_markup_is_refused_with_its_reason(markup: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        render_svg(markup, width=40, height=20)
    assert str(info.value) == message


def test_a_srcset_beside_a_src_is_reported_and_the_src_drawn() -> None:
    # Satori 0.63.2 reads no srcSet: it draws the src (red here; imgdiff PASS against it). A browser
    # at 1x would draw the `1x` candidate (blue): said since session 19 (before: nothing).
    red = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10' fill='red'/></svg>"
    blue = red.replace("red", "blue")

    def image(**props: Any) -> dict[str, Any]:
        return h("div", {}, h("img", {"src": _uri(red.encode(), "image/svg+xml"), "width": 10, "height": 10, **props}))

    srcset = {"srcSet": _uri(blue.encode(), "image/svg+xml") + " 1x"}
    assert _reports(image(**srcset)) == [
        "div/img[0]: Its srcSet is not read: the image is drawn from its src (as in Satori)."]
    assert render_png(image(**srcset), width=40, height=20) == render_png(image(), width=40, height=20)
    with pytest.raises(ImageError) as info:
        render_svg(image(**srcset), width=40, height=20, strict=True)
    assert (info.value.prop, info.value.value) == ("srcSet", srcset["srcSet"])


def test_cdata_and_use_loops_render() -> None:
    # CDATA in HTML is a bogus comment up to the first `>`, as a browser reads it.
    assert _reports("<div><![CDATA[ <b>x</b> ]]>y</div>") == [
        "line 1, column 6: '<![CDATA[ <b>' is not markup a browser draws (CDATA sections are read only inside "
        "<svg>): it is read as a comment up to the first '>' and not drawn (repaired as a browser would)",
        "line 1, column 20: Unexpected </b> end tag (repaired as a browser would)"]
    # <use> elements that reach themselves draw nothing (as resvg, and a browser, do): reported
    # since session 19 (tests/hostile/test_svg_use.py).
    for body, first, more in (("<g id='a'><use href='#a'/></g>", "#a", ""),
                              ("<g id='a'><use href='#b'/></g><g id='b'><use href='#a'/></g>", "#b", " (and 1 more)")):
        assert _reports(h("div", {}, h("img", {"src": _uri(SVG.format(body).encode(), "image/svg+xml"),
                                                "width": 10, "height": 10}))) == [
            f'div/img[0]: The SVG image\'s <use href="{first}"> is not drawn: its target holds it, or leads back '
            f"to it{more}."]


def test_an_svg_image_with_an_external_entity_is_not_drawn_and_reads_nothing() -> None:
    svg = ("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
           + SVG.format("<text y='10'>&x;</text>"))
    element = h("div", {}, h("img", {"src": _uri(svg.encode(), "image/svg+xml"), "width": 10, "height": 10}))
    assert _reports(element) == ["div/img[0]: The image is not drawn: its SVG is not well-formed XML."]


def _png_with(chunk_type: bytes, data: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    pixels = zlib.compress((b"\x00" + b"\xff\x00\x00" * 2) * 2)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(chunk_type, data) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_an_icc_profile_bomb_and_a_thousand_frames_render() -> None:
    # resvg's PNG decoder stops inflating the profile at its own limit (peak RSS +64-80 MB here
    # for 200 MB or 2 GB of zeros, one image or eight: measured, not asserted).
    squeeze = zlib.compressobj(9)
    zeros = b"".join(squeeze.compress(bytes(1_000_000)) for _ in range(200)) + squeeze.flush()
    from PIL import Image

    frames = [Image.new("P", (4, 4), i % 256) for i in range(1000)]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=10)
    images = [h("img", {"src": _uri(_png_with(b"iCCP", b"p\x00\x00" + zeros), "image/png"), "width": 10,
                        "height": 10}),
              h("img", {"src": _uri(gif.getvalue(), "image/gif"), "width": 10, "height": 10})]
    png = render_png(h("div", {"style": {"display": "flex"}}, *images), width=40, height=20)
    assert png[:4] == b"\x89PNG"


@pytest.mark.parametrize("mutual", [False, True], ids=["calls itself", "two call each other"])
def test_a_cff_whose_subroutine_calls_itself_is_a_font_error(mutual: bool) -> None:
    # fontTools follows the calls by recursion: session 18 said "maximum recursion depth exceeded".
    with pytest.raises(FaceError) as info:
        render_svg(h("div", {"style": {"fontFamily": "Loop"}}, "a"), width=40, height=20,
                   fonts=[Font("Loop", looping_cff(mutual))])
    assert str(info.value) == "div: Failed to read glyph 1 of font loop: its CFF subroutines call themselves without end"


def test_a_prop_name_that_is_not_a_string_is_refused_naming_the_node() -> None:
    # A Python caller's dict (JSON and JavaScript have no other keys): it was ignored without a
    # word on a div, and raised TypeError / AttributeError out of the inline SVG's attributes.
    from satori_py.errors import InvalidElementError

    for element, message in [
        ({"type": "div", "props": {1: "x", "children": "a"}}, "div: Invalid prop name 1: expected a string."),
        ({"type": "svg", "props": {"width": 10, "height": 10, None: "y"}},
         "svg: Invalid prop name null: expected a string."),
        ({"type": "svg", "props": {"width": 10, "height": 10, "children": {"type": "rect", "props": {2.5: "x"}}}},
         "svg/rect[0]: Invalid prop name 2.5: expected a string."),
    ]:
        with pytest.raises(InvalidElementError) as caught:
            render_svg(element, width=20, height=20)
        assert str(caught.value) == message


def test_inline_margins_that_add_up_to_infinity_render() -> None:
    # margin: 1e308 on a span: its two sides add up to Infinity in the inline measure, which
    # raised OverflowError out of round_up_to_layout (found by tests/fuzz/oracle.py, seed 6282).
    for style in ({"margin": 1e308}, {"margin": "1e308px"}, {"marginLeft": 1e308, "paddingRight": 1e308}):
        card = h("div", {}, "a", h("span", {"style": style}, "x"), "b")
        assert render_svg(card, width=100, height=50).startswith("<svg")
        assert render_png(card, width=100, height=50)[:4] == b"\x89PNG"


def test_a_z_index_past_the_largest_double_renders() -> None:
    # zIndex "1" + 400 zeros, read leniently, reached the painter as an int float() cannot take:
    # OverflowError (found by tests/fuzz/oracle.py, seed 10330). JavaScript's Number() reads it
    # as Infinity: drawn like any other z-index past the others.
    for z in ("1" + "0" * 400, -(10 ** 400)):
        card = h("div", {"style": {"display": "flex"}},
                 h("div", {"style": {"zIndex": z, "position": "relative", "backgroundColor": "red"}}, "x"))
        assert render_svg(card, width=50, height=50, on_style_error=lambda e: None).startswith("<svg")
