"""``tailwind_config`` -> the resolved theme twrnc reads, as Tailwind 3.1.8 resolves it.

Mirrors ``tailwindcss/resolveConfig`` (with ``getAllConfigs``) for configs made of
data: presets, theme keys that replace the default ones, and ``theme.extend``
merged into them (deeply for objects, arrays replacing). Keys the default theme
computes from others (``width`` from ``spacing``, ``borderColor`` from ``colors``)
are evaluated after the merge, so overrides and extensions reach them too.

A config is JSON-like data (dicts, lists, strings, numbers, booleans, None);
functions, which a JavaScript config may hold, cannot be expressed and raise
:class:`~satori_py.errors.OptionError`. Resolved themes are cached per config.
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from typing import Any

from ..cache import BoundedCache
from ..errors import OptionError
from ..frozen import Frozen
from ..js_format import js_number
from .default_theme import DEFAULT_THEME
from .derive import MISSING, evaluate
from .units import to_px

__all__ = ["Theme", "config_key", "plain_config", "resolve_config"]

_MAX_DEPTH = 16
_MAX_ITEMS = 100_000
# Top-level keys twrnc reads; `content` is Tailwind's file list, meaningless here and harmless.
_READ_KEYS = ("theme", "presets", "content")


class Theme(Frozen):
    """A resolved theme: ``values`` per theme key, and the screens as twrnc orders them.

    ``screens`` maps a breakpoint name to ``(min_px, max_px, order)``;
    ``notes`` are what the config asked for that twrnc ignores.
    """

    values: dict[str, Any]
    screens: dict[str, tuple[float, float, int]]
    notes: tuple[str, ...] = ()

    def get(self, key: str) -> Any:
        return self.values.get(key)


# The themes of users' configs, each weighed by its config's JSON text: a resolved theme holds
# some 9 bytes a character of it (21 MB for 99,000 colours), and 64 such themes, bounded by
# count only, held 1.3 GB.
_THEMES_CHARS = 2_000_000
_THEMES: BoundedCache[tuple[int, Theme]] = BoundedCache(64, weigh=lambda entry: entry[0],
                                                         max_weight=_THEMES_CHARS)
# Tailwind's default theme (no tailwind_config): a constant of the package, resolved on its
# first use and kept for the process, as Satori's twrnc instance keeps its theme. Not a cache
# of anything a user gave: every render without a config read it again (0.74M instructions).
_DEFAULT: list[Theme] = []


def config_key(config: Mapping[str, Any] | None) -> str | None:
    """A cache key for ``config``: its canonical JSON, after checking it is data."""
    if config is None:
        return None
    return _config_text(config)


def _config_text(config: Any) -> str:
    """A config's canonical JSON text, after checking it is data (a dict)."""
    if not isinstance(config, Mapping):
        raise OptionError(f"Invalid tailwind_config: expected a dict, got {type(config).__name__}.",
                          prop="tailwind_config")
    return json.dumps(_plain(config, "tailwind_config", [0], 0), separators=(",", ":"),
                      allow_nan=True)


