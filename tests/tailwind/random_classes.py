"""Random but realistic ``tw`` class lists and cards, for the Tailwind differential tester.

Classes are drawn from Tailwind 3.1.8's default theme (the one Satori's twrnc reads,
:data:`satori_py.tailwind.default_theme.DEFAULT_THEME`) family by family: spacing,
sizes, min/max sizes, colours with every shade and ``/NN`` or ``/[.N]`` opacity,
arbitrary values in px, rem, em, %, vw, vh and ``calc()``, fractions, negatives,
borders and radii with sides, insets, flex, the fixed classes twrnc knows, line
heights, letter spacing, opacity, z-index, fonts, shadows, and classes twrnc does
not have (``gap-4``, gradients, transforms, ``truncate``...) that must be reported.
A few carry a prefix: breakpoints, orientations, platforms, ``dark:``, ``hover:``.

``class_list(rng)`` is one list; ``card(seed, index)`` a small tree of ``tw``
elements with text (the case format), the same for the same seed and index. Cards
leave out what Satori throws on and satori-py reports instead (``leading-*`` on an
element without a ``style`` prop: every element gets ``style: {}``; a lone
``bg-opacity-*``; ``text-auto``) and breakpoint prefixes (Satori's process-wide
twrnc cache makes those depend on earlier cards, see README), so that a mismatch is
a real difference.
"""
from __future__ import annotations

import random
from typing import Any

from satori_py.tailwind.default_theme import DEFAULT_THEME
from satori_py.tailwind.utilities.static import STATIC
from tests.support.paths import REPO_ROOT

__all__ = ["FONTS", "card", "class_list", "one_class"]

_SPACING = list(DEFAULT_THEME["spacing"])
_SIZES = ["full", "screen", "1/2", "1/3", "2/3", "3/4", "5/6", "auto", "min", "max", "fit", "none", "xs", "sm",
          "lg", "2xl", "prose", "screen-md"]
_COLORS = [name if isinstance(value, str) else f"{name}-{shade}"
           for name, value in DEFAULT_THEME["colors"].items()
           for shade in ([None] if isinstance(value, str) else value)]
_PREFIXES = ["sm:", "md:", "lg:", "xl:", "2xl:", "dark:", "hover:", "landscape:", "portrait:", "md:hover:", "web:",
             "ios:"]
_UNSUPPORTED = ["line-clamp-2", "truncate", "object-cover", "block", "inline-flex", "grid", "space-x-4", "blur",
                "ring-2", "bg-gradient-to-r", "from-red-500", "translate-x-1", "rotate-45", "whitespace-nowrap",
                "break-words", "text-ellipsis", "decoration-2", "sr-only", "aspect-[4/3]", "aspect-[16/9]",
                "gap-4", "basis-1/2", "order-2"]
WORDS = "Ship faster with typed layouts and real fonts every time".split()
FONTS = [{"name": "Geist", "file": str(REPO_ROOT / "satori_py/assets/Geist-Regular.ttf"), "weight": 400,
          "style": "normal"},
         {"name": "Geist", "file": str(REPO_ROOT / "golden/text/fonts/Geist-Bold.ttf"), "weight": 700, "style": "normal"}]


def _keys(name: str) -> list[str]:
    """The theme's keys for ``name`` (a derived scale, such as widths, is the spacing and sizes)."""
    value = DEFAULT_THEME[name]
    return list(value) if isinstance(value, dict) else _SPACING + _SIZES


def _arbitrary(rng: random.Random) -> str:
    return rng.choice([
        f"[{rng.randint(0, 300)}px]", f"[{rng.choice(['0.5', '1.25', '2', '3.5'])}rem]", f"[{rng.randint(1, 100)}%]",
        f"[{rng.randint(1, 50)}vw]", f"[{rng.randint(1, 50)}vh]", f"[{rng.choice(['1.5', '2', '0.3'])}em]",
        f"[{rng.randint(0, 30)}]", str(rng.randint(1, 200)), f"{rng.randint(1, 11)}/{rng.choice([2, 3, 4, 5, 6, 12])}",
        "[calc(100%-2px)]"])


def _color(rng: random.Random) -> str:
    color = rng.choice(_COLORS + [f"[#{rng.randrange(16 ** 6):06x}]", f"[#{rng.randrange(16 ** 3):03x}]",
                                  "[rgb(1,2,3)]", "[red]", "[rgba(0,0,0,0.5)]"])
    roll = rng.random()
    if roll < 0.25:
        color += f"/{rng.choice([5, 10, 15, 20, 25, 30, 33, 40, 50, 60, 70, 75, 80, 90, 95, 100])}"
    elif roll < 0.3:
        color += f"/[{rng.choice(['.5', '0.35', '15%'])}]"
    return color


