"""The ``satori-py`` command: render an element or a conformance case to PNG or SVG.

    satori-py INPUT.json -o OUT.png [--width W] [--height H] [--scale S]
              [--font NAME=PATH[:WEIGHT[:STYLE]] ...] [--debug] [--strict]

INPUT is a bare element (``{"type", "props"}``) or a case (``{"element",
"options", ...}``, see satori_py.case); ``-`` reads it from stdin. The output
format follows OUT's extension. Exit status: 0 done, 1 the input could not be
rendered (``error: <message>`` on stderr, and no file is written), 2 usage error.
What the render ignores (an unsupported property, an unknown option of the case...)
is printed as ``warning: <message>``; with ``--strict`` it is an error (status 1).
Only SatoriError is caught: anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .diagnostics import Diagnostics, logger
from .errors import SatoriError
from .files import write_atomic

__all__ = ["cli", "main", "parse_font_spec", "write_atomic"]

OUTPUT_FORMATS = {".png": "png", ".svg": "svg"}


def parse_font_spec(spec: str) -> Any:
    """``NAME=PATH[:WEIGHT[:STYLE]]`` -> Font. Raises click.BadParameter."""
    from .options import FONT_STYLES, Font

    name, sep, rest = spec.partition("=")
    if not sep or not name.strip() or not rest:
        raise click.BadParameter(f"expected NAME=PATH[:WEIGHT[:STYLE]], got {spec!r}",
                                 param_hint="--font")
    path, weight, style = rest, 400, "normal"
    # Peel optional fields off the right, so that a path may itself hold colons.
    head, colon, tail = path.rpartition(":")
    if colon and tail in FONT_STYLES:
        path, style = head, tail
        head, colon, tail = path.rpartition(":")
    if colon and tail.isdigit():
        path, weight = head, int(tail)
    if not os.path.isfile(path):
        raise click.BadParameter(f"font file not found: {path}", param_hint="--font")
    try:
        return Font(name=name.strip(), data=Path(path), weight=weight, style=style)
    except SatoriError as exc:
        raise click.BadParameter(str(exc), param_hint="--font") from None


def _load(input_path: str) -> Any:
    from .case import load_case

    if input_path == "-":
        import json

        from .errors import InvalidElementError

        try:
            data = json.loads(sys.stdin.read())
        except json.JSONDecodeError as exc:
            raise InvalidElementError(f"stdin is not valid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise InvalidElementError(
                f"Expected an element or a case object, got {type(data).__name__}")
        return load_case(data)
    return load_case(input_path)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("input_path", metavar="INPUT.json",
                type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("-o", "--output", required=True, metavar="OUT.png|OUT.svg",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; its extension (.png or .svg) picks the format.")
@click.option("--width", type=click.IntRange(min=1), help="Canvas width in px.")
@click.option("--height", type=click.IntRange(min=1), help="Canvas height in px.")
@click.option("--font", "font_specs", multiple=True, metavar="NAME=PATH[:WEIGHT[:STYLE]]",
              help="A font (repeatable); replaces the fonts of the input case.")
@click.option("--debug", is_flag=True, help="Draw layout boxes (Satori's debug mode).")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True),
              help="Scale factor of the PNG (PNG only).")
@click.option("--strict", is_flag=True,
              help="Fail on anything the render would ignore (unsupported properties, "
                   "invalid values, unknown fonts and options, images that fail to load).")
def cli(input_path: str, output: Path, width: int | None, height: int | None,
        font_specs: tuple[str, ...], debug: bool, scale: float | None, strict: bool) -> None:
    """Render INPUT.json (an element or a conformance case) to PNG or SVG."""
    fmt = OUTPUT_FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise click.BadParameter(
            f"cannot tell the format of {str(output)!r}: use a .png or .svg file name",
            param_hint="'-o' / '--output'")
    if scale is not None and fmt != "png":
        raise click.UsageError("--scale applies to PNG output only")
    fonts = [parse_font_spec(s) for s in font_specs]
    echo = _WarningEcho(logging.WARNING)
    logger.addHandler(echo)
    try:
        data = _render(input_path, fmt, width, height, fonts, debug, scale, strict)
    finally:
        logger.removeHandler(echo)

    try:
        write_atomic(output, data)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _render(input_path: str, fmt: str, width: int | None, height: int | None, fonts: list[Any],
            debug: bool, scale: float | None, strict: bool) -> bytes:
    """The image bytes; exits with status 1 (``error: <message>``) when the input cannot be rendered."""
    try:
        with Diagnostics(strict=strict).active():  # the case file's unknown options
            case = _load(input_path)
        options: dict[str, Any] = case.render_kwargs()
        if strict:
            options["strict"] = True
        if width is not None:
            options["width"] = width
        if height is not None:
            options["height"] = height
        if fonts:
            options["fonts"] = fonts
        if debug:
            options["debug"] = True

        from . import api  # imported late: the CLI's usage errors need no render stack

        if fmt == "svg":
            data = api.render_svg(case.element, **options).encode("utf-8")
        else:
            if scale is not None:
                options["scale"] = scale
            data = bytes(api.render_png(case.element, **options))
    except SatoriError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    return data


class _WarningEcho(logging.Handler):
    """Prints the reports of the ``satori_py`` logger as ``warning: <message>`` on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="satori-py")


if __name__ == "__main__":  # pragma: no cover
    main()
