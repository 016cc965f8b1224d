"""Image format sniffing: which format some bytes are, and their size in px.

Mirrors ``handler/image.ts`` of Satori 0.63.2 (``detectContentType``,
``parsePNG``/``parseJPEG``/``parseGIF``/``parseWebP``, ``detectAPNG`` and
``parseSvgImageSize``): only the headers are read, nothing is decoded. Where
the reference reads past the end of a short buffer (a JavaScript RangeError)
or trips over legal files (JPEG fill bytes, SOF markers other than C0-C2),
these readers raise :class:`~satori_py.errors.ImageError` or read the file
correctly instead; the sizes of well-formed files are the reference's.

SVG sizes follow the reference's regular expressions on the root ``<svg>``
tag: ``width``/``height`` count only as plain numbers or ``px`` (``1em`` and
``50%`` are ignored), and a missing one follows from the ``viewBox`` ratio.
"""
from __future__ import annotations

import math
import re
import struct
from collections.abc import Iterator

from ..errors import ImageError
from ..js_numbers import parse_view_box
from ..patterns import lazy_compile

PNG = "image/png"
APNG = "image/apng"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
SVG = "image/svg+xml"
AVIF = "image/avif"

# The formats the reference embeds and resvg draws. AVIF is not among them: resvg
# cannot decode it, so source.py transcodes it (decode.py) or refuses it by name.
SUPPORTED = frozenset({PNG, APNG, JPEG, GIF, WEBP, SVG})

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field: TEM, RSTn, SOI.
_JPEG_STANDALONE = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})
_AVIF_BRANDS = (b"avif", b"avis")


def detect_mime(data: bytes) -> str | None:
    """The image format of ``data`` from its magic numbers, or None."""
    if data[:3] == b"\xff\xd8\xff":
        return JPEG
    if data[:8] == _PNG_SIGNATURE:
        return APNG if is_apng(data) else PNG
    if data[:4] == b"GIF8":
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if is_svg(data):
        return SVG
    if _is_avif(data):
        return AVIF
    return None


def png_chunks(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """The chunks of PNG ``data`` in order, as (offset, data length, type): up to where
    fewer bytes are left than a chunk's header (the last chunk may end past ``data``)."""
    offset = 8
    while offset + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, offset)
        yield offset, length, kind
        offset += 12 + length


def is_apng(data: bytes) -> bool:
    """Whether a PNG has an ``acTL`` chunk (animation control) before ``IEND``."""
    for _, _, kind in png_chunks(data):
        if kind == b"acTL":
            return True
        if kind in (b"IEND", b"IDAT"):
            # acTL must precede the image data, so looking further is pointless.
            return False
    return False


def is_svg(data: bytes) -> bool:
    """Whether ``data`` starts like an SVG document (the reference only knows ``<?xml``)."""
    head = data[:256].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg"))


def _is_avif(data: bytes) -> bool:
    if data[4:8] != b"ftyp" or len(data) < 16:
        return False
    size = struct.unpack_from(">I", data, 0)[0]
    if data[8:12] in _AVIF_BRANDS:
        return True
    brands = data[16:min(size, len(data), 64)]
    return any(brands[i:i + 4] in _AVIF_BRANDS for i in range(0, len(brands) - 3, 4))


def raster_size(mime: str, data: bytes) -> tuple[int, int]:
    """The size of a PNG, APNG, JPEG, GIF, WebP or AVIF image from its header."""
    reader = _READERS.get(mime)
    if reader is None:
        raise ImageError(f"Unsupported image type: {mime}")
    return reader(data)


def png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[:8] != _PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ImageError("Invalid PNG: the data is truncated or has no IHDR chunk")
    # The reference reads the low 16 bits of each 32-bit field; they agree below 65536 px.
    width, height = struct.unpack_from(">II", data, 16)
    return width, height


def gif_size(data: bytes) -> tuple[int, int]:
    if len(data) < 10:
        raise ImageError("Invalid GIF: the data is truncated")
    width, height = struct.unpack_from("<HH", data, 6)
    return width, height


