"""``ImageResponse`` for Starlette and FastAPI: a Starlette ``Response``, returnable as-is.

Same arguments as :class:`satori_py.web.response.ImageResponse` (next/og's). The image is
rendered when the response is sent, in the shared render pool of
:mod:`satori_py.web.pool` (worker processes, or threads when the raster releases
the GIL), so the event loop never waits on a GIL-bound raster; headers set on ``response.headers`` before that are kept. The status text
cannot travel over ASGI (the server writes the reason phrase), so ``status_text`` is
only kept on the object.

Also :func:`opengraph_image`, the file-based-metadata helper (see
:mod:`satori_py.web.metadata`), whose routes return this class.

Imports Starlette (and anyio, its dependency); install ``satori-py[fastapi]``.
"""
from __future__ import annotations

import asyncio
from typing import Any

import anyio.to_thread
from starlette.background import BackgroundTask
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from . import metadata
from . import pool as render_pool
from .job import render_job
from .reply import Reply
from .response import ImageResponse as _Image

__all__ = ["ImageResponse", "opengraph_image", "shutdown", "warm_up"]


class ImageResponse(Response):
    """next/og's ImageResponse as a Starlette Response, rendered when it is sent."""

    def __init__(self, element: Any, **options: Any) -> None:
        # Starlette's __init__ would render `content` now; ours renders when sent.
        self.image = _Image(element, **options)
        self.status_code = self.image.status
        self.status_text = self.image.status_text
        self.media_type = self.image.content_type
        self.background: BackgroundTask | None = None
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                            for k, v in self.image.headers]

    @property
    def body(self) -> bytes:  # type: ignore[override]
        """The image bytes; renders in this thread if the response was not sent yet."""
        return self.image.render()

    async def _render(self) -> bytes:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            # Not asyncio (trio through anyio): wait for the pool from a thread.
            cached = self.image.cached()
            if cached is not None:
                return cached
            future = render_pool.submit(self.image.job, deadline=self.image.deadline)
            if future is None:
                return self.image.use_body(
                    await anyio.to_thread.run_sync(render_job, self.image.job))
            body = await anyio.to_thread.run_sync(render_pool.result_of, future)
            return self.image.use_body(body)
        return await self.image.render_async()  # (which looks in the output cache first)

    async def reply(self, scope: Scope) -> Reply:
        """Render and answer the request in ``scope`` (304, HEAD, ``on_error``)."""
        if_none_match = None
        for name, value in scope.get("headers", []):
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
        method = str(scope.get("method", "GET"))
        try:
            body = await self._render()
        except Exception as exc:
            return self.image.failure(exc, method)
        # Headers as they are now: the caller may have changed response.headers.
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self.raw_headers]
        return self.image.success(body, method, if_none_match, headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answer = await self.reply(scope)
        self.status_code = answer.status
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers]
        self.raw_headers[:] = raw  # keep response.headers (a view on the list) in step
        await send({"type": "http.response.start", "status": answer.status, "headers": raw})
        await send({"type": "http.response.body", "body": answer.body})
        if self.background is not None:
            await self.background()


opengraph_image = metadata.opengraph_decorator(ImageResponse)


async def warm_up() -> None:
    """Start the render workers now (call from a lifespan startup)."""
    pool = render_pool.get_pool()
    if pool is not None:
        await anyio.to_thread.run_sync(pool.warm_up)


async def shutdown() -> None:
    """Stop the render workers (call from a lifespan shutdown)."""
    await anyio.to_thread.run_sync(render_pool.shutdown)
