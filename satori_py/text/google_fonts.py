"""Fonts for the scripts the given fonts lack, from Google Fonts, as next/og loads them.

``load_additional_asset=google_fonts()`` answers Satori's two-pass requests
(language code, text) the way ``@vercel/og`` 1.0.3's ``loadDynamicAsset``
does: the code names Noto families (``ja-JP`` -> Noto Sans JP, ``symbol`` ->
Noto Sans Symbols and Symbols 2, ``unknown`` -> Noto Sans, ...); when a code has
several families, the CSS API's ``unicode-range`` of each (fetched with a
modern browser's user agent) picks the family of each character; then for each
family the CSS API is asked for a subset holding just the text
(``css2?family=F&text=...``, with an old browser's user agent, so that the
answer is a TrueType/OpenType file), and that file becomes a font named
``satori_<code>_fallback_<text>``, weight 400.

Where it departs from next/og, on purpose: it runs only when asked for (no
render touches the network otherwise); downloads go through a bounded disk
cache (:class:`~.downloads.DiskCache`, by URL, so a card rendered again, in
another process, costs no request) and a bounded in-memory memo; every request
has a timeout, every body a size cap, and each answer a total time budget;
a failure is answered with no fonts (the text falls back as it would have) and
reported as a :class:`FontError` on the diagnostics channel (logged; raised
only with ``strict=True``).
``base_url`` points it at another server speaking the same protocol (the
tests run one on 127.0.0.1).
"""
from __future__ import annotations

import re
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import report
from ..errors import FontError
from ..options import Font
from ..patterns import lazy_compile
from .downloads import DiskCache, http_get, user_cache_dir
from .fonts import LOCALES

__all__ = ["FAMILIES", "GoogleFontsLoader", "google_fonts"]

#: Satori's language codes -> the Google Fonts families next/og asks for.
FAMILIES: Mapping[str, tuple[str, ...]] = {
    "ja-JP": ("Noto Sans JP",), "ko-KR": ("Noto Sans KR",), "zh-CN": ("Noto Sans SC",),
    "zh-TW": ("Noto Sans TC",), "zh-HK": ("Noto Sans HK",), "th-TH": ("Noto Sans Thai",),
    "bn-IN": ("Noto Sans Bengali",), "ar-AR": ("Noto Sans Arabic",), "ta-IN": ("Noto Sans Tamil",),
    "ml-IN": ("Noto Sans Malayalam",), "he-IL": ("Noto Sans Hebrew",), "te-IN": ("Noto Sans Telugu",),
    "devanagari": ("Noto Sans Devanagari",), "kannada": ("Noto Sans Kannada",),
    "symbol": ("Noto Sans Symbols", "Noto Sans Symbols 2"), "math": ("Noto Sans Math",),
    "unknown": ("Noto Sans",),
}
# The user agents next/og sends: a current Chrome gets unicode-range subsets (WOFF2),
# an old Safari gets TrueType files.
_MODERN_AGENT = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/112.0.0.0 Safari/537.36")
_TTF_AGENT = ("Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_6_8; de-at) AppleWebKit/533.21.1 (KHTML, like "
              "Gecko) Version/5.0.5 Safari/533.21.1")
_FACE = lazy_compile(r"@font-face\s*\{([^}]*)\}", re.IGNORECASE)
_FAMILY = lazy_compile(r"font-family\s*:\s*['\"]?([^;'\"]+)['\"]?\s*;", re.IGNORECASE)
_RANGE = lazy_compile(r"unicode-range\s*:\s*([^;}]+)", re.IGNORECASE)
_SRC = lazy_compile(r"src\s*:\s*url\(\s*['\"]?([^)'\"]+)['\"]?\s*\)\s*format\(\s*['\"](?:opentype|truetype)['\"]\s*\)",
                  re.IGNORECASE)

_MISS_TTL = 300.0

Fetcher = Callable[[str, Mapping[str, str]], bytes]
"""``(url, headers) -> body``; raises on failure."""


