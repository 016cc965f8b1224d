"""HTTP answers for a rendered image: headers, ETag and 304, the 500 of a failed render.

Every adapter ends in a :class:`Reply`; the rules for building one (next/og's
headers with the caller's overrides, a strong ETag from the bytes, the 304 for a
matching ``If-None-Match``, HEAD without a body, an uncacheable 500) live here
once. Imports no web framework.
"""
from __future__ import annotations

import hashlib
import http
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import RenderBusyError, RenderTimeoutError, SatoriError
from ..patterns import lazy_compile

__all__ = ["CACHE_CONTROL", "CACHE_CONTROL_DEVELOPMENT", "CACHE_CONTROL_ERROR", "ERROR_MESSAGE",
           "Header", "HeadersInit", "Reply", "error_reply", "etag_matches", "header_pairs",
           "image_reply", "log_render_error", "merge_headers", "reason_phrase", "strong_etag"]

# The logger's name predates the web/ package; it is documented, so it stays.
logger = logging.getLogger("satori_py.response")

HeadersInit = Mapping[str, str] | Iterable[tuple[str, str]]
Header = tuple[str, str]

CACHE_CONTROL = "public, immutable, no-transform, max-age=31536000"
CACHE_CONTROL_DEVELOPMENT = "no-cache, no-store"
# An error must never be cached for a year by a CDN, whatever the success headers say.
CACHE_CONTROL_ERROR = "no-store"
ERROR_MESSAGE = "Failed to generate the image"


def header_pairs(headers: HeadersInit | None) -> list[Header]:
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
        _check_header(name, value)
        pairs.append((name, value))
    return pairs


# RFC 9110's token: what a header name may be made of.
_TOKEN = lazy_compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_NOT_LATIN_1 = lazy_compile(r"[^\x00-\xff]")


def _check_header(name: str, value: str) -> None:
    """Refuse a header a server cannot send, when the response is made (as the reference's
    ``Headers`` does) rather than as a 500 from the server when it encodes it: a stranger's
    title in a ``Content-Disposition`` holding an emoji (UnicodeEncodeError)."""
    if not _TOKEN.fullmatch(name):
        raise ValueError(f"Header name {name!r} is not a token (letters, digits and !#$%&'*+-.^_`|~).")
    if "\0" in value:
        raise ValueError(f"Header {name!r} contains a NUL character.")
    odd = _NOT_LATIN_1.search(value)
    if odd is not None:
        raise ValueError(f"Header {name!r} has {odd.group()!r} (U+{ord(odd.group()):04X}) at {odd.start()}: a "
                         "header value is bytes, of Latin-1 characters only (percent-encode the text, as "
                         "filename*=UTF-8''... does).")


def merge_headers(defaults: Sequence[Header], user: Sequence[Header]) -> list[Header]:
    """``defaults`` with every header the user names replaced by the user's (any case)."""
    named = {name.lower() for name, _ in user}
    return [h for h in defaults if h[0].lower() not in named] + list(user)


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


def reason_phrase(status: int) -> str:
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
        return Reply(304, reason_phrase(304), kept, b"")
    if "content-length" not in names:
        final.append(("content-length", str(len(body))))
    return Reply(status, reason or reason_phrase(status), final,
                 b"" if method == "HEAD" else body)


def log_render_error(exc: BaseException) -> None:
    """Log a failed render with its node path (``satori_path``) on the ``satori_py.response`` logger."""
    if isinstance(exc, SatoriError):
        # A bad input: the message already names the node; a traceback adds nothing.
        logger.error("%s: %s", ERROR_MESSAGE, exc, extra={"satori_path": exc.path})
    else:
        logger.error("%s: %s: %s", ERROR_MESSAGE, type(exc).__name__, exc, exc_info=exc,
                     extra={"satori_path": None})


def error_reply(exc: BaseException | None = None, method: str = "GET") -> Reply:
    """next/og's example answer to a failed render: ``500 Failed to generate the image``.

    A render the pool could not take in time (:class:`RenderTimeoutError`, or
    :class:`RenderBusyError` with ``retry-after: 1``) is a ``503``: the server, not
    the request, is the problem, or the card is too costly to draw.
    """
    body = ERROR_MESSAGE.encode()
    headers = [("content-type", "text/plain; charset=utf-8"),
               ("cache-control", CACHE_CONTROL_ERROR), ("content-length", str(len(body)))]
    status = 503 if isinstance(exc, (RenderTimeoutError, RenderBusyError)) else 500
    if isinstance(exc, RenderBusyError):
        headers.append(("retry-after", "1"))
    return Reply(status, reason_phrase(status), headers,
                 b"" if method.upper() == "HEAD" else body)
