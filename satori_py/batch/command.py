"""The batch side of the ``satori-py`` command (``--out-dir``).

    satori-py TEMPLATE --data ROWS --out-dir DIR [--name "{slug}.png"] [--jobs N]
              [--skip-existing] [--scheduler ADDRESS]
    satori-py A.json B.html ... --out-dir DIR [--name "{stem}.png"]

Each data row (or input file) becomes one file in DIR, named by ``--name``, a
Python format string over the row's fields plus ``index`` (the row number,
from 1), or for input files ``stem``, ``name`` and ``index``; its extension
(``.png`` or ``.svg``) picks the format. A name may hold folders, never ``..``
or an absolute path. A row that fails (bad data, a bad name, a render error)
is reported and the batch goes on; the summary lists every failure, and the
exit status is 1 when any item failed. Each item renders within ``--timeout``
seconds (default 60; see :mod:`.run`).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from ..errors import SatoriError
from ..files import write_atomic
from .rows import Row, read_rows
from .worker import Format

if TYPE_CHECKING:
    from .run import RenderResult

__all__ = ["BatchRequest", "run_batch"]

OUTPUT_FORMATS: dict[str, Format] = {".png": "png", ".svg": "svg"}


@dataclass
class BatchRequest:
    """What the command line asked for."""

    inputs: list[str]
    out_dir: Path
    data: str | None = None
    name: str | None = None
    jobs: int | None = None
    skip_existing: bool = False
    scheduler: str | None = None
    progress: bool = True


@dataclass
class _Planned:
    row: Row
    output: Path | None
    error: str | None = None


def run_batch(request: BatchRequest, options: dict[str, Any], *, err: IO[str] | None = None) -> int:
    """Render the batch; return the exit status (0, or 1 when an item failed)."""
    from ..templates import Template
    from .run import render_many

    err = err if err is not None else sys.stderr
    pattern = request.name or ("{index:04d}.png" if request.data else "{stem}.png")
    fmt: Format | None = OUTPUT_FORMATS.get(PurePosixPath(pattern).suffix.lower())
    if fmt is None:
        raise _usage(f"--name {pattern!r} must end in .png or .svg")
    if fmt == "svg" and "scale" in options:
        raise _usage("--scale applies to PNG output only")

    template = None
    if request.data is not None:
        if len(request.inputs) != 1:
            raise _usage("--data takes one TEMPLATE input")
        template_path = Path(request.inputs[0])
        template = Template.from_file(template_path, tailwind_classes=bool(options.get("tailwind_classes")),
                                      markup_dialect=options.get("markup_dialect", "jsx"))
        template.check()
        rows = list(read_rows(request.data))
    else:
        rows = [Row(i, {"stem": Path(p).stem, "name": Path(p).name}, label=p) for i, p in
                enumerate(request.inputs, 1)]
    plan = _plan(rows, pattern, request.out_dir)
    ready = [p for p in plan if p.error is None]
    todo = [p for p in ready if not (request.skip_existing and p.output is not None and p.output.exists())]
    skipped = len(ready) - len(todo)
    failures: list[tuple[_Planned, str | None]] = [(p, p.error) for p in plan if p.error is not None]

    if template is not None:
        items: list[Any] = [p.row for p in todo]
    else:
        items = [Path(request.inputs[p.row.number - 1]) for p in todo]
    executor = _client(request.scheduler) if request.scheduler else None
    start = time.monotonic()
    rendered = 0
    results: Generator[RenderResult, None, None] | None = None
    try:
        results = render_many(items, template=template, format=fmt, jobs=request.jobs, executor=executor,
                              progress=request.progress and _progress_bar(err), **options)
        for planned, result in zip(todo, results):
            if result.ok:
                assert planned.output is not None and result.data is not None
                try:
                    planned.output.parent.mkdir(parents=True, exist_ok=True)
                    write_atomic(planned.output, result.data)
                    rendered += 1
                except OSError as exc:
                    failures.append((planned, f"cannot write {planned.output}: {exc.strerror or exc}"))
            else:
                failures.append((planned, str(result.error)))
    finally:
        if results is not None:
            results.close()  # ends the progress before the summary
        if executor is not None:
            executor.close()
    _summary(err, rendered, skipped, failures, time.monotonic() - start, request.out_dir)
    return 1 if failures else 0


def _plan(rows: list[Row], pattern: str, out_dir: Path) -> list[_Planned]:
    seen: dict[Path, Row] = {}
    plan: list[_Planned] = []
    for row in rows:
        if row.error is not None:
            plan.append(_Planned(row, None, f"{row.error}"))
            continue
        try:
            name = pattern.format_map(_Fields(row))
        except (KeyError, AttributeError, IndexError, ValueError) as exc:
            missing = exc.args[0] if isinstance(exc, KeyError) else exc
            plan.append(_Planned(row, None, f"--name {pattern!r} needs {missing!r}, which the row "
                                            f"lacks (it has {', '.join(sorted(map(str, row.data))) or 'no fields'})"
                                 if isinstance(exc, KeyError) else f"--name {pattern!r}: {exc}"))
            continue
        output, problem = _safe_output(out_dir, name)
        if output is not None and output in seen:
            problem = f"the output {name!r} is also {seen[output].describe()}'s"
        if problem is not None:
            plan.append(_Planned(row, None, problem))
            continue
        assert output is not None
        seen[output] = row
        plan.append(_Planned(row, output))
    return plan


class _Fields(dict):  # type: ignore[type-arg]
    def __init__(self, row: Row) -> None:
        super().__init__({str(k): v for k, v in row.data.items()})
        self.setdefault("index", row.number)

    def __missing__(self, key: str) -> Any:
        raise KeyError(key)


def _safe_output(out_dir: Path, name: str) -> tuple[Path | None, str | None]:
    """``out_dir / name`` when ``name`` stays inside ``out_dir``."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not name.strip() or "\0" in name:
        return None, f"the output name {name!r} is empty or not a file name"
    if PurePosixPath(name).is_absolute() or Path(name).is_absolute() or ".." in parts:
        return None, f"the output name {name!r} leaves the output folder"
    return out_dir.joinpath(*parts), None


