"""The class-by-class oracle: satori-py derives the style the real Satori derives.

tests/tailwind/data/oracle.json holds 8,280 class lists (every colour x shade,
every spacing step, sizes, typography, borders, shadows, flex, position,
arbitrary/negative/opacity forms, breakpoints at 12 canvas sizes, overriding
combinations, malformed classes, classes and variants of newer Tailwind that twrnc
lacks, the whole lists of eight corpora of real OG designs and each of their 1,407
distinct classes alone, 668 utility names of Tailwind 3.4 and 4 (data/tailwind_names19.json),
22 configs, nine of them real projects' configs or a real design's palette) with the style Satori 0.63.2's own
getTwStyles returned for each (tools/make_oracle.py). Every list must give the same
dict, with the same keys in the same order, except the ones listed in EXPLAINED, where
Satori throws.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from satori_py.tailwind import to_style
from satori_py.patterns import lazy_compile
from satori_py.tailwind.config import resolve_config
from satori_py.tailwind.resolver import Problem, resolve, satori_style

DATA = Path(__file__).with_name("data") / "oracle.json"
QUERY = lazy_compile(r"(min|max)-(w|h)-\[")

# Class lists on which the real Satori throws a TypeError: twrnc looks theme keys up on
# plain JavaScript objects, so an Object.prototype name (constructor, toString,
# hasOwnProperty) finds a function, which it then destructures. satori-py looks up own
# keys only: the class is unknown (reported, ignored), as a browser would have it.
EXPLAINED = {
    "text-constructor": "C is not iterable",
    "text-hasOwnProperty": "C is not iterable",
    "flex-constructor": "A.match is not a function",
    "constructor:p-4": "(intermediate value)(intermediate value)(intermediate value) is not iterable",
    "toString:flex": "(intermediate value)(intermediate value)(intermediate value) is not iterable",
}


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$number"}:
            return float(value["$number"].replace("Infinity", "inf"))
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def same(ours: Any, theirs: Any) -> bool:
    """Equal as JavaScript values: numbers by value (NaN equals NaN), objects with keys in order."""
    number = (int, float)
    if isinstance(ours, number) and isinstance(theirs, number) \
            and not isinstance(ours, bool) and not isinstance(theirs, bool):
        return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return list(ours) == list(theirs) and all(same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(same(a, b) for a, b in zip(ours, theirs))
    return type(ours) is type(theirs) and ours == theirs


def cases() -> list[tuple[dict[str, Any], Any, list[Any]]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for group in data["groups"]:
        config = data["configs"][group["config"]] if group.get("config") else None
        for case in group["cases"]:
            out.append(({"width": group["width"], "height": group["height"], "config": config,
                         "style": group.get("style")}, case[0], case[1:]))
    return out


CASES = cases()


def test_oracle_is_big_enough() -> None:
    assert len(CASES) >= 3000
    assert len({c[1] for c in CASES}) >= 1500


def test_every_class_list_gives_satoris_style() -> None:
    matches, mismatches = 0, []
    for group, classes, (expected, *_) in CASES:
        resolution = resolve(classes, width=group["width"], height=group["height"], config=group["config"])
        ours = satori_style(resolution.style, group["style"] or {})
        if same(ours, _decode(expected)):
            matches += 1
        else:
            mismatches.append((classes, expected, ours))
    print(f"\ntailwind oracle: {matches}/{len(CASES)} class lists give Satori's style")
    unexplained = [m for m in mismatches if EXPLAINED.get(m[0]) != (m[1] or {}).get("$error")]
    assert unexplained == []
    # Where Satori throws, satori-py reports the class and applies nothing.
    assert {m[0] for m in mismatches} == set(EXPLAINED)
    assert all(m[2] == {} for m in mismatches)
    assert matches == len(CASES) - len(mismatches)


def assert_reported(problems: tuple[Problem, ...], twrnc: list[str], classes: str) -> None:
    """Each twrnc warning for a class list has its report among ``problems``."""
    kinds = [p.kind for p in problems]
    assert kinds.count("unknown") >= sum("unknown or invalid utility" in w for w in twrnc), classes
    assert kinds.count("dependent") == sum("require" in w and "font-size" in w for w in twrnc), classes
    bad_hex = sum("invalid config hex color" in w for w in twrnc)
    assert sum("is not a colour" in p.detail or "hex" in p.detail for p in problems) >= bad_hex, classes


def test_ignored_classes_are_reported() -> None:
    """Every class twrnc warns about is reported (and more: variants, classes under other widths)."""
    for group, classes, (_, *warnings) in CASES:
        problems = resolve(classes, width=group["width"], height=group["height"],
                           config=group["config"]).problems
        assert_reported(problems, warnings[0] if warnings else [], classes)


def _conditional(classes: str, config: Any) -> bool:
    """Whether a class of the list is under a condition that holds or not by the canvas or
    never in Satori (a screen, an orientation, a platform, dark:, retina:, a min-w-[..]: query):
    such a class applies elsewhere, like a media query, and is not a problem."""
    conditions = {*resolve_config(config).screens, "portrait", "landscape", "ios", "android", "web", "windows",
                  "macos", "dark", "retina"}
    return any(prefix in conditions or QUERY.match(prefix)
               for name in classes.split() for prefix in name.split(":")[:-1])


def test_what_satori_ignores_is_reported() -> None:
    """A class list Satori derives nothing from (once satori-py's dropped keys are out) has a
    report, twrnc's warning or not: unknown utilities, Tailwind classes twrnc lacks, variants it
    drops (hover:, before:, data-[..]:). Lists under a condition are left out (_conditional)."""
    silent = []
    for group, classes, (expected, *_) in CASES:
        if group["style"] or not classes.strip() or _conditional(classes, group["config"]):
            continue
        resolution = resolve(classes, width=group["width"], height=group["height"], config=group["config"])
        if not {k for k in _decode(expected) if k not in resolution.dropped} and not resolution.problems:
            silent.append(classes)
    assert silent == []


def test_to_style_is_the_oracle_without_what_satori_throws_on() -> None:
    for group, classes, (expected, *_) in CASES:
        if classes in EXPLAINED or group["style"]:
            continue
        resolution = resolve(classes, width=group["width"], height=group["height"], config=group["config"])
        ours = to_style(classes, width=group["width"], height=group["height"], config=group["config"],
                        on_style_error=lambda error: None)
        theirs = {k: v for k, v in _decode(expected).items() if k not in resolution.dropped}
        assert same(ours, theirs), classes


@pytest.mark.parametrize("classes, width, expected", [
    # Breakpoints match when min < width <= max (so exactly 640px is not sm:).
    ("p-2 sm:p-4 md:p-6", 640, 8), ("p-2 sm:p-4 md:p-6", 641, 16), ("p-2 sm:p-4 md:p-6", 768, 16),
    ("p-2 sm:p-4 md:p-6", 769, 24),
    # Without a width, no breakpoint matches.
    ("p-2 sm:p-4", None, 8),
])
def test_breakpoints_against_the_canvas_width(classes: str, width: float | None, expected: float) -> None:
    assert to_style(classes, width=width, height=630)["paddingTop"] == expected
