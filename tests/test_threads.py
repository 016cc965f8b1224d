"""Renders in several threads at once give the bytes one thread gives.

Web servers render in threads (and the fast raster binding runs without the
GIL, so threads render in parallel): the font objects, caches and the Taffy
trees must be safe to share. The caches are emptied first, so that threads race
to fill them.
"""
from __future__ import annotations

import threading
from pathlib import Path

from satori_py import render_png, render_svg
from satori_py.case import load_case
from satori_py.images.source import CACHE as IMAGE_CACHE
from satori_py.text import engine, faces

ROOT = Path(__file__).resolve().parent.parent
CASES = [ROOT / "examples/og-card.json", *sorted((ROOT / "golden/paint").glob("*.json"))[:3],
         *sorted((ROOT / "golden/text").glob("*.json"))[:3]]


def _clear_caches() -> None:
    for cache in (faces._SFNT_CACHE, faces._FACE_CACHE, engine._RUNS, engine._PATHS,
                  IMAGE_CACHE):
        cache.clear()


def _jobs() -> list[dict]:
    jobs = []
    for path in CASES:
        case = load_case(path)
        if case.expect_error is None:
            jobs.append({"element": case.element, **case.render_kwargs(offline=True)})
    return jobs


def _in_threads(render, jobs: list[dict], threads: int = 4, rounds: int = 2) -> list[list[object]]:
    results: list[list[object]] = [[] for _ in range(threads)]
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work(i: int) -> None:
        try:
            start.wait()
            for _ in range(rounds):
                # Each thread walks the jobs from a different place, so that
                # different cards are in flight at once.
                order = jobs[i:] + jobs[:i]
                results[i].append({id(j): render(**j) for j in order})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    return results


def test_threads_render_the_same_svg_and_png_as_one_thread() -> None:
    jobs = _jobs()
    assert len(jobs) >= 5
    expected_svg = {id(j): render_svg(**j) for j in jobs}
    expected_png = {id(j): render_png(**j) for j in jobs}
    for render, expected in ((render_svg, expected_svg), (render_png, expected_png)):
        _clear_caches()
        for per_thread in _in_threads(render, jobs):
            for result in per_thread:
                assert result == expected
