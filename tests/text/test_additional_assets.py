"""``load_additional_asset``: language codes as the reference computes them, the requests
made, the answers applied (fonts, images), and the two-pass layout; ``lang`` and locales.

The expected codes and requests were read from the real Satori 0.63.2 (Node 20): the
character tables of :mod:`satori_py.text.language` are generated from that runtime.
"""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from satori_py import Font, render_svg
from satori_py.errors import FontError
from satori_py.text.assets import (
    compose_asset_loaders,
    layout_with_additional_assets,
    missing_segments,
    resolve_additional_assets,
)
from satori_py.text.fonts import FontRegistry
from satori_py.text.language import (
    LOCALES,
    convert_to_language_codes,
    detect_language_code,
    is_emoji,
    normalize_locale,
)

from .conftest import FONT_DIR, font_bytes

CJK = "ja-JP|zh-CN|zh-TW|zh-HK"
URI = "data:image/svg+xml;base64,PHN2Zy8+"


# -- language codes ---------------------------------------------------------------------------

@pytest.mark.parametrize(("segment", "locale", "codes"), [
    ("\u4f60", None, CJK),
    ("\u4f60", "zh-TW", "zh-TW|ja-JP|zh-CN|zh-HK"),
    ("\u4f60", "ko-KR", CJK),  # the locale only reorders codes the text has
    ("\u3042", None, "ja-JP"),  # hiragana
    ("\u30a2", "zh-CN", "ja-JP"),
    ("\uff01", None, "ja-JP"),  # full-width forms
    ("\u3000", None, "ja-JP"),
    ("\uc548", None, "ko-KR"),
    ("\u0e01", None, "th-TH"),
    ("\u05d0", None, "he-IL"),
    ("\u0627", None, "ar-AR"),
    ("\u0915", None, "devanagari"),
    ("\u0c95", None, "kannada"),
    ("\u03b1", None, "unknown"),  # Greek: no special font
    ("\U0001F600", None, "emoji"),
    ("\U0001F1EF\U0001F1F5", None, "emoji"),
    ("#\ufe0f\u20e3", None, "emoji"),
    ("#", None, "unknown"),  # a keycap base alone is no emoji
    ("1\ufe0f", None, "unknown"),
    ("\u2764", None, "emoji"),  # \p{Emoji}, though text by default
    ("\u2764\ufe0e", None, "symbol"),  # asked for as text
    ("\U0001F600\ufe0e", None, "emoji"),  # emoji by default: stays one
    ("\u00a9", None, "emoji"),
    ("\u2318", None, "symbol"),
    ("\u2211", None, "symbol"),  # Sm is a symbol before it is math
    ("\u2202", None, "symbol"),
    ("\U0001D44E", None, "math"),  # mathematical italic a: Math, not Symbol
])
def test_detect_language_code(segment: str, locale: str | None, codes: str) -> None:
    assert "|".join(detect_language_code(segment, locale)) == codes


def test_is_emoji_follows_emoji_regex_xs() -> None:
    assert is_emoji("a\U0001F1FA\U0001F1F8")  # two regional indicators anywhere
    assert is_emoji("\U0001F1FA")  # a lone regional indicator is \p{Emoji} too
    assert is_emoji("1\u20e3") and is_emoji("1\ufe0f\u20e3")
    assert not is_emoji("123") and not is_emoji("")


@pytest.mark.parametrize(("lang", "locale"), [
    ("ja", "ja-JP"), ("ja-JP", "ja-JP"), ("JA-jp", "ja-JP"), ("zh", "zh-CN"), ("zh-tw", "zh-TW"),
    ("ko", "ko-KR"), ("th", "th-TH"), ("e", "emoji"), ("dev", "devanagari"),
    ("en", None), ("", None), (None, None), ("ja-JP-x", None),
])
def test_normalize_locale(lang: Any, locale: str | None) -> None:
    assert normalize_locale(lang) == locale


def test_locales_match_the_font_registry() -> None:
    from satori_py.text.fonts import LOCALES as REGISTRY_LOCALES
    assert LOCALES == REGISTRY_LOCALES


