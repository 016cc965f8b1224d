"""How a ``tw`` class Satori ignores is told to the user: the one place that decides.

A problem becomes a :class:`~satori_py.errors.StyleError` with ``prop="tw"`` and
the class as ``value``, reported to the render's diagnostics channel
(:mod:`satori_py.diagnostics`), which gives it the node path, logs it on the
``satori_py`` logger, passes it to ``on_style_error`` (else ``on_warning``) and
raises it under ``strict=True``. Without strict it never raises: twrnc ignores
these classes, so the render goes on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..diagnostics import report
from ..errors import OptionError, StyleError
from .hints import hint
from .resolver import Problem

__all__ = ["describe", "report_config_notes", "report_problem"]


def describe(problem: Problem) -> str:
    """The sentence for a problem, naming the class."""
    name = problem.class_name
    if problem.kind == "unknown":
        advice = hint(name)
        if advice is not None:
            end = "" if advice.endswith("?") else "."
            return f'Tailwind class "{name}" is ignored (as in Satori): {advice}{end}'
        what = "an arbitrary value it cannot read" if "[" in name else "no utility it knows"
        return f'Tailwind class "{name}" is ignored: {what} (as in Satori).'
    if problem.kind in ("variant", "unsupported"):
        return f'Tailwind class "{name}" is ignored: {problem.detail}.'
    if problem.kind == "dependent":
        return (f'Tailwind class "{name}" is ignored: it is relative to the font size, and no '
                f'text-<size> class is in the same tw ({problem.detail}).')
    return f'Tailwind class "{name}": {problem.detail}.'


def report_problem(problem: Problem, on_style_error: Callable[[Exception], None] | None = None) -> None:
    """To ``on_style_error`` when given (outside a render), else to the diagnostics channel."""
    error = StyleError(describe(problem), prop="tw", value=problem.class_name)
    if on_style_error is not None:
        on_style_error(error)
    else:
        report(error)


def report_config_notes(notes: Iterable[str]) -> None:
    for note in notes:
        report(OptionError(note, prop="tailwind_config"))
