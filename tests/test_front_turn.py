"""The front-end turn (satori_py.front_turn): one PNG render's front end at a time among
threads, never a wait that can grow, set aside while the render waits for user code."""
from __future__ import annotations

import threading

import pytest

import resvg_bridge
import satori_py.front_turn as turn
from satori_py import render_png
from satori_py.front_turn import front_turn, holds_turn, set_aside

PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/"
         "iZk9HQAAAABJRU5ErkJggg==")


def _in_thread(fn) -> object:
    out: list[object] = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_the_turn_is_one_threads_at_a_time_and_kept_by_a_nested_block() -> None:
    assert not holds_turn()
    with front_turn():
        assert holds_turn()
        assert _in_thread(lambda: turn._turn.acquire(blocking=False)) is False  # taken
        with front_turn():  # nested on the same thread: kept, not waited for
            assert holds_turn()
        assert holds_turn()
    assert not holds_turn()
    assert _in_thread(lambda: turn._turn.acquire(blocking=False)) is True  # given back
    turn._turn.release()


def test_a_render_that_cannot_get_the_turn_runs_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turn, "WAIT", 0)  # (any bound: the other thread holds it throughout)
    with front_turn():
        def other() -> tuple[bool, bool]:
            with front_turn():
                inside = holds_turn()
            return inside, holds_turn()
        assert _in_thread(other) == (False, False)  # ran, without the turn, and released nothing
        assert holds_turn()
    assert not turn._turn.locked()


def test_set_aside_gives_the_turn_to_others_and_takes_it_back() -> None:
    with set_aside():  # not held: nothing to give
        assert not holds_turn()
    with front_turn():
        with set_aside():
            assert not holds_turn()
            assert _in_thread(lambda: (turn._turn.acquire(blocking=False), turn._turn.release())[0]) is True
        assert holds_turn()
    assert not turn._turn.locked()


@pytest.mark.skipif("svg2png" not in resvg_bridge.available_backends(), reason="svg2png is not installed")
def test_render_png_takes_the_turn_for_its_front_end_and_sets_it_aside_for_the_fetcher(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resvg_bridge.ENV_BACKEND, "svg2png")
    seen: dict[str, bool] = {}

    def fetcher(url: str) -> bytes:
        seen["fetcher"] = turn._turn.locked()  # (it runs on a thread of its own: the render's is waiting)
        import base64
        return base64.b64decode(PIXEL.split(",", 1)[1])

    def on_warning(exc: Exception) -> None:
        seen["warning"] = holds_turn()

    element = {"type": "div", "props": {"style": {"display": "flex", "width": 20, "height": 20, "cursor": "x"},
                                        "children": [{"type": "img", "props": {"src": "https://example.com/a.png",
                                                                               "width": 10, "height": 10}}]}}
    png = render_png(element, width=20, height=20, fetcher=fetcher, on_warning=on_warning,
                     on_style_error=on_warning)
    assert png.startswith(b"\x89PNG")
    assert seen == {"fetcher": False, "warning": True}  # set aside for the fetcher; held around the front end
    assert not holds_turn() and not turn._turn.locked()
