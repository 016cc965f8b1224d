"""``ImageResponse`` for Flask (and any Werkzeug app): a Flask ``Response``, returnable as-is.

Same arguments as :class:`satori_py.web.response.ImageResponse` (next/og's). The image is
rendered when the response is made, in the shared render pool of
:mod:`satori_py.web.pool` (worker processes, or threads when the raster releases
the GIL) while the request's thread waits, so a render that fails or runs past its
``deadline`` (in a worker process, also one that crashes) costs only its own
request, and the request threads of a threaded server render in parallel instead
of taking turns on the GIL. A failed render with ``on_error="raise"`` reaches Flask's own error
handling; with ``on_error="500"`` the response becomes ``500 Failed to generate the
image`` (503 for a missed deadline or a full queue) and the error is logged. When
the response is sent, a GET or HEAD whose ``If-None-Match`` matches the ETag gets a
304. With ``SATORI_PY_RENDER_WORKERS=0`` the image renders in the request's thread.

Imports Werkzeug (and Flask when installed); install ``satori-py[flask]``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import metadata
from .reply import Reply, etag_matches
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

    def __init__(self, element: Any, **options: Any) -> None:
        self.image = _Image(element, **options)
        # No request yet: the 304 is decided in __call__.
        answer: Reply = self.image.reply(pooled=True)
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