class GoogleFontsLoader:
    """``load_additional_asset`` that fetches Noto subsets from Google Fonts (see the module doc).

    ``cache_dir`` (default: the user cache directory plus ``google-fonts``;
    ``False`` for none) holds at most ``cache_max_bytes``; ``timeout`` bounds
    each request and ``budget`` each answer in seconds; ``max_css_bytes`` and
    ``max_font_bytes`` cap the bodies; ``families`` overrides :data:`FAMILIES`.
    """

    thread_safe = True

    def __init__(self, *, base_url: str = "https://fonts.googleapis.com",
                 cache_dir: str | Path | bool | None = None, cache_max_bytes: int = 64 * 1024 * 1024,
                 timeout: float = 10.0, budget: float = 20.0, max_css_bytes: int = 256 * 1024,
                 max_font_bytes: int = 8 * 1024 * 1024, families: Mapping[str, Sequence[str]] | None = None,
                 fetcher: Fetcher | None = None, memo_entries: int = 512) -> None:
        self.base_url = base_url.rstrip("/")
        if cache_dir is False:
            self.cache: DiskCache | None = None
        else:
            directory = (user_cache_dir() / "google-fonts" if cache_dir is None or cache_dir is True
                         else Path(cache_dir))
            self.cache = DiskCache(directory, cache_max_bytes, suffix=".bin")
        self.timeout = timeout
        self.budget = budget
        self.max_css_bytes = max_css_bytes
        self.max_font_bytes = max_font_bytes
        self.families = {code: tuple(names) for code, names in (families or FAMILIES).items()}
        self.fetcher = fetcher
        self._memo: OrderedDict[tuple[str, str], list[Font]] = OrderedDict()
        self._memo_entries = memo_entries
        self._misses: dict[tuple[str, str], float] = {}  # failed requests, not retried until then
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"GoogleFontsLoader(base_url={self.base_url!r})"

    def __getstate__(self) -> dict[str, Any]:
        # Picklable for worker processes (the web render pool, render_many); each keeps its own memo.
        state = dict(self.__dict__)
        del state["_lock"]
        state["_memo"], state["_misses"] = OrderedDict(), {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def __call__(self, code: str, segment: str) -> list[Font]:
        families = self.families.get(code)
        if not families or not segment:
            return []  # emoji, and codes with no family, are someone else's
        key = (code, segment)
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return list(self._memo[key])
            if self._misses.get(key, 0.0) > time.monotonic():
                return []
        try:
            fonts = self._load(code, segment, families, time.monotonic() + self.budget)
        except Exception as exc:  # noqa: BLE001 - a font that can't be had is not an error of the card
            report(FontError(f"Google Fonts: no font for {code} text {segment!r} (not retried for "
                             f"{_MISS_TTL:g} s): {exc}", value=segment))
            with self._lock:
                if len(self._misses) >= self._memo_entries:
                    self._misses.clear()
                self._misses[key] = time.monotonic() + _MISS_TTL
            return []
        with self._lock:
            self._memo[key] = fonts
            while len(self._memo) > self._memo_entries:
                self._memo.popitem(last=False)
        return list(fonts)

    def _load(self, code: str, text: str, families: tuple[str, ...], deadline: float) -> list[Font]:
        by_family: dict[str, str] = {families[0]: text}
        if len(families) > 1:
            by_family = self._split_by_range(families, text, deadline)
        lang = code if code in LOCALES else None
        fonts = []
        for family, chars in by_family.items():
            css = self._get(self._css_url([family], chars), _TTF_AGENT, self.max_css_bytes, deadline)
            match = _SRC.search(css.decode("utf-8", "replace"))
            if match is None:
                raise ValueError(f"the CSS for {family!r} names no TrueType or OpenType file")
            data = self._get(urllib.parse.urljoin(self.base_url + "/", match.group(1)), _TTF_AGENT,
                             self.max_font_bytes, deadline)
            fonts.append(Font(f"satori_{code}_fallback_{text}", data, 400, "normal", lang))
        return fonts

    def _split_by_range(self, families: tuple[str, ...], text: str, deadline: float) -> dict[str, str]:
        """Each character to the first family whose ``unicode-range`` holds it."""
        css = self._get(self._css_url(families) + "&display=swap", _MODERN_AGENT, self.max_css_bytes,
                        deadline).decode("utf-8", "replace")
        ranges: dict[str, list[tuple[int, int]]] = {}
        for block in _FACE.findall(css):
            name, spans = _FAMILY.search(block), _RANGE.search(block)
            if name is not None and spans is not None:
                ranges.setdefault(name.group(1).strip(), []).extend(_parse_ranges(spans.group(1)))
        out: dict[str, str] = {}
        for char in dict.fromkeys(text):
            cp = ord(char)
            family = next((f for f in families if any(lo <= cp <= hi for lo, hi in ranges.get(f, ()))),
                          families[0])
            out[family] = out.get(family, "") + char
        return out

    def _css_url(self, families: Sequence[str], text: str | None = None) -> str:
        query = "&".join("family=" + urllib.parse.quote_plus(f) for f in families)
        if text is not None:
            query += "&text=" + urllib.parse.quote(text, safe="")
        return f"{self.base_url}/css2?{query}"

    def _get(self, url: str, agent: str, max_bytes: int, deadline: float) -> bytes:
        cache_key = f"{agent[:40]} {url}"
        if self.cache is not None:
            cached = self.cache.get(cache_key)
            if cached is not None:
                return cached
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"over the time budget of {self.budget:g} s")
        headers = {"User-Agent": agent}
        if self.fetcher is not None:
            data = self.fetcher(url, headers)
            if len(data) > max_bytes:
                raise ValueError(f"{url}: larger than {max_bytes} bytes")
        else:
            data = http_get(url, headers=headers, timeout=min(self.timeout, left), max_bytes=max_bytes)
        if self.cache is not None:
            self.cache.put(cache_key, data)
        return data


def _parse_ranges(text: str) -> list[tuple[int, int]]:
    """``U+0-FF, U+4??, U+1F300`` -> inclusive code point ranges."""
    spans = []
    for part in text.split(","):
        part = part.strip().upper().removeprefix("U+")
        try:
            if "-" in part:
                lo, hi = part.split("-", 1)
                spans.append((int(lo, 16), int(hi, 16)))
            elif "?" in part:
                spans.append((int(part.replace("?", "0"), 16), int(part.replace("?", "F"), 16)))
            elif part:
                spans.append((int(part, 16), int(part, 16)))
        except ValueError:
            continue
    return spans


def google_fonts(**options: Any) -> GoogleFontsLoader:
    """A :class:`GoogleFontsLoader` (``render_png(..., load_additional_asset=google_fonts())``)."""
    return GoogleFontsLoader(**options)
