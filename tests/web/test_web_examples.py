"""Each example app in a real server on 127.0.0.1, fetched with a real HTTP client.

FastAPI and Starlette under uvicorn, Flask under Werkzeug's server, Django under
waitress. For each: the route-handler image (status, next/og's headers, a strong
ETag and the 304 it earns, a 1200x630 PNG matching the seed reference by the
conformance rule), the file-based-metadata image and the page carrying its meta
tags, and the custom-font image.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.support import imgdiff
from tests.support.paths import conformance_dir
from tests.web.servers import (EXAMPLES, Server, django_argv, flask_argv, running,
                               uvicorn_argv)

PROD_CACHE = "public, immutable, no-transform, max-age=31536000"
DEV_CACHE = "no-cache, no-store"
PATIENT = {"SATORI_PY_RENDER_DEADLINE": "120"}

APPS: dict[str, tuple[str, Callable[[], list[str]], Path]] = {
    "fastapi": ("fastapi", lambda: uvicorn_argv("fastapi_app"), EXAMPLES),
    "starlette": ("starlette", lambda: uvicorn_argv("starlette_app"), EXAMPLES),
    "flask": ("flask", flask_argv, EXAMPLES),
    "django": ("django", django_argv, EXAMPLES / "django_app"),
}


def _needs(*modules: str) -> None:
    for module in modules:
        pytest.importorskip(module)


@pytest.fixture(scope="module", params=sorted(APPS))
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    module, argv, cwd = APPS[request.param]
    _needs(module, "uvicorn" if module in ("fastapi", "starlette") else
           "waitress" if module == "django" else "werkzeug")
    # One render process is enough for these requests and starts faster than several;
    # a deadline that a busy machine's first render (starting the worker) cannot miss.
    with running(argv(), cwd=cwd, env={"SATORI_PY_RENDER_WORKERS": "1", **PATIENT}) as srv:
        srv.name = request.param
        yield srv


def _reference(name: str) -> Path | None:
    conf = conformance_dir()
    path = conf / "seed" / "refs" / f"{name}.png" if conf is not None else None
    return path if path is not None and path.is_file() else None


def _assert_png(body: bytes, reference: str | None = None) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(body)) as img:
        assert img.format == "PNG"
        assert img.size == (1200, 630)
    if reference is None:
        return
    ref = _reference(reference)
    if ref is None:
        return  # ../shared is absent: the size check is all we can do
    verdict = _compare(ref, body)
    assert verdict.passed, f"{reference}: {verdict.describe()}"


_VERDICTS: dict[tuple[str, str], imgdiff.Verdict] = {}


def _compare(expected: Path | bytes, body: bytes) -> imgdiff.Verdict:
    """imgdiff.compare, once per distinct pair: every server sends the same bytes."""
    key = (hashlib.sha256(expected).hexdigest() if isinstance(expected, bytes)
           else str(expected), hashlib.sha256(body).hexdigest())
    if key not in _VERDICTS:
        _VERDICTS[key] = imgdiff.compare(expected, body)
    return _VERDICTS[key]


def test_route_handler_image(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        r = client.get("/api/og")
        assert r.status_code == 200, server.log()
        assert r.headers["content-type"] == "image/png"
        assert r.headers["cache-control"] == PROD_CACHE
        etag = r.headers["etag"]
        assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
        assert int(r.headers["content-length"]) == len(r.content)
        _assert_png(r.content, "route-handler")

        again = client.get("/api/og", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == PROD_CACHE

        # A stale validator still gets the image, with the same (deterministic) ETag.
        stale = client.get("/api/og", headers={"If-None-Match": '"stale", W/"older"'})
        assert stale.status_code == 200
        assert stale.headers["etag"] == etag
        assert stale.content == r.content


def test_concurrent_image_requests(server: Server) -> None:
    """Threaded servers (Werkzeug, waitress) render side by side without failing."""
    def fetch(_: int) -> httpx.Response:
        return httpx.get(server.url + "/api/og", timeout=120)

    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(fetch, range(4)))
    assert [r.status_code for r in replies] == [200] * 4, server.log()
    assert len({r.content for r in replies}) == 1


def test_file_based_metadata(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        r = client.get("/opengraph-image")
        assert r.status_code == 200, server.log()
        assert r.headers["content-type"] == "image/png"
        _assert_png(r.content, "file-based-metadata")

        page = client.get("/")
        assert page.status_code == 200
        html = page.text
        port = server.url.rsplit(":", 1)[1]
        assert re.search(r'<meta property="og:image" content="http://[^"/]+:'
                         + port + r'/opengraph-image" />', html), html
        for tag in ('<meta property="og:image:alt" content="My site" />',
                    '<meta property="og:image:type" content="image/png" />',
                    '<meta property="og:image:width" content="1200" />',
                    '<meta property="og:image:height" content="630" />'):
            assert tag in html


@functools.lru_cache(maxsize=1)
def _custom_font_expected() -> bytes:
    from satori_py import Font, h, render_png
    from satori_py.assets import DEFAULT_FONT_PATH

    return render_png(
        h("div", {"style": {"fontSize": 128, "background": "white", "width": "100%",
                            "height": "100%", "display": "flex", "alignItems": "center",
                            "justifyContent": "center"}}, "Hello world!"),
        width=1200, height=630, fonts=[Font("Geist", DEFAULT_FONT_PATH)])


def test_custom_font(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        r = client.get("/api/og/custom-font")
    assert r.status_code == 200, server.log()
    _assert_png(r.content)
    expected = _custom_font_expected()
    assert r.content == expected or _compare(expected, r.content).passed


def test_django_async_view(server: Server) -> None:
    """An ``async def`` Django view renders through ImageResponse.create_async."""
    if server.name != "django":
        pytest.skip("the async view is in the Django example")
    r = httpx.get(server.url + "/api/og/async", timeout=60)
    assert r.status_code == 200, server.log()
    assert r.headers["content-type"] == "image/png"
    _assert_png(r.content, "route-handler")


def test_development_cache_control() -> None:
    """SATORI_PY_ENV=development switches the image routes to next/og's dev header."""
    _needs("flask")
    with running(flask_argv(), env={"SATORI_PY_ENV": "development", **PATIENT}) as srv:
        r = httpx.get(srv.url + "/api/og", timeout=60)
    assert r.status_code == 200
    assert r.headers["cache-control"] == DEV_CACHE
