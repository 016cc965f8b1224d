"""Our SVG's size and raster time next to the reference's, on the paint golden cases (not a test).

usage: python benchmarks/paint_size_time.py [CASE.json ...] [--repeat N] [--json OUT]

For each case: the bytes of our SVG and of the reference SVG (the real Satori
0.63.2's, ``golden/paint/NAME.svg``), the median milliseconds resvg-py takes to
rasterise each (parse + render + PNG encode, through resvg_bridge with the
reference's rasteriser, ``backend="resvg_py"``; the two run alternately, so
that a busy machine slows both alike), and the median time we take to make our
SVG (element -> SVG, warm caches). The element counts say where the bytes go:
``<mask>``, ``<clipPath>`` and ``<g>`` per SVG.

With no cases, times the issue's acceptance cases. The avif-image reference is
satori-py's own render (Satori cannot draw AVIF), so its two columns are equal
by construction.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import resvg_bridge
from satori_py import api
from satori_py.case import load_case

DEFAULT = ["three-gradient-layers-card", "border-per-side-dashed-dotted-double-elliptical",
           "rotated-skewed-shadow", "polygon-clip", "gradient-mask", "filter-chain",
           "image-rounded-overflow", "webp-image", "avif-image"]
COUNTED = ("mask", "clipPath", "g")


def _seconds(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm-up: caches, lazy imports
    return statistics.median(_seconds(fn) for _ in range(repeat)) * 1e3


def paired_median_ms(first: Callable[[], Any], second: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Medians of two jobs run alternately, so that a busy machine slows both alike."""
    first(), second()
    a, b = [], []
    for _ in range(repeat):
        a.append(_seconds(first))
        b.append(_seconds(second))
    return statistics.median(a) * 1e3, statistics.median(b) * 1e3


def counts(svg: str) -> str:
    return "/".join(str(len(re.findall(rf"<{tag}[\s>/]", svg))) for tag in COUNTED)


def measure(case_path: Path, repeat: int) -> dict[str, Any]:
    case = load_case(case_path)
    kwargs = case.render_kwargs(offline=True)
    ours = api.render_svg(case.element, **kwargs)
    reference = (case_path.parent / json.loads(case_path.read_text())["reference"]["svg"]).read_text()
    ours_ms, ref_ms = paired_median_ms(lambda: resvg_bridge.svg_to_png(ours, backend="resvg_py"),
                                       lambda: resvg_bridge.svg_to_png(reference, backend="resvg_py"), repeat)
    return {
        "case": case_path.stem,
        "ours_bytes": len(ours.encode()),
        "ref_bytes": len(reference.encode()),
        "ours_raster_ms": ours_ms,
        "ref_raster_ms": ref_ms,
        "ours_render_ms": median_ms(lambda: api.render_svg(case.element, **kwargs), repeat),
        "ours_counts": counts(ours),
        "ref_counts": counts(reference),
    }


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| case | our SVG | ref SVG | size | our raster | ref raster | time | our render "
            "| mask/clipPath/g ours | ref |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['case']} | {r['ours_bytes']:,} B | {r['ref_bytes']:,} B "
            f"| {r['ours_bytes'] / r['ref_bytes']:.0%} | {r['ours_raster_ms']:.1f} ms | {r['ref_raster_ms']:.1f} ms "
            f"| {r['ours_raster_ms'] / r['ref_raster_ms']:.0%} | {r['ours_render_ms']:.1f} ms "
            f"| {r['ours_counts']} | {r['ref_counts']} |")
    ours, ref = sum(r["ours_bytes"] for r in rows), sum(r["ref_bytes"] for r in rows)
    t_ours, t_ref = sum(r["ours_raster_ms"] for r in rows), sum(r["ref_raster_ms"] for r in rows)
    lines.append(f"| **total** | {ours:,} B | {ref:,} B | {ours / ref:.0%} | {t_ours:.1f} ms | {t_ref:.1f} ms "
                 f"| {t_ours / t_ref:.0%} | | | |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args()
    cases = args.cases or [ROOT / "golden" / "paint" / f"{name}.json" for name in DEFAULT]
    rows = [measure(path, args.repeat) for path in cases if path.is_file()]
    print(f"median of {args.repeat} runs each; raster = resvg_bridge.svg_to_png(backend='resvg_py')")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
