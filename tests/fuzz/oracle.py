"""The stranger oracle: every drawn case through every way a user renders, in strict and lenient mode.

usage: python -m tests.fuzz.oracle [--cases N] [--seed FIRST] [--record PATH] [--max-cpu S]

Each case of :mod:`.stranger_inputs` goes through ``render_svg`` and ``render_png`` (strict
and lenient), the command line (the case as a file and on stdin, ``-o`` onto an existing file
that a failure must leave as it was, into a folder that is a file or one that cannot be
written), and
``ImageResponse`` of the Starlette, Flask and Django adapters (rendered in the request's
thread). The only outcomes allowed are an image (well-formed SVG, a PNG) or a
:class:`~satori_py.errors.SatoriError` that is placed: one about the tree names the node
path in its message, one about an option names the option (``prop``), and one about a style
declaration names the property in its message. The command line must exit 0 with the file
written or 1 with ``error: <message>`` and the old file untouched; a response must be 200
with a PNG, or 500 (``on_error="500"``) with the error logged. Anything else (another
exception, a traceback, a placed-nowhere error, a process killed past ``--max-cpu``
seconds of CPU or the address-space bound) fails, naming the seed.

Prints ``N cases, M renders: nothing but images and placed SatoriErrors`` and the errors by
kind, or the failures (exit status 1).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import io
import json
import logging
import os
import re
import reprlib
import resource
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from satori_py import Font, Limits, render_png, render_svg
from satori_py.errors import FontError, InvalidElementError, LimitError, SatoriError, StyleError, shown_path

from .stranger_inputs import StrangerCase, fonts_of, stranger_case

PNG = b"\x89PNG\r\n\x1a\n"
# Tight limits keep each render quick; the limits themselves are tested in tests/hostile.
LIMITS = Limits(timeout=20.0, max_text_length=20_000, max_total_text=60_000)
OLD_BYTES = b"the previous image, which a failed render must leave alone"


# Where an error in markup text is: "line 1, column 1291".
_AT_LINE = re.compile(r"\bline \d+, column \d+")


# How a style error names its property: 'CSS property "width"', or the declaration it quotes.
_NAMES_PROPERTY = re.compile(r'CSS property "|in CSS rule `|style property|Expected style "|" for "')


class Misplaced(AssertionError):
    """An outcome the oracle does not allow."""


def check_placed(exc: SatoriError, case: StrangerCase) -> None:
    """``exc`` says where: its message shows its node path, or it names an option or a property,
    or the input is not an element at all (there is no node to name), or it is about a font
    and names it."""
    text = str(exc)  # (a LimitError names its limit, an option: .limit)
    if not isinstance(case.element, dict) and (isinstance(exc, InvalidElementError)
                                               or _AT_LINE.search(text)):
        return
    built = case.built_fonts if isinstance(case.built_fonts, list) else []
    names = [font.name for font in built if isinstance(font, Font)]
    if isinstance(exc, FontError) and any(f"font {name}" in text or f'font "{name}"' in text for name in names):
        return
    if exc.path is not None:
        if shown_path(exc.path) not in text:
            raise Misplaced(f"the error's path {exc.path!r} is not in its message: {text!r}")
        if isinstance(exc, StyleError) and exc.prop is None and not _NAMES_PROPERTY.search(text):
            raise Misplaced(f"a style error that names no property: {text!r}")
        return
    if exc.prop is None and not (isinstance(exc, LimitError) and exc.limit is not None):
        raise Misplaced(f"the error names no node and no option: {type(exc).__name__}: {text!r}")


def _image_ok(data: Any, fmt: str) -> None:
    if fmt == "svg":
        ET.fromstring(data)
    elif bytes(data[:8]) != PNG:
        raise Misplaced(f"not a PNG: {bytes(data[:16])!r}")


class Oracle:
    """Runs cases through the surfaces and counts what came out."""

    def __init__(self, scratch: Path, record: Path | None) -> None:
        self.scratch = scratch
        self.record = record
        self.renders = 0
        self.outcomes: collections.Counter[str] = collections.Counter()

    def _note(self, surface: str, outcome: str) -> None:
        self.renders += 1
        self.outcomes[f"{surface}:{outcome}"] += 1

    def _attempt(self, case: StrangerCase, surface: str, render: Callable[[], Any], fmt: str) -> None:
        """One render by the library: an image, or a placed SatoriError."""
        try:
            data = render()
        except SatoriError as exc:
            check_placed(exc, case)
            self._note(surface, type(exc).__name__)
            return
        _image_ok(data, fmt)
        self._note(surface, "image")

    def run(self, case: StrangerCase) -> None:
        if self.record is not None:
            self.record.write_text(f"seed {case.seed}\n{reprlib.repr(case.element)}", encoding="utf-8",
                                   errors="backslashreplace")
        try:
            fonts = case.built_fonts = fonts_of(case.fonts, self.scratch) if case.fonts is not None else None
        except SatoriError as exc:  # a broken Font is refused where it is made
            check_placed(exc, case)
            self._note("font", type(exc).__name__)
            return
        options = {**case.options, "limits": LIMITS}
        if fonts is not None:
            options["fonts"] = fonts
        strict = case.seed % 2 == 1
        reports: list[Exception] = []
        # Lenient renders hand their reports to callbacks, where each must be placed too.
        heard: dict[str, Any] = {"on_warning": reports.append, "on_style_error": reports.append}
        self._attempt(case, "svg", lambda: render_svg(case.element, strict=strict, **options,
                                                      **({} if strict else heard)), "svg")
        if case.seed % 3 == 0:
            self._attempt(case, "png", lambda: render_png(case.element, strict=not strict, **options,
                                                          **(heard if strict else {})), "png")
        for report in reports:
            if not isinstance(report, SatoriError):
                raise Misplaced(f"a report that is not a SatoriError: {report!r}")
            check_placed(report, case)
            self.outcomes[f"report:{type(report).__name__}"] += 1
        if case.json_safe and case.fonts is None and case.seed % 4 == 0:
            self._cli(case, strict)
        if case.seed % 5 == 0:
            self._responses(case, options, strict)

    # -- the command line --------------------------------------------------------------------

    def _cli(self, case: StrangerCase, strict: bool) -> None:
        from satori_py import cli

        document = json.dumps({"element": case.element, "options": {"strict": strict}}
                              if isinstance(case.element, dict) else case.element)
        source = self.scratch / "case.json"
        source.write_text(document, encoding="utf-8")
        # (The command line's own options are the caller's, not the stranger's: a usage error is not a finding.)
        width, height = (str(int(case.options[k])) if isinstance(case.options[k], (int, float))
                         and 1 <= case.options[k] < 1e6 else "300" for k in ("width", "height"))
        # An existing file (a failure must leave it as it was), a folder, a folder that is a file,
        # and one that cannot be written (/sys refuses even root, as a read-only folder would).
        out = [self.scratch / "out.png", self.scratch / "folder" / "out.svg", self.scratch / "case.json" / "out.png",
               Path("/sys/satori-oracle.png")][case.seed // 4 % 4]
        if out.parent.is_dir() and out.parent != Path("/sys"):
            out.write_bytes(OLD_BYTES)
        argv = ["-" if case.seed % 8 == 0 else str(source), "-o", str(out), "--width", width, "--height", height,
                "--limit", "timeout=20", "--limit", "max_text_length=20000"]
        stdin, stderr = io.StringIO(document), io.StringIO()
        with _swapped_stdio(stdin, stderr):
            try:
                cli.main(argv)
                status = 0
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 1
        said = stderr.getvalue()
        if "Traceback" in said or status not in (0, 1):
            raise Misplaced(f"the command line exited {status}: {said[-2000:]}")
        if status == 1:
            if not said.startswith("error: ") and "\nerror: " not in said:
                raise Misplaced(f"status 1 without an error line: {said[-2000:]!r}")
            if out.parent.is_dir() and out.exists() and out.read_bytes() != OLD_BYTES:
                raise Misplaced(f"a failed render changed {out.name}")
            self._note("cli", "error")
            return
        _image_ok(out.read_bytes() if out.suffix == ".png" else out.read_text(encoding="utf-8"),
                  out.suffix[1:])
        self._note("cli", "image")

    # -- ImageResponse in the three adapters --------------------------------------------------

    def _responses(self, case: StrangerCase, options: dict[str, Any], strict: bool) -> None:
        kwargs = {k: v for k, v in options.items() if k in ("fonts", "limits")}
        kwargs.update(width=300, height=160, strict=strict, cache=False,
                      on_error="500" if case.seed % 10 else "raise")
        for adapter in ("starlette", "flask", "django"):
            try:
                status, body = _respond(adapter, case.element, kwargs)
            except SatoriError as exc:
                if kwargs["on_error"] != "raise" and (exc.path is not None or exc.prop is None):
                    # (a bad option is refused where the response is made, whatever on_error says)
                    raise Misplaced(f"{adapter}: raised with on_error='500': {exc!r}") from exc
                check_placed(exc, case)
                self._note(adapter, type(exc).__name__)
                continue
            if status == 200:
                _image_ok(body, "png")
            elif status != 500 or kwargs["on_error"] != "500":
                raise Misplaced(f"{adapter}: status {status}")
            self._note(adapter, str(status))


def _respond(adapter: str, element: Any, kwargs: dict[str, Any]) -> tuple[int, bytes]:
    """The status and body of ``ImageResponse(element, **kwargs)`` as the adapter sends it."""
    if adapter == "starlette":
        from satori_py.starlette import ImageResponse as Starlette

        sent: list[MutableMapping[str, Any]] = []

        async def send(message: MutableMapping[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request"}

        response = Starlette(element, **kwargs)
        asyncio.run(asyncio.wait_for(response({"type": "http", "method": "GET", "headers": []}, receive, send),
                                     timeout=120))
        return sent[0]["status"], sent[1]["body"]
    if adapter == "flask":
        from satori_py.flask import ImageResponse as Flask

        flask_response = Flask(element, **kwargs)
        return flask_response.status_code, flask_response.get_data()
    from satori_py.django import ImageResponse as Django

    django_response = Django(element, **kwargs)
    return django_response.status_code, django_response.content


@contextlib.contextmanager
def _swapped_stdio(stdin: io.StringIO, stderr: io.StringIO) -> Iterator[None]:
    saved = sys.stdin, sys.stderr
    sys.stdin, sys.stderr = stdin, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stderr = saved


def _setup_adapters() -> None:
    """Render in the request's thread (no pool), with a minimal Django configuration."""
    os.environ["SATORI_PY_RENDER_WORKERS"] = "0"
    from django.conf import settings  # type: ignore[import-untyped, unused-ignore]

    if not settings.configured:
        settings.configure(DEFAULT_CHARSET="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0, help="the first case's seed")
    ap.add_argument("--record", type=Path, help="file that holds the case being run")
    ap.add_argument("--max-cpu", type=float, default=30, help="CPU seconds one case may take")
    ap.add_argument("--max-memory", type=int, default=4096, help="MB of address space of the process")
    args = ap.parse_args(argv)
    memory = args.max_memory << 20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    logging.disable(logging.CRITICAL)  # warnings and logged 500s are expected by the hundred
    _setup_adapters()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "folder").mkdir()
        oracle = Oracle(Path(scratch), args.record)
        for seed in range(args.seed, args.seed + args.cases):
            used = resource.getrusage(resource.RUSAGE_SELF)
            soft = int(used.ru_utime + used.ru_stime + args.max_cpu) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))
            try:
                oracle.run(stranger_case(seed))
            except Exception as exc:  # every other outcome is a finding
                failures.append(f"seed {seed}: " + "".join(traceback.format_exception(exc))[-3000:])
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(oracle.outcomes.items())))
    if failures:
        print(f"{len(failures)} of {args.cases} cases failed:\n" + "\n".join(failures))
        return 1
    print(f"{args.cases} cases, {oracle.renders} renders: nothing but images and placed SatoriErrors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
