"""An example app plus ``/spin/{n}``: an image route whose render never finishes by itself.

Served by tests/web/test_web_load.py under uvicorn. ``$SATORI_PY_TEST_APP`` names the
example (``fastapi_app`` or ``starlette_app``); its routes are kept as they are.
``/spin/{n}`` answers an ImageResponse whose element unpickles, in the render worker,
as a computation without end (``sum(range(n, 10 ** 15))``): a pathological card that
costs CPU time until the pool stops it, a different card for every ``n``. Its
deadline is :data:`SPIN_DEADLINE` seconds, longer than any test waits, so a test
can tell "still rendering" from "answered".
"""
from __future__ import annotations

import importlib
import os
import sys
from typing import Any

from starlette.requests import Request

from tests.support.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "examples"))

from satori_py.starlette import ImageResponse  # noqa: E402

__all__ = ["SPIN_DEADLINE", "app"]

SPIN_DEADLINE = 3600.0


class Spin:
    """Unpickles as a sum without end (the worker spins until it is stopped)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __reduce__(self) -> tuple[Any, tuple[range]]:
        return (sum, (range(self.n, 10 ** 15),))


async def spin(request: Request) -> ImageResponse:
    n = int(request.path_params["n"])
    return ImageResponse(Spin(n), width=60, height=30, on_error="500", deadline=SPIN_DEADLINE)


app = importlib.import_module(os.environ.get("SATORI_PY_TEST_APP", "fastapi_app")).app
app.add_route("/spin/{n:int}", spin)
