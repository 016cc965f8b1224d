"""What resolving the tw classes of a 60-class card costs, cold and warm (not a test).

usage: python benchmarks/bench_tailwind.py [CASE.json] [--rounds N] [--renders N]

The default card is golden/tailwind/docs-page.json: 13 elements, 60 classes, a
docs-page Open Graph card. Each round times, interleaved in a rotating order,
the tw step of the style stage (``with_tw`` for every element, in tree order):

* cold: empty class cache and theme cache (the first card of a process),
* cold classes: theme resolved, class cache empty (a new card in a running server),
* warm: both caches filled (the same card again),

then, for scale, whole renders of the card (``render_svg``, caches warm).
Prints medians with the 25th-75th percentile spread, and the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from satori_py import render_svg  # noqa: E402
from satori_py.case import load_case  # noqa: E402
from satori_py.tailwind import config as tw_config  # noqa: E402
from satori_py.tailwind import resolver  # noqa: E402
from satori_py.tailwind.apply import with_tw  # noqa: E402


def tw_props(element: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """(tw, style) of every element with a tw prop, in tree order."""
    if isinstance(element, dict):
        props = element.get("props") or {}
        if "tw" in props:
            out.append((props["tw"], props.get("style")))
        children = props.get("children")
        for child in children if isinstance(children, list) else [children]:
            tw_props(child, out)
    return out


def spread(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=4)
    return f"{statistics.median(samples) * 1e6:9.1f} us  (p25 {q[0] * 1e6:.1f}, p75 {q[2] * 1e6:.1f})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("case", nargs="?", type=Path, default=ROOT / "golden/tailwind/docs-page.json")
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--renders", type=int, default=15)
    args = ap.parse_args()
    case = load_case(args.case)
    kwargs = case.render_kwargs()
    width, height, config = kwargs.get("width"), kwargs.get("height"), kwargs.get("tailwind_config")
    elements = tw_props(json.loads(json.dumps(case.element)), [])
    classes = sum(len(str(tw).split()) for tw, _ in elements)

    def resolve_all() -> float:
        start = time.perf_counter()
        for tw, style in elements:
            with_tw(tw, style, width=width, height=height, config=config)
        return time.perf_counter() - start

    def cold() -> float:
        resolver._RESOLVED.clear()
        tw_config._THEMES.clear()
        return resolve_all()

    def cold_classes() -> float:
        resolver._RESOLVED.clear()
        resolve_all()  # nothing cached but the theme after the next clear
        resolver._RESOLVED.clear()
        return resolve_all()

    kinds = {"cold": cold, "cold classes": cold_classes, "warm": resolve_all}
    samples: dict[str, list[float]] = {k: [] for k in kinds}
    load_before = os.getloadavg()
    resolve_all()
    for round_ in range(args.rounds):
        order = list(kinds)[round_ % 3:] + list(kinds)[:round_ % 3]
        for kind in order:
            samples[kind].append(kinds[kind]())
    renders = []
    render_svg(case.element, **kwargs)
    for _ in range(args.renders):
        start = time.perf_counter()
        render_svg(case.element, **kwargs)
        renders.append(time.perf_counter() - start)
    load_after = os.getloadavg()

    print(f"card: {args.case.relative_to(ROOT) if args.case.is_relative_to(ROOT) else args.case} "
          f"({len(elements)} elements with tw, {classes} classes), {args.rounds} rounds")
    for kind, values in samples.items():
        print(f"  tw {kind:13} {spread(values)}")
    render = statistics.median(renders)
    print(f"  render_svg (warm) {render * 1e3:9.1f} ms  (p25 {statistics.quantiles(renders, n=4)[0] * 1e3:.1f}, "
          f"p75 {statistics.quantiles(renders, n=4)[2] * 1e3:.1f})")
    for kind in kinds:
        print(f"  tw {kind} / render: {statistics.median(samples[kind]) / render:.2%}")
    print(f"  load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after "
          f"({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
