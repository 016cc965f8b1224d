"""The ``tw`` prop of an element, merged with its inline style as Satori's layout.ts does.

``style = Object.assign({boxSizing: 'border-box', borderWidth: 0, borderStyle:
'solid'}, getTwStyles(tw, style), style)``: only elements with a ``tw`` prop get
these preflight-like defaults, and the inline style (after ``<style>`` sheets)
wins over the classes. What twrnc ignores is reported (:mod:`.report`).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import resolve_config
from .report import report_config_notes, report_problem
from .parser import Utilities
from .resolver import Problem, class_list, resolve, satori_style
from .units import js_truthy

__all__ = ["PREFLIGHT", "TailwindStage", "with_tw"]

PREFLIGHT: Mapping[str, Any] = {"boxSizing": "border-box", "borderWidth": 0, "borderStyle": "solid"}


def with_tw(tw: Any, style: Mapping[str, Any] | None, *, width: float | None, height: float | None,
            config: Mapping[str, Any] | None = None,
            utilities: Utilities | None = None) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """The element's style with its ``tw`` classes under it, and the classes' problems."""
    style = dict(style or {})
    if not js_truthy(tw):
        return style, ()
    resolution = resolve(class_list(tw), width=width, height=height, config=config, utilities=utilities)
    return {**PREFLIGHT, **satori_style(resolution.style, style, resolution.dropped), **style}, resolution.problems


class TailwindStage:
    """The ``tw`` resolver of one render: its canvas size and config.

    Making it checks the config (a bad one raises OptionError before anything is
    laid out). Called as ``stage(tw, inline_style)`` by the style stage, inside
    the element's node context: what twrnc ignores goes to the render's
    diagnostics channel with the element's path. The utilities read for one class list are
    kept for the render's other lists (a card repeats ``text-white`` or ``px-4`` across many
    elements): each is read once per render, not once per list.
    """

    def __init__(self, width: float | None, height: float | None, config: Mapping[str, Any] | None) -> None:
        self.width, self.height, self.config = width, height, config
        self.utilities: Utilities = {}
        report_config_notes(resolve_config(config).notes)

    def __call__(self, tw: Any, style: Mapping[str, Any] | None) -> dict[str, Any]:
        merged, problems = with_tw(tw, style, width=self.width, height=self.height, config=self.config,
                                   utilities=self.utilities)
        for problem in problems:
            report_problem(problem)
        return merged
