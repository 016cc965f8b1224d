"""``ImageResponse``: next/og's contract, framework-neutral (body, status, headers, WSGI).

Mirrors ``ImageResponse`` of ``next/og`` / ``@vercel/og`` 1.0.3 (see
shared/notes/next-og.md): width 1200 and height 630 by default, the bundled Geist
Regular when ``fonts`` is not given (given fonts replace it), ``content-type:
image/png``, ``cache-control: public, immutable, no-transform, max-age=31536000``
(``no-cache, no-store`` in development), ``status``/``status_text`` passed through
and the caller's ``headers`` overriding the defaults.

Beyond next/og: a strong ``ETag`` computed from the rendered bytes and a 304 for a
matching ``If-None-Match``; JPEG and WebP output through Pillow; ``on_error="500"``
for the 500-with-a-message that next/og's examples write by hand (the error is
logged on the ``satori_py.response`` logger with the node path); and rendering
outside the event loop for async servers (:mod:`satori_py.render_pool`).

"Development" is ``development=True``, or, when the argument is left at ``None``,
the environment variable ``SATORI_PY_ENV=development`` (read when the response is
made), the counterpart of next/og's ``NODE_ENV === 'development'``.

The adapters for Starlette/FastAPI, Flask and Django (``satori_py.starlette``,
``satori_py.flask``, ``satori_py.django``) take the same arguments and build on
the pieces here; this module imports no web framework.
"""
from __future__ import annotations

import hashlib
import http
import importlib.util
import io
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .errors import SatoriError
from .options import Font

__all__ = [
    "CACHE_CONTROL",
    "CACHE_CONTROL_DEVELOPMENT",
    "EMOJI_SETS",
    "ENV_VAR",
    "FORMATS",
    "ImageResponse",
    "RenderJob",
    "Reply",
    "encode",
    "error_reply",
    "etag_matches",
    "image_reply",
    "is_development",
    "log_render_error",
    "merge_headers",
    "normalize_format",
    "render_job",
    "strong_etag",
]

logger = logging.getLogger("satori_py.response")

HeadersInit = Mapping[str, str] | Iterable[tuple[str, str]]
Header = tuple[str, str]
OnError = Literal["raise", "500"]

ENV_VAR = "SATORI_PY_ENV"
CACHE_CONTROL = "public, immutable, no-transform, max-age=31536000"
CACHE_CONTROL_DEVELOPMENT = "no-cache, no-store"
# An error must never be cached for a year by a CDN, whatever the success headers say.
CACHE_CONTROL_ERROR = "no-store"
ERROR_MESSAGE = "Failed to generate the image"

# next/og's `emoji` union (the docs list four, the code accepts these six).
EMOJI_SETS = ("twemoji", "blobmoji", "noto", "openmoji", "fluent", "fluentFlat")

# format -> (content type, Pillow format name or None for the renderer's own PNG).
FORMATS: dict[str, tuple[str, str | None]] = {
    "png": ("image/png", None),
    "jpeg": ("image/jpeg", "JPEG"),
    "webp": ("image/webp", "WEBP"),
}
_FORMAT_ALIASES = {"png": "png", "jpeg": "jpeg", "jpg": "jpeg", "webp": "webp"}
# Lossy encoders: 90 keeps text edges clean at a fraction of the PNG's size.
JPEG_QUALITY = 90
WEBP_QUALITY = 90
# JPEG has no alpha; transparent parts of a card are shown on white, as a browser would.
JPEG_MATTE = (255, 255, 255)


# -- options -------------------------------------------------------------------------------

def is_development(development: bool | None = None) -> bool:
    """``development`` when given, else whether ``$SATORI_PY_ENV`` is ``development``."""
    if development is not None:
        return bool(development)
    return os.environ.get(ENV_VAR, "").strip().lower() == "development"


def normalize_format(format: str) -> str:
    """``png``, ``jpeg`` (or ``jpg``) or ``webp``; raise ValueError otherwise.

    JPEG and WebP need Pillow (the ``images`` extra); asking for them without it is an
    ImportError here, when the response is made, rather than a failed render later.
    """
    key = _FORMAT_ALIASES.get(format.lower()) if isinstance(format, str) else None
    if key is None:
        raise ValueError(f"Unsupported image format {format!r}: expected \"png\", \"jpeg\" "
                         "or \"webp\".")
    if FORMATS[key][1] is not None and importlib.util.find_spec("PIL") is None:
        raise ImportError(f"format={format!r} needs Pillow, which is not installed: "
                          "pip install 'satori-py[images]'")
    return key


def _check_emoji(emoji: str) -> str:
    if emoji not in EMOJI_SETS:
        raise ValueError(f"Unknown emoji set {emoji!r}: expected one of "
                         + ", ".join(EMOJI_SETS) + ".")
    return emoji


def _check_size(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}.")
    return value


