"""satori-py beside the peers users compare it with, on the 24 realistic cards: next/og's
pipeline (Satori 0.63.2 + resvg-js 2.6.2) and Takumi (the Rust renderer, @takumi-rs/core).

usage: python benchmarks/bench_peers.py [--rounds N] [--ref DIR] [--takumi DIR] [--filter SUBSTR]
                                        [--fresh-text] [--json OUT]

The whole card, element -> PNG, warm (each side has rendered every card once): ours is
render_png; next/og's is satori() then new Resvg(svg).render().asPng() (benchmarks/satori_server.mjs);
Takumi's is fromJsx(element) then renderer.render(node, {format: "png"})
(benchmarks/takumi_server.mjs: each card's JSON made a React element tree, fonts registered
once, an element without a display given Satori's flex). The three alternate card by card,
round after round (which goes first rotates), so that load from other processes slows them
alike; ratios are paired per round and each figure is a median with its spread (min-max over
rounds). ``--takumi`` defaults to ``$TAKUMI_DIR``, else ../ref-takumi beside the repository;
without @takumi-rs/core there, Takumi is skipped with a printed line. A card Takumi refuses is
printed with its error and left out of Takumi's medians. Takumi draws its own text and layout
(not Satori's), so its PNGs differ from the other two: this compares time, not output.
``--fresh-text``: new words in every text each round, for all three (bench_cards.py's docstring).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import resvg_bridge.heap
from bench_cards import REPO, Card, Reference, load, load_cards, ms, spread
from satori_py import render_png

SIDES = ("next/og", "ours", "takumi")


def _ask(peer: Reference, case: Path) -> tuple[float | None, str | None]:
    """A peer's time for one card (ms), or its error."""
    try:
        reply = peer.ask("render", case)
    except RuntimeError as exc:
        return None, str(exc)
    if "satori_ms" in reply:
        return float(reply["satori_ms"] + reply["resvg_ms"]), None
    return float(reply["convert_ms"] + reply["render_ms"]), None


def bench(cards: list[Card], ref: Reference, takumi: Reference | None, rounds: int,
          tmp: Path | None) -> dict[str, str]:
    """Each card's time on each side, round by round (into ``card.times``); the cards Takumi
    refused, with its error."""
    refused: dict[str, str] = {}
    for card in cards:  # warm-up: caches on every side
        ref.ask("render", card.path)
        render_png(**card.kwargs)
        if takumi is not None:
            _, error = _ask(takumi, card.path)
            if error is not None:
                refused[card.name] = error
    for r in range(rounds):
        for card in cards:
            case_path, kwargs = card.variant(r, tmp)
            order = SIDES[r % 3:] + SIDES[:r % 3]
            for side in order:
                if side == "ours":
                    t0 = time.perf_counter()
                    render_png(**kwargs)
                    card.add("ours", ms(t0))
                elif side == "next/og":
                    card.add("next/og", _ask(ref, case_path)[0] or 0.0)
                elif takumi is not None and card.name not in refused:
                    took, error = _ask(takumi, case_path)
                    if took is None:
                        refused[card.name] = error or "?"
                    else:
                        card.add("takumi", took)
            card.add("ours/next-og", card.times["ours"][-1] / card.times["next/og"][-1])
            if "takumi" in card.times and card.name not in refused:
                card.add("ours/takumi", card.times["ours"][-1] / card.times["takumi"][-1])
                card.add("takumi/next-og", card.times["takumi"][-1] / card.times["next/og"][-1])
    return refused


def report(cards: list[Card], refused: dict[str, str], with_takumi: bool) -> dict[str, Any]:
    print("\n== element -> PNG, warm (ms; median (min-max) over rounds)")
    columns = ["next/og", "ours", *(["takumi"] if with_takumi else []), "ours/next-og",
               *(["ours/takumi", "takumi/next-og"] if with_takumi else [])]
    print(f"{'card':22}" + "".join(f" {c:>22}" for c in columns))
    for card in cards:
        cells = [spread(card.times[c]) if card.times.get(c) else "-" for c in columns]
        print(f"{card.name:22}" + "".join(f" {c:>22}" for c in cells))
    out: dict[str, Any] = {}
    for key in columns[len(columns) - (3 if with_takumi else 1):]:
        medians = [statistics.median(c.times[key]) for c in cards if c.times.get(key)]
        if medians:
            out[key] = {"median": statistics.median(medians), "min": min(medians), "max": max(medians),
                        "cards": len(medians)}
            print(f"{key}: median of the per-card medians {out[key]['median']:.3f} over {len(medians)} cards "
                  f"(cards {out[key]['min']:.2f}-{out[key]['max']:.2f})")
    for name, error in refused.items():
        print(f"takumi could not render {name}: {error}")
    out["takumi_refused"] = refused
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--ref", type=Path, default=Path(os.environ.get("SATORI_REF_DIR", REPO.parent / "ref")))
    ap.add_argument("--takumi", type=Path, default=Path(os.environ.get("TAKUMI_DIR", REPO.parent / "ref-takumi")))
    ap.add_argument("--filter", default="")
    ap.add_argument("--fresh-text", action="store_true", help="new texts every round on every side")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not (args.ref / "node_modules" / "satori").is_dir():
        print(f"no satori in {args.ref}/node_modules: pass --ref (see the docstring)", file=sys.stderr)
        return 2
    with_takumi = all((args.takumi / "node_modules" / "@takumi-rs" / name).is_dir() for name in ("core", "helpers"))
    if not with_takumi:
        print(f"takumi skipped: no @takumi-rs/core and @takumi-rs/helpers in {args.takumi}/node_modules "
              "(pass --takumi; see the docstring)")
    resvg_bridge.heap.keep_freed_memory()  # as the render pools do (bench_cards.py's docstring)
    cards = load_cards(args.filter)
    print(f"{len(cards)} cards, {args.rounds} rounds, {os.cpu_count()} cpus, "
          f"{'fresh texts, ' if args.fresh_text else ''}{load()}")
    ref = Reference(args.ref)
    takumi = Reference(args.takumi, "takumi_server.mjs") if with_takumi else None
    try:
        with tempfile.TemporaryDirectory() as tmp_dir:
            refused = bench(cards, ref, takumi, args.rounds, Path(tmp_dir) if args.fresh_text else None)
    finally:
        ref.close()
        if takumi is not None:
            takumi.close()
    results = report(cards, refused, with_takumi)
    print(f"\n{load()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
