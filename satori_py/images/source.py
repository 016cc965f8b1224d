"""Resolving image sources: data URIs, raw bytes, http(s) through a fetcher, files.

Mirrors ``handler/image.ts`` (``resolveImageData``) and the literal-host part
of ``handler/url-safety.ts`` of Satori 0.63.2. Every source becomes an
:class:`ImageSource`: a ``data:`` URI to put in ``<image href>`` and the
intrinsic size the reference reads from the headers.

Behaviour kept from the reference:

* a source in quotes (``'...'`` / ``"..."``) is unquoted first;
* without ``allow_files`` anything that is neither ``http...`` nor ``data:``
  raises ``Image source must be an absolute URL: SRC``;
* hosts that are private, loopback, link-local, ``localhost``, ``*.local`` or
  ``*.internal`` are refused before the fetcher is called (SSRF protection, see
  :mod:`satori_py.fetch.guard`; DNS answers and redirects are the fetcher's to
  check, which :func:`satori_py.http_fetcher` does);
* ``file:`` URLs are read only by a :func:`satori_py.files_fetcher`;
* a failed download (the fetcher raised, or the body is not an image) is not
  an error: the result has no ``href`` and ``error`` says why, so an ``<img>``
  with ``width`` and ``height`` draws nothing, like the reference's ``[]``; it
  is reported (:mod:`satori_py.diagnostics`), raised in strict mode;
* ``data:`` URIs that are neither SVG nor base64 have no size (``sized`` is
  False; the reference then needs the ``width``/``height`` attributes).

Departures, where the reference fails on legal input through a JavaScript
slip: the format of base64 data is sniffed rather than trusted (so
``data:image/jpg`` or a mislabelled PNG works), SVG text that is not Latin-1
is base64-encoded as UTF-8 (``btoa`` throws there), SVG bodies are recognised
in raw bytes (the reference spreads an undefined size), and failed downloads
are not cached (the reference caches them for the life of the process).
AVIF, which the reference refuses, is drawn as browsers draw it: transcoded
to PNG by :mod:`.decode` when Pillow can read it.
"""
from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from ..cache import BoundedCache
from ..diagnostics import report
from ..errors import ImageError, LimitError, SatoriError
from ..fetch.bounded import call_fetcher
from ..fetch.files import FilesFetcher
from ..files import read_regular_file
from ..fetch.guard import BlockedAddressError, url_block_reason
from ..frozen import Frozen
from ..limits import active
from ..patterns import lazy_compile
from . import formats as fmt
from .checks import check_data_size, check_data_uri, check_raster, check_svg
from .damage import undrawable
from .decode import avif_to_png
from .formats import short_src
from .svg_work import SvgSource, first_of, svg_work

Fetcher = Callable[[str], bytes | tuple[bytes, str]]
"""``url -> body`` or ``url -> (body, content type)``; raises on failure."""


class ImageSource(Frozen):
    """A resolved image: what to put in ``<image href>`` and its intrinsic size in px.

    ``sized`` is False when the reference resolves the source "without size"
    (then ``width``/``height`` are 0 and :func:`intrinsic_size` needs the
    element's attributes). ``intrinsic`` is False for an SVG with neither
    ``width`` nor ``height`` (only a ratio), which matters to backgrounds.
    ``error`` is set, and ``href`` empty, when a download failed or resvg would draw
    nothing of the image; ``error`` is set and ``href`` kept for an SVG image drawn without
    an image it embeds (:func:`use_image` reports it). ``work`` is the filter work of an SVG image (:mod:`.svg_work`), counted
    each time it is used.
    ``aspect_ratio`` is the ``preserveAspectRatio`` an inline ``<svg>``'s document is
    fitted in its box with (:mod:`.inline_svg`); None for other images, which are
    stretched over the box (the painter fits them by ``objectFit``).
    """

    href: str
    mime: str
    width: float
    height: float
    sized: bool = True
    intrinsic: bool = True
    error: str | None = None
    work: int = 0
    aspect_ratio: str | None = None

    @property
    def drawable(self) -> bool:
        return bool(self.href)


# --- the cache ------------------------------------------------------------------

