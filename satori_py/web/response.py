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
logged on the ``satori_py.response`` logger with the node path); rendering in
the render pool (worker processes or threads) with a ``deadline``
(:mod:`satori_py.web.pool`); and the renderer's ``fetcher`` (for ``<img src="https://...">``: see
:func:`satori_py.http_fetcher`), ``strict`` and ``limits`` options.

"Development" is ``development=True``, or, when the argument is left at ``None``,
the environment variable ``SATORI_PY_ENV=development`` (read when the response is
made), the counterpart of next/og's ``NODE_ENV === 'development'``.

The adapters for Starlette/FastAPI, Flask and Django (``satori_py.starlette``,
``satori_py.flask``, ``satori_py.django``) take the same arguments and build on
the pieces here; this module imports no web framework.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any, Literal

from ..limits import Limits, out_of_memory
from ..markup.dialects import check_dialect
from ..options import Font, font_list
from ..output_cache import OutputCache, default_cache
from ..text.emoji import EMOJI_SETS, check_emoji_set
from ..tailwind.config import plain_config
from .job import RenderJob, normalize_format, render_job
from .reply import (CACHE_CONTROL, CACHE_CONTROL_DEVELOPMENT, Header, HeadersInit, Reply,
                    error_reply, header_pairs, image_reply, log_render_error, merge_headers,
                    reason_phrase, strong_etag)

__all__ = ["EMOJI_SETS", "ENV_VAR", "ImageResponse", "OnError", "is_development"]

OnError = Literal["raise", "500"]

ENV_VAR = "SATORI_PY_ENV"


# -- options -------------------------------------------------------------------------------

def is_development(development: bool | None = None) -> bool:
    """``development`` when given, else whether ``$SATORI_PY_ENV`` is ``development``."""
    if development is not None:
        return bool(development)
    return os.environ.get(ENV_VAR, "").strip().lower() == "development"


def _check_size(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}.")
    return value


# -- the response --------------------------------------------------------------------------

