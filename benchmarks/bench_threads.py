"""Throughput of render_png in 2 threads against 1 thread, on the benchmark cards.

usage: python benchmarks/bench_threads.py [--rounds N] [--repeat N] [--filter SUBSTR] [--backends svg2png,resvg]

Each round renders every card of benchmarks/cards ``--repeat`` times (4) with one
thread, then the same jobs with two threads sharing a queue (which goes first
alternates), and the paired ratio of the two throughputs is the round's figure (at 2
repeats, 48 renders, half a second of two threads: a stray process on the machine
moved a round's figure by a tenth or more); medians and spread over
rounds are printed with the load average. Two threads can only overlap where the
GIL is released: with the ``svg2png`` binding (``pip install 'satori-py[svg2png]'``)
that is the raster and the PNG deflate; the front end (element -> SVG) holds it
(``render_png`` runs the front ends one at a time: :mod:`satori_py.front_turn`). So
the one-thread rounds also time the two parts, and the bound they allow is printed:
with a share ``f`` of the time holding the GIL, two threads reach at most
``min(2, 1 / f)`` times one thread's throughput. On a loaded machine the ratio
says little (no idle core to scale into), so the CPU cores each mode used and the
CPU time per card (2 threads over 1) are printed too: a cost ratio near 1 means
the threads scale with the cores they get. Each round also renders the same jobs in
2 worker processes (forked once, warm; no GIL between them): 2 threads' throughput
over 2 processes' is what the GIL still costs, and as both sides share the machine
alike, it holds up under load better than the 2-against-1 ratio. 2 processes over 1
thread is the machine's own scaling of this work (no GIL between them), and their CPU
time per card over one thread's is what two busy cores cost each card (shared caches
and memory; on a virtual machine, a host that may give the two vCPUs one physical core):
two threads cannot beat two processes, so a 2-thread figure below 1.8 with 2 processes
as low is the machine's, not the GIL's. Needs no node: the
cards' fonts come from ../shared/conformance/fonts. As in the render pools, the
threads have the raster's stack (:func:`resvg_bridge.raster_thread`: no thread
started per render), malloc keeps freed memory (:mod:`resvg_bridge.heap`) and the
switch interval is the thread pool's (1 ms).

Throughput is a server's sustained rate: cards finished while every thread had work,
from the ``threads``-th card finished to the last one before the queue ran dry (the
first cards all start together; at the end one thread finishes its last card while
the other has none left: on 48 cards that tail alone cost 2 threads ~2 % of their
figure). Where Linux shows a thread's scheduler counters (``/proc/thread-self/schedstat``),
each thread's time is split into its CPU time, its wait for a CPU (the machine's
load) and the rest: time blocked, off the CPU without waiting for one, which for a
render thread is waiting for the GIL (or a lock). Printed per card with the
voluntary context switches, these count what two threads cost each other, and hold
up under load far better than a throughput (a loaded machine only lengthens the
waits, when it takes the CPU from the thread holding the GIL: they are upper
bounds). ``2 x CPU / (CPU + blocked)`` is what the waits alone leave of twice one
thread's throughput; the idle-machine estimate is each thread's cards over its wall
time less its wait for a CPU, summed over the threads, against one thread's (it also
counts a card's CPU time changing between the modes, which load makes noisy).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
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


class Run:
    """One run of the jobs on some threads: what :func:`_throughput` measured."""

    __slots__ = ("rate", "cores", "cpu", "blocked", "switches", "idle_rate")

    def __init__(self, rate: float, cores: float, cpu: float, blocked: float | None,
                 switches: float | None, idle_rate: float | None) -> None:
        self.rate, self.cores, self.cpu = rate, cores, cpu  # cards/s, CPU cores used, CPU s per card
        # Per card, over the threads: seconds blocked and voluntary switches (None: no schedstat);
        # cards/s on an idle machine (each thread's cards over its wall less its wait for a CPU).
        self.blocked, self.switches, self.idle_rate = blocked, switches, idle_rate


_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def _thread_clock() -> tuple[float, float, float, int] | None:
    """(wall, this thread's CPU time, its wait for a CPU, its voluntary switches), or None
    where the kernel does not show the wait."""
    try:
        waited = int(_SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None
    switches = resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw
    return time.perf_counter(), time.thread_time(), waited, switches


def _throughput(cards: list[Card], threads: int, repeat: int) -> Run:
    """Every card ``repeat`` times, on ``threads`` threads sharing the jobs."""
    jobs = [c.kwargs for c in cards] * repeat
    n = len(jobs)
    lock = threading.Lock()
    finished: list[float] = []  # when each card was done
    counted: list[tuple[int, tuple[float, float, float, int], tuple[float, float, float, int]]] = []

    def worker() -> None:
        start, done = _thread_clock(), 0
        while True:
            with lock:
                if not jobs:
                    break
                kwargs = jobs.pop()
            render_png(**kwargs)
            done += 1
            with lock:
                finished.append(time.perf_counter())
        end = _thread_clock()
        if start is not None and end is not None:
            with lock:
                counted.append((done, start, end))

    t0, c0 = time.perf_counter(), time.process_time()
    # Threads with the raster's stack, as the thread pool's: each render runs on its thread.
    pool = [resvg_bridge.raster_thread(worker, f"bench-{i}") for i in range(threads)]
    for t in pool:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finished.sort()
    # Between the threads-th card done and the last one done while every thread still
    # had a card (the queue ran dry at the (n - threads)-th): every thread busy throughout.
    first, last = threads - 1, n - threads - 1
    rate = (last - first) / (finished[last] - finished[first])
    blocked = switches = idle_rate = None
    if len(counted) == threads:
        blocked = sum((e[0] - s[0]) - (e[1] - s[1]) - (e[2] - s[2]) for _, s, e in counted) / n
        switches = sum(e[3] - s[3] for _, s, e in counted) / n
        idle_rate = sum(done / ((e[0] - s[0]) - (e[2] - s[2])) for done, s, e in counted)
    return Run(rate, cpu / wall, cpu / n, blocked, switches, idle_rate)


_CARDS: list[Card] = []  # the cards, for the worker processes (set before they fork)


def _render_card(index: int) -> float:
    """Render one card; the worker process's CPU seconds for it (its raster runs on a
    thread of its own, so the thread's clock would miss it)."""
    start = time.process_time()
    render_png(**_CARDS[index].kwargs)
    return time.process_time() - start


def _process_throughput(pool: Any, cards: list[Card], repeat: int) -> tuple[float, float]:
    """(cards per second, CPU seconds per card): every card ``repeat`` times, in the pool's
    2 worker processes."""
    jobs = list(range(len(cards))) * repeat
    t0 = time.perf_counter()
    cpu = pool.map(_render_card, jobs, chunksize=1)
    return len(jobs) / (time.perf_counter() - t0), sum(cpu) / len(jobs)


def _process_pool(cards: list[Card]) -> Any:
    """2 warm worker processes (forked where the platform can: they inherit the caches)."""
    _CARDS[:] = cards
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(2)
    _process_throughput(pool, cards, 1)  # warm-up (a spawned worker starts cold)
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


def _low_quartile(xs: list[float]) -> float:
    """The first quartile (of 2 or more figures; the one figure of 1)."""
    return statistics.quantiles(xs, n=4, method="inclusive")[0] if len(xs) > 1 else xs[0]


def bench_threads(cards: list[Card], rounds: int, backends: list[str], repeat: int = 4) -> dict[str, Any]:
    """Cards per second with one thread and with two, alternating, ``rounds`` times."""
    out: dict[str, Any] = {}
    for backend in backends:
        with backend_env(backend):
            _throughput(cards, 2, 2)  # warm-up: caches, bytecode, the binding
            pool = _process_pool(cards)  # (forked after the warm-up, with the backend set)
            ones: list[Run] = []
            twos: list[Run] = []
            shares: list[float] = []
            procs: list[tuple[float, float]] = []  # (cards/s, CPU s per card) of 2 processes
            for r in range(rounds):
                if r % 2:
                    two, one = _throughput(cards, 2, repeat), _throughput(cards, 1, repeat)
                    procs.append(_process_throughput(pool, cards, repeat))
                else:
                    procs.append(_process_throughput(pool, cards, repeat))
                    one, two = _throughput(cards, 1, repeat), _throughput(cards, 2, repeat)
                ones.append(one)
                twos.append(two)
                shares.append(_gil_share(cards))
            pool.close()
            pool.join()
        share = statistics.median(shares)
        releases = resvg_bridge.releases_gil(backend)
        bound = min(2.0, 1 / share) if releases else 1.0
        ratios = [b.rate / a.rate for a, b in zip(ones, twos)]
        # CPU seconds per card with 2 threads over with 1: near 1, two threads scale with
        # the cores the machine gives them.
        cost = [b.cpu / a.cpu for a, b in zip(ones, twos)]
        gil = [b.rate / p for b, (p, _) in zip(twos, procs)]
        machine = [p / a.rate for a, (p, _) in zip(ones, procs)]
        machine_cost = [c / a.cpu for a, (_, c) in zip(ones, procs)]
        print(f"\n== threads ({backend}, GIL {'released' if releases else 'held'} in raster): "
              f"cards/s with 1 thread {spread([a.rate for a in ones])}, with 2 threads "
              f"{spread([b.rate for b in twos])}; 2-thread / 1-thread throughput {spread(ratios)}, "
              f"low quartile {_low_quartile(ratios):.2f} ({os.cpu_count()} cpus); front end {share:.0%} "
              f"of a render, so at most {bound:.2f}. "
              f"CPU cores used: 1 thread {spread([a.cores for a in ones])}, 2 threads "
              f"{spread([b.cores for b in twos])}; CPU per card, 2 threads / 1 thread {spread(cost)}; "
              f"2 processes: cards/s {spread([p for p, _ in procs])}, 2 threads / 2 processes {spread(gil)}; "
              f"the machine's scaling, 2 processes / 1 thread {spread(machine)}, low quartile "
              f"{_low_quartile(machine):.2f}, CPU per card 2 processes / 1 thread {spread(machine_cost)}")
        res = {"thread_scaling_median": statistics.median(ratios), "thread_scaling_min": min(ratios),
               "thread_scaling_max": max(ratios), "thread_scaling_low_quartile": _low_quartile(ratios),
               "front_share": share, "bound": bound,
               "cores_1": statistics.median(a.cores for a in ones),
               "cores_2": statistics.median(b.cores for b in twos),
               "cpu_per_card_ratio": statistics.median(cost),
               "threads_over_processes": statistics.median(gil),
               "processes_over_thread": statistics.median(machine),
               "process_cpu_per_card_ratio": statistics.median(machine_cost)}
        counted = [(a.blocked, a.switches, a.idle_rate, b.blocked, b.switches, b.idle_rate)
                   for a, b in zip(ones, twos)]
        if all(None not in c for c in counted):
            rows = [tuple(float(x or 0) for x in c) for c in counted]
            idle = [r[5] / r[2] for r in rows]
            blocked = [1e3 * r[3] for r in rows]
            switches = [r[4] for r in rows]
            # What blocking alone leaves of 2x, were a card's CPU time the same in both modes.
            alone = [2 * b.cpu / (b.cpu + r[3]) for b, r in zip(twos, rows)]
            print(f"   by the threads' scheduler counters: blocked (GIL, locks) per card with 2 threads "
                  f"{spread(blocked)} ms, voluntary switches per card {spread(switches)} (1 thread: "
                  f"{spread([1e3 * r[0] for r in rows])} ms, {spread([r[1] for r in rows])}), so "
                  f"2 x CPU / (CPU + blocked) {spread(alone)}; idle-machine estimate of 2-thread / "
                  f"1-thread throughput {spread(idle)}")
            res.update({"blocked_ms_per_card": statistics.median(blocked), "blocking_bound": statistics.median(alone),
                        "switches_per_card": statistics.median(switches),
                        "idle_estimate_median": statistics.median(idle)})
        out[backend] = res
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=4, help="renders of each card per measurement")
    ap.add_argument("--filter", default="")
    ap.add_argument("--backends", default="",
                    help="comma-separated resvg backends (default: the one the bridge picks)")
    args = ap.parse_args()
    backends = [resvg_bridge.resolve_backend(b) for b in args.backends.split(",") if b] \
        or [resvg_bridge.resolve_backend()]
    resvg_bridge.heap.keep_freed_memory()  # as the render pools do in the processes they own
    sys.setswitchinterval(SWITCH_INTERVAL)  # as the thread pool does while it runs
    cards = load_cards(args.filter)
    print(f"{len(cards)} cards x {args.repeat}, {args.rounds} rounds, {os.cpu_count()} cpus, {load()}")
    bench_threads(cards, args.rounds, backends, args.repeat)
    print(f"\n{load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
