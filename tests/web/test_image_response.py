"""ImageResponse in-process: next/og's contract, ETag/304, formats, errors, the adapters,
the render pool and the file-based-metadata helper. The real-server tests are in
test_web_examples.py and test_web_load.py."""
from __future__ import annotations

import asyncio
import io
import logging
import os
import re
from collections.abc import Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from satori_py import Font, Limits
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.errors import FontError, LimitError, RenderError, StyleError
from satori_py.web.job import RenderJob
from satori_py.web.reply import CACHE_CONTROL, CACHE_CONTROL_DEVELOPMENT, etag_matches, strong_etag
from satori_py.web.response import EMOJI_SETS, ImageResponse

CARD: dict[str, Any] = {"type": "div", "props": {
    "style": {"display": "flex", "width": "100%", "height": "100%", "background": "white",
              "alignItems": "center", "justifyContent": "center", "fontSize": 40},
    "children": "Hello"}}
BAD: dict[str, Any] = {"type": "div", "props": {"children": [
    {"type": "span", "props": {"children": "x"}},
    {"type": "div", "props": {"style": {"display": "nope"}, "children": "y"}}]}}
SMALL = {"width": 120, "height": 63}


def wsgi(app: Any, method: str = "GET", **environ: str) -> tuple[str, dict[str, str], bytes]:
    env: dict[str, Any] = {"REQUEST_METHOD": method, **environ}
    setup_testing_defaults(env)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen["status"], seen["headers"] = status, headers

    body = b"".join(app(env, start_response))
    return seen["status"], {k.lower(): v for k, v in seen["headers"]}, body


def png_size(body: bytes) -> tuple[int, int]:
    from PIL import Image
    with Image.open(io.BytesIO(body)) as img:
        return img.size


# -- the neutral response ------------------------------------------------------------------

