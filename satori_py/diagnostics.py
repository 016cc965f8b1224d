"""The diagnostics channel: what a render drops or ignores, reported with the node path.

Satori ignores a lot silently: an unknown property, an invalid colour, a font
family no font has, an image that fails to load. satori-py draws the same
picture but says so. Each such thing is a :class:`~satori_py.errors.SatoriError`
(``StyleError`` for CSS, ``FontError``, ``ImageError``, ``InvalidElementError``,
``OptionError``) carrying ``path``, ``prop`` and ``value``, given to
:meth:`Diagnostics.report` of the render's channel:

* ``strict=True``: it is raised at once, and the render fails;
* otherwise it is logged as a WARNING on the ``satori_py`` logger (the record
  carries ``satori_path``, ``satori_prop``, ``satori_value`` and
  ``satori_error``) and passed to a callback: invalid style values to
  ``on_style_error`` when given; everything else (unsupported properties,
  fonts, images, options, elements), and invalid values without
  ``on_style_error``, to ``on_warning``.

Errors that Satori raises (``display: bogus``) still raise unless
``on_style_error`` is given (:attr:`Diagnostics.lenient`); then they are
reported the same way and the value is ignored.

Reports are delivered when the render ends, failed or not, each once:
a layout that is redone (container queries, fonts loaded for missing
characters) does not repeat them, and the reports of a pass that is thrown
away are withdrawn (:meth:`Diagnostics.checkpoint`, :meth:`Diagnostics.rollback`).
A render keeps at most ``limits.max_reports`` of them (a stranger's markup made 160,000,
each kept and logged); the others are counted, and said in one last report.

The channel of the running render is a context variable (:func:`current`),
so code deep in the pipeline reports without it being passed around; the
node path comes from :func:`~satori_py.errors.node_context`, which the stages
wrap around each node.
"""
from __future__ import annotations

import difflib
import logging
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .cache import MAX_CACHED_TEXT, BoundedCache
from .errors import (LimitError, OptionError, SatoriError, StyleError, UnsupportedPropertyError, current_path,
                     node_context)
from .limits import active

__all__ = ["Diagnostics", "Reporter", "counting_reports", "current", "did_you_mean", "logger", "report"]

logger = logging.getLogger("satori_py")

Reporter = Callable[[SatoriError], None]
Callback = Callable[[SatoriError], Any]


class Diagnostics:
    """One render's channel. See the module docstring for where a report goes."""

    def __init__(self, *, strict: bool = False, on_style_error: Callback | None = None,
                 on_warning: Callback | None = None) -> None:
        if not isinstance(strict, bool):
            raise OptionError(f"Invalid strict {strict!r}: expected True or False.", prop="strict", value=strict)
        for name, callback in (("on_style_error", on_style_error), ("on_warning", on_warning)):
            if callback is not None and not callable(callback):
                raise OptionError(f"Invalid {name}: expected a function, got {type(callback).__name__}.", prop=name,
                                  value=None)
        self.strict = strict
        self.on_style_error = on_style_error
        self.on_warning = on_warning
        # The reports to deliver, in order; past max_reports, an int counts those left out
        # since the last checkpoint (a rollback withdraws that pass's count with it).
        self._pending: list[SatoriError | int] = []
        self._seen: set[tuple[Any, ...]] = set()
        self._kept = 0
        self._max_reports = 0  # the limit when reports were left out

    @property
    def lenient(self) -> bool:
        """Whether errors Satori raises are reported and ignored instead (``on_style_error``)."""
        return self.on_style_error is not None and not self.strict

    def report(self, error: SatoriError) -> None:
        """Report ``error`` (given the current node path when it has none): raise it when strict."""
        path = current_path()
        if path is not None:
            error.with_path(path)
        if self.strict:
            raise error
        key = (type(error), error.path, error.prop, error.message)
        if key in self._seen:
            return
        limit = active().limits.max_reports
        if self._kept >= limit:
            self._max_reports = limit
            if self._pending and type(self._pending[-1]) is int:
                self._pending[-1] += 1
            else:
                self._pending.append(1)
            return
        self._seen.add(key)
        self._pending.append(error)
        self._kept += 1

    def checkpoint(self) -> int:
        """A mark to :meth:`rollback` to."""
        mark = len(self._pending)
        if mark and type(self._pending[-1]) is int:
            self._pending.append(0)  # the next pass counts what it leaves out apart
        return mark

    def rollback(self, mark: int, end: int | None = None) -> None:
        """Withdraw the reports made since ``mark`` (until ``end``): their layout pass is redone."""
        for error in self._pending[mark:end]:
            if isinstance(error, SatoriError):
                self._seen.discard((type(error), error.path, error.prop, error.message))
                self._kept -= 1
        del self._pending[mark:end]

    def flush(self) -> None:
        """Deliver the pending reports: log each, then give it to its callback; then say how
        many were left out, if any."""
        pending, self._pending = self._pending, []
        left_out = 0
        for error in pending:
            if not isinstance(error, SatoriError):
                left_out += error
                continue
            self._deliver(error)
        if left_out:
            self._deliver(LimitError(
                f"{left_out} more {'report was' if left_out == 1 else 'reports were'} left out: a render "
                f"keeps {self._max_reports} (the max_reports limit).", limit="max_reports", value=left_out))

    def _deliver(self, error: SatoriError) -> None:
        _log(error)
        invalid_value = isinstance(error, StyleError) and not isinstance(error, UnsupportedPropertyError)
        callback = (self.on_style_error if invalid_value else None) or self.on_warning
        if callback is not None:
            callback(error)

    @contextmanager
    def active(self) -> Iterator[Diagnostics]:
        """Make this the current channel for the block, outside any node; deliver its reports
        when it ends. (A render stopped by a MemoryError raised as a node's context was left
        could leave that node's path set: later renders on the thread would put it in front of
        their reports.)"""
        token = _CURRENT.set(self)
        try:
            with node_context(None):
                yield self
        finally:
            _CURRENT.reset(token)
            self.flush()


