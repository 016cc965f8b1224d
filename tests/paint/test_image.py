"""Images: format sniffing, source resolution, object-fit geometry and the <image> nodes.

The expected sizes and rectangles are the reference's (Satori 0.63.2, checked
with its ``handler/image.ts`` and ``builder/rect.ts`` on the same inputs).
"""
from __future__ import annotations

import base64
import io
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satori_py.errors import ImageError, LimitError
from satori_py.images import formats as fmt
from satori_py.paint.geometry import Radii, rect_path
from satori_py.images.source import ImageSource, clear_image_cache, intrinsic_size, load_image
from satori_py.paint.image import fit_rect, image_nodes
from satori_py.cache import BoundedCache
from satori_py.style import ComputedStyle, root_style
from satori_py.style.object_position import parse_object_position
from satori_py.svg import SvgNode, serialize

Image = pytest.importorskip("PIL.Image")

W, H = 37, 21  # odd and unequal, so swapped or truncated fields show


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_image_cache()
    yield
    clear_image_cache()


def encode(fmt_name: str, mode: str = "RGB", size: tuple[int, int] = (W, H), **params: Any) -> bytes:
    color: Any = (255, 0, 0, 128) if mode == "RGBA" else (255, 0, 0)
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt_name, **params)
    return buf.getvalue()


def apng() -> bytes:
    frames = [Image.new("RGB", (W, H), c) for c in ((255, 0, 0), (0, 0, 255))]
    buf = io.BytesIO()
    frames[0].save(buf, "PNG", save_all=True, append_images=frames[1:], duration=100)
    return buf.getvalue()


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def Style(**values: Any) -> ComputedStyle:
    """A computed style with ``values`` (the rest initial)."""
    return root_style(width=100, height=100).replace(**values)


# --- sniffing ------------------------------------------------------------------------

RASTERS = [
    ("png", lambda: encode("PNG"), fmt.PNG),
    ("apng", apng, fmt.APNG),
    ("jpeg", lambda: encode("JPEG"), fmt.JPEG),
    ("jpeg-progressive", lambda: encode("JPEG", progressive=True), fmt.JPEG),
    ("gif", lambda: encode("GIF"), fmt.GIF),
    ("webp-lossy", lambda: encode("WEBP", quality=80), fmt.WEBP),
    ("webp-lossless", lambda: encode("WEBP", lossless=True), fmt.WEBP),
    ("webp-extended", lambda: encode("WEBP", mode="RGBA", quality=80), fmt.WEBP),
]


@pytest.mark.parametrize("name,make,mime", RASTERS, ids=[r[0] for r in RASTERS])
def test_sniffs_format_and_size(name: str, make: Any, mime: str) -> None:
    data = make()
    assert fmt.detect_mime(data) == mime
    assert fmt.raster_size(mime, data) == (W, H)
    source = load_image(data)
    assert (source.mime, source.width, source.height, source.sized) == (mime, W, H, True)
    assert source.href == data_uri(mime, data)


def test_webp_chunk_kinds() -> None:
    assert encode("WEBP", quality=80)[12:16] == b"VP8 "
    assert encode("WEBP", lossless=True)[12:16] == b"VP8L"
    assert encode("WEBP", mode="RGBA", quality=80)[12:16] == b"VP8X"


