"""Fixtures of the hostile-input tests."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from .support import Blocking, settle


@pytest.fixture
def blocking() -> Iterator[Blocking]:
    """A user callback (fetcher or asset loader) that blocks until the test ends; then the
    calls it left running are waited for, so none outlives its test."""
    callback = Blocking()
    yield callback
    callback.release.set()
    settle(0)
