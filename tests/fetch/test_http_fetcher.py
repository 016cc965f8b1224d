"""satori_py.http_fetcher against a real server on 127.0.0.1 (the only network in tests).

The server listens on 127.0.0.1, which the guard refuses: the fetchers here allow
exactly that address (``allow_private=["127.0.0.1/32"]``), so a redirect to any
other private address is still refused. Host names are resolved by a stand-in
``getaddrinfo``, which also shows that the fetcher connects to the address it
checked and never resolves a name twice.
"""
from __future__ import annotations

import asyncio
import io
import pickle
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from satori_py import ImageError, LimitError, Limits, h, http_fetcher, render_svg
from satori_py.fetch import bounded
from satori_py.fetch.guard import BlockedAddressError

Image = pytest.importorskip("PIL.Image")
LOCAL = ["127.0.0.1/32"]
LIMIT = 1000


def png_bytes(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), color).save(out, "PNG")
    return out.getvalue()


PNG = png_bytes((0, 200, 0))


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers and "Transfer_Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        port = self.server.server_address[1]
        path = self.path
        if path == "/img.png":
            self.send(200, PNG, Content_Type="image/png")
        elif path == "/host":
            self.send(200, self.headers["Host"].encode(), Content_Type="text/plain")
        elif path == "/redirect":
            self.send(302, Location="/img.png")
        elif path == "/loop":
            self.send(302, Location="/loop")
        elif path == "/to-private":
            self.send(302, Location=f"http://127.0.0.2:{port}/img.png")
        elif path.startswith("/to-scheme/"):  # a redirect to file:, data:... (the rest of the path)
            self.send(302, Location=path.removeprefix("/to-scheme/"))
        elif path == "/to-mapped":
            self.send(307, Location=f"http://[::ffff:10.0.0.1]:{port}/img.png")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(LIMIT + 1))
            self.end_headers()
        elif path == "/stream":  # no Content-Length: the size shows while reading
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(3):
                self.wfile.write(b"200\r\n" + b"x" * 0x200 + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif path in ("/drip", "/drip-until-close"):  # headers at once, then a byte now and then
            self.send_response(200)
            if path == "/drip":
                self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif path == "/gzip":
            self.send(200, b"\x1f\x8b", Content_Encoding="gzip")
        elif path == "/short":  # announces more than it sends, then hangs up
            self.send(200, PNG, Content_Type="image/png", Content_Length=str(len(PNG) + 1000))
        elif path == "/bad-status":  # a status line with a terminal's escape sequence
            self.wfile.write(b"HTTP/1.1 2\x1b[31m00 OK\r\n\r\n")
        else:
            self.send(404, b"no")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Names resolve to what the test says; every lookup is counted."""
    table: dict[str, Any] = {"answers": {}, "asked": []}
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in table["answers"]:
            table["asked"].append(host)
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (ip, port, 0, 0)) if ":" in ip
                    else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                    for ip in table["answers"][host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


def test_fetches_an_image(server: str) -> None:
    assert http_fetcher(allow_private=LOCAL)(f"{server}/img.png") == (PNG, "image/png")


def test_private_addresses_are_refused_by_default(server: str) -> None:
    with pytest.raises(BlockedAddressError) as info:
        http_fetcher()(f"{server}/img.png")
    assert str(info.value) == (f"{server}/img.png is blocked (SSRF protection): 127.0.0.1 is in "
                               "127.0.0.0/8 (loopback).")


def test_names_are_checked_after_resolution(dns: dict[str, Any]) -> None:
    dns["answers"]["cdn.example.test"] = ["10.0.0.7"]
    with pytest.raises(BlockedAddressError) as info:
        http_fetcher()("http://cdn.example.test/a.png")
    assert str(info.value) == ("cdn.example.test resolves to a blocked address (SSRF "
                               "protection): 10.0.0.7 is in 10.0.0.0/8 (private).")
    # In a render it is an error (not a silently missing image), with the node path.
    with pytest.raises(BlockedAddressError) as info:
        render_svg(h("img", {"src": "http://cdn.example.test/a.png", "width": 4, "height": 4}),
                   width=4, height=4, fetcher=http_fetcher())
    assert str(info.value).startswith("img: cdn.example.test resolves to a blocked address")


@pytest.mark.parametrize("address, reason", [
    ("::ffff:10.0.0.1", "::ffff:a00:1 embeds 10.0.0.1 (IPv4-mapped), and 10.0.0.1 is in "
                        "10.0.0.0/8 (private)"),
    ("2002:a9fe:a9fe::1", "2002:a9fe:a9fe::1 embeds 169.254.169.254 (6to4), and 169.254.169.254 "
                          "is in 169.254.0.0/16 (link-local)"),
    ("64:ff9b::7f00:1", "64:ff9b::7f00:1 embeds 127.0.0.1 (NAT64), and 127.0.0.1 is in "
                        "127.0.0.0/8 (loopback)"),
    ("2001:0:7f00:1::", "2001:0:7f00:1:: embeds 127.0.0.1 (Teredo server), and 127.0.0.1 is in "
                        "127.0.0.0/8 (loopback)"),
])
def test_embedded_addresses_are_refused_after_resolution(dns: dict[str, Any], address: str,
                                                         reason: str) -> None:
    # A public name whose AAAA record embeds a private IPv4 address.
    dns["answers"]["v6.example.test"] = [address]
    with pytest.raises(BlockedAddressError) as info:
        http_fetcher()("http://v6.example.test/a.png")
    assert str(info.value) == ("v6.example.test resolves to a blocked address (SSRF "
                               f"protection): {reason}.")
    assert dns["asked"] == ["v6.example.test"]


def test_the_connection_goes_to_the_checked_address(server: str, dns: dict[str, Any]) -> None:
    port = server.rsplit(":", 1)[1]
    # One private address and one allowed: only the allowed one is used.
    dns["answers"]["images.example.test"] = ["10.9.9.9", "127.0.0.1"]
    body, _ = http_fetcher(allow_private=LOCAL)(f"http://images.example.test:{port}/host")
    assert body == f"images.example.test:{port}".encode()  # the name travels in Host
    assert dns["asked"] == ["images.example.test"]  # resolved once, never again


def test_redirects_are_followed_and_each_hop_checked(server: str) -> None:
    fetch = http_fetcher(allow_private=LOCAL)
    assert fetch(f"{server}/redirect") == (PNG, "image/png")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(BlockedAddressError) as info:
        fetch(f"{server}/to-private")
    assert str(info.value) == (f"http://127.0.0.2:{port}/img.png is blocked (SSRF protection): "
                               "127.0.0.2 is in 127.0.0.0/8 (loopback).")
    with pytest.raises(BlockedAddressError) as info:
        fetch(f"{server}/to-mapped")
    assert str(info.value) == (
        f"http://[::ffff:10.0.0.1]:{port}/img.png is blocked (SSRF protection): ::ffff:a00:1 "
        "embeds 10.0.0.1 (IPv4-mapped), and 10.0.0.1 is in 10.0.0.0/8 (private).")
    with pytest.raises(ImageError) as info2:
        http_fetcher(allow_private=LOCAL, max_redirects=2)(f"{server}/loop")
    assert str(info2.value) == f"{server}/loop redirected more than 2 times."


def test_size_is_capped_by_header_and_while_streaming(server: str) -> None:
    fetch = http_fetcher(allow_private=LOCAL, max_bytes=LIMIT)
    with pytest.raises(ImageError) as info:
        fetch(f"{server}/big")
    assert str(info.value) == (f"{server}/big is {LIMIT + 1} bytes, over the limit of {LIMIT} "
                               "(max_bytes).")
    with pytest.raises(ImageError) as info:
        fetch(f"{server}/stream")
    assert str(info.value) == f"{server}/stream sent more than {LIMIT} bytes (max_bytes)."


def test_time_is_capped_for_the_whole_fetch(server: str) -> None:
    # The server answers at once and then drips a byte every 0.2 s: each read is
    # quick, only the total is too long.
    for path in ("/drip", "/drip-until-close"):  # a body whose end is the connection's
        with pytest.raises(ImageError) as info:
            http_fetcher(allow_private=LOCAL, timeout=1)(f"{server}{path}")
        assert str(info.value) == f"{server}{path} did not answer within 1 s."


def test_a_render_ends_the_fetch_at_its_deadline_on_its_own_thread(server: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The fetcher keeps time itself: no thread of its own (satori_py/fetch/bounded.py), and
    # the render's deadline cuts a fetch whose own timeout is longer.
    def no_thread(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("called on a thread of its own")

    monkeypatch.setattr(bounded, "call_bounded", no_thread)
    card = h("div", {"style": {"display": "flex"}}, h("img", {"src": f"{server}/drip", "width": 4, "height": 4}))
    with pytest.raises(LimitError) as info:
        render_svg(card, width=20, height=20, fetcher=http_fetcher(allow_private=LOCAL, timeout=30),
                   limits=Limits(timeout=0.5))
    assert str(info.value) == ("div/img[0]: The render took longer than the timeout limit of 0.5s: the fetcher "
                               f"had not answered for {server}/drip.")


def test_other_failures_are_named(server: str) -> None:
    fetch = http_fetcher(allow_private=LOCAL)
    with pytest.raises(ImageError) as info:
        fetch(f"{server}/gzip")
    assert str(info.value) == (f"{server}/gzip sent Content-Encoding 'gzip', which was not "
                               "asked for.")
    with pytest.raises(ImageError) as info:
        fetch(f"{server}/missing")
    assert str(info.value) == f"{server}/missing answered HTTP 404."
    with pytest.raises(ImageError) as info:
        fetch("ftp://example.com/a.png")
    assert str(info.value) == ("Can't fetch ftp://example.com/a.png: it is not an http(s) URL "
                               "with a host.")


@pytest.mark.parametrize("target", ["file:///etc/passwd", "file:/etc/hostname", "data:image/png;base64,iVBO",
                                    "ftp://127.0.0.1/a.png", "gopher://127.0.0.1:70/_x"])
def test_a_redirect_to_another_scheme_is_refused(server: str, target: str) -> None:
    # The file is never read, the data never taken for the image: only http(s) hops count.
    with pytest.raises(ImageError) as info:
        http_fetcher(allow_private=LOCAL)(f"{server}/to-scheme/{target}")
    assert str(info.value) == f"Can't fetch {target}: it is not an http(s) URL with a host."
    warnings: list[str] = []
    svg = render_svg(h("img", {"src": f"{server}/to-scheme/{target}", "width": 4, "height": 4}), width=8, height=8,
                     fetcher=http_fetcher(allow_private=LOCAL), on_warning=lambda e: warnings.append(str(e)))
    assert "<image" not in svg
    assert warnings == [f"img: Can't load image {server}/to-scheme/{target}: Can't fetch {target}: it is not an "
                        "http(s) URL with a host."]


def test_a_body_cut_short_is_an_error(server: str) -> None:
    # Before: the part that came was taken for the image (here a whole PNG, which drew).
    with pytest.raises(ImageError) as info:
        http_fetcher(allow_private=LOCAL)(f"{server}/short")
    assert str(info.value) == (f"{server}/short closed the connection after {len(PNG)} of the "
                               f"{len(PNG) + 1000} bytes it announced.")


def test_what_the_server_says_is_quoted_without_its_control_characters(server: str) -> None:
    # Before: the message carried the server's status line as it came, escape sequence and
    # line breaks included, into the log.
    with pytest.raises(ImageError) as info:
        http_fetcher(allow_private=LOCAL)(f"{server}/bad-status")
    assert str(info.value) == f"Can't fetch {server}/bad-status: HTTP/1.1 2\\x1b[31m00 OK\\r\\n"


@pytest.mark.parametrize("kwargs, message", [
    ({"timeout": 0}, "timeout must be a positive number of seconds, got 0."),
    ({"max_bytes": -1}, "max_bytes must be a whole number, got -1."),
    ({"allow_private": ["10.0.0.0/33"]}, "'10.0.0.0/33' does not appear to be an IPv4 or IPv6 "
                                         "network"),
])
def test_bad_options_are_named(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        http_fetcher(**kwargs)
    assert str(info.value) == message


def test_fetchers_travel_to_workers_and_share_the_cache() -> None:
    fetch = http_fetcher(allow_private=LOCAL, timeout=3)
    assert pickle.loads(pickle.dumps(fetch)) == fetch
    assert hash(fetch) == hash(http_fetcher(allow_private=LOCAL, timeout=3))


def test_image_response_takes_a_fetcher(server: str) -> None:
    from satori_py.starlette import ImageResponse
    from satori_py.web import pool

    card = h("div", {"style": {"display": "flex", "width": 8, "height": 8}},
             h("img", {"src": f"{server}/img.png", "width": 8, "height": 8}))
    scope = {"type": "http", "method": "GET", "headers": []}
    pool.configure(1, deadline=120)  # a busy machine may take a while to start the worker
    try:
        answer = asyncio.run(ImageResponse(card, width=8, height=8,
                                           fetcher=http_fetcher(allow_private=LOCAL)).reply(scope))
        refused = asyncio.run(ImageResponse(card, width=8, height=8, on_error="500",
                                            fetcher=http_fetcher()).reply(scope))
    finally:
        pool.configure(None)
        pool.shutdown()
    assert answer.status == 200
    assert Image.open(io.BytesIO(answer.body)).convert("RGB").getpixel((4, 4)) == (0, 200, 0)
    assert refused.status == 500  # the default fetcher refuses 127.0.0.1