# Bounded by the characters of the hrefs it holds too: the data: URIs of a stranger's avatars
# are new each time, and at 256 MiB a stream of 4 MB ones grew a process by 3.8 MB a render.
CACHE: BoundedCache[ImageSource] = BoundedCache(500, weigh=lambda image: len(image.href),
                                                max_weight=32 * 1024 * 1024)


def _limits_key() -> tuple[float, ...]:
    """The limits an image was checked against (and the scale its SVG work was counted at),
    part of its cache key: a render with lower limits checks it again."""
    budget = active()
    limits = budget.limits
    return (limits.max_image_pixels, limits.max_image_bytes, limits.max_depth, limits.max_nodes, limits.max_stroke_reach,
            budget.raster_scale)


def clear_image_cache() -> None:
    """Forget every resolved image (e.g. after the files or URLs changed)."""
    CACHE.clear()


# --- loading ----------------------------------------------------------------------

def load_image(src: str | bytes | bytearray | memoryview, *, fetcher: Fetcher | None = None,
               base_dir: str | None = None, allow_files: bool = False, prop: str | None = None) -> ImageSource:
    """Resolve an ``<img src>`` (or SVG ``<image href>``, or CSS ``url()``) to an :class:`ImageSource`.

    A failed download is reported, and an SVG image's filter work counts into the
    render's ``max_effect_pixels``, on every load, cached or not (:func:`use_image`).
    Its errors and reports name the property ``prop`` the source came from.
    """
    try:
        source = resolve_image(src, fetcher=fetcher, base_dir=base_dir, allow_files=allow_files)
    except SatoriError as exc:
        if exc.prop is None:
            exc.prop = prop
        raise
    return use_image(source, src, prop)


def resolve_image(src: str | bytes | bytearray | memoryview, *, fetcher: Fetcher | None = None,
                  base_dir: str | None = None, allow_files: bool = False) -> ImageSource:
    """:func:`load_image` without its effects on the render: a failed download is not
    reported nor the SVG work counted until :func:`use_image` is given the source."""
    return _resolve(src, fetcher, base_dir, allow_files)


def use_image(source: ImageSource, src: str | bytes | bytearray | memoryview,
              prop: str | None = None) -> ImageSource:
    """What loading ``source`` (resolved from ``src``, the value of ``prop``) does to the render:
    a failed download is reported (a warning, or raised in strict mode), an SVG's filter work
    is counted."""
    if source.error is not None:
        url = _unquoted(src) if isinstance(src, str) else src
        report(ImageError(source.error, prop=prop, value=url))
    if source.work:
        active().count_effect(source.work, what="The SVG image's filter primitives")
    return source


def _unquoted(src: str) -> str:
    """A source in quotes (``'...'`` / ``"..."``) without them."""
    return src[1:-1] if len(src) >= 2 and src[0] == src[-1] and src[0] in "'\"" else src


def _resolve(src: str | bytes | bytearray | memoryview, fetcher: Fetcher | None,
             base_dir: str | None, allow_files: bool) -> ImageSource:
    if isinstance(src, (bytes, bytearray, memoryview)):
        if not src:
            raise ImageError("Image source is not provided.")
        active().check_image_bytes(len(src), "The image data is")
        data = bytes(src)
        key: Hashable = ("bytes", data, _limits_key())
        cached = CACHE.get(key)
        if cached is None:
            cached = from_bytes(data, label="the image data")
            CACHE.put(key, cached)
        return cached
    if not isinstance(src, str) or not src:
        raise ImageError("Image source is not provided.")
    src = _unquoted(src)
    if src.startswith("data:"):
        check_data_size(src)  # before anything is decoded, cached or not
        key = ("data", src, _limits_key())
        cached = CACHE.get(key)
        if cached is None:
            cached = from_data_uri(src)
            CACHE.put(key, cached)
        return cached
    if src.startswith("http") and not (allow_files and not _HTTP_URL.match(src)):
        return _load_url(src, fetcher)
    if allow_files:
        return _load_file(src, base_dir)
    if src.startswith("file:"):
        # Only files_fetcher reads files: another fetcher is never handed a file: URL.
        if isinstance(fetcher, FilesFetcher):
            return _load_file_url(src, fetcher)
        raise ImageError(f"Image source must be an absolute URL: {src} (local files are read "
                         "only through fetcher=satori_py.files_fetcher(directory))", value=src)
    raise ImageError(f"Image source must be an absolute URL: {src}", value=src)