def _log(error: SatoriError) -> None:
    logger.warning("%s", error, extra={"satori_path": error.path, "satori_prop": error.prop,
                                       "satori_value": error.value, "satori_error": error})


_CURRENT: ContextVar[Diagnostics | None] = ContextVar("satori_py_diagnostics", default=None)


def current() -> Diagnostics:
    """The channel of the running render; outside one, a channel that logs at once."""
    channel = _CURRENT.get()
    return channel if channel is not None else _LOG_ONLY


class _LogOnly(Diagnostics):
    """Outside a render (a parser called directly): reports are logged as they come."""

    def report(self, error: SatoriError) -> None:
        path = current_path()
        if path is not None:
            error.with_path(path)
        _log(error)


_LOG_ONLY = _LogOnly()


_COUNTING: ContextVar[list[int] | None] = ContextVar("satori_py_reports_made", default=None)


def report(error: SatoriError) -> None:
    """Report ``error`` to the channel of the running render."""
    counter = _COUNTING.get()
    if counter is not None:
        counter[0] += 1
    current().report(error)


@contextmanager
def counting_reports() -> Iterator[list[int]]:
    """Count the reports :func:`report` makes in the block (``box[0]``, also those the
    channel drops as repeats); they are delivered as usual. A memo keeps only what was
    computed without any, so that a cached answer never hides a report."""
    outer = _COUNTING.get()
    box = [0]
    token = _COUNTING.set(box)
    try:
        yield box
    finally:
        _COUNTING.reset(token)
        if outer is not None:
            outer[0] += box[0]


_CUTOFF = 0.75  # difflib's ratio of a close name
# The closest name of each misspelt word looked for lately: (word lowered, names) -> (name,) or ().
_CLOSEST: BoundedCache[tuple[str, ...]] = BoundedCache(4096)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` Did you mean "x"?`` for the closest candidate, or "" when none is close.

    Once per distinct word (a misspelling repeated on every node costs one search), and for
    at most ``Budget.MAX_SUGGESTIONS`` words per render: past them a word gets no suggestion,
    its report stays (100,000 unknown properties took 0.3 ms each in difflib).
    """
    names = candidates if isinstance(candidates, frozenset) else frozenset(candidates)
    lowered = word.lower()
    key = (lowered, names)
    found = _CLOSEST.get(key)
    if found is None:
        if not active().take_suggestion():
            return ""
        found = _closest(lowered, names)
        if len(lowered) <= MAX_CACHED_TEXT:
            _CLOSEST.put(key, found)
    return f' Did you mean "{found[0]}"?' if found else ""


def _closest(lowered: str, names: frozenset[str]) -> tuple[str, ...]:
    by_length = _by_length(names)
    # Only names whose length lets difflib's ratio reach the cutoff (its real_quick_ratio
    # test, which it applies first): the same answer, from a few names.
    size = len(lowered)
    near = [name for length, group in by_length.items() if 2 * min(size, length) >= _CUTOFF * (size + length)
            for name in group]
    lowers = {name.lower(): name for name in near}
    close = difflib.get_close_matches(lowered, list(lowers), n=1, cutoff=_CUTOFF)
    return (lowers[close[0]],) if close else ()


@lru_cache(maxsize=16)
def _by_length(names: frozenset[str]) -> dict[int, list[str]]:
    """The names by length, in their iteration order (difflib keeps the first of equals)."""
    out: dict[int, list[str]] = {}
    for name in names:
        out.setdefault(len(name), []).append(name)
    return out
