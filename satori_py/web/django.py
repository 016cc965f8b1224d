"""``ImageResponse`` for Django: an ``HttpResponse``, returnable as-is from a view.

Same arguments as :class:`satori_py.web.response.ImageResponse` (next/og's). The image is
rendered when the response is made, in the view's thread: a failed render with
``on_error="raise"`` reaches Django's own error handling (the debug page, or a 500
and a log record); with ``on_error="500"`` the response is ``500 Failed to generate
the image`` and the error is logged with its node path. ``status_text`` becomes the
response's ``reason_phrase``.

A Django response does not see its request, so the 304 on a matching
``If-None-Match`` comes from Django's own ``ConditionalGetMiddleware`` (it honours
the ETag the response carries): add ``django.middleware.http.ConditionalGetMiddleware``
to ``MIDDLEWARE``.

In an ``async def`` view use ``await ImageResponse.create_async(...)`` (same
arguments), which renders in the worker-process pool of :mod:`satori_py.web.pool`
instead of blocking the event loop.

Imports Django; install ``satori-py[django]``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpResponse  # type: ignore[import-untyped, unused-ignore]
from django.utils.safestring import mark_safe  # type: ignore[import-untyped, unused-ignore]

from . import metadata
from ..options import Font
from .reply import HeadersInit, Reply, error_reply, image_reply, log_render_error
from .response import OnError
from .response import ImageResponse as _Image

__all__ = ["ImageResponse", "opengraph_image"]


class ImageResponse(HttpResponse):  # type: ignore[misc, unused-ignore]
    """next/og's ImageResponse as a Django HttpResponse, rendered when made."""

    def __init__(self, element: Any, *, width: float = 1200, height: float = 630,
                 emoji: str = "twemoji", fonts: Sequence[Font] | None = None,
                 debug: bool = False, status: int = 200, status_text: str | None = None,
                 headers: HeadersInit | None = None, format: str = "png",
                 development: bool | None = None, on_error: OnError = "raise",
                 load_additional_asset: Callable[[str, str], Any] | None = None) -> None:
        image = _Image(element, width=width, height=height, emoji=emoji, fonts=fonts,
                       debug=debug, status=status, status_text=status_text, headers=headers,
                       format=format, development=development, on_error=on_error,
                       load_additional_asset=load_additional_asset)
        self._setup(image, image.reply())

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
        try:
            body = await image.render_async()
        except Exception as exc:
            if image.on_error == "raise":
                raise
            log_render_error(exc)
            answer = error_reply()
        else:
            answer = image_reply(body, image.headers, status=image.status, reason=image.reason)
        response = cls.__new__(cls)
        response._setup(image, answer)
        return response


opengraph_image = metadata.opengraph_decorator(ImageResponse, safe_html=mark_safe)
