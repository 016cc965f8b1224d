"""Batch throughput of the CLI: N cards through an HTML Jinja template, --jobs A against --jobs B.

usage: python benchmarks/batch_throughput.py [--cards 1000] [--repeat 3] [--jobs 1 2]
                                             [--width 1200 --height 630]

Writes a blog-card template and a CSV of N rows to a temporary folder, then runs
``python -m satori_py TEMPLATE --data ROWS --out-dir DIR --jobs J`` for each J,
interleaved (J1, J2, J1, J2, ...) so that load changes hit both sides alike,
``--repeat`` times. Each run is timed from the process start to its exit
(imports, pool start-up and writing the files included), and its CPU time (the
command and its worker processes, user + system) is read from the kernel. Prints
every run, then per J the median cards/s with its spread (min-max), the ratio of
the medians against the first J, the median CPU time per card and the CPU
seconds per wall second (how many cores the run kept busy: on a machine loaded
by others, the cores it got), and the load average before and after.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """<div style="display: flex; flex-direction: column; justify-content: space-between;
            width: 100%; height: 100%; padding: 64px; box-sizing: border-box; color: white;
            background: linear-gradient(135deg, {{ from }}, {{ to }})">
  <div style="display: flex; align-items: center; font-size: 28px; opacity: 0.85">
    <svg width="40" height="40" viewBox="0 0 24 24" style="margin-right: 16px">
      <circle cx="12" cy="12" r="10" fill="white"/>
    </svg>
    {{ site }}
  </div>
  <div style="font-size: 64px; font-weight: bold; line-height: 1.1">{{ title }}</div>
  <div style="display: flex; justify-content: space-between; font-size: 28px">
    <span>{{ author }}</span><span>{{ date }} · {{ minutes }} min read</span>
  </div>
</div>
"""
WORDS = ("Shipping", "faster", "Open", "Graph", "cards", "with", "Python", "templates", "and",
         "no", "browser", "at", "all", "today")


def make_rows(path: Path, cards: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["slug", "title", "author", "date", "minutes", "site", "from", "to"])
        for i in range(cards):
            title = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(5 + i % 6))
            writer.writerow([f"post-{i:05d}", title, f"Author {i % 17}", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                             3 + i % 20, "example.blog", f"#{(i * 2654435761) % 0xFFFFFF:06x}", "#0b1020"])


def cpu_seconds() -> float:
    """User + system CPU time of the finished child processes (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, jobs: int, args: argparse.Namespace) -> tuple[float, float]:
    """One run of the command: (wall seconds, CPU seconds)."""
    out = folder / f"out-{jobs}"
    cpu = cpu_seconds()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "satori_py", str(folder / "card.html"), "--data",
                           str(folder / "rows.csv"), "--out-dir", str(out), "--name", "{slug}.png",
                           "--jobs", str(jobs), "--width", str(args.width), "--height", str(args.height),
                           "--no-progress"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"--jobs {jobs} failed:\n{proc.stderr}")
    return seconds, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=630)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="satori-batch-bench-") as tmp:
        folder = Path(tmp)
        (folder / "card.html").write_text(TEMPLATE, encoding="utf-8")
        make_rows(folder / "rows.csv", args.cards)
        load_before = os.getloadavg()
        times: dict[int, list[float]] = {j: [] for j in args.jobs}
        cpus: dict[int, list[float]] = {j: [] for j in args.jobs}
        for round_ in range(args.repeat):
            for jobs in args.jobs:
                seconds, cpu = run(folder, jobs, args)
                times[jobs].append(seconds)
                cpus[jobs].append(cpu)
                print(f"round {round_ + 1}: --jobs {jobs}: {seconds:7.1f} s  {args.cards / seconds:6.1f} cards/s"
                      f"  CPU {cpu:7.1f} s ({cpu / seconds:.2f} cores)", flush=True)
        load_after = os.getloadavg()
    base = statistics.median(times[args.jobs[0]])
    print(f"\n{args.cards} cards of {args.width}x{args.height}, {args.repeat} interleaved runs each, "
          f"{os.cpu_count()} CPUs; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    for jobs, runs in times.items():
        median = statistics.median(runs)
        cpu = statistics.median(cpus[jobs])
        cores = statistics.median(c / t for c, t in zip(cpus[jobs], runs))
        print(f"--jobs {jobs}: median {args.cards / median:6.1f} cards/s (spread "
              f"{args.cards / max(runs):.1f}-{args.cards / min(runs):.1f}), {base / median:.2f}x --jobs {args.jobs[0]};"
              f" CPU {1000 * cpu / args.cards:.0f} ms/card, {cores:.2f} cores busy")


if __name__ == "__main__":
    main()
