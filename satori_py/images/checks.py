"""What an image will cost the rasteriser, checked before it is embedded.

resvg decodes every raster image it meets in full (a 583 KB PNG of 60000 x
60000 pixels asks for 14 GB), including images inside SVG images, and renders
SVG images as nested trees, recursively. So before an image goes into the
SVG:

* a raster image's size is read from its header (nothing is decoded) and
  checked against ``max_image_pixels``;
* an SVG image is scanned, without parsing it as XML: its elements may nest at
  most ``max_depth`` levels, counted through the SVG images it embeds, and
  every ``data:`` image it embeds is checked the same way. Those are the
  ``href`` values of its elements as resvg reads them (``<image>`` and
  ``<feImage>``), so a document that has any ``href`` is parsed (expat) for
  them: character and entity references are expanded and the value is read
  whole (resvg skips spaces and ``%20`` in base64 data), so neither hides a
  header. Only a document expat cannot parse is scanned as text.

Sources that satori-py embeds without sizing them (``data:`` URIs of odd
types, which resvg still sniffs and decodes) are checked too.
"""
from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Iterator
from urllib.parse import unquote_to_bytes

from ..errors import ImageError, LimitError
from ..limits import active
from ..patterns import lazy_compile
from . import formats as fmt
from .damage import decoded_gif_frame, undrawable
from .svg_geometry import local
from .svg_work import SvgSource, svg_work

__all__ = ["check_data_size", "check_data_uri", "check_drawn_svg", "check_href", "check_raster", "check_svg"]

# Markup that is not an element, by its opening and what ends it.
_SKIPPED = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">"))
_PLAIN = lazy_compile(r"[^\"'>]*")
# A data: URI in markup expat cannot parse: up to the quote, tag or url() that ends it.
_DATA_HREF = lazy_compile(r"""data:[^"'<>)]*""", re.IGNORECASE)
# What a document needs to embed an image: an href (entity declarations can spell one).
_MAY_EMBED = lazy_compile(r"href|<!ENTITY", re.IGNORECASE)
_BASE64_DATA = lazy_compile(r"^data:[^,]*?;base64,(.*)$", re.DOTALL | re.IGNORECASE)
_BASE64_HEAD = lazy_compile(r";base64,$", re.IGNORECASE)
# The elements whose href draws an image, and the hrefs resvg reads in an SVG image (an
# element of the document, or data); any other (a path, a URL) is not loaded.
_LOADING_TAGS = frozenset(("image", "feImage"))
_READ_HREF = lazy_compile(r"\s*(#|data:)", re.IGNORECASE)
_SHOWN_HREF = 100


def check_raster(mime: str, data: bytes, what: str = "The image", *, readable_only: bool = False) -> None:
    """Raise LimitError when a raster image has more than ``max_image_pixels`` pixels.

    An unreadable header raises ImageError, unless ``readable_only`` (then it is
    left to the decoder).
    """
    try:
        width, height = fmt.raster_size(mime, data)
    except ImageError:
        if readable_only:
            return
        raise
    budget = active()
    budget.check_pixels(width, height, what=what)
    frame = decoded_gif_frame(data) if mime == fmt.GIF else None
    if frame is not None:  # its size is the frame's own, not the image's
        budget.check_pixels(*frame, what=f"The first frame of {what[0].lower()}{what[1:]}")


def check_svg(source: str | SvgSource, outer_depth: int = 0, damaged: list[str] | None = None,
              skipped: list[str] | None = None) -> int:
    """Raise LimitError when an SVG image nests too deeply or embeds an image over a limit.

    ``outer_depth`` is the depth of the SVG images this one is embedded in. Returns the
    filter work (:mod:`.svg_work`) of the SVG images it embeds, for the caller to count.
    Give it the :class:`~.svg_work.SvgSource` that ``svg_work`` reads too: one parse.
    Why resvg would leave out a raster image it embeds (cut, damaged: :mod:`.damage`)
    is added to ``damaged`` when given, and the ``<use>`` elements it draws nothing of in the
    SVG images it embeds (:func:`.svg_work.svg_work`) to ``skipped``.
    """
    document = source if isinstance(source, SvgSource) else SvgSource(source)
    limit = active().limits.max_depth
    depth = outer_depth + _element_depth(document.text)
    if depth > limit:
        raise LimitError(f"An SVG image nests its elements {depth} levels deep, over the max_depth limit of "
                         f"{limit}.", limit="max_depth")
    work = 0
    for tag, value in _hrefs(document):
        work += check_href(value, depth, damaged, skipped)
        if damaged is not None and tag in _LOADING_TAGS and not _READ_HREF.match(value):
            # resvg (as a browser's SVG image) loads no file or URL: the image is left out.
            damaged.append(f'its href "{_shown(value)}" is not loaded (an SVG image loads nothing from outside it)')
    return work


def check_href(value: str, outer_depth: int = 0, damaged: list[str] | None = None,
               skipped: list[str] | None = None) -> int:
    """Check an ``href`` attribute's value as resvg reads it (a ``data:`` URI, spaces around
    it and the scheme's case ignored); returns the filter work of an SVG it holds."""
    value = value.strip()
    return check_data_uri(value, outer_depth, damaged, skipped) if value[:5].lower() == "data:" else 0


def _hrefs(document: SvgSource) -> Iterator[tuple[str, str]]:
    """The ``href`` values of an SVG document's elements with their tags, as resvg reads them
    (only its ``data:`` URIs, tagged ``""``, when the document is not XML that expat parses)."""
    text = document.text
    if not _MAY_EMBED.search(text):
        return
    root = document.root()
    if root is None:
        # resvg reads XML as strictly, so this only guards against a parser difference.
        for match in _DATA_HREF.finditer(text):
            yield "", html.unescape(match.group(0))
        return
    for el in root.iter():
        for name, value in el.attrib.items():
            if local(name) == "href":
                yield local(el.tag), value


