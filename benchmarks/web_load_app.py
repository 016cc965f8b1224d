"""The FastAPI example (examples/fastapi_app.py) with two routes for the soak benchmark.

Served by ``benchmarks/web_latency.py --soak``; not an example to copy.

* ``/bench/post/{n}``: a realistic blog-post card (benchmarks/memory.py's), new text
  for every ``n``;
* ``/bench/pathological/{n}``: the card of issue 10 that starved every image route, an
  element with 60 blurred box-shadows, a different card for every ``n`` (``n`` = 0:
  always the same one). It took about a minute of rasterising when the issue was filed;
  since blurred shadows of straight edges are drawn as gradients (paint/shadow_split.py)
  it costs 0.15-0.3 s of CPU, about the pool's ``slow_after`` (0.2 s), so some are
  paused and stopped to make room for fresher renders (503) and the rest are answered;
* ``/bench/stats``: the bytes in the process's output cache and the render pool's
  counts, so the soak can tell the cache filling up from growth.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "examples"), str(ROOT / "benchmarks")]

from fastapi_app import app  # noqa: E402
from memory import card  # noqa: E402

from dataclasses import asdict  # noqa: E402

from satori_py import h  # noqa: E402
from satori_py.output_cache import default_cache  # noqa: E402
from satori_py.starlette import ImageResponse  # noqa: E402
from satori_py.web.pool import get_pool  # noqa: E402


__all__ = ["app"]


@app.get("/bench/post/{n}")
async def post(n: int) -> ImageResponse:
    return ImageResponse(card(n), width=1200, height=630, on_error="500")


@app.get("/bench/stats")
async def stats() -> dict[str, object]:
    pool = get_pool()
    return {"output_cache_bytes": default_cache().size,
            "pool": asdict(pool.stats) if pool is not None else {}}


@app.get("/bench/pathological/{n}")
async def pathological(n: int) -> ImageResponse:
    shadows = ", ".join(f"{i}px {i}px 8px rgba(0, 0, 0, 0.1)" for i in range(60))
    return ImageResponse(
        h("div", {"style": {"display": "flex", "width": "100%", "height": "100%",
                            "background": "white"}},
          h("div", {"style": {"margin": 100, "width": 800, "height": 300, "background": "#eee",
                              "boxShadow": shadows}}, f"card {n}")),
        width=1200, height=630, on_error="500")
