"""Every utility twrnc resolves from the default theme gives Satori's style.

tests/tailwind/data/exhaustive.json.gz (tools/make_exhaustive.py) holds ~34,000 class
lists: each prefix twrnc reads crossed with every key of its theme scale, negated,
with arbitrary values, every colour x shade x opacity key, twrnc's fixed utilities,
Tailwind utilities twrnc lacks, ``!`` spellings and ~40 variants at 16 canvas sizes,
each with the style the real Satori 0.63.2 returned (getTwStyles). test_oracle.py
covers configs, inline styles and overriding combinations; this covers the breadth.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from satori_py.tailwind.resolver import resolve, satori_style

from .test_oracle import _decode, assert_reported, same

DATA = Path(__file__).with_name("data") / "exhaustive.json.gz"

# Variants that hold or not by the canvas (or never, as in Satori: dark:, retina:, ios:):
# a class under one that does not hold is not applied and, like a media query, not reported.
CONDITIONS = ("sm:", "md:", "lg:", "xl:", "2xl:", "dark:", "retina:", "ios:", "android:", "web:", "portrait:",
              "landscape:", "min-w-[", "max-w-[", "min-h-[", "max-h-[")


def _cases() -> list[tuple[int, int, str, Any, list[str]]]:
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    styles = data["styles"]
    return [(group["width"], group["height"], classes, _decode(styles[index]), warnings[0] if warnings else [])
            for group in data["groups"] for classes, index, *warnings in group["cases"]]


CASES = _cases()


def test_the_class_lists_are_exhaustive() -> None:
    assert len(CASES) >= 34_000
    assert len({c[2] for c in CASES}) >= 21_000
    assert len({(c[0], c[1]) for c in CASES}) == 16


def test_every_class_list_gives_satoris_style() -> None:
    mismatches = []
    for width, height, classes, theirs, _ in CASES:
        ours = satori_style(resolve(classes, width=width, height=height).style, {})
        if not same(ours, theirs):
            mismatches.append((width, classes, theirs, ours))
    print(f"\ntailwind exhaustive: {len(CASES) - len(mismatches)}/{len(CASES)} class lists give Satori's style")
    assert mismatches == []


def test_what_satori_ignores_is_reported() -> None:
    for width, height, classes, theirs, twrnc in CASES:
        problems = resolve(classes, width=width, height=height).problems
        assert_reported(problems, twrnc, classes)
        conditional = all(c.startswith(CONDITIONS) for c in classes.split())
        if theirs == {} and classes.strip() and not conditional:
            assert problems, classes
