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


_IMAGE = {"type": "img", "props": {"src": "https://example.com/a.png", "width": 4, "height": 4}}


def _render_keeping(kept: list[object], count: int) -> None:
    """A render during which ``count`` new objects are made and kept (as a cache keeps entries)."""
    def fetcher(url: str) -> bytes:
        kept.extend([] for _ in range(count))
        raise OSError("offline")

    try:
        render_svg(_IMAGE, width=10, height=10, fetcher=fetcher)
    except Exception:  # noqa: BLE001 - the failed image may be an error or a warning
        pass


def _young_collections() -> int:
    return int(gc.get_stats()[0]["collections"])


def test_what_a_render_keeps_goes_to_the_oldest_generation_uncollected() -> None:
    kept: list[object] = []
    gc.collect()
    before = _young_collections()
    _render_keeping(kept, 5000)
    assert _young_collections() == before  # no young collection over the 5,000 on re-enabling
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in oldest for o in kept)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_program_s_frozen_objects_stay_frozen() -> None:
    kept: list[object] = []
    sentinel: list[object] = []
    gc.collect()
    gc.freeze()
    try:
        before = _young_collections()
        _render_keeping(kept, 5000)
        assert gc.get_freeze_count() > 0
        assert not any(o is sentinel for o in gc.get_objects())  # still in the permanent generation
        # Not promoted: the collector's own young collection runs on the first allocation.
        [].append(0)
        assert _young_collections() > before
    finally:
        gc.unfreeze()


def test_promotion_stops_at_its_budget_between_full_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    from satori_py import api

    kept: list[object] = []
    gc.collect()
    monkeypatch.setattr(api, "_PROMOTE_BUDGET", 4000)
    before = _young_collections()
    _render_keeping(kept, 3000)
    assert _young_collections() == before
    _render_keeping(kept, 3000)  # 6,000 > 4,000 since the last full collection: the collector's way
    [].append(0)
    assert _young_collections() > before
    gc.collect()  # a full collection starts a new budget
    before = _young_collections()
    _render_keeping(kept, 3000)
    assert _young_collections() == before