def test_convert_to_language_codes_groups_like_the_reference() -> None:
    missing = [("\u4f60", None), ("\u597d", None), ("\uc548", None), ("\ub155", None),
               ("\u4f60", None), ("\U0001F600", None), ("\u3053", None), ("\U0001F600", None),
               ("\u03b1", None), ("\U0001F44B\U0001F3FD", None), ("\u6587", "zh-TW")]
    assert convert_to_language_codes(missing) == {
        CJK: ["\u4f60\u597d"],
        "ko-KR": ["\uc548\ub155"],
        "emoji": ["\U0001F600", "\U0001F44B\U0001F3FD"],
        "ja-JP": ["\u3053"],
        "unknown": ["\u03b1"],
        "zh-TW|ja-JP|zh-CN|zh-HK": ["\u6587"],
    }


# -- resolving --------------------------------------------------------------------------------

class FakeParagraph:
    def __init__(self, missing: list[tuple[str, str | None]], path: str = "div/#text[0]") -> None:
        self.missing = missing
        self.items = [type("Item", (), {"text": "", "path": path})()]

    def missing_graphemes(self) -> list[tuple[str, str | None]]:
        return list(self.missing)


def _geist() -> Font:
    from satori_py.assets import DEFAULT_FONT_PATH
    return Font("Geist", DEFAULT_FONT_PATH)


def test_resolve_adds_images_and_fonts_once() -> None:
    registry = FontRegistry([_geist()])
    images: dict[str, str] = {}
    calls: list[tuple[str, str]] = []
    extra = Font("Extra", _geist().data, 400, "normal", "ja-JP")

    def load(code: str, segment: str) -> Any:
        calls.append((code, segment))
        return URI if code == "emoji" else [extra]

    paragraphs = [FakeParagraph([("\U0001F600", None), ("\u3042", None)]),
                  FakeParagraph([("\U0001F600", None)], "div/div[1]/#text[0]")]
    processed: set[str] = set()
    assert resolve_additional_assets(paragraphs, registry, images, load, processed=processed)
    assert calls == [("emoji", "\U0001F600"), ("ja-JP", "\u3042")]
    assert images == {"\U0001F600": URI}
    assert "extra_ja-JP" in registry.fonts
    # The same requests are not made twice in one render.
    assert not resolve_additional_assets(paragraphs, registry, images, load, processed=processed)
    assert len(calls) == 2


def test_segments_come_in_document_order() -> None:
    later = FakeParagraph([("\u4e8c", None)], "div/div[1]/span[0]/#text[0]")
    earlier = FakeParagraph([("\u4e00", None)], "div/div[0]/#text[0]")
    assert missing_segments([later, earlier]) == [("\u4e00", None), ("\u4e8c", None)]
    assert missing_segments([FakeParagraph([("a", None)], "div/div[10]/#text[0]"),
                             FakeParagraph([("b", None)], "div/div[9]/#text[0]")]) == [("b", None), ("a", None)]


def test_answers_that_are_empty_add_nothing() -> None:
    registry = FontRegistry([_geist()])
    token = registry.token
    for answer in (None, [], "", False):
        assert not resolve_additional_assets([FakeParagraph([("\u3042", None)])], registry, {},
                                             lambda c, s, a=answer: a)
    assert registry.token == token
    assert not resolve_additional_assets([FakeParagraph([])], registry, {}, lambda c, s: URI)
    assert not resolve_additional_assets([FakeParagraph([("x", None)])], registry, {}, None)


def test_fonts_may_be_mappings_or_one_font() -> None:
    registry = FontRegistry([_geist()])
    data = _geist().load_bytes()
    resolve_additional_assets([FakeParagraph([("\u3042", None)])], registry, {},
                              lambda c, s: {"name": "Dyn", "data": data, "lang": "ja-JP"})
    resolve_additional_assets([FakeParagraph([("\uc548", None)])], registry, {},
                              lambda c, s: Font("One", data))
    assert {"dyn_ja-JP", "one_unknown"} <= set(registry.fonts)


