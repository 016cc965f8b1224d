"""The test harness itself: the comparison rule, verdicts and the parallel runner.

With a stub api that returns the reference SVG, every case must pass: this
checks that the harness rasterises exactly the way the references were made.
"""
from __future__ import annotations

import importlib.util
import json
import multiprocessing as mp
import sys
import time
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

import satori_py
from satori_py.case import load_case
from satori_py.errors import StyleError
from tests.support import harness, imgdiff, paths


def rgba(h: int, w: int, colour: tuple[int, int, int, int] = (255, 255, 255, 255)) -> np.ndarray:
    a = np.zeros((h, w, 4), np.uint8)
    a[...] = colour
    return a


def png_bytes(a: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    Image.fromarray(a, "RGBA").save(buf, "PNG")
    return buf.getvalue()


def test_rule_forgives_a_one_pixel_shift_but_not_a_move() -> None:
    ref = rgba(40, 40)
    ref[10:20, 10:20] = (0, 0, 0, 255)
    shifted = np.roll(ref, 1, axis=1)
    moved = np.roll(ref, 3, axis=1)
    assert imgdiff.compare(png_bytes(ref), png_bytes(shifted)).passed
    assert not imgdiff.compare(png_bytes(ref), png_bytes(moved)).passed


def test_rule_catches_a_faded_colour_and_a_size_change() -> None:
    ref = rgba(40, 40)
    ref[5:35, 5:35] = (0, 0, 0, 255)
    faded = ref.copy()
    faded[5:35, 5:35] = (12, 12, 12, 255)  # inside the tolerance, but lighter ink
    verdict = imgdiff.compare(png_bytes(ref), png_bytes(faded))
    assert verdict.mismatch == 0 and not verdict.passed
    assert "size" in imgdiff.compare(png_bytes(ref), png_bytes(rgba(40, 41))).reason


def test_rule_matches_the_shared_tool(tmp_path: Path) -> None:
    shared = paths.shared_dir()
    tool = shared / "tools" / "imgdiff.py" if shared else None
    if tool is None or not tool.is_file():
        pytest.skip("shared/tools/imgdiff.py not found")
    spec = importlib.util.spec_from_file_location("shared_imgdiff", tool)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rng = np.random.default_rng(7)
    for i in range(6):
        a = rgba(30, 50)
        a[5:25, 5 + i:30 + i] = (200, 30, 30, 255)
        b = a.copy()
        noise = rng.integers(0, 256, size=(30, 50, 4), dtype=np.uint8)
        mask = rng.random((30, 50)) < 0.01 * i
        b[mask] = noise[mask]
        pa, pb = tmp_path / f"a{i}.png", tmp_path / f"b{i}.png"
        Image.fromarray(a, "RGBA").save(pa)
        Image.fromarray(b, "RGBA").save(pb)
        theirs = mod.compare(mod.load(str(pa)), mod.load(str(pb)))
        ours = imgdiff.compare(pa, pb)
        assert (ours.passed, ours.mismatch, ours.mass) == (
            theirs["pass"], theirs["mismatch"], theirs["mass"])


def test_failure_picture(tmp_path: Path) -> None:
    ref = rgba(20, 30)
    ours = rgba(20, 30, (255, 0, 0, 255))
    verdict = imgdiff.compare(png_bytes(ref), png_bytes(ours))
    out = imgdiff.write_failure_picture(tmp_path / "x" / "d.png", png_bytes(ours),
                                        png_bytes(ref), verdict)
    assert Image.open(out).size == (30 * 3 + 16, 20)
    # Different sizes still give a picture.
    out = imgdiff.write_failure_picture(tmp_path / "e.png", png_bytes(rgba(5, 5)),
                                        png_bytes(ref), None)
    assert out.is_file()


# --- the harness with a stub renderer -------------------------------------------------------

class ReferenceApi(types.ModuleType):
    """Renders a case by returning its reference SVG (looked up by the element)."""

    def __init__(self, svgs: dict[str, str]) -> None:
        super().__init__("satori_py.api")
        self.svgs = svgs

    def render_svg(self, element: Any, **options: Any) -> str:
        key = json.dumps(element, sort_keys=True)
        if key not in self.svgs:
            raise StyleError("no such case")
        svg = self.svgs[key]
        if svg == "SLEEP":
            time.sleep(30)
        if svg == "BUG":
            raise KeyError("bug")
        if svg.startswith("ERROR:"):
            raise StyleError(svg[len("ERROR:"):], path="div")
        return svg


SAMPLE_SLUGS = [
    "basic__basic-should-render-basic-div-with-text",
    "basic__basic-should-support-skipping-embedded-fonts",     # embedFont: false
    "font__font-should-error-when-no-font-is-specified",       # expectError
    "image__image-should-resolve-image-data",                  # requires fetch
]


@pytest.fixture
def reference_api(monkeypatch: pytest.MonkeyPatch) -> ReferenceApi:
    if paths.suite_dir() is None:
        pytest.skip("conformance suite not found")
    svgs = {}
    for slug in SAMPLE_SLUGS:
        case = load_case(paths.case_path(slug))
        key = json.dumps(case.element, sort_keys=True)
        if case.expect_error is not None:
            svgs[key] = "ERROR:" + case.expect_error
        else:
            svgs[key] = case.reference_svg.read_text()
    stub = ReferenceApi(svgs)
    monkeypatch.setitem(sys.modules, "satori_py.api", stub)
    monkeypatch.setattr(satori_py, "api", stub, raising=False)
    return stub


def test_reference_svgs_pass(reference_api: ReferenceApi, tmp_path: Path) -> None:
    for slug in SAMPLE_SLUGS:
        result = harness.run_case(load_case(paths.case_path(slug)), slug, picture_dir=tmp_path)
        assert result.passed, result.describe()
    assert not list(tmp_path.iterdir())


def test_statuses(reference_api: ReferenceApi, tmp_path: Path) -> None:
    case = load_case(paths.case_path(SAMPLE_SLUGS[0]))
    key = json.dumps(case.element, sort_keys=True)
    good = reference_api.svgs[key]

    red_box = '<rect width="50" height="50" fill="red"/></svg>'
    reference_api.svgs[key] = good.replace("</svg>", red_box)
    result = harness.run_case(case, "x/y", picture_dir=tmp_path)
    assert result.status == harness.FAIL and result.picture
    assert Path(result.picture).is_file() and (tmp_path / "x__y.ours.svg").is_file()

    reference_api.svgs[key] = "BUG"
    result = harness.run_case(case, "s")
    assert result.status == harness.CRASH and "KeyError" in result.message

    reference_api.svgs[key] = "SLEEP"
    result = harness.run_case(case, "s", timeout=0.5)
    assert result.status == harness.TIMEOUT

    reference_api.svgs.clear()
    result = harness.run_case(case, "s")
    assert result.status == harness.ERROR and "no such case" in result.message

    error_case = load_case(paths.case_path(SAMPLE_SLUGS[2]))
    result = harness.run_case(error_case, "e")  # raises, but the wrong message
    assert result.status == harness.FAIL and "expected an error" in result.message


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_parallel_runner(reference_api: ReferenceApi) -> None:
    from tests import conformance_report

    results = conformance_report.run_all(SAMPLE_SLUGS + ["no-such-case"], jobs=2, timeout=30,
                                         pictures=False, progress=False)
    by_slug = {r.slug: r for r in results}
    assert all(by_slug[s].passed for s in SAMPLE_SLUGS), [r.describe() for r in results]
    assert by_slug["no-such-case"].status == harness.MISSING


def test_ratchet_add_only(tmp_path: Path) -> None:
    ratchet = tmp_path / "ratchet.txt"
    assert paths.add_to_ratchet(["b", "a"], ratchet) == ["a", "b"]
    assert paths.add_to_ratchet(["c", "a"], ratchet) == ["c"]
    assert ratchet.read_text() == "a\nb\nc\n"
    assert paths.read_ratchet(ratchet) == ["a", "b", "c"]


def test_most_common_colour_is_the_row_unique_answer() -> None:
    """The packed-key background pick equals np.unique(axis=0)'s, ties included."""
    rng = np.random.default_rng(3)
    for _ in range(20):
        img = rng.integers(0, 4, size=(9, 7, 4)).astype(np.int16) * 85  # many ties
        colours, counts = np.unique(img.reshape(-1, 4), axis=0, return_counts=True)
        assert imgdiff.most_common_colour(img).tolist() == colours[counts.argmax()].tolist()
