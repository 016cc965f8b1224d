"""Image load against a running server, with a non-image route timed meanwhile.

``measure`` runs ``clients`` threads that each fetch the image route ``rounds``
times (bounded), and from one more client times the non-image route every
``interval`` seconds while at least one image request is in flight.

``session_pids`` and ``memory_of`` read a server's processes and their memory
(Linux /proc), for the tests here and the benchmarks (see tests/web/soak.py).
"""
from __future__ import annotations

import os
import statistics
import threading
import time
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
