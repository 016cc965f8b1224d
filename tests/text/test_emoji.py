"""Emoji images: next/og's naming and URLs, the bundled Twemoji, the CDN sets (against a
local stand-in server, never the internet), the on-disk cache, and whole grapheme clusters.

No test touches the network: ``no_network`` makes every socket connection but
those to the stand-in server on 127.0.0.1 fail.
"""
from __future__ import annotations

import base64
import http.server
import os
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from satori_py import Font, render_svg
from satori_py.assets import ASSETS_DIR, DEFAULT_FONT_PATH
from satori_py.text import emoji as emoji_mod
from satori_py.text.assets import compose_asset_loaders
from satori_py.text.emoji import (
    EMOJI_SETS,
    DiskCache,
    EmojiLoader,
    default_cache_dir,
    emoji_asset_loader,
    emoji_file_name,
    emoji_url,
    get_icon_code,
)
from satori_py.text.language import convert_to_language_codes

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36"><circle cx="18" cy="18" r="18" fill="#f00"/></svg>'
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # man, woman, girl, boy
FLAG_JP = "\U0001F1EF\U0001F1F5"
FLAG_UA = "\U0001F1FA\U0001F1E6"
KEYCAP_HASH = "#\ufe0f\u20e3"
WAVE_MEDIUM = "\U0001F44B\U0001F3FD"
RAINBOW_FLAG = "\U0001F3F3\ufe0f\u200d\U0001F308"
SCOTLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"


def _decode(uri: str) -> bytes:
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    return base64.b64decode(uri[len(prefix):])


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any connection except to 127.0.0.1 fails (and is recorded)."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost"):
            attempts.append(address)
            raise OSError(f"network access in a test: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", _no_dns(socket.getaddrinfo, attempts))
    return attempts


def _no_dns(real: Any, attempts: list[Any]) -> Any:
    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost"):
            attempts.append(host)
            raise OSError(f"DNS lookup in a test: {host!r}")
        return real(host, *args, **kwargs)
    return lookup


