"""The run: cards from a seed, Satori's answers, our renders judged in parallel,
then the failures minimised (each worker with its own oracle) for the triage.

The caller's thread drives both sides: it takes Satori's answers from the oracle
and hands them to the judging processes (judges.py), so a card whose judge dies or
hangs is reported (``crash`` / ``timeout``) and the run goes on.

Everything a run writes goes under its output folder (default
``.artifacts/differential/seed-SEED``, outside git): ``results.jsonl`` (one line
per card), ``cards/N.json`` and ``cards/N.diff.png`` for each failing card,
``min/N.json`` for its minimal form, ``report.md``.
"""
from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import compare, features, generator, minimise
from .judges import Judges
from .oracle import Oracle

# A judge (our render, limited to compare.OUR_TIME_LIMIT, then both rasterised and
# compared) that has not answered in this long is stopped and its card is a timeout.
JUDGE_LIMIT = 4 * compare.OUR_TIME_LIMIT


@dataclass
class CardResult:
    index: int
    outcome: compare.Outcome
    groups: list[str]
    template: str = ""
    card_file: str | None = None


@dataclass
class RunSummary:
    seed: str
    results: list[CardResult] = field(default_factory=list)
    minimal: dict[int, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0

    def failures(self) -> list[CardResult]:
        return [r for r in self.results
                if r.outcome.counted and r.outcome.status != compare.PASS]


def _quiet() -> None:
    """Worker initialiser: satori-py's warnings (what it ignores) are not the report's."""
    logging.getLogger("satori_py").setLevel(logging.ERROR)


Task = tuple[int, dict[str, Any], tuple[str, str], str]


def _judge(task: Task) -> CardResult:
    """Worker: our side of one card; failing cards are saved with their picture."""
    index, case, answer, out_dir = task
    keep: dict[str, bytes] = {}
    outcome = compare.compare(case, answer, keep)
    result = _result(task, outcome)
    if result.card_file and "ours" in keep:
        cards = Path(result.card_file).parent
        compare.failure_picture(cards / f"{index}.diff.png", keep["ours"], keep["ref"])
        (cards / f"{index}.ref.svg").write_bytes(keep["ref_svg"])
        (cards / f"{index}.ours.svg").write_bytes(keep["ours_svg"])
    return result


def _lost(task: Task, reason: str, overran: bool) -> CardResult:
    """A card whose judging process died or overran: a crash or a timeout of ours."""
    return _result(task, compare.Outcome(compare.TIMEOUT if overran else compare.CRASH, reason))


def _result(task: Task, outcome: compare.Outcome) -> CardResult:
    """The card's result; a counted card that did not match is saved as cards/N.json."""
    index, case, _, out_dir = task
    result = CardResult(index, outcome, sorted(features.groups(case)), case.get("name", ""))
    if outcome.counted and outcome.status != compare.PASS:
        cards = Path(out_dir) / "cards"
        cards.mkdir(parents=True, exist_ok=True)
        path = cards / f"{index}.json"
        path.write_text(json.dumps(case, ensure_ascii=False, indent=1), encoding="utf-8")
        result.card_file = str(path)
    return result


def _tasks(cases: Iterable[tuple[int, dict[str, Any]]], oracle: Oracle,
           out_dir: Path) -> Iterator[Task]:
    """Each card with Satori's answer, taken from the oracle as the judges ask for them."""
    sent: deque[tuple[int, dict[str, Any]]] = deque()

    def feed() -> Iterator[dict[str, Any]]:
        for index, case in cases:
            sent.append((index, case))
            yield case

    for answer in oracle.render_many(feed()):
        index, case = sent.popleft()
        yield index, case, answer, str(out_dir)


def run_cards(seed: str, indices: list[int], jobs: int, out_dir: Path,
              progress: bool = True,
              given: list[dict[str, Any]] | None = None,
              oracle: Callable[[], Oracle] = Oracle,
              limit: float = JUDGE_LIMIT) -> RunSummary:
    """Judge cards ``indices`` of ``seed``, or with ``given`` those cases (card N is
    ``given[N]``; ``seed`` is then only the report's label). ``oracle`` makes the
    oracle; a card not judged within ``limit`` seconds is a timeout."""
    summary = RunSummary(seed)
    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = ((i, given[i] if given is not None else generator.generate(seed, i))
             for i in indices)
    with Judges(_judge, jobs, limit, _lost, initializer=_quiet) as judges, \
            oracle() as satori, \
            open(out_dir / "results.jsonl", "w", encoding="utf-8") as log:
        for n, result in enumerate(judges.map(_tasks(cases, satori, out_dir)), 1):
            summary.results.append(result)
            log.write(json.dumps({"index": result.index, "card": result.template,
                                  "groups": result.groups, **result.outcome.to_json()},
                                 ensure_ascii=False) + "\n")
            log.flush()  # a run's progress can be followed in the file
            if progress and (n % 100 == 0 or n == len(indices)):
                bad = len(summary.failures())
                print(f"  {n}/{len(indices)} cards, {bad} not matching "
                      f"({time.perf_counter() - start:.0f}s)", flush=True)
    summary.seconds = time.perf_counter() - start
    return summary


def load_cards(files: list[Path]) -> list[dict[str, Any]]:
    """Case files (the conformance format) as cards: font and additional-asset files
    made absolute (the judge loads cases from "/"), named by their file."""
    cards = []
    for path in files:
        case = json.loads(path.read_text(encoding="utf-8"))
        fonts = [*case.get("options", {}).get("fonts", []),
                 *(f for a in case.get("additionalAssets", [])
                   if isinstance(a.get("result"), list) for f in a["result"])]
        for font in fonts:
            font["file"] = str((path.parent / font["file"]).resolve())
        case["name"] = f"{path.name}: {case.get('name', '')}".rstrip(": ")
        cards.append(case)
    return cards


# -- minimising, one oracle per worker -------------------------------------------------

_ORACLE: Oracle | None = None


def _minimise_one(task: tuple[int, str, str, int]) -> tuple[int, dict[str, Any]]:
    global _ORACLE
    index, card_file, kind, budget = task
    if _ORACLE is None:
        _ORACLE = Oracle().__enter__()
    oracle = _ORACLE
    case = json.loads(Path(card_file).read_text(encoding="utf-8"))

    def fails(candidate: dict[str, Any]) -> bool:
        return compare.compare(candidate, oracle.render(candidate)).kind() == kind

    try:
        small, calls = minimise.minimise(case, fails, budget=budget)
    except Exception as exc:  # a bug of the minimiser must not end the run
        return index, {"file": card_file, "calls": 0, "status": "minimiser-error",
                       "message": f"{type(exc).__name__}: {exc}", "signature": [],
                       "size": minimise.size(case)}
    answer = oracle.render(small)
    outcome = compare.compare(small, answer)
    out = Path(card_file).parent.parent / "min" / f"{index}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    small["name"] = f"minimal form of {case.get('name', index)}"
    out.write_text(json.dumps(small, ensure_ascii=False, indent=1), encoding="utf-8")
    return index, {"file": str(out), "calls": calls, "status": outcome.status,
                   "message": outcome.message.splitlines()[0] if outcome.message else "",
                   "signature": list(features.signature(small)),
                   "size": minimise.size(small)}


def _minimiser_lost(task: tuple[int, str, str, int], reason: str,
                    overran: bool) -> tuple[int, dict[str, Any]]:
    index, card_file, _, _ = task
    case = json.loads(Path(card_file).read_text(encoding="utf-8"))
    return index, {"file": card_file, "calls": 0, "status": "minimiser-error",
                   "message": reason.splitlines()[0], "signature": [],
                   "size": minimise.size(case)}


def minimise_failures(summary: RunSummary, jobs: int, limit: int, budget: int,
                      progress: bool = True) -> None:
    todo = [(r.index, r.card_file, r.outcome.kind(), budget)
            for r in summary.failures() if r.card_file][:limit]
    if not todo:
        return
    if progress:
        print(f"minimising {len(todo)} failing cards ({jobs} workers)...", flush=True)
    # A minimisation is up to ``budget`` round trips; each is bounded by the oracle's and
    # our render's own time limits, so this only stops a process stuck in C code.
    with Judges(_minimise_one, jobs, budget * JUDGE_LIMIT, _minimiser_lost,
                initializer=_quiet) as judges:
        for index, info in judges.map(todo):
            summary.minimal[index] = info
            if progress:
                print(f"  card {index}: {info['size']} units after {info['calls']} tries: "
                      f"{' '.join(info['signature']) or '(nothing special)'}", flush=True)
