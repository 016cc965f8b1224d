"""A class list -> the style Satori merges under an element's inline style.

Mirrors twrnc 3.4.0's ``create().style()`` and Satori's ``getTwStyles``: the
classes (split at white space, duplicates dropped) are read in order; classes
under a matching breakpoint or variant apply after the others (by breakpoint
order); classes that depend on others (colours waiting for ``bg-opacity-*``,
relative ``leading-*``/``tracking-*``, ``tabular-nums``) complete last. Satori
then makes a px line height unitless (over the font size) and puts a
``shadow-<colour>`` into the first colour of the box shadow.

Each class list is read as twrnc reads it the first time (its cache holds only
the fixed classes then); results are cached per class list, canvas size and
config. Unlike Satori, whose single twrnc instance keeps the first render's
config for the whole process (and whose cache makes ``md:X`` depend on whether
an earlier element used ``X``), every render uses its own config and every
class list resolves the same way.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..cache import BoundedCache
from ..frozen import Frozen
from ..js_numbers import js_div
from ..patterns import lazy_compile
from ..style.values import JS_SPACE, js_string, js_to_number
from .checks import check_style
from .config import Theme, config_key, resolve_config
from .parser import NULL, Utilities, parse_class
from .units import Complete, Dependent, Device, Ordered, js_truthy
from .utilities.color import remove_opacity_helpers
from .utilities.static import STATIC

__all__ = ["Problem", "Resolution", "class_list", "join_classes", "resolve", "resolve_classes",
           "satori_style"]

_SPLIT = lazy_compile(f"[{JS_SPACE}]+")
_COLOR_FUNCTION = lazy_compile(r"rgba?\([^)]+\)")
# Class lists are untrusted: the cache holds at most this many characters of them.
_CACHE_CHARS = 4_000_000


class Problem(Frozen):
    """A class twrnc ignores (or applies oddly), for the user to hear about.

    ``kind`` is ``unknown`` (no utility matches, or an arbitrary value it cannot
    read), ``variant`` (a prefix such as ``hover:``), ``dependent`` (e.g.
    ``leading-tight`` without a ``text-*`` size) or ``value`` (e.g. a bad hex colour).
    """

    class_name: str
    kind: str
    detail: str


class Resolution(Frozen):
    """twrnc's style for a class list, and the problems found in it."""

    style: Mapping[str, Any]
    problems: tuple[Problem, ...]
    # Entries of ``style`` satori-py leaves out (Satori would throw on them, see .checks).
    dropped: tuple[str, ...] = ()


# Weighed by the characters of each entry's class list (its key) plus its style.
_RESOLVED: BoundedCache[tuple[int, Resolution]] = BoundedCache(
    8192, weigh=lambda entry: entry[0], max_weight=_CACHE_CHARS)


def class_list(tw: Any) -> str:
    """The class text of a ``tw`` prop: JavaScript's ``String(tw)`` (a list joins with commas)."""
    if isinstance(tw, Mapping):
        return "[object Object]"
    return tw if isinstance(tw, str) else js_string(tw)


def _unique(classes: str) -> list[str]:
    seen: dict[str, None] = {}
    for name in _SPLIT.split(classes.strip(JS_SPACE)):
        if name:
            seen.setdefault(name, None)
    return list(seen)


def _device(width: float | None, height: float | None) -> Device:
    # Satori gives twrnc `+width`: NaN for a side the render does not fix.
    return Device(math.nan if width is None else float(width), math.nan if height is None else float(height))


def resolve_classes(classes: str, theme: Theme, device: Device, utilities: Utilities | None = None) -> Resolution:
    """twrnc's ``style(classes)`` with a fresh cache (no memo; see :func:`resolve`).

    ``utilities`` are the utilities the render has read (for this theme and device)."""
    known: dict[str, Any] = dict(STATIC)
    resolved: dict[str, Any] = {}
    origins: dict[str, str] = {}  # the class each entry comes from, for problems
    problems: list[Problem] = []
    dependents: list[tuple[str, Dependent]] = []
    ordered: list[tuple[int, str, Complete | Dependent]] = []
    for name in _unique(classes):
        parsed = parse_class(name, theme, device, known, utilities)
        problems += [Problem(name, kind, detail) for kind, detail in parsed.problems]
        ir = parsed.ir
        if isinstance(ir, Complete):
            resolved = {**resolved, **ir.style}
            origins.update(dict.fromkeys(ir.style, name))
            known[name] = ir
        elif isinstance(ir, Dependent):
            dependents.append((name, ir))
        elif isinstance(ir, Ordered):
            ordered.append((ir.order, name, ir.ir))
        elif not parsed.filtered:
            known[name] = NULL
    for _, name, ir in sorted(ordered, key=lambda entry: entry[0]):
        if isinstance(ir, Complete):
            resolved = {**resolved, **ir.style}
            origins.update(dict.fromkeys(ir.style, name))
        else:
            dependents.append((name, ir))
    if dependents:
        for name, dependent in dependents:
            before = dict(resolved)
            error = dependent.complete(resolved)
            if error:
                problems.append(Problem(name, "dependent", error))
            origins.update({k: name for k, v in resolved.items() if k not in before or before[k] is not v})
        remove_opacity_helpers(resolved)
    dropped, found = check_style(resolved, origins)
    problems += [Problem(name, kind, detail) for name, kind, detail in found]
    return Resolution(resolved, tuple(problems), dropped)


def resolve(classes: str, *, width: float | None, height: float | None,
            config: Mapping[str, Any] | None = None, utilities: Utilities | None = None) -> Resolution:
    """:func:`resolve_classes` for a canvas size and config, cached (bounded).

    ``utilities`` are the utilities the render has read, for this size and config (see
    :class:`.apply.TailwindStage`): a class list the cache does not hold reads only the new ones."""
    key = (config_key(config), None if width is None else float(width),
           None if height is None else float(height), classes)
    entry = _RESOLVED.get(key)
    if entry is None:
        found = resolve_classes(classes, resolve_config(config), _device(width, height), utilities)
        entry = (64 + len(classes) + 16 * len(found.style), found)
        _RESOLVED.put(key, entry)
    return entry[1]


def satori_style(style: Mapping[str, Any], inline: Mapping[str, Any] | None,
                 dropped: tuple[str, ...] = ()) -> dict[str, Any]:
    """Satori's getTwStyles after twrnc: a copy of ``style`` as it merges under ``inline``.

    A line height in px becomes a multiple of the font size (the classes', else
    the inline one, else 16); a ``shadow-<colour>`` replaces the first colour of
    the box shadow. The ``dropped`` keys are left out.
    """
    out = {k: _copy(v) for k, v in style.items()}
    line_height = out.get("lineHeight")
    if isinstance(line_height, (int, float)) and not isinstance(line_height, bool):
        size: Any = js_to_number(out["fontSize"]) if "fontSize" in out else math.nan
        if not js_truthy(size):
            own = (inline or {}).get("fontSize")
            size = own if js_truthy(own) else 16
        out["lineHeight"] = js_div(line_height, js_to_number(size))
    shadow_color = out.get("shadowColor")
    if js_truthy(shadow_color) and js_truthy(out.get("boxShadow")):
        out["boxShadow"] = _COLOR_FUNCTION.sub(lambda _: str(shadow_color), str(out["boxShadow"]), count=1)
    for key in dropped:
        out.pop(key, None)
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def join_classes(classes: str | Iterable[str]) -> str:
    """A class list given as text or as several strings."""
    if isinstance(classes, str):
        return classes
    return " ".join(str(c) for c in classes)
