"""A stranger's avatar URL that answers 200 with something else than an image: a login page, a
JSON error, an empty body, or a PNG compressed without being asked (``Transfer-Encoding:
gzip``, which no client asks for). Each is reported with what the server sent (on 127.0.0.1).

Before: an empty body or gzip bytes sent as ``image/png`` said 'The server sent Content-Type
"image/png", which is not an image format satori-py can decode', which blamed the type.
"""
from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from satori_py import ImageError, h, http_fetcher, render_png

_ZEROS = gzip.compress(b"\0" * 5_000_000, mtime=0)  # 4.9 kB that inflate to 5 MB
_BODIES: dict[str, tuple[bytes, str, dict[str, str]]] = {
    "/login": (b"<!doctype html><html><body>Sign in</body></html>", "text/html; charset=utf-8", {}),
    "/error": (b'{"error": "not found"}', "application/json", {}),
    "/empty": (b"", "image/png", {}),
    "/gzipped": (_ZEROS, "image/png", {"Transfer-Encoding": "gzip"}),
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body, content_type, headers = _BODIES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)


@pytest.mark.parametrize(("path", "said"), [
    ("/login", 'The server sent Content-Type "text/html; charset=utf-8", which is not an image format satori-py '
               "can decode."),
    ("/error", 'The server sent Content-Type "application/json", which is not an image format satori-py can '
               "decode."),
    ("/empty", 'The server sent Content-Type "image/png" and an empty body.'),
    ("/gzipped", f'The server sent Content-Type "image/png", but the {len(_ZEROS)} bytes it sent are no image of '
                 f"that type: they begin 1f 8b 08 00 00 00 00 00 (gzip data)."),
], ids=["html", "json", "empty", "gzip"])
def test_a_body_that_is_no_image_says_what_the_server_sent(server: str, path: str, said: str) -> None:
    told: list[Exception] = []
    element = h("div", {"style": {"display": "flex"}}, h("img", {"src": server + path, "width": 8, "height": 8}))
    fetcher = http_fetcher(allow_private=["127.0.0.1/32"], timeout=10)
    assert render_png(element, width=8, height=8, fetcher=fetcher, on_warning=told.append)[:4] == b"\x89PNG"
    assert [str(e) for e in told] == [f"div/img[0]: Can't load image {server}{path}: Unsupported image type: "
                                      f"unknown. {said}"]
    with pytest.raises(ImageError) as caught:
        render_png(element, width=8, height=8, fetcher=fetcher, strict=True)
    assert str(caught.value) == str(told[0])
