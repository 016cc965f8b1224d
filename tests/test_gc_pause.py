"""The cyclic GC is paused while a render runs and restored after it, also on error."""
from __future__ import annotations

import gc

import pytest

from satori_py import StyleError, render_png, render_svg


def test_gc_is_paused_during_a_render_and_restored() -> None:
    seen: list[bool] = []

    def fetcher(url: str) -> bytes:
        seen.append(gc.isenabled())
        raise OSError("offline")

    element = {"type": "img", "props": {"src": "https://example.com/a.png", "width": 4, "height": 4}}
    assert gc.isenabled()
    try:
        render_svg(element, width=10, height=10, fetcher=fetcher)
    except Exception:  # noqa: BLE001 - the failed image may be an error or a warning
        pass
    assert seen and not any(seen)
    assert gc.isenabled()


def test_gc_is_restored_after_a_failed_render_and_stays_off_if_it_was() -> None:
    bad = {"type": "div", "props": {"style": {"display": "nope"}}}
    with pytest.raises(StyleError):
        render_png(bad, width=10, height=10)
    assert gc.isenabled()
    gc.disable()
    try:
        render_svg({"type": "div", "props": {}}, width=10, height=10)
        assert not gc.isenabled()
    finally:
        gc.enable()
