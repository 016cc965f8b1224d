"""Throughput of render_png in 2 threads against 1 thread, on the benchmark cards.

usage: python benchmarks/bench_threads.py [--rounds N] [--filter SUBSTR] [--backends svg2png,resvg]

Each round renders every card of benchmarks/cards twice with one thread, then the
same jobs with two threads sharing a queue (which goes first alternates), and the
paired ratio of the two throughputs is the round's figure; medians and spread over
rounds are printed with the load average. Two threads can only overlap where the
GIL is released: with the ``svg2png`` binding (``pip install 'satori-py[svg2png]'``)
that is the raster and the PNG deflate; the front end (element -> SVG) holds it. So
the one-thread rounds also time the two parts, and the bound they allow is printed:
with a share ``f`` of the time holding the GIL, two threads reach at most
``min(2, 1 / f)`` times one thread's throughput. On a loaded machine the ratio
says little (no idle core to scale into), so the CPU cores each mode used and the
CPU time per card (2 threads over 1) are printed too: a cost ratio near 1 means
the threads scale with the cores they get. Each round also renders the same jobs in
2 worker processes (forked once, warm; no GIL between them): 2 threads' throughput
over 2 processes' is what the GIL still costs, and as both sides share the machine
alike, it holds up under load better than the 2-against-1 ratio. Needs no node: the
cards' fonts come from ../shared/conformance/fonts. As in the render pools, the
threads have the raster's stack (:func:`resvg_bridge.raster_thread`: no thread
started per render), malloc keeps freed memory (:mod:`resvg_bridge.heap`) and the
switch interval is the thread pool's (1 ms).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import resvg_bridge  # noqa: E402
import resvg_bridge.heap  # noqa: E402
from bench_cards import Card, backend_env, load, load_cards, spread  # noqa: E402

from satori_py import render_png, render_svg  # noqa: E402
from satori_py.web.threads import SWITCH_INTERVAL  # noqa: E402


def _throughput(cards: list[Card], threads: int) -> tuple[float, float]:
    """(cards per second, CPU cores used): every card twice, on ``threads`` threads
    sharing the jobs. The cores used are the process's CPU time over the wall time."""
    jobs = [c.kwargs for c in cards] * 2
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not jobs:
                    return
                kwargs = jobs.pop()
            render_png(**kwargs)

    n = len(jobs)
    t0, c0 = time.perf_counter(), time.process_time()
    # Threads with the raster's stack, as the thread pool's: each render runs on its thread.
    pool = [resvg_bridge.raster_thread(worker, f"bench-{i}") for i in range(threads)]
    for t in pool:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return n / wall, cpu / wall


_CARDS: list[Card] = []  # the cards, for the worker processes (set before they fork)


def _render_card(index: int) -> int:
    return len(render_png(**_CARDS[index].kwargs))


def _process_throughput(pool: Any, cards: list[Card]) -> float:
    """Cards per second: every card twice, in the pool's 2 worker processes."""
    jobs = list(range(len(cards))) * 2
    t0 = time.perf_counter()
    pool.map(_render_card, jobs, chunksize=1)
    return len(jobs) / (time.perf_counter() - t0)


def _process_pool(cards: list[Card]) -> Any:
    """2 warm worker processes (forked where the platform can: they inherit the caches)."""
    _CARDS[:] = cards
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(2)
    _process_throughput(pool, cards)  # warm-up (a spawned worker starts cold)
    return pool


def _gil_share(cards: list[Card]) -> float:
    """The share of one thread's render_png time spent making the SVG (which holds the GIL)."""
    front = raster = 0.0
    for card in cards:
        t0 = time.perf_counter()
        svg = render_svg(**card.kwargs)
        t1 = time.perf_counter()
        resvg_bridge.svg_to_png(svg)
        t2 = time.perf_counter()
        front += t1 - t0
        raster += t2 - t1
    return front / (front + raster)


def bench_threads(cards: list[Card], rounds: int, backends: list[str]) -> dict[str, Any]:
    """Cards per second with one thread and with two, alternating, ``rounds`` times."""
    out: dict[str, Any] = {}
    for backend in backends:
        with backend_env(backend):
            _throughput(cards, 2)  # warm-up: caches, bytecode, the binding
            pool = _process_pool(cards)  # (forked after the warm-up, with the backend set)
            ratios, one, two, shares, cores1, cores2, cost = [], [], [], [], [], [], []
            procs, gil = [], []
            for r in range(rounds):
                if r % 2:
                    (b, cb), (a, ca) = _throughput(cards, 2), _throughput(cards, 1)
                    p = _process_throughput(pool, cards)
                else:
                    p = _process_throughput(pool, cards)
                    (a, ca), (b, cb) = _throughput(cards, 1), _throughput(cards, 2)
                one.append(a)
                two.append(b)
                procs.append(p)
                gil.append(b / p)
                ratios.append(b / a)
                cores1.append(ca)
                cores2.append(cb)
                # CPU seconds per card with 2 threads over with 1: what the GIL's contention
                # costs; near 1, two threads scale with the cores the machine gives them.
                cost.append((cb / b) / (ca / a))
                shares.append(_gil_share(cards))
            pool.close()
            pool.join()
        share = statistics.median(shares)
        bound = min(2.0, 1 / share) if resvg_bridge.releases_gil(backend) else 1.0
        print(f"\n== threads ({backend}, GIL {'released' if resvg_bridge.releases_gil(backend) else 'held'} "
              f"in raster): cards/s with 1 thread {spread(one)}, with 2 threads {spread(two)}; "
              f"2-thread / 1-thread throughput {spread(ratios)} ({os.cpu_count()} cpus); "
              f"front end {share:.0%} of a render, so at most {bound:.2f}. CPU cores used: "
              f"1 thread {spread(cores1)}, 2 threads {spread(cores2)}; CPU per card, "
              f"2 threads / 1 thread {spread(cost)}; 2 processes: cards/s {spread(procs)}, "
              f"2 threads / 2 processes {spread(gil)}")
        out[backend] = {"thread_scaling_median": statistics.median(ratios),
                        "thread_scaling_min": min(ratios), "thread_scaling_max": max(ratios),
                        "front_share": share, "bound": bound,
                        "cores_1": statistics.median(cores1), "cores_2": statistics.median(cores2),
                        "cpu_per_card_ratio": statistics.median(cost),
                        "threads_over_processes": statistics.median(gil)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--filter", default="")
    ap.add_argument("--backends", default="",
                    help="comma-separated resvg backends (default: the one the bridge picks)")
    args = ap.parse_args()
    backends = [resvg_bridge.resolve_backend(b) for b in args.backends.split(",") if b] \
        or [resvg_bridge.resolve_backend()]
    resvg_bridge.heap.keep_freed_memory()  # as the render pools do in the processes they own
    sys.setswitchinterval(SWITCH_INTERVAL)  # as the thread pool does while it runs
    cards = load_cards(args.filter)
    print(f"{len(cards)} cards, {args.rounds} rounds, {os.cpu_count()} cpus, {load()}")
    bench_threads(cards, args.rounds, backends)
    print(f"\n{load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
