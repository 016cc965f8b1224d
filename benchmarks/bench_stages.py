"""Per-stage timings of satori-py over conformance cases (not a test).

usage: python benchmarks/bench_stages.py [CASE.json ...] [--repeat N]

With no cases, times the seed cases and examples/og-card.json. Prints, per
case, the median milliseconds of: parse (element), layout (style + text +
Taffy), paint+serialise, and raster (resvg), cold (first call in the process)
and warm (caches filled).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import resvg_bridge  # noqa: E402
from satori_py.api import Pipeline  # noqa: E402
from satori_py.case import load_case  # noqa: E402


def stages(case_path: Path) -> dict[str, float]:
    case = load_case(case_path)
    pipeline = Pipeline(**case.render_kwargs(offline=True))
    t0 = time.perf_counter()
    tree = pipeline.parse(case.element)
    t1 = time.perf_counter()
    result = pipeline.layout(tree)
    t2 = time.perf_counter()
    svg = pipeline.paint(result)
    t3 = time.perf_counter()
    resvg_bridge.svg_to_png(svg)
    t4 = time.perf_counter()
    return {"parse": t1 - t0, "layout": t2 - t1, "paint": t3 - t2, "raster": t4 - t3}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    cases = args.cases or sorted((ROOT.parent / "shared/conformance/seed/cases").glob("*.json")) + [
        ROOT / "examples/og-card.json"]
    print(f"{'case':40} {'stage':8} {'cold ms':>8} {'warm ms':>8}")
    for path in cases:
        cold = stages(path)
        runs = [stages(path) for _ in range(args.repeat)]
        for stage in cold:
            warm = statistics.median(r[stage] for r in runs)
            print(f"{path.stem[:40]:40} {stage:8} {cold[stage] * 1e3:8.2f} {warm * 1e3:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
