"""Raster images whose header reads well but that resvg draws nothing of are reported.

Before: a PNG cut short or with a damaged IDAT, a GIF cut short, without a frame,
or whose first frame claims 65535 x 65535 inside a 4 x 4 image passed the header
checks (satori_py/images/damage.py), and so did an SVG image that is not well-formed
XML (images/source.py); resvg then left the image out without a word.
Now each is a warning naming the node and the property (an error in strict mode),
the layout still sizes it from its header, and nothing is drawn, as before. So is
each inside an SVG image (an ``<image>`` of a user's SVG), which resvg draws without it.
"""
from __future__ import annotations

import base64
import io
import re
import random
import struct
import zlib
from typing import Any

import pytest
from PIL import Image

import resvg_bridge
from satori_py import h, render_png
from satori_py.errors import ImageError, LimitError, SatoriError
from satori_py.images.damage import undrawable
from satori_py.images.formats import PNG as PNG_TYPE
from satori_py.limits import Limits


def _encoded(fmt: str, size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (255, 0, 0)).save(out, fmt)
    return out.getvalue()


PNG = _encoded("PNG")
GIF = _encoded("GIF")
_IDAT = PNG.index(b"IDAT")
_IDAT_END = _IDAT + 4 + struct.unpack_from(">I", PNG, _IDAT - 4)[0]


def _gif_frame(width: int, height: int, data: bytes = GIF) -> bytes:
    """``data`` with the descriptor of its first frame claiming ``width`` x ``height``."""
    changed = bytearray(data)
    struct.pack_into("<HH", changed, changed.index(b"\x2c", 13) + 5, width, height)
    return bytes(changed)


def _gif_screen(width: int, height: int, data: bytes) -> bytes:
    changed = bytearray(data)
    struct.pack_into("<HH", changed, 6, width, height)
    return bytes(changed)


