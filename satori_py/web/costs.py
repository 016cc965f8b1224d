"""What a render is expected to cost before it runs: what its template cost lately.

A thread cannot be paused, so the thread pool (:mod:`.threads`) has to know a
costly card *before* it gives it a thread. An OG server renders a few templates
with new text each time (a blog post's title, a user's name), and a card's cost
follows its template: its elements, styles, images, size and fonts. So a card's
:func:`template` is its element tree with the characters of its text left out
(their lengths kept, in powers of two: more text is more layout), and
:class:`CostMemory` keeps the CPU seconds the last renders of each template
took, measured on the render's own thread (a render slowed down by a busy
machine is not a costly one), and the wall seconds they took (a fetch, the
machine's load, the GIL shared with the other renders): a render expected to
take more than the time left before its deadline is not started, as it would be
answered at its deadline anyway. A template never seen is expected to be cheap:
it is served like any fresh render, and measured.

Only what a tree's walk can see cheaply goes in: at most :data:`MAX_VISITS`
values of the tree are read, and a string given as the whole element (JSON or
markup text) is taken whole, so such a card is its own template.
"""
from __future__ import annotations

import collections
import hashlib
import threading
from typing import Any

from .job import RenderJob

__all__ = ["MAX_VISITS", "CostMemory", "template"]

# Values of a tree read for its template (a card's tree has tens to hundreds; the
# walk runs in the caller's thread, often the event loop's).
MAX_VISITS = 4096
# Templates remembered (least recently rendered dropped first): an OG server has a handful.
KEPT = 1024
# Weight of the newest render in a template's expected cost (a moving average, so one
# render slowed by a cold cache does not mark a template costly for good).
NEWEST = 0.5


def template(job: RenderJob) -> bytes:
    """What identifies ``job``'s template: equal for two cards that differ only in
    their text's characters (see the module's docstring)."""
    digest = hashlib.blake2b(digest_size=16)
    put = digest.update
    put(repr((job.width, job.height, job.format, job.emoji, job.debug, job.strict,
              job.tailwind_classes, job.markup_dialect, job.limits, type(job.fetcher).__qualname__,
              type(job.load_additional_asset).__qualname__,
              [(f.name, f.weight, f.style, f.lang, len(f.data) if isinstance(f.data, bytes) else f.data)
               for f in job.fonts or ()])).encode())
    visits = 0
    # (value, whether it is content: text whose characters do not count)
    stack: list[tuple[Any, bool]] = [(job.tailwind_config, False), (job.element, False)]
    while stack:
        value, content = stack.pop()
        visits += 1
        if visits > MAX_VISITS:
            put(b"+")
            break
        if isinstance(value, str):
            put(b"t%d;" % len(value).bit_length() if content else b"s%d:" % len(value))
            if not content:
                put(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, dict):
            put(b"{%d" % len(value))
            for key, item in value.items():
                put(b"k" + str(key).encode("utf-8", "surrogatepass"))
                stack.append((item, key == "children"))
        elif isinstance(value, (list, tuple)):
            put(b"[%d" % len(value))
            stack.extend((item, content) for item in reversed(value))
        elif isinstance(value, (int, float)) and content:
            put(b"n")  # a number as text
        elif value is None or isinstance(value, (bool, int, float, bytes)):
            put(repr(value).encode())
        else:  # a component (a function), an Element, ...: its kind only
            put(b"o" + getattr(value, "__qualname__", type(value).__qualname__).encode())
    return digest.digest()


class CostMemory:
    """The CPU and wall seconds each template's renders took lately (thread-safe, bounded)."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._lock = threading.Lock()
        self._seconds: collections.OrderedDict[bytes, tuple[float, float]] = collections.OrderedDict()

    def expect(self, key: bytes) -> tuple[float, float] | None:
        """The CPU and wall seconds a render of this template is expected to take (None:
        never seen)."""
        with self._lock:
            return self._seconds.get(key)

    def record(self, key: bytes, cpu: float, wall: float) -> None:
        """A render of this template took ``cpu`` seconds of CPU time, ``wall`` on the clock."""
        with self._lock:
            before = self._seconds.pop(key, None)
            if before is not None:
                cpu = before[0] + NEWEST * (cpu - before[0])
                wall = before[1] + NEWEST * (wall - before[1])
            self._seconds[key] = (cpu, wall)
            while len(self._seconds) > self.kept:
                self._seconds.popitem(last=False)

    def __len__(self) -> int:
        return len(self._seconds)