def _shown(value: str) -> str:
    value = value.strip()
    return value if len(value) <= _SHOWN_HREF else value[:_SHOWN_HREF - 3] + "..."


def check_data_uri(uri: str, outer_depth: int = 0, damaged: list[str] | None = None,
                   skipped: list[str] | None = None) -> int:
    """Check what resvg would decode from a ``data:`` URI, whatever its declared type;
    returns the filter work of an SVG it holds (and of those it embeds). Why resvg would
    draw nothing of a raster image it holds goes into ``damaged`` when given, and the
    ``<use>`` elements it draws nothing of in an SVG it holds into ``skipped``."""
    data = _payload(uri)
    if data is None:
        return 0
    mime = fmt.detect_mime(data)
    if mime == fmt.SVG:
        document = SvgSource(data.decode("utf-8", "replace"))
        inner: list[str] | None = [] if skipped is not None else None  # (said as the inner image's)
        nested = check_svg(document, outer_depth, damaged, inner)
        if damaged is not None and document.root() is None:
            damaged.append("its SVG is not well-formed XML")  # resvg reads XML as strictly
        try:
            width, height, _ = fmt.svg_size(document.text, uri)
        except ImageError:
            width, height = 300.0, 150.0  # resvg draws what it can't size at its default
        fmt.check_svg_ratio(document.text, width, height, "An SVG image inside the image")
        work = svg_work(document, width, height, "An SVG image inside an image", skipped=inner)
        if skipped is not None and inner:
            skipped.extend(f"inner SVG image's {use}" for use in inner)
        return nested + work
    if mime is not None and mime in fmt.SUPPORTED | {fmt.AVIF}:
        check_raster(mime, data, "An embedded image", readable_only=True)
        if damaged is not None and (reason := undrawable(mime, data)) is not None:
            damaged.append(reason)
    return 0


def check_drawn_svg(href: str, width: float, height: float, path: str | None = None) -> None:
    """Count what an SVG image adds drawn ``width`` x ``height`` px on the image (its box,
    stretched by the transforms above it) when that is larger than its own size.

    Its work was counted at its own size when it was loaded (:mod:`.svg_work`), but resvg
    scales the whole document, filter regions and pattern tiles with it: a flood in a
    200 x 100 px SVG under ``transform: scale(100)`` took 1.2 GB.
    """
    if not href.startswith("data:image/svg+xml"):
        return
    data = _payload(href)
    if data is None:
        return
    text = data.decode("utf-8", "replace")
    try:
        own_width, own_height, _ = fmt.svg_size(text, href)
    except ImageError:
        return
    if not (own_width > 0 and own_height > 0):
        return
    zoom = max(width / own_width, height / own_height)
    if not zoom > 1.001:  # (NaN: nothing drawn)
        return
    what = "The SVG image, drawn larger than its size,"
    document = SvgSource(text)
    extra = svg_work(document, own_width, own_height, what, zoom) - svg_work(document, own_width, own_height, what)
    if extra > 0:
        active().count_effect(extra, path, what="The SVG image's filter primitives, drawn larger than its size,")


def check_data_size(uri: str) -> None:
    """Raise LimitError when a ``data:`` URI holds more than ``max_image_bytes`` bytes,
    reckoned from its length before anything is decoded (base64: 3 bytes per 4 characters;
    percent-encoded: at most a byte per character)."""
    comma = uri.find(",")
    size = len(uri) - comma - 1 if comma >= 0 else 0
    if _BASE64_HEAD.search(uri, 0, comma + 1 if comma >= 0 else 0):
        size = size * 3 // 4
    active().check_image_bytes(size, f"The data: URI has {len(uri)} characters,")


def _payload(uri: str) -> bytes | None:
    head, comma, rest = uri.partition(",")
    if not comma:
        return None
    check_data_size(uri)
    if _BASE64_DATA.match(uri):
        # resvg percent-decodes the data first, then skips what is not base64 (spaces)
        text = re.sub(r"[^A-Za-z0-9+/]", "", unquote_to_bytes(rest).decode("latin-1"))
        try:
            return base64.b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            return None
    return unquote_to_bytes(rest)


def _element_depth(text: str) -> int:
    """How deeply the elements of markup ``text`` nest: a scan of its tags (quoted attribute
    values, comments and CDATA skipped) in linear time, whatever the markup."""
    depth = deepest = 0
    n = len(text)
    i = text.find("<")
    while 0 <= i < n:
        for opening, closing in _SKIPPED:
            if text.startswith(opening, i):
                end = text.find(closing, i + len(opening))
                i = text.find("<", end + len(closing)) if end >= 0 else -1
                break
        else:
            end = _tag_end(text, i + 1)
            if end < 0:
                break
            if text.startswith("</", i):
                depth = max(0, depth - 1)
            else:
                deepest = max(deepest, depth + 1)
                if text[end - 1] != "/":
                    depth += 1
            i = text.find("<", end + 1)
    return deepest


def _tag_end(text: str, start: int) -> int:
    """The index of the ``>`` that ends the tag whose name starts at ``start``, or -1."""
    j = start
    while True:
        j = _PLAIN.match(text, j).end()  # type: ignore[union-attr]
        if j >= len(text):
            return -1
        quote = text[j]
        if quote == ">":
            return j
        k = text.find(quote, j + 1)
        if k < 0:
            return -1
        j = k + 1