def jpeg_size(data: bytes) -> tuple[int, int]:
    """The frame size of a JPEG (baseline, extended, progressive or lossless).

    Walks the marker segments to the first SOFn; EXIF orientation is ignored,
    as the reference does (a TODO there).
    """
    offset, end = 2, len(data)
    while offset < end:
        if data[offset] != 0xFF:
            break
        while offset < end and data[offset] == 0xFF:  # fill bytes may pad markers
            offset += 1
        if offset >= end:
            break
        marker = data[offset]
        offset += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA) or offset + 2 > end:  # EOI or scan data before a frame
            break
        length = struct.unpack_from(">H", data, offset)[0]
        if marker in _JPEG_SOF:
            if length < 7 or offset + 7 > end:
                break
            height, width = struct.unpack_from(">HH", data, offset + 3)
            if not width or not height:
                break
            return width, height
        offset += length
    raise ImageError("Invalid JPEG")


def webp_size(data: bytes) -> tuple[int, int]:
    """The canvas size of a WebP: VP8 (lossy), VP8L (lossless) or VP8X (extended)."""
    if len(data) < 20 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ImageError("Invalid WebP")
    container_end = struct.unpack_from("<I", data, 4)[0] + 8
    if container_end < 20 or container_end > len(data):
        raise ImageError("Invalid WebP")
    offset = 12
    while offset + 8 <= container_end:
        kind, size = struct.unpack_from("<4sI", data, offset)
        start = offset + 8
        if start + size > container_end:
            break
        if kind == b"VP8 ":
            if size < 10 or data[start + 3:start + 6] != b"\x9d\x01\x2a":
                break
            width, height = struct.unpack_from("<HH", data, start + 6)
            width, height = width & 0x3FFF, height & 0x3FFF
            if not width or not height:
                break
            return width, height
        if kind == b"VP8L":
            if size < 5 or data[start] != 0x2F:
                break
            bits = struct.unpack_from("<I", data, start + 1)[0]
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if kind == b"VP8X":
            if size < 10:
                break
            width = int.from_bytes(data[start + 4:start + 7], "little") + 1
            height = int.from_bytes(data[start + 7:start + 10], "little") + 1
            return width, height
        offset = start + size + (size & 1)  # chunks are padded to even sizes
    raise ImageError("Invalid WebP")


def avif_size(data: bytes) -> tuple[int, int]:
    """The size of an AVIF from its ``ispe`` properties (meta/iprp/ipco/ispe).

    A grid image lists the tiles' sizes as well as the whole one, so the
    largest is the picture's.
    """
    sizes: list[tuple[int, int]] = []
    path = (b"meta", b"iprp", b"ipco")

    def walk(start: int, end: int, depth: int) -> None:
        offset = start
        while offset + 8 <= end:
            size, kind = struct.unpack_from(">I4s", data, offset)
            header = 8
            if size == 1 and offset + 16 <= end:
                size, header = struct.unpack_from(">Q", data, offset + 8)[0], 16
            elif size == 0:
                size = end - offset
            if size < header or offset + size > end:
                return
            body = offset + header
            if depth < len(path) and kind == path[depth]:
                # meta is a full box: version and flags come before its children.
                walk(body + (4 if kind == b"meta" else 0), offset + size, depth + 1)
            elif depth == len(path) and kind == b"ispe" and size >= header + 12:
                sizes.append(struct.unpack_from(">II", data, body + 4))
            offset += size

    walk(0, len(data), 0)
    if not sizes:
        raise ImageError("Invalid AVIF: no image size (ispe) found")
    return max(sizes, key=lambda s: s[0] * s[1])


_READERS = {PNG: png_size, APNG: png_size, JPEG: jpeg_size, GIF: gif_size,
            WEBP: webp_size, AVIF: avif_size}

# --- SVG --------------------------------------------------------------------

