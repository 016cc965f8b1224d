"""Makes tests/tailwind/data/oracle.json: class lists and the style the real Satori derives.

    python tests/tailwind/tools/make_oracle.py --dist /tmp/oracle-ref/node_modules/satori/dist/index.js

``--dist`` is Satori 0.63.2's dist/index.js in a copy of the reference install
outside the repository (``cp -r ../shared/tools/satori-ref /tmp/oracle-ref && cd
/tmp/oracle-ref && npm install``); record_oracle.mjs instruments that copy. The
class lists cover every colour x shade, every spacing step, sizes, typography,
borders, radii, shadows, opacity, flex, position, the utilities twrnc does not
have (gradients, transforms, grid, object-fit: ignored by Satori), arbitrary,
negative and opacity forms, breakpoints at several canvas widths, overriding
combinations, malformed classes, the whole class lists of eight corpora of real OG designs
(data/corpus15_classes.json .. corpus22_classes.json) and each of their classes alone, current
Tailwind's utility names (data/tailwind_names19.json), and
configs with theme overrides
and ``extend`` (nine of them real projects' tailwind.config or a real design's palette).
Each group runs in its own node process with a fresh twrnc per class list.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from satori_py.tailwind.default_theme import DEFAULT_THEME  # noqa: E402

OUT = ROOT / "tests" / "tailwind" / "data" / "oracle.json"
CORPORA = [ROOT / "tests" / "tailwind" / "data" / f"corpus{n}_classes.json" for n in (15, 16, 17, 18, 19, 20, 21, 22)]
TAILWIND_NAMES = ROOT / "tests" / "tailwind" / "data" / "tailwind_names19.json"
RECORDER = Path(__file__).with_name("record_oracle.mjs")

COLORS = DEFAULT_THEME["colors"]
SPACING = list(DEFAULT_THEME["spacing"])
FAMILIES = [name for name, value in COLORS.items() if isinstance(value, dict)]
SIMPLE_COLORS = [name for name, value in COLORS.items() if isinstance(value, str)]
SHADES = list(COLORS["red"])
SIDES = ["", "t", "r", "b", "l", "x", "y"]
RADIUS_SIDES = ["", "-t", "-r", "-b", "-l", "-tl", "-tr", "-br", "-bl"]
SIZE_KEYS = ["auto", *SPACING, "1/2", "1/3", "2/3", "1/4", "2/4", "3/4", "1/5", "2/5", "3/5", "4/5",
             "1/6", "2/6", "3/6", "4/6", "5/6", "1/12", "5/12", "11/12", "full", "screen", "min", "max", "fit"]


def colors() -> list[str]:
    out = []
    for family in FAMILIES:
        for shade in SHADES:
            out += [f"bg-{family}-{shade}", f"text-{family}-{shade}", f"border-{family}-{shade}"]
        out += [f"bg-{family}-500/50", f"text-{family}-300/80", f"border-{family}-700/25",
                f"shadow-{family}-500", f"bg-{family}-600 bg-opacity-75", f"text-{family}-200 text-opacity-50",
                f"border-{family}-400 border-opacity-30", f"border-t-{family}-500", f"tint-{family}-400"]
    for name in SIMPLE_COLORS:
        out += [f"bg-{name}", f"text-{name}", f"border-{name}", f"bg-{name}/50", f"text-{name}/80"]
    out += ["bg-black/50", "text-white/80", "bg-white/[.5]", "bg-black/0", "bg-black/100", "bg-black/5",
            "bg-[#0b1020]", "bg-[#fff]", "bg-[#0b1020]/50", "bg-[#fff]/40", "text-[#ff0000]",
            "text-[rgb(1,2,3)]", "bg-[rgb(10,20,30)]/50", "bg-[rgba(10,20,30,0.5)]",
            "bg-[rgba(10,20,30,0.5)]/20", "text-[rgb(0_0_0)]", "bg-[hsl(10,20%,30%)]", "bg-[red]",
            "bg-[#12345]", "bg-[#12345]/50", "bg-[#ff000080]/50", "bg-[#zzz]", "bg-[#zzz]/50",
            "bg-opacity-50", "bg-opacity-50 bg-red-500", "bg-red-500 bg-opacity-50 bg-opacity-20",
            "text-opacity-25 text-blue-600", "bg-red-500/[50]", "bg-red-500/abc", "bg-red", "bg-red-550",
            "bg-gray-200/75", "border-b-red-500", "border-l-red-500/50", "border-r-[#123456]",
            "bg-transparent/50", "bg-current/50", "text-inherit", "shadow-black", "shadow-[#ff0000]",
            "bg-red-500 bg-blue-500", "text-white text-black", "border-2 border-red-500 border-dashed",
            "border-DEFAULT", "bg-DEFAULT"]
    return out


def spacing() -> list[str]:
    out = []
    for key in SPACING:
        for side in SIDES:
            out += [f"m{side}-{key}", f"p{side}-{key}"]
            if key not in ("0", "px"):
                out.append(f"-m{side}-{key}")
    for side in SIDES:
        out += [f"m{side}-auto", f"m{side}-13", f"p{side}-[13px]", f"-m{side}-[2rem]", f"m{side}-[5%]",
                f"p{side}-[1.5em]", f"-m{side}-13", f"p{side}-[10vw]"]
    out += ["m-[0]", "p-[0px]", "m-0.25", "p-2.25", "m-[auto]", "p-1/2", "m-[calc(1px+2px)]", "p-[-4px]",
            "--m-4", "m-", "p-", "mt-4 -mt-2", "p-8 px-2", "px-2 p-8", "p-4 p-8", "m-4 mx-auto",
            "mx-auto my-8 mt-2", "p-4 py-[3px] pt-1"]
    return out


def sizes() -> list[str]:
    out = []
    for key in SIZE_KEYS:
        out += [f"w-{key}", f"h-{key}"]
    for key in ["0", "full", "min", "max", "fit", "screen", "none", "xs", "sm", "md", "lg", "xl", "2xl", "3xl",
                "4xl", "5xl", "6xl", "7xl", "prose", "screen-sm", "screen-md", "screen-xl", "screen-2xl",
                "[200px]", "1/2", "13", "[50vw]", "[10rem]", "px", "4", "96"]:
        out += [f"min-w-{key}", f"min-h-{key}", f"max-w-{key}", f"max-h-{key}"]
    out += ["w-[137px]", "h-[137px]", "w-[50%]", "w-[10rem]", "w-[50vw]", "h-[20vh]", "w-[2.5em]", "w-2/7",
            "w-13", "w-[13]", "w-1/0", "w-0/0", "h-7/3", "w-[calc(100%-2rem)]", "w-[abc]", "w-", "-w-4",
            "-h-1/2", "w-[1e2px]", "w-1e2", "h-w-4", "w-4 w-8", "w-full max-w-md", "w-10.5",
            "aspect-square", "aspect-video", "aspect-16/9", "aspect-2", "aspect-auto", "aspect-[4/3]",
            "aspect-ratio-2", "aspect-1/0"]
    return out


def typography() -> list[str]:
    sizes_ = list(DEFAULT_THEME["fontSize"])
    heights = list(DEFAULT_THEME["lineHeight"])
    tracks = list(DEFAULT_THEME["letterSpacing"])
    out = [f"text-{s}" for s in sizes_]
    out += [f"leading-{h}" for h in heights]
    out += [f"text-xl leading-{h}" for h in heights]
    out += [f"text-[42px] leading-{h}" for h in heights]
    out += [f"tracking-{t}" for t in tracks] + [f"text-4xl tracking-{t}" for t in tracks]
    out += [f"-tracking-{t}" for t in tracks[:2]] + [f"text-sm -tracking-{t}" for t in tracks[:2]]
    out += [f"font-{w}" for w in ["thin", "extralight", "light", "normal", "medium", "semibold", "bold",
                                  "extrabold", "black", "100", "200", "300", "400", "500", "600", "700",
                                  "800", "900", "sans", "serif", "mono", "display", "[Inter]", "heavy"]]
    out += ["text-[42px]", "text-[2rem]", "text-[1.5em]", "text-[13]", "text-13", "text-2.5", "-text-[20px]",
            "text-[5vw]", "text-1/2", "text-[calc(1px)]", "tracking-[-0.02em]", "tracking-[2px]",
            "tracking-[0.1rem]", "tracking-3", "-tracking-[2px]", "tracking-[-1px]", "leading-[20px]",
            "leading-[1.2]", "text-2xl leading-[1.2]", "leading-7.5 text-xl", "leading-none text-6xl",
            "text-6xl leading-none text-sm", "text-sm leading-8 text-xl", "leading-[2rem]", "leading-[3em]",
            "text-xl leading-[3em]", "leading-[abc]", "leading-", "text-xl text-sm leading-8",
            "italic", "not-italic", "uppercase", "lowercase", "capitalize", "normal-case", "underline",
            "line-through", "no-underline", "overline", "text-left", "text-center", "text-right",
            "text-justify", "text-auto", "text-start", "oldstyle-nums", "small-caps", "lining-nums",
            "tabular-nums", "proportional-nums", "tabular-nums small-caps", "line-clamp-1", "line-clamp-2",
            "line-clamp-3", "line-clamp-none", "truncate", "whitespace-nowrap", "whitespace-pre",
            "break-words", "text-ellipsis", "indent-4", "decoration-red-500", "underline-offset-4",
            "include-font-padding", "remove-font-padding", "font-bold italic uppercase tracking-wide text-lg"]
    return out


def borders() -> list[str]:
    out = ["border", "border-0", "border-2", "border-4", "border-8", "border-3", "border-[3px]",
           "border-[0.5rem]", "border-[3]", "border-[50%]", "border-x", "border-y", "border-x-2",
           "border-dashed", "border-dotted", "border-solid", "border-double", "border-none", "border-hidden",
           "border-[#123456]", "border-[rgb(1,2,3)]", "border-opacity-50", "border-t-[5px]", "border--2",
           "border-tl", "border-br-2", "border border-t-4", "border-4 border-t", "border-2 border-b-0"]
    for side in ["t", "r", "b", "l"]:
        out += [f"border-{side}", f"border-{side}-0", f"border-{side}-2", f"border-{side}-4",
                f"border-{side}-8", f"border-{side}-[7px]", f"border-{side}-dashed"]
    for side in RADIUS_SIDES:
        for key in ["", "-none", "-sm", "-md", "-lg", "-xl", "-2xl", "-3xl", "-full", "-[12px]", "-13",
                    "-1/2", "-[50%]", "-[1rem]"]:
            out.append(f"rounded{side}{key}")
    out += ["rounded-lg rounded-t-none", "rounded-none rounded-br-xl", "rounded-x-lg", "rounded-DEFAULT"]
    return out


def effects() -> list[str]:
    out = ["shadow", "shadow-sm", "shadow-md", "shadow-lg", "shadow-xl", "shadow-2xl", "shadow-inner",
           "shadow-none", "shadow-lg shadow-red-500", "shadow-red-500 shadow-lg", "shadow-xl shadow-black/50",
           "shadow-2xl shadow-blue-500/20", "shadow-inner shadow-[#ff0000]", "shadow-[rgb(1,2,3)] shadow",
           "shadow-opacity-50", "shadow-offset-2", "shadow-offset-2/4", "shadow-offset-[3px]",
           "shadow-radius-4", "shadow-radius-[10px]", "shadow-color-opacity-50", "elevation-4", "elevation-x",
           "shadow-[0_0_10px_red]", "drop-shadow-lg", "ring", "ring-2", "ring-blue-500", "blur", "blur-sm",
           "backdrop-blur", "grayscale", "brightness-50", "mix-blend-multiply"]
    out += [f"opacity-{k}" for k in DEFAULT_THEME["opacity"]]
    out += ["opacity-35", "opacity-[.35]", "opacity-[35%]", "opacity-150", "opacity-1e2", "opacity-abc",
            "opacity-50 opacity-0", "-opacity-50"]
    out += [f"z-{k}" for k in ["0", "10", "20", "30", "40", "50", "auto", "[5]", "100", "", "-10"]] + ["-z-10"]
    return out


def layout() -> list[str]:
    out = ["flex", "hidden", "block", "inline", "inline-block", "inline-flex", "grid", "inline-grid",
           "contents", "table", "flow-root", "list-item", "absolute", "relative", "fixed", "static",
           "sticky", "overflow-hidden", "overflow-visible", "overflow-scroll", "overflow-auto",
           "overflow-clip", "overflow-x-hidden", "overflow-y-auto", "flex-row", "flex-row-reverse",
           "flex-col", "flex-col-reverse", "flex-wrap", "flex-wrap-reverse", "flex-nowrap", "flex-1",
           "flex-auto", "flex-initial", "flex-none", "flex-2", "flex-[2_2_0%]", "flex-grow", "flex-grow-0",
           "flex-shrink", "flex-shrink-0", "grow", "grow-0", "grow-2", "grow-[2]", "shrink", "shrink-0",
           "shrink-3", "flex-grow-2", "basis-1/2", "basis-0", "basis-auto", "order-1", "order-first",
           "gap-4", "gap-x-2", "gap-y-8", "space-x-4", "space-y-2", "divide-y", "direction-ltr",
           "direction-rtl", "direction-inherit", "visible", "invisible", "box-border", "box-content",
           "float-left", "float-right", "clear-both", "isolate", "object-cover", "object-contain",
           "object-fill", "object-none", "object-scale-down", "object-center", "object-top", "object-left-top",
           "bg-cover", "bg-contain", "bg-center", "bg-no-repeat", "bg-fixed", "bg-none",
           "grid-cols-3", "grid-cols-[200px_1fr]", "grid-rows-2", "col-span-2", "row-span-3",
           "col-start-2", "grid-flow-col", "auto-cols-fr", "place-items-center", "place-content-center",
           "justify-items-center", "justify-self-end", "rotate-45", "-rotate-12", "rotate-[17deg]",
           "scale-110", "scale-x-50", "translate-x-4", "-translate-y-1/2", "translate-x-[10px]",
           "skew-x-12", "origin-center", "origin-top-left", "transform", "transform-none",
           "transition", "duration-300", "ease-in-out", "animate-spin", "cursor-pointer", "select-none",
           "pointer-events-none", "resize", "appearance-none", "outline-none", "sr-only", "container",
           "prose", "filter", "fill-current", "stroke-2", "list-disc", "list-inside", "table-auto",
           "align-middle", "whitespace-normal", "break-all", "content-none", "will-change-transform"]
    out += [f"{a}-{v}" for a, vals in {
        "items": ["center", "start", "end", "baseline", "stretch", "normal"],
        "justify": ["start", "end", "center", "between", "around", "evenly", "stretch", "normal"],
        "content": ["start", "end", "center", "between", "around", "evenly", "stretch", "baseline"],
        "self": ["auto", "start", "end", "center", "stretch", "baseline"]}.items() for v in vals]
    for side in ["top", "right", "bottom", "left", "inset", "inset-x", "inset-y"]:
        for key in ["0", "px", "0.5", "4", "96", "auto", "1/2", "1/3", "2/3", "1/4", "3/4", "full",
                    "[10px]", "[5%]", "[2rem]", "13", "[10vw]", "2/7"]:
            out.append(f"{side}-{key}")
        out += [f"-{side}-4", f"-{side}-1/2", f"-{side}-px", f"-{side}-[3px]", f"-{side}-13"]
    out += ["absolute inset-0", "absolute top-0 left-0 right-0 h-2", "relative -top-2 left-1/2"]
    return out


def breakpoints() -> list[str]:
    return ["p-2 sm:p-4 md:p-6 lg:p-8 xl:p-10 2xl:p-12", "2xl:p-12 xl:p-10 lg:p-8 md:p-6 sm:p-4 p-2",
            "sm:p-4", "md:p-4", "lg:p-4", "xl:p-4", "2xl:p-4", "text-sm md:text-xl", "md:text-xl text-sm",
            "hidden md:flex", "flex md:hidden", "md:flex hidden", "md:hidden flex", "w-full md:w-1/2",
            "md:w-1/2 w-full", "bg-red-500 md:bg-blue-500", "md:bg-blue-500 bg-red-500",
            "p-4 md:p-4", "md:p-8 p-4", "p-8 md:p-4", "md:p-4 p-8 p-4", "sm:md:p-4", "md:sm:p-4",
            "lg:text-6xl text-4xl sm:text-5xl", "sm:text-white text-black/50", "md:leading-tight text-xl",
            "text-xl md:leading-loose", "md:text-2xl leading-tight", "md:tracking-wide text-lg",
            "hover:bg-red-500", "focus:p-4", "group-hover:text-white", "dark:bg-black", "dark:md:p-4",
            "retina:p-4", "ios:p-4", "android:p-4", "web:p-4", "md:web:p-4", "web:md:p-4", "ios:web:p-4",
            "web:ios:p-4", "portrait:p-4", "landscape:p-4", "landscape:md:p-6 p-2", "portrait:flex-col flex-row",
            "min-w-[600px]:p-4", "max-w-[600px]:p-4", "min-w-[1000px]:p-8 p-2", "min-h-[500px]:p-4",
            "max-h-[700px]:p-4", "min-w-[40rem]:p-4", "min-w-[abc]:p-4", "max-w-[2000px]:flex",
            "md:p-[13px]", "md:-mt-4", "-md:mt-4", "md:shadow-lg", "md:shadow-red-500 shadow-lg",
            "md:font-bold font-normal", "md:unknown-class", "md:flex-col flex-row", "md:bg-black/50",
            "md:border-2 border", "md:rounded-xl rounded", "lg:hidden", "xl:block", "motion-safe:p-4",
            "print:hidden", ":p-4", "p-4:", "md::p-4", "constructor:p-4", "toString:flex", "sm:",
            "lg:w-screen w-1/2", "md:h-screen"]


def malformed() -> list[str]:
    return ["", "   ", "\tp-4\n  m-2 ", "p-4 p-4", "p-4\u00a0m-2", "p-4\u3000m-2", "[", "]", "-", "--", "-[",
            "w-[", "w-[]", "w-[[1px]]", "p-[", "bg-[#", "bg-[", "text-[", "text-[]", "w-[12qq]",
            "w-[12px", "bg-[#0b1020", "rounded-[", "border-[", "m-[x]", "text-constructor",
            "flex-constructor", "bg-toString", "p-__proto__", "w-constructor", "bg-constructor",
            "rounded-constructor", "text-hasOwnProperty", "z-constructor", "leading-constructor",
            "font-constructor", "w-valueOf", "unknown", "tw-p-4", "!p-4", "p-4!", "P-4", "FLEX", "flex!",
            "flex,p-4", "1", "0", "true", "null", "undefined", "NaN", "w-NaN", "w-Infinity", "w-[Infinity]",
            "p-1e400", "w-[1e400px]", "w-[-1e400px]", "opacity-NaN", "z-Infinity", "z-1e3", "z-0x10",
            "w-0x10", "bg-red-500/0x10", "bg-red-500/1e1", "text-[10px]/[20px]", "text-xl/8",
            "leading-[-5px]", "rounded-[-4px]", "border-[-2px]"]


def cards() -> list[str]:
    """Whole class lists as real OG cards write them."""
    return [
        "flex h-full w-full flex-col items-center justify-center bg-white p-16",
        "flex flex-col w-full h-full items-start justify-between bg-slate-900 px-20 py-16 text-white",
        "text-6xl font-bold tracking-tight text-gray-900 leading-tight",
        "mt-6 text-3xl text-slate-400 leading-normal",
        "flex items-center rounded-full bg-blue-500/10 px-4 py-1 text-xl font-semibold text-blue-600",
        "absolute bottom-10 right-10 flex items-center text-2xl text-neutral-500",
        "flex w-[1200px] h-[630px] bg-[#0b1020] text-white p-[72px]",
        "rounded-2xl border border-white/10 bg-white/5 p-10 shadow-2xl",
        "flex flex-row items-center gap-4 border-b-2 border-gray-200 pb-4",
        "h-24 w-24 rounded-full border-4 border-white shadow-lg",
        "text-[42px] font-black tracking-[-0.02em] leading-[1.1]",
        "flex flex-1 flex-col justify-end pl-8 pr-8 pb-12",
        "inline-flex items-center justify-center rounded-md bg-emerald-600 px-6 py-3 text-lg text-white",
        "flex w-full justify-between border-t border-zinc-700 pt-6 text-zinc-400 text-xl",
        "bg-gradient-to-br from-indigo-500 via-purple-500 to-pink-500 flex w-full h-full",
        "text-5xl md:text-7xl font-extrabold text-transparent bg-clip-text",
        "grid grid-cols-3 gap-6 p-8",
        "flex -mt-8 ml-auto mr-auto w-2/3 max-w-3xl flex-wrap content-center",
        "object-cover w-full h-64 rounded-t-xl",
        "absolute inset-0 bg-black/60",
        "relative z-10 flex flex-col items-center text-center",
        "uppercase tracking-widest text-sm font-medium text-amber-500",
        "flex items-baseline gap-2 text-7xl font-bold text-gray-900",
        "line-clamp-2 text-4xl font-semibold leading-snug",
        "w-16 h-16 rounded-xl bg-[#ff5a1f] flex items-center justify-center text-white text-3xl",
    ]


def newer_tailwind() -> list[str]:
    """Classes of Tailwind 3.1+/4 and variants that twrnc 3.4 does not know (size-*, text-balance,
    line-clamp-*, text-shadow-*, state and structural variants, ...), and conditions that never
    hold in Satori (ios:, retina:, dark:): what users paste from current Tailwind sites."""
    return ["size-10", "size-[42px]", "text-balance", "focus:ring-2", "before:content-['']", "after:block",
            "placeholder:text-gray-400", "aria-selected:bg-blue-500", "data-[state=open]:bg-white",
            "supports-[display:grid]:grid", "*:p-2", "has-[img]:p-4", "peer-checked:bg-blue-500", "first:mt-0",
            "last:mb-0", "odd:bg-gray-50", "rtl:mr-2", "ltr:ml-2", "motion-safe:animate-spin",
            "contrast-more:border", "portrait:p-2", "landscape:p-2", "2xl:p-8", "max-md:p-2",
            "min-[600px]:p-4", "max-[900px]:p-3", "md:dark:p-4", "sm:hover:p-4", "lg:focus:p-2", "ios:p-2",
            "android:p-2", "web:p-2", "retina:p-2", "group-[.is-open]:p-2", "starting:opacity-0",
            "inset-shadow-sm", "text-shadow-lg", "mask-radial-from-50%", "bg-conic", "bg-radial", "rotate-12",
            "skew-y-3", "columns-2", "break-keep", "hyphens-auto", "decoration-2", "collapse",
            "bg-blend-overlay", "ring-offset-2", "outline", "outline-2", "outline-offset-2", "divide-x",
            "space-y-4", "gap-x-4", "gap-y-2", "font-[650]", "font-stretch-condensed", "slashed-zero",
            "ordinal", "antialiased", "subpixel-antialiased", "table-cell", "overflow-x-auto",
            "overscroll-none", "scroll-smooth", "snap-x", "touch-none", "animate-pulse"]


def corpus() -> list[str]:
    """The class lists of the corpora of real OG designs (data/corpus*_classes.json), then each
    distinct class of them alone (what Satori makes of it is then that class's alone)."""
    lists = [classes for corpus_file in CORPORA
             for design in json.loads(corpus_file.read_text(encoding="utf-8"))["designs"]
             for classes in design["lists"]]
    return lists + list(dict.fromkeys(name for classes in lists for name in classes.split()))


# -- configs ----------------------------------------------------------------------------------

CONFIGS: dict[str, Any] = {
    "extend-colors": {"theme": {"extend": {"colors": {
        "brand": {"DEFAULT": "#ff5a1f", "light": "#ffd2c2", "dark": "#a8320c"},
        "ink": "#0b1020", "blue": {"950": "#0a1a3f"}, "accent-soft": "#fde68a",
        "nested": {"deep": {"DEFAULT": "#123456", "er": "#654321"}}}}}},
    "override-colors": {"theme": {"colors": {"primary": "#1d4ed8", "secondary": {"100": "#eee", "900": "#111"},
                                             "white": "#fff", "black": "#000"}}},
    "spacing": {"theme": {"extend": {"spacing": {"13": "3.25rem", "128": "32rem", "gutter": "18px",
                                                 "18": "4.5rem", "1/7": "14.2857%"}}}},
    "override-spacing": {"theme": {"spacing": {"1": "8px", "2": "12px", "3": "16px", "big": "100px"}}},
    "typography": {"theme": {"extend": {
        "fontSize": {"huge": ["80px", {"lineHeight": "1", "letterSpacing": "-0.02em"}], "mega": "100px",
                     "title": ["3.5rem", "4rem"], "rel": ["2rem", {"lineHeight": "1.2em"}],
                     "tracked": ["24px", {"letterSpacing": "2px"}]},
        "fontFamily": {"display": ["Inter", "sans-serif"], "code": "JetBrains Mono", "body": ["Geist"]},
        "lineHeight": {"cozy": "1.3", "fixed": "30px"},
        "letterSpacing": {"mega": "0.3em", "px2": "2px"}}}},
    "screens": {"theme": {"screens": {"tablet": "640px", "laptop": "1024px", "desktop": "1280px"}}},
    "screens-ranges": {"theme": {"screens": {"sm": {"max": "767px"}, "md": {"min": "768px", "max": "1023px"},
                                             "lg": "1024px", "wide": {"min": "90rem"}}}},
    "screens-extend": {"theme": {"extend": {"screens": {"3xl": "1600px", "xs": "400px"}}}},
    "radius": {"theme": {"extend": {"borderRadius": {"4xl": "2rem", "huge": "48px", "pill": "9999px"},
                                    "borderWidth": {"3": "3px", "DEFAULT": "2px"},
                                    "opacity": {"15": "0.15", "85": "0.85"}, "zIndex": {"60": "60"},
                                    "maxWidth": {"8xl": "90rem"}, "inset": {"13": "3.25rem"},
                                    "width": {"card": "560px"}, "height": {"card": "315px"}}}},
    "override-radius": {"theme": {"borderRadius": {"DEFAULT": "10px", "big": "30px"}}},
    "preset": {"presets": [{"theme": {"extend": {"colors": {"preset": "#abcdef"}}}}],
               "theme": {"extend": {"colors": {"own": "#fedcba"}}}},
    "no-defaults": {"presets": [], "theme": {"colors": {"only": "#123123"}, "spacing": {"1": "4px"}}},
    "ignored-keys": {"content": ["./src/**/*.tsx"], "darkMode": "class", "theme": {"extend": {}}},
    # Real configs of the tw15 corpus: cooolbite/conference-room-reservation frontend/tailwind.config.ts,
    # becktothefuture/rigger test/fixtures/tailwind.config.js, vdhushetty/portfolio Port-folio/tailwind.config.js.
    "real-conference": {"theme": {"extend": {
        "colors": {"background": "var(--background)", "foreground": "var(--foreground)"},
        "spacing": {"18": "4.5rem", "88": "22rem", "128": "32rem"},
        "fontSize": {"display": ["4rem", {"lineHeight": "1.1", "letterSpacing": "-0.02em"}],
                     "display-sm": ["3rem", {"lineHeight": "1.1", "letterSpacing": "-0.02em"}]},
        "letterSpacing": {"tight": "-0.02em", "tighter": "-0.03em"}}}},
    "real-rigger": {"theme": {"extend": {
        "colors": {"brand": "#ff00ff", "gray": {"50": "#f9fafb", "900": "#111827"}},
        "spacing": {"72": "18rem", "84": "21rem"},
        "fontSize": {"xs": "0.75rem", "2xl": ["1.5rem", {"lineHeight": "2rem"}]},
        "borderRadius": {"xl": "0.75rem"}, "boxShadow": {"card": "0 1px 2px rgba(0,0,0,0.05)"},
        "letterSpacing": {"tighter": "-0.05em"}, "lineHeight": {"snug": "1.375"}}}},
    "real-portfolio": {"darkMode": "class", "theme": {"extend": {
        "fontFamily": {"sans": ["-apple-system", "BlinkMacSystemFont", '"Segoe UI"', "Roboto", '"Helvetica Neue"',
                                "Arial", "sans-serif"]},
        "fontSize": {"xs": ["12px", {"lineHeight": "1.5"}], "sm": ["14px", {"lineHeight": "1.6"}],
                     "base": ["16px", {"lineHeight": "1.6"}], "lg": ["18px", {"lineHeight": "1.6"}],
                     "xl": ["20px", {"lineHeight": "1.5"}], "2xl": ["24px", {"lineHeight": "1.4"}],
                     "3xl": ["30px", {"lineHeight": "1.3"}], "4xl": ["36px", {"lineHeight": "1.2"}],
                     "5xl": ["48px", {"lineHeight": "1.1"}], "6xl": ["60px", {"lineHeight": "1"}],
                     "7xl": ["72px", {"lineHeight": "1"}]},
        "letterSpacing": {"tighter": "-0.02em", "tight": "-0.01em", "normal": "0em", "wide": "0.025em",
                          "wider": "0.05em"}}}},
    # Real configs of the tw16 corpus: dsk52/blog tailwind.config.js @ a8626c6ac637b0e7bda8efbd52072e66c4863420
    # (a `prefix`, which Satori ignores: tw-flex is unknown, flex works), abdushakurob/edustory
    # tailwind.config.js @ b64dbb50942f5913a70398707ffd6f4fbc39e3c9, vuminh-coder/LiveSnapVn
    # client/assets/js/Garrely.js @ 78a3c43944a39a0be3242a910caf1445084929d2 (a CDN `tailwind.config`).
    "real-dsk52-prefix": {"prefix": "tw-", "content": ["./src/components/**/*.tsx"], "theme": {"extend": {
        "colors": {"black": {"DEFAULT": "#252525"}, "white": {"DEFAULT": "#dedede"}},
        "transitionDuration": {"400": "400ms"}, "lineHeight": {"DEFAULT": 1}, "borderWidth": {"DEFAULT": "4px"}}}},
    "real-edustory": {"content": ["./app/**/*.{js,ts,jsx,tsx}"], "theme": {"extend": {
        "colors": {"border": "#e5e7eb", "background": "#ffffff", "foreground": "#1f2937", "primary": "#2563eb",
                   "secondary": "#64748b", "accent": "#f59e0b", "destructive": "#ef4444"},
        "spacing": {"128": "32rem", "144": "36rem"},
        "borderRadius": {"lg": "0.5rem", "md": "0.375rem", "sm": "0.25rem"},
        "fontSize": {"xs": ["0.75rem", {"lineHeight": "1rem"}], "sm": ["0.875rem", {"lineHeight": "1.25rem"}],
                     "base": ["1rem", {"lineHeight": "1.5rem"}], "lg": ["1.125rem", {"lineHeight": "1.75rem"}],
                     "xl": ["1.25rem", {"lineHeight": "1.75rem"}], "2xl": ["1.5rem", {"lineHeight": "2rem"}],
                     "3xl": ["1.875rem", {"lineHeight": "2.25rem"}],
                     "4xl": ["2.25rem", {"lineHeight": "2.5rem"}]}}}},
    "real-livesnap": {"darkMode": "class", "theme": {"extend": {
        "colors": {"primary": "#cae4f1", "background-light": "#f6f7f8", "background-dark": "#131b1f"},
        "fontFamily": {"display": ["Plus Jakarta Sans", "sans-serif"]},
        "borderRadius": {"DEFAULT": "1rem", "lg": "1.5rem", "xl": "2rem", "2xl": "2.5rem", "full": "9999px"}}}},
    "real-idol-bbq": {"theme": {"extend": {"colors": {
        "idol": {"primary": "#FF4D00", "secondary": "#FF4D00", "tertiary": "#CFD9DE"}}}}},
    # An Astro theme's satori options (find_string id 53239452235): families written with their quotes.
    "real-astro-quoted-family": {"theme": {"fontFamily": {"sans": ['"Geist"'], "serif": ['"Geist"'],
                                                          "mono": ["Menlo", "Consolas"]}}},
    # A Takumi playground cover's CSS-variable palette (find_string id 58200748581) as theme.extend.colors.
    "real-brand-night": {"theme": {"extend": {"colors": {
        "brand": {"300": "#c4b5fd", "400": "#a78bfa", "500": "#7c3aed"},
        "night": {"100": "#f4f4f5", "500": "#71717b", "900": "#1c1825", "950": "#0e0c14"}}}}},
}


def config_cases(name: str) -> list[str]:
    common = ["p-4", "m-13", "bg-red-500", "text-xl", "rounded-lg", "w-1/2", "md:p-8", "flex", "border"]
    specific = {
        "extend-colors": ["bg-brand", "bg-brand-light", "text-brand-dark", "bg-brand/50", "border-brand",
                          "bg-ink", "text-ink/80", "bg-blue-950", "bg-blue-500", "bg-accent-soft",
                          "bg-nested-deep", "bg-nested-deep-er", "shadow-brand", "shadow-lg shadow-brand",
                          "bg-brand bg-opacity-50", "border-t-brand-dark", "bg-brand-DEFAULT", "tint-brand"],
        "override-colors": ["bg-primary", "bg-secondary-100", "text-secondary-900", "bg-red-500", "bg-white",
                            "border-primary", "border", "bg-primary/50", "border-gray-200"],
        "spacing": ["p-13", "m-128", "px-gutter", "-mt-18", "w-13", "h-128", "top-18", "inset-x-gutter",
                    "w-1/7", "max-h-13", "-m-gutter", "p-[13px]"],
        "override-spacing": ["p-1", "p-2", "p-3", "p-4", "m-big", "w-big", "w-1/2", "h-3", "top-big",
                             "max-h-big", "-m-2", "m-px"],
        "typography": ["text-huge", "text-mega", "text-title", "text-rel", "text-tracked", "font-display",
                       "font-code", "font-body", "leading-cozy text-xl", "leading-fixed", "tracking-mega",
                       "text-2xl tracking-mega", "tracking-px2", "text-huge leading-tight",
                       "text-huge tracking-wide", "font-sans", "font-bold font-display"],
        "screens": ["tablet:p-4", "laptop:p-8", "desktop:p-12", "p-2 tablet:p-4 laptop:p-8 desktop:p-12",
                    "md:p-4", "max-w-screen-tablet", "max-w-screen-md", "max-w-screen-laptop"],
        "screens-ranges": ["sm:p-4", "md:p-4", "lg:p-4", "wide:p-4", "p-1 sm:p-2 md:p-3 lg:p-4 wide:p-5",
                           "max-w-screen-lg", "max-w-screen-sm", "max-w-screen-wide"],
        "screens-extend": ["3xl:p-4", "xs:p-4", "p-1 xs:p-2 sm:p-3 3xl:p-4", "max-w-screen-3xl"],
        "radius": ["rounded-4xl", "rounded-huge", "rounded-t-pill", "rounded-lg", "border-3", "border",
                   "opacity-15", "opacity-85", "opacity-50", "z-60", "max-w-8xl", "top-13", "w-card",
                   "h-card", "w-1/2"],
        "override-radius": ["rounded", "rounded-big", "rounded-lg", "rounded-t", "rounded-[5px]"],
        "preset": ["bg-preset", "bg-own", "bg-red-500"],
        "no-defaults": ["bg-only", "bg-red-500", "p-1", "p-4", "w-4", "text-xl", "rounded", "border",
                        "md:p-1", "opacity-50", "font-sans", "leading-tight text-[20px]"],
        "ignored-keys": [],
        "real-conference": ["text-display font-bold text-slate-900", "text-display-sm tracking-tighter text-slate-500",
                            "p-18", "w-18 h-18", "w-88", "h-128", "tracking-tight text-2xl", "bg-background",
                            "text-foreground", "w-88 h-18 rounded-full bg-background text-foreground"],
        "real-rigger": ["bg-gray-50", "bg-gray-200", "text-gray-900", "text-gray-500", "text-brand", "bg-brand",
                        "w-84 h-72", "rounded-xl", "shadow-card", "text-xs uppercase tracking-widest",
                        "text-2xl leading-snug", "text-6xl font-bold tracking-tighter"],
        "real-portfolio": ["font-sans", "text-7xl font-bold tracking-tighter", "text-lg uppercase tracking-wider",
                           "text-3xl", "text-5xl leading-none", "text-xs tracking-wide", "text-base",
                           "dark:bg-white bg-zinc-950"],
        "real-dsk52-prefix": ["tw-flex tw-bg-black tw-text-white tw-border tw-leading",
                              "flex bg-black text-white border leading border-black",
                              "bg-white text-black/50 border-4 leading-none", "tw-p-4 p-4",
                              "border-t border-b-2 bg-black/80"],
        "real-edustory": ["bg-background text-foreground border border-border",
                          "text-primary bg-accent text-destructive/80", "text-4xl text-xs text-base text-5xl",
                          "w-128 h-144 p-128 -mt-128", "rounded-lg rounded-md rounded-sm rounded rounded-xl",
                          "text-3xl leading-tight", "text-sm font-bold text-secondary"],
        "real-livesnap": ["rounded rounded-lg rounded-xl rounded-2xl rounded-full rounded-3xl",
                          "bg-primary bg-background-light bg-background-dark text-background-dark/50",
                          "font-display font-sans", "dark:bg-background-dark bg-background-light",
                          "rounded-t rounded-tl-2xl"],
        "real-idol-bbq": ["border-t border-idol-tertiary flex-grow", "mx-2 text-idol-tertiary",
                          "flex-grow bg-idol-tertiary w-[2px] rounded-full", "text-idol-primary bg-idol-secondary/20",
                          "border border-idol-tertiary rounded-lg p-4 shadow-md", "text-idol", "bg-idol-quaternary"],
        "real-astro-quoted-family": ["font-sans", "font-serif", "font-mono", "font-sans font-bold",
                                     "text-6xl font-bold", "font-display"],
        "real-brand-night": ["bg-linear-to-br from-night-900 to-night-950 p-14 text-night-100",
                             "rounded-full bg-brand-500/15 px-5 py-2 text-xl font-bold tracking-widest text-brand-300",
                             "ml-6 text-2xl text-night-500", "text-brand-400", "border-2 border-brand-500/40",
                             "bg-night-950", "text-night-900/50", "bg-brand", "text-brand-600"],
    }
    return common + specific[name]


def tailwind_names(known: list[str]) -> list[str]:
    """Current Tailwind's utility names (data/tailwind_names19.json) not already in ``known``."""
    seen = set(known)
    return [name for name in json.loads(TAILWIND_NAMES.read_text(encoding="utf-8"))["classes"] if name not in seen]


def groups() -> list[dict[str, Any]]:
    main = (colors() + spacing() + sizes() + typography() + borders() + effects() + layout() + malformed() + cards()
            + newer_tailwind() + corpus())
    main += tailwind_names(main)
    out: list[dict[str, Any]] = [{"width": 1200, "height": 630, "cases": main}]
    for width, height in [(1200, 630), (600, 800), (640, 640), (700, 400), (768, 1024), (1024, 512), (1280, 720),
                          (1536, 800), (1600, 900), (None, 630), (1200, None), (None, None)]:
        out.append({"width": width, "height": height, "cases": breakpoints() + cards()[:6] +
                    ["w-screen", "h-screen", "min-w-screen", "max-h-screen", "w-[50vw]", "h-[10vh]",
                     "p-[10vw]", "text-[5vw]"]})
    for style in [{"fontSize": 24}, {"fontSize": "20px"}, {"fontSize": 0}, {"lineHeight": 2}]:
        out.append({"width": 1200, "height": 630, "style": style, "cases": [
            "leading-7", "leading-[20px]", "leading-tight", "text-xl leading-7", "text-xl", "leading-none",
            "leading-3 text-[0px]", "text-[0px] leading-tight", "shadow-lg shadow-red-500"]})
    for name in CONFIGS:
        out.append({"width": 1200, "height": 630, "config": name, "cases": config_cases(name)})
        out.append({"width": 700, "height": 630, "config": name, "cases": config_cases(name)})
    return out


def record(groups_: list[dict[str, Any]], dist: str) -> list[dict[str, Any]]:
    """Each group's class lists with the style Satori derives: one node process per group."""
    recorded = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, group in enumerate(groups_):
            group_path, out_path = Path(tmp, f"g{index}.json"), Path(tmp, f"o{index}.json")
            config = CONFIGS.get(group.get("config")) if group.get("config") else None
            group_path.write_text(json.dumps({**group, "config": config}), encoding="utf-8")
            subprocess.run(["node", str(RECORDER), dist, str(group_path), str(out_path)], check=True)
            cases = json.loads(out_path.read_text(encoding="utf-8"))
            recorded.append({k: v for k, v in group.items() if k != "cases"} | {"cases": cases})
    return recorded


def arguments(doc: str, out: Path) -> argparse.Namespace:
    """A recorder's command line: --dist (required) and --out (``out`` by default)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--dist", required=True, help="satori/dist/index.js of a copy of the reference install")
    parser.add_argument("--out", default=str(out))
    return parser.parse_args()


def main() -> None:
    args = arguments(__doc__, OUT)
    recorded = record(groups(), args.dist)
    total = sum(len(g["cases"]) for g in recorded)
    data = {"about": "Styles the real Satori 0.63.2 derives from class lists (getTwStyles: twrnc 3.4.0 "
                     "with a fresh instance per class list). Made by tests/tailwind/tools/make_oracle.py.",
            "configs": CONFIGS, "groups": recorded}
    Path(args.out).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{total} class lists in {len(recorded)} groups -> {args.out}")


if __name__ == "__main__":
    main()
