"""The satori-py command: formats, options, exit codes, and no file on error.

Most tests run the command in-process with click's CliRunner and a stub
``satori_py.api`` that records its arguments, so they test the CLI's plumbing
(case loading, option mapping, error handling, atomic writes) on their own.
The subprocess tests run ``python -m satori_py`` for real.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import satori_py
from satori_py import cli as cli_module
from satori_py.files import write_atomic
from satori_py.assets import DEFAULT_FONT_PATH
from satori_py.case import Fetched
from satori_py.errors import ImageError, StyleError
from satori_py.options import Font

REPO_ROOT = Path(__file__).resolve().parents[1]
ONE_PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPj/HwADBwIAMCbHYQAAAABJRU5ErkJggg==")
ELEMENT = {"type": "div", "props": {"style": {"display": "flex"}, "children": "Hi"}}


def stub_svg(element: Any, width: Any = None, height: Any = None, **_: Any) -> str:
    if element.get("type") == "bad":
        raise StyleError('Invalid value for CSS property "display".', path="bad")
    if element.get("type") == "bug":
        raise RuntimeError("a real bug")
    return (f'<svg width="{width or 10}" height="{height or 10}" '
            f'xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5" fill="red"/></svg>')


class StubApi(types.ModuleType):
    """Records every call; renders a trivial SVG (and its PNG through resvg_bridge)."""

    def __init__(self) -> None:
        super().__init__("satori_py.api")
        self.calls: list[tuple[str, Any, dict[str, Any]]] = []

    def render_svg(self, element: Any, **options: Any) -> str:
        self.calls.append(("svg", element, options))
        return stub_svg(element, **options)

    def render_png(self, element: Any, **options: Any) -> bytes:
        self.calls.append(("png", element, options))
        import resvg_bridge

        svg = stub_svg(element, **options)
        scale = options.get("scale")
        return resvg_bridge.svg_to_png(svg, zoom=scale) if scale else resvg_bridge.svg_to_png(svg)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> StubApi:
    stub = StubApi()
    monkeypatch.setitem(sys.modules, "satori_py.api", stub)
    monkeypatch.setattr(satori_py, "api", stub, raising=False)
    return stub


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(runner: CliRunner, *args: Any, **kw: Any) -> Any:
    return runner.invoke(cli_module.cli, [str(a) for a in args], **kw)


# --- formats and options ----------------------------------------------------------------

def test_bare_element_to_svg(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    out = tmp_path / "out.svg"
    result = run(runner, src, "-o", out, "--width", 300, "--height", 200)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith('<svg width="300" height="200"')
    kind, element, options = api.calls[-1]
    assert kind == "svg" and element == ELEMENT
    assert options == {"width": 300, "height": 200}  # no fonts key: the default font


def test_case_to_png(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    font_dir = tmp_path / "fonts"
    font_dir.mkdir()
    (font_dir / "Geist.ttf").write_bytes(DEFAULT_FONT_PATH.read_bytes())
    case_dir = tmp_path / "cases"
    case_dir.mkdir()
    src = write_json(case_dir / "case.json", {
        "element": ELEMENT,
        "options": {"width": 64, "height": 32, "embedFont": False, "pointScaleFactor": 2,
                    "graphemeImages": {"X": "data:image/png;base64,AA=="},
                    "someFutureOption": 1,
                    "fonts": [{"name": "Geist", "file": "../fonts/Geist.ttf",
                               "weight": 700, "style": "italic", "lang": "en"}]},
        "resources": {"https://example.com/a.png": {"contentType": "image/png",
                                                    "base64": base64.b64encode(
                                                        ONE_PIXEL_PNG).decode()},
                      "https://example.com/broken": {"error": "wrong url"}},
        "additionalAssets": [{"languageCode": "emoji", "segment": "X", "result": "data:x"}],
    })
    out = tmp_path / "out.png"
    result = run(runner, src, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    kind, _, options = api.calls[-1]
    assert kind == "png"
    assert options["width"] == 64 and options["height"] == 32
    assert options["embed_font"] is False and options["point_scale_factor"] == 2
    assert options["grapheme_images"] == {"X": "data:image/png;base64,AA=="}
    assert "some_future_option" not in options  # options render_svg does not take are ignored
    assert "scale" not in options
    [font] = options["fonts"]
    assert isinstance(font, Font)
    assert (font.name, font.weight, font.style, font.lang) == ("Geist", 700, "italic", "en")
    assert font.load_bytes() == DEFAULT_FONT_PATH.read_bytes()

    fetched = options["fetcher"]("https://example.com/a.png")
    assert fetched == ONE_PIXEL_PNG and isinstance(fetched, Fetched)
    assert fetched.content_type == "image/png"
    with pytest.raises(ImageError, match="wrong url"):
        options["fetcher"]("https://example.com/broken")
    with pytest.raises(ImageError, match="not recorded"):
        options["fetcher"]("https://example.com/other")
    assert options["load_additional_asset"]("emoji", "X") == "data:x"
    assert options["load_additional_asset"]("emoji", "Y") == []


def test_font_option_replaces_case_fonts(runner: CliRunner, api: StubApi,
                                         tmp_path: Path) -> None:
    src = write_json(tmp_path / "case.json", {
        "element": ELEMENT, "options": {"fonts": [{"name": "Other", "file": "nope.ttf"}]}})
    out = tmp_path / "out.svg"
    result = run(runner, src, "-o", out, "--font", f"Geist={DEFAULT_FONT_PATH}",
                 "--font", f"Geist={DEFAULT_FONT_PATH}:700:italic", "--debug")
    assert result.exit_code == 0, result.output
    options = api.calls[-1][2]
    assert [(f.name, f.weight, f.style) for f in options["fonts"]] == [
        ("Geist", 400, "normal"), ("Geist", 700, "italic")]
    assert options["debug"] is True


def test_compression_is_passed_for_png(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    result = run(runner, src, "-o", tmp_path / "out.png", "--compression", "smallest")
    assert result.exit_code == 0, result.output
    assert api.calls[-1][2]["compression"] == "smallest"
    result = run(runner, src, "-o", tmp_path / "out.png", "--compression", "tiny")
    assert result.exit_code == 2 and "'tiny' is not one of" in result.output


def test_limits_are_options(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    result = run(runner, src, "-o", tmp_path / "out.svg", "--limit", "timeout=5", "--limit", "max_nodes=50")
    assert result.exit_code == 0, result.output
    assert api.calls[-1][2]["limits"] == satori_py.Limits(timeout=5.0, max_nodes=50)
    result = run(runner, src, "-o", tmp_path / "out.svg", "--limit", "timeout=none")
    assert api.calls[-1][2]["limits"] == satori_py.Limits(timeout=None)
    result = run(runner, src, "-o", tmp_path / "out.svg", "--limit", "max_nodes=50", "--timeout", 7)
    assert api.calls[-1][2]["limits"] == satori_py.Limits(timeout=7.0, max_nodes=50)  # --timeout wins
    for spec, message in [("max_pixels=5", "'max_pixels=5': expected NAME=VALUE with NAME one of max_depth, "),
                          ("max_nodes=many", "'max_nodes=many': 'many' is not a number"),
                          ("max_depth=0", "Invalid limit max_depth=0: expected a positive integer.")]:
        result = run(runner, src, "-o", tmp_path / "out.svg", "--limit", spec)
        assert result.exit_code == 2 and message in result.output, result.output


def test_scale_is_passed_for_png(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    out = tmp_path / "out.png"
    result = run(runner, src, "-o", out, "--width", 20, "--height", 10, "--scale", 2)
    assert result.exit_code == 0, result.output
    assert api.calls[-1][2]["scale"] == 2.0
    from PIL import Image

    assert Image.open(out).size == (40, 20)


def test_stdin_input(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    result = run(runner, "-", "-o", out, input=json.dumps({"element": ELEMENT}))
    assert result.exit_code == 0, result.output
    assert api.calls[-1][1] == ELEMENT


def test_stdin_nested_past_what_json_reads_exits_1(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    # Before: json's RecursionError, with its traceback.
    result = run(runner, "-", "-o", tmp_path / "out.svg", input="[" * 100_000 + "]" * 100_000)
    assert result.exit_code == 1
    assert result.stderr == "error: stdin nests its JSON too deeply to be read.\n"


def test_stdin_past_max_stdin_exits_1(runner: CliRunner, api: StubApi, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: `- < /dev/zero` read until the memory ran out (a MemoryError traceback).
    monkeypatch.setattr(cli_module, "MAX_STDIN", 100)
    assert run(runner, "-", "-o", tmp_path / "ok.svg", input=" " * 90 + json.dumps(ELEMENT)).exit_code == 1
    result = run(runner, "-", "-o", tmp_path / "out.svg", input=" " * 101)
    assert result.exit_code == 1
    assert result.stderr == "error: stdin has more than 100 characters: give a file instead.\n"
    assert not (tmp_path / "out.svg").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(("name", "args", "expected"), [
    ("in.json", ["{fifo}", "-o", "{out}"], "error: Cannot read {fifo}: not a regular file\n"),
    ("rows.csv", ["{el}", "--data", "{fifo}", "--out-dir", "{dir}"],
     "error: Cannot read the data file {fifo}: not a regular file.\n"),
    ("t.json", ["{fifo}", "--data", "{el}", "--out-dir", "{dir}"],
     "error: Cannot read template {fifo}: not a regular file.\n"),
])
def test_a_fifo_given_as_a_file_exits_1(runner: CliRunner, api: StubApi, tmp_path: Path, name: str,
                                        args: list[str], expected: str) -> None:
    # Before: each read blocked for ever on a FIFO nobody writes to (and /dev/zero filled the memory).
    fifo = tmp_path / name
    os.mkfifo(fifo)
    names = {"fifo": fifo, "out": tmp_path / "out.svg", "dir": tmp_path / "out",
             "el": write_json(tmp_path / "el.json", ELEMENT)}
    result = run(runner, *(a.format(**names) for a in args))
    assert result.exit_code == 1, result.output
    assert result.stderr.endswith(expected.format(fifo=fifo)), result.stderr
    assert not (tmp_path / "out.svg").exists()


def test_a_font_that_is_not_a_regular_file_is_a_usage_error(runner: CliRunner, api: StubApi,
                                                           tmp_path: Path) -> None:
    result = run(runner, write_json(tmp_path / "el.json", ELEMENT), "-o", tmp_path / "out.svg",
                 "--font", "X=/dev/zero")
    assert result.exit_code == 2
    assert "Invalid value for --font: not a regular file: /dev/zero" in result.stderr


# --- usage errors: exit 2 ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["-o", "out.jpg"],                                   # unknown format
    ["-o", "out"],                                       # no extension
    ["-o", "out.svg", "--scale", "2"],                   # scale is PNG only
    ["-o", "out.png", "--scale", "0"],
    ["-o", "out.png", "--width", "0"],
    ["-o", "out.png", "--font", "NoEquals"],
    ["-o", "out.png", "--font", "Geist=/no/such/font.ttf"],
    ["-o", "out.png", "--font", f"Geist={DEFAULT_FONT_PATH}:450"],
    [],                                                  # -o missing
])
def test_usage_errors_exit_2(runner: CliRunner, api: StubApi, tmp_path: Path,
                             args: list[str]) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    args = [str(tmp_path / a) if a.startswith("out") else a for a in args]
    result = run(runner, src, *args)
    assert result.exit_code == 2, result.output
    assert not api.calls
    assert sorted(p.name for p in tmp_path.iterdir()) == ["el.json"]


def test_missing_input_exits_2(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    result = run(runner, tmp_path / "missing.json", "-o", tmp_path / "out.png")
    assert result.exit_code == 2
    assert not (tmp_path / "out.png").exists()


# --- render errors: exit 1, no file -----------------------------------------------------------

@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_satori_error_exits_1_and_writes_nothing(runner: CliRunner, api: StubApi,
                                                  tmp_path: Path, suffix: str) -> None:
    src = write_json(tmp_path / "el.json", {"type": "bad", "props": {}})
    out = tmp_path / f"out{suffix}"
    result = run(runner, src, "-o", out)
    assert result.exit_code == 1
    assert 'error: bad: Invalid value for CSS property "display".' in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["el.json"]


def test_error_keeps_an_existing_output_intact(runner: CliRunner, api: StubApi,
                                               tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", {"type": "bad", "props": {}})
    out = tmp_path / "out.png"
    out.write_bytes(b"previous")
    assert run(runner, src, "-o", out).exit_code == 1
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["el.json", "out.png"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON"),
    ('{"element": ' + "[" * 100_000 + "]" * 100_000 + "}", "in.json nests its JSON too deeply to be read."),
    ("[1, 2]", "Expected an element or a case object"),
    ('{"props": {}}', 'Expected an element (with "type")'),
    ('{"element": {"type": "div"}, "options": {"fonts": [{"name": "X", "file": "f.ttf", '
     '"weight": 450}]}}', "Invalid font weight"),
])
def test_bad_input_exits_1(runner: CliRunner, api: StubApi, tmp_path: Path,
                           content: str, message: str) -> None:
    src = tmp_path / "in.json"
    src.write_text(content)
    result = run(runner, src, "-o", tmp_path / "out.png")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert not (tmp_path / "out.png").exists()


def test_unwritable_output_exits_1(runner: CliRunner, api: StubApi, tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    result = run(runner, src, "-o", tmp_path / "no-such-dir" / "out.png")
    assert result.exit_code == 1
    assert "error: cannot write" in result.stderr


def test_other_exceptions_are_bugs_and_propagate(runner: CliRunner, api: StubApi,
                                                 tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", {"type": "bug", "props": {}})
    result = run(runner, src, "-o", tmp_path / "out.png")
    assert isinstance(result.exception, RuntimeError)
    assert not (tmp_path / "out.png").exists()


def test_write_atomic_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    write_atomic(target, b"abc")
    write_atomic(target, b"def")
    assert target.read_bytes() == b"def"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]


# --- subprocess: python -m satori_py -------------------------------------------------------

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def run_module(*args: Any, stub: bool = False, cwd: Path | None = None) -> Any:
    if stub:
        # `python -m satori_py` with the stub api installed first.
        code = textwrap.dedent(f"""
            import sys, runpy
            sys.path.insert(0, {str(REPO_ROOT / 'tests')!r})
            from test_cli import StubApi
            import satori_py
            satori_py.api = sys.modules["satori_py.api"] = StubApi()
            sys.argv = ["satori_py", *sys.argv[1:]]
            runpy.run_module("satori_py", run_name="__main__", alter_sys=True)
        """)
        cmd = [sys.executable, "-c", code, *map(str, args)]
    else:
        cmd = [sys.executable, "-m", "satori_py", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=cwd,
                          timeout=300)


def test_subprocess_help() -> None:
    proc = run_module("--help")
    assert proc.returncode == 0
    assert "INPUT..." in proc.stdout and "--font" in proc.stdout and "--out-dir" in proc.stdout


def test_subprocess_usage_error_exits_2(tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    proc = run_module(src, "-o", tmp_path / "out.gif")
    assert proc.returncode == 2
    assert "png" in proc.stderr and not (tmp_path / "out.gif").exists()


def test_subprocess_bad_input_exits_1_without_file(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text("{oops")
    proc = run_module(src, "-o", tmp_path / "out.png")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert not (tmp_path / "out.png").exists()


def test_subprocess_render_with_stub(tmp_path: Path) -> None:
    src = write_json(tmp_path / "el.json", ELEMENT)
    proc = run_module(src, "-o", tmp_path / "out.png", "--width", 8, "--height", 4, stub=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.png").read_bytes()[:4] == b"\x89PNG"
    bad = write_json(tmp_path / "bad.json", {"type": "bad", "props": {}})
    proc = run_module(bad, "-o", tmp_path / "bad.png", stub=True)
    assert proc.returncode == 1 and proc.stderr.startswith("error: bad: ")
    assert not (tmp_path / "bad.png").exists()


def _real_api_available() -> bool:
    try:
        import satori_py.api as real  # noqa: F401
    except Exception:
        return False
    return not isinstance(sys.modules.get("satori_py.api"), StubApi)


@pytest.mark.skipif(not _real_api_available(), reason="satori_py.api is not importable yet")
def test_subprocess_renders_the_example(tmp_path: Path) -> None:
    example = REPO_ROOT / "examples" / "og-card.json"
    if not example.is_file():
        pytest.skip("examples/og-card.json missing")
    out = tmp_path / "og-card.png"
    proc = run_module(example, "-o", out)
    assert proc.returncode == 0, proc.stderr
    from PIL import Image

    assert Image.open(out).size == (1200, 630)