def one_class(rng: random.Random) -> str:
    """A class without a prefix, from one of the families."""
    neg = "-" if rng.random() < 0.08 else ""
    family = rng.choice(["spacing", "size", "text", "bg", "border", "rounded", "inset", "flex", "static", "leading",
                         "tracking", "opacity", "z", "font", "shadow", "minmax", "unsupported"])
    if family == "spacing":
        side = rng.choice(["", "t", "b", "l", "r", "x", "y"])
        return f"{neg}{rng.choice('mp')}{side}-{rng.choice(_SPACING + ['auto', _arbitrary(rng)])}"
    if family == "size":
        return f"{rng.choice('wh')}-{rng.choice(_keys('width') + [_arbitrary(rng)])}"
    if family == "minmax":
        key, prefix = rng.choice([("minWidth", "min-w"), ("minHeight", "min-h"), ("maxWidth", "max-w"),
                                  ("maxHeight", "max-h")])
        return f"{prefix}-{rng.choice(_keys(key) + [_arbitrary(rng)])}"
    if family == "text":
        sizes = list(DEFAULT_THEME["fontSize"]) + [f"[{rng.randint(8, 90)}px]", "[1.5rem]"]
        return "text-" + (rng.choice(sizes) if rng.random() < 0.5 else _color(rng))
    if family == "bg":
        return "bg-" + _color(rng) if rng.random() < 0.9 else f"bg-opacity-{rng.choice(_keys('opacity'))}"
    if family == "border":
        side = rng.choice(["", "-t", "-b", "-l", "-r", "-x", "-y"])
        return "border" + side + rng.choice(["", "-0", "-2", "-4", "-8", "-[3px]", "-" + _color(rng), "-dashed",
                                              "-dotted", "-solid"])
    if family == "rounded":
        side = rng.choice(["", "-t", "-b", "-l", "-r", "-tl", "-tr", "-bl", "-br"])
        return "rounded" + side + rng.choice(["", "-none", "-sm", "-md", "-lg", "-xl", "-2xl", "-3xl", "-full",
                                               "-[12px]", "-[50%]"])
    if family == "inset":
        side = rng.choice(["top", "bottom", "left", "right", "inset", "inset-x", "inset-y"])
        return f"{neg}{side}-{rng.choice(_keys('inset') + [_arbitrary(rng)])}"
    if family == "flex":
        return rng.choice([f"flex-{rng.choice(_keys('flex'))}", f"grow{rng.choice(['', '-0', '-[2]'])}",
                           f"shrink{rng.choice(['', '-0'])}", f"flex-grow{rng.choice(['', '-0'])}"])
    if family == "static":
        return rng.choice(list(STATIC))
    if family == "leading":
        return "leading-" + rng.choice(_keys("lineHeight") + ["[1.2]", "[20px]", "[1.5rem]"])
    if family == "tracking":
        return neg + "tracking-" + rng.choice(_keys("letterSpacing") + ["[2px]", "[0.1em]", "[-0.5px]"])
    if family == "opacity":
        return "opacity-" + rng.choice(_keys("opacity") + ["[0.65]", "[.3]", "[35%]"])
    if family == "z":
        return neg + "z-" + rng.choice(_keys("zIndex") + ["[5]", "[100]"])
    if family == "font":
        return "font-" + rng.choice(_keys("fontFamily") + ["bold", "[Inter]", "medium", "[600]"])
    if family == "shadow":
        return "shadow" + rng.choice(["", "-sm", "-md", "-lg", "-xl", "-2xl", "-none", "-inner", "-" + _color(rng)])
    return rng.choice(_UNSUPPORTED)


def class_list(rng: random.Random, prefixes: bool = True) -> str:
    """1 to 10 classes; with ``prefixes``, about one in seven has a variant or breakpoint."""
    out = []
    for _ in range(rng.randint(1, 10)):
        name = one_class(rng)
        if prefixes and rng.random() < 0.15:
            name = rng.choice(_PREFIXES) + name
        out.append(name)
    return " ".join(out)


def _card_classes(rng: random.Random, count: int) -> str:
    names = (one_class(rng) for _ in range(count))
    return " ".join(n for n in names if n != "text-auto" and not n.startswith(("bg-opacity-", "text-opacity-")))


def _node(rng: random.Random, depth: int) -> dict[str, Any]:
    kids: Any
    if depth < 2 and rng.random() < 0.6:
        kids = [_node(rng, depth + 1) for _ in range(rng.randint(1, 3))]
    else:
        kids = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    tw = rng.choice(["flex ", "flex flex-col ", ""]) + _card_classes(rng, rng.randint(1, 7))
    return {"type": "div", "props": {"tw": tw, "style": {}, "children": kids}}


def card(seed: int | str, index: int) -> dict[str, Any]:
    """Card ``index`` of ``seed``: a 600 x 315 case of nested ``tw`` elements with text."""
    rng = random.Random(f"tw-card {seed} {index}")
    root = {"type": "div", "props": {
        "tw": "flex flex-col w-full h-full bg-white p-8 " + _card_classes(rng, rng.randint(0, 3)), "style": {},
        "children": [_node(rng, 1) for _ in range(rng.randint(1, 4))]}}
    return {"name": f"tw seed {seed} card {index}", "element": root,
            "options": {"width": 600, "height": 315, "fonts": FONTS}}
