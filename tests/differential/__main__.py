"""python -m tests.differential: random cards against the real Satori.

    SATORI_REF=/path/to/satori-ref .venv/bin/python -m tests.differential \\
        [--seed 1] [--count 2000] [--jobs 2] [--minimise 60] [--out DIR] [--index N ...]
    SATORI_REF=... .venv/bin/python -m tests.differential --cards CASE.json ... --out DIR
    SATORI_REF=... .venv/bin/python -m tests.differential --cards CASE.json ... --strangers 1 2

The second form judges hand-written cases (the conformance format, fonts relative to
each file) instead of generated cards; card N is the N-th file given. With
--strangers, each case is judged once per seed given, its texts and images replaced
by strangers' content (strangers.py); card N is then file N // seeds at seed N % seeds.

Prints the match rate per feature group and writes a report (see runner.py for
the output folder). Exit status 0 when at least --target (98 %) of the cards
match and none crashed, else 1.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from tests.support import paths

from . import compare, runner, strangers, triage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.differential", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", default="1", help="the cards' seed (default 1)")
    ap.add_argument("--count", type=int, default=2000, help="cards to run (default 2000)")
    ap.add_argument("--start", type=int, default=0, help="first card index (default 0)")
    ap.add_argument("--index", type=int, nargs="+", help="run only these card indices")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="processes rendering our side (default 2)")
    ap.add_argument("--minimise", type=int, default=60, metavar="N",
                    help="minimise at most N failing cards (default 60; 0: none)")
    ap.add_argument("--budget", type=int, default=300,
                    help="tries per minimisation (default 300)")
    ap.add_argument("--target", type=float, default=98.0, help="pass mark in %% (default 98)")
    ap.add_argument("--out", type=Path, help="output folder "
                    "(default .artifacts/differential/seed-SEED, or cards with --cards)")
    ap.add_argument("--cards", type=Path, nargs="+", metavar="CASE",
                    help="judge these case files instead of generated cards")
    ap.add_argument("--strangers", nargs="+", metavar="SEED",
                    help="with --cards: fill each case with strangers' content at these seeds")
    args = ap.parse_args(argv)

    given = runner.load_cards(args.cards) if args.cards else None
    if given is not None and args.strangers:
        given = [strangers.fill(case, seed) for case in given for seed in args.strangers]
    label = "cards" if given is not None else f"seed-{args.seed}"
    indices = args.index or list(range(len(given)) if given is not None else
                                 range(args.start, args.start + args.count))
    out = args.out or paths.ARTIFACTS / "differential" / label
    print(f"{len(indices)} cards, {label}, {args.jobs} jobs -> {out}", flush=True)
    command = "python -m tests.differential " + shlex.join(argv or sys.argv[1:])
    summary = runner.run_cards(label if given is not None else args.seed, indices,
                               args.jobs, out, given=given)
    print(triage.table(summary), flush=True)
    (out / "report.md").write_text(triage.report(summary, command), encoding="utf-8")
    runner.minimise_failures(summary, args.jobs, args.minimise, args.budget)
    (out / "report.md").write_text(triage.report(summary, command), encoding="utf-8")
    counted = [r for r in summary.results if r.outcome.counted]
    matched = sum(r.outcome.status == compare.PASS for r in counted)
    crashed = [r.index for r in counted if r.outcome.status in (compare.CRASH,
                                                                 compare.TIMEOUT)]
    rate = 100 * matched / max(len(counted), 1)
    lost = len(summary.results) - len(counted)
    print(f"match {matched}/{len(counted)} = {rate:.2f} %"
          + (f"; {lost} cards without an answer from Satori" if lost else "")
          + (f"; CRASHED or timed out: {crashed}" if crashed else "; no crash"))
    print(f"report: {out / 'report.md'}")
    return 0 if rate >= args.target and not crashed else 1


if __name__ == "__main__":
    sys.exit(main())
