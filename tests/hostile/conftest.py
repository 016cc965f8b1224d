"""Fixtures of the hostile-input tests."""
from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from satori_py import limits

from .support import Blocking, settle


@pytest.fixture
def blocking() -> Iterator[Blocking]:
    """A user callback (fetcher or asset loader) that blocks until the test ends; then the
    calls it left running are waited for, so none outlives its test."""
    callback = Blocking()
    yield callback
    callback.release.set()
    settle(0)


@pytest.fixture
def ticking_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that advances one second each time it is read: deterministic budgets."""
    ticks = itertools.count()
    monkeypatch.setattr(limits, "_clock", lambda: float(next(ticks)))