def _header_pairs(headers: HeadersInit | None) -> list[Header]:
    """next/og's HeadersInit in Python terms: a mapping or an iterable of pairs."""
    if headers is None:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    pairs: list[Header] = []
    for item in items:
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"Header names and values must be strings, got {item!r}.")
        if any(c in name + value for c in "\r\n"):
            raise ValueError(f"Header {name!r} contains a line break.")
        pairs.append((name, value))
    return pairs


def merge_headers(defaults: Sequence[Header], user: Sequence[Header]) -> list[Header]:
    """``defaults`` with every header the user names replaced by the user's (any case)."""
    named = {name.lower() for name, _ in user}
    return [h for h in defaults if h[0].lower() not in named] + list(user)


# -- rendering (runs in the caller, a worker thread or a worker process) --------------------

@dataclass(frozen=True)
class RenderJob:
    """Everything one render needs; picklable, so it can go to a worker process."""

    element: Any
    width: float = 1200
    height: float = 630
    fonts: tuple[Font, ...] | None = None
    emoji: str = "twemoji"
    debug: bool = False
    format: str = "png"

    @property
    def content_type(self) -> str:
        return FORMATS[self.format][0]


def render_job(job: RenderJob) -> bytes:
    """Render ``job`` to image bytes in its format (module level, so a pool can call it).

    Safe to call from several threads (the renderer's caches are thread-safe),
    though the pipeline holds the GIL, so threads do not render in parallel.
    """
    from .api import render_png

    options: dict[str, Any] = {"width": job.width, "height": job.height,
                               "fonts": list(job.fonts) if job.fonts is not None else None,
                               "debug": job.debug}
    options["emoji"] = job.emoji
    png = render_png(job.element, **options)
    return encode(png, job.format)


def encode(png: bytes, format: str) -> bytes:
    """Re-encode the renderer's PNG as ``format`` (Pillow for JPEG and WebP)."""
    pillow_name = FORMATS[format][1]
    if pillow_name is None:
        return png
    from PIL import Image

    with Image.open(io.BytesIO(png)) as src:
        image = src.convert("RGBA")
    out = io.BytesIO()
    if pillow_name == "JPEG":
        flat = Image.new("RGB", image.size, JPEG_MATTE)
        flat.paste(image, mask=image.getchannel("A"))
        flat.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY)
    return out.getvalue()


# -- HTTP ----------------------------------------------------------------------------------

def strong_etag(body: bytes) -> str:
    """A strong validator for ``body``: same bytes, same ETag, in any process."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str | None) -> bool:
    """RFC 9110 If-None-Match: weak comparison against a list of tags, or ``*``."""
    if not if_none_match or not etag:
        return False
    if if_none_match.strip() == "*":
        return True

    def opaque(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith(("W/", "w/")) else tag

    mine = opaque(etag)
    return any(opaque(tag) == mine for tag in if_none_match.split(",") if tag.strip())


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: what every adapter finally sends."""

    status: int
    reason: str
    headers: list[Header]
    body: bytes

    @property
    def status_line(self) -> str:
        return f"{self.status} {self.reason}"


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def image_reply(body: bytes, headers: Sequence[Header], *, status: int = 200,
                reason: str | None = None, method: str = "GET",
                if_none_match: str | None = None) -> Reply:
    """The answer for a rendered image: ETag and Content-Length added unless the caller set
    them; a 304 (no body, no entity headers) when a 200 GET/HEAD's If-None-Match matches."""
    names = {name.lower() for name, _ in headers}
    final = list(headers)
    if "etag" not in names:
        final.append(("etag", strong_etag(body)))
    etag = next(value for name, value in final if name.lower() == "etag")
    method = method.upper()
    if status == 200 and method in ("GET", "HEAD") and etag_matches(if_none_match, etag):
        kept = [h for h in final if h[0].lower() not in ("content-type", "content-length")]
        return Reply(304, _reason(304), kept, b"")
    if "content-length" not in names:
        final.append(("content-length", str(len(body))))
    return Reply(status, reason or _reason(status), final,
                 b"" if method == "HEAD" else body)


def log_render_error(exc: BaseException) -> None:
    """Log a failed render with its node path (``satori_path``) on ``satori_py.response``."""
    if isinstance(exc, SatoriError):
        # A bad input: the message already names the node; a traceback adds nothing.
        logger.error("%s: %s", ERROR_MESSAGE, exc, extra={"satori_path": exc.path})
    else:
        logger.error("%s: %s: %s", ERROR_MESSAGE, type(exc).__name__, exc, exc_info=exc,
                     extra={"satori_path": None})


def error_reply(method: str = "GET") -> Reply:
    """next/og's example answer to a failed render: ``500 Failed to generate the image``."""
    body = ERROR_MESSAGE.encode()
    headers = [("content-type", "text/plain; charset=utf-8"),
               ("cache-control", CACHE_CONTROL_ERROR), ("content-length", str(len(body)))]
    return Reply(500, _reason(500), headers, b"" if method.upper() == "HEAD" else body)


