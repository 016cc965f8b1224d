"""The soak's memory verdict (tests/web/soak.py) on made-up samples: workers are judged
against workers of their own age, so a window in which the pool had just replaced more
of them reads neither as growth nor as shrinking, while growth at every age fails."""
from __future__ import annotations

from tests.web.soak import ProcessReading, SoakResult


def _run(worker: list[tuple[float, float]]) -> SoakResult:
    """A 300 s run sampled every 5 s: a steady server and template, and at each sample the
    running workers given as (age s, RSS MB) by ``worker``'s pattern (first half, last half)."""
    result = SoakResult(seconds=300.0)
    for i in range(60):
        t = 5.0 * i
        young, old = worker[0] if t < 150 else worker[1]
        readings = [ProcessReading(1, "server", 60.0, 60.0, t), ProcessReading(2, "template", 40.0, 40.0, t),
                    ProcessReading(3, "worker", young, young, 1.0), ProcessReading(4, "worker", old, old, 40.0),
                    ProcessReading(5, "worker", old, old, 45.0)]
        if t >= 150 and worker[1][0] == worker[0][0]:  # more young workers in the last minute
            readings += [ProcessReading(6, "worker", young, young, 1.5), ProcessReading(7, "worker", young, young, 0.5)]
        result.samples.append((t, readings))
    return result


def _flat(result: SoakResult) -> bool:
    return result.memory_lines()[1]


def test_more_young_workers_is_not_a_change_of_memory() -> None:
    result = _run([(30.0, 56.0), (30.0, 56.0)])  # the last minute: 3 young of 5 instead of 1 of 3
    lines, flat = result.memory_lines()
    worker = next(line for line in lines if line.startswith("  worker"))
    assert flat, lines
    assert "56 MB in the first minute after warm-up, 30 MB in the last (-46.4 %, not judged)" in worker
    assert "1.00 -> 1.00 of the run's median (+0.0 %)" in worker


def test_growth_at_every_age_fails() -> None:
    assert not _flat(_run([(30.0, 56.0), (36.0, 67.0)]))  # +20 % young and old alike
    assert _flat(_run([(30.0, 56.0), (31.0, 58.0)]))  # +3 %


def test_a_judged_role_without_readings_in_a_window_is_not_flat() -> None:
    result = _run([(30.0, 56.0), (30.0, 56.0)])
    result.samples = [(t, [r for r in readings if r.role != "template" or t < 200])
                      for t, readings in result.samples]
    lines, flat = result.memory_lines()
    assert not flat and any("template: RSS: too few readings" in line for line in lines)


def test_roles_a_mode_has_not_are_not_judged() -> None:
    # Threads mode: the server process renders; there is no template and no worker.
    result = _run([(30.0, 56.0), (30.0, 56.0)])
    result.samples = [(t, [r for r in readings if r.role == "server"]) for t, readings in result.samples]
    lines, flat = result.memory_lines()
    assert flat and "  template: none in this run" in lines and "  worker: none in this run" in lines
    result.samples = [(t, [ProcessReading(r.pid, r.role, 72.0, 72.0, r.age_s) if t >= 150 else r for r in readings])
                      for t, readings in result.samples]
    assert not _flat(result)  # the server's +20 % is still judged
