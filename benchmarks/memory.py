"""Memory over many renders: RSS after 10,000 renders within 10 % of RSS after 1,000 (not a test).

usage: python benchmarks/memory.py [--renders 10000] [--checkpoint 1000] [--variant svg png ...]
                                    [--tolerance 0.10]

Each variant runs in a fresh process and renders a realistic card
(examples/og-card.json: a pill, a title, a description, a footer) with new
text every time, so that no cache answers for it. It prints the resident set
size after ``--checkpoint`` renders and after ``--renders``, and their ratio;
the exit status is 1 when a variant grows more than ``--tolerance``. A variant
is a function that renders one card; add one to ``VARIANTS`` (e.g. through
a web framework) and it is measured the same way.
"""
from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CARD = json.loads((ROOT / "examples/og-card.json").read_text(encoding="utf-8"))["element"]
WORDS = ("render", "memory", "flat", "card", "image", "python", "satori", "layout", "glyph", "stable", "server",
         "request", "title", "banner", "preview", "social")


def card(n: int) -> dict[str, Any]:
    """The example card with every text replaced by words of ``n`` (new text each time)."""
    def words(count: int, salt: int) -> str:
        return " ".join(WORDS[(n * 7 + salt * 3 + i * 5 + n // (i + 1)) % len(WORDS)] + str((n + i) % 97)
                        for i in range(count))

    element = copy.deepcopy(CARD)
    counter = iter(range(1000))

    def replace(node: Any) -> Any:
        if isinstance(node, str):
            salt = next(counter)
            return words(3 + salt % 5, salt)
        if isinstance(node, list):
            return [replace(child) for child in node]
        if isinstance(node, dict) and "props" in node:
            props = dict(node["props"])
            if "children" in props:
                props["children"] = replace(props["children"])
            return {**node, "props": props}
        return node

    return replace(element)  # type: ignore[no-any-return]


def _render_svg(n: int) -> None:
    from satori_py import render_svg

    render_svg(card(n), width=1200, height=630)


def _render_png(n: int) -> None:
    from satori_py import render_png

    render_png(card(n), width=1200, height=630)


VARIANTS: dict[str, Callable[[int], None]] = {"svg": _render_svg, "png": _render_png}


def rss_mb() -> float:
    """The resident set size of this process, in MB (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def run_variant(name: str, renders: int, checkpoint: int) -> dict[str, float]:
    """Render ``renders`` cards in this process; RSS at the checkpoint and at the end."""
    render = VARIANTS[name]
    start = time.monotonic()
    at_checkpoint = 0.0
    for n in range(renders):
        render(n)
        if n + 1 == checkpoint:
            at_checkpoint = rss_mb()
    return {"checkpoint": at_checkpoint, "end": rss_mb(), "seconds": time.monotonic() - start}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--renders", type=int, default=10_000)
    ap.add_argument("--checkpoint", type=int, default=1_000)
    ap.add_argument("--variant", nargs="+", choices=sorted(VARIANTS), default=sorted(VARIANTS))
    ap.add_argument("--tolerance", type=float, default=0.10)
    ap.add_argument("--child", help=argparse.SUPPRESS)  # run one variant here, print JSON
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_variant(args.child, args.renders, args.checkpoint)))
        return 0
    worst = 0.0
    print(f"{'variant':10} {'RSS@' + str(args.checkpoint):>10} {'RSS@' + str(args.renders):>11} {'growth':>8} "
          f"{'ms/render':>10}")
    for name in args.variant:
        child = subprocess.run([sys.executable, __file__, "--child", name, "--renders", str(args.renders),
                                "--checkpoint", str(args.checkpoint)], capture_output=True, text=True, check=True)
        result = json.loads(child.stdout)
        growth = result["end"] / result["checkpoint"] - 1
        worst = max(worst, growth)
        print(f"{name:10} {result['checkpoint']:8.1f}MB {result['end']:9.1f}MB {growth:+8.1%} "
              f"{result['seconds'] / args.renders * 1e3:10.1f}", flush=True)
    return 1 if worst > args.tolerance else 0


if __name__ == "__main__":
    raise SystemExit(main())