def _load_file_url(url: str, fetcher: FilesFetcher) -> ImageSource:
    """A ``file:`` URL, served by :func:`~satori_py.fetch.files_fetcher` (and nothing else).

    Unlike a failed download, a missing or refused file is an error: it is the
    caller's own asset, not a remote one that may be down.
    """
    body = fetcher.read_file(url)
    if not body:
        raise ImageError(f"The image file {url} is empty or unreadable.")
    return from_bytes(body, label=url)


_HTTP_URL = lazy_compile(r"https?:", re.IGNORECASE)
# data:<type>[;k=v]*[;<encoding>],<data> as the reference's pattern reads it: the
# type is lowercase letters, '/' and '+'; the last ';segment' is the encoding.
_DATA_URI = lazy_compile(r"data:([a-z/+]+)(?:;[^;=]+=[^;=]+)*?(?:;([^;,]+))?,(.*)", re.DOTALL)
_BAD_PERCENT = lazy_compile(r"%(?![0-9A-Fa-f]{2})")
_BASE64_JUNK = lazy_compile(r"[^A-Za-z0-9+/]")


def from_data_uri(src: str) -> ImageSource:
    match = _DATA_URI.match(src)
    if match is None:
        return _unsized(src, "")
    mime, encoding, payload = match.group(1), match.group(2), match.group(3)
    is_base64 = encoding == "base64"
    if mime == fmt.SVG:
        text = (_decode_base64(payload, src).decode("utf-8", "replace") if is_base64
                else _decode_percent(payload, src))
        return _svg_image(text, src, src if is_base64 else _svg_href(text.encode("utf-8")))
    if not is_base64:
        return _unsized(src, mime)
    data = _decode_base64(payload, src)
    detected = fmt.detect_mime(data)
    if detected is None:
        raise ImageError(f"Unsupported image type: unknown. The data URI says {mime}, "
                         "but its data is not PNG, JPEG, GIF, WebP, AVIF or SVG.")
    if detected == fmt.SVG:
        return _svg_from_bytes(data, src)
    if detected == fmt.AVIF:
        return _from_avif(data)
    if detected not in fmt.SUPPORTED:
        raise ImageError(f"Unsupported image type: {detected}")
    check_raster(detected, data)
    width, height = fmt.raster_size(detected, data)
    # Keep the author's URI when its type names the data (PNG covers APNG:
    # resvg draws the first frame of an APNG labelled image/png, and the
    # reference keeps that label too).
    agrees = _family(mime) == _family(detected)
    href = src if agrees else f"data:{detected};base64,{payload}"
    return _raster(href, mime if agrees else detected, detected, data, width, height)


def _unsized(src: str, mime: str) -> ImageSource:
    """A data URI the reference "resolved without size" (not base64 data, or no type it reads)
    and embeds as it is: reported, where the reference only warns on the console (a
    ``data:text/html,...`` avatar was drawn as nothing without a word)."""
    what = f'of type "{mime}" that is not base64' if mime else "of a type the renderer does not read"
    return ImageSource(src, mime, 0.0, 0.0, sized=False, work=check_data_uri(src),
                       error=f"Image data URI resolved without size: a data URI {what} is embedded as it "
                             "is, and drawn only if the rasteriser reads it as an image.")


def _family(mime: str) -> str:
    return {fmt.APNG: fmt.PNG, "image/jpg": fmt.JPEG}.get(mime, mime)


def from_bytes(data: bytes, *, label: str, content_type: str | None = None) -> ImageSource:
    """An image from its bytes; ``content_type`` (of a download) only improves the error."""
    active().check_image_bytes(len(data))
    detected = fmt.detect_mime(data)
    if detected == fmt.SVG:
        return _svg_from_bytes(data, label)
    if detected == fmt.AVIF:
        return _from_avif(data)
    if detected not in fmt.SUPPORTED:
        detail = _unknown_body(data, content_type) if detected is None and content_type else ""
        raise ImageError(f"Unsupported image type: {detected or 'unknown'}{detail}")
    check_raster(detected, data)
    width, height = fmt.raster_size(detected, data)
    href = f"data:{detected};base64,{base64.b64encode(data).decode('ascii')}"
    return _raster(href, detected, detected, data, width, height)


