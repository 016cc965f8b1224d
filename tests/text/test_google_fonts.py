"""The Google Fonts loader against a server on 127.0.0.1 speaking the CSS API's protocol."""
from __future__ import annotations

import logging
import pickle
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from satori_py import Font, render_svg
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.text.google_fonts import GoogleFontsLoader, _parse_ranges

from .conftest import font_bytes

JP = "NotoSansJP-subset-konnichiwa.ttf"   # こんにちは
KR = "NotoSansKR-subset-annyeong.otf"     # 안녕


class FontsServer:
    """``/css2?family=..[&text=..]`` and the font files, as fonts.googleapis.com answers them.

    Old-browser agents get ``src: url(...) format('truetype'|'opentype')``; others get
    ``unicode-range`` subsets. ``requests`` records (path, agent); ``status`` misbehaves, and while ``gate`` is clear
    every answer waits for it (``answered`` counts the answers sent).
    """

    def __init__(self) -> None:
        self.files = {"Noto Sans JP": (JP, "truetype", "U+3040-309F"),
                      "Noto Sans KR": (KR, "opentype", "U+AC00-D7A3, U+11??")}
        self.requests: list[tuple[str, str]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.answered = 0
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                agent = self.headers.get("User-Agent", "")
                server.requests.append((self.path, agent))
                server.gate.wait(60)
                url = urllib.parse.urlparse(self.path)
                query = urllib.parse.parse_qs(url.query)
                if server.status != 200:
                    return self.answer(server.status, b"no", "text/plain")
                if url.path == "/css2":
                    return self.answer(200, server.css(query, "Version/5.0.5" in agent).encode(), "text/css")
                name = urllib.parse.unquote(url.path.removeprefix("/s/"))
                if name in (JP, KR):
                    return self.answer(200, font_bytes(name), "font/ttf")
                self.answer(404, b"", "text/plain")

            def answer(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                server.answered += 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def css(self, query: dict[str, list[str]], old_agent: bool) -> str:
        blocks = []
        for family in query.get("family", []):
            file, kind, ranges = self.files[family]
            if old_agent:
                blocks.append(f"@font-face {{\n  font-family: '{family}';\n  font-style: normal;\n"
                              f"  font-weight: 400;\n  src: url({self.url}/s/{file}) format('{kind}');\n}}")
            else:
                blocks.append(f"/* subset */\n@font-face {{\n  font-family: '{family}';\n  font-weight: 400;\n"
                              f"  src: url({self.url}/s/{file}.woff2) format('woff2');\n"
                              f"  unicode-range: {ranges};\n}}")
        return "\n".join(blocks)


@pytest.fixture
def server() -> Iterator[FontsServer]:
    server = FontsServer()
    yield server
    server.gate.set()
    server.httpd.shutdown()
    server.httpd.server_close()


def card(text: str) -> dict[str, Any]:
    return {"type": "div", "props": {"style": {"display": "flex", "fontSize": 40}, "children": text}}


def test_japanese_text_gets_its_font_and_draws_as_with_the_font_given(server: FontsServer, tmp_path) -> None:
    loader = GoogleFontsLoader(base_url=server.url, cache_dir=tmp_path)
    fetched = render_svg(card("こんにちは"), width=300, height=60, load_additional_asset=loader)
    given = render_svg(card("こんにちは"), width=300, height=60,
                       fonts=[Font("geist", DEFAULT_FONT_PATH), Font("jp", font_bytes(JP), lang="ja-JP")])
    tofu = render_svg(card("こんにちは"), width=300, height=60)
    assert fetched == given != tofu
    assert [urllib.parse.urlparse(p).path for p, _ in server.requests] == ["/css2", f"/s/{JP}"]
    path, agent = server.requests[0]
    assert urllib.parse.parse_qs(urllib.parse.urlparse(path).query) == {
        "family": ["Noto Sans JP"], "text": ["こんにちは"]}
    assert "Version/5.0.5" in agent  # the agent Google answers with TrueType

    # The memo answers the same loader; the disk cache a new one (another process).
    render_svg(card("こんにちは"), width=300, height=60, load_additional_asset=loader)
    again = GoogleFontsLoader(base_url=server.url, cache_dir=tmp_path)
    assert render_svg(card("こんにちは"), width=300, height=60, load_additional_asset=again) == fetched
    assert len(server.requests) == 2


def test_several_families_split_the_text_by_unicode_range(server: FontsServer) -> None:
    loader = GoogleFontsLoader(base_url=server.url, cache_dir=False,
                               families={"symbol": ("Noto Sans JP", "Noto Sans KR")})
    fonts = loader("symbol", "안こ녕ん")
    assert [f.name for f in fonts] == ["satori_symbol_fallback_안こ녕ん"] * 2
    assert [f.data for f in fonts] == [font_bytes(KR), font_bytes(JP)]
    assert fonts[0].lang == "symbol" and GoogleFontsLoader(cache_dir=False).families["unknown"] == ("Noto Sans",)
    texts = [urllib.parse.parse_qs(urllib.parse.urlparse(p).query).get("text") for p, _ in server.requests
             if p.startswith("/css2")]
    assert texts == [None, ["안녕"], ["こん"]]
    assert "Chrome/" in server.requests[0][1]
    assert _parse_ranges("U+0-FF, u+4??, U+1F300, junk") == [(0, 255), (0x400, 0x4FF), (0x1F300, 0x1F300)]


def test_failures_are_logged_and_answered_with_no_fonts(server: FontsServer, caplog) -> None:
    server.status = 500
    loader = GoogleFontsLoader(base_url=server.url, cache_dir=False)
    with caplog.at_level(logging.WARNING, "satori_py"):
        assert loader("ja-JP", "こん") == []
        assert loader("ja-JP", "こん") == []   # not retried for a while
    assert len(server.requests) == 1
    assert "Google Fonts: no font for ja-JP text 'こん' (not retried for 300 s): HTTP Error 500" in caplog.text
    assert loader("emoji", "x") == [] and loader("xx-XX", "x") == []


def test_time_and_size_caps(server: FontsServer) -> None:
    # The server holds its answer until the loader has given up: the timeout, not the
    # answer, ended the wait.
    server.gate.clear()
    slow = GoogleFontsLoader(base_url=server.url, cache_dir=False, timeout=0.1)
    assert slow("ja-JP", "こ") == []
    assert server.answered == 0
    server.gate.set()
    small = GoogleFontsLoader(base_url=server.url, cache_dir=False, max_font_bytes=1000)
    assert small("ja-JP", "こ") == []
    assert GoogleFontsLoader(base_url=server.url, cache_dir=False)("ja-JP", "こ")[0].data == font_bytes(JP)


def test_the_loader_travels_to_worker_processes(server: FontsServer) -> None:
    loader = GoogleFontsLoader(base_url=server.url, cache_dir=False)
    loader("ja-JP", "こ")
    copy = pickle.loads(pickle.dumps(loader))
    assert copy.base_url == server.url and copy._memo == {}
    assert copy("ja-JP", "こ")[0].data == font_bytes(JP)


def test_image_response_uses_it_in_the_calling_thread_and_in_the_render_pool(server: FontsServer, tmp_path) -> None:
    import asyncio

    from satori_py import ImageResponse, render_png

    loader = GoogleFontsLoader(base_url=server.url, cache_dir=tmp_path)
    expected = render_png(card("こんにちは"), width=300, height=60,
                          fonts=[Font("geist", DEFAULT_FONT_PATH), Font("jp", font_bytes(JP), lang="ja-JP")])
    assert ImageResponse(card("こんにちは"), width=300, height=60, load_additional_asset=loader).render() == expected
    pooled = ImageResponse(card("こんにちは"), width=300, height=60, load_additional_asset=loader)
    assert asyncio.run(pooled.render_async()) == expected
    assert ImageResponse(card("こんにちは"), width=300, height=60).render() != expected  # only when asked for
    with pytest.raises(TypeError, match="load_additional_asset must be callable"):
        ImageResponse(card("x"), load_additional_asset="google")