def plain_config(config: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A checked copy of ``config`` as plain JSON data (picklable, unaffected by later changes)."""
    key = config_key(config)
    return None if key is None else json.loads(key)


def resolve_config(config: Mapping[str, Any] | None) -> Theme:
    """The theme twrnc sees for ``config`` (None: Tailwind's default theme)."""
    if config is None:
        if not _DEFAULT:
            _DEFAULT.append(_resolve({}))
        return _DEFAULT[0]
    key = _config_text(config)
    entry = _THEMES.get(key)
    if entry is None:
        entry = (len(key), _resolve(json.loads(key)))
        _THEMES.put(key, entry)
    return entry[1]


# -- checking -----------------------------------------------------------------------------------

def _key(key: Any, path: str) -> str:
    """An object key as JavaScript spells it (``{1: ...}`` has the key ``"1"``)."""
    if isinstance(key, str):
        return key
    if isinstance(key, (int, float)) and not isinstance(key, bool):
        return js_number(key)
    raise OptionError(f"Invalid key {key!r} in {path}: expected a string.", prop=path, value=key)


def _plain(value: Any, path: str, count: list[int], depth: int) -> Any:
    """``value`` as JSON data, or OptionError naming the path of what is not."""
    count[0] += 1
    if depth > _MAX_DEPTH or count[0] > _MAX_ITEMS:
        raise OptionError(f"Invalid {path}: the config is nested deeper than {_MAX_DEPTH} levels "
                          f"or has more than {_MAX_ITEMS} values.", prop=path)
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else js_number(value)
    if isinstance(value, Mapping):
        return {_key(k, path): _plain(v, f"{path}.{_key(k, path)}", count, depth + 1)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]", count, depth + 1) for i, v in enumerate(value)]
    what = "a function" if callable(value) else f"a {type(value).__name__}"
    raise OptionError(f"Invalid {path}: {what} cannot be part of a Tailwind config; give its "
                      "value (strings, numbers, lists and dicts).", prop=path)


# -- resolveConfig ------------------------------------------------------------------------------

def _all_configs(config: dict[str, Any], path: str, depth: int = 0) -> list[dict[str, Any]]:
    """getAllConfigs: the config, then its presets' (each with its own presets, or the
    default config), the last preset first."""
    if depth > _MAX_DEPTH:
        raise OptionError(f"Invalid {path}: presets nested deeper than {_MAX_DEPTH} levels.", prop=path)
    presets = config.get("presets")
    if presets is None:
        return [config, {"theme": DEFAULT_THEME}]
    if not isinstance(presets, list) or not all(isinstance(p, dict) for p in presets):
        raise OptionError(f"Invalid {path}.presets: expected a list of configs.", prop=f"{path}.presets")
    found = [config]
    for index in reversed(range(len(presets))):
        found += _all_configs(presets[index], f"{path}.presets[{index}]", depth + 1)
    return found


def _is_object(value: Any) -> bool:
    return isinstance(value, (dict, list))


def _merge_with(target: dict[str, Any], sources: list[Any], customizer: Any) -> dict[str, Any]:
    """lodash-like mergeWith: ``customizer`` decides, else objects merge deeply."""
    for source in sources:
        if not isinstance(source, dict):
            continue
        for k, value in source.items():
            merged = customizer(target.get(k, MISSING), value)
            if merged is not MISSING:
                target[k] = merged
            elif isinstance(target.get(k), dict) and isinstance(value, dict):
                target[k] = _merge_with(dict(target[k]), [value], customizer)
            else:
                target[k] = value
    return target


def _extension_customizer(merged: Any, value: Any) -> Any:
    """mergeExtensionCustomizer: arrays replace, except arrays of objects, which add up."""
    if isinstance(merged, list) and merged and _is_object(merged[0]):
        return merged + (value if isinstance(value, list) else [value])
    if isinstance(value, list) and value and _is_object(value[0]) and _is_object(merged):
        return [merged, *value]
    if isinstance(value, list):
        return value
    return MISSING


def _collect_extends(themes: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """collectExtends: per key, the extensions, the last config's first."""
    extends: dict[str, list[Any]] = {}
    for theme in themes:
        extend = theme.get("extend")
        if isinstance(extend, dict):
            for k, value in extend.items():
                extends[k] = [value, *extends.get(k, [])]
    return extends


def _resolve(config: dict[str, Any]) -> Theme:
    notes = tuple(f"tailwind_config.{k} is ignored: satori-py reads only theme and presets, as "
                  "Satori's twrnc does (plugins cannot be given as data)."
                  for k, v in config.items() if k not in _READ_KEYS and v not in ([], {}, None))
    themes = []
    for entry in _all_configs(config, "tailwind_config"):
        theme = entry.get("theme")
        if theme is None:
            theme = {}
        if not isinstance(theme, dict):
            raise OptionError(f"Invalid tailwind_config theme: expected a dict, got "
                              f"{type(theme).__name__}.", prop="tailwind_config.theme")
        themes.append(theme)
    # mergeThemes: the first config that sets a key wins it.
    merged: dict[str, Any] = {}
    for theme in themes:
        for k, value in theme.items():
            merged.setdefault(k, value)
    # mergeExtensions
    for k, extensions in _collect_extends(themes).items():
        merged[k] = _Lazy([merged.get(k, MISSING), *extensions])
    values = _ThemeValues(merged).resolve()
    screens = values.get("screens")
    return Theme(values, _screens(screens if isinstance(screens, dict) else {}), notes)


class _ThemeValues:
    """resolveFunctionKeys: every key's value, computed keys reading the others."""

    def __init__(self, merged: dict[str, Any]) -> None:
        self.merged = merged
        self.values: dict[str, Any] = {}
        self.resolving: set[str] = set()

    def resolve(self) -> dict[str, Any]:
        for key in self.merged:
            if key != "extend":
                self.top(key)
        return self.values

    def top(self, key: str) -> Any:
        if key not in self.values:
            if key in self.resolving:
                raise OptionError(f"Invalid tailwind_config: theme.{key} refers to itself.",
                                  prop=f"tailwind_config.theme.{key}")
            self.resolving.add(key)
            value = self.merged[key]
            if isinstance(value, _Lazy):
                value = _merge_with({}, [evaluate(p, self.lookup) for p in value.parts],
                                    _extension_customizer)
            self.values[key] = evaluate(value, self.lookup)
            self.resolving.discard(key)
        return self.values[key]

    def lookup(self, path: str) -> Any:
        """``theme('a.b.c')``: the value at the path, or MISSING."""
        first, *rest = path.split(".")
        if first not in self.merged or first == "extend":
            return MISSING
        value = self.top(first)
        for part in rest:
            if not isinstance(value, dict) or part not in value:
                return MISSING
            value = value[part]
        return value  # shared, never changed: merges copy what they change


class _Lazy:
    """A theme key with extensions to merge once the key's own value is computed."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts


def _screens(screens: dict[str, Any]) -> dict[str, tuple[float, float, int]]:
    """twrnc's screens(): ``(min, max, order)`` per breakpoint, ordered by width."""
    data: dict[str, list[float]] = {}
    for name, value in screens.items():
        bounds = {"min": value} if isinstance(value, str) else value
        if not isinstance(bounds, dict):
            bounds = {}
        low = to_px(str(bounds["min"])) if bounds.get("min") else 0.0
        high = to_px(str(bounds["max"])) if bounds.get("max") else math.inf
        data[name] = [0.0 if low is None else low, math.inf if high is None else high]

    def by_width(a: str, b: str) -> int:
        return _compare(data[a], data[b])

    names = sorted(data, key=functools.cmp_to_key(by_width))
    return {name: (data[name][0], data[name][1], names.index(name)) for name in data}


def _compare(a: list[float], b: list[float]) -> int:
    """twrnc's comparator: by min when either max is unbounded, else by max (a stable sort)."""
    d = a[0] - b[0] if math.inf in (a[1], b[1]) else a[1] - b[1]
    return 0 if d != d else (d > 0) - (d < 0)