# -- the response --------------------------------------------------------------------------

class ImageResponse:
    """An image response with next/og's options; renders lazily, once.

    ``body`` (or :meth:`render`) renders in the calling thread; ``await``
    :meth:`render_async` renders in the shared worker-process pool instead (see
    :mod:`satori_py.render_pool`). Called as a WSGI application, it answers every
    request with the image (304 on a matching If-None-Match; 500 on a failed render
    when ``on_error="500"``).
    """

    def __init__(self, element: Any, *, width: float = 1200, height: float = 630,
                 emoji: str = "twemoji", fonts: Sequence[Font] | None = None,
                 debug: bool = False, status: int = 200, status_text: str | None = None,
                 headers: HeadersInit | None = None, format: str = "png",
                 development: bool | None = None, on_error: OnError = "raise") -> None:
        if fonts is not None:
            fonts = tuple(fonts)
            for font in fonts:
                if not isinstance(font, Font):
                    raise TypeError(f"fonts must be satori_py.Font objects, got "
                                    f"{type(font).__name__}.")
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status code, got {status!r}.")
        if status_text is not None and (not isinstance(status_text, str)
                                        or any(c in status_text for c in "\r\n")):
            raise ValueError(f"status_text must be a one-line string, got {status_text!r}.")
        if on_error not in ("raise", "500"):
            raise ValueError(f'on_error must be "raise" or "500", got {on_error!r}.')
        self.job = RenderJob(element=element, width=_check_size("width", width),
                             height=_check_size("height", height),
                             fonts=fonts, emoji=_check_emoji(emoji), debug=bool(debug),
                             format=normalize_format(format))
        self.status = status
        self.status_text = status_text
        self.development = is_development(development)
        self.on_error: OnError = on_error
        self.headers: list[Header] = merge_headers(self.default_headers(),
                                                   _header_pairs(headers))
        self._body: bytes | None = None

    # next/og's headers, before the caller's override them.
    def default_headers(self) -> list[Header]:
        cache = CACHE_CONTROL_DEVELOPMENT if self.development else CACHE_CONTROL
        return [("content-type", self.job.content_type), ("cache-control", cache)]

    @property
    def content_type(self) -> str:
        return self.job.content_type

    @property
    def reason(self) -> str:
        return self.status_text if self.status_text is not None else _reason(self.status)

    @property
    def rendered(self) -> bool:
        return self._body is not None

    def render(self) -> bytes:
        """The image bytes, rendered in this thread on first use; errors propagate."""
        if self._body is None:
            self._body = render_job(self.job)
        return self._body

    async def render_async(self) -> bytes:
        """The image bytes, rendered off the running asyncio loop (worker process or thread)."""
        if self._body is None:
            from .render_pool import render_async
            self._body = await render_async(self.job)
        return self._body

    def use_body(self, body: bytes) -> bytes:
        """Adopt bytes rendered elsewhere (by a worker) as this response's image."""
        if self._body is None:
            self._body = body
        return self._body

    @property
    def body(self) -> bytes:
        return self.render()

    @property
    def etag(self) -> str:
        """The ETag the response carries (the caller's, or one computed from the bytes)."""
        for name, value in self.headers:
            if name.lower() == "etag":
                return value
        return strong_etag(self.render())

    def reply(self, *, method: str = "GET", if_none_match: str | None = None) -> Reply:
        """Render (in this thread) and answer one request, honouring ``on_error``."""
        try:
            body = self.render()
        except Exception as exc:
            return self._failed(exc, method)
        return self._answer(body, method, if_none_match)

    async def reply_async(self, *, method: str = "GET",
                          if_none_match: str | None = None) -> Reply:
        """:meth:`reply` with the render off the event loop."""
        try:
            body = await self.render_async()
        except Exception as exc:
            return self._failed(exc, method)
        return self._answer(body, method, if_none_match)

    def _answer(self, body: bytes, method: str, if_none_match: str | None) -> Reply:
        return image_reply(body, self.headers, status=self.status, reason=self.reason,
                           method=method, if_none_match=if_none_match)

    def _failed(self, exc: Exception, method: str) -> Reply:
        """A failed render: raised again, or (``on_error="500"``) logged and answered 500."""
        if self.on_error == "raise":
            raise exc
        log_render_error(exc)
        return error_reply(method)

    def __call__(self, environ: Mapping[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI: answer any request with this image."""
        answer = self.reply(method=str(environ.get("REQUEST_METHOD", "GET")),
                            if_none_match=environ.get("HTTP_IF_NONE_MATCH"))
        start_response(answer.status_line, answer.headers)
        return [answer.body]

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} {self.job.width}x{self.job.height} "
                f"{self.job.format} status={self.status}>")
