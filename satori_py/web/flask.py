"""``ImageResponse`` for Flask (and any Werkzeug app): a Flask ``Response``, returnable as-is.

Same arguments as :class:`satori_py.web.response.ImageResponse` (next/og's). The image is
rendered when the response is made, in the request's thread, so a failed render with
``on_error="raise"`` reaches Flask's own error handling; with ``on_error="500"`` the
response becomes ``500 Failed to generate the image`` and the error is logged. When
the response is sent, a GET or HEAD whose ``If-None-Match`` matches the ETag gets a
304.

Under a threaded server, a render holds the GIL (~0.1-0.2 s for a 1200x630 card),
which delays the other request threads of the process by as much; a pre-forking
server (gunicorn's sync workers) does not share it.

Imports Werkzeug (and Flask when installed); install ``satori-py[flask]``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import metadata
from ..options import Font
from .reply import HeadersInit, Reply, etag_matches
from .response import OnError
from .response import ImageResponse as _Image

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment
    from werkzeug.wrappers import Response as _Base
else:
    try:  # Flask's Response knows the app's config (max cookie size) and has .json
        from flask import Response as _Base
    except ImportError:
        from werkzeug.wrappers import Response as _Base

__all__ = ["ImageResponse", "opengraph_image"]


class ImageResponse(_Base):
    """next/og's ImageResponse as a Flask/Werkzeug Response, rendered when made."""

    def __init__(self, element: Any, *, width: float = 1200, height: float = 630,
                 emoji: str = "twemoji", fonts: Sequence[Font] | None = None,
                 debug: bool = False, status: int = 200, status_text: str | None = None,
                 headers: HeadersInit | None = None, format: str = "png",
                 development: bool | None = None, on_error: OnError = "raise",
                 load_additional_asset: Callable[[str, str], Any] | None = None) -> None:
        self.image = _Image(element, width=width, height=height, emoji=emoji, fonts=fonts,
                            debug=debug, status=status, status_text=status_text,
                            headers=headers, format=format, development=development,
                            on_error=on_error, load_additional_asset=load_additional_asset)
        answer: Reply = self.image.reply()  # no request yet: the 304 is decided in __call__
        # True when on_error="500" turned a failed render into the error answer.
        self.failed = not self.image.rendered
        super().__init__(answer.body, status=answer.status_line, headers=answer.headers)

    def __call__(self, environ: WSGIEnvironment,
                 start_response: StartResponse) -> Iterable[bytes]:
        if (not self.failed and self.status_code == 200
                and environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD")
                and etag_matches(environ.get("HTTP_IF_NONE_MATCH"), self.headers.get("ETag"))):
            # Werkzeug drops the body and the entity headers of a 304 itself.
            self.status_code = 304
        return super().__call__(environ, start_response)


opengraph_image = metadata.opengraph_decorator(ImageResponse)
