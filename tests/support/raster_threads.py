"""The threads a worker's serving loop runs on, counted, with every render wearing its
thread out (satori_py.layout.taffy_thread.worn_out): for the web and batch workers' tests."""
from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from satori_py.layout import engine, taffy_thread


class RasterThreads:
    """Counts the calls of ``module.on_raster_stack``: each runs the loop on a thread of its own."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> None:
        self.count = 0
        self._on_raster_stack = module.on_raster_stack
        monkeypatch.setattr(taffy_thread, "POOL_BUDGET", 1)
        # Every render runs Taffy (its measure calls wear the thread out), also one of a card
        # laid out before (whose kept layout would skip Taffy: layout/reuse.py).
        monkeypatch.setattr(engine, "recall", lambda pending: False)
        monkeypatch.setattr(module, "on_raster_stack", self._counted)

    def _counted(self, fn: Any) -> Any:
        self.count += 1
        return self._on_raster_stack(fn)
