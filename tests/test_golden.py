"""Golden cases: golden/**/*.json in the conformance case format, each with its
reference PNG (the case's ``reference.png`` key, else ``<name>.png`` or
``reference.png`` beside it), judged by the conformance rule.
Failure pictures go to .artifacts/golden/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from satori_py.case import load_case
from tests.support import harness, paths

PICTURES = paths.ARTIFACTS / "golden"


def golden_cases() -> list[Path]:
    if not paths.GOLDEN_DIR.is_dir():
        return []
    return sorted(p for p in paths.GOLDEN_DIR.rglob("*.json")
                  if not p.name.startswith("_") and p.name != "index.json")


def _reference_png(case_file: Path, declared: Path | None) -> Path | None:
    if declared is not None:
        return declared
    for candidate in (case_file.with_suffix(".png"), case_file.parent / "reference.png"):
        if candidate.is_file():
            return candidate
    return None


@pytest.mark.parametrize(
    "case_file", golden_cases(),
    ids=lambda p: str(p.relative_to(paths.GOLDEN_DIR).with_suffix("")))
def test_golden(case_file: Path) -> None:
    case = load_case(case_file)
    if case.expect_error is None:
        case.reference_png = _reference_png(case_file, case.reference_png)
    slug = str(case_file.relative_to(paths.GOLDEN_DIR).with_suffix(""))
    result = harness.run_case(case, slug, picture_dir=PICTURES, timeout=120)
    assert result.passed, result.describe()
    # What the render reports as ignored (satori_py.diagnostics): nothing, unless the case says.
    assert result.warnings == case.raw.get("expectWarnings", [])
