"""Latency of the FastAPI/Starlette examples under image load (not a test).

usage: python benchmarks/web_latency.py [--app fastapi_app] [--clients 8] [--rounds 3]
                                         [--workers 0 2 ...] [--modes processes threads]
       python benchmarks/web_latency.py --soak [--clients 16] [--duration 300]
                                         [--pathological 0.1] [--same-card] [--workers 2]
                                         [--pool NAME=VALUE ...] [--rate R]

Default mode: starts the example under uvicorn on 127.0.0.1 once per ``--workers``
value (``SATORI_PY_RENDER_WORKERS``: 0 renders in the loop's executor threads, N in a
pool of N) and, for N > 0, per ``--modes`` value (``SATORI_PY_RENDER_MODE``: worker
processes or threads), fetches the image route from ``--clients`` concurrent clients
and times /health meanwhile. Shows why satori_py.starlette renders in processes
with a GIL-holding rasteriser (in a thread it freezes the event loop), and what
threads cost the loop with one that releases the GIL (``SATORI_PY_RESVG=svg2png``).

``--soak``: the FastAPI example plus two benchmark routes (benchmarks/web_load_app.py)
for ``--duration`` seconds (300; use e.g. 60 to iterate), ``--clients`` clients each
drawing its next request: a ``--pathological`` share goes to a card with 60 blurred
shadows (a minute of rasterising; a new card every time, or always the same with
``--same-card``), the rest to the example's image routes and a blog-post card with
new text every time, plus /health. Reports per kind of request the latency
percentiles and status counts, the memory of the server, the pool's template, its
workers (judged against workers of the same age) and its paused workers (first minute
after warm-up vs last minute: see tests/web/soak.py), the running workers' RSS by age, the CPU the server's processes used, the machine's load average
while it ran, and a PASS/FAIL verdict per acceptance criterion of issue 10 (p99 of
the other requests under 1 s, no failures among them, RSS flat). ``--pool KEY=VALUE``
sets the render pool's knobs (``SATORI_PY_RENDER_*``, e.g. ``--pool slow_lane=0``).
The clients are a closed loop (each asks again as soon as it is answered) unless
``--rate R``: requests then arrive at random at R per second, over the ``--clients``
connections, whatever the answers (see tests/web/soak.py's ``soak``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from satori_py.web.settings import ENV  # noqa: E402
from tests.web.load import measure  # noqa: E402
from tests.web.servers import running, uvicorn_argv  # noqa: E402
from tests.web.soak import Route, soak  # noqa: E402


def latency(args: argparse.Namespace) -> None:
    for workers in args.workers or ["0", "1", "2"]:
        for mode in ["auto"] if workers == "0" else args.modes:
            env = {"SATORI_PY_RENDER_WORKERS": workers, "SATORI_PY_RENDER_MODE": mode,
                   "SATORI_PY_OUTPUT_CACHE_MB": "0"}  # every image request is a render
            with running(uvicorn_argv(args.app), env=env) as srv:
                result = measure(srv.url, clients=args.clients or 8, rounds=args.rounds)
            label = "no pool (executor threads)" if workers == "0" else f"{workers} {mode}"
            print(f"{args.app}, {label}: {result.describe()}", flush=True)


def soak_run(args: argparse.Namespace) -> None:
    normal = 1.0 - args.pathological
    pathological = "/bench/pathological/0" if args.same_card else "/bench/pathological/{n}"
    routes = [Route("pathological", pathological, args.pathological),
              Route("image", "/api/og", normal * 0.2),
              Route("image", "/api/og/custom-font", normal * 0.1),
              Route("image", "/opengraph-image", normal * 0.1),
              Route("post", "/bench/post/{n}", normal * 0.4),
              Route("health", "/health", normal * 0.2)]
    env = {"SATORI_PY_RENDER_WORKERS": str(args.workers)} if args.workers else {}
    for setting in args.pool:
        name, _, value = setting.partition("=")
        if name not in ENV or not value:
            raise SystemExit(f"--pool {setting!r}: expected NAME=VALUE, NAME one of "
                             + ", ".join(ENV))
        env[ENV[name]] = value
    model = "closed loop" if args.rate is None else f"{args.rate:g} requests/s arriving at random"
    print(f"soak: {args.clients or 16} clients ({model}), {args.duration:.0f} s, "
          f"{args.pathological:.0%} pathological; pool settings from the environment: "
          f"{env or 'defaults'}", flush=True)
    with running(uvicorn_argv("web_load_app", app_dir=ROOT / "benchmarks"), env=env) as srv:
        result = soak(srv.url, routes, clients=args.clients or 16, duration=args.duration,
                      server=srv.process.pid, stats_path="/bench/stats", rate=args.rate)
        log = srv.log()
    print(result.describe(), flush=True)
    errors = [line for line in log.splitlines() if "Traceback" in line]
    print(f"server log: {len(log.splitlines())} lines, {len(errors)} tracebacks", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", default="fastapi_app")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", nargs="+")
    parser.add_argument("--modes", nargs="+", default=["processes", "threads"],
                        choices=["processes", "threads", "auto"])
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--duration", type=float, default=300.0)
    parser.add_argument("--pathological", type=float, default=0.1)
    parser.add_argument("--pool", action="append", default=[], metavar="NAME=VALUE",
                        help="a render pool setting for the server (e.g. slow_lane=0)")
    parser.add_argument("--rate", type=float,
                        help="requests per second arriving at random (default: a closed loop)")
    parser.add_argument("--same-card", action="store_true",
                        help="every pathological request asks for the same card")
    args = parser.parse_args(argv)
    if args.soak:
        if args.workers and len(args.workers) > 1:
            parser.error("--soak takes one --workers value")
        args.workers = args.workers[0] if args.workers else None
        soak_run(args)
    else:
        latency(args)


if __name__ == "__main__":
    main()
