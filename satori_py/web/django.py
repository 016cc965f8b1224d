"""``ImageResponse`` for Django: an ``HttpResponse``, returnable as-is from a view.

Same arguments as :class:`satori_py.web.response.ImageResponse` (next/og's). The image is
rendered when the response is made, in the shared render pool of
:mod:`satori_py.web.pool` (worker processes, or threads when the raster releases the
GIL) while the view's thread waits (so a failure or a missed ``deadline``, and in a
worker process a crash, costs only this request; in the view's thread with
``SATORI_PY_RENDER_WORKERS=0``): a failed render with ``on_error="raise"`` reaches
Django's own error handling (the debug page, or a 500 and a log record); with
``on_error="500"`` the response is ``500 Failed to generate the image`` (503 for a
missed deadline or a full queue) and the error is logged with its node path.
``status_text`` becomes the response's ``reason_phrase``.

A Django response does not see its request, so the 304 on a matching
``If-None-Match`` comes from Django's own ``ConditionalGetMiddleware`` (it honours
the ETag the response carries): add ``django.middleware.http.ConditionalGetMiddleware``
to ``MIDDLEWARE``.

In an ``async def`` view use ``await ImageResponse.create_async(...)`` (same
arguments), which renders in the render pool of :mod:`satori_py.web.pool`
instead of blocking the event loop.

Imports Django; install ``satori-py[django]``.
"""
from __future__ import annotations

from typing import Any

from django.http import HttpResponse  # type: ignore[import-untyped, unused-ignore]
from django.utils.safestring import mark_safe  # type: ignore[import-untyped, unused-ignore]

from . import metadata
from .reply import Reply
from .response import ImageResponse as _Image

__all__ = ["ImageResponse", "opengraph_image"]


class ImageResponse(HttpResponse):  # type: ignore[misc, unused-ignore]
    """next/og's ImageResponse as a Django HttpResponse, rendered when made."""

    def __init__(self, element: Any, **options: Any) -> None:
        image = _Image(element, **options)
        self._setup(image, image.reply(pooled=True))

    def _setup(self, image: _Image, answer: Reply) -> None:
        self.image = image
        # True when on_error="500" turned a failed render into the error answer.
        self.failed = not image.rendered
        super().__init__(answer.body, status=answer.status,
                         reason=image.status_text if not self.failed else None,
                         headers=dict(answer.headers))

    @classmethod
    async def create_async(cls, element: Any, **options: Any) -> ImageResponse:
        """The same response, rendered off the running event loop (for async views)."""
        image = _Image(element, **options)
        answer = await image.reply_async()
        response = cls.__new__(cls)
        response._setup(image, answer)
        return response


opengraph_image = metadata.opengraph_decorator(ImageResponse, safe_html=mark_safe)