class ImageResponse:
    """An image response with next/og's options; renders lazily, once.

    ``body`` (or :meth:`render`) renders in the calling thread; :meth:`render_pooled`
    and ``await`` :meth:`render_async` render in the shared render pool (worker
    processes or threads) instead (see :mod:`satori_py.web.pool`), within ``deadline`` seconds. Called as a
    WSGI application, it answers every request with the image, rendered in the pool
    (304 on a matching If-None-Match; 500 on a failed render when ``on_error="500"``).
    """

    def __init__(self, element: Any, *, width: float = 1200, height: float = 630,
                 emoji: str = "twemoji", fonts: Sequence[Font] | None = None,
                 debug: bool = False, status: int = 200, status_text: str | None = None,
                 headers: HeadersInit | None = None, format: str = "png",
                 development: bool | None = None, on_error: OnError = "raise",
                 deadline: float | None = None, fetcher: Any = None,
                 strict: bool = False, load_additional_asset: Any = None,
                 cache: OutputCache | bool = True,
                 tailwind_config: Mapping[str, Any] | None = None,
                 tailwind_classes: bool = False, limits: Limits | None = None,
                 markup_dialect: str = "jsx") -> None:
        if fonts is not None:
            fonts = font_list(fonts)
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status code, got {status!r}.")
        if status_text is not None and (not isinstance(status_text, str)
                                        or any(c in status_text for c in "\r\n")):
            raise ValueError(f"status_text must be a one-line string, got {status_text!r}.")
        if on_error not in ("raise", "500"):
            raise ValueError(f'on_error must be "raise" or "500", got {on_error!r}.')
        if deadline is not None:
            _check_size("deadline", deadline)
        if fetcher is not None and not callable(fetcher):
            raise TypeError(f"fetcher must be callable (url -> bytes), got "
                            f"{type(fetcher).__name__}.")
        if limits is not None and not isinstance(limits, Limits):
            raise TypeError(f"limits must be a satori_py.Limits, got {type(limits).__name__}.")
        if load_additional_asset is not None and not callable(load_additional_asset):
            raise TypeError(f"load_additional_asset must be callable, got "
                            f"{type(load_additional_asset).__name__}.")
        self.job = RenderJob(element=element, width=_check_size("width", width),
                             height=_check_size("height", height),
                             fonts=fonts, emoji=check_emoji_set(emoji), debug=bool(debug),
                             format=normalize_format(format), fetcher=fetcher,
                             strict=bool(strict), load_additional_asset=load_additional_asset,
                             tailwind_config=plain_config(tailwind_config),
                             tailwind_classes=bool(tailwind_classes), limits=limits,
                             markup_dialect=check_dialect(markup_dialect, "markup_dialect"))
        self.status = status
        self.status_text = status_text
        self.development = is_development(development)
        self.on_error: OnError = on_error
        # Seconds a pooled render may take, queueing included (None: the pool's).
        self.deadline = deadline
        self.headers: list[Header] = merge_headers(self.default_headers(),
                                                   header_pairs(headers))
        self._body: bytes | None = None
        # The output cache: a card made before (here, or by any response of this
        # process) is answered, and its ETag known for a 304, without a render.
        self._cache = default_cache() if cache is True else (None if cache is False else cache)
        # Limits are part of the key: a card cached under looser limits must not be
        # answered under tighter ones (which might refuse it).
        self._cache_key = None if self._cache is None else self._cache.key(self.job.element, {
            f.name: getattr(self.job, f.name) for f in fields(self.job) if f.name != "element"})

    def cached(self) -> bytes | None:
        """The image bytes if rendered already or in the output cache, else None."""
        if self._body is None and self._cache_key is not None:
            assert self._cache is not None
            self._body = self._cache.get(self._cache_key)
        return self._body

    def _keep(self, body: bytes) -> bytes:
        if self._body is None:
            self._body = body
            if self._cache_key is not None:
                assert self._cache is not None
                self._cache.put(self._cache_key, body)
        return self._body

    # next/og's headers, before the caller's override them.
    def default_headers(self) -> list[Header]:
        cache = CACHE_CONTROL_DEVELOPMENT if self.development else CACHE_CONTROL
        return [("content-type", self.job.content_type), ("cache-control", cache)]

    @property
    def content_type(self) -> str:
        return self.job.content_type

    @property
    def reason(self) -> str:
        return self.status_text if self.status_text is not None else reason_phrase(self.status)

    @property
    def rendered(self) -> bool:
        return self._body is not None

    def render(self) -> bytes:
        """The image bytes, rendered in this thread on first use; errors propagate."""
        if self.cached() is None:
            self._keep(render_job(self.job))
        assert self._body is not None
        return self._body

    def render_pooled(self) -> bytes:
        """The image bytes, rendered in the shared render pool (worker processes or
        threads) while this thread waits (in this thread when the pool is off: ``workers=0``)."""
        if self.cached() is None:
            from .pool import result_of, submit
            future = submit(self.job, deadline=self.deadline)
            self._keep(render_job(self.job) if future is None else result_of(future))
        assert self._body is not None
        return self._body

    async def render_async(self) -> bytes:
        """The image bytes, rendered off the running asyncio loop (worker process or thread)."""
        if self.cached() is None:
            from .pool import render_async
            self._keep(await render_async(self.job, deadline=self.deadline))
        assert self._body is not None
        return self._body

    def use_body(self, body: bytes) -> bytes:
        """Adopt bytes rendered elsewhere (by a worker) as this response's image."""
        return self._keep(body)

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

    def reply(self, *, method: str = "GET", if_none_match: str | None = None,
              pooled: bool = False) -> Reply:
        """Render (in this thread, or in the pool if ``pooled``) and answer one request,
        honouring ``on_error``."""
        try:
            body = self.render_pooled() if pooled else self.render()
        except Exception as exc:
            return self.failure(exc, method)
        return self.success(body, method, if_none_match)

    async def reply_async(self, *, method: str = "GET",
                          if_none_match: str | None = None) -> Reply:
        """:meth:`reply` with the render off the event loop."""
        try:
            body = await self.render_async()
        except Exception as exc:
            return self.failure(exc, method)
        return self.success(body, method, if_none_match)

    def success(self, body: bytes, method: str = "GET", if_none_match: str | None = None,
                headers: Sequence[Header] | None = None) -> Reply:
        """The answer for the rendered ``body`` (``headers``: the response's, if changed)."""
        return image_reply(body, self.headers if headers is None else headers,
                           status=self.status, reason=self.reason, method=method,
                           if_none_match=if_none_match)

    def failure(self, exc: Exception, method: str = "GET") -> Reply:
        """A failed render: raised again, or (``on_error="500"``) logged and answered 500
        (503 when the render pool could not take it in time). Running out of memory is a
        RenderError that says so."""
        if isinstance(exc, MemoryError):
            exc = out_of_memory()
        if self.on_error == "raise":
            raise exc
        log_render_error(exc)
        return error_reply(exc, method)

    def __call__(self, environ: Mapping[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI: answer any request with this image, rendered in the render pool."""
        answer = self.reply(method=str(environ.get("REQUEST_METHOD", "GET")),
                            if_none_match=environ.get("HTTP_IF_NONE_MATCH"), pooled=True)
        start_response(answer.status_line, answer.headers)
        return [answer.body]

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} {self.job.width}x{self.job.height} "
                f"{self.job.format} status={self.status}>")
