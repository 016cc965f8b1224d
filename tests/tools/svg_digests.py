"""The SVG bytes and reports of every case, to show a change leaves them as they were.

    python -m tests.tools.svg_digests OUT.json [--jobs N] [--passes N] [--filter SUBSTR]
    python -m tests.tools.svg_digests OUT.json --compare BEFORE.json

Renders the conformance suite and seed cases, the golden cases and the benchmark
cards (benchmarks/cards) with ``render_svg`` as the conformance harness does, and
writes, per case, the SHA-256 of the SVG (or the error raised) and the reports the
render made (``on_warning``), in order. ``--passes 2`` renders everything twice in
each worker process and records the second pass, whose caches (fonts, runs,
computed styles) are warm from every case before it: a cache that changes an
output or drops a report shows up there. ``--compare`` prints the cases whose
record differs from BEFORE's and exits 1 if there is any.

Typical use: run it on main and on the branch, compare.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any

from tests.support import paths
from tests.support.harness import case_kwargs


def case_files(pattern: str) -> list[Path]:
    found: list[Path] = []
    suite = paths.suite_dir()
    if suite is not None:
        found += sorted(suite.glob("cases/*.json"))
    conformance = paths.conformance_dir()
    if conformance is not None:
        found += sorted((conformance / "seed" / "cases").glob("*.json"))
    found += sorted(paths.GOLDEN_DIR.glob("**/*.json"))
    found += sorted((paths.REPO_ROOT / "benchmarks" / "cards").glob("*.json"))
    return [p for p in found if pattern in str(p)]


def record(path: Path) -> dict[str, Any]:
    from satori_py import api
    from satori_py.case import load_case

    reports: list[Any] = []
    try:
        case = load_case(path)
        svg = api.render_svg(case.element, **case_kwargs(case), on_warning=reports.append)
        out: dict[str, Any] = {"svg": hashlib.sha256(svg.encode("utf-8")).hexdigest()}
    except Exception as exc:  # noqa: BLE001 - an error is an outcome to compare too
        out = {"error": f"{type(exc).__name__}: {exc}"}
    out["reports"] = [f"{type(r).__name__}: {r}" for r in reports]
    return out


def _work(args: tuple[list[str], int]) -> dict[str, dict[str, Any]]:
    import logging
    import warnings

    logging.getLogger("satori_py").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    files, passes = args
    results: dict[str, dict[str, Any]] = {}
    for _ in range(passes):
        results = {name: record(Path(name)) for name in files}
    return results


def _key(path: str) -> str:
    """The case's path inside the repository or the shared directory (so checkouts compare)."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(paths.REPO_ROOT):
        return str(resolved.relative_to(paths.REPO_ROOT))
    shared = paths.shared_dir()
    return str(resolved.relative_to(shared.resolve())) if shared is not None else str(resolved)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--passes", type=int, default=1)
    ap.add_argument("--filter", default="")
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args(argv)
    files = [str(p) for p in case_files(args.filter)]
    shares = [(files[i::args.jobs], args.passes) for i in range(args.jobs)]
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(args.jobs) as pool:
        results: dict[str, Any] = {}
        for part in pool.map(_work, shares):
            results.update({_key(k): v for k, v in part.items()})
    results = dict(sorted(results.items()))
    args.out.write_text(json.dumps(results, indent=0) + "\n", encoding="utf-8")
    print(f"{len(results)} cases, {sum('error' in r for r in results.values())} raise; written to {args.out}")
    if args.compare is None:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(before) | set(results) if before.get(k) != results.get(k))
    for name in changed:
        print(f"differs: {name}\n  before {before.get(name)}\n  after  {results.get(name)}")
    print(f"{len(changed)} of {len(results)} differ from {args.compare}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
