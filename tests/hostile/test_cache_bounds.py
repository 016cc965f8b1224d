"""Per-process caches keep no long CSS texts: a long sheet or family list is worked on
and let go.

Before: 64 distinct sheets of 200,000 characters stayed parsed (280 MB, 4.3 MB each);
each render with a new 300,000-family `fontFamily` kept its font engine (20 MB each).
"""
from __future__ import annotations

import gc
import logging
import tracemalloc
from collections import deque
from collections.abc import Iterator

import pytest

from satori_py import Limits, h, render_svg
from satori_py.api import default_fonts
from satori_py.style import sheet_apply
from satori_py.text import engine, paragraph
from satori_py.text.fonts import FontRegistry
from tests.fuzz.bulk import KINDS


def test_a_long_sheet_is_parsed_and_not_kept() -> None:
    sheet_apply._parsed.cache_clear()  # type: ignore[attr-defined]
    short = ".a{color:red}"
    long = ".b{" + "color:red;" * (sheet_apply._MAX_CACHED_SHEET // 10 + 1) + "}"
    for sheet in (short, long):
        render_svg(h("div", {}, h("style", {}, sheet), "x"), width=20, height=20)
    assert sheet_apply._parsed.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_a_long_family_list_gets_an_engine_of_its_own() -> None:
    paragraph._ENGINES.clear()
    render_svg(h("div", {"style": {"fontFamily": ", ".join(f"f{i}" for i in range(100))}}, "x"), width=20,
               height=20, on_warning=lambda e: None)
    assert len(paragraph._ENGINES) == 0
    render_svg(h("div", {"style": {"fontFamily": "f1, f2"}}, "x"), width=20, height=20, on_warning=lambda e: None)
    assert len(paragraph._ENGINES) == 1


def test_a_long_family_list_is_not_kept_by_the_caches_of_text(caplog: pytest.LogCaptureFixture) -> None:
    # Before: the caches keyed by an engine's fonts (shaped runs, missing graphemes) held its
    # family list: 300,000 families, ~40 MB held after each render with a new one.
    caplog.set_level(logging.ERROR, logger="satori_py")

    def render(mark: str, n: int) -> None:
        family = ", ".join(f"{mark}{i}" for i in range(n))
        render_svg(h("div", {"style": {"fontFamily": family}}, "x"), width=20, height=20,
                   on_warning=lambda e: None)

    render("a", 100)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        render("b", 20_000)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # Before: ~7 MB (each cluster's shaped glyphs kept, ~177 B a glyph). What is held now is
    # the word splits of the texts (text/processor.py's cache, bounded at 2 MB) and glyph paths.
    assert held < 1_000_000, held


def test_long_style_values_are_worked_on_and_not_kept(caplog: pytest.LogCaptureFixture) -> None:
    # Before: each cache keyed by CSS text kept its key, up to 4096 entries (1 MB values: 4 GB);
    # here 1.2 MB stayed. The values are far past the longest text a cache keeps (4096
    # characters), and one kept copy of any of them (50 KB) is over the bound: 4 KB stays.
    # (Under tracemalloc every allocation is traced: the style parsers' 200,000-character
    # values took 3.5 s of CPU here, and the render's 60 s time limit was reached under load.)
    caplog.set_level(logging.ERROR, logger="satori_py")  # pytest keeps the records it captures
    length = 50_000
    def render(n: int, mark: str) -> None:
        long = mark + "x" * n
        style = {"color": "#" + long, "width": long, "backgroundColor": "rgb(" + long + ")", "--v" + long: "1"}
        element = {"type": "d" + long, "props": {"style": style, "children": "x"}}
        render_svg(element, width=20, height=20, on_style_error=lambda e: None, on_warning=lambda e: None,
                   limits=Limits(timeout=None))  # a bound on memory: the time it takes is not the point

    render(10, "a")  # the short values' entries, and every first-use cost
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        render(length, "b")
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < length * 0.8, held


def _held_by_shaped_runs(texts: Iterator[str]) -> int:
    """Bytes held after shaping ``texts`` (each kept by the shaped runs' cache, or not), made
    while measuring: a text HarfBuzz read holds a UTF-8 copy of itself while it lives."""
    shaper = FontRegistry(default_fonts()).engine(16)
    shaper.shaped_runs("warm")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        deque(map(shaper.shaped_runs, texts), maxlen=0)  # no text outlives its call
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_the_shaped_runs_kept_hold_a_few_megabytes_at_most() -> None:
    # Before: up to a million glyphs were kept, ~180 MB (a process rendering bulk hostile
    # input over and over held 5 MB more a round of tests/fuzz/bulk.py's kinds).
    engine._RUNS.clear()
    held = _held_by_shaped_runs(f"{i} " + "lorem ipsum " * 40 for i in range(40))
    glyphs = engine._RUNS._weight
    assert glyphs > 15_000  # each text was kept
    assert engine._RUN_GLYPHS * held / glyphs < 24 * 2 ** 20, held / glyphs


def test_a_long_text_is_shaped_and_not_kept() -> None:
    # A cluster of 10,000 marks is one run of 10,000 glyphs: each new one was kept.
    engine._RUNS.clear()
    held = _held_by_shaped_runs("a" + "\u0301" * (10_000 + i) for i in range(5))
    assert len(engine._RUNS) == 1  # "warm"
    assert held < 10_000, held


def test_renders_of_new_long_clusters_over_and_over_hold_nothing_more(caplog: pytest.LogCaptureFixture) -> None:
    # The bulk fuzz kinds that grew a process (RSS 126 -> 193 MB over 8 rounds of all 29
    # kinds): a cluster of thousands of marks, of joined emoji, a run of tabs, new each time.
    caplog.set_level(logging.ERROR, logger="satori_py")
    kinds = [KINDS[kind][0] for kind in ("combining-marks", "zwj-chain", "tabs")]

    def round_of(n: int) -> None:
        for make in kinds:
            render_svg(make(n), width=100, height=100, emoji=None)

    round_of(4500)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(4501, 4504):
            round_of(n)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # Before: ~7 MB (each cluster's shaped glyphs kept, ~177 B a glyph). What is held now is
    # the word splits of the texts (text/processor.py's cache, bounded at 2 MB) and glyph paths.
    assert held < 1_000_000, held


def test_a_process_keeps_the_warm_tokens_of_its_prepared_batch_contexts_only() -> None:
    # A process calling render_many for each request kept one more token (and set slot) each time.
    from satori_py.batch import worker

    for _ in range(20):
        worker.warm(worker.BatchContext({"width": 8, "height": 8}))
    assert len(worker._WARM) <= worker._MAX_PREPARED
    assert worker._WARM <= set(worker._PREPARED)


def test_compiled_templates_are_bounded_by_their_sources_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Compiled, a template holds about nine times its source: 64 of any size were kept.
    from satori_py import templates

    assert (templates._COMPILED.max_entries, templates._COMPILED.max_weight) == (64, 8 << 20)
    monkeypatch.setattr(templates._COMPILED, "max_weight", 3000)  # (compiling megabytes takes seconds)
    templates._COMPILED.clear()
    text = "<div>{{ title }}" + "x" * 1000 + "</div>"
    for i in range(4):
        template = templates.Template(text + "<!--" + str(i) + "-->")
        assert template.render_text({"title": "t"}).startswith("<div>t")
    assert len(templates._COMPILED) == 2
    templates.Template("<div>{{ title }}</div>").check()
    assert len(templates._COMPILED) == 3
    huge = templates.Template("<div>{{ title }}" + "x" * 3000 + "</div>")  # over the bound: not kept
    assert huge.render_text({"title": "t"}).startswith("<div>t")
    assert len(templates._COMPILED) == 0
    templates._COMPILED.clear()


def test_a_stream_of_new_large_data_uris_keeps_32_mib_of_them_at_most() -> None:
    # Before: 256 MiB; 60 renders of new 4 MB avatars grew the process from 34 to 270 MB.
    import base64

    from satori_py.images import source

    from .support import png_header

    source.clear_image_cache()
    png = png_header(10, 10)
    for i in range(10):
        uri = "data:image/png;base64," + base64.b64encode(png + bytes([i]) * 3_000_000).decode()
        render_svg(h("img", {"src": uri, "width": 10, "height": 10}), width=20, height=20)
    assert sum(len(image.href) for image in source.CACHE.values()) <= 32 * 1024 * 1024
    assert len(source.CACHE) == 8  # the last eight (4 MB each) are kept