def _unknown_body(data: bytes, content_type: str) -> str:
    """What to add to the error of a download whose bytes are no image format: what the server
    said it sent, and, when that is an image type, what it sent instead (an empty body, or a
    compressed one: a server that gzips without being asked)."""
    said = content_type.split(";")[0].strip().lower()
    if said not in fmt.SUPPORTED | {fmt.AVIF, "image/jpg"}:
        return (f'. The server sent Content-Type "{content_type}", which is not an image format satori-py '
                "can decode.")
    if not data:
        return f'. The server sent Content-Type "{content_type}" and an empty body.'
    gzipped = " (gzip data)" if data[:2] == b"\x1f\x8b" else ""
    return (f'. The server sent Content-Type "{content_type}", but the {len(data)} bytes it sent are no image '
            f"of that type: they begin {data[:8].hex(' ')}{gzipped}.")


def _raster(href: str, mime: str, detected: str, data: bytes, width: int, height: int) -> ImageSource:
    """A raster image (of the ``detected`` format) at ``href``; when resvg would draw nothing
    of its ``data``, without its ``href`` and with an ``error`` saying why (use_image reports
    it): the layout still sizes it from its header, as the reference does."""
    reason = undrawable(detected, data)
    if reason is not None:
        return ImageSource("", mime, float(width), float(height), error=f"The image is not drawn: {reason}.")
    return ImageSource(href, mime, float(width), float(height))


def _from_avif(data: bytes) -> ImageSource:
    """An AVIF, which resvg cannot draw, embedded as the PNG it decodes to."""
    check_raster(fmt.AVIF, data, readable_only=True)  # Pillow refuses what it cannot size
    png, width, height = avif_to_png(data)
    return ImageSource(f"data:{fmt.PNG};base64,{base64.b64encode(png).decode('ascii')}", fmt.PNG,
                       float(width), float(height))


def _svg_from_bytes(data: bytes, label: str) -> ImageSource:
    return _svg_image(data.decode("utf-8-sig", "replace"), label, _svg_href(data))


def _svg_image(text: str, label: str, href: str) -> ImageSource:
    """The SVG image ``text`` (from ``label``) at ``href``: its size, checked against the limits,
    and its filter work with that of the images it embeds (one parse for both checks). resvg
    reads XML as strictly as expat: a document that is not well-formed (cut short, say) draws
    nothing, so it goes without its ``href``, its ``error`` saying why (use_image reports it)."""
    document = SvgSource(text)
    damaged: list[str] = []
    skipped: list[str] = []  # (those of the SVG images it embeds first, then its own)
    nested = check_svg(document, damaged=damaged, skipped=skipped)
    width, height, intrinsic = fmt.svg_size(text, label)
    fmt.check_svg_ratio(text, width, height)
    if document.root() is None:
        return ImageSource("", fmt.SVG, width, height, intrinsic=intrinsic,
                           error="The image is not drawn: its SVG is not well-formed XML.")
    # Drawn without the raster images it embeds, and the <use> elements, that resvg leaves out:
    # reported (use_image).
    work = nested + svg_work(document, width, height, skipped=skipped)
    left_out = [first_of("An image inside the SVG image is not drawn: ", damaged),
                first_of("The SVG image's ", skipped)]
    error = " ".join(sentence for sentence in left_out if sentence) or None
    return ImageSource(href, fmt.SVG, width, height, intrinsic=intrinsic, error=error, work=work)


