"""The batch CLI: a 200-row CSV through an HTML Jinja template, with one bad row."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from satori_py import Limits, Template, render_png

TEMPLATE = """<div style="display: flex; flex-direction: column; justify-content: center; width: 100%;
            height: 100%; padding: 12px; background: {{ bg }}; color: white">
  <div style="font-size: 20px; font-weight: bold">{{ title }}</div>
  <div style="font-size: 10px; margin-top: 4px">by {{ author }}</div>
</div>
"""
SIZE = ["--width", "200", "--height", "105"]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "satori_py", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / "card.html").write_text(TEMPLATE)
    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["slug", "title", "author", "bg"])
        for i in range(1, 201):
            writer.writerow([f"post-{i:03d}", f"Post {i} <&>", "Ada", "notacolor" if i == 57 else "#0b1020"])
    return tmp_path


def test_200_rows_with_one_bad_row_then_skip_existing(batch: Path) -> None:
    run = cli("card.html", "--data", "rows.csv", "--out-dir", "out", "--name", "{slug}.png",
              "--jobs", "2", *SIZE, cwd=batch)
    assert run.returncode == 1, run.stderr
    out = sorted(p.name for p in (batch / "out").iterdir())
    assert len(out) == 199 and "post-057.png" not in out and not any(n.startswith(".") for n in out)
    summary = run.stderr.splitlines()
    assert "199 rendered, 0 skipped, 1 failed in" in run.stderr
    assert ('  row 57 (line 58) [slug=post-057] -> post-057.png: div: Invalid `background` value: '
            '"notacolor".') in summary
    # The bytes are the library's, whatever process rendered them.
    row = {"title": "Post 12 <&>", "author": "Ada", "bg": "#0b1020"}
    assert (batch / "out" / "post-012.png").read_bytes() == render_png(
        Template(TEMPLATE).render(row), width=200, height=105)
    # Outputs get the user's umask, not mkstemp's 0600.
    assert (batch / "out" / "post-001.png").stat().st_mode & 0o777 == 0o666 & ~_umask()

    before = {p.name: p.stat().st_mtime_ns for p in (batch / "out").iterdir()}
    again = cli("card.html", "--data", "rows.csv", "--out-dir", "out", "--name", "{slug}.png",
                "--jobs", "2", "--skip-existing", *SIZE, cwd=batch)
    assert again.returncode == 1
    assert "0 rendered, 199 skipped, 1 failed in" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (batch / "out").iterdir()} == before


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_input_files_and_names_that_leave_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"type": "div", "props": {"children": "a"}}))
    (tmp_path / "b.html").write_text("<p>b</p>")
    (tmp_path / "c.html").write_text("<p>c</p><script></script>")
    run = cli("a.json", "b.html", "c.html", "--out-dir", "out", "--name", "{stem}.svg", "--jobs", "1",
              "--no-progress", *SIZE, cwd=tmp_path)
    assert run.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.svg", "b.svg"]
    assert run.stderr.splitlines() == [
        run.stderr.splitlines()[0],
        "  c.html -> c.svg: line 1, column 9: <script> is not supported: scripts don't run in an image."]

    (tmp_path / "rows.jsonl").write_text('{"slug": "../../evil"}\n{"slug": "ok"}\n{"slug": "ok"}\n{"x": 1}\n')
    (tmp_path / "t.html").write_text("<p>{{ slug }}</p>")
    run = cli("t.html", "--data", "rows.jsonl", "--out-dir", "out2", "--name", "{slug}.png", "--no-progress",
              "--jobs", "1", *SIZE, cwd=tmp_path)
    assert run.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out2").iterdir()) == ["ok.png"]
    assert run.stderr.splitlines()[1:] == [
        "  row 1 (line 1) [slug=../../evil]: the output name '../../evil.png' leaves the output folder",
        "  row 3 (line 3) [slug=ok]: the output 'ok.png' is also row 2 (line 2)'s",
        "  row 4 (line 4): --name '{slug}.png' needs 'slug', which the row lacks (it has x)"]


def test_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("<p/>")
    assert "--name 'x.gif' must end in .png or .svg" in cli(
        "t.html", "--out-dir", "o", "--name", "x.gif", cwd=tmp_path).stderr
    assert "--jobs needs --out-dir" in cli("t.html", "-o", "x.png", "--jobs", "2", cwd=tmp_path).stderr
    assert cli("--version", cwd=tmp_path).stdout.startswith("satori-py, version ")


@pytest.mark.parametrize(("args", "expected"), [([], None), (["--timeout", "2.5"], Limits(timeout=2.5)),
                                               (["--timeout", "0"], Limits(timeout=None))])
def test_the_timeout_option_is_the_render_s_time_limit(tmp_path: Path, monkeypatch, args: list[str],
                                                       expected: Limits | None) -> None:
    from click.testing import CliRunner

    from satori_py import api
    from satori_py.batch import run
    from satori_py.cli import cli as command

    seen: list[object] = []

    def render_many(items, **options):
        seen.append(options.get("limits"))
        return iter(())

    def render_png(element, **options):
        seen.append(options.get("limits"))
        return b"png"

    monkeypatch.setattr(run, "render_many", render_many)
    monkeypatch.setattr(api, "render_png", render_png)
    (tmp_path / "t.html").write_text("<p/>")
    CliRunner().invoke(command, [str(tmp_path / "t.html"), "--out-dir", str(tmp_path / "o"), *args])
    CliRunner().invoke(command, [str(tmp_path / "t.html"), "-o", str(tmp_path / "t.png"), *args])
    assert seen == [expected, expected]
