"""A class twrnc does not know is reported with what to write instead (satori_py.tailwind.hints).

The classes are Tailwind 3.4 / 4 names real designs use (session 19's sweep of Tailwind's
utility names through Satori 0.63.2's getTwStyles: every one here gives Satori no style).
"""
from __future__ import annotations

import re

import pytest

from satori_py.tailwind import to_style
from satori_py.tailwind.resolver import resolve


def _message(class_name: str) -> str:
    seen: list[Exception] = []
    assert to_style(class_name, width=1200, height=630, on_style_error=seen.append) == {}
    assert len(seen) == 1, seen
    return str(seen[0])


@pytest.mark.parametrize(("class_name", "advice"), [
    ("size-12", 'twrnc has no size-* (Tailwind 3.4): write "w-12 h-12"'),
    ("md:size-[72px]", 'twrnc has no size-* (Tailwind 3.4): write "md:w-[72px] md:h-[72px]"'),
    ("shadow-xs", 'Tailwind 4\'s name for the same value: write "shadow-sm"'),
    ("rounded-xs", 'Tailwind 4\'s name for the same value: write "rounded-sm"'),
    ("ps-4", 'twrnc has no start/end sides: write "pl-4" (left to right)'),
    ("-me-2", 'twrnc has no start/end sides: write "-mr-2" (left to right)'),
    ("rounded-ee-xl", 'twrnc has no start/end sides: write "rounded-br-xl" (left to right)'),
    ("text-start", 'twrnc has no start/end sides: write "text-left" (left to right)'),
    ("min-h-dvh", 'the canvas is the viewport: write "min-h-screen"'),
    ("text-sm/6", 'twrnc has no line-height modifier: write "text-sm leading-6"'),
    ("md:!p-4", 'twrnc has no important (!) marker: write "md:p-4"'),
    ("bg-red-500!", 'twrnc has no important (!) marker: write "bg-red-500"'),
    ("gap-x-6", "twrnc has no gap utilities: set gap (rowGap, columnGap) in style"),
    ("space-y-4", "twrnc has no space-* utilities: set gap in this element's style"),
    ("bg-linear-to-r", "twrnc has no gradient utilities: set backgroundImage: linear-gradient(...) in style"),
    ("via-purple-500", "twrnc has no gradient utilities: set backgroundImage: linear-gradient(...) in style"),
    ("line-clamp-3", "twrnc has no line-clamp-*: set lineClamp in style"),
    ("truncate", "twrnc has no truncate: set overflow: hidden, whiteSpace: nowrap and textOverflow: ellipsis "
                 "in style"),
    ("whitespace-nowrap", "twrnc has no whitespace-*: set whiteSpace in style"),
    ("text-balance", "twrnc has no text-wrap utilities: set textWrap in style"),
    ("object-cover", "twrnc has no object-* utilities: set objectFit (objectPosition) in style"),
    ("-translate-y-1/2", "twrnc has no transform utilities: set transform (transformOrigin) in style"),
    ("ring-2", "twrnc has no ring-* utilities: set boxShadow in style"),
    ("blur-3xl", "twrnc has no filter utilities: set filter in style"),
    ("backdrop-blur-sm", "twrnc has no backdrop-* utilities: set backdropFilter in style"),
    ("bg-clip-text", "twrnc has no bg-clip-*: set backgroundClip in style"),
    ("font-[700]", 'twrnc has no font-[<weight>]: write "font-bold"'),
    ("h-[1.3em]", "twrnc cannot read an em length in brackets: set the property in style, where em works"),
    ("opacity-[0.03]", "twrnc reads opacity-<step> only: set opacity: 0.03 in style"),
    ("bg-neutral-950", "twrnc's palette has no 950 shades (Tailwind 3.3): write the colour in brackets "
                       "(e.g. bg-[#0a0a0a])"),
    ("bg-[radial-gradient(circle_at_25%_25%,rgba(69,115,223,0.45),transparent_60%)]",
     "twrnc has no gradient utilities: set backgroundImage in style"),
    ("tracking-[0.25em]", "twrnc reads a tracking-[...] length in px only: set letterSpacing: 0.25em in style"),
    ("tracking-[-.02em]", "twrnc reads a tracking-[...] length in px only: set letterSpacing: -.02em in style"),
    ("bg-cover", "twrnc has no background-size utilities: set backgroundSize in style"),
    ("overflow-x-hidden", "twrnc has only overflow-hidden, -visible and -scroll: set overflow (overflowX, "
                          "overflowY) in style"),
    ("inline-flex", "twrnc has no display utilities but flex and hidden: set display in style"),
    ("grid-cols-3", "twrnc has no grid utilities: set display: grid and the grid properties in style"),
    ("sticky", "twrnc has only relative and absolute: set position in style"),
    ("order-last", "twrnc has no order-*: set order in style"),
    ("bg-(--brand)", "twrnc cannot read a CSS variable in a class: set the property in style (var() works there)"),
    ("bg-[--brand]", "twrnc cannot read a CSS variable in a class: set the property in style (var() works there)"),
    ("shadow-lg/20", 'twrnc has no shadow opacity modifier: write "shadow-lg shadow-black/20" (a black shadow '
                     'colour at that opacity)'),
    ("transition-colors", "it has no effect on a still image"),
])
def test_an_ignored_class_says_what_to_write(class_name: str, advice: str) -> None:
    assert _message(class_name) == f'Tailwind class "{class_name}" is ignored (as in Satori): {advice}.'


def test_a_class_without_advice_keeps_the_plain_report() -> None:
    assert _message("flx") == 'Tailwind class "flx" is ignored: no utility it knows (as in Satori).'
    assert _message("h-lh") == 'Tailwind class "h-lh" is ignored: no utility it knows (as in Satori).'


@pytest.mark.parametrize("class_name", [
    "size-4", "-size-2", "size-[10px]", "md:size-1/2", "shadow-xs", "rounded-xs", "ps-4", "-ms-2", "start-0",
    "end-4", "inset-s-2", "border-s", "border-e-2", "rounded-s-lg", "rounded-ss-xl", "text-end", "h-dvh",
    "w-svw", "text-sm/6", "text-xl/[1.1]", "!bg-red-500", "md:!p-4", "bg-red-500!", "shadow-lg/20", "font-[900]",
    "shadow-xs/[0.3]"])
def test_the_classes_it_suggests_work_in_satori(class_name: str) -> None:
    """What the advice says to write resolves under twrnc with no problem and gives a style."""
    suggested = re.search(r'write "([^"]+)"', _message(class_name))
    assert suggested is not None
    resolution = resolve(suggested.group(1), width=1200, height=630)
    assert resolution.problems == ()
    assert len(resolution.style) >= len(suggested.group(1).split())
