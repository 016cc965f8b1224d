"""ruff and mypy, configured in pyproject.toml, pass on the code.

Each is also run on a small file with one known fault, so that a configuration
that checks nothing (a wrong path, a rule set that selects nothing) fails here.
The modules mypy does not hold to --strict yet are listed in pyproject.toml.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "pyproject.toml")


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


def test_ruff_passes() -> None:
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_reports_a_fault(tmp_path: Path) -> None:
    (tmp_path / "faulty.py").write_text("import os\n", encoding="utf-8")
    result = _run("ruff", "check", "--no-cache", "--config", CONFIG, "faulty.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "F401" in result.stdout


def test_mypy_passes() -> None:
    result = _run("mypy", "--config-file", CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = int(result.stdout.split(" source files")[0].rsplit(" ", 1)[-1])
    assert checked > 100, result.stdout  # the whole package, not a part of it


def test_mypy_reports_a_fault(tmp_path: Path) -> None:
    (tmp_path / "faulty.py").write_text("def f(x):\n    return x\n", encoding="utf-8")
    result = _run("mypy", "--config-file", CONFIG, "--cache-dir", str(tmp_path / "cache"), "faulty.py",
                  cwd=tmp_path)
    assert result.returncode == 1
    assert "[no-untyped-def]" in result.stdout  # --strict applies
