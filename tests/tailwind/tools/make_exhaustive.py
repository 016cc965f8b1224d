"""Makes tests/tailwind/data/exhaustive.json.gz: every utility twrnc resolves, with Satori's style.

    python tests/tailwind/tools/make_exhaustive.py --dist /tmp/oracle-ref/node_modules/satori/dist/index.js

``--dist`` as for make_oracle.py (a copy of the reference install; record_oracle.mjs
instruments it). Where make_oracle.py samples, this walks the default theme
exhaustively: each prefix twrnc's ClassParser reads (m/p with every side, w/h and
their min/max, inset sides, text, bg, border with every side, rounded with every
corner, leading, tracking, font, shadow, opacity, z, flex/grow/shrink, aspect,
tint, elevation) crossed with every key of the theme scale it reads, negated,
with arbitrary values (lengths, calc, var, url, hex, rgb, hsl, typed ``[color:..]``),
every colour x shade x opacity key for text/bg/border, the fixed utilities of
twrnc's styles.js, Tailwind utilities twrnc lacks (Satori ignores them), ``!``
important spellings, and ~40 variants (breakpoints, dark:, first:, hover:,
platforms, orientations, arbitrary min/max-w) at 16 canvas sizes around the
breakpoints. Stored gzipped, each distinct style once (the file would be ~1.2 MB
as plain JSON).
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from make_oracle import arguments, record  # noqa: E402

from satori_py.tailwind.config import resolve_config  # noqa: E402
from satori_py.tailwind.utilities.static import STATIC  # noqa: E402

OUT = ROOT / "tests" / "tailwind" / "data" / "exhaustive.json.gz"
THEME = resolve_config(None).values
SHADES = list(THEME["colors"]["red"])
FAMILIES = [k for k, v in THEME["colors"].items() if isinstance(v, dict)]
SIMPLE = [k for k, v in THEME["colors"].items() if isinstance(v, str)]
OPACITY = list(THEME["opacity"])
ODD_OPACITY = ["33", "7", "[.35]", "[35%]", "[0.5]", "abc", "", "1.5", "-10", "150", "050", "5e1", "[50]"]
LENGTHS = ["[13px]", "[2rem]", "[1.5em]", "[5%]", "[10vw]", "[10vh]", "[0]", "[-4px]", "[3]", "[.5rem]", "[0.5px]",
           "[1e1px]", "[calc(100%-2rem)]", "[calc(1px+2px)]", "[var(--x)]", "[theme(spacing.4)]", "[12pt]", "[1in]",
           "[2ch]", "[auto]", "[inherit]", "[length:20px]", "[20PX]", "[+5px]", "[5px_6px]", "[50vmin]", "[1cm]",
           "[100dvh]", "[1.25]", "[-0.5rem]"]
COLORS = ["[#abc]", "[#aabbcc]", "[#AABBCC]", "[#aabbcc80]", "[#abcd]", "[rgb(1,2,3)]", "[rgb(1_2_3)]",
          "[rgb(1,2,3,0.5)]", "[rgba(10,20,30,0.5)]", "[rgba(10,_20,_30,_.5)]", "[rgb(1_2_3_/_50%)]",
          "[hsl(10,20%,30%)]", "[hsla(10,20%,30%,.5)]", "[red]", "[color:red]", "[color:#fff]", "[var(--c)]",
          "[url(/a.png)]", "[url('https://x.y/a.png')]", "[transparent]", "[currentColor]", "[#ggg]",
          "[linear-gradient(red,blue)]", "[oklch(0.5_0.1_10)]", "[#12345]", "[rgb(300,0,0)]"]
# Tailwind utilities twrnc 3.4.0 does not have: Satori ignores them, satori-py reports them.
NOT_IN_TWRNC = """block inline inline-block inline-flex grid contents table fixed static sticky overflow-auto
overflow-clip overflow-x-hidden overflow-y-scroll whitespace-nowrap whitespace-pre-wrap break-words break-all
truncate line-clamp-2 text-ellipsis text-clip text-wrap text-nowrap text-balance text-pretty text-start text-end
underline-offset-4 decoration-2 decoration-red-500 decoration-dashed list-disc align-middle indent-4 gap-4 gap-x-2
gap-y-[3px] space-x-4 divide-y place-items-center justify-items-center justify-self-end place-self-center order-1
grid-cols-3 col-span-2 row-start-1 auto-rows-fr rotate-45 -rotate-6 scale-95 translate-x-1/2 -translate-y-1/2
skew-y-3 origin-top transform transform-gpu blur-sm backdrop-blur-md drop-shadow-md grayscale invert sepia
brightness-110 contrast-125 hue-rotate-90 saturate-50 mix-blend-multiply bg-blend-overlay from-red-500
via-blue-500 to-green-500 from-10% bg-gradient-to-br ring ring-2 ring-offset-2 ring-red-500 outline outline-2
outline-none object-cover object-center box-border box-content visible invisible collapse isolate float-left
clear-both container sr-only not-sr-only cursor-pointer select-none pointer-events-none transition duration-200
ease-out delay-75 animate-pulse fill-red-500 stroke-current stroke-2 columns-2 break-after-page
box-decoration-clone antialiased subpixel-antialiased ordinal slashed-zero diagonal-fractions stacked-fractions
normal-nums hyphens-auto content-none content-['x'] will-change-auto touch-none snap-x scroll-m-4
accent-red-500 caret-red-500 appearance-none resize table-auto border-collapse caption-top list-inside mask-image
mx-auto content-evenly content-normal content-baseline justify-normal justify-stretch items-normal self-normal
flex-basis-0 direction-foo font-stretch-condensed text-shadow text-shadow-lg bg-repeat-x bg-local
bg-origin-border""".split()
ODD_SPELLINGS = ["!p-4", "p-4!", "!bg-red-500", "bg-red-500!", "!text-xl", "!flex", "flex!", "!-mt-4", "-!mt-4",
                 "!w-1/2", "P-4", "Bg-red-500", "bg-Red-500", "bg-red-500 !bg-blue-500", "p-4\tm-2", "p-4\nm-2",
                 "tw-p-4", ".p-4", "p-4,", "p-4;", "[p-4]", "[padding:4px]", "[color:red]", "[--x:1]", "p-[4px",
                 "p-4px", "p-4.5", "p-05", "p-04", "p-4.0", "p-+4", "p--4", "p-0x4", "bg-red-0500",
                 "bg-red-500/050", "text-red-500/[.5]/50", "shrink-0 grow"]
VARIANTS = ["sm", "md", "lg", "xl", "2xl", "dark", "first", "last", "odd", "even", "hover", "focus", "group-hover",
            "peer-checked", "web", "ios", "android", "portrait", "landscape", "retina", "min-w-[600px]",
            "max-w-[600px]", "min-h-[500px]", "max-h-[500px]", "min-w-[50rem]", "max-sm", "max-md", "motion-safe",
            "print", "rtl", "ltr", "aria-selected", "data-[x=y]", "[&>*]", "supports-[display:grid]", "sm:md",
            "md:lg", "dark:md", "md:dark", "web:md", "md:web", "!md", "md!"]
VARIANT_BASE = ["p-4", "bg-red-500", "text-xl", "flex", "hidden", "w-1/2", "-mt-2", "leading-tight", "shadow-lg",
                "text-white/50", "rounded-xl", "border-2", "font-bold", "tracking-wide", "opacity-50", "inset-0"]
# Canvas sizes on and around each breakpoint (640, 768, 1024, 1280, 1536) and the orientations.
SIZES = [(320, 640), (500, 500), (640, 480), (641, 400), (700, 900), (768, 768), (769, 400), (1000, 630),
         (1024, 600), (1100, 630), (1200, 630), (1280, 720), (1300, 700), (1536, 864), (1600, 900), (2400, 1260)]


def colors(prefix: str, opacities: bool = True) -> list[str]:
    out = []
    for family in FAMILIES:
        for shade in SHADES:
            out.append(f"{prefix}-{family}-{shade}")
            if opacities:
                out += [f"{prefix}-{family}-{shade}/{o}" for o in OPACITY]
        out += [f"{prefix}-{family}", f"{prefix}-{family}-DEFAULT", f"{prefix}-{family}-550",
                f"{prefix}-{family}-500/[50]"]
    for name in SIMPLE:
        out += [f"{prefix}-{name}"] + [f"{prefix}-{name}/{o}" for o in OPACITY + ODD_OPACITY]
    out += [f"{prefix}-{c}" for c in COLORS] + [f"{prefix}-{c}/50" for c in COLORS]
    return out + [f"{prefix}-red-500/{o}" for o in ODD_OPACITY]


def spacing_and_sizes() -> list[str]:
    out = []
    for prefix in "mp":
        keys = list(THEME["margin" if prefix == "m" else "padding"]) + (["auto"] if prefix == "p" else [])
        for side in ["", "t", "r", "b", "l", "x", "y", "s", "e"]:
            for key in keys + LENGTHS + ["13", "0.25", "1/2", "2/3", "full", "screen", "[", ""]:
                out += [f"{prefix}{side}-{key}", f"-{prefix}{side}-{key}"]
    size_keys = sorted(set(THEME["width"]) | set(THEME["height"]) | set(THEME["maxWidth"]))
    for prefix in ["w", "h", "min-w", "min-h", "max-w", "max-h"]:
        for key in size_keys + LENGTHS + ["13", "7/3", "1/7", "0/0", "1/0", "2/7", "10.5", "svh", "dvw"]:
            out += [f"{prefix}-{key}", f"-{prefix}-{key}"]
    out += ["size-4", "size-full", "size-[10px]"] + [f"basis-{k}" for k in ["0", "1/2", "full", "auto", "4", "[10px]"]]
    for prefix in ["top", "right", "bottom", "left", "inset", "inset-x", "inset-y", "start", "end"]:
        for key in list(THEME["inset"]) + LENGTHS + ["13", "5/6", "1/5", "screen", "2/7"]:
            out += [f"{prefix}-{key}", f"-{prefix}-{key}"]
    return out


def typography() -> list[str]:
    out = []
    for key in list(THEME["fontSize"]) + LENGTHS + ["13", "2.5", "1/2", "10xl", "[42px]/[20px]", "xl/8", "xl/[1.1]"]:
        out += [f"text-{key}", f"-text-{key}"]
    sizes = ["text-xs", "text-xl", "text-7xl", "text-[42px]", "text-[2rem]", "text-[1.5em]"]
    for key in list(THEME["lineHeight"]) + LENGTHS + ["11", "12", "1.5", "[2]", "[20px]", "[150%]"]:
        out.append(f"leading-{key}")
        for size in sizes:
            out += [f"{size} leading-{key}", f"leading-{key} {size}"]
    for key in list(THEME["letterSpacing"]) + LENGTHS + ["[0.1em]", "[-0.05em]", "2", "px"]:
        out += [f"tracking-{key}", f"-tracking-{key}", f"text-2xl tracking-{key}", f"tracking-{key} text-[40px]"]
    out += [f"font-{k}" for k in list(THEME["fontFamily"]) + [
        "thin", "extralight", "light", "normal", "medium", "semibold", "bold", "extrabold", "black", "100", "150",
        "[Inter]", "['Inter',sans-serif]", "[500]", "[family-name:Inter]", "italic", "display", "heading"]]
    out += colors("text") + [f"text-opacity-{o}" for o in OPACITY + ODD_OPACITY]
    return out + [f"text-opacity-{o} text-[#123456]" for o in OPACITY + ODD_OPACITY]


def backgrounds_and_borders() -> list[str]:
    out = colors("bg") + [f"bg-opacity-{o}" for o in OPACITY + ODD_OPACITY]
    out += [f"bg-red-500 bg-opacity-{o}" for o in OPACITY + ODD_OPACITY]
    out += [f"bg-{u}" for u in ["[url(/a.png)]", "[url('/a.png')]", "[image:url(/a.png)]", "none", "cover", "center",
                                "gradient-to-r", "linear-to-r", "clip-text", "no-repeat", "fixed", "left-top",
                                "[length:10px]", "[size:10px]", "[position:center]", "origin-border"]]
    for side in ["", "-t", "-r", "-b", "-l", "-x", "-y", "-s", "-e"]:
        for key in list(THEME["borderWidth"]) + ["", "1", "3", "6", "-2", "[3px]", "[0.5rem]", "[1.5px]", "[3]",
                                                 "[50%]", "[length:3px]", "[thin]", "[2em]", "px"]:
            out.append(f"border{side}" + (f"-{key}" if key else ""))
        out += [f"border{side}-{c}" for c in ["red-500", "red-500/50", "black", "white/10", "transparent", "current",
                                              "[#abc]", "[#aabbcc]/50", "[rgb(1,2,3)]", "DEFAULT", "slate-700",
                                              "dashed", "solid", "dotted", "double", "none", "hidden"]]
    out += colors("border") + [f"border-opacity-{o}" for o in OPACITY + ODD_OPACITY]
    out += [f"border-blue-500 border-opacity-{o}" for o in OPACITY + ODD_OPACITY]
    for side in ["", "-t", "-r", "-b", "-l", "-tl", "-tr", "-br", "-bl", "-s", "-e", "-ss", "-x"]:
        for key in list(THEME["borderRadius"]) + ["", "4xl", "13", "1/2"] + LENGTHS:
            name = f"rounded{side}" + (f"-{key}" if key else "")
            out += [name, "-" + name]
    return out


def effects_and_flex() -> list[str]:
    out = []
    for key in list(THEME["flex"]) + ["2", "0", "[2_2_0%]", "[1_1_auto]", "[2]", "grow", "shrink", "1/2", "-1"]:
        out += [f"flex-{key}", f"-flex-{key}"]
    for prefix in ["grow", "shrink", "flex-grow", "flex-shrink"]:
        out += [prefix + (f"-{k}" if k else "") for k in ["", "0", "1", "2", "3", "[2]", "[0.5]", "DEFAULT", "-1", "x"]]
    out += colors("shadow", opacities=False) + [f"shadow-red-500/{o}" for o in OPACITY]
    shadows = ["shadow", "shadow-sm", "shadow-lg", "shadow-2xl", "shadow-inner", "shadow-none"]
    out += [f"shadow{k}" for k in ["", "-sm", "-md", "-lg", "-xl", "-2xl", "-inner", "-none", "-3xl", "-DEFAULT",
                                   "-[0_0_10px_red]", "-[0_35px_60px_-15px_rgba(0,0,0,0.3)]"]]
    out += [f"{s} shadow-{c}" for s in shadows for c in ["red-500", "black/50", "[#ff0000]", "white/[.2]", "transparent"]]
    out += [f"shadow-{c} shadow-xl" for c in ["red-500", "black/50", "blue-500/20"]]
    out += [f"shadow-opacity-{k}" for k in ["0", "50", "100", "[.3]", "x"]]
    out += [f"shadow-offset-{k}" for k in ["0", "2", "2/4", "[3px]", "[3px]/[4px]", "x"]]
    out += [f"shadow-radius-{k}" for k in ["0", "4", "[10px]", "x"]] + ["shadow-color-opacity-50", "shadow-color-opacity-x"]
    out += [f"elevation-{k}" for k in ["0", "4", "12", "x", "[3]", "-1", "2.5"]]
    out += [f"opacity-{k}" for k in OPACITY + ["35", "[.35]", "[35%]", "150", "1e2", "abc", "", "-50", "[0.5]", "7.5"]]
    out += ["-opacity-50"] + [f"z-{k}" for k in list(THEME["zIndex"]) + ["[5]", "100", "", "-10", "1.5", "[100]", "x", "1e2"]]
    out += ["-z-10", "-z-50", "-z-[5]"]
    out += [f"aspect-{k}" for k in ["square", "video", "auto", "16/9", "4/3", "2", "[4/3]", "[16/9]", "1.5", "[1.5]",
                                    "ratio-2", "ratio-16/9", "1/0", "x"]]
    return out + colors("tint", opacities=False)[:60]


def groups() -> list[dict[str, Any]]:
    singles = (spacing_and_sizes() + typography() + backgrounds_and_borders() + effects_and_flex() + list(STATIC)
               + ["-" + s for s in list(STATIC)[:40]] + NOT_IN_TWRNC + ODD_SPELLINGS)
    out: list[dict[str, Any]] = [{"width": 1200, "height": 630, "cases": list(dict.fromkeys(singles))}]
    variants = []
    for variant in VARIANTS:
        variants += [f"{variant}:{c}" for c in VARIANT_BASE]
        variants += [f"p-2 {variant}:p-8", f"{variant}:p-8 p-2", f"text-sm {variant}:text-2xl leading-tight",
                     f"{variant}:leading-tight text-xl"]
    variants += ["p-2 sm:p-4 md:p-6 lg:p-8 xl:p-10 2xl:p-12", "2xl:p-12 xl:p-10 lg:p-8 md:p-6 sm:p-4 p-2",
                 "md:p-4 sm:p-8", "sm:p-8 md:p-4", "lg:flex-row flex-col md:flex-col", "md:!p-4", "md:-mt-4 mt-2"]
    out += [{"width": w, "height": h, "cases": list(dict.fromkeys(variants))} for w, h in SIZES]
    return out


def main() -> None:
    args = arguments(__doc__, OUT)
    # One node process per 2,500 class lists (each list gets a fresh twrnc instance).
    chunks = [{**g, "cases": g["cases"][i:i + 2500]} for g in groups() for i in range(0, len(g["cases"]), 2500)]
    styles: dict[str, int] = {}
    merged: dict[tuple[Any, Any], list[Any]] = {}
    for chunk in record(chunks, args.dist):
        for classes, style, *warnings in chunk["cases"]:
            index = styles.setdefault(json.dumps(style, separators=(",", ":")), len(styles))
            merged.setdefault((chunk["width"], chunk["height"]), []).append([classes, index, *warnings])
    data = {"about": "Every utility twrnc 3.4.0 resolves from the default theme, with the style the real Satori "
                     "0.63.2 derives (getTwStyles, a fresh twrnc per class list); a case is [classes, index "
                     "into styles, twrnc's warnings?]. Made by tests/tailwind/tools/make_exhaustive.py.",
            "styles": [json.loads(s) for s in styles],
            "groups": [{"width": w, "height": h, "cases": cases} for (w, h), cases in merged.items()]}
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    Path(args.out).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{sum(len(c) for c in merged.values())} class lists, {len(styles)} styles -> {args.out}")


if __name__ == "__main__":
    main()
