"""Render every case to SVG and compare two such snapshots byte for byte.

    python -m tests.svg_bytes snapshot DIR [--jobs N] [--extra CASES_DIR]
    python -m tests.svg_bytes compare BEFORE AFTER

For a refactor that must not change the output (issue 13): ``snapshot`` renders
every satori-suite case, the seed cases, every golden case and the benchmark
cards (benchmarks/cards) to ``DIR/<slug>.svg`` (``DIR/<slug>.err`` holds the
error a case raises), as the conformance harness renders them (``--extra``
adds the case files of a folder, e.g. values a change is about); ``compare``
lists the cases whose files differ or exist on one side only and exits 1 if
there is any. Take the snapshot on the base commit, then on the change.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
from pathlib import Path

from tests.support import paths

CARDS_DIR = paths.REPO_ROOT / "benchmarks" / "cards"


def case_files(extra: Path | None = None) -> dict[str, Path]:
    """slug -> case file, for every case a snapshot renders."""
    files: dict[str, Path] = {}
    for path in sorted(extra.glob("*.json")) if extra is not None else ():
        files["extra/" + path.stem] = path
    for slug in [*paths.suite_slugs(), *paths.seed_slugs()]:
        path = paths.case_path(slug)
        if path is not None:
            files[slug] = path
    if paths.GOLDEN_DIR.is_dir():
        for path in sorted(paths.GOLDEN_DIR.rglob("*.json")):
            if not path.name.startswith("_") and path.name != "index.json":
                files["golden/" + path.relative_to(paths.GOLDEN_DIR).with_suffix("").as_posix()] = path
    for path in sorted(CARDS_DIR.glob("*.json")):
        files["cards/" + path.stem] = path
    return files


def _render(item: tuple[str, str, str]) -> str:
    import warnings

    from satori_py import api
    from satori_py.case import load_case
    from tests.support import harness

    warnings.simplefilter("ignore")
    slug, case_file, out_dir = item
    target = Path(out_dir) / slug.replace("/", "__")
    try:
        case = load_case(Path(case_file))
        svg = api.render_svg(case.element, **harness.case_kwargs(case))
    except Exception as exc:  # noqa: BLE001 - the error is the case's output
        target.with_suffix(".err").write_text(f"{type(exc).__name__}: {exc}\n", encoding="utf-8")
    else:
        target.with_suffix(".svg").write_text(svg, encoding="utf-8")
    return slug


def snapshot(out_dir: Path, jobs: int, extra: Path | None = None) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    items = [(slug, str(path), str(out_dir)) for slug, path in case_files(extra).items()]
    with mp.get_context("spawn").Pool(jobs) as pool:
        for done, _ in enumerate(pool.imap_unordered(_render, items, chunksize=4), 1):
            if done % 100 == 0:
                print(f"{done}/{len(items)}", file=sys.stderr)
    print(f"{len(items)} cases rendered to {out_dir}")
    return 0


def compare(before: Path, after: Path) -> int:
    left = {p.name: p.read_bytes() for p in before.iterdir()}
    right = {p.name: p.read_bytes() for p in after.iterdir()}
    differ = sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))
    for name in differ:
        side = "only before" if name not in right else "only after" if name not in left else "differs"
        print(f"{side}: {name}")
    print(f"{len(left.keys() & right.keys()) - len(set(differ) & left.keys() & right.keys())} identical, "
          f"{len(differ)} different")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("dir", type=Path)
    snap.add_argument("--jobs", type=int, default=2)
    snap.add_argument("--extra", type=Path, help="a folder of more case files")
    comp = sub.add_parser("compare")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        return snapshot(args.dir, args.jobs, args.extra)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