def _summary(err: IO[str], rendered: int, skipped: int, failures: list[tuple[_Planned, str | None]],
             seconds: float, out_dir: Path) -> None:
    rate = f", {rendered / seconds:.1f}/s" if seconds > 0 and rendered else ""
    err.write(f"{rendered} rendered, {skipped} skipped, {len(failures)} failed in {seconds:.1f} s{rate}"
              f" -> {out_dir}\n")
    for planned, message in sorted(failures, key=lambda f: f[0].row.number):
        target = f" -> {planned.output.name}" if planned.output is not None else ""
        identity = _identity(planned.row.data) if planned.row.label is None else ""
        err.write(f"  {planned.row.describe()}{identity}{target}: {message}\n")
    err.flush()


def _identity(data: Mapping[str, Any]) -> str:
    for key in ("slug", "id", "name", "title"):
        value = data.get(key)
        if isinstance(value, (str, int)) and str(value):
            text = str(value)
            return f" [{key}={text if len(text) <= 40 else text[:37] + '...'}]"
    return ""


def _progress_bar(err: IO[str]) -> Any:
    from .progress import ProgressBar

    return ProgressBar(err)


def _client(address: str) -> Any:
    try:
        from distributed import Client  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise _usage("--scheduler needs Dask: pip install 'satori-py[dask]'") from None
    try:
        return Client(address, timeout=30)  # type: ignore[no-untyped-call, unused-ignore]
    except OSError as exc:
        raise SatoriError(f"Cannot reach the Dask scheduler at {address}: {exc}") from None


def _usage(message: str) -> Exception:
    import click

    return click.UsageError(message)
