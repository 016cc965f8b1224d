"""Every per-process cache of the package is bounded by what its entries weigh as well as by
their number, or its entries are small by construction (the reason is written here): a process
rendering strangers' cards for days holds at most the sum of the bounds.

A cache bounded by its count only holds ``count x the largest entry`` a stranger can make:
the resolved Tailwind themes (64 of them, count only) held 21 MB each for a config of 99,000
colours, 1.3 GB when full; now they are weighed by their config's text.
"""
from __future__ import annotations

import functools
import gc
import importlib
import logging
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import satori_py
from satori_py import render_svg
from satori_py.cache import BoundedCache
from satori_py.tailwind import config as tailwind_config

from .test_soak import card

_PACKAGE = Path(satori_py.__file__).parent

# Caches bounded by their number of entries only, and why an entry cannot be large.
_COUNT_ONLY = {
    "diagnostics._CLOSEST": "a misspelt word (one longer than MAX_CACHED_TEXT is not kept) -> one name",
    "diagnostics._by_length": "keyed by the package's own name tables, of which there are a few",
    "layout.reuse._SEEN": "a hash of a card's texts -> True",
    "layout.sizing._DECIDED": "a node style's id -> its layout style (numbers, keywords, calc() trees of "
                              "values the style memo already keeps)",
    "layout.taffy_style._STYLES": "a layout style -> Taffy's dict of it (numbers)",
    "paint.gradient._LINEAR": "a parsed gradient of at most _MAX_CACHED_STOPS stops -> its SVG parts",
    "paint.geometry._square": "four numbers -> radii",
    "paint.geometry._fitted": "corner values and a box -> radii",
    "paint.geometry._edge_path": "a box, radii and sides -> one path of at most 8 segments",
    "paint.raster_cost._integer_digits": "a digit count -> a pattern",
    "paint.shadow._faint_colour": "a colour and two alpha levels (ints) -> a colour text",
    "paint.shadow._flood_shows": "a colour and an alpha level (ints) -> a bool",
    "paint.shadow_round._kernel": "a blur -> its kernel (resvg's box sizes; the blur is bounded by the raster)",
    "paint.shadow_round._profiles": "a corner and a blur -> a profile as long as the blur's reach",
    "paint.shadow_split.box_blur_reach": "a blur -> an int",
    "paint.shadow_split._profile": "a span of at most the blur's reach -> alpha values",
    "style.gradients._PARSED": "a gradient text of at most _MAX_CACHED_IMAGE characters -> the parsed gradient",
    "style.memo._ROOTS": "the canvas size -> the root style",
    "style.steps._step": "a declaration of at most MAX_CACHED_TEXT characters (with its colour text) -> its "
                         "longhands resolved and typed",
    "style.types._css_color": "four numbers -> a colour text",
    "svg._fmt_px": "a number -> its text",
    "text.downloads._user_cache_dir": "the environment's cache directories -> a path",
    "text.engine._SPANS": "a glyph of a kept face at a size -> its ink in the underline band",
    "text.fonts._CH_RATIOS": "a family list of at most _MAX_SHARED_FAMILIES -> a number",
    "text.paragraph._ENGINES": "a family list of at most _MAX_SHARED_FAMILIES and a font size -> an engine",
    "text.processor._rgba_css": "a colour -> its text",
}
# The module-level tables that renders of new content may grow, and their bound.
_GROWING_TABLES = {
    "text.outlines._HALVES": "number texts, _TABLE_ROOM of them",
    "text.outlines._Y_TABLES": "number texts of the y tables, _TABLE_ROOM of them together",
}


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(satori_py.__path__, "satori_py."):
        yield importlib.import_module(info.name)


def _caches() -> dict[str, Any]:
    """Every cache object in a module of the package, by ``module.name`` (without ``satori_py.``)."""
    found: dict[str, Any] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            own = getattr(value, "__module__", None) == module.__name__
            if isinstance(value, BoundedCache) or (own and callable(value) and hasattr(value, "cache_info")):
                found[f"{module.__name__.removeprefix('satori_py.')}.{attr}"] = value
    return found


def test_every_cache_the_source_makes_is_found() -> None:
    # A cache made in a function or a class would escape the walk: the source says how many.
    made = re.compile(r"\b(BoundedCache|lru_cache|text_cache)\(")
    declared = sum(len(made.findall(path.read_text())) for path in _PACKAGE.rglob("*.py")
                   if path.name != "cache.py")
    assert len(_caches()) == declared


def test_every_cache_is_bounded_by_weight_or_says_why_not() -> None:
    unweighed = []
    for name, cache in _caches().items():
        if isinstance(cache, BoundedCache):
            weighed = cache.max_weight is not None
        else:  # functools.lru_cache, or cache.text_cache (which keeps no long text)
            weighed = not isinstance(cache, functools._lru_cache_wrapper)
        if not weighed:
            unweighed.append(name)
    assert sorted(unweighed) == sorted(_COUNT_ONLY)


def test_renders_of_new_content_grow_no_table_but_the_bounded_ones() -> None:
    def sizes() -> dict[str, int]:
        out = {}
        for name, module in list(sys.modules.items()):
            if name.startswith("satori_py."):
                for attr, value in vars(module).items():
                    if isinstance(value, (dict, list, set)) and not attr.startswith("__"):
                        inner = [v for v in value.values() if isinstance(v, (dict, list, set))] \
                            if isinstance(value, dict) else []
                        out[f"{name.removeprefix('satori_py.')}.{attr}"] = len(value) + sum(map(len, inner))
        return out

    quiet: dict[str, Any] = {"on_warning": lambda e: None, "on_style_error": lambda e: None}
    logging.disable(logging.CRITICAL)
    try:
        for i in range(10):
            render_svg(card(i), width=300, height=158, **quiet)
        before = sizes()
        for i in range(5000, 5060):
            render_svg(card(i), width=300, height=158, **quiet)
        gc.collect()
        after = sizes()
    finally:
        logging.disable(logging.NOTSET)
    grown = {name for name, size in after.items() if size > before.get(name, 0)}
    assert grown <= set(_GROWING_TABLES), grown


def test_resolved_tailwind_themes_are_weighed_by_their_config() -> None:
    # Before: 21 MB held for each config of 99,000 colours, 64 of them kept (count only).
    cache = tailwind_config._THEMES
    cache.clear()
    colours = {f"c{i}": f"#{i:06x}" for i in range(30_000)}
    big = len(tailwind_config.config_key({"theme": {"extend": {"colors": colours}}}) or "")
    for k in range(4):
        tailwind_config.resolve_config({"theme": {"extend": {"colors": {**colours, "k": f"#{k:06x}"}}}})
    assert cache.max_weight is not None and big * 4 > cache.max_weight
    assert len(cache) == cache.max_weight // (big + len(',"k":"#000000"'))
