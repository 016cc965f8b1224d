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


def _run(module: str, *args: str, record: Path) -> str:
    """Run a fuzzer in a child process; its output, or a failure that shows the input."""
    child = subprocess.run([sys.executable, "-m", module, *args, "--record", str(record)], capture_output=True,
                           text=True, timeout=1200, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    crashed = child.returncode < 0
    last = record.read_text(encoding="utf-8") if record.exists() else "(none)"
    assert child.returncode == 0, (
        (f"the fuzzer was killed by signal {-child.returncode} on this input:\n{last[:4000]}\n" if crashed
         else "") + child.stdout[-2000:] + child.stderr[-8000:])
    return child.stdout


def test_hostile_trees_raise_nothing_but_satori_errors_and_give_well_formed_svg(tmp_path: Path) -> None:
    out = _run("tests.fuzz.run", "--profile", "ci", record=tmp_path / "example.txt")
    assert "150 examples" in out, out


def test_tailwind_markup_and_transformed_effects_raise_nothing_but_satori_errors(tmp_path: Path) -> None:
    # The newer inputs: tw strings, HTML text and transforms over effects (their fixed CI examples).
    out = _run("tests.fuzz.run", "--profile", "ci", "--strategy", "new", "--examples", "60",
               record=tmp_path / "example.txt")
    assert "60 examples" in out, out


def test_hostile_font_files_raise_nothing_but_satori_errors(tmp_path: Path) -> None:
    # Mutated and bomb fonts (tests/fuzz/fonts.py), each example within 20 s of CPU.
    out = _run("tests.fuzz.run", "--profile", "ci", "--strategy", "fonts", "--examples", "80",
               record=tmp_path / "example.txt")
    assert "80 examples" in out, out


def test_bulk_inputs_end_in_an_error_that_names_its_node_or_in_an_image(tmp_path: Path) -> None:
    # One construct repeated or nested thousands of times (tests/fuzz/bulk.py), each example
    # within 20 s of CPU and 4 GB of address space.
    out = _run("tests.fuzz.run", "--profile", "ci", "--strategy", "bulk", "--examples", "40", "--placed",
               record=tmp_path / "example.txt")
    assert "40 examples" in out, out


def test_the_taffy_bridge_takes_any_layout_tree_without_aborting(tmp_path: Path) -> None:
    out = _run("tests.fuzz.taffy_bridge", "--examples", "300", record=tmp_path / "tree.txt")
    assert out.strip() == "300 layout trees: nothing but SatoriError, every box finite"


def test_strangers_requests_through_every_entry_point_end_in_an_image_or_a_placed_error(tmp_path: Path) -> None:
    # tests/fuzz/oracle.py: 600 fixed cases (seeds 0-599) through render_svg, render_png, the
    # command line and the three ImageResponse adapters, strict and lenient, each case within
    # 30 s of CPU; every error and every report must name its node, property or option.
    out = _run("tests.fuzz.oracle", "--cases", "600", record=tmp_path / "case.txt")
    assert "600 cases" in out and "nothing but images and placed SatoriErrors" in out, out
