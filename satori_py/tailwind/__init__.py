"""Tailwind classes (the ``tw`` prop) -> style, exactly as Satori 0.63.2 reads them.

Satori resolves ``tw`` with twrnc 3.4.0 (Tailwind 3.1.8's default theme, the
``web`` platform, breakpoints against the canvas width) and merges the result
under the element's inline style. This package is that resolver as pure data ->
dict: :mod:`.config` (``tailwind_config`` -> theme), :mod:`.parser` (one class),
:mod:`.utilities` (the families), :mod:`.resolver` (a class list, cached) and
:mod:`.apply` (the merge with the inline style, used by the style stage).

Public: :func:`to_style`, and :func:`with_tw` for markup front ends that want
the whole merge.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .apply import PREFLIGHT, TailwindStage, with_tw
from .report import report_problem
from .resolver import Problem, join_classes, resolve, satori_style

__all__ = ["PREFLIGHT", "Problem", "TailwindStage", "to_style", "with_tw"]


def to_style(classes: str | Iterable[str], *, width: float | None, height: float | None,
             config: Mapping[str, Any] | None = None,
             on_style_error: Callable[[Exception], None] | None = None) -> dict[str, Any]:
    """The style Satori derives from ``classes`` on a ``width`` x ``height`` canvas.

    ``classes`` is a class list (``"flex p-4 md:p-8"``, or several strings);
    ``width``/``height`` are the render's (None for a side it does not fix:
    breakpoints then never match, as in Satori); ``config`` is a
    ``tailwind_config``. The result is what Satori merges under an element's
    inline style (without the preflight defaults, :data:`PREFLIGHT`): twrnc's
    React-Native-flavoured values (numbers in px, ``lineHeight`` as a multiple of
    the font size). Classes twrnc ignores are reported to ``on_style_error``, or
    logged on ``satori_py``. Results are cached per class list, size and
    config (bounded); each call returns a fresh dict.
    """
    resolution = resolve(join_classes(classes), width=width, height=height, config=config)
    for problem in resolution.problems:
        report_problem(problem, on_style_error)
    return satori_style(resolution.style, None, resolution.dropped)
