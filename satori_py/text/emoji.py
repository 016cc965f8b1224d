"""Emoji as images: next/og's ``emoji`` option, in the ``load_additional_asset`` shape.

Mirrors ``@vercel/og`` 1.0.3 (``src/emoji/index.ts``: ``getIconCode``, the six
sets and their URLs; ``loadDynamicAsset``: code ``"emoji"`` -> an SVG data URI
that Satori draws, one font size square, in place of the grapheme). Where it
departs, on purpose:

* ``twemoji``, the default, is served from the package (Twemoji 15.0, CC-BY
  4.0, see ``assets/twemoji/ATTRIBUTION.txt``), so emoji render offline and
  cover Unicode 15 where next/og's twemoji 14.0.2 CDN stops at 14 (satori#621);
* the other sets are fetched from next/og's CDN URLs only when chosen, through
  a replaceable ``fetcher``, and kept in a size-bounded on-disk cache (atomic
  writes: a reader never sees half a file); ``directory`` serves a local
  mirror of any set and never touches the network;
* a missing emoji (404, network failure, a body that is not SVG) is ``None``
  (drawn by the fonts), where next/og inlines the error page as an image.

Grapheme clusters arrive whole (``convertToLanguageCodes`` splits the text
into extended grapheme clusters): ZWJ sequences, skin tones, flags and keycaps
are each one code, one file, one image.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import threading
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import brotli  # type: ignore[import-untyped]

from ..diagnostics import report
from ..errors import ImageError, OptionError
from .downloads import DiskCache, http_get, user_cache_dir

__all__ = [
    "DEFAULT_CACHE_BYTES",
    "DEFAULT_EMOJI",
    "EMOJI_SETS",
    "DiskCache",
    "EmojiLoader",
    "default_cache_dir",
    "default_fetcher",
    "emoji_asset_loader",
    "emoji_file_name",
    "check_emoji_set",
    "emoji_url",
    "get_icon_code",
]

log = logging.getLogger("satori_py.emoji")

Fetcher = Callable[[str], bytes | tuple[bytes, str]]
"""``url -> body`` or ``url -> (body, content type)``; raises on failure."""
CacheDir = str | os.PathLike[str] | Literal[False] | None

#: next/og's ``emoji`` values (its docs list four; its code accepts these six).
EMOJI_SETS = ("twemoji", "blobmoji", "noto", "openmoji", "fluent", "fluentFlat")
#: The one default of render_svg, render_png, ImageResponse and the CLI: the bundled set, offline.
DEFAULT_EMOJI = "twemoji"

# (URL prefix, file name pattern) of each set in @vercel/og 1.0.3. ``{code}`` is
# lowercase, ``{CODE}`` uppercase (the svgmoji packages name files that way).
_SETS: dict[str, tuple[str, str]] = {
    "twemoji": ("https://cdn.jsdelivr.net/gh/twitter/twemoji@14.0.2/assets/svg/", "{code}.svg"),
    "openmoji": ("https://cdn.jsdelivr.net/npm/@svgmoji/openmoji@2.0.0/svg/", "{CODE}.svg"),
    "blobmoji": ("https://cdn.jsdelivr.net/npm/@svgmoji/blob@2.0.0/svg/", "{CODE}.svg"),
    "noto": ("https://cdn.jsdelivr.net/gh/svgmoji/svgmoji/packages/svgmoji__noto/svg/", "{CODE}.svg"),
    "fluent": ("https://cdn.jsdelivr.net/gh/shuding/fluentui-emoji-unicode/assets/", "{code}_color.svg"),
    "fluentFlat": ("https://cdn.jsdelivr.net/gh/shuding/fluentui-emoji-unicode/assets/",
                   "{code}_flat.svg"),
}

DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
_MAX_SVG_BYTES = 1024 * 1024  # the largest emoji SVG of any set is well under 100 KB
_FETCH_TIMEOUT = 10.0
_MISS_TTL = 300.0  # seconds a failed download is not retried (a flaky network recovers)
_MEMORY_ENTRIES = 2048
_ZWJ = "\u200d"


def get_icon_code(grapheme: str) -> str:
    """next/og's ``getIconCode``: U+FE0F dropped unless the cluster has a ZWJ, then the
    code points as lowercase hex joined by ``-`` (``"👍🏽"`` -> ``"1f44d-1f3fd"``)."""
    if _ZWJ not in grapheme:
        grapheme = grapheme.replace("\ufe0f", "")
    return "-".join(f"{ord(c):x}" for c in grapheme)


def check_emoji_set(emoji: str) -> str:
    """``emoji`` if it names a known set, else an OptionError naming the option."""
    if emoji not in _SETS:
        # An OptionError (a ValueError too): a SatoriError names the option, no traceback.
        raise OptionError(f"Unknown emoji set {emoji!r}: expected one of {', '.join(EMOJI_SETS)}.", prop="emoji",
                          value=emoji)
    return emoji


def emoji_file_name(emoji: str, code: str) -> str:
    """The file of ``code`` in set ``emoji`` (the last part of its URL)."""
    return _SETS[check_emoji_set(emoji)][1].format(code=code.lower(), CODE=code.upper())


def emoji_url(emoji: str, code: str, base_url: str | None = None) -> str:
    """next/og's URL of ``code`` in set ``emoji``, or under ``base_url`` (a mirror)."""
    prefix = _SETS[check_emoji_set(emoji)][0] if base_url is None else base_url
    if not prefix.endswith("/"):
        prefix += "/"
    return prefix + emoji_file_name(emoji, code)


