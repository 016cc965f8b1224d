"""Render the whole conformance suite and report: ``python -m tests.conformance_report``.

    python -m tests.conformance_report [--area AREA] [--slug SUBSTR] [--jobs N]
                                       [--timeout S] [--update-ratchet] [--no-pictures]

Renders every satori-suite case (and, separately, the seed cases) in worker
processes, each case under a time limit; prints the pass rate per area and per
group, worst cases first; writes .artifacts/conformance.json and failure pictures
(ours | reference | diff) under .artifacts/conformance/. ``--update-ratchet``
adds newly passing cases to tests/conformance/ratchet.txt; it never removes one
(a listed case that fails is for tests/test_conformance.py to report).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import sys
import time
from collections import defaultdict
from typing import Any

from tests.support import paths
from tests.support.harness import CRASH, MISSING, TIMEOUT, CaseResult

PICTURES = paths.ARTIFACTS / "conformance"
SUMMARY = paths.ARTIFACTS / "conformance.json"


# --- worker side ----------------------------------------------------------------------

def _judge(slug: str, timeout: float, pictures: bool) -> CaseResult:
    from satori_py.case import load_case
    from tests.support import harness

    path = paths.case_path(slug)
    if path is None or not path.is_file():
        return CaseResult(slug, MISSING, "no case file")
    try:
        case = load_case(path)
    except Exception as exc:  # report a broken case, keep going
        return CaseResult(slug, CRASH, f"cannot load case: {type(exc).__name__}: {exc}")
    return harness.run_case(case, slug, picture_dir=PICTURES if pictures else None,
                            timeout=timeout)


def _worker(tasks: Any, results: Any, timeout: float, pictures: bool) -> None:
    # Quiet the renderer's own logging/warnings; the report is the output.
    import warnings

    warnings.simplefilter("ignore")
    while True:
        slug = tasks.get()
        if slug is None:
            return
        results.put(("start", slug, os.getpid()))
        result = _judge(slug, timeout, pictures)
        results.put(("done", slug, result.to_json()))


# --- scheduler ------------------------------------------------------------------------

def run_all(slugs: list[str], *, jobs: int, timeout: float, pictures: bool,
            progress: bool = True) -> list[CaseResult]:
    """Judge ``slugs`` in ``jobs`` processes. A worker stuck past the time limit (in
    native code, where the in-process alarm cannot reach) is killed and replaced."""
    if not slugs:
        return []
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    tasks, results = ctx.Queue(), ctx.Queue()
    for slug in slugs:
        tasks.put(slug)
    jobs = max(1, min(jobs, len(slugs)))

    def spawn() -> Any:
        p = ctx.Process(target=_worker, args=(tasks, results, timeout, pictures), daemon=True)
        p.start()
        return p

    workers = {p.pid: p for p in (spawn() for _ in range(jobs))}
    running: dict[int, tuple[str, float]] = {}  # pid -> (slug, started)
    out: dict[str, CaseResult] = {}
    hard_limit = timeout * 2 + 10
    while len(out) < len(slugs):
        try:
            kind, slug, payload = results.get(timeout=1.0)
        except queue.Empty:
            kind = None
        if kind == "start":
            running[payload] = (slug, time.monotonic())
        elif kind == "done":
            out[slug] = CaseResult(**payload)
            for pid, (s, _) in list(running.items()):
                if s == slug:
                    del running[pid]
            if progress:
                mark = "." if out[slug].passed else "F"
                print(mark, end="", flush=True, file=sys.stderr)
        now = time.monotonic()
        for pid, proc in list(workers.items()):
            current = running.get(pid)
            dead = not proc.is_alive()
            stuck = current is not None and now - current[1] > hard_limit
            if not (dead or stuck):
                continue
            if stuck and not dead:
                proc.kill()
            proc.join(5)
            del workers[pid]
            running.pop(pid, None)
            if current is not None and current[0] not in out:
                slug, started = current
                status, why = ((TIMEOUT, f"killed after {hard_limit:g}s") if stuck else
                               (CRASH, f"worker died (exit code {proc.exitcode})"))
                out[slug] = CaseResult(slug, status, why, seconds=round(now - started, 3))
            if len(out) < len(slugs):
                new = spawn()
                workers[new.pid] = new
        for pid, (slug, started) in list(running.items()):
            if pid not in workers:  # its "start" arrived after we buried the worker
                del running[pid]
                if slug not in out:
                    out[slug] = CaseResult(slug, CRASH, "worker died",
                                           seconds=round(now - started, 3))
    for _ in workers:
        tasks.put(None)
    for p in workers.values():
        p.join(5)
        if p.is_alive():
            p.kill()
    if progress:
        print(file=sys.stderr)
    return [out[s] for s in slugs if s in out]


# --- report ---------------------------------------------------------------------------

def _rate(results: list[CaseResult]) -> str:
    n = len(results)
    ok = sum(r.passed for r in results)
    return f"{ok}/{n} ({ok / n:.0%})" if n else "0/0"


def print_report(results: list[CaseResult], seed: list[CaseResult], worst: int) -> None:
    by_area: dict[str, list[CaseResult]] = defaultdict(list)
    by_group: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        by_area[paths.area_of(r.slug)].append(r)
        by_group[paths.group_of(r.slug)].append(r)
    print(f"satori-suite: {_rate(results)} pass")
    for area in sorted(by_area, key=lambda a: (sum(r.passed for r in by_area[a])
                                               / len(by_area[a]), a)):
        print(f"  {area:<8} {_rate(by_area[area])}")
    print("by group (worst first):")
    for group in sorted(by_group, key=lambda g: (sum(r.passed for r in by_group[g])
                                                 / len(by_group[g]), g)):
        print(f"  {group:<24} {_rate(by_group[group])}")
    statuses: dict[str, int] = defaultdict(int)
    for r in results:
        statuses[r.status] += 1
    print("statuses: " + ", ".join(f"{k}={v}" for k, v in sorted(statuses.items())))
    failing = sorted((r for r in results if not r.passed), key=lambda r: r.severity(),
                     reverse=True)
    if failing:
        print(f"worst cases (of {len(failing)} failing):")
        for r in failing[:worst]:
            first_line = r.message.splitlines()[0] if r.message else ""
            print(f"  [{r.status}] {r.slug}: {first_line[:160]}")
    if seed:
        print(f"seed cases: {_rate(seed)} pass")
        for r in seed:
            first_line = r.message.splitlines()[0] if r.message else ""
            print(f"  [{r.status}] {r.slug} {first_line[:160]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.conformance_report",
                                 description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--area", help="only this area (layout, paint, style, text, seed)")
    ap.add_argument("--slug", help="only cases whose slug contains this text")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    ap.add_argument("--update-ratchet", action="store_true",
                    help="add newly passing cases to tests/conformance/ratchet.txt")
    ap.add_argument("--no-pictures", action="store_true", help="skip failure pictures")
    ap.add_argument("--worst", type=int, default=40, help="how many failing cases to list")
    args = ap.parse_args(argv)

    if paths.conformance_dir() is None:
        print(f"conformance suite not found: set ${paths.ENV_SHARED} or put it at "
              f"{paths.REPO_ROOT.parent / 'shared'}", file=sys.stderr)
        return 2

    def selected(slugs: list[str]) -> list[str]:
        if args.area:
            slugs = [s for s in slugs if paths.area_of(s) == args.area]
        if args.slug:
            slugs = [s for s in slugs if args.slug in s]
        return slugs

    suite = selected(paths.suite_slugs())
    seed = selected(paths.seed_slugs())
    started = time.monotonic()
    everything = run_all(suite + seed, jobs=args.jobs, timeout=args.timeout,
                         pictures=not args.no_pictures)
    elapsed = time.monotonic() - started
    suite_results = [r for r in everything if not r.slug.startswith(paths.SEED_PREFIX)]
    seed_results = [r for r in everything if r.slug.startswith(paths.SEED_PREFIX)]
    print_report(suite_results, seed_results, args.worst)

    ratchet = set(paths.read_ratchet())
    regressions = sorted(r.slug for r in everything if r.slug in ratchet and not r.passed)
    if regressions:
        print(f"REGRESSIONS (listed in the ratchet, failing now): {len(regressions)}")
        for s in regressions:
            print(f"  {s}")
    newly = sorted(r.slug for r in everything if r.passed and r.slug not in ratchet)
    if args.update_ratchet:
        added = paths.add_to_ratchet(newly)
        print(f"ratchet: added {len(added)} case(s)")
    elif newly:
        print(f"{len(newly)} passing case(s) not in the ratchet; "
              "run with --update-ratchet to add them")

    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "elapsed_seconds": round(elapsed, 1),
        "filters": {"area": args.area, "slug": args.slug},
        "suite": {"total": len(suite_results), "passed": sum(r.passed for r in suite_results)},
        "seed": {"total": len(seed_results), "passed": sum(r.passed for r in seed_results)},
        "areas": {
            area: {"total": len(rs), "passed": sum(r.passed for r in rs)}
            for area, rs in _group(everything, paths.area_of).items()
        },
        "regressions": regressions,
        "cases": [dict(r.to_json(), area=paths.area_of(r.slug))
                  for r in sorted(everything, key=lambda r: r.severity(), reverse=True)],
    }
    SUMMARY.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"summary: {SUMMARY.relative_to(paths.REPO_ROOT)}; "
          f"pictures: {PICTURES.relative_to(paths.REPO_ROOT)}/ ({elapsed:.0f}s)")
    return 1 if regressions else 0


def _group(results: list[CaseResult], key: Any) -> dict[str, list[CaseResult]]:
    out: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        out[key(r.slug)].append(r)
    return dict(sorted(out.items()))


if __name__ == "__main__":
    sys.exit(main())