def _flipped(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0xFF
    return bytes(changed)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(rows: bytes, *, depth: int = 8, colour: int = 2, compressed: bytes | None = None,
         palette: bool = True) -> bytes:
    """A 4 x 4 PNG whose IDAT (chunks whole, CRCs right) holds ``rows`` deflated, or ``compressed``."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, depth, colour, 0, 0, 0))
            + (_chunk(b"PLTE", b"\xff\x00\x00") if colour == 3 and palette else b"")
            + (_chunk(b"IDAT", zlib.compress(rows) if compressed is None else compressed) if rows or compressed else b"")
            + _chunk(b"IEND", b""))


_ROWS = (b"\x00" + b"\xff\x00\x00" * 4) * 4  # four red rows of filter type 0
_BAD_ADLER = zlib.compress(_ROWS)[:-1] + bytes([zlib.compress(_ROWS)[-1] ^ 0xFF])
_COLOURS = 3 << ((GIF[10] & 7) + 1)  # the global colour table
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="red"/></svg>'

DAMAGED = [
    ("png without IEND", PNG[:-12], "it ends before its IEND chunk"),
    ("png cut in its IDAT", PNG[:_IDAT + 10], "its IDAT chunk is cut short"),
    ("png with a bad IDAT CRC", _flipped(PNG, _IDAT_END), "its IDAT chunk is damaged (its CRC does not match)"),
    ("png with a bad IHDR CRC", _flipped(PNG, 29), "its IHDR chunk is damaged (its CRC does not match)"),
    # Whole chunks of data that is complete but wrong (zlib data that inflates short, rows of no known filter).
    ("png whose IDAT inflates short", _png(_ROWS[:-1]),
     "its image data is cut short (it inflates to 51 of the 52 bytes of its rows)"),
    ("png whose zlib data is cut", _png(b"", compressed=zlib.compress(_ROWS)[:-6]),
     "its image data is cut short (it inflates to 14 of the 52 bytes of its rows)"),
    ("png whose IDAT is not zlib data", _png(b"", compressed=b"not zlib data"), "its image data is not valid zlib data"),
    ("png with a row of filter type 5", _png(b"\x05" + _ROWS[1:]), "a row of its image data has an unknown filter type"),
    ("png without IDAT", _png(b""), "it has no IDAT chunk"),
    ("png of bit depth 7", _png(_ROWS, depth=7),
     "its IHDR chunk is invalid (bit depth 7, colour type 2, methods 0, 0, 0)"),
    ("png with a palette and no PLTE", _png(bytes(20), colour=3, palette=False),
     "it has a palette colour type and no PLTE chunk before its image data"),
    ("gif without a frame", GIF[:13 + _COLOURS] + b";", "it has no frame"),
    ("gif cut in its frame", GIF[:-6], "its first frame is cut short"),
    ("gif frame of 65535 x 65535 in 4 x 4", _gif_frame(65535, 65535),
     "its first frame is 65535x65535 pixels, over the 12500000 pixels of a frame the GIF decoder takes"),
    ("svg cut short", SVG[:-8], "its SVG is not well-formed XML"),
    ("svg with an unbound prefix", SVG.replace(b"<rect", b"<rect xlink:href='#a'"), "its SVG is not well-formed XML"),
]
DRAWN = [  # damage the decoders take (checked against resvg below)
    ("png", PNG), ("png with its IEND CRC cut", PNG[:-1]), ("gif", GIF), ("gif without its trailer", GIF[:-2]),
    ("png with a damaged ancillary chunk", PNG[:_IDAT - 4] + struct.pack(">I", 3) + b"zzZzabc\0\0\0\0"
     + PNG[_IDAT - 4:]),
    ("gif frame of 8 x 8 in 4 x 4", _gif_screen(4, 4, GIF)), ("svg", SVG),
    ("png whose IDAT inflates to more than its rows", _png(_ROWS + bytes(100))),
    ("png whose zlib checksum is wrong", _png(b"", compressed=_BAD_ADLER)),
    ("png of a palette", _png(bytes(20), colour=3)),
]


def _uri(data: bytes) -> str:
    kind = "gif" if data[:3] == b"GIF" else "svg+xml" if data[:4] == b"<svg" else "png"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def _card(data: bytes) -> dict[str, Any]:
    return h("div", {"style": {"display": "flex", "width": "100%", "height": "100%", "backgroundColor": "white",
                                "alignItems": "flex-start"}},
             h("img", {"src": _uri(data)}), h("div", {"style": {"width": 5, "height": 5, "backgroundColor": "blue"}}))


def _painted(png: bytes) -> set[Any]:
    """The colours of the pixels of ``png`` (RGBA tuples)."""
    return set(Image.open(io.BytesIO(png)).convert("RGBA").get_flattened_data())


def _blue_from(png: bytes) -> int:
    row = Image.open(io.BytesIO(png)).convert("RGB")
    return next(x for x in range(row.width) if row.getpixel((x, 0)) == (0, 0, 255))


def _resvg_draws(data: bytes) -> bool:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><image href="{_uri(data)}" '
           'width="8" height="8"/></svg>')
    return (255, 0, 0, 255) in _painted(resvg_bridge.svg_to_png(svg))


@pytest.mark.parametrize(("data", "reason"), [case[1:] for case in DAMAGED], ids=[case[0] for case in DAMAGED])
def test_an_image_resvg_draws_nothing_of_is_reported(data: bytes, reason: str) -> None:
    assert not _resvg_draws(data)
    reports: list[SatoriError] = []
    png = render_png(_card(data), width=30, height=20, on_warning=reports.append)
    assert [(str(r), r.path, r.prop) for r in reports] == [
        (f"div/img[0]: The image is not drawn: {reason}.", "div/img[0]", "src")]
    # Nothing of it is drawn, and it keeps the size of its header: the blue box after it is
    # where it is after an image that is drawn.
    assert _painted(png) == {(255, 255, 255, 255), (0, 0, 255, 255)}
    assert _blue_from(png) == _blue_from(render_png(_card(PNG), width=30, height=20))
    with pytest.raises(ImageError, match=rf"^div/img\[0\]: The image is not drawn: {re.escape(reason)}\.$"):
        render_png(_card(data), width=30, height=20, strict=True)


@pytest.mark.parametrize("data", [case[1] for case in DRAWN], ids=[case[0] for case in DRAWN])
def test_damage_the_decoders_take_is_drawn_without_a_report(data: bytes) -> None:
    assert _resvg_draws(data)
    reports: list[SatoriError] = []
    png = render_png(_card(data), width=30, height=20, on_warning=reports.append)
    assert reports == []
    assert (255, 0, 0, 255) in _painted(png)


def test_a_gif_frame_counts_at_its_own_size() -> None:
    # The header check read the 4 x 4 screen; resvg decodes the 2000 x 2000 frame.
    data = _gif_screen(4, 4, _encoded("GIF", (2000, 2000)))
    with pytest.raises(LimitError) as info:
        render_png(_card(data), width=30, height=20, limits=Limits(max_image_pixels=1_000_000))
    assert str(info.value) == ("div/img[0]: The first frame of the image is 2000x2000 pixels, over the "
                               "max_image_pixels limit of 1000000.")
    assert (info.value.limit, info.value.prop) == ("max_image_pixels", "src")


def _svg_embedding(data: bytes) -> bytes:
    """An 8 x 16 SVG image: a blue square above an ``<image>`` of ``data``."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="16"><rect width="8" height="8" '
            f'fill="blue"/><image y="8" width="8" height="8" href="{_uri(data)}"/></svg>').encode()


