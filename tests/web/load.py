"""Image load against a running server, with a non-image route timed meanwhile.

``measure`` runs ``clients`` threads that each fetch the image route ``rounds``
times (bounded), and from one more client times the non-image route every
``interval`` seconds while at least one image request is in flight.

``soak`` (benchmarks only) runs ``clients`` threads for a duration, each request
drawn from weighted routes, and samples the memory of the server's processes and
the machine's load meanwhile.
"""
from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # non-image, under load (s)
    images: int = 0
    image_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"no samples; {self.images} images in {self.seconds:.2f}s"
        p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
        return (f"{len(lat)} non-image requests under load: median "
                f"{statistics.median(lat) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
                f"max {lat[-1] * 1000:.1f} ms; {self.images} images in "
                f"{self.seconds:.2f}s ({self.images / max(self.seconds, 1e-9):.1f}/s)")


def measure(base_url: str, *, image_path: str = "/api/og", other_path: str = "/health",
            clients: int = 8, rounds: int = 3, interval: float = 0.02,
            timeout: float = 120.0) -> LoadResult:
    result = LoadResult()
    lock = threading.Lock()
    in_flight = 0
    started = threading.Barrier(clients + 1)

    def image_client() -> None:
        nonlocal in_flight
        with httpx.Client(base_url=base_url, timeout=timeout) as client:
            started.wait(timeout)
            for _ in range(rounds):
                with lock:
                    in_flight += 1
                try:
                    r = client.get(image_path)
                    ok = r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n"
                except httpx.HTTPError as exc:
                    ok, r = False, exc  # type: ignore[assignment]
                with lock:
                    in_flight -= 1
                    if ok:
                        result.images += 1
                    else:
                        result.image_errors.append(repr(r))

    threads = [threading.Thread(target=image_client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    with httpx.Client(base_url=base_url, timeout=timeout) as other:
        other.get(other_path)  # open the keep-alive connection before the load starts
        begin = time.perf_counter()
        started.wait(timeout)
        deadline = begin + timeout
        while any(t.is_alive() for t in threads) and time.perf_counter() < deadline:
            with lock:
                busy_before = in_flight > 0
            t0 = time.perf_counter()
            r = other.get(other_path)
            elapsed = time.perf_counter() - t0
            with lock:
                busy_after = in_flight > 0
            if r.status_code != 200:
                raise AssertionError(f"{other_path}: {r.status_code}")
            if busy_before and busy_after:
                result.latencies.append(elapsed)
            time.sleep(interval)
    for t in threads:
        t.join(timeout)
    result.seconds = time.perf_counter() - begin
    return result


# -- soak: mixed routes for minutes, memory and machine load sampled ----------------------

@dataclass
class Route:
    """A kind of request: ``path`` may hold ``{n}`` (a new number per request)."""

    kind: str
    path: str
    weight: float


@dataclass
class SoakResult:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    statuses: dict[str, Counter[str]] = field(default_factory=dict)  # kind -> status -> n
    memory: list[tuple[float, float, float, int]] = field(default_factory=list)  # t, RSS, PSS, n
    load: list[tuple[float, float]] = field(default_factory=list)  # t, 1-minute load average
    seconds: float = 0.0
    cpu_seconds: float | None = None  # used by the server's processes meanwhile

    def describe(self) -> str:
        lines = [f"{self.seconds:.0f} s"]
        for kind, lat in sorted(self.latencies.items()):
            lat = sorted(lat)
            pick = (lambda q: lat[min(len(lat) - 1, round(q * (len(lat) - 1)))] * 1000) \
                if lat else (lambda q: float("nan"))
            statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses[kind].items()))
            lines.append(f"  {kind}: {len(lat)} requests ({len(lat) / self.seconds:.1f}/s); "
                         f"p50 {pick(0.5):.0f} ms, p90 {pick(0.9):.0f} ms, p99 {pick(0.99):.0f} "
                         f"ms, max {pick(1.0):.0f} ms; {statuses}")
        if self.memory:
            minute = [m for m in self.memory if m[0] <= self.memory[0][0] + 60]
            last = [m for m in self.memory if m[0] >= self.memory[-1][0] - 60]
            for index, name in ((1, "RSS"), (2, "PSS")):
                a = statistics.median(m[index] for m in minute)
                b = statistics.median(m[index] for m in last)
                lines.append(f"  {name} of the server's processes: first minute median "
                             f"{a:.0f} MB, last minute {b:.0f} MB ({(b - a) / a * 100:+.1f} %); "
                             f"max {max(m[index] for m in self.memory):.0f} MB")
            lines.append(f"  processes: {min(m[3] for m in self.memory)} to "
                         f"{max(m[3] for m in self.memory)}")
            every = max(1, len(self.memory) // 10)
            lines.append("  RSS series (s: MB): " + ", ".join(
                f"{t:.0f}: {rss:.0f}" for t, rss, _, _ in self.memory[::every]))
        if self.cpu_seconds is not None:
            lines.append(f"  CPU used by the server's processes: {self.cpu_seconds:.0f} s in "
                         f"{self.seconds:.0f} s ({self.cpu_seconds / self.seconds:.2f} CPUs)")
        if self.load:
            values = [v for _, v in self.load]
            lines.append(f"  machine load (1-minute average) while running: min {min(values):.1f}, "
                         f"median {statistics.median(values):.1f}, max {max(values):.1f} "
                         f"({os.cpu_count()} CPUs)")
        return "\n".join(lines)


def session_pids(session: int) -> list[int]:
    """The processes of a session (a server started with start_new_session, its workers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:
                pids.append(int(entry))
    return pids


def cpu_of(pids: list[int]) -> float:
    """CPU seconds ``pids`` and their reaped children have used (Linux /proc)."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def memory_of(pids: list[int]) -> dict[str, float]:
    """Summed RSS and PSS (MB) of ``pids`` (Linux /proc)."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return {"rss_mb": rss / 1024, "pss_mb": pss / 1024, "processes": len(pids)}


def soak(base_url: str, routes: list[Route], *, clients: int = 16, duration: float = 300.0,
         pids: Callable[[], list[int]] | None = None, sample_every: float = 5.0,
         timeout: float = 120.0, seed: int = 1) -> SoakResult:
    """``clients`` threads each requesting a route drawn by weight, for ``duration`` s."""
    result = SoakResult(latencies={r.kind: [] for r in routes},
                        statuses={r.kind: Counter() for r in routes})
    lock = threading.Lock()
    counter = iter(range(10 ** 12))
    begin = time.perf_counter()
    stop_at = begin + duration

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        with httpx.Client(base_url=base_url, timeout=timeout) as http:
            while time.perf_counter() < stop_at:
                route = rng.choices(routes, weights=[r.weight for r in routes])[0]
                with lock:
                    n = next(counter)
                t0 = time.perf_counter()
                try:
                    status = str(http.get(route.path.format(n=n)).status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - t0
                with lock:
                    result.latencies[route.kind].append(elapsed)
                    result.statuses[route.kind][status] += 1

    def sampler() -> None:
        while time.perf_counter() < stop_at:
            now = time.perf_counter() - begin
            if pids is not None:
                reading = memory_of(pids())
                result.memory.append((now, reading["rss_mb"], reading["pss_mb"],
                                      int(reading["processes"])))
            result.load.append((now, os.getloadavg()[0]))
            time.sleep(sample_every)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    threads.append(threading.Thread(target=sampler, daemon=True))
    cpu_before = cpu_of(pids()) if pids is not None else None
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + timeout)
    result.seconds = time.perf_counter() - begin
    if pids is not None and cpu_before is not None:
        result.cpu_seconds = cpu_of(pids()) - cpu_before
    return result