class _Server:
    """A stand-in CDN: files under ``root``, every request path recorded."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            timeout = 5  # a stuck client can't hold a test

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self) -> None:
                server.requests.append(self.path)
                super().do_GET()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def cdn(tmp_path: Path, no_network: list[Any]) -> Iterator[_Server]:
    root = tmp_path / "cdn"
    root.mkdir()
    server = _Server(root)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        server.thread.join(timeout=5)


# -- naming -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("grapheme", "code"), [
    ("\U0001F600", "1f600"),
    (WAVE_MEDIUM, "1f44b-1f3fd"),
    (FAMILY, "1f468-200d-1f469-200d-1f467-200d-1f466"),
    (FLAG_JP, "1f1ef-1f1f5"),
    (KEYCAP_HASH, "23-20e3"),  # U+FE0F dropped: no ZWJ
    ("\u3297\ufe0f", "3297"),
    ("\u2764\ufe0f\u200d\U0001F525", "2764-fe0f-200d-1f525"),  # kept: there is a ZWJ
    (RAINBOW_FLAG, "1f3f3-fe0f-200d-1f308"),
    (SCOTLAND, "1f3f4-e0067-e0062-e0073-e0063-e0074-e007f"),
    ("\u00a9", "a9"),  # no zero padding, like toString(16)
])
def test_icon_code_is_next_og_naming(grapheme: str, code: str) -> None:
    assert get_icon_code(grapheme) == code


def test_urls_are_next_og_urls() -> None:
    code = "1f44b-1f3fd"
    assert emoji_url("twemoji", code) == \
        "https://cdn.jsdelivr.net/gh/twitter/twemoji@14.0.2/assets/svg/1f44b-1f3fd.svg"
    assert emoji_url("openmoji", code) == \
        "https://cdn.jsdelivr.net/npm/@svgmoji/openmoji@2.0.0/svg/1F44B-1F3FD.svg"
    assert emoji_url("blobmoji", code) == "https://cdn.jsdelivr.net/npm/@svgmoji/blob@2.0.0/svg/1F44B-1F3FD.svg"
    assert emoji_url("noto", code) == \
        "https://cdn.jsdelivr.net/gh/svgmoji/svgmoji/packages/svgmoji__noto/svg/1F44B-1F3FD.svg"
    assert emoji_url("fluent", code) == \
        "https://cdn.jsdelivr.net/gh/shuding/fluentui-emoji-unicode/assets/1f44b-1f3fd_color.svg"
    assert emoji_url("fluentFlat", code) == \
        "https://cdn.jsdelivr.net/gh/shuding/fluentui-emoji-unicode/assets/1f44b-1f3fd_flat.svg"
    assert emoji_url("noto", "1f600", "http://mirror/x") == "http://mirror/x/1F600.svg"
    assert EMOJI_SETS == ("twemoji", "blobmoji", "noto", "openmoji", "fluent", "fluentFlat")
    with pytest.raises(ValueError, match="Unknown emoji set 'apple'"):
        emoji_file_name("apple", "1f600")
    with pytest.raises(ValueError, match="Unknown emoji set"):
        emoji_asset_loader("apple")


# -- the bundled Twemoji ----------------------------------------------------------------------

def test_bundle_ships_its_licence_and_attribution() -> None:
    folder = ASSETS_DIR / "twemoji"
    assert "Attribution 4.0 International" in (folder / "LICENSE-GRAPHICS-CC-BY-4.0.txt").read_text()
    attribution = (folder / "ATTRIBUTION.txt").read_text()
    assert "CC-BY 4.0" in attribution and "Twitter" in attribution
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 1_200_000  # the whole set stays about 1 MB


@pytest.mark.parametrize("grapheme", [
    "\U0001F600", FAMILY, FLAG_JP, FLAG_UA, KEYCAP_HASH, WAVE_MEDIUM, RAINBOW_FLAG, SCOTLAND,
    "\u2764\ufe0f", "\u00a9", "\U0001FAE8",  # shaking face: Unicode 15, past next/og's twemoji 14
])
def test_bundled_twemoji_offline(grapheme: str, no_network: list[Any]) -> None:
    loader = emoji_asset_loader("twemoji")
    uri = loader("emoji", grapheme)
    assert uri is not None
    assert _decode(uri).startswith(b"<svg")
    assert no_network == []


def test_bundled_twemoji_alias_and_misses() -> None:
    loader = emoji_asset_loader("twemoji")
    # A rainbow flag typed without its U+FE0F is the same file.
    assert loader("emoji", "\U0001F3F3\u200d\U0001F308") == loader("emoji", RAINBOW_FLAG)
    assert loader("emoji", "x") is None
    assert loader("ja-JP", "\u3042") is None  # fonts are other loaders' business


def test_twemoji_never_downloads() -> None:
    def fetcher(url: str) -> bytes:
        raise AssertionError(f"downloaded {url}")
    loader = emoji_asset_loader("twemoji", fetcher=fetcher, cache_dir=False)
    assert loader("emoji", "\U0001F600") is not None
    assert loader("emoji", "\U000F0000") is None  # a private-use code: not in the set


# -- the CDN sets, against a stand-in server --------------------------------------------------

@pytest.mark.parametrize("emoji", [s for s in EMOJI_SETS if s != "twemoji"])
def test_cdn_set_downloads_once_then_caches_on_disk(emoji: str, cdn: _Server, tmp_path: Path,
                                                     no_network: list[Any]) -> None:
    code = get_icon_code(WAVE_MEDIUM)
    (cdn.root / emoji).mkdir()
    (cdn.root / emoji / emoji_file_name(emoji, code)).write_bytes(SVG)
    cache = tmp_path / "cache"
    base = f"{cdn.url}/{emoji}/"
    loader = emoji_asset_loader(emoji, cache_dir=cache, base_url=base)
    uri = loader("emoji", WAVE_MEDIUM)
    assert uri is not None and _decode(uri) == SVG
    assert cdn.requests == [f"/{emoji}/{emoji_file_name(emoji, code)}"]
    assert loader("emoji", WAVE_MEDIUM) == uri  # memoised: no second request
    assert len(cdn.requests) == 1
    # A new loader (another process, say) finds it in the disk cache.
    again = EmojiLoader(emoji, cache=DiskCache(cache), base_url=base)
    assert again("emoji", WAVE_MEDIUM) == uri
    assert len(cdn.requests) == 1
    assert no_network == []


def test_cdn_misses_and_bad_bodies_are_none(cdn: _Server, tmp_path: Path) -> None:
    (cdn.root / "1F600.svg").write_bytes(b"<html>Not found</html>")
    loader = EmojiLoader("openmoji", cache=DiskCache(tmp_path / "c"), base_url=cdn.url)
    assert loader("emoji", "\U0001F600") is None  # not an SVG: next/og would inline it
    assert loader("emoji", "\U0001F601") is None  # 404
    assert not list((tmp_path / "c").glob("*.svg")) if (tmp_path / "c").exists() else True


def test_public_cdn_urls_go_through_the_fetcher(tmp_path: Path, no_network: list[Any]) -> None:
    asked: list[str] = []

    def fetcher(url: str) -> tuple[bytes, str]:
        asked.append(url)
        return SVG, "image/svg+xml"

    loader = EmojiLoader("fluent", fetcher=fetcher, cache=DiskCache(tmp_path))
    assert loader("emoji", FAMILY) is not None
    assert asked == [("https://cdn.jsdelivr.net/gh/shuding/fluentui-emoji-unicode/assets/"
                      "1f468-200d-1f469-200d-1f467-200d-1f466_color.svg")]
    assert no_network == []


def test_default_fetcher_refuses_other_schemes() -> None:
    with pytest.raises(ValueError, match="only http"):
        emoji_mod.default_fetcher("file:///etc/passwd")


def test_failed_downloads_are_retried_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    answers = [OSError("offline"), SVG]

    def fetcher(url: str) -> bytes:
        calls.append(url)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    loader = EmojiLoader("noto", fetcher=fetcher, cache=None)
    assert loader("emoji", "\U0001F600") is None
    assert loader("emoji", "\U0001F600") is None  # within the retry delay: no new request
    assert len(calls) == 1
    now = emoji_mod.time.monotonic()
    monkeypatch.setattr(emoji_mod.time, "monotonic", lambda: now + emoji_mod._MISS_TTL + 1)
    assert loader("emoji", "\U0001F600") is not None
    assert len(calls) == 2


# -- a local mirror ---------------------------------------------------------------------------

def test_directory_source_never_downloads(tmp_path: Path) -> None:
    (tmp_path / "1F600.svg").write_bytes(SVG)
    (tmp_path / "1F3F3-200D-1F308.svg").write_bytes(SVG)  # mirrored without its U+FE0F
    (tmp_path / "1F601.svg").write_bytes(b"garbage")

    def fetcher(url: str) -> bytes:
        raise AssertionError(f"downloaded {url}")

    loader = emoji_asset_loader("openmoji", directory=tmp_path, fetcher=fetcher)
    assert _decode(loader("emoji", "\U0001F600") or "") == SVG
    assert _decode(loader("emoji", RAINBOW_FLAG) or "") == SVG
    assert loader("emoji", "\U0001F601") is None
    assert loader("emoji", "\U0001F602") is None


def test_directory_overrides_the_bundle(tmp_path: Path) -> None:
    (tmp_path / "1f600.svg").write_bytes(SVG)
    loader = emoji_asset_loader("twemoji", directory=tmp_path)
    assert _decode(loader("emoji", "\U0001F600") or "") == SVG


# -- the disk cache ---------------------------------------------------------------------------

def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SATORI_PY_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path / "emoji"
    monkeypatch.delenv("SATORI_PY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert default_cache_dir() == tmp_path / "xdg" / "satori-py" / "emoji"


def test_cache_stays_within_its_bound_dropping_least_recently_used(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path, max_bytes=10_000)
    body = b"<svg>" + b"x" * 995  # 1000 bytes
    for i in range(8):
        cache.put(f"k{i}", body)
        os.utime(cache._path(f"k{i}"), (1000 + i, 1000 + i))  # a clear age order
    assert cache.get("k0") == body  # read now: the most recently used
    for i in range(8, 30):
        cache.put(f"k{i}", body)
        assert cache.size() <= 10_000
    assert cache.get("k0") == body or cache.size() <= 10_000
    assert cache.get("k1") is None  # the oldest unread entries went first
    assert cache.get("k29") == body


def test_cache_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DiskCache(tmp_path)
    cache.put("a", SVG)
    assert cache.get("a") == SVG

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")
    monkeypatch.setattr(emoji_mod.os, "replace", broken_replace)
    cache.put("b", SVG)  # fails quietly: the emoji is only downloaded again next time
    monkeypatch.undo()
    assert cache.get("b") is None
    assert not list(tmp_path.glob(".tmp-*"))  # no half-written file left behind
    assert cache.get("a") == SVG


def test_cache_concurrent_writers_leave_whole_files(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    bodies = [b"<svg>" + bytes([65 + i]) * 20_000 + b"</svg>" for i in range(8)]
    threads = [threading.Thread(target=cache.put, args=("same", b)) for b in bodies for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert cache.get("same") in bodies
    assert not list(tmp_path.glob(".tmp-*"))


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = DiskCache(blocker / "cache")
    cache.put("k", SVG)
    assert cache.get("k") is None


# -- composing with the user's loader ---------------------------------------------------------

def test_compose_user_loader_first() -> None:
    custom = "data:image/svg+xml;base64,PHN2Zy8+"

    def mine(code: str, segment: str) -> Any:
        return custom if segment == "\U0001F600" else None

    both = compose_asset_loaders(mine, emoji_asset_loader("twemoji"))
    assert both is not None
    assert both("emoji", "\U0001F600") == custom
    assert (both("emoji", "\U0001F601") or "").startswith("data:image/svg+xml;base64,")
    assert compose_asset_loaders(None, mine) is mine
    assert compose_asset_loaders(None, None) is None


# -- whole grapheme clusters ------------------------------------------------------------------

def test_grapheme_clusters_stay_whole() -> None:
    text = f"{FAMILY}{FLAG_JP}{FLAG_UA}{KEYCAP_HASH}{WAVE_MEDIUM}{RAINBOW_FLAG}{SCOTLAND}"
    missing = [(g, None) for g in (FAMILY, FLAG_JP, FLAG_UA, KEYCAP_HASH, WAVE_MEDIUM, RAINBOW_FLAG,
                                   SCOTLAND)]
    codes = convert_to_language_codes(missing)
    assert codes == {"emoji": [FAMILY, FLAG_JP, FLAG_UA, KEYCAP_HASH, WAVE_MEDIUM, RAINBOW_FLAG,
                               SCOTLAND]}
    assert "".join(codes["emoji"]) == text


def _image_widths(svg: str) -> list[float]:
    """The widths of the emoji images (as in the reference, each is one font size wide and
    one line tall, the picture centred in it): ``<image>``, or the nested ``<svg>`` a plain
    one is drawn as (paint/vector_image.py)."""
    return [float(w) for w in re.findall(r'<(?:image|svg x="[^"]*" y="[^"]*") [^>]*?width="([\d.]+)"', svg)]


def test_render_draws_one_image_per_cluster_offline(no_network: list[Any]) -> None:
    """The whole pipeline with the bundled set: each cluster one font-size square image."""
    text = f"a{FAMILY}b{FLAG_JP}{FLAG_UA}c{KEYCAP_HASH}{WAVE_MEDIUM}"
    element = {"type": "div", "props": {"style": {"fontSize": 30, "display": "flex"}, "children": text}}
    svg = render_svg(element, width=400, height=60, fonts=[Font("Geist", DEFAULT_FONT_PATH)],
                     load_additional_asset=emoji_asset_loader("twemoji"))
    assert _image_widths(svg) == [30.0] * 5
    assert no_network == []


def test_render_with_grapheme_images_option() -> None:
    uri = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()
    element = {"type": "div", "props": {"style": {"fontSize": 20}, "children": f"x{FAMILY}y"}}
    svg = render_svg(element, width=200, height=40, grapheme_images={FAMILY: uri})
    assert _image_widths(svg) == [20.0]
    assert '<circle cx="18" cy="18" r="18" fill="#f00"/>' in svg  # drawn in place


def test_golden_emoji_case_renders_the_same_with_the_bundled_set(no_network: list[Any]) -> None:
    """golden/text/emoji-zwj-family-and-flag.json records the reference's emoji requests
    answered with the bundled Twemoji; the bundled loader itself must give that picture."""
    from satori_py.case import load_case
    from tests.support import harness, imgdiff, paths

    case = load_case(paths.GOLDEN_DIR / "text" / "emoji-zwj-family-and-flag.json")
    recorded = render_svg(case.element, **case.render_kwargs(offline=True))
    kwargs = case.render_kwargs(offline=True)
    kwargs["load_additional_asset"] = emoji_asset_loader("twemoji")
    ours = render_svg(case.element, **kwargs)
    assert ours == recorded
    case.additional_assets = []
    import resvg_bridge
    png = resvg_bridge.svg_to_png(ours, font_files=harness.raster_fonts(case))
    assert case.reference_png is not None
    verdict = imgdiff.compare(case.reference_png, png)
    assert verdict.passed, verdict.describe()
    assert no_network == []