def test_defaults_are_next_og(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SATORI_PY_ENV", raising=False)
    r = ImageResponse(CARD)
    assert (r.job.width, r.job.height, r.job.emoji, r.job.fonts) == (1200, 630, "twemoji", None)
    assert r.headers == [("content-type", "image/png"), ("cache-control", CACHE_CONTROL)]
    status, headers, body = wsgi(r)
    assert status == "200 OK"
    assert png_size(body) == (1200, 630)
    assert headers["content-length"] == str(len(body))
    assert headers["etag"] == strong_etag(body) == r.etag


def test_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SATORI_PY_ENV", "development")
    assert dict(ImageResponse(CARD).headers)["cache-control"] == CACHE_CONTROL_DEVELOPMENT
    assert dict(ImageResponse(CARD, development=False).headers)["cache-control"] == CACHE_CONTROL
    monkeypatch.setenv("SATORI_PY_ENV", "production")
    assert dict(ImageResponse(CARD).headers)["cache-control"] == CACHE_CONTROL
    assert (dict(ImageResponse(CARD, development=True).headers)["cache-control"]
            == CACHE_CONTROL_DEVELOPMENT)


def test_user_headers_override_defaults_in_any_case() -> None:
    r = ImageResponse(CARD, **SMALL, headers={"Cache-Control": "max-age=60", "X-Card": "1"})
    assert r.headers == [("content-type", "image/png"), ("Cache-Control", "max-age=60"),
                         ("X-Card", "1")]
    r = ImageResponse(CARD, **SMALL, headers=[("ETag", '"mine"'), ("set-cookie", "a=1"),
                                               ("set-cookie", "b=2")])
    status, headers, _ = wsgi(r, HTTP_IF_NONE_MATCH='"mine"')
    assert status.startswith("304") and headers["etag"] == '"mine"'


def test_status_and_status_text() -> None:
    status, _, body = wsgi(ImageResponse(CARD, **SMALL, status=201, status_text="Made"))
    assert status == "201 Made" and body[:4] == b"\x89PNG"
    status, _, _ = wsgi(ImageResponse(CARD, **SMALL, status=404))
    assert status == "404 Not Found"


def test_etag_and_304() -> None:
    r = ImageResponse(CARD, **SMALL)
    etag = r.etag
    assert etag.startswith('"') and len(etag) == 34
    assert ImageResponse(CARD, **SMALL).etag == etag  # same input, same bytes, same tag
    for header in (etag, f'W/{etag}', f'"other", {etag}', "*"):
        status, headers, body = wsgi(r, HTTP_IF_NONE_MATCH=header)
        assert status == "304 Not Modified", header
        assert body == b"" and headers["etag"] == etag
        assert "content-type" not in headers and "content-length" not in headers
    status, _, body = wsgi(r, HTTP_IF_NONE_MATCH='"other"')
    assert status == "200 OK" and body
    status, _, _ = wsgi(r, "POST", HTTP_IF_NONE_MATCH=etag)
    assert status == "200 OK"
    status, _, _ = wsgi(ImageResponse(CARD, **SMALL, status=203), HTTP_IF_NONE_MATCH=etag)
    assert status.startswith("203")


def test_head_has_headers_but_no_body() -> None:
    r = ImageResponse(CARD, **SMALL)
    status, headers, body = wsgi(r, "HEAD")
    assert status == "200 OK" and body == b"" and int(headers["content-length"]) > 0


@pytest.mark.parametrize("header, tag, expected", [
    (None, '"a"', False), ("", '"a"', False), ('"a"', '"a"', True), ('W/"a"', '"a"', True),
    ('"b" , "a"', '"a"', True), ('"b"', '"a"', False), ("*", '"a"', True),
    ('"a"', 'W/"a"', True)])
def test_etag_matches(header: str | None, tag: str, expected: bool) -> None:
    assert etag_matches(header, tag) is expected


@pytest.mark.parametrize("fmt, content_type, magic", [
    ("jpeg", "image/jpeg", b"\xff\xd8\xff"), ("jpg", "image/jpeg", b"\xff\xd8\xff"),
    ("webp", "image/webp", b"RIFF"), ("PNG", "image/png", b"\x89PNG")])
def test_formats(fmt: str, content_type: str, magic: bytes) -> None:
    pytest.importorskip("PIL")
    r = ImageResponse(CARD, **SMALL, format=fmt)
    _, headers, body = wsgi(r)
    assert headers["content-type"] == content_type
    assert body.startswith(magic)
    assert png_size(body) == (120, 63)


def test_jpeg_needs_pillow(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "PIL" else real(name, *a))
    with pytest.raises(ImportError, match=r"satori-py\[images\]"):
        ImageResponse(CARD, format="jpeg")
    ImageResponse(CARD, format="png")


@pytest.mark.parametrize("kwargs, message", [
    ({"format": "gif"}, "Unsupported image format 'gif'"),
    ({"emoji": "apple"}, "Unknown emoji set 'apple'"),
    ({"width": 0}, "width must be a positive number"),
    ({"height": "630"}, "height must be a positive number"),
    ({"status": 99}, "status must be an HTTP status code"),
    ({"status_text": "a\r\nb"}, "status_text must be a one-line string"),
    ({"on_error": "ignore"}, 'on_error must be "raise" or "500"'),
    ({"headers": {"x": "a\nb"}}, "contains a line break"),
    # Before session 12: sent as given, a 500 (UnicodeEncodeError) from the server, or a NUL on the wire.
    ({"headers": {"Content-Disposition": 'attachment; filename="\U0001F600.png"'}},
     "Header 'Content-Disposition' has '\U0001F600' (U+1F600) at 22: a header value is bytes, of Latin-1 "
     "characters only (percent-encode the text, as filename*=UTF-8''... does)."),
    ({"headers": {"x": "a\0b"}}, "Header 'x' contains a NUL character."),
    ({"headers": {"x y": "1"}}, "Header name 'x y' is not a token (letters, digits and !#$%&'*+-.^_`|~)."),
])
def test_bad_options_fail_early(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ImageResponse(CARD, **kwargs)


def test_latin_1_header_values_are_sent() -> None:
    response = ImageResponse(CARD, headers={"Content-Disposition": 'attachment; filename="na\u00efve.png"'})
    assert ("Content-Disposition", 'attachment; filename="na\u00efve.png"') in response.headers


def test_fonts_must_be_font_objects() -> None:
    # The same FontError as render_svg's, naming the entry.
    with pytest.raises(FontError) as info:
        ImageResponse(CARD, fonts=[Font("Geist", b"x"), {"name": "x", "data": b""}])  # type: ignore[list-item]
    assert str(info.value) == "Invalid fonts[1]: expected a satori_py.Font, got dict."
    assert info.value.prop == "fonts"
    with pytest.raises(FontError) as info:
        ImageResponse(CARD, fonts="Geist")  # type: ignore[arg-type]
    assert str(info.value) == "Invalid fonts: expected a list of satori_py.Font, got str."


def test_emoji_sets_are_accepted_and_passed_to_the_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in EMOJI_SETS:
        assert ImageResponse(CARD, emoji=name).job.emoji == name
    import satori_py.api
    seen: dict[str, Any] = {}
    monkeypatch.setattr(satori_py.api, "render_png",
                        lambda element, **kw: seen.update(kw) or b"png")
    assert ImageResponse(CARD, emoji="openmoji").render() == b"png"
    assert seen["emoji"] == "openmoji"


def test_the_default_emoji_set_draws_offline() -> None:
    from satori_py import h, render_svg
    card = h("div", {"style": {"display": "flex", "fontSize": 64}}, "Hi \U0001F44B")
    # One default everywhere: render_svg draws the bundled set too; None is Satori's own behaviour.
    # (a Twemoji is drawn in place, as a nested <svg>: paint/vector_image.py)
    assert render_svg(card, width=300, height=100).count("<svg x=") == 1
    assert render_svg(card, width=300, height=100, emoji=None).count("<svg x=") == 0
    assert ImageResponse(card, width=300, height=100).body[:4] == b"\x89PNG"


def test_custom_fonts_replace_the_default() -> None:
    r = ImageResponse(CARD, **SMALL, fonts=[Font("Mine", DEFAULT_FONT_PATH)])
    assert r.job.fonts == (Font("Mine", DEFAULT_FONT_PATH),)
    assert r.body[:4] == b"\x89PNG"


def test_errors_raise_by_default_with_the_node_path() -> None:
    with pytest.raises(StyleError) as info:
        wsgi(ImageResponse(BAD, **SMALL))
    assert info.value.path == "div/div[1]"


def test_on_error_500_logs_the_node_path(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="satori_py.response")
    status, headers, body = wsgi(ImageResponse(BAD, **SMALL, on_error="500",
                                               headers={"cache-control": "max-age=9"}))
    assert status == "500 Internal Server Error"
    assert body == b"Failed to generate the image"
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert headers["cache-control"] == "no-store"  # never cache a failure
    [record] = caplog.records
    assert record.satori_path == "div/div[1]"  # type: ignore[attr-defined]
    assert 'div/div[1]: Invalid value for CSS property "display"' in record.getMessage()


# -- the render pool -----------------------------------------------------------------------

class _ExitOnUnpickle:
    """Unpickles as a call to os._exit: a worker that dies mid-job."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return (os._exit, (3,))


@pytest.fixture(scope="module")
def pool() -> Iterator[Any]:
    from satori_py.web import pool as render_pool
    # Worker processes whatever the binding (a dead worker is a process's case; the
    # thread pool is tested in test_thread_pool.py); a busy machine may take a while to
    # start one.
    render_pool.configure(1, deadline=120, mode="processes")
    yield render_pool
    render_pool.configure(None)
    render_pool.shutdown()


def test_pool_renders_and_keeps_error_paths(pool: Any) -> None:
    png = asyncio.run(pool.render_async(RenderJob(CARD, **SMALL)))
    assert png_size(png) == (120, 63)
    with pytest.raises(StyleError) as info:
        asyncio.run(pool.render_async(RenderJob(BAD, **SMALL)))
    assert info.value.path == "div/div[1]"
    assert "Traceback" in str(info.value.__cause__)  # the worker's traceback


def test_pool_survives_a_dead_worker(pool: Any) -> None:
    with pytest.raises(RenderError, match="exited with status 3"):
        asyncio.run(pool.render_async(RenderJob(_ExitOnUnpickle(), **SMALL)))
    assert asyncio.run(pool.render_async(RenderJob(CARD, **SMALL)))[:4] == b"\x89PNG"


def test_limits_go_to_the_worker_and_into_the_cache_key(
        pool: Any, caplog: pytest.LogCaptureFixture) -> None:
    card = {"type": "div", "props": {"children": [
        {"type": "span", "props": {"children": "limits"}},
        {"type": "span", "props": {"children": "tight"}}]}}
    loose = ImageResponse(card, **SMALL, on_error="500")
    assert loose.reply(pooled=True).status == 200  # now in the output cache
    tight = ImageResponse(card, **SMALL, on_error="500", limits=Limits(max_nodes=2))
    assert tight.cached() is None  # another key: the cached card is not answered
    with caplog.at_level("ERROR", "satori_py.response"):
        answer = tight.reply(pooled=True)
    assert answer.status == 500
    assert [r.getMessage() for r in caplog.records] == [
        "Failed to generate the image: div: The element tree has more than 2 nodes "
        "(the max_nodes limit)."]
    with pytest.raises(LimitError) as info:  # in this thread too
        ImageResponse(card, **SMALL, limits=Limits(max_nodes=2)).render()
    assert info.value.limit == "max_nodes"
    # Limits the card meets: rendered (and cached under their own key).
    roomy = ImageResponse(card, **SMALL, limits=Limits(max_nodes=5))  # div, 2 spans, 2 texts
    assert roomy.cached() is None and roomy.render_pooled() == loose.body


def test_limits_must_be_limits() -> None:
    with pytest.raises(TypeError) as info:
        ImageResponse(CARD, limits={"max_nodes": 2})
    assert str(info.value) == "limits must be a satori_py.Limits, got dict."


def test_thread_mode(pool: Any) -> None:
    pool.configure(0)
    try:
        assert pool.get_pool() is None
        assert asyncio.run(ImageResponse(CARD, **SMALL).render_async())[:4] == b"\x89PNG"
    finally:
        pool.configure(1, deadline=120, mode="processes")


def test_workers_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py.web.pool import default_workers
    monkeypatch.setenv("SATORI_PY_RENDER_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("SATORI_PY_RENDER_WORKERS", "x")
    with pytest.raises(ValueError, match="whole number"):
        default_workers()
    monkeypatch.delenv("SATORI_PY_RENDER_WORKERS")
    assert 1 <= default_workers() <= 4


# -- Starlette / FastAPI -------------------------------------------------------------------

def asgi_get(app: Any, path: str, headers: dict[str, str] | None = None,
             method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request through an ASGI app, no server (the real servers are elsewhere)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "server": ("127.0.0.1", 80),
             "client": ("127.0.0.1", 1),
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return (start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body)


def test_starlette_response(pool: Any) -> None:
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Route

    from satori_py.starlette import ImageResponse as Response

    def og(request: Any) -> Response:
        response = Response(CARD, **SMALL, headers={"x-a": "1"})
        response.headers["x-b"] = "2"  # set after construction, kept when sent
        return response

    def bad(request: Any) -> Response:
        return Response(BAD, **SMALL, on_error="500")

    app = Starlette(routes=[Route("/og", og), Route("/bad", bad)])
    status, headers, body = asgi_get(app, "/og")
    assert status == 200 and png_size(body) == (120, 63)
    assert headers["content-type"] == "image/png" and headers["cache-control"] == CACHE_CONTROL
    assert headers["x-a"] == "1" and headers["x-b"] == "2"
    assert headers["etag"] == strong_etag(body) and headers["content-length"] == str(len(body))
    status, headers, body = asgi_get(app, "/og", {"If-None-Match": headers["etag"]})
    assert status == 304 and body == b"" and "content-length" not in headers
    status, headers, body = asgi_get(app, "/bad")
    assert status == 500 and body == b"Failed to generate the image"


def test_fastapi_metadata_route_keeps_parameters(pool: Any) -> None:
    pytest.importorskip("fastapi")
    from fastapi import FastAPI

    from satori_py.starlette import opengraph_image

    app = FastAPI()

    @app.get("/posts/{slug}/opengraph-image")
    @opengraph_image(alt='Post "one" & co', size={"width": 120, "height": 63},
                     content_type="image/jpeg")
    async def post_image(slug: str, dark: bool = False) -> Any:
        return {"type": "div", "props": {"style": {"display": "flex", "width": "100%",
                                                    "height": "100%",
                                                    "background": "black" if dark else "white"},
                                          "children": slug}}

    status, headers, body = asgi_get(app, "/posts/hello/opengraph-image")
    assert status == 200, body
    assert headers["content-type"] == "image/jpeg" and png_size(body) == (120, 63)
    assert post_image.alt == 'Post "one" & co' and post_image.size == (120, 63)
    assert post_image.size.width == 120 and post_image.content_type == "image/jpeg"
    assert post_image.meta_tags("https://x/og") == [
        ("og:image", "https://x/og"), ("og:image:alt", 'Post "one" & co'),
        ("og:image:type", "image/jpeg"), ("og:image:width", "120"),
        ("og:image:height", "63")]
    assert ('<meta property="og:image:alt" content="Post &quot;one&quot; &amp; co" />'
            in post_image.meta_html("https://x/og"))
    schema = app.openapi()["paths"]["/posts/{slug}/opengraph-image"]["get"]
    assert [p["name"] for p in schema["parameters"]] == ["slug", "dark"]


# -- Flask ---------------------------------------------------------------------------------

def test_flask_response() -> None:
    pytest.importorskip("flask")
    from flask import Flask

    from satori_py.flask import ImageResponse as Response
    from satori_py.flask import opengraph_image

    app = Flask(__name__)
    app.add_url_rule("/og", view_func=lambda: Response(CARD, **SMALL, status_text="Fine"))
    app.add_url_rule("/bad", "bad", view_func=lambda: Response(BAD, **SMALL, on_error="500"))
    app.add_url_rule("/meta", "meta", view_func=opengraph_image(alt="A", size=(120, 63))(
        lambda: CARD))
    client = app.test_client()
    r = client.get("/og")
    assert r.status == "200 Fine" and png_size(r.data) == (120, 63)
    assert r.headers["Cache-Control"] == CACHE_CONTROL and r.headers["Content-Type"] == "image/png"
    etag = r.headers["ETag"]
    r = client.get("/og", headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.data == b"" and r.headers["ETag"] == etag
    r = client.get("/bad")
    assert r.status_code == 500 and r.data == b"Failed to generate the image"
    assert client.get("/meta").headers["Content-Type"] == "image/png"


# -- Django --------------------------------------------------------------------------------

def test_django_response() -> None:
    pytest.importorskip("django")
    from django.conf import settings
    if not settings.configured:
        settings.configure(DEBUG=False, ALLOWED_HOSTS=["testserver"], SECRET_KEY="test")
    from django.middleware.http import ConditionalGetMiddleware
    from django.test import RequestFactory

    from satori_py.django import ImageResponse as Response
    from satori_py.django import opengraph_image

    r = Response(CARD, **SMALL, status_text="Fine")
    assert r.status_code == 200 and r.reason_phrase == "Fine"
    assert r["Content-Type"] == "image/png" and r["Cache-Control"] == CACHE_CONTROL
    assert r["ETag"] == strong_etag(r.content) and png_size(r.content) == (120, 63)
    request = RequestFactory().get("/og", HTTP_IF_NONE_MATCH=r["ETag"])
    conditional = ConditionalGetMiddleware(lambda req: Response(CARD, **SMALL))(request)
    assert conditional.status_code == 304

    failed = Response(BAD, **SMALL, on_error="500")
    assert failed.status_code == 500 and failed.content == b"Failed to generate the image"

    view = opengraph_image(alt="A <b>", size=(120, 63))(lambda request: CARD)
    assert view(RequestFactory().get("/x"))["Content-Type"] == "image/png"
    html = view.meta_html("https://x/og")
    assert "A &lt;b&gt;" in html and hasattr(html, "__html__")  # marked safe for templates

    async def make() -> Any:
        return await Response.create_async(CARD, **SMALL)
    made = asyncio.run(make())
    assert made.status_code == 200 and made.content == r.content
