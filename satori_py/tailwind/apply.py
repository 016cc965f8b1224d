"""The ``tw`` prop of an element, merged with its inline style as Satori's layout.ts does.

``style = Object.assign({boxSizing: 'border-box', borderWidth: 0, borderStyle:
'solid'}, getTwStyles(tw, style), style)``: only elements with a ``tw`` prop get
these preflight-like defaults, and the inline style (after ``<style>`` sheets)
wins over the classes. What twrnc ignores is reported (:mod:`.report`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .config import resolve_config
from .report import report_config_notes, report_problem
from .resolver import Problem, class_list, resolve, satori_style
from .units import js_truthy

__all__ = ["PREFLIGHT", "TailwindStage", "with_tw"]

PREFLIGHT: Mapping[str, Any] = {"boxSizing": "border-box", "borderWidth": 0, "borderStyle": "solid"}


def with_tw(tw: Any, style: Mapping[str, Any] | None, *, width: float | None, height: float | None,
            config: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], tuple[Problem, ...]]:
    """The element's style with its ``tw`` classes under it, and the classes' problems."""
    style = dict(style or {})
    if not js_truthy(tw):
        return style, ()
    resolution = resolve(class_list(tw), width=width, height=height, config=config)
    return {**PREFLIGHT, **satori_style(resolution.style, style, resolution.dropped), **style}, resolution.problems


class TailwindStage:
    """The ``tw`` resolver of one render: its canvas size and config, and where problems go.

    Making it checks the config (a bad one raises ConfigError before anything is
    drawn). :meth:`with_sink` gives the function the style stage calls per
    element; without a sink, each problem is logged once per render.
    """

    def __init__(self, width: float | None, height: float | None, config: Mapping[str, Any] | None,
                 on_style_error: Callable[[Exception], None] | None) -> None:
        self.width, self.height, self.config = width, height, config
        self._logged: set[tuple[str, Problem]] = set()
        report_config_notes(resolve_config(config).notes, on_style_error)

    def with_sink(self, sink: Callable[[Exception], None] | None
                  ) -> Callable[[Any, Mapping[str, Any] | None, str], dict[str, Any]]:
        """``apply(tw, inline_style, node_path)``, reporting problems to ``sink`` (or the log)."""
        def apply(tw: Any, style: Mapping[str, Any] | None, path: str) -> dict[str, Any]:
            merged, problems = with_tw(tw, style, width=self.width, height=self.height, config=self.config)
            for problem in problems:
                if sink is None:
                    if (path, problem) in self._logged:
                        continue
                    self._logged.add((path, problem))
                report_problem(problem, path, sink)
            return merged
        return apply
