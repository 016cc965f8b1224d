"""Memory over many renders: RSS after N renders of a realistic card with new text every time.

usage: python benchmarks/memory.py [--variants svg png pool threads] [--renders 10000]
                                   [--every 1000] [--workers 2] [--deadline 600]

Each variant runs in a fresh interpreter and renders ``--renders`` cards (the card
of :func:`card`: a gradient, an avatar, a title and a byline, with new text every
render, so text caches see new words all the time), reading the resident memory
every ``--every`` renders. The verdict compares the last reading with the one after
``--every`` renders (the caches are full by then): flat means within 10 %.

Variants (add one by writing a function ``variant(args, sample)`` and listing it
in :data:`VARIANTS`):

* ``svg``: ``render_svg`` in this process;
* ``png``: ``render_png`` in this process;
* ``pool``: ``ImageResponse(...).render_pooled()`` through the render pool's
  worker processes (``--workers``, fed by twice as many threads), RSS and PSS of
  this process plus the pool's processes (the workers and the template they are
  forked from; PSS shares the template's pages out fairly, RSS counts them in every
  worker). Workers recycle after ``max_renders`` (default 1000), which the
  readings include; the pool's deadline is ``--deadline`` and its slow lane is off,
  so a busy machine does not turn into killed renders.
* ``threads``: the same through the render pool in thread mode (``--workers``
  threads of this process, which needs a binding that releases the GIL to render in
  parallel: ``svg2png``); RSS and PSS of this process alone.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.load import memory_of  # noqa: E402

Sample = Callable[[int, dict[str, float]], None]

_WORDS = ("satori render card python image layout glyph shadow gradient border flex grid "
          "text font emoji avatar title author march april release notes faster smaller "
          "memory worker process deadline fetch guard stream cache ratchet").split()
_AVATAR = ("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='64' "
           "height='64'><defs><linearGradient id='g'><stop offset='0' stop-color='%23f97316'/>"
           "<stop offset='1' stop-color='%23db2777'/></linearGradient></defs>"
           "<circle cx='32' cy='32' r='32' fill='url(%23g)'/></svg>")


def card(i: int) -> dict[str, Any]:
    """A blog-post OG card whose title and byline are new text at every ``i``."""
    rng = random.Random(i)
    title = f"#{i}: " + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 12)))
    title += f" {rng.randrange(10 ** 6):06d}"

    def el(type_: str, style: dict[str, Any], *children: Any, **props: Any) -> dict[str, Any]:
        return {"type": type_, "props": {"style": style, **props, "children": list(children)}}

    return el("div", {"display": "flex", "flexDirection": "column", "width": "100%",
                      "boxSizing": "border-box",
                      "height": "100%", "padding": 64, "color": "white",
                      "backgroundImage": "linear-gradient(135deg, #0f172a, #1e3a8a)"},
              el("div", {"display": "flex", "alignItems": "center"},
                 el("img", {"borderRadius": 32, "marginRight": 16}, src=_AVATAR, width=64,
                    height=64),
                 el("span", {"fontSize": 28, "opacity": 0.8}, f"@author{rng.randrange(997)}")),
              el("div", {"fontSize": 60, "marginTop": 40, "lineHeight": 1.2}, title),
              el("div", {"display": "flex", "justifyContent": "space-between",
                         "marginTop": "auto", "fontSize": 24},
                 el("span", {}, "blog.example.com"),
                 el("span", {}, f"{rng.randint(1, 28)} March 2026 - {rng.randint(2, 19)} min")))


def svg_variant(args: argparse.Namespace, sample: Sample) -> None:
    from satori_py import render_svg
    for i in range(1, args.renders + 1):
        render_svg(card(i), width=1200, height=630)
        if i % args.every == 0:
            sample(i, memory_of([os.getpid()]))


def png_variant(args: argparse.Namespace, sample: Sample) -> None:
    from satori_py import render_png
    for i in range(1, args.renders + 1):
        render_png(card(i), width=1200, height=630)
        if i % args.every == 0:
            sample(i, memory_of([os.getpid()]))


def pool_variant(args: argparse.Namespace, sample: Sample) -> None:
    pooled(args, sample, "processes")


def threads_variant(args: argparse.Namespace, sample: Sample) -> None:
    pooled(args, sample, "threads")


def pooled(args: argparse.Namespace, sample: Sample, mode: str) -> None:
    from satori_py import ImageResponse
    from satori_py.web import pool

    # Memory, not latency, is measured: a busy machine must not make renders miss the
    # deadline (each miss would kill and replace a worker).
    pool.configure(args.workers, deadline=args.deadline, slow_lane=0, mode=mode)
    shared = pool.get_pool()
    assert shared is not None
    shared.warm_up()
    lock = threading.Lock()
    done = 0
    failures: list[str] = []
    next_index = iter(range(1, args.renders + 1))

    def full_pool() -> None:
        # A worker retired at max_renders is replaced a moment later: read the memory of
        # a whole pool (a reading without one worker once made 10,000 look 29 % smaller).
        limit = time.monotonic() + 60
        while (mode == "processes" and len(shared.worker_pids()) < args.workers
               and time.monotonic() < limit):
            time.sleep(0.01)

    def client() -> None:
        nonlocal done
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            try:
                ImageResponse(card(i), width=1200, height=630).render_pooled()
            except Exception as exc:  # counted, not fatal: the benchmark reports them
                with lock:
                    failures.append(f"{type(exc).__name__}: {exc}")
            with lock:
                done += 1
                if done % args.every == 0:
                    full_pool()
                    reading = memory_of([os.getpid(), *shared.process_pids()])
                    reading.update(recycled=shared.stats.recycled, failures=len(failures))
                    sample(done, reading)

    threads = [threading.Thread(target=client) for _ in range(2 * args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pool.shutdown()
    if failures:
        print(f"failures: {len(failures)}; first: {failures[0]}", file=sys.stderr)


VARIANTS: dict[str, Callable[[argparse.Namespace, Sample], None]] = {
    "svg": svg_variant, "png": png_variant, "pool": pool_variant, "threads": threads_variant,
}


def child(args: argparse.Namespace) -> None:
    """Run one variant here, one JSON line per reading on stdout."""
    started = time.perf_counter()

    def sample(renders: int, reading: dict[str, float]) -> None:
        reading.update(renders=renders, seconds=round(time.perf_counter() - started, 1))
        print(json.dumps(reading), flush=True)

    VARIANTS[args.child](args, sample)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--renders", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--deadline", type=float, default=600.0)
    parser.add_argument("--child", choices=list(VARIANTS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return
    with open("/proc/loadavg", encoding="ascii") as f:
        print(f"load average at start: {' '.join(f.read().split()[:3])}", flush=True)
    for variant in args.variants:
        command = [sys.executable, __file__, "--child", variant, "--renders", str(args.renders),
                   "--every", str(args.every), "--workers", str(args.workers),
                   "--deadline", str(args.deadline)]
        readings = []
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                reading = json.loads(line)
                readings.append(reading)
                extra = "".join(f" {k}={reading[k]}" for k in ("processes", "recycled",
                                                                "failures") if k in reading)
                print(f"{variant:5} {reading['renders']:>7} renders {reading['seconds']:>8.1f} s "
                      f"RSS {reading['rss_mb']:8.1f} MB  PSS {reading['pss_mb']:8.1f} MB{extra}",
                      flush=True)
        if len(readings) >= 2:
            first, last = readings[0], readings[-1]
            for key in ("rss_mb", "pss_mb"):
                change = (last[key] - first[key]) / first[key] * 100
                verdict = "flat" if abs(change) <= 10 else "NOT flat"
                print(f"{variant:5} {key[:3].upper()} after {last['renders']} vs after "
                      f"{first['renders']}: {change:+.1f} % ({verdict}, bound 10 %)", flush=True)
    with open("/proc/loadavg", encoding="ascii") as f:
        print(f"load average at end: {' '.join(f.read().split()[:3])}", flush=True)


if __name__ == "__main__":
    main()