def _svg_href(data: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _decode_base64(payload: str, src: str) -> bytes:
    """Forgiving base64 (as ``atob``): whitespace ignored, padding optional."""
    text = re.sub(r"[\t\n\f\r ]", "", payload)
    if len(text) % 4 == 0 and text.endswith("="):
        text = text[:-2] if text.endswith("==") else text[:-1]
    if len(text) % 4 == 1 or _BASE64_JUNK.search(text):
        raise ImageError(f"Invalid base64 data in the image data URI {short_src(src)}")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ImageError(f"Invalid base64 data in the image data URI {short_src(src)}") from exc


def _decode_percent(payload: str, src: str) -> str:
    """``decodeURIComponent``: a stray ``%`` or escapes that are not UTF-8 are errors."""
    if _BAD_PERCENT.search(payload):
        raise ImageError("Invalid data URI: a \"%\" is not followed by two hex digits "
                         f"(encode it as %25): {short_src(src)}")
    try:
        return unquote_to_bytes(payload).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImageError(f"Invalid data URI: its escapes are not UTF-8: {short_src(src)}") from exc


def _load_url(url: str, fetcher: Fetcher | None) -> ImageSource:
    # A fetcher that applies the guard itself after DNS (http_fetcher) may have been
    # told to allow some private addresses; any other gets only public literal hosts.
    reason = None if getattr(fetcher, "checks_addresses", False) else url_block_reason(url)
    if reason is not None:
        raise BlockedAddressError(f"Image source resolves to a blocked address (SSRF "
                                  f"protection): {url}: {reason}.")
    if fetcher is None:
        raise ImageError(f"Loading the image {url} needs a fetcher: pass `fetcher` "
                         "(satori-py never downloads anything by itself).")
    key = ("url", url, fetcher, _limits_key())
    cached = CACHE.get(key)
    if cached is not None:
        return cached
    try:
        result = call_fetcher(fetcher, url)  # on a thread of its own, until the render's deadline
        content_type: str | None
        if isinstance(result, tuple):
            body, content_type = result
        else:  # bytes, or a bytes subclass carrying ``content_type`` (satori_py.case.Fetched)
            body, content_type = result, getattr(result, "content_type", None)
        if not isinstance(body, (bytes, bytearray, memoryview)):
            raise ImageError(f"the fetcher returned {type(body).__name__}, not bytes")
        source = _from_download(bytes(body), content_type, url)
    except BlockedAddressError:
        raise  # found after DNS or on a redirect: as much an error as a literal host
    except LimitError:
        raise  # an image over a limit is an error wherever it comes from
    except MemoryError:
        raise  # not the image's fault: drawn without it, the card would be kept and served so
    except Exception as exc:  # the reference logs any failure and draws nothing
        # Reported by use_image (a warning, or raised in strict mode).
        message = f"Can't load image {url}: {getattr(exc, 'message', None) or exc}"
        return ImageSource("", "", 0.0, 0.0, sized=False, error=message)
    CACHE.put(key, source)
    return source


def _from_download(body: bytes, content_type: str | None, url: str) -> ImageSource:
    active().check_image_bytes(len(body), "The downloaded image is")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in ("image/svg+xml", "application/svg+xml"):
        try:
            return _svg_from_bytes(body, url)
        except ImageError as exc:
            raise ImageError(f"Failed to parse SVG image: {exc.message}") from exc
    return from_bytes(body, label=url, content_type=content_type)


def _load_file(src: str, base_dir: str | None) -> ImageSource:
    path_text = unquote(src[7:]) if src.startswith("file://") else src
    path = Path(path_text).expanduser()
    if not path.is_absolute():
        path = Path(base_dir or os.getcwd()) / path
    try:
        stat = path.stat()
        active().check_image_bytes(stat.st_size, "The image file is")  # before it is read
        key = ("file", str(path), stat.st_mtime_ns, stat.st_size)
        cached = CACHE.get(key)
        if cached is not None:
            return cached
        data = read_regular_file(path)
    except OSError as exc:
        raise ImageError(f"Can't read the image file {path}: {exc.strerror or exc}") from exc
    if not data:
        raise ImageError(f"The image file {path} is empty")
    source = from_bytes(data, label=str(path))
    CACHE.put(key, source)
    return source


def intrinsic_size(source: ImageSource, width_attr: object = None,
                   height_attr: object = None) -> tuple[float, float]:
    """The natural size of an ``<img>`` (``handler/compute.ts``).

    A source without a size takes the ``width`` and ``height`` attributes,
    read with JavaScript's ``parseInt`` (so ``"50%"`` is 50), and both are required.
    """
    if source.sized:
        return source.width, source.height
    width, height = _parse_int(width_attr), _parse_int(height_attr)
    if width is None or height is None:
        raise ImageError("Image size cannot be determined. "
                         "Please provide the width and height of the image.")
    return width, height


def _parse_int(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    match = re.match(r"\s*([+-]?\d+)", str(value))
    return float(int(match.group(1))) if match else None