def test_bad_answers_and_failures_are_font_errors() -> None:
    registry = FontRegistry([_geist()])
    with pytest.raises(FontError, match=r'load_additional_asset\("ja-JP", "\u3042"\) returned int'):
        resolve_additional_assets([FakeParagraph([("\u3042", None)])], registry, {}, lambda c, s: 42)

    def broken(code: str, segment: str) -> Any:
        raise RuntimeError("offline")
    with pytest.raises(FontError, match="failed: offline") as info:
        resolve_additional_assets([FakeParagraph([("\u3042", None)])], registry, {}, broken)
    assert isinstance(info.value.__cause__, RuntimeError)


def test_async_callbacks_are_awaited() -> None:
    async def load(code: str, segment: str) -> Any:
        await asyncio.sleep(0)
        return URI

    images: dict[str, str] = {}
    assert resolve_additional_assets([FakeParagraph([("\U0001F600", None), ("\U0001F601", None)])],
                                     FontRegistry([_geist()]), images, load)
    assert images == {"\U0001F600": URI, "\U0001F601": URI}

    async def inside_a_loop() -> dict[str, str]:
        found: dict[str, str] = {}
        resolve_additional_assets([FakeParagraph([("\U0001F600", None)])], FontRegistry([_geist()]),
                                  found, load)
        return found
    assert asyncio.run(inside_a_loop()) == {"\U0001F600": URI}
    both = compose_asset_loaders(load, lambda c, s: None)
    assert both is not None and both("emoji", "x") == URI


def _loader_recording_threads(**hints: bool) -> tuple[Any, set[str]]:
    """A loader answering URI, marked with ``hints``, and the names of the threads that called it."""
    seen: set[str] = set()

    def load(code: str, segment: str) -> str:
        seen.add(threading.current_thread().name)
        return URI
    for hint, value in hints.items():
        setattr(load, hint, value)
    return load, seen


def test_thread_safe_loaders_run_concurrently() -> None:
    load, seen = _loader_recording_threads(thread_safe=True)
    images: dict[str, str] = {}
    emoji = [(chr(0x1F600 + i), None) for i in range(12)]
    resolve_additional_assets([FakeParagraph(emoji)], FontRegistry([_geist()]), images, load)
    assert len(images) == 12
    # Each call on a thread of its own, bounded by the render's deadline (satori_py/fetch/bounded.py).
    assert len(seen) > 1 and all(name.startswith("satori-call") for name in seen)


def test_layout_runs_again_only_when_something_was_added() -> None:
    registry = FontRegistry([_geist()])
    passes: list[int] = []

    def layout_pass(missing: list[tuple[str, str | None]]) -> Any:
        def run() -> tuple[int, list[FakeParagraph]]:
            passes.append(1)
            return len(passes), [FakeParagraph(missing)]
        return run

    assert layout_with_additional_assets(layout_pass([("\U0001F600", None)]), registry, {},
                                         lambda c, s: URI) == 2
    passes.clear()
    assert layout_with_additional_assets(layout_pass([("\U0001F600", None)]), registry, {},
                                         lambda c, s: None) == 1
    passes.clear()
    assert layout_with_additional_assets(layout_pass([]), registry, {}, lambda c, s: URI) == 1


# -- through the pipeline ---------------------------------------------------------------------

def _requests(element: dict[str, Any], fonts: list[Font]) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []

    def load(code: str, segment: str) -> Any:
        calls.append((code, segment))
        return []
    render_svg(element, width=200, height=200, fonts=fonts, load_additional_asset=load)
    return calls


