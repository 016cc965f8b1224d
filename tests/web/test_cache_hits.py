"""The output cache through each framework's ImageResponse: a repeated card, and the 304
for it, cost no render (renders counted in-process: the render pool is off)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from satori_py import api
from satori_py.output_cache import OutputCache
from tests.support.counting import count_calls

from .test_image_response import CARD, SMALL, asgi_get


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Front ends run in this process, counted (every render makes its SVG first)."""
    from satori_py.web import pool as render_pool

    count = count_calls(monkeypatch, api, "render_svg")
    render_pool.configure(0)  # no pool: each render runs where the adapter asks for it
    yield count
    render_pool.configure(None)
    render_pool.shutdown()


def test_starlette(renders: list[int]) -> None:
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Route

    from satori_py.starlette import ImageResponse

    cache = OutputCache()
    app = Starlette(routes=[Route("/og", lambda request: ImageResponse(CARD, **SMALL, cache=cache))])
    status, headers, body = asgi_get(app, "/og")
    assert status == 200 and renders == [1]
    assert cache.misses == 1  # one look-up for the first request, not one per layer
    assert asgi_get(app, "/og")[2] == body
    status, _, empty = asgi_get(app, "/og", {"If-None-Match": headers["etag"]})
    assert (status, empty) == (304, b"")
    assert renders == [1] and cache.hits == 2


def test_flask(renders: list[int]) -> None:
    pytest.importorskip("flask")
    from flask import Flask

    from satori_py.flask import ImageResponse

    cache = OutputCache()
    app = Flask(__name__)
    app.add_url_rule("/og", view_func=lambda: ImageResponse(CARD, **SMALL, cache=cache))
    client = app.test_client()
    first = client.get("/og")
    assert first.status_code == 200 and renders == [1]
    assert cache.misses == 1
    assert client.get("/og").data == first.data
    conditional = client.get("/og", headers={"If-None-Match": first.headers["ETag"]})
    assert conditional.status_code == 304 and conditional.data == b""
    assert renders == [1] and cache.hits == 2


def test_django(renders: list[int]) -> None:
    pytest.importorskip("django")
    from django.conf import settings
    if not settings.configured:
        settings.configure(DEBUG=False, ALLOWED_HOSTS=["testserver"], SECRET_KEY="test")
    from django.middleware.http import ConditionalGetMiddleware
    from django.test import RequestFactory

    from satori_py.django import ImageResponse

    cache = OutputCache()
    first = ImageResponse(CARD, **SMALL, cache=cache)
    assert first.status_code == 200 and renders == [1]
    assert cache.misses == 1
    assert ImageResponse(CARD, **SMALL, cache=cache).content == first.content
    request = RequestFactory().get("/og", HTTP_IF_NONE_MATCH=first["ETag"])
    view = ConditionalGetMiddleware(lambda req: ImageResponse(CARD, **SMALL, cache=cache))
    assert view(request).status_code == 304
    assert renders == [1] and cache.hits == 2
