"""Each limit of satori_py.Limits: its default, its option, and the exact LimitError past it.

The bombs are small: a PNG header claiming 60000 x 60000 pixels, a WOFF2 whose
directory claims 1 GB, JSON nested 100,000 deep. A limit must refuse them
before the work they ask for starts, so none of these tests waits for it.
"""
from __future__ import annotations

import base64
from typing import Any

import brotli
import pytest

from satori_py import Font, LimitError, Limits, h, render_png, render_svg
from satori_py.errors import FontError, ImageError

from .support import png_header, woff2

BOMB = "data:image/png;base64," + base64.b64encode(png_header(60000, 60000)).decode()
OVER = "over the max_image_pixels limit of 40000000."


def card(*children: Any, **style: Any) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", **style}}, *children)


def limit_error(element: Any, **options: Any) -> LimitError:
    with pytest.raises(LimitError) as info:
        render_svg(element, **{"width": 100, "height": 100, **options})
    return info.value


def test_the_defaults_are_documented_values() -> None:
    assert Limits() == Limits(max_depth=256, max_nodes=100_000, max_image_pixels=40_000_000, max_image_bytes=16 * 1024 * 1024,
                              max_font_bytes=64 * 1024 * 1024, max_text_length=200_000, max_total_text=1_000_000,
                              max_css_length=1_000_000,
                              max_effect_layers=64, max_effect_nesting=32, max_effect_pixels=150_000_000,
                              max_stroke_reach=2_097_152, max_glyph_points=20_000_000,
                              max_gradient_stops=1_000, max_reports=1_000, timeout=60.0)


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("max_depth", 0, "a positive integer"), ("max_nodes", 1.5, "a positive integer"),
    ("max_image_pixels", True, "a positive integer"), ("timeout", 0, "a positive number of seconds or None"),
    ("timeout", float("inf"), "a positive number of seconds or None"),
])
def test_a_limit_must_be_positive(field: str, value: Any, expected: str) -> None:
    with pytest.raises(LimitError, match=rf"^Invalid limit {field}={value!r}: expected {expected}\.$"):
        Limits(**{field: value})


# -- images: pixels from the header, before decoding -----------------------------------

def test_an_img_over_the_pixel_limit() -> None:
    exc = limit_error(card(h("img", {"src": BOMB, "width": 10, "height": 10})))
    assert str(exc) == f"div/img[0]: The image is 60000x60000 pixels, {OVER}"
    assert (exc.limit, exc.prop) == ("max_image_pixels", "src")


@pytest.mark.parametrize("prop", ["backgroundImage", "maskImage"])
def test_a_layer_over_the_pixel_limit(prop: str) -> None:
    exc = limit_error(card(width=10, height=10, **{prop: f"url({BOMB})"}))
    assert str(exc) == f"div: The image is 60000x60000 pixels, {OVER}"
    assert (exc.limit, exc.prop) == ("max_image_pixels", prop)


def test_a_failed_download_is_reported_with_its_node_and_property() -> None:
    # Before: the reports (and errors) of images named the node only.
    def fetch(url: str) -> tuple[bytes, str]:
        raise ImageError(f"{url} answered HTTP 404.")

    reports: list[Exception] = []
    render_svg(card(h("img", {"src": "https://x/a.png", "width": 4, "height": 4}),
                    h("div", {"style": {"width": 4, "height": 4, "backgroundImage": "url(https://x/b.png)"}}),
                    h("svg", {"width": 4, "height": 4},
                      h("image", {"href": "https://x/c.png", "width": 4, "height": 4}))),
               width=20, height=20, fetcher=fetch, on_warning=reports.append)
    images = [r for r in reports if isinstance(r, ImageError)]
    assert len(images) == len(reports)
    assert [(r.path, r.prop, r.message) for r in images] == [
        ("div/img[0]", "src", "Can't load image https://x/a.png: https://x/a.png answered HTTP 404."),
        ("div/svg[2]/image[0]", "href", "Can't load image https://x/c.png: https://x/c.png answered HTTP 404."),
        ("div/div[1]", "backgroundImage", "Can't load image https://x/b.png: https://x/b.png answered HTTP 404."),
    ]


