"""How a ``tw`` class Satori ignores is told to the user: the one place that decides.

A problem becomes a :class:`~satori_py.errors.StyleError` with the node path,
``prop="tw"`` and the class as ``value``; it goes to ``on_style_error`` when the
render has one, else to a warning on the ``satori_py.tailwind`` logger. It never
raises by itself: twrnc ignores these classes, so the render goes on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from ..errors import StyleError
from .resolver import Problem

__all__ = ["describe", "report_config_notes", "report_problem"]

_log = logging.getLogger("satori_py.tailwind")


def describe(problem: Problem) -> str:
    """The sentence for a problem, naming the class."""
    name = problem.class_name
    if problem.kind == "unknown":
        what = "an arbitrary value it cannot read" if "[" in name else "no utility it knows"
        return f'Tailwind class "{name}" is ignored: {what} (as in Satori).'
    if problem.kind == "variant":
        return f'Tailwind class "{name}" is ignored: {problem.detail}.'
    if problem.kind == "dependent":
        return (f'Tailwind class "{name}" is ignored: it is relative to the font size, and no '
                f'text-<size> class is in the same tw ({problem.detail}).')
    if problem.kind == "unsupported":
        return f'Tailwind class "{name}" is ignored: {problem.detail}.'
    return f'Tailwind class "{name}": {problem.detail}.'


def report_problem(problem: Problem, path: str | None,
                   on_style_error: Callable[[Exception], None] | None) -> None:
    error = StyleError(describe(problem), path=path or None, prop="tw", value=problem.class_name)
    if on_style_error is not None:
        on_style_error(error)
    else:
        _log.warning("%s", error, extra={"satori_path": path})


def report_config_notes(notes: Iterable[str], on_style_error: Callable[[Exception], None] | None) -> None:
    for note in notes:
        error = StyleError(note, prop="tailwind_config")
        if on_style_error is not None:
            on_style_error(error)
        else:
            _log.warning("%s", error)
