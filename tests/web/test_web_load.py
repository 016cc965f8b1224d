"""Fairness under load: pathological cards cannot starve the other routes.

The example app (FastAPI or Starlette, under uvicorn) with two workers gets two
requests for a card that never finishes (tests/web/spin_app.py), then 8 clients
fetching its image route 3 times each while /health is asked meanwhile. Without the
render pool's slow lane the two spinners would hold both workers and every other
image would wait for them until its deadline (503); rendering in the event loop's
thread would stop /health from answering at all.

Nothing here is timed (the machine may be shared): the assertions are about
outcomes and their order. The spinners' workers are moved aside (niceness 19) and
replaced; then every other image answers 200, /health answers every time, and all
of it happens while the spinners are still pending. (benchmarks/web_latency.py
measures the latencies.)
"""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

import httpx
import pytest

from tests.support.paths import REPO_ROOT
from tests.web.load import measure, session_pids
from tests.web.servers import running, uvicorn_argv

WAIT = 120.0  # a bound on every wait: a broken pool fails the test instead of hanging it
SPINNERS = 2


def niceness(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[16])
    except (OSError, IndexError, ValueError):
        return None


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
           "SATORI_PY_RENDER_DEADLINE": str(WAIT),  # only the spinners may be stopped
           # Room in the slow lane beyond the spinners: a normal card that happens to use
           # more than slow_after of CPU moves aside rather than being stopped.
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
        # Both spinners moved aside: their workers run at the lowest priority.
        eventually(lambda: sum(niceness(pid) == 19 for pid in session_pids(server.process.pid))
                   == SPINNERS, "two workers moved to the slow lane")

        result = measure(server.url, clients=8, rounds=3, timeout=WAIT)
        health = [httpx.get(f"{server.url}/health", timeout=WAIT).status_code
                  for _ in range(20)]
        pending = [n for n in range(SPINNERS) if n not in answers]
        still_aside = sum(niceness(pid) == 19 for pid in session_pids(server.process.pid))
        log = server.log()
    for thread in threads:
        thread.join(WAIT)

    print(f"\n{module}: {result.describe()}")
    assert not result.image_errors, (result.image_errors, log)
    assert result.images == 24
    assert health == [200] * 20
    # All of that while the spinners were still rendering: answered neither 200 nor 503.
    assert pending == list(range(SPINNERS)), (answers, log)
    assert still_aside == SPINNERS
    assert all(answer != 200 for answer in answers.values()), answers
