"""python -m tests.tailwind.differential: random ``tw`` classes and cards against the real Satori.

    SATORI_REF=/path/to/satori-ref .venv/bin/python -m tests.tailwind.differential \\
        [--seed 1] [--lists 2000] [--cards 200] [--size 600x315] [--out DIR]

Two comparisons, both with :mod:`.random_classes`:

* **class lists** (``--lists``): each list is given to Satori's own ``getTwStyles``
  (twrnc 3.4.0, a fresh instance per list; tools/record_oracle.mjs instruments a copy
  of Satori's dist/index.js under ``--work``) at three canvas sizes, and must give
  exactly the style satori-py's resolver gives (as tests/tailwind/test_oracle.py
  judges), except where Satori throws (satori-py reports those classes instead);
* **cards** (``--cards``): small trees of ``tw`` elements rendered by the real Satori
  (tests/differential/oracle.mjs) and by satori-py, judged by the conformance rule;
  a failing card is reduced (elements, then classes) to a minimal one, written with
  its ``ours | reference | diff`` picture to ``--out`` (default
  .artifacts/tw-differential/seed-SEED).

Exit status 0 when every list gives Satori's style and every card matches.
"""
from __future__ import annotations

import argparse
import copy
import json
import logging
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from satori_py.tailwind.resolver import resolve, satori_style
from tests.support import paths

from .random_classes import card, class_list
from .test_oracle import _decode, same

RECORDER = Path(__file__).with_name("tools") / "record_oracle.mjs"
SIZES = [(1200, 630), (700, 900), (800, 400)]


def compare_lists(seed: str, count: int, dist: Path) -> list[str]:
    """The lists of ``seed`` whose style differs from Satori's, described."""
    rng = random.Random(f"tw-lists {seed}")
    lists = [class_list(rng) for _ in range(count)]
    bad = []
    for width, height in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            group, out = Path(tmp, "group.json"), Path(tmp, "out.json")
            group.write_text(json.dumps({"width": width, "height": height, "cases": lists}), encoding="utf-8")
            subprocess.run(["node", str(RECORDER), str(dist), str(group), str(out)], check=True)
            recorded = json.loads(out.read_text(encoding="utf-8"))
        for classes, expected, *_ in recorded:
            theirs = _decode(expected)
            if isinstance(theirs, dict) and "$error" in theirs:
                continue  # Satori throws: satori-py reports the class (test_oracle.EXPLAINED and README)
            resolution = resolve(classes, width=width, height=height)
            ours = satori_style(resolution.style, {})
            if not same(ours, theirs):
                bad.append(f"{width}x{height} {classes!r}: Satori {json.dumps(theirs)}, ours {json.dumps(ours)}")
    return bad


def _elements(node: Any, out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        out.append(node)
        kids = node["props"].get("children")
        for kid in kids if isinstance(kids, list) else [kids]:
            _elements(kid, out)
    return out


def _reductions(case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every case with one child element or one class less."""
    for index, node in enumerate(_elements(case["element"], [])):
        kids = node["props"].get("children")
        for i in reversed(range(len(kids) if isinstance(kids, list) else 0)):
            trial = copy.deepcopy(case)
            del _elements(trial["element"], [])[index]["props"]["children"][i]
            yield trial
        classes = node["props"].get("tw", "").split()
        for i in reversed(range(len(classes))):
            trial = copy.deepcopy(case)
            _elements(trial["element"], [])[index]["props"]["tw"] = " ".join(classes[:i] + classes[i + 1:])
            yield trial


def minimise(case: dict[str, Any], fails: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The case with child elements and classes dropped, one at a time, while ``fails`` holds."""
    best = case
    while True:
        smaller = next((trial for trial in _reductions(best) if fails(trial)), None)
        if smaller is None:
            return best
        best = smaller


def compare_cards(seed: str, count: int, out: Path, size: tuple[int, int] | None = None) -> list[str]:
    """The cards of ``seed`` (on a ``size`` canvas, default the card's 600 x 315) that do not match
    Satori's, minimised and written to ``out``."""
    from tests.differential import compare
    from tests.differential.oracle import Oracle

    bad = []
    with Oracle() as oracle:
        def fails(candidate: dict[str, Any]) -> bool:
            return compare.compare(candidate, oracle.render(candidate)).status == compare.FAIL

        for index in range(count):
            case = card(seed, index)
            if size:  # the same tree on another canvas: w-full/h-full roots and percentages change
                case["options"]["width"], case["options"]["height"] = size
            outcome = compare.compare(case, oracle.render(case))
            if outcome.status == compare.PASS:
                continue
            if outcome.status == compare.FAIL:
                case = minimise(case, fails)
            keep: dict[str, bytes] = {}
            outcome = compare.compare(case, oracle.render(case), keep)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{index}.json").write_text(json.dumps(case, indent=1), encoding="utf-8")
            if "ours" in keep:
                compare.failure_picture(out / f"{index}.png", keep["ours"], keep["ref"])
            tws = [n["props"].get("tw", "") for n in _elements(case["element"], [])]
            bad.append(f"card {index}: {outcome.status} {outcome.message.splitlines()[0] if outcome.message else ''}"
                       f" (tw: {' | '.join(tws)})")
    return bad


def _instrumented_dist(work: Path) -> Path:
    """A copy of the reference's satori dist that record_oracle.mjs may instrument."""
    from tests.differential.oracle import satori_ref_dir

    source = satori_ref_dir() / "node_modules" / "satori"
    target = work / "node_modules" / "satori"
    if not target.is_dir():
        shutil.copytree(source, target, symlinks=True)
        for dep in (satori_ref_dir() / "node_modules").iterdir():
            if dep.name != "satori" and not (work / "node_modules" / dep.name).exists():
                (work / "node_modules" / dep.name).symlink_to(dep)
    return target / "dist" / "index.js"


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.tailwind.differential", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--lists", type=int, default=2000, help="class lists to compare (default 2000)")
    ap.add_argument("--cards", type=int, default=200, help="cards to compare (default 200)")
    ap.add_argument("--size", type=_size, help="canvas WxH for the cards (default 600x315)")
    ap.add_argument("--out", type=Path, help="output folder (default .artifacts/tw-differential/seed-SEED)")
    ap.add_argument("--work", type=Path, default=paths.ARTIFACTS / "tw-differential" / "satori",
                    help="where the instrumented copy of Satori goes")
    args = ap.parse_args(argv)
    logging.getLogger("satori_py").setLevel(logging.ERROR)  # what twrnc ignores is expected here
    out = args.out or paths.ARTIFACTS / "tw-differential" / f"seed-{args.seed}"
    failures = []
    if args.lists:
        lists = compare_lists(args.seed, args.lists, _instrumented_dist(args.work))
        print(f"class lists: {args.lists * len(SIZES) - len(lists)}/{args.lists * len(SIZES)} give Satori's style")
        failures += lists
    if args.cards:
        cards = compare_cards(args.seed, args.cards, out, args.size)
        print(f"cards: {args.cards - len(cards)}/{args.cards} match (failures minimised in {out})")
        failures += cards
    for line in failures:
        print(" ", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
