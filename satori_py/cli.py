"""The ``satori-py`` command: render an element or a conformance case to PNG or SVG.

    satori-py INPUT -o OUT.png [--width W] [--height H] [--scale S]
              [--font NAME=PATH[:WEIGHT[:STYLE]] ...] [--emoji SET] [--debug] [--strict]
              [--limit NAME=VALUE ...]
              [--compression fast|default|smallest] [--timeout SECONDS] [--tailwind-classes]
              [--markup-dialect jsx|satori-html]
    satori-py TEMPLATE --data ROWS --out-dir DIR ...      (see satori_py.batch.command)
    satori-py A.json B.html ... --out-dir DIR ...

INPUT is a bare element (``{"type", "props"}``), a case (``{"element",
"options", ...}``, see satori_py.case) or an HTML file; ``-`` reads JSON from
stdin. The output format follows OUT's extension. Exit status: 0 done, 1 the
input could not be rendered (``error: <message>`` on stderr, and no file is
written; in a batch: any item failed), 2 usage error.
What the render ignores (an unsupported property, an unknown option of the case...)
is printed as ``warning: <message>``; with ``--strict`` it is an error (status 1).
Only SatoriError is caught: anything else is a bug and keeps its traceback.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ._version import __version__
from .diagnostics import Diagnostics, logger
from .errors import SatoriError
from .files import MAX_INPUT_BYTES, check_regular, write_atomic
from .markup.dialects import DIALECTS

__all__ = ["MAX_STDIN", "cli", "main", "parse_font_spec", "parse_limits", "write_atomic"]

#: Characters read from stdin at most: a stream need not end (``< /dev/zero`` filled the
#: memory). Input files are capped at as many bytes, and must be regular files (satori_py.files).
MAX_STDIN = MAX_INPUT_BYTES

OUTPUT_FORMATS = {".png": "png", ".svg": "svg"}
# next/og's emoji sets (satori_py.text.emoji.EMOJI_SETS), and "none" for the fonts' own glyphs.
EMOJI_CHOICES = ("twemoji", "blobmoji", "noto", "openmoji", "fluent", "fluentFlat", "none")


def parse_limits(specs: Sequence[str]) -> Any:
    """``NAME=VALUE`` items -> a :class:`~satori_py.Limits` (None for none). Raises click.BadParameter."""
    if not specs:
        return None
    from dataclasses import fields

    from .limits import Limits

    names = [f.name for f in fields(Limits)]
    values: dict[str, Any] = {}
    for spec in specs:
        name, _, text = spec.partition("=")
        if name not in names or not text:
            raise click.BadParameter(f"{spec!r}: expected NAME=VALUE with NAME one of {', '.join(names)}",
                                     param_hint="'--limit'")
        try:
            values[name] = None if text.lower() == "none" else float(text) if name == "timeout" else int(text)
        except ValueError:
            raise click.BadParameter(f"{spec!r}: {text!r} is not a number", param_hint="'--limit'") from None
    try:
        return Limits(**values)
    except SatoriError as exc:
        raise click.BadParameter(str(exc), param_hint="'--limit'") from None


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
    try:  # a FIFO would hang the render, /dev/zero fill the memory
        check_regular(path, limit=sys.maxsize)  # its size is the max_font_bytes limit's, checked on loading
    except FileNotFoundError:
        raise click.BadParameter(f"font file not found: {path}", param_hint="--font") from None
    except OSError as exc:
        raise click.BadParameter(f"{exc.strerror or exc}: {path}", param_hint="--font") from None
    try:
        return Font(name=name.strip(), data=Path(path), weight=weight, style=style)
    except SatoriError as exc:
        raise click.BadParameter(str(exc), param_hint="--font") from None


def _load(input_path: str) -> Any:
    from .case import Case, load_case
    from .markup.source import is_markup_file

    if input_path == "-":
        from .element import MAX_NODES
        from .errors import InvalidElementError
        from .json_text import decode_json

        text = sys.stdin.read(MAX_STDIN + 1)
        if len(text) > MAX_STDIN:
            raise InvalidElementError(f"stdin has more than {MAX_STDIN} characters: give a file instead.")
        data = decode_json(text, "stdin", max_nodes=MAX_NODES)
        if not isinstance(data, dict):
            raise InvalidElementError(
                f"Expected an element or a case object, got {type(data).__name__}")
        return load_case(data)
    if is_markup_file(input_path):  # read by the render, with the command line's options
        return Case(element=Path(input_path), path=Path(input_path))
    return load_case(input_path)


def _batch_options(command: Any) -> Any:
    """The options of batch mode (--out-dir), kept apart from the single-file ones."""
    for option in reversed([
        click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Batch mode: write one file per input (or data row) into DIR."),
        click.option("--data", metavar="ROWS", type=click.Path(exists=True, dir_okay=False),
                     help="Data rows (.csv, .json, .jsonl) for the TEMPLATE input (Jinja2, HTML or JSON)."),
        click.option("--name", metavar="PATTERN",
                     help='Output file names, a format string over the row\'s fields and {index} '
                          '(default "{index:04d}.png"; for input files "{stem}.png").'),
        click.option("--jobs", "-j", type=click.IntRange(min=1),
                     help="Worker processes (default: every usable core)."),
        click.option("--skip-existing", is_flag=True, help="Leave outputs that already exist alone."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Render on a Dask cluster (tcp://host:8786) instead of local processes."),
        click.option("--progress/--no-progress", default=True, show_default=True,
                     help="Progress on standard error (a bar on a terminal, lines otherwise)."),
    ]):
        command = option(command)
    return command


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="satori-py")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...",
                type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("-o", "--output", metavar="OUT.png|OUT.svg",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Output file; its extension (.png or .svg) picks the format.")
@click.option("--width", type=click.IntRange(min=1), help="Canvas width in px.")
@click.option("--height", type=click.IntRange(min=1), help="Canvas height in px.")
@click.option("--font", "font_specs", multiple=True, metavar="NAME=PATH[:WEIGHT[:STYLE]]",
              help="A font (repeatable); replaces the fonts of the input case.")
@click.option("--debug", is_flag=True, help="Draw layout boxes (Satori's debug mode).")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True),
              help="Scale factor of the PNG (PNG only).")
@click.option("--compression", type=click.Choice(["fast", "default", "smallest"]), default="default",
              show_default=True, help="PNG encoding: quicker and about 2x the bytes, or slower and "
                                      "about 10 % smaller (PNG only).")
@click.option("--strict", is_flag=True,
              help="Fail on anything the render would ignore (unsupported properties, "
                   "invalid values, unknown fonts and options, images that fail to load).")
@click.option("--limit", "limit_specs", multiple=True, metavar="NAME=VALUE",
              help="A limit of satori_py.Limits (repeatable), e.g. --limit timeout=5 "
                   "--limit max_image_pixels=10000000 (timeout=none: no time limit).")
@click.option("--emoji", type=click.Choice(EMOJI_CHOICES), default=None,
              help="Emoji set (default twemoji, bundled and offline; none: the fonts' glyphs).")
@click.option("--timeout", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Seconds a render may take (default 60; 0: no limit). In a batch, each item's; a "
                   "worker process still rendering one at twice that is stopped.")
@click.option("--tailwind-classes", is_flag=True,
              help="Read the class attributes of HTML input as Tailwind utilities too.")
@click.option("--markup-dialect", type=click.Choice(DIALECTS), default="jsx", show_default=True,
              help="The tree HTML input makes: JSX's, or satori-html's (markup ported from it).")
@_batch_options
def cli(inputs: tuple[str, ...], output: Path | None, width: int | None, height: int | None,
        font_specs: tuple[str, ...], debug: bool, scale: float | None, compression: str,
        strict: bool, limit_specs: tuple[str, ...], emoji: str | None, timeout: float | None,
        tailwind_classes: bool, markup_dialect: str,
        **batch: Any) -> None:
    """Render INPUT (an element, a conformance case or an HTML file) to PNG or SVG.

    With --out-dir, render many: every INPUT, or with --data one TEMPLATE per data row.
    """
    common = {"debug": debug, "strict": strict, "emoji": emoji, "tailwind_classes": tailwind_classes,
              "markup_dialect": markup_dialect,
              "compression": compression, "limits": parse_limits(limit_specs), "timeout": timeout}
    if batch["out_dir"] is not None:
        _run_batch(inputs, output, width, height, font_specs, scale, common, batch)
        return
    for name, value in batch.items():
        if name != "progress" and value not in (None, False):
            raise click.UsageError(f"--{name.replace('_', '-')} needs --out-dir")
    if output is None:
        raise click.UsageError("give -o OUT.png|OUT.svg (or --out-dir DIR for a batch)")
    if len(inputs) != 1:
        raise click.UsageError("-o takes one INPUT; use --out-dir DIR for many")
    input_path = inputs[0]
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
        data = _render(input_path, fmt, width, height, fonts, scale, common)
    finally:
        logger.removeHandler(echo)

    try:
        write_atomic(output, data)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(1)


def _render(input_path: str, fmt: str, width: int | None, height: int | None, fonts: list[Any],
            scale: float | None, common: dict[str, Any]) -> bytes:
    """The image bytes; exits with status 1 (``error: <message>``) when the input cannot be rendered."""
    try:
        with Diagnostics(strict=common["strict"]).active():  # the case file's unknown options
            case = _load(input_path)
        options: dict[str, Any] = case.render_kwargs()
        options.update(_options(width, height, fonts, None, common))

        from . import api  # imported late: the CLI's usage errors need no render stack

        if fmt == "svg":
            options.pop("compression", None)
            data = api.render_svg(case.element, **options).encode("utf-8")
        else:
            if scale is not None:
                options["scale"] = scale
            data = bytes(api.render_png(case.element, **options))
    except SatoriError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except MemoryError:  # not a bug to trace back: the input asked more than the process had
        click.echo(f"error: {input_path}: the render ran out of memory (lower the --limit values, or give it "
                   "more memory).", err=True)
        sys.exit(1)
    return data


def _options(width: int | None, height: int | None, fonts: list[Any], scale: float | None,
             common: dict[str, Any]) -> dict[str, Any]:
    """The render options the command line sets (they override a case's)."""
    options: dict[str, Any] = {k: v for k, v in (("width", width), ("height", height), ("scale", scale))
                               if v is not None}
    if fonts:
        options["fonts"] = fonts
    if common["debug"]:
        options["debug"] = True
    if common["strict"]:
        options["strict"] = True
    if common["emoji"] is not None:
        options["emoji"] = None if common["emoji"] == "none" else common["emoji"]
    if common["tailwind_classes"]:
        options["tailwind_classes"] = True
    if common["markup_dialect"] != "jsx":
        options["markup_dialect"] = common["markup_dialect"]
    limits = common.get("limits")
    if common["timeout"] is not None:
        from dataclasses import replace

        from .limits import Limits

        limits = replace(limits or Limits(), timeout=common["timeout"] or None)
    if limits is not None:
        options["limits"] = limits
    if common["compression"] != "default":
        options["compression"] = common["compression"]
    return options


def _run_batch(inputs: tuple[str, ...], output: Path | None, width: int | None, height: int | None,
               font_specs: tuple[str, ...], scale: float | None, common: dict[str, Any],
               batch: dict[str, Any]) -> None:
    if output is not None:
        raise click.UsageError("-o and --out-dir don't go together")
    if "-" in inputs:
        raise click.UsageError("a batch reads files, not stdin")
    options = _options(width, height, [parse_font_spec(s) for s in font_specs], scale, common)
    from .batch.command import BatchRequest, run_batch

    request = BatchRequest(inputs=list(inputs), **batch)
    try:
        status = run_batch(request, options)
    except SatoriError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    sys.exit(status)


class _WarningEcho(logging.Handler):
    """Prints the reports of the ``satori_py`` logger as ``warning: <message>`` on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="satori-py")


if __name__ == "__main__":  # pragma: no cover
    main()