def _is_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in data[:4096]


def _data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


# -- the bundled Twemoji ----------------------------------------------------------------------

class _BundledTwemoji:
    """The packed Twemoji SVGs: shards decompressed on first use, a few kept."""

    _KEEP = 4  # decompressed shards held (~0.5 MB each)

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._index: tuple[list[str], list[str]] | None = None
        self._aliases: dict[str, str] | None = None
        self._shards: OrderedDict[str, dict[str, str]] = OrderedDict()

    def _load_index(self) -> tuple[list[str], list[str]]:
        if self._index is None:
            index = json.loads((self.directory / "index.json").read_text(encoding="utf-8"))
            self._index = ([s["first"] for s in index["shards"]], [s["file"] for s in index["shards"]])
            self._aliases = json.loads(brotli.decompress(
                (self.directory / "aliases.json.br").read_bytes()))
        return self._index

    def _shard(self, file: str) -> dict[str, str]:
        shard = self._shards.get(file)
        if shard is None:
            shard = json.loads(brotli.decompress((self.directory / file).read_bytes()))
            self._shards[file] = shard
            if len(self._shards) > self._KEEP:
                self._shards.popitem(last=False)
        else:
            self._shards.move_to_end(file)
        return shard

    def get(self, code: str) -> bytes | None:
        with self._lock:
            firsts, files = self._load_index()
            assert self._aliases is not None
            for candidate in (code, self._aliases.get(code)):
                if not candidate:
                    continue
                i = bisect_right(firsts, candidate) - 1
                svg = self._shard(files[i]).get(candidate) if i >= 0 else None
                if svg is not None:
                    return svg.encode("utf-8")
        return None


_BUNDLE: _BundledTwemoji | None = None


def _bundle() -> _BundledTwemoji:
    global _BUNDLE
    if _BUNDLE is None:
        from ..assets import ASSETS_DIR
        _BUNDLE = _BundledTwemoji(ASSETS_DIR / "twemoji")
    return _BUNDLE


# -- the on-disk cache ------------------------------------------------------------------------

# -- downloads --------------------------------------------------------------------------------

def default_cache_dir() -> Path:
    """Where downloaded emoji are kept: :func:`~.downloads.user_cache_dir` plus ``/emoji``."""
    return user_cache_dir() / "emoji"


def default_fetcher(url: str) -> bytes:
    """GET ``url`` (http or https only) with a timeout and a size cap; raises on failure.

    Used only for the CDN sets, which the caller asked for by name; the bundled
    twemoji never calls it.
    """
    return http_get(url, headers={"User-Agent": "satori-py (emoji)"}, timeout=_FETCH_TIMEOUT,
                    max_bytes=_MAX_SVG_BYTES)


# -- the loader -------------------------------------------------------------------------------

