"""Fairness under load: pathological cards cannot starve the other routes.

The example app (FastAPI or Starlette, under uvicorn) with two workers gets two
requests for a card that never finishes (tests/web/spin_app.py), then 8 clients
fetching its image route 3 times each while /health is asked meanwhile. Without the
render pool's least-attained-service scheduling the two spinners would hold both
workers and every other image would wait for them until its deadline (503);
rendering in the event loop's thread would stop /health from answering at all.
The pool runs worker processes here whatever the binding (``mode="processes"``):
pausing a render is a process's ability, and the spinner spins where the job is
unpickled, in a worker process.

Nothing here is timed (the machine may be shared): the assertions are about
outcomes and their order. Once the spinners hold both CPUs' worth of workers, every
other image answers 200 (the spinners are paused for them), /health answers every
time, and all of it happens while the spinners are still pending.
(benchmarks/web_latency.py measures the latencies.)
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable

import httpx
import pytest

from tests.support.paths import REPO_ROOT
from tests.web.load import measure, session_pids
from tests.web.servers import running, uvicorn_argv

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
WAIT = 120.0  # a bound on every wait: a broken pool fails the test instead of hanging it
SPINNERS = 2


def spinning_workers(server: int) -> int:
    """Render workers of the server that have used over half a CPU second: the spinners
    (a worker is forked from the template, so its CPU time counts from zero)."""
    count = 0
    for pid in session_pids(server):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parent, ticks = int(fields[1]), int(fields[11]) + int(fields[12])
        worker = pid != server and parent != server  # (the template's parent is the server)
        count += worker and ticks / CLOCK_TICKS > 0.5
    return count


def eventually(check: Callable[[], bool], what: str) -> None:
    limit = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < limit, f"never happened: {what}"
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("module", ["fastapi_app", "starlette_app"])
def test_pathological_cards_cannot_starve_the_other_routes(module: str) -> None:
    pytest.importorskip("uvicorn")
    pytest.importorskip("fastapi" if module == "fastapi_app" else "starlette")
    env = {"SATORI_PY_TEST_APP": module,
           "SATORI_PY_OUTPUT_CACHE_MB": "0",  # every image request is a render
           "SATORI_PY_RENDER_WORKERS": "2",
           "SATORI_PY_RENDER_MODE": "processes",
           "SATORI_PY_RENDER_DEADLINE": str(WAIT),  # only the spinners may be stopped
           # Room to pause more than the spinners: a normal card that happens to use more
           # than slow_after of CPU is paused rather than stopped.
           "SATORI_PY_RENDER_SLOW_LANE": str(SPINNERS + 2)}
    argv = uvicorn_argv("tests.web.spin_app", app_dir=REPO_ROOT)
    answers: dict[int, object] = {}

    with running(argv, env=env) as server:
        def spinner(n: int) -> None:
            try:
                answers[n] = httpx.get(f"{server.url}/spin/{n}", timeout=WAIT * 2).status_code
            except httpx.HTTPError as exc:  # the server is stopped under it
                answers[n] = type(exc).__name__

        threads = [threading.Thread(target=spinner, args=(n,), daemon=True)
                   for n in range(SPINNERS)]
        for thread in threads:
            thread.start()
        # Both spinners hold a worker each: the pool's two CPUs are taken.
        eventually(lambda: spinning_workers(server.process.pid) == SPINNERS,
                   "both spinners rendering")

        result = measure(server.url, clients=8, rounds=3, timeout=WAIT)
        health = [httpx.get(f"{server.url}/health", timeout=WAIT).status_code
                  for _ in range(20)]
        pending = [n for n in range(SPINNERS) if n not in answers]
        log = server.log()
    for thread in threads:
        thread.join(WAIT)

    print(f"\n{module}: {result.describe()}")
    assert not result.image_errors, (result.image_errors, log)
    assert result.images == 24
    assert health == [200] * 20
    # All of that while the spinners were still rendering: answered neither 200 nor 503.
    assert pending == list(range(SPINNERS)), (answers, log)
    assert all(answer != 200 for answer in answers.values()), answers