_SVG_TAG = lazy_compile(r"<svg[^>]*>", re.IGNORECASE)
_VIEWBOX = lazy_compile(r"""viewBox=['"]([^'"]+)['"]""")
_SIZE_NUMBER = r"""=['"]((?:\d+(?:\.\d+)?|\.\d+))(?:px)?['"]"""
_WIDTH = lazy_compile(r"\swidth" + _SIZE_NUMBER)
_HEIGHT = lazy_compile(r"\sheight" + _SIZE_NUMBER)
# An SVG image one of whose sides is more than this many times the other: resvg panicked
# drawing it ("called `Option::unwrap()` on a `None` value", every binding) from some 2^25
# (its size in 32-bit floats, drawn to a box, rounds a side to nothing); no image needs it.
MAX_SVG_RATIO = 2 ** 18
_ROOT_LENGTH = lazy_compile(r"""\s(width|height)\s*=\s*['"]\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*"""
                            r"""(px|in|cm|mm|pt|pc|em|ex)?\s*['"]""", re.IGNORECASE)
_PX_PER = {"px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 4 / 3, "pc": 16.0, "em": 16.0, "ex": 8.0}


def check_svg_ratio(text: str, width: float, height: float, what: str = "The SVG image") -> None:
    """Raise ImageError for an SVG image (``text``, sized ``width`` x ``height`` by
    :func:`svg_size`) that resvg cannot draw: a side more than :data:`MAX_SVG_RATIO` times
    the other, by that size or by its root's ``width`` and ``height`` as resvg reads them."""
    sizes = [(width, height)]
    tag = _SVG_TAG.search(text)
    if tag is not None:
        found = {name.lower(): float(number) * _PX_PER.get((unit or "px").lower(), 1.0)
                 for name, number, unit in _ROOT_LENGTH.findall(tag.group(0))}
        if "width" in found and "height" in found:
            sizes.append((found["width"], found["height"]))
    for w, h in sizes:
        if w > 0 and h > 0 and not max(w / h, h / w) <= MAX_SVG_RATIO:
            raise ImageError(f"{what} is {w:g}x{h:g} px: one side is more than {MAX_SVG_RATIO} times the other, "
                             "which resvg cannot draw.")


def svg_size(text: str, src: str) -> tuple[float, float, bool]:
    """The size of an SVG document and whether it has one of its own.

    Returns ``(width, height, intrinsic)``: ``intrinsic`` is False when the
    root has neither ``width`` nor ``height`` (only a ratio from its
    ``viewBox``), which backgrounds size like ``contain``.
    """
    tag_match = _SVG_TAG.search(text)
    if tag_match is None:
        raise ImageError(f"Failed to parse SVG from {short_src(src)}")
    tag = tag_match.group(0)
    view_box_match = _VIEWBOX.search(tag)
    width_match, height_match = _WIDTH.search(tag), _HEIGHT.search(tag)
    view_box = parse_view_box(view_box_match.group(1)) if view_box_match else None
    if view_box is None and (width_match is None or height_match is None):
        raise ImageError(f'Failed to parse SVG from {short_src(src)}: missing "viewBox"')
    width = float(width_match.group(1)) if width_match else None
    height = float(height_match.group(1)) if height_match else None
    if width is not None and height is not None:
        return width, height, True
    assert view_box is not None
    if len(view_box) < 4 or not all(math.isfinite(v) for v in view_box[2:4]):
        raise ImageError(f'Failed to parse SVG from {short_src(src)}: invalid "viewBox"')
    vb_width, vb_height = view_box[2], view_box[3]
    if width is not None:
        height = width * vb_height / vb_width if vb_width else math.nan
    elif height is not None:
        width = height * vb_width / vb_height if vb_height else math.nan
    else:
        width, height = vb_width, vb_height
    if not (math.isfinite(width) and math.isfinite(height)) or width < 0 or height < 0:
        raise ImageError(f'Failed to parse SVG from {short_src(src)}: invalid "viewBox"')
    return width, height, width_match is not None or height_match is not None


def short_src(src: str, limit: int = 120) -> str:
    """A source for an error message: data URIs can be megabytes long."""
    return src if len(src) <= limit else src[:limit] + "..."
