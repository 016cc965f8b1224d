"""Two trees' front ends against each other: render_svg CPU per card, interleaved, paired.

usage: python benchmarks/ab_front.py TREE_A TREE_B [--rounds N] [--mode warm,cleared,fresh,first]
                                     [--filter SUBSTR] [--repeat K]

Each tree (a checkout of this repository, e.g. main's worktree and a branch's) gets a
process of its own that imports that tree's ``satori_py`` and ``benchmarks/bench_cards.py``
and renders the 24 bench cards (benchmarks/cards) with ``render_svg``. Rounds alternate the
two processes, and which goes first flips every round, so load from other processes falls on
both alike; each measurement is the process's CPU time (``time.process_time``: every thread
of the process, Taffy's included), which a loaded machine disturbs less than wall time.

Modes (each measured in every round, in the order given):
  warm     the card again, caches warm; per card the best of ``--repeat`` renders.
  cleared  every satori_py cache emptied first (bench_cards.clear_caches: fonts given as
           bytes are parsed again), then one render; the best of ``--repeat`` such pairs.
  fresh    the round's variant of the card, its words rotated (bench_cards ``--fresh-text``:
           the same glyphs, other lines), rendered once: new text on warm caches, as a
           server sees a template with a new title on every request.
  first    first sight: every cache emptied once, then each card rendered once, in the order
           of the cards turned by the round's number: each card on caches warm from the cards
           before it only, as a process rendering a corpus of different cards sees them.

Printed per mode: the ratio B/A per card (median over rounds) and over the cards their
median, quartiles, min and max, with ``uptime`` before and after. Below 1: B is faster.
Both trees must have bench_cards.py's ``load_cards``, ``clear_caches`` and ``Card.variant``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# The worker, run by each tree's process: reads a mode per line, answers {card: CPU s}.
WORKER = r'''
import json, sys, tempfile, time
from pathlib import Path
tree = sys.argv[1]
sys.path.insert(0, tree); sys.path.insert(0, tree + "/benchmarks")
from bench_cards import clear_caches, load_cards
from satori_py import render_svg
cards = load_cards(sys.argv[2])
repeat = int(sys.argv[3])
tmp = Path(tempfile.mkdtemp(prefix="ab_front-"))
for card in cards:
    render_svg(**card.kwargs)
    render_svg(**card.kwargs)
for line in sys.stdin:
    mode, round_no = line.split()
    out = {}
    order = cards
    if mode == "first":
        clear_caches()
        start = int(round_no) % len(cards)
        order = cards[start:] + cards[:start]
    for card in order:
        if mode in ("fresh", "first"):
            kwargs = card.variant(int(round_no), tmp)[1] if mode == "fresh" else card.kwargs
            t = time.process_time()
            render_svg(**kwargs)
            out[card.name] = time.process_time() - t
            continue
        best = float("inf")
        for _ in range(repeat):
            if mode == "cleared":
                clear_caches()
            t = time.process_time()
            render_svg(**card.kwargs)
            best = min(best, time.process_time() - t)
        out[card.name] = best
    print(json.dumps(out), flush=True)
'''


def _uptime() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tree_a", type=Path)
    ap.add_argument("tree_b", type=Path)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--mode", default="warm,cleared,fresh")
    ap.add_argument("--filter", default="")
    ap.add_argument("--repeat", type=int, default=3, help="renders per card and round (warm, cleared)")
    args = ap.parse_args()
    modes = [m for m in args.mode.split(",") if m]
    for mode in modes:
        if mode not in ("warm", "cleared", "fresh", "first"):
            ap.error(f"unknown mode {mode!r}")
    trees = [args.tree_a.resolve(), args.tree_b.resolve()]
    print(f"A = {trees[0]}\nB = {trees[1]}\nload average before: {_uptime()}", flush=True)
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(tree), args.filter, str(args.repeat)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=tree)
             for tree in trees]
    results: dict[str, list[list[dict[str, float]]]] = {m: [[], []] for m in modes}
    try:
        for r in range(args.rounds):
            for mode in modes:
                for side in ((0, 1) if r % 2 == 0 else (1, 0)):
                    proc = procs[side]
                    assert proc.stdin is not None and proc.stdout is not None
                    proc.stdin.write(f"{mode} {r}\n")
                    proc.stdin.flush()
                    reply = proc.stdout.readline()
                    if not reply:
                        raise SystemExit(f"the worker of {trees[side]} ended (see its error above)")
                    results[mode][side].append(json.loads(reply))
    finally:
        for proc in procs:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait()
    print(f"load average after: {_uptime()}")
    for mode in modes:
        runs_a, runs_b = results[mode]
        names = list(runs_a[0])
        ratios = {n: statistics.median(b[n] / a[n] for a, b in zip(runs_a, runs_b)) for n in names}
        ms_a = statistics.median(statistics.median(a[n] for a in runs_a) for n in names) * 1000
        ms_b = statistics.median(statistics.median(b[n] for b in runs_b) for n in names) * 1000
        vals = sorted(ratios.values())
        q = statistics.quantiles(vals, n=4) if len(vals) > 1 else [vals[0]] * 3
        print(f"\n== {mode}: B/A per card, median over {args.rounds} rounds (card medians: A {ms_a:.2f} ms, "
              f"B {ms_b:.2f} ms CPU)")
        for name in names:
            print(f"  {name:22} {ratios[name]:.3f}")
        print(f"{mode}: median {statistics.median(vals):.3f}, quartiles {q[0]:.3f}-{q[2]:.3f}, "
              f"min {vals[0]:.3f}, max {vals[-1]:.3f}")


if __name__ == "__main__":
    main()