def test_avif_is_transcoded_to_png_where_the_reference_refuses_it() -> None:
    if not Image.registered_extensions().get(".avif"):
        pytest.skip("Pillow without AVIF")
    data = encode("AVIF", quality=100)
    assert fmt.detect_mime(data) == fmt.AVIF
    assert fmt.avif_size(data) == (W, H)
    for src in (data, data_uri("image/avif", data)):
        source = load_image(src)
        assert (source.mime, source.width, source.height, source.sized) == (fmt.PNG, W, H, True)
        assert source.href.startswith("data:image/png;base64,")
        decoded = Image.open(io.BytesIO(base64.b64decode(source.href.split(",", 1)[1])))
        assert decoded.size == (W, H)
        red, green, blue = decoded.convert("RGB").getpixel((W // 2, H // 2))
        assert red > 240 and green < 16 and blue < 16


def test_avif_without_a_decoder_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.images import decode as image_decode

    monkeypatch.setattr(image_decode, "can_decode_avif", lambda: False)
    data = b"\x00\x00\x00\x1cftypavif" + bytes(40)
    with pytest.raises(ImageError, match=r"^Unsupported image type: image/avif \(decoding AVIF needs Pillow"):
        load_image(data)


def test_broken_avif_is_an_image_error() -> None:
    if not Image.registered_extensions().get(".avif"):
        pytest.skip("Pillow without AVIF")
    with pytest.raises(ImageError, match="^Invalid AVIF image"):
        load_image(b"\x00\x00\x00\x1cftypavif" + bytes(40))
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 0, 0)).save(out, "AVIF")
    with pytest.raises(ImageError) as info:  # Pillow's text named its BytesIO object by its address
        load_image(out.getvalue()[:len(out.getvalue()) // 2])
    assert str(info.value) == "Invalid AVIF image: the decoder cannot read it"


def test_jpeg_walker_handles_fill_bytes_and_app_segments() -> None:
    jpeg = encode("JPEG")
    # Fill bytes before a marker and an extra APP1 segment are legal.
    padded = jpeg[:2] + b"\xff\xff\xff\xe1\x00\x06Exif" + jpeg[2:]
    assert fmt.jpeg_size(padded) == (W, H)


@pytest.mark.parametrize("data,message", [
    (b"\x89PNG\r\n\x1a\n", "Invalid PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "Invalid JPEG"),
    (b"\xff\xd8\xff\xd9", "Invalid JPEG"),
    (b"RIFF\x04\x00\x00\x00WEBPVP8 ", "Invalid WebP"),
    (b"RIFF\xff\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x00", "Invalid WebP"),
    (b"GIF8", "Invalid GIF"),
    (b"garbage!", r"^Unsupported image type: unknown$"),
], ids=["png-short", "jpeg-no-sof", "jpeg-eoi", "webp-short", "webp-bad-size", "gif-short", "unknown"])
def test_unreadable_bytes(data: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        load_image(data)


def test_svg_bytes_are_sized() -> None:
    source = load_image(b'<?xml version="1.0"?>'
                        b'<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>')
    assert (source.mime, source.width, source.height) == (fmt.SVG, 30, 10)
    assert base64.b64decode(source.href.split(",", 1)[1]).startswith(b"<?xml")


# --- SVG sizes ---------------------------------------------------------------------------

@pytest.mark.parametrize("tag,size,intrinsic", [
    ('<svg width="30" height="10">', (30, 10), True),
    ('<svg width="30px" height="10.5px" viewBox="0 0 1 1">', (30, 10.5), True),
    ('<svg width="20" viewBox="0 0 10 5">', (20, 10), True),
    ('<svg height="20" viewBox="0,0,10,5">', (40, 20), True),
    ('<svg viewBox="0 0 36 36">', (36, 36), False),
    # em and % sizes are not read: the viewBox gives the size.
    ('<svg width="2em" height="1em" viewBox="0 0 20 5">', (20, 5), False),
    ("<SVG width='8' height='4'>", (8, 4), True),
])
def test_svg_size(tag: str, size: tuple[float, float], intrinsic: bool) -> None:
    assert fmt.svg_size(tag + "</svg>", "src") == (*size, intrinsic)


@pytest.mark.parametrize("text,message", [
    ("<svg width='20'></svg>", 'Failed to parse SVG from src: missing "viewBox"'),
    ("<div/>", "Failed to parse SVG from src"),
    ('<svg width="20" viewBox="0 0 x 5">', 'invalid "viewBox"'),
])
def test_svg_size_errors(text: str, message: str) -> None:
    with pytest.raises(ImageError) as info:
        fmt.svg_size(text, "src")
    assert message in str(info.value)


# --- data URIs --------------------------------------------------------------------------

SVG_TEXT = ('<svg width="116" height="100" fill="white" xmlns="http://www.w3.org/2000/svg">'
            '<path d="M57.5 0L115 100H0z"/></svg>')


@pytest.mark.parametrize("src", [
    "data:image/svg+xml," + SVG_TEXT,
    "data:image/svg+xml;utf8," + SVG_TEXT,
    "data:image/svg+xml;charset=utf-8," + SVG_TEXT,
    "data:image/svg+xml," + quote(SVG_TEXT),
    "data:image/svg+xml," + SVG_TEXT.replace("<", "%3C").replace(">", "%3E"),
    "data:image/svg+xml;utf8," + SVG_TEXT.replace('"', "'"),
    "'data:image/svg+xml," + SVG_TEXT + "'",
    '"data:image/svg+xml;utf8,' + SVG_TEXT + '"',
    "data:image/svg+xml;base64," + base64.b64encode(SVG_TEXT.encode()).decode(),
    "data:image/svg+xml;charset=utf-8;base64," + base64.b64encode(SVG_TEXT.encode()).decode(),
], ids=["plain", "utf8", "charset", "quoted-all", "escaped-brackets", "single-quotes",
        "in-single-quotes", "in-double-quotes", "base64", "charset-base64"])
def test_svg_data_uri_variants(src: str) -> None:
    source = load_image(src)
    assert (source.mime, source.width, source.height) == (fmt.SVG, 116, 100)
    assert source.href.startswith("data:image/svg+xml;")
    payload = source.href.split(",", 1)[1]
    assert b"M57.5 0L115 100H0z" in base64.b64decode(payload)


def test_svg_data_uri_with_commas_and_unicode() -> None:
    text = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,40,20"><text>é, 中</text></svg>'
    source = load_image("data:image/svg+xml;charset=utf-8," + text)
    assert (source.width, source.height, source.intrinsic) == (40, 20, False)
    assert base64.b64decode(source.href.split(",", 1)[1]).decode("utf-8") == text


def test_raster_data_uris() -> None:
    png = encode("PNG")
    uri = data_uri("image/png", png)
    assert load_image(uri) == ImageSource(uri, "image/png", W, H)
    # Parameters, whitespace and missing padding are fine, as for atob().
    b64 = base64.b64encode(png).decode().rstrip("=")
    spaced = "data:image/png;name=a.png;base64," + " \n".join(b64[i:i + 20] for i in range(0, len(b64), 20))
    assert (load_image(spaced).width, load_image(spaced).height) == (W, H)
    # A mislabelled image is read by its content and relabelled.
    wrong = load_image(data_uri("image/jpeg", png))
    assert wrong.mime == "image/png" and wrong.href.startswith("data:image/png;base64,")
    assert load_image(data_uri("image/jpg", encode("JPEG"))).href.startswith("data:image/jpg;")
    # An APNG labelled image/png keeps its label (resvg draws its first frame).
    assert load_image(data_uri("image/png", apng())).mime == "image/png"


def test_data_uris_without_size() -> None:
    for src in ("data:image/png,%89PNG", "data:image/x-icon;base64,AAAA", "data:,hello"):
        source = load_image(src)
        assert (source.href, source.sized, source.width) == (src, False, 0)
    with pytest.raises(ImageError, match=r"^Image size cannot be determined\. Please provide"):
        intrinsic_size(load_image("data:image/png,abc"), 30, None)
    assert intrinsic_size(load_image("data:image/png,abc"), "30%", 20.7) == (30, 20)
    assert intrinsic_size(ImageSource("x", "image/png", 4, 3)) == (4, 3)


@pytest.mark.parametrize("src,message", [
    ("data:image/png;base64,$$$$", "Invalid base64 data"),
    ("data:image/png;base64,AAAAA", "Invalid base64 data"),
    ("data:image/png;base64," + base64.b64encode(b"not an image").decode(),
     "Unsupported image type: unknown. The data URI says image/png"),
    ('data:image/svg+xml,<svg height="20%" viewBox="0 0 1 1"></svg>', 'a "%" is not followed'),
    ("data:image/svg+xml,%FF%FE", "not UTF-8"),
    ("data:image/svg+xml,<svg></svg>", 'missing "viewBox"'),
    ("", "Image source is not provided."),
])
def test_data_uri_errors(src: str, message: str) -> None:
    with pytest.raises(ImageError) as info:
        load_image(src)
    assert message in str(info.value)


def test_long_sources_are_shortened_in_messages() -> None:
    src = "data:image/svg+xml," + "<svg>" + "x" * 5000 + "</svg>"
    with pytest.raises(ImageError) as info:
        load_image(src)
    assert len(str(info.value)) < 250


# --- other sources ----------------------------------------------------------------------

@pytest.mark.parametrize("src", ["/image.png", "image.png", "file:///tmp/a.png", "HTTP://x.com/a.png"])
def test_relative_and_file_sources_need_allow_files(src: str) -> None:
    with pytest.raises(ImageError) as info:
        load_image(src)
    hint = (" (local files are read only through fetcher=satori_py.files_fetcher(directory))"
            if src.startswith("file:") else "")
    assert str(info.value) == f"Image source must be an absolute URL: {src}{hint}"


def test_local_files(tmp_path: Path) -> None:
    png = encode("PNG")
    (tmp_path / "a.png").write_bytes(png)
    by_base = load_image("a.png", allow_files=True, base_dir=str(tmp_path))
    by_path = load_image(str(tmp_path / "a.png"), allow_files=True)
    by_url = load_image((tmp_path / "a.png").as_uri(), allow_files=True)
    assert by_base == by_path == by_url and by_base.width == W
    with pytest.raises(ImageError, match="Can't read the image file"):
        load_image("missing.png", allow_files=True, base_dir=str(tmp_path))


def test_http_needs_a_fetcher() -> None:
    with pytest.raises(ImageError, match="needs a fetcher"):
        load_image("https://example.com/a.png")


def test_fetcher_results_are_cached_per_url() -> None:
    calls: list[str] = []
    png = encode("PNG")

    def fetch(url: str) -> bytes:
        calls.append(url)
        return png

    first = load_image("https://example.com/a.png", fetcher=fetch)
    second = load_image("'https://example.com/a.png'", fetcher=fetch)
    assert first == second and first.mime == "image/png" and calls == ["https://example.com/a.png"]


def test_fetched_svg_by_content_type() -> None:
    body = b'<svg width="116.15" height="100" xmlns="http://www.w3.org/2000/svg"/>'
    source = load_image("https://example.com/a", fetcher=lambda url: (body, "image/svg+xml; charset=utf-8"))
    assert (source.mime, source.width, source.height) == (fmt.SVG, 116.15, 100)


@pytest.mark.parametrize("result,message", [
    (ImageError("the server responded with 404 Not Found"),
     "Can't load image https://example.com/x: the server responded with 404 Not Found"),
    (OSError("connection refused"), "Can't load image https://example.com/x: connection refused"),
    ((b"<html>", "text/html"),
     'Unsupported image type: unknown. The server sent Content-Type "text/html"'),
    ((b"<svg/>", "image/svg+xml"), 'Failed to parse SVG image: Failed to parse SVG from'),
    ("text", "not bytes"),
])
def test_failed_downloads_draw_nothing(result: Any, message: str) -> None:
    calls = []

    def fetch(url: str) -> Any:
        calls.append(url)
        if isinstance(result, Exception):
            raise result
        return result

    source = load_image("https://example.com/x", fetcher=fetch)
    assert not source.drawable and not source.sized and message in (source.error or "")
    assert image_nodes(source, x=0, y=0, width=10, height=10, style=Style(), radii=Radii(),
                       id_prefix="i") == ([], [])
    load_image("https://example.com/x", fetcher=fetch)
    assert len(calls) == 2  # failures are not cached


def test_cache_is_bounded() -> None:
    cache: BoundedCache[ImageSource] = BoundedCache(2, weigh=lambda i: len(i.href), max_weight=10)
    for key in "abc":
        cache.put(key, ImageSource("xx", "image/png", 1, 1))
    assert len(cache) == 2 and cache.get("a") is None and cache.get("c") is not None
    cache.put("big", ImageSource("x" * 11, "image/png", 1, 1))
    assert len(cache) == 0


# --- object-fit / object-position -------------------------------------------------------

# (fit, position, box w, box h, natural w, natural h) -> drawn (x, y, w, h) in a box at 0,0
FIT_CASES = [
    ("fill", None, 100, 100, 40, 20, (0, 0, 100, 100)),
    ("none", "left", 50, 60, 40, 20, (0, 0, 50, 60)),  # the reference stretches "none"
    ("contain", None, 100, 100, 40, 20, (0, 25, 100, 50)),
    ("contain", "top", 100, 100, 40, 20, (0, 0, 100, 50)),
    ("contain", "left bottom", 100, 100, 20, 40, (0, 0, 50, 100)),
    ("contain", "right bottom", 100, 100, 20, 40, (50, 0, 50, 100)),
    ("contain", "10px 20px", 100, 100, 20, 15, (0, 5, 100, 75)),  # px: p * (1 - size/box)
    ("cover", None, 100, 100, 20, 15, (-100 / 6, 0, 400 / 3, 100)),
    ("cover", "left 25%", 100, 100, 20, 15, (0, 0, 400 / 3, 100)),
    ("cover", "bottom right", 100, 100, 15, 20, (0, -100 / 3, 100, 400 / 3)),
    ("cover", "bottom 10px", 80, 60, 40, 20, (-20, 0, 120, 60)),  # length after top/bottom dropped
    ("cover", 10, 80, 60, 40, 20, (-5, 0, 120, 60)),
    ("cover", "0% 0%", 80, 60, 40, 20, (0, 0, 120, 60)),
    ("cover", "100% 100%", 80, 60, 40, 20, (-40, 0, 120, 60)),
    ("scale-down", None, 50, 60, 40, 20, (5, 20, 40, 20)),
    ("scale-down", "right top", 80, 60, 40, 20, (40, 0, 40, 20)),
    ("scale-down", None, 20, 20, 40, 20, (0, 5, 20, 10)),
    ("contain", None, 100, 50, 0, 0, (0, 0, 100, 50)),  # no natural size: the box's
    ("contain", None, 0, 50, 40, 20, (0, 25, 0, 0)),  # not drawn: no area
]


@pytest.mark.parametrize("fit,position,cw,ch,nw,nh,expected", FIT_CASES)
def test_fit_rect(fit: str, position: Any, cw: float, ch: float, nw: float, nh: float,
                  expected: tuple[float, float, float, float]) -> None:
    assert fit_rect(fit, parse_object_position(position), 0, 0, cw, ch, nw, nh) == pytest.approx(expected)


@pytest.mark.parametrize("value,expected", [
    (None, (50, 25)),
    ("center", (50, 25)),
    ("top", (50, 0)),
    ("right", (100, 25)),
    ("Right Top", (100, 0)),
    ("top center", (50, 0)),
    ("center top", (50, 0)),
    ("25% 75%", (25, 37.5)),
    ("7px", (7, 25)),
    ("left 3.5px", (0, 3.5)),
    ("calc(10px)", (0, 25)),
    ("10deg 5px", (0, 5)),
    ((0, 10), (0, 10)),
    (("right", "bottom"), (100, 50)),
    ("1e999% 5px", (0, 5)),  # a percentage that does not resolve to a finite offset is 0
    ("nan% 1e999px", (0, 0)),
])
def test_object_position(value: Any, expected: tuple[float, float]) -> None:
    # Read at style time (the reference's parseObjectPosition), resolved by the painter.
    assert parse_object_position(value).px(100, 50) == pytest.approx(expected)


def test_object_position_accepts_percent_objects() -> None:
    from satori_py.style.types import Percent
    assert parse_object_position((Percent(10), Percent(100))).px(100, 50) == pytest.approx((10, 50))


def test_object_position_is_typed_by_the_style_stage() -> None:
    from satori_py.style import compute_style
    from satori_py.style.paint_types import ObjectPosition
    from satori_py.style.types import Percent
    root = root_style(width=100, height=100)
    style = compute_style("img", {"style": {"objectPosition": "right 2em"}}, root, viewport=(100, 100))
    assert style.paint.object_position == ObjectPosition(Percent(100.0), 2.0)  # units are not applied
    assert root.paint.object_position == ObjectPosition(Percent(50.0), Percent(50.0))


# --- <image> nodes ----------------------------------------------------------------------

SOURCE = ImageSource("data:image/png;base64,AAAA", "image/png", 40, 20)


def as_svg(shapes: list[SvgNode], defs: list[SvgNode]) -> str:
    root = SvgNode("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": 100, "height": 100},
                   [SvgNode("defs", {}, defs), *shapes])
    return serialize(root)


def test_plain_image_is_clipped_to_the_content_box() -> None:
    shapes, defs = image_nodes(SOURCE, x=5, y=6, width=50, height=40, style=Style(objectFit="contain"),
                               radii=Radii(), id_prefix="img")
    assert serialize(shapes[0]) == ('<image x="5" y="13.5" width="50" height="25" '
                                    'href="data:image/png;base64,AAAA" preserveAspectRatio="none" '
                                    'clip-path="url(#img-clip)"/>')
    assert [serialize(d) for d in defs] == \
        ['<clipPath id="img-clip"><rect x="5" y="6" width="50" height="40"/></clipPath>']
    ET.fromstring(as_svg(shapes, defs))


def test_rounded_image_is_clipped_and_masked_like_the_reference() -> None:
    style = Style(paddingTop=10, paddingRight=10, paddingBottom=10, paddingLeft=10,
                  **{f"border{s}{k}": v for s in ("Top", "Right", "Bottom", "Left")
                     for k, v in (("Width", 5), ("Style", "solid"), ("Color", "red"))})
    radii = Radii((30, 30), (30, 30), (10, 10), (0, 0))
    shapes, defs = image_nodes(SOURCE, x=15, y=15, width=70, height=70, style=style, radii=radii,
                               id_prefix="i")
    clip, mask = defs
    assert serialize(clip) == ('<clipPath id="i-clip"><path d="M30 0H70A30 30 0 0 1 100 30V90'
                               'A10 10 0 0 1 90 100H0V30A30 30 0 0 1 30 0Z"/></clipPath>')
    # One run of four equal sides: a closed outline from the middle of the top-left
    # corner, stroked 2 x (border + padding) wide.
    assert serialize(mask) == (
        '<mask id="i-clip-mask"><rect x="15" y="15" width="70" height="70" fill="#fff"/>'
        '<path d="M8.787 8.787A30 30 0 0 1 30 0L70 0A30 30 0 0 1 100 30L100 90A10 10 0 0 1 90 100'
        'L0 100A0 0 0 0 1 0 100L0 30A30 30 0 0 1 8.787 8.787" fill="none" stroke="#000" '
        'stroke-width="30"/></mask>')
    assert shapes[0].attrs["clip-path"] == "url(#i-clip)" and shapes[0].attrs["mask"] == "url(#i-clip-mask)"
    ET.fromstring(as_svg(shapes, defs))


def test_runs_of_sides_with_different_borders_are_stroked_separately() -> None:
    """The reference's mask for borders 6/6/6/3 (top red), padding 4/6/9/12, radii 30/20 / 25/40."""
    borders: dict[str, Any] = {}
    for side in ("Top", "Right", "Bottom", "Left"):
        borders[f"border{side}Width"] = 3 if side == "Left" else 6
        borders[f"border{side}Style"] = "solid"
        borders[f"border{side}Color"] = "red" if side == "Top" else "blue"
    style = Style(paddingTop=4, paddingRight=6, paddingBottom=9, paddingLeft=12, **borders)
    _, (_, mask) = image_nodes(SOURCE, x=15, y=10, width=60, height=50, style=style,
                               radii=Radii((30, 25), (20, 40), (30, 25), (20, 40)), id_prefix="m")
    strokes = [(c.attrs["d"], c.attrs["stroke-width"]) for c in mask.children[1:]]
    assert strokes == [
        ("M10.794 5.794A30 25 0 0 1 30 0L67 0A20 40 0 0 1 84.889 22.111", 20),
        ("M84.889 22.111A20 40 0 0 1 87 40L87 50A30 25 0 0 1 57 75L20 75A20 40 0 0 1 2.111 52.889", 30),
        ("M2.111 52.889A20 40 0 0 1 0 35L0 25A30 25 0 0 1 10.794 5.794", 30),
    ]


def test_uneven_padding_uses_the_padding_of_the_last_side_of_a_run() -> None:
    # No borders: one run, inset by paddingTop (3) on every side, as the reference does.
    style = Style(paddingTop=3, paddingLeft=20, paddingRight=0, paddingBottom=0)
    _, (_, mask) = image_nodes(SOURCE, x=20, y=3, width=80, height=97, style=style,
                               radii=Radii((30, 30), (30, 30), (30, 30), (30, 30)), id_prefix="u")
    assert [c.attrs.get("stroke-width") for c in mask.children] == [None, 6]


def test_transformed_image_is_only_clipped_to_its_rounded_border_box() -> None:
    style = Style(transform=[("rotate", 45)], paddingTop=5, paddingLeft=5, paddingRight=5, paddingBottom=5)
    shapes, defs = image_nodes(SOURCE, x=5, y=5, width=90, height=90, style=style,
                               radii=Radii((20, 20), (20, 20), (20, 20), (20, 20)), id_prefix="t")
    assert defs[0].children[0].attrs["d"].startswith("M20 0H80A20 20")
    shapes, defs = image_nodes(SOURCE, x=5, y=5, width=90, height=90, style=style, radii=Radii(),
                               id_prefix="t")
    assert defs == [] and "clip-path" not in serialize(shapes[0])
    # An image larger than its box (cover) is cut to the border box, as satori_brc does.
    shapes, defs = image_nodes(SOURCE, x=5, y=5, width=90, height=40, style=Style(
        objectFit="cover"), radii=Radii(), id_prefix="t", transformed=True)
    assert shapes[0].attrs["height"] > 40 and shapes[0].attrs["clip-path"] == "url(#t-clip)"
    assert defs[0].children[0].attrs == {"x": 5, "y": 5, "width": 90, "height": 40}


def test_images_of_no_area_and_inline_svgs() -> None:
    assert image_nodes(SOURCE, x=0, y=0, width=0, height=10, style=Style(objectFit="contain"),
                       radii=Radii(), id_prefix="z") == ([], [])
    shapes, _ = image_nodes(SOURCE.replace(aspect_ratio="xMidYMid meet"), x=1, y=2, width=30, height=40,
                            style=Style(objectFit="cover"), radii=Radii(), id_prefix="s")
    attrs = shapes[0].attrs
    assert (attrs["x"], attrs["y"], attrs["width"], attrs["height"], attrs["preserveAspectRatio"]) == \
        (1, 2, 30, 40, "xMidYMid meet")


def test_natural_size_override_and_explicit_edges() -> None:
    shapes, defs = image_nodes(SOURCE, x=10, y=10, width=80, height=80, style=Style(objectFit="contain"),
                               radii=Radii((50, 50), (50, 50), (50, 50), (50, 50)), id_prefix="n",
                               natural=(1, 1), padding=(5, 5, 5, 5), border=(5, 5, 5, 5))
    assert (shapes[0].attrs["width"], shapes[0].attrs["height"]) == (80, 80)
    assert defs[0].children[0].attrs["d"] == rect_path(0, 0, 100, 100, Radii(*[(50, 50)] * 4))
    assert defs[1].children[1].attrs["stroke-width"] == 20


def test_drawn_pixels_follow_the_clip() -> None:
    """resvg draws the cover-fitted image inside the rounded content box only."""
    resvg_py = pytest.importorskip("resvg_py")
    red = load_image(encode("PNG", size=(20, 10)))
    style = Style(objectFit="cover", paddingTop=10, paddingRight=10, paddingBottom=10, paddingLeft=10)
    shapes, defs = image_nodes(red, x=10, y=10, width=80, height=80, style=style,
                               radii=Radii((40, 40), (40, 40), (40, 40), (40, 40)), id_prefix="p")
    png = bytes(resvg_py.svg_to_bytes(svg_string=as_svg(shapes, defs)))
    im = Image.open(io.BytesIO(png)).convert("RGBA")
    assert im.getpixel((50, 50)) == (255, 0, 0, 255)
    assert im.getpixel((50, 5))[3] == 0  # padding
    assert im.getpixel((13, 13))[3] == 0  # cut off by the 30px inner radius
    assert im.getpixel((50, 12)) == (255, 0, 0, 255)


def test_struct_helpers_are_big_endian() -> None:
    # PNG sizes are 32-bit big-endian; the reference reads the low 16 bits only.
    png = bytearray(encode("PNG"))
    png[16:24] = struct.pack(">II", 70000, 3)
    assert fmt.png_size(bytes(png)) == (70000, 3)


# --- robustness ------------------------------------------------------------------------

MAGICS = [b"", b"\x89PNG\r\n\x1a\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xff\xd8\xff",
          b"GIF8", b"RIFF\x20\x00\x00\x00WEBPVP8X", b"RIFF\x20\x00\x00\x00WEBPVP8L",
          b"RIFF\x20\x00\x00\x00WEBPVP8 ", b"\x00\x00\x00\x1cftypavif", b"<?xml", b"<svg "]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(MAGICS), st.binary(max_size=64))
def test_any_bytes_load_or_raise_image_error(magic: bytes, tail: bytes) -> None:
    data = magic + tail
    try:
        source = load_image(data)
    except (ImageError, LimitError):
        return
    assert source.width >= 0 and source.height >= 0
    if source.error is None:
        assert source.href.startswith("data:")
    else:  # a header resvg would draw nothing of: no href, and a reason for the report
        assert source.href == "" and source.error.startswith("The image is not drawn: ")


def test_a_gif_without_a_frame_loads_as_not_drawn_with_its_reason() -> None:
    source = load_image(b"GIF8" + bytes(6))  # the example hypothesis found
    assert (source.href, source.error) == ("", "The image is not drawn: it has no frame.")


finite = st.floats(min_value=-500, max_value=500, allow_nan=False)
size = st.floats(min_value=0, max_value=500, allow_nan=False)
radius = st.tuples(size, size)


@settings(max_examples=100, deadline=None)
@given(x=finite, y=finite, w=size, h=size, nw=size, nh=size,
       fit=st.sampled_from(["fill", "contain", "cover", "none", "scale-down"]),
       position=st.one_of(st.none(), st.text(max_size=12), finite),
       radii=st.tuples(radius, radius, radius, radius),
       pad=st.tuples(size, size, size, size), transform=st.booleans())
def test_image_nodes_always_serialise_to_xml(x: float, y: float, w: float, h: float, nw: float,
                                             nh: float, fit: str, position: Any, radii: Any,
                                             pad: Any, transform: bool) -> None:
    source = ImageSource("data:image/png;base64,AAAA", "image/png", nw, nh)
    style = Style(objectFit=fit, objectPosition=parse_object_position(position))
    shapes, defs = image_nodes(source, x=x, y=y, width=w, height=h, style=style,
                               radii=Radii(*radii), id_prefix="h", padding=pad,
                               border=(1, 2, 3, 4), transformed=transform)
    text = as_svg(shapes, defs)
    ET.fromstring(text)
    assert "nan" not in text.lower() and "inf" not in text.lower()


def test_an_svg_image_is_parsed_once_for_its_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its embedded images (checks.check_svg) and its filter work (svg_work) read one parse."""
    from satori_py.images import svg_work

    parses: list[str] = []
    real = svg_work.ET.fromstring

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        parses.append(text)
        return real(text, *args, **kwargs)

    png = base64.b64encode(encode("PNG", size=(2, 2))).decode("ascii")
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><filter id="f"><feFlood/></filter>'
           f'<image href="data:image/png;base64,{png}" width="2" height="2" filter="url(#f)"/></svg>')
    clear_image_cache()
    monkeypatch.setattr(svg_work.ET, "fromstring", counted)
    source = load_image("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii"))
    assert source.work > 0 and parses == [svg]  # (two parses before)