@pytest.mark.parametrize(("data", "reason"), [case[1:] for case in DAMAGED], ids=[case[0] for case in DAMAGED])
def test_an_image_inside_an_svg_image_resvg_leaves_out_is_reported(data: bytes, reason: str) -> None:
    card = h("div", {"style": {"display": "flex", "width": "100%", "height": "100%", "backgroundColor": "white"}},
             h("img", {"src": _uri(_svg_embedding(data))}))
    reports: list[SatoriError] = []
    png = render_png(card, width=8, height=16, on_warning=reports.append)
    assert [(str(r), r.path, r.prop) for r in reports] == [
        (f"div/img[0]: An image inside the SVG image is not drawn: {reason}.", "div/img[0]", "src")]
    assert _painted(png) == {(255, 255, 255, 255), (0, 0, 255, 255)}  # the rest of the SVG is drawn
    with pytest.raises(ImageError, match=r"^div/img\[0\]: An image inside the SVG image is not drawn: "):
        render_png(card, width=8, height=16, strict=True)


def test_images_inside_an_svg_image_the_decoders_take_are_not_reported() -> None:
    inner = "".join(f'<image y="{8 * i}" width="8" height="8" href="{_uri(data)}"/>'
                    for i, (_, data) in enumerate(DRAWN))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="{8 * len(DRAWN)}">{inner}</svg>').encode()
    reports: list[SatoriError] = []
    png = render_png(h("img", {"src": _uri(svg)}), width=8, height=8 * len(DRAWN), on_warning=reports.append)
    assert reports == []
    assert (255, 0, 0, 255) in _painted(png)


def test_several_images_inside_an_svg_image_left_out_are_counted() -> None:
    inner = "".join(f'<image width="8" height="8" href="{_uri(data)}"/>' for _, data, _ in DAMAGED[:3])
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">{inner}</svg>'.encode()
    reports: list[SatoriError] = []
    render_png(h("img", {"src": _uri(svg)}), width=8, height=8, on_warning=reports.append)
    assert [str(r) for r in reports] == [
        "img: An image inside the SVG image is not drawn: it ends before its IEND chunk (and 2 more)."]


# Adam7's passes: first column and row, then the steps between them (the PNG specification).
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}


def _random_png(rnd: random.Random) -> bytes:
    """A PNG of random size, colour type, depth and interlacing, its rows random, then maybe damaged:
    cut short, followed by more data, a row of an unknown filter type, no PLTE, a wrong bit depth."""
    colour = rnd.choice(list(_CHANNELS))
    depth = rnd.choice(_DEPTHS[colour])
    width, height, interlace = rnd.randrange(1, 20), rnd.randrange(1, 20), rnd.randrange(2)
    rows = bytearray()
    for x0, y0, dx, dy in _ADAM7 if interlace else ((0, 0, 1, 1),):
        columns, lines = -(-max(width - x0, 0) // dx), -(-max(height - y0, 0) // dy)
        for _ in range(lines if columns else 0):
            rows += bytes([rnd.randrange(5)]) + rnd.randbytes((columns * depth * _CHANNELS[colour] + 7) // 8)
    damage = rnd.randrange(6)
    if damage == 1:
        del rows[rnd.randrange(len(rows)):]
    elif damage == 2:
        rows += bytes(rnd.randrange(1, 50))
    elif damage == 3:
        rows[rnd.randrange(len(rows))] = rnd.randrange(5, 256)
    data = zlib.compress(bytes(rows))
    cut = rnd.randrange(len(data))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                             rnd.choice((3, 5, 12)) if damage == 5 else depth,
                                                             colour, 0, 0, interlace))
            + (_chunk(b"PLTE", rnd.randbytes(3 * 256)) if colour == 3 and damage != 4 else b"")
            + _chunk(b"IDAT", data[:cut]) + _chunk(b"IDAT", data[cut:]) + _chunk(b"IEND", b""))


def _resvg_draws_anything(data: bytes) -> bool:
    """Whether resvg changes a pixel drawing ``data`` (at 4 x 4, over a half-transparent square)."""
    base = ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#0f0" '
            'opacity="0.5"/>')
    image = f'<image href="{_uri(data)}" width="4" height="4" preserveAspectRatio="none"/>'
    return resvg_bridge.svg_to_png(base + image + "</svg>") != resvg_bridge.svg_to_png(base + "</svg>")


def test_the_png_checks_agree_with_resvg_on_random_pngs() -> None:
    # 300 PNGs of every colour type, depth and interlacing, a third of them damaged: a PNG is reported
    # exactly when resvg draws nothing of it (600 of them agreed while the checks were written).
    rnd = random.Random(12)
    for _ in range(300):
        data = _random_png(rnd)
        assert (undrawable(PNG_TYPE, data) is None) == _resvg_draws_anything(data), (undrawable(PNG_TYPE, data), data)
