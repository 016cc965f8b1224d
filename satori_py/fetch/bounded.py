"""User callbacks run beside the render, within its deadline.

A ``fetcher=`` or a ``load_additional_asset=`` (and so the emoji sets' and Google
Fonts' downloads, which are asked through it) is user code, and may never return
(a socket read with no timeout, a lock, a queue). Called on the render's own thread
it would hold that thread past the render's deadline, for good: a thread cannot be
killed, and in thread mode (:mod:`satori_py.web.threads`) that thread is one of the
server's few render threads. So :func:`call_bounded` runs each call on a daemon
thread of its own and waits for it until the render's deadline (``Limits.timeout``);
past it the render fails with a ``LimitError`` (``timeout``) and the call is left to
finish on its own. At most :data:`MAX_ABANDONED` calls may be left running at once in
a process: past that, a render that needs a call fails at once rather than leave one
more thread behind, until one of them returns.

Fetchers that keep time themselves (``keeps_time``: :class:`~.http.HttpFetcher`,
whose fetch also ends at the render's deadline, and :class:`~.files.FilesFetcher`
with no fallback or such a fallback) are called on the render's thread: a thread
would only add its start-up.

Owns :func:`call_bounded`, :func:`call_fetcher` and :func:`abandoned`; the image
loader (:mod:`satori_py.images.source`) and the asset loaders' caller
(:mod:`satori_py.text.assets`) use them.
"""
from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any

from ..errors import LimitError
from ..front_turn import set_aside
from ..limits import active

__all__ = ["MAX_ABANDONED", "abandoned", "call_bounded", "call_fetcher"]

#: Calls of user callbacks still running after their render gave up on them.
MAX_ABANDONED = 16

_lock = threading.Lock()
_abandoned = [0]  # one item, changed under _lock


def abandoned() -> int:
    """How many callback calls are still running after their render gave up on them."""
    return _abandoned[0]


class _Call:
    __slots__ = ("done", "finished", "given_up", "result", "error")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.finished = False  # both flags are read and written under _lock
        self.given_up = False
        self.result: Any = None
        self.error: BaseException | None = None


def call_bounded(function: Callable[..., Any], *args: Any, doing: str, waiting: str) -> Any:
    """``function(*args)`` on a thread of its own, or LimitError once the render in
    progress is past its deadline. ``doing`` and ``waiting`` word the errors: what the
    call is for ("load URL") and what the render was waiting for ("the fetcher had not
    answered for URL")."""
    budget = active()
    with _lock:
        if _abandoned[0] >= MAX_ABANDONED:
            raise LimitError(f"Can't {doing}: {_abandoned[0]} calls of user callbacks are still running past "
                             "their renders' deadlines; no other is made until one of them returns.",
                             limit="timeout")
    call = _Call()
    context = contextvars.copy_context()

    def run() -> None:
        try:
            call.result = context.run(function, *args)
        except BaseException as exc:  # noqa: BLE001 - the render's thread raises it
            call.error = exc
        with _lock:
            call.finished = True
            if call.given_up:
                _abandoned[0] -= 1
        call.done.set()

    with set_aside():  # other renders' front ends run while this one waits
        threading.Thread(target=run, name=f"satori-call {doing[:60]}", daemon=True).start()
        answered = call.done.wait(budget.time_left())
    if not answered:
        with _lock:
            if not call.finished:
                call.given_up = True
                _abandoned[0] += 1
                raise budget.timeout_error(waiting=waiting)
    if call.error is not None:
        raise call.error
    return call.result


def call_fetcher(fetcher: Callable[[str], Any], url: str) -> Any:
    """``fetcher(url)``, or LimitError once the render in progress is past its deadline."""
    waiting = f"the fetcher had not answered for {url}"
    if not getattr(fetcher, "keeps_time", False):
        return call_bounded(fetcher, url, doing=f"load {url}", waiting=waiting)
    try:
        with set_aside():  # (it waits for the network)
            return fetcher(url)
    except Exception:
        budget = active()
        if budget.time_left() == 0:  # cut off by the render's deadline, not by its own timeout
            raise budget.timeout_error(waiting=waiting) from None
        raise
