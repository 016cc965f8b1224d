"""Non-image latency of an ASGI example app while images render (not a test).

usage: python benchmarks/web_latency.py [--app fastapi_app] [--clients 8] [--rounds 3]
                                         [--workers 0 2 ...]

Starts the example under uvicorn on 127.0.0.1 once per ``--workers`` value
(``SATORI_PY_RENDER_WORKERS``: 0 renders in threads, N in N worker processes),
fetches the image route from ``--clients`` concurrent clients and times /health
meanwhile. Shows why satori_py.starlette renders in processes: in a thread, the
GIL-holding rasteriser freezes the event loop.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.load import measure  # noqa: E402
from tests.web.servers import running, uvicorn_argv  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", default="fastapi_app")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", nargs="+", default=["0", "1", "2"])
    args = parser.parse_args(argv)
    for workers in args.workers:
        with running(uvicorn_argv(args.app), env={"SATORI_PY_RENDER_WORKERS": workers}) as srv:
            result = measure(srv.url, clients=args.clients, rounds=args.rounds)
        mode = "threads" if workers == "0" else f"{workers} worker process(es)"
        print(f"{args.app}, {mode}: {result.describe()}", flush=True)


if __name__ == "__main__":
    main()