def test_requests_with_lang_match_the_reference() -> None:
    """Recorded from satori 0.63.2 with the same element and Roboto."""
    roboto = Font("Roboto", font_bytes("Roboto-Regular.ttf"))
    element = {"type": "div", "props": {"style": {"display": "flex", "flexDirection": "column"}, "children": [
        {"type": "div", "props": {"lang": "zh-TW", "children": [
            "\u4f60", {"type": "span", "props": {"lang": "en", "children": "\u597d"}},
            {"type": "span", "props": {"children": "\u4eec"}}]}},
        {"type": "div", "props": {"lang": "ko", "children": "\u4e2d \U0001F600 \u2211 \u03b1 \u2764\ufe0e \u2318"}},
        {"type": "div", "props": {"lang": "ja", "children": "\u3042\u5b57"}},
    ]}}
    assert _requests(element, [roboto]) == [
        ("zh-TW|ja-JP|zh-CN|zh-HK", "\u4f60\u4eec"),
        (CJK, "\u597d\u4e2d\u5b57"),
        ("emoji", "\U0001F600"),
        ("symbol", "\u2764\ufe0e\u2318"),
        ("ja-JP", "\u3042"),
    ]


def test_added_fonts_draw_the_text() -> None:
    roboto = Font("Roboto", font_bytes("Roboto-Regular.ttf"))
    nihao = font_bytes("NotoSansJP-subset-nihao.ttf")
    element = {"type": "div", "props": {"style": {"fontSize": 30}, "children": "Hi \u4f60\u597d"}}
    plain = render_svg(element, width=200, height=60, fonts=[roboto])

    def load(code: str, segment: str) -> Any:
        assert (code, segment) == (CJK, "\u4f60\u597d")
        return [Font(f"satori_{code}_fallback_{segment}", nihao, 400, "normal", "ja-JP")]
    loaded = render_svg(element, width=200, height=60, fonts=[roboto], load_additional_asset=load)
    assert loaded != plain
    direct = render_svg(element, width=200, height=60,
                        fonts=[roboto, Font("Noto", nihao, 400, "normal")])
    assert loaded.count("<path") == direct.count("<path")


def test_lang_picks_the_font_of_its_locale() -> None:
    """Text no family font has falls back to the font registered for the element's lang."""
    if not (FONT_DIR / "Roboto-Regular.ttf").exists():
        pytest.skip("conformance fonts not available")
    nihao = font_bytes("NotoSansJP-subset-nihao.ttf")  # has no Latin letters
    fonts = [Font("Nihao", nihao), Font("Geist", Path(_geist().data), 400, "normal", "ko-KR"),
             Font("Roboto", font_bytes("Roboto-Regular.ttf"), 400, "normal", "ja-JP")]

    def render(lang: str | None) -> str:
        props: dict[str, Any] = {"style": {"fontFamily": "Nihao", "fontSize": 30}, "children": "a"}
        if lang is not None:
            props["lang"] = lang
        return render_svg({"type": "div", "props": props}, width=100, height=50, fonts=fonts)

    def alone(font: Font) -> str:
        return render_svg({"type": "div", "props": {"style": {"fontSize": 30}, "children": "a"}},
                          width=100, height=50, fonts=[font])
    geist, roboto = alone(Font("G", Path(_geist().data))), alone(Font("R", font_bytes("Roboto-Regular.ttf")))
    assert render("ko") == geist
    assert render("ja-JP") == roboto


def test_in_memory_loaders_are_called_on_the_render_thread() -> None:
    # The bundled emoji answer from memory: a thread pool per render would only add its start-up.
    load, seen = _loader_recording_threads(thread_safe=True, in_memory=True)
    images: dict[str, str] = {}
    emoji = [(chr(0x1F600 + i), None) for i in range(12)]
    composed = compose_asset_loaders(load, load)
    assert composed is not None and composed.in_memory is True  # type: ignore[attr-defined]
    resolve_additional_assets([FakeParagraph(emoji)], FontRegistry([_geist()]), images, composed)
    assert len(images) == 12
    assert seen == {threading.current_thread().name}


def test_the_bundled_emoji_are_in_memory_and_a_cdn_set_is_not() -> None:
    from satori_py.text.emoji import emoji_asset_loader
    assert emoji_asset_loader("twemoji").in_memory is True
    assert emoji_asset_loader("openmoji", cache_dir=False).in_memory is False
