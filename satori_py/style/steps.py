"""Fused declaration steps: a declaration expanded, resolved and typed at once, kept per value.

The long way types an element's declarations in three passes (:func:`.expand.expand`,
:func:`.resolve.resolve_declared`, then the table's converters in its order) because reports
come in that order and resolving reads the element's font size. Most declarations of a card
need neither: ``display: flex``, ``padding: 24px 32px``, ``backgroundColor: #fff``. A step is
what the three passes make of one such declaration alone, its longhands resolved and typed,
made by those passes themselves the first time the declaration is met (with the same text of
the current colour, and the same colour where the value or that text has a function) and
kept. A declaration has a step when the passes say nothing about it and read nothing of the
element: no ``var()``, no report, warning or note, no length of the element's units, no
property the long way resolves or types with others (``fontSize``, ``transform``, the
background layers, shadows, ``order``, ...), and converters that read nothing else
(:mod:`.converter_reads`). An element whose every declaration has one is typed from its steps.
In any other element only the declarations without a step take the long way: a stepped
declaration says nothing in any pass, so what is reported keeps its order; expand puts its
longhands as written where the long way puts them (later declarations override earlier ones
as they do there, and the background layers read their lists as written), and resolving and
typing take the step's values for the longhands it set last (:func:`known`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from ..cache import MAX_CACHED_TEXT
from ..errors import NOT_THE_VALUES_FAULT, StyleError
from ..limits import check_deadline
from . import convert as conv
from .converter_reads import converts_alone
from .expand import camelize, check_layer_list, quiet_longhands
from .properties import PROPERTIES
from .resolve import ELEMENT, resolved_alone
from .types import RGBA
from .values import LengthContext

__all__ = ["Fused", "Step", "fused", "known"]

# Longhands the long way resolves or types with other longhands or by the element (transforms
# and their origins, background layers, shadows' parts) or outside the table's converters
# (order, visibility against the parent's, ratios). (A font size is a step's when it is a
# number: the element's lengths are read against it, and a step has none of its units.)
_WITH_OTHERS = frozenset({
    "backgroundImage", "transform", "transformOrigin", "perspectiveOrigin", "translate", "rotate",
    "scale", "order", "visibility", "aspectRatio", "textShadow", "textShadowOffset",
    "textShadowColor", "textShadowRadius"})
# Declarations that never have a step (their longhands are above), as written: no step is tried.
_NEVER = frozenset(name for longhand in _WITH_OTHERS
                   for name in (longhand, re.sub("([A-Z])", lambda m: "-" + m.group(1).lower(), longhand)))
_NO_LENGTHS = LengthContext()  # never read: the converters of a step read no lengths


class Step(NamedTuple):
    """One declaration's longhands (read only): as expanded, resolved (None: reset), and typed
    (the table's)."""

    longhands: Mapping[str, Any]
    declared: dict[str, Any]
    typed: dict[str, Any]


class Fused(NamedTuple):
    """An element's declarations typed from their steps. ``complete``: every declaration had
    one, and ``declared`` and ``typed`` are what the long way's passes leave (resolve_declared's
    result and the typed values of the table's longhands). Else they are empty, and ``steps``
    holds the step of each declaration (as written) that has one, for the long way of the others."""

    declared: dict[str, Any]
    typed: dict[str, Any]
    complete: bool
    steps: dict[str, Step]


def fused(rest: Mapping[str, Any], color_text: str, color: RGBA) -> Fused | None:
    """The declarations ``rest`` (no custom properties; ``color`` is expanded apart, as
    :func:`.expand.expand` does) typed from their steps, as far as they have them; None when
    none can (a colour text too long to be kept in a key)."""
    if len(color_text) > MAX_CACHED_TEXT:
        return None
    declared: dict[str, Any] = {}
    typed: dict[str, Any] = {}
    steps: dict[str, Step] = {}
    complete = True
    colored = "(" in color_text
    for prop, value in rest.items():
        if prop == "color" or value is None:
            continue  # (as expand() skips them)
        check_deadline()
        step = None
        kind = type(value)
        if prop in _NEVER:
            pass
        elif kind is str:
            if len(value) <= MAX_CACHED_TEXT:  # (longer, a data URI: not kept, the long way)
                if "," in value:  # (one layer is within every limit: they are positive)
                    check_layer_list(camelize(prop), value)
                step = _step(prop, value, color_text, color if colored or "(" in value else None)
        elif kind is int or (kind is float and (value or math.copysign(1.0, value) > 0)):
            step = _step(prop, value, color_text, None)  # (-0.0 is a key of 0.0: the long way)
        if step is None:
            complete = False
            continue
        steps[prop] = step
        if complete:
            declared.update(step.declared)
            typed.update(step.typed)
    if not complete:
        return Fused({}, {}, False, steps)
    if None in declared.values():  # a later declaration reset a longhand an earlier one set
        declared = {name: value for name, value in declared.items() if value is not None}
        typed = {name: value for name, value in typed.items() if name in declared}
    return Fused(declared, typed, True, steps)


def known(stepped: Mapping[str, str], steps: Mapping[str, Step]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The resolved and the typed values of the longhands a step set last (``stepped``: each
    such longhand and its declaration, as :func:`.expand.expand_rest` records them), but those
    it reset. (The font size, a number, is the element's, which resolve_declared makes a float.)"""
    resolved: dict[str, Any] = {}
    typed: dict[str, Any] = {}
    for name, prop in stepped.items():
        step = steps[prop]
        value = step.declared[name]
        if value is not None and name != "fontSize":
            resolved[name] = value
            if name in step.typed:
                typed[name] = step.typed[name]
    return resolved, typed


@lru_cache(maxsize=4096, typed=True)
def _step(prop: str, value: Any, color_text: str, color: RGBA | None) -> Step | None:
    """The step of a declaration, None when it has none (see the module). ``color`` is None
    when neither the value nor ``color_text`` has a function: then nothing reads it (a colour
    text that needed it would not parse without it, and be reported: no step)."""
    longhands = quiet_longhands(prop, value, color_text, color)
    if longhands is None:
        return None
    told: list[Any] = []
    ctx: conv.Context | None = None  # made for the first longhand converted
    declared: dict[str, Any] = {}
    typed: dict[str, Any] = {}
    for name, longhand in longhands.items():
        if longhand is None:
            declared[name] = None
            continue
        if name in _WITH_OTHERS:
            return None
        resolved = resolved_alone(name, longhand)
        if resolved is ELEMENT or (name == "fontSize" and type(resolved) is not float and type(resolved) is not int):
            return None
        declared[name] = resolved
        row = PROPERTIES.get(name)
        if row is None:
            continue  # kept as resolved, as the long way keeps it
        if not converts_alone(row.convert, resolved):
            return None
        if ctx is None:
            ctx = conv.Context(name, 16.0, color, _NO_LENGTHS, told.append, told.append, {}, told.append)
        ctx.prop = name
        try:
            result = row.convert(resolved, ctx)
        except StyleError:
            return None  # the long way raises it, after what comes before it
        except NOT_THE_VALUES_FAULT:
            raise
        except Exception:  # noqa: BLE001 - the long way reports it
            return None
        if told or result is conv.INVALID:
            return None
        typed[name] = result
    return Step(longhands, declared, typed)