class EmojiLoader:
    """``load_additional_asset`` for emoji: ``loader("emoji", grapheme)`` -> data URI.

    Other codes (fonts for scripts) get ``None``. Thread-safe; results are
    memoised per loader (misses for :data:`_MISS_TTL` seconds).
    """

    #: It may be called from several threads at once (see :mod:`.assets`).
    thread_safe = True

    def __init__(self, emoji: str = "twemoji", *, fetcher: Fetcher | None = None,
                 cache: DiskCache | None = None, directory: str | os.PathLike[str] | None = None,
                 base_url: str | None = None) -> None:
        self.emoji = check_emoji_set(emoji)
        self.directory = Path(directory) if directory is not None else None
        self.base_url = base_url
        self.remote = self.directory is None and (emoji != "twemoji" or base_url is not None)
        self.fetcher: Fetcher = fetcher or default_fetcher
        self.cache = cache if self.remote else None
        self._lock = threading.Lock()
        self._memo: OrderedDict[str, tuple[str | None, float]] = OrderedDict()

    def __call__(self, code: str, segment: str) -> str | None:
        return self.data_uri(segment) if code == "emoji" else None

    @property
    def in_memory(self) -> bool:
        """Whether every answer comes from memory (the bundled set): see :mod:`.assets`."""
        return self.directory is None and not self.remote

    def __repr__(self) -> str:
        where = self.directory or self.base_url or ("remote" if self.remote else "bundled")
        return f"EmojiLoader({self.emoji!r}, {str(where)!r})"

    def data_uri(self, grapheme: str) -> str | None:
        """The grapheme's image as ``data:image/svg+xml;base64,...``, None when the set lacks it."""
        code = get_icon_code(grapheme)
        with self._lock:
            hit = self._memo.get(code)
            if hit is not None and (hit[0] is not None or time.monotonic() < hit[1]):
                self._memo.move_to_end(code)
                return hit[0]
        svg = self.svg(code)
        uri = _data_uri(svg) if svg is not None else None
        with self._lock:
            self._memo[code] = (uri, time.monotonic() + _MISS_TTL)
            if len(self._memo) > _MEMORY_ENTRIES:
                self._memo.popitem(last=False)
        return uri

    def svg(self, code: str) -> bytes | None:
        """The SVG bytes of an icon code (see :func:`get_icon_code`), None when missing."""
        if self.directory is not None:
            return self._from_directory(code)
        if not self.remote:
            return _bundle().get(code)
        return self._download(code)

    def _from_directory(self, code: str) -> bytes | None:
        assert self.directory is not None
        # A mirror may name ZWJ sequences without their U+FE0F, as typed text often is.
        for candidate in dict.fromkeys((code, code.replace("-fe0f", ""))):
            path = self.directory / emoji_file_name(self.emoji, candidate)
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if _is_svg(data):
                return data
            report(ImageError(f"Emoji file {path} is not an SVG file.", value=str(path)))
        return None

    def _download(self, code: str) -> bytes | None:
        url = emoji_url(self.emoji, code, self.base_url)
        if self.cache is not None:
            cached = self.cache.get(url)
            if cached is not None and _is_svg(cached):
                return cached
        try:
            result: Any = self.fetcher(url)
            body = result[0] if isinstance(result, tuple) else result
            if not isinstance(body, (bytes, bytearray, memoryview)):
                raise TypeError(f"the fetcher returned {type(body).__name__}, not bytes")
            data = bytes(body)
        except Exception as exc:  # noqa: BLE001 - a missing emoji is drawn by the fonts
            report(ImageError(f"Can't load emoji {url}: {exc}", value=url))
            return None
        if len(data) > _MAX_SVG_BYTES or not _is_svg(data):
            report(ImageError(f"Emoji {url} is not an SVG image.", value=url))
            return None
        if self.cache is not None:
            self.cache.put(url, data)
        return data


_LOADERS: OrderedDict[tuple[Any, ...], EmojiLoader] = OrderedDict()
_LOADERS_LOCK = threading.Lock()


def emoji_asset_loader(emoji: str = "twemoji", *, fetcher: Fetcher | None = None,
                       cache_dir: CacheDir = None, directory: str | os.PathLike[str] | None = None,
                       base_url: str | None = None,
                       cache_max_bytes: int = DEFAULT_CACHE_BYTES) -> EmojiLoader:
    """A ``load_additional_asset(code, segment)`` that answers ``"emoji"`` with data URIs.

    * ``emoji``: one of :data:`EMOJI_SETS`. ``"twemoji"`` is bundled (offline);
      the others download from next/og's CDN URLs when an emoji is first drawn.
    * ``fetcher(url) -> bytes``: how downloads are made (default
      :func:`default_fetcher`, urllib with a timeout).
    * ``cache_dir``: the on-disk cache of downloads (default
      :func:`default_cache_dir`; ``False`` for none), bounded by ``cache_max_bytes``.
    * ``directory``: a local mirror of the set (files named as in its URLs, e.g.
      ``1F600.svg`` for openmoji); then nothing is downloaded.
    * ``base_url``: download from this prefix instead of the public CDN.

    Loaders are shared per arguments, so their memoised emoji outlive one render.
    """
    check_emoji_set(emoji)
    cache_path: Path | None = None
    if cache_dir is not False:
        try:
            cache_path = Path(default_cache_dir() if cache_dir is None else cache_dir)
        except (RuntimeError, KeyError):  # no home directory: downloads aren't kept
            cache_path = None
    key = (emoji, fetcher, None if cache_path is None else str(cache_path),
           None if directory is None else str(directory), base_url, cache_max_bytes)
    with _LOADERS_LOCK:
        loader = _LOADERS.get(key)
        if loader is not None:
            _LOADERS.move_to_end(key)
            return loader
    cache = DiskCache(cache_path, cache_max_bytes) if cache_path is not None else None
    loader = EmojiLoader(emoji, fetcher=fetcher, cache=cache, directory=directory, base_url=base_url)
    with _LOADERS_LOCK:
        _LOADERS[key] = loader
        if len(_LOADERS) > 16:
            _LOADERS.popitem(last=False)
    return loader
