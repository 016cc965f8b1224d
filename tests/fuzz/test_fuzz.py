"""The fuzzer's CI profile, in a child process: a crash in native code fails this test
(with the input that caused it) instead of killing pytest.

The long profile is one command (see the README): ``python -m tests.fuzz.run --profile long``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_hostile_trees_raise_nothing_but_satori_errors_and_give_well_formed_svg(tmp_path: Path) -> None:
    record = tmp_path / "example.txt"
    child = subprocess.run([sys.executable, "-m", "tests.fuzz.run", "--profile", "ci", "--record", str(record)],
                           capture_output=True, text=True, timeout=1200, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    crashed = child.returncode < 0
    last = record.read_text(encoding="utf-8") if record.exists() else "(none)"
    assert child.returncode == 0, (
        (f"the fuzzer was killed by signal {-child.returncode} while rendering:\n{last[:4000]}\n" if crashed
         else "") + child.stdout[-2000:] + child.stderr[-8000:])
    assert "150 examples" in child.stdout, child.stdout