def test_an_image_inside_an_svg_image_is_checked_too() -> None:
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><image href='{BOMB}' "
           "width='10' height='10'/></svg>")
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    exc = limit_error(card(h("img", {"src": src, "width": 10, "height": 10})))
    assert str(exc) == f"div/img[0]: An embedded image is 60000x60000 pixels, {OVER}"


def _svg_image(markup: str, prolog: str = "") -> dict[str, Any]:
    svg = f"{prolog}<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>{markup}</svg>"
    return h("img", {"src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                     "width": 10, "height": 10})


@pytest.mark.parametrize("href, prolog", [
    (BOMB[:30] + " " + BOMB[30:], ""),  # resvg skips spaces in base64 (a scan stopped at the space)
    (BOMB[:30] + "&#10;" + BOMB[30:], ""),
    (BOMB[:30] + "%20" + BOMB[30:], ""),
    ("&#100;" + BOMB[1:], ""),  # "data:" spelled by a character reference
    ("  DATA:" + BOMB[5:], ""),  # resvg ignores the spaces and the scheme's case
    ("data:image/png;base64,&b;", f"<!DOCTYPE svg [<!ENTITY b '{BOMB[22:]}'>]>"),  # resvg expands entities
], ids=["space", "charref", "percent", "charref-scheme", "case", "entity"])
def test_an_image_inside_an_svg_image_is_checked_as_resvg_reads_its_href(href: str, prolog: str) -> None:
    # Each of these aborted the process (resvg asked for 10.8 GB).
    element = card(_svg_image(f"<image href='{href}' width='10' height='10'/>", prolog))
    exc = limit_error(element)
    assert str(exc) == f"div/img[0]: An embedded image is 60000x60000 pixels, {OVER}"


@pytest.mark.parametrize("tag, key, what", [("feImage", "href", "An embedded image"),
                                            ("image", "xlink:href", "The image")])
def test_an_inline_svg_href_that_is_not_loaded_as_an_img_is_checked_too(tag: str, key: str, what: str) -> None:
    # <feImage href> goes into the document as written: resvg decodes it. (An <image xlink:href>
    # written as such, which went in as written too, is loaded as an <img src> since session 15.)
    inner = h(tag, {key: BOMB, "width": 10, "height": 10})
    parent = h("filter", {"id": "f"}, inner) if tag == "feImage" else inner
    exc = limit_error(card(h("svg", {"width": 10, "height": 10, "xmlnsXlink": "http://www.w3.org/1999/xlink"},
                             parent)))
    where = "filter[0]/feImage[0]" if tag == "feImage" else "image[0]"
    assert str(exc) == f"div/svg[0]/{where}: {what} is 60000x60000 pixels, {OVER}"


def test_an_svg_inside_an_inline_feimage_counts_its_filter_work() -> None:
    turbulence = ("<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100'><filter id='t'>"
                  "<feTurbulence numOctaves='100000'/></filter><rect width='200' height='100' filter='url(#t)'/></svg>")
    href = "data:image/svg+xml;base64," + base64.b64encode(turbulence.encode()).decode()
    svg = h("svg", {"width": 10, "height": 10}, h("filter", {"id": "f"}, h("feImage", {"href": href})),
            h("rect", {"width": 10, "height": 10, "filter": "url(#f)"}))
    exc = limit_error(card(svg))
    assert exc.limit == "max_effect_pixels"
    assert str(exc).startswith("div/svg[0]/filter[0]/feImage[0]: The SVG image's filter primitives would bring")


def test_a_data_uri_of_an_odd_type_is_checked_by_what_it_holds() -> None:
    odd = BOMB.replace("image/png", "image/x-png")  # embedded as given: resvg sniffs and decodes it
    exc = limit_error(card(h("img", {"src": odd, "width": 10, "height": 10})))
    assert str(exc) == f"div/img[0]: An embedded image is 60000x60000 pixels, {OVER}"


def test_the_pixel_limit_is_an_option() -> None:
    src = "data:image/png;base64," + base64.b64encode(png_header(200, 100)).decode()
    element = card(h("img", {"src": src, "width": 10, "height": 10}))
    exc = limit_error(element, limits=Limits(max_image_pixels=10_000))
    assert str(exc) == "div/img[0]: The image is 200x100 pixels, over the max_image_pixels limit of 10000."
    assert render_svg(element, width=100, height=100, limits=Limits(max_image_pixels=20_000))


def test_svg_images_may_not_nest_deeper_than_max_depth() -> None:
    deep = "<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'>" + "<g>" * 300 + "</g>" * 300 + "</svg>"
    exc = limit_error(card(h("img", {"src": "data:image/svg+xml;utf8," + deep, "width": 9, "height": 9})))
    assert str(exc) == ("div/img[0]: An SVG image nests its elements 301 levels deep, over the max_depth limit "
                        "of 256.")


# -- fonts: decompressed size from the directory, before inflating ----------------------

def test_a_woff2_whose_directory_declares_a_gigabyte_is_refused_before_inflating() -> None:
    bomb = woff2(1 << 30, brotli.compress(b""))
    with pytest.raises(LimitError) as info:
        render_svg(card("x"), width=10, height=10, fonts=[Font("Bomb", bomb)])
    assert str(info.value) == ('The font "Bomb" is 1073741852 bytes decompressed, over the max_font_bytes limit '
                               "of 67108864.")
    assert info.value.limit == "max_font_bytes"


def test_a_woff2_that_inflates_past_its_directory_is_refused_at_the_declared_size() -> None:
    # 1.5 KB that inflates to 64 MB: its directory says 1000 bytes, and inflating stops there.
    liar = woff2(1000, brotli.compress(bytes(64 * 1024 * 1024), quality=5))
    assert len(liar) < 2048
    with pytest.raises(FontError, match=r'^Failed to decode the WOFF2 font "Liar"\.$'):
        render_svg(card("x"), width=10, height=10, fonts=[Font("Liar", liar)])


def test_the_font_limit_applies_to_font_files_too(tmp_path: Any) -> None:
    from satori_py.assets import DEFAULT_FONT_PATH

    copy = tmp_path / "font.ttf"
    copy.write_bytes(open(DEFAULT_FONT_PATH, "rb").read())
    size = copy.stat().st_size
    with pytest.raises(LimitError, match=rf"^The font file {copy} is {size} bytes, over the max_font_bytes limit "
                                         r"of 1000\.$"):
        render_svg(card("x"), width=10, height=10, fonts=[Font("Copy", copy)], limits=Limits(max_font_bytes=1000))
    # Read once, it is checked as a font: the same limit, from what it holds.
    render_svg(card("x"), width=10, height=10, fonts=[Font("Copy", copy)])
    with pytest.raises(LimitError, match=rf'^The font "Copy" is {size} bytes decompressed, over the '
                                         r"max_font_bytes limit of 1000\.$"):
        render_svg(card("x"), width=10, height=10, fonts=[Font("Copy", copy)], limits=Limits(max_font_bytes=1000))


# -- text -------------------------------------------------------------------------------

def test_text_per_node() -> None:
    exc = limit_error(card("x" * 200_001))
    assert str(exc) == "div/#text[0]: The text has 200001 characters, over the max_text_length limit of 200000."
    assert exc.limit == "max_text_length"


def test_text_per_render() -> None:
    exc = limit_error(card(*[h("p", {}, "x" * 100_000) for _ in range(11)]))
    assert str(exc) == ("div/p[10]/#text[0]: The render has more than 1000000 characters of text (the "
                        "max_total_text limit).")
    exc = limit_error(card("abc", "def"), limits=Limits(max_total_text=5))
    assert str(exc) == "div/#text[0]: The render has more than 5 characters of text (the max_total_text limit)."


# -- effects ----------------------------------------------------------------------------

def test_effect_layers_per_element() -> None:
    # 1,000 box-shadows took over 120 s to rasterise.
    exc = limit_error(card(width=10, height=10, boxShadow=", ".join(["0 0 10px red"] * 1000)))
    assert str(exc) == "div: The element has 1000 shadows and filter functions, over the max_effect_layers limit of 64."
    assert exc.prop == "boxShadow"
    exc = limit_error(card(width=10, height=10, filter=" ".join(["blur(1px)"] * 100)))
    assert (str(exc), exc.prop) == ("div: The element has 100 shadows and filter functions, over the "
                                    "max_effect_layers limit of 64.", "filter")
    exc = limit_error(card(width=10, height=10, boxShadow="0 0 1px red, 0 0 2px red", filter="blur(1px)"),
                      limits=Limits(max_effect_layers=2))
    assert str(exc) == ("div: The element has 3 shadows, filter functions and background layers, over the "
                        "max_effect_layers limit of 2.")


def test_effect_nesting() -> None:
    node: Any = "x"
    for _ in range(3):
        node = card(node, opacity=0.5)
    exc = limit_error(node, limits=Limits(max_effect_nesting=2))
    assert str(exc) == ("div/div[0]/div[0]: The element nests 3 layers of filter, opacity, clipPath, mask or "
                        "mixBlendMode effects, over the max_effect_nesting limit of 2.")


# -- strokes and effect regions at their size on the image --------------------------------

def test_stroke_reach() -> None:
    # resvg's 32-bit stroker took 25 s on this border (and as long on the others), uninterruptibly.
    huge = {"borderWidth": 1e308, "borderStyle": "solid", "borderColor": "red"}
    exc = limit_error(card(h("div", {"style": {**huge, "borderRadius": 1e308}})))
    assert (exc.limit, exc.path) == ("max_stroke_reach", "div/div[0]")
    assert str(exc) == ("div/div[0]: A curved line is stroked 67108862px wide on the image, over the "
                        "max_stroke_reach limit of 2097152.")
    exc = limit_error(card(h("div", {"style": {"width": 1e308, "height": 1e308, "flexShrink": 0, "borderWidth": 10,
                                               "borderStyle": "dashed", "borderColor": "red", "borderRadius": 1e308}})))
    assert str(exc) == ("div/div[0]: A curved line reaches 33554326px beyond the image, over the max_stroke_reach "
                        "limit of 2097152.")
    # Under a transform, at its size on the image.
    exc = limit_error(card(h("div", {"style": {"width": 50, "height": 50, "borderWidth": 100, "borderStyle": "solid",
                                               "borderColor": "red", "borderRadius": 10}}),
                           transform="scale(100000)", transformOrigin="0 0"))
    assert str(exc) == ("div/div[0]: A curved line is stroked 20000000px wide on the image, over the "
                        "max_stroke_reach limit of 2097152.")
    exc = limit_error(card(h("div", {"style": {"width": 50, "height": 50, "borderRadius": 20,
                                               "outline": "10000000px dashed red"}})))
    assert str(exc) == ("div/div[0]: A curved line is stroked 20000000px wide on the image, over the "
                        "max_stroke_reach limit of 2097152.")
    # Text under a transform is drawn whole; untransformed, what is outside the image is left out
    # already, so only its stroke width is checked (rendered: 0.03 s).
    exc = limit_error(card(h("div", {"style": {"display": "flex", "WebkitTextStroke": "3px red", "fontSize": 1e6}},
                             "Hi"), transform="scale(10)", transformOrigin="0 0"))
    assert str(exc) == ("div/div[0]/#text[0]: A curved line reaches 10049900px beyond the image, over the "
                        "max_stroke_reach limit of 2097152.")
    assert render_png(card("Hi", WebkitTextStroke="3px red", fontSize=1e7), width=100, height=100)[:4] == b"\x89PNG"
    # Straight strokes cost the same at any size; the limit is an option.
    assert render_svg(card(h("div", {"style": huge})), width=100, height=100).startswith("<svg")
    rounded = card(h("div", {"style": {"width": 50, "height": 50, "borderWidth": 20, "borderStyle": "solid",
                                       "borderColor": "red", "borderRadius": 10}}))
    assert render_svg(rounded, width=100, height=100, limits=Limits(max_stroke_reach=40)).startswith("<svg")
    exc = limit_error(rounded, limits=Limits(max_stroke_reach=39))
    assert str(exc) == "div/div[0]: A curved line is stroked 40px wide on the image, over the max_stroke_reach limit of 39."


def test_background_tiles_count_at_their_size_on_the_image() -> None:
    # resvg renders a pattern's whole tile first: these aborted the process on 40 and 9.5 GB.
    # (A linear or radial gradient over a whole-pixel box fills it without a pattern:
    # repeating radial ones, which still tile, here.)
    exc = limit_error(card(h("div", {"style": {"width": 100_000, "height": 100_000, "flexShrink": 0,
                                               "backgroundImage": "repeating-radial-gradient(red, blue 10px)"}})))
    assert (exc.limit, exc.path, exc.prop) == ("max_image_pixels", "div/div[0]", "backgroundImage")  # before: None
    assert str(exc) == ("div/div[0]: The tile of the background is 100000x100000 pixels, over the max_image_pixels "
                        "limit of 40000000.")
    exc = limit_error(card(h("div", {"style": {"width": 100_000, "height": 100_000, "flexShrink": 0,
                                               "maskImage": "repeating-radial-gradient(red, blue 10px)"}})))
    assert (exc.limit, exc.path, exc.prop) == ("max_image_pixels", "div/div[0]", "maskImage")
    assert str(exc) == ("div/div[0]: The tile of the mask is 100000x100000 pixels, over the max_image_pixels "
                        "limit of 40000000.")  # before: "of the background", no property
    exc = limit_error(card(h("div", {"style": {"width": 20, "height": 119, "transform": "scale(1000)",
                                               "transformOrigin": "0 0",
                                               "backgroundImage": "repeating-radial-gradient(red, blue 10px)"}})))
    assert str(exc) == ("div/div[0]: The tile of the background is 20000x119000 pixels, over the max_image_pixels "
                        "limit of 40000000.")
    small = card(h("div", {"style": {"width": 20, "height": 119, "transform": "scale(10)", "transformOrigin": "0 0",
                                     "backgroundImage": "repeating-radial-gradient(red, blue 10px)"}}))
    assert render_png(small, width=100, height=100)[:4] == b"\x89PNG"
    exc = limit_error(small, limits=Limits(max_image_pixels=200 * 1190 - 1))
    assert str(exc) == "div/div[0]: The tile of the background is 200x1190 pixels, over the max_image_pixels limit of 237999."


def test_filter_regions_add_up_to_max_effect_pixels() -> None:
    # Each filter's region is the whole image grown by its blur (as in the reference): ten
    # blurred 10px boxes on a 3000 x 3000 image took 210 s of raster on a loaded machine.
    blurred = card(*[h("div", {"style": {"width": 10, "height": 10, "backgroundColor": "red",
                                         "filter": "blur(2px)"}}) for _ in range(20)], flexWrap="wrap")
    exc = limit_error(blurred, width=3000, height=3000)
    assert (exc.limit, exc.path) == ("max_effect_pixels", "div/div[16]")
    assert str(exc) == ("div/div[16]: The filter regions of the render add up to more than 150000000 pixels (the "
                        "max_effect_pixels limit).")
    assert render_svg(blurred, width=300, height=300).startswith("<svg")  # 20 regions of 312 x 312
    exc = limit_error(blurred, width=300, height=300, limits=Limits(max_effect_pixels=312 * 312 * 3))
    assert str(exc) == ("div/div[3]: The filter regions of the render add up to more than 292032 pixels (the "
                        "max_effect_pixels limit).")
    # Shadows count too.
    shadows = card(*[h("div", {"style": {"width": 10, "height": 10, "boxShadow": "0 0 4px red"}}) for _ in range(3)])
    exc = limit_error(shadows, limits=Limits(max_effect_pixels=2 * 18 * 18))
    assert str(exc) == ("div/div[2]: The filter regions of the render add up to more than 648 pixels (the "
                        "max_effect_pixels limit).")
    exc = limit_error(card("a", "b", textShadow="0 0 2px red"), limits=Limits(max_effect_pixels=100))
    assert exc.limit == "max_effect_pixels"


def test_backdrop_filters_count_their_regions() -> None:
    # Each backdrop filters its box (grown by the blur) at its size on the image, cut to two image
    # sizes around it: twenty over a 1200 x 630 card took 2 s of resvg, a 1e7 px box 1.2 s.
    def backdrops(count: int, **style: Any) -> dict[str, Any]:
        return card(*[h("div", {"style": {"position": "absolute", "width": 1200, "height": 630,
                                          "backdropFilter": "blur(5px)", **style}}) for _ in range(count)])
    render_svg(backdrops(20), width=1200, height=630)
    exc = limit_error(backdrops(200), width=1200, height=630)
    assert str(exc) == ("div/div[184]: The filter regions of the render add up to more than 150000000 pixels (the "
                        "max_effect_pixels limit).")
    assert exc.limit == "max_effect_pixels"
    # A huge box or transform counts no more than the five image sizes resvg keeps.
    exc = limit_error(backdrops(1, transform="scale(1000)"), width=100, height=100,
                      limits=Limits(max_effect_pixels=500 * 500 - 1))
    assert str(exc) == ("div/div[0]: The filter regions of the render add up to more than 249999 pixels (the "
                        "max_effect_pixels limit).")
    render_svg(backdrops(1, transform="scale(1000)"), width=100, height=100, limits=Limits(max_effect_pixels=500 * 500))


def test_regions_count_in_every_render_that_draws_them() -> None:
    # draw_box keeps what a box draws for the next render: its shadows' regions count again.
    shadows = card(*[h("div", {"style": {"width": 10, "height": 10, "boxShadow": "0 0 4px red"}}) for _ in range(3)])
    limits = Limits(max_effect_pixels=2 * 18 * 18)
    for _ in range(2):
        exc = limit_error(shadows, limits=limits)
        assert str(exc) == ("div/div[2]: The filter regions of the render add up to more than 648 pixels (the "
                            "max_effect_pixels limit).")
    render_svg(card(*shadows["props"]["children"][:2]), width=100, height=100)
    exc = limit_error(shadows, limits=limits)  # the first two from the memo, the third drawn
    assert exc.path == "div/div[2]"


def test_region_errors_name_their_property() -> None:
    exc = limit_error(card(width=10, height=10, boxShadow="0 0 10px red", transform="scale(1000000)"))
    assert (exc.limit, exc.path, exc.prop) == ("max_image_pixels", "div", "boxShadow")
    assert str(exc) == "div: The region of the box shadow is 44000000x44000000 pixels, over the max_image_pixels limit " \
        "of 40000000."
    exc = limit_error(card(width=10, height=10, boxShadow="0 0 4px red"), limits=Limits(max_effect_pixels=100))
    assert (exc.limit, exc.prop) == ("max_effect_pixels", "boxShadow")
    exc = limit_error(card("x", filter="drop-shadow(1e30px 1e30px 1e30px red)"))
    assert (exc.limit, exc.prop) == ("max_image_pixels", "filter")
    exc = limit_error(card(width=1200, height=630, backdropFilter="blur(5px)"), limits=Limits(max_effect_pixels=100))
    assert (exc.limit, exc.prop) == ("max_effect_pixels", "backdropFilter")


def test_text_shadow_regions_count_the_transform() -> None:
    # scale(1000) made a region of 14 GB: resvg aborted the process.
    exc = limit_error(card(h("div", {"style": {"display": "flex", "textShadow": "5px 5px 20px red"}}, "Hi"),
                           transform="scale(1000)", transformOrigin="0 0"), width=200)
    assert (exc.limit, exc.path, exc.prop) == ("max_image_pixels", "div/div[0]", "textShadow")
    assert str(exc) == ("div/div[0]: The region of the text shadows is 86900x93501 pixels, over the max_image_pixels "
                        "limit of 40000000.")
    shadowed = card(h("div", {"style": {"display": "flex", "textShadow": "5px 5px 20px red"}}, "Hi"),
                    transform="scale(10)", transformOrigin="0 0")
    assert render_png(shadowed, width=200, height=100)[:4] == b"\x89PNG"


# -- nesting, before any recursive decoding ---------------------------------------------

def test_json_nesting_is_checked_before_decoding() -> None:
    # The JSON decoder raised RecursionError for trees deeper than ~330.
    exc = limit_error("[" * 100_000 + "]" * 100_000)
    assert str(exc) == ("The JSON element nests 100000 levels of arrays and objects, more than an element tree "
                        "within the max_depth limit of 256 can.")
    text = '{"type": "div", "props": {"children": ' * 300 + '"x"' + "}}" * 300
    exc = limit_error(text)
    assert str(exc).startswith("div/div[0]/div[0]/") and str(exc).endswith(
        ": The element tree is deeper than 256 levels (the max_depth limit).")


def test_the_depth_limit_is_an_option() -> None:
    element: Any = "x"
    for _ in range(20):
        element = card(element)
    exc = limit_error(element, limits=Limits(max_depth=10))
    assert exc.path == "div" + "/div[0]" * 10 and exc.limit == "max_depth"


# -- the time budget --------------------------------------------------------------------

def test_the_timeout_is_checked_inside_long_loops(ticking_clock: None) -> None:
    # A budget of 20 reads of the clock runs out while the boxes are painted, at a node.
    element = card(*[h("div", {"style": {"width": 5, "height": 5, "backgroundColor": "red"}}) for _ in range(60)])
    with pytest.raises(LimitError) as info:
        render_svg(element, width=100, height=100, limits=Limits(timeout=20))
    assert info.value.limit == "timeout"
    assert info.value.message == "The render took longer than the timeout limit of 20s."
    assert info.value.path is not None and info.value.path.startswith("div/div[")


def test_the_timeout_is_checked_between_stages(ticking_clock: None) -> None:
    with pytest.raises(LimitError, match=r"^The render took longer than the timeout limit of 1s\.$"):
        render_png(card("x"), width=10, height=10, limits=Limits(timeout=1))


def test_a_generous_timeout_renders(ticking_clock: None) -> None:
    assert render_svg(card("x"), width=10, height=10, limits=Limits(timeout=10_000)).startswith("<svg")


# -- round box shadows: the radial gradient's profile is bounded work ----------------------

@pytest.mark.parametrize("blur, gradient", [("100px", True), ("600px", False), ("10000px", False), ("1e308px", False)])
def test_a_round_box_shadow_computes_its_profile_only_for_a_bounded_blur(monkeypatch: pytest.MonkeyPatch, blur: str,
                                                                         gradient: bool) -> None:
    # The profile's lists grow with the blur: 10000px spun in Python loops past the render's timeout;
    # such a shadow keeps its filter (whose region the limits check).
    from satori_py.paint import shadow_round

    calls: list[float] = []
    line_profile = shadow_round._line_profile

    def counted(*args: Any) -> list[float]:
        calls.append(args[3])
        return line_profile(*args)

    monkeypatch.setattr(shadow_round, "_line_profile", counted)
    shadow_round._profiles.cache_clear()
    box = h("div", {"style": {"width": 100, "height": 100, "borderRadius": "50%", "boxShadow": f"0 0 {blur} red"}})
    markup = render_svg(card(box), width=200, height=200)
    assert ("radialGradient" in markup) is gradient
    assert ("feGaussianBlur" in markup) is not gradient
    assert len(calls) == (1 if gradient else 0)  # a circle's profile is one line's (the same across all)
