"""What to write instead of a Tailwind class that twrnc (Satori's Tailwind) does not know.

Satori reads ``tw`` with twrnc 3.4.0, which has Tailwind 3.1's utilities minus
the ones React Native lacks. Real designs are written for Tailwind 3.4 or 4 and
the browser: ``size-4``, ``gap-4``, ``truncate``, ``bg-linear-to-r``,
``shadow-xs``, ``ps-4``... Satori ignores those classes; :func:`hint` gives the
report of one a second half that says what does work in Satori: a twrnc class
(``w-4 h-4`` for ``size-4``, ``shadow-sm`` for Tailwind 4's ``shadow-xs``) or
the style property to set. The advice names classes and properties, never a
value of the render's theme, so it holds under any ``tailwind_config``; a Tailwind 4
default twrnc lacks (the 4xl radius, the container sizes of ``w-md``) is written as
Tailwind's value in brackets.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .default_theme import DEFAULT_THEME

__all__ = ["hint"]

# Tailwind 4 renamed these; twrnc knows the Tailwind 3 name of the same value.
_RENAMED = {"shadow-xs": "shadow-sm", "rounded-xs": "rounded-sm"}
# Tailwind 3.4's logical sides, read left to right (Satori lays out ltr unless told).
_LOGICAL = {"ps": "pl", "pe": "pr", "ms": "ml", "me": "mr", "start": "left", "end": "right",
            "inset-s": "left", "inset-e": "right", "border-s": "border-l", "border-e": "border-r",
            "rounded-s": "rounded-l", "rounded-e": "rounded-r", "rounded-ss": "rounded-tl",
            "rounded-se": "rounded-tr", "rounded-es": "rounded-bl", "rounded-ee": "rounded-br",
            "text-start": "text-left", "text-end": "text-right"}
# Tailwind 4.1's block sides, read top to bottom.
_BLOCK = {"pbs": "pt", "pbe": "pb", "mbs": "mt", "mbe": "mb"}


# Names real designs write that Tailwind has not, and the Tailwind (twrnc) class meant.
_TYPOS = {"text-md": "text-base", "font-regular": "font-normal", "text-bold": "font-bold",
          "font-italic": "italic", "text-italic": "italic", "text-underline": "underline",
          "text-uppercase": "uppercase", "text-lowercase": "lowercase", "flex-column": "flex-col",
          "flex-column-reverse": "flex-col-reverse", "justify-space-between": "justify-between",
          "justify-space-around": "justify-around", "justify-space-evenly": "justify-evenly",
          "items-middle": "items-center"}
# Tailwind 3's palette (twrnc's default colours, the shaded ones): each takes a shade.
_PALETTE = tuple(name for name, shades in DEFAULT_THEME["colors"].items() if isinstance(shades, dict))
# The utilities twrnc reads a theme colour for (border-x/-y take none; shadow-* below).
_COLOURED = r"-?(bg|border(?:-[trbl])?)"
# Theme names: a word, then words or numbers (not a border style, bg-origin-*, border-x-*...).
_TOKEN = (r"(?!(?:none|double|hidden|groove|ridge|inset|outset|fixed|local|scroll)(?:/|$)|(?:origin|blend|[a-z])-)"
          r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:/.+)?")

# Tailwind 4's container scale (--container-*, in rem), which w-*, min-w-* and max-w-* take;
# twrnc knows max-w-xs .. max-w-7xl (the same values) and nothing of 3xs/2xs.
_CONTAINERS = {"3xs": 16, "2xs": 18, "xs": 20, "sm": 24, "md": 28, "lg": 32, "xl": 36, "2xl": 42, "3xl": 48,
               "4xl": 56, "5xl": 64, "6xl": 72, "7xl": 80}

# Tailwind's names of the font weights twrnc reads.
_WEIGHTS = {"100": "font-thin", "200": "font-extralight", "300": "font-light", "400": "font-normal",
            "500": "font-medium", "600": "font-semibold", "700": "font-bold", "800": "font-extrabold",
            "900": "font-black"}


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


Rewrite = Callable[[re.Match[str]], list[str]]
# (utility pattern, advice with {} where the classes to write go, those classes from the match).
_REWRITES: tuple[tuple[re.Pattern[str], str, Rewrite], ...] = tuple(
    (re.compile(pattern), advice, rewrite) for pattern, advice, rewrite in (
        (_alternatives(_RENAMED), "Tailwind 4's name for the same value: write {}", lambda m: [_RENAMED[m[0]]]),
        (_alternatives(_TYPOS), "not a Tailwind name: did you mean {}?", lambda m: [_TYPOS[m[0]]]),
        (r"(.+-)grey(-\d+.*)", "Tailwind spells it gray: did you mean {}?", lambda m: [m[1] + "gray" + m[2]]),
        (r"colou?r-(.+)", "Tailwind has no color-*: did you mean {}?", lambda m: ["text-" + m[1]]),
        (r"(-?)z-\[(\d+)\]", "twrnc reads z-<number> but no brackets: write {}", lambda m: [f"{m[1]}z-{m[2]}"]),
        (f"((?:min-|max-)?w)-({_alternatives(_CONTAINERS)})",
         "Tailwind 4's container size: write {}",
         lambda m: [f"{m[1]}-[{_CONTAINERS[m[2]] * 16}px]"]),
        (r"rounded(-[trbl]{1,2})?-4xl", "Tailwind 4's 4xl radius (2rem): write {}",
         lambda m: [f"rounded{m[1] or ''}-[32px]"]),
        (r"(-?)border-([xy])(?!-(?:solid|dashed|dotted|double|hidden|none)$)(-.+)?",
         "twrnc has no border-x / border-y: write {}",
         lambda m: [f"{m[1]}border-{side}{m[3] or ''}" for side in ("lr" if m[2] == "x" else "tb")]),
        (r"(border(?:-[trbl])?)-(\d+)", "twrnc's border widths are 0, 2, 4 and 8 (Tailwind 4 takes any number): write {}",
         lambda m: [f"{m[1]}-[{m[2]}px]"]),
        (f"(-?(?:text|bg|border(?:-[trbl])?|shadow)-)({_alternatives(_PALETTE)})(/.+)?",
         "a palette colour takes a shade (50 to 900): write e.g. {}", lambda m: [m[1] + m[2] + "-500" + (m[3] or "")]),
        # Tailwind 3.3's font size with a line height: text-sm/6.
        (r"(text-(?:xs|sm|base|lg|[2-9]?xl|\[[\d.]+(?:px|r?em)?\]))/(.+)", "twrnc has no line-height modifier: write {}",
         lambda m: [m[1], "leading-" + m[2]]),
        # Tailwind 4's shadow opacity: the alpha of the shadow's (black) colour.
        (r"(shadow(?:-(?:xs|sm|md|lg|xl|2xl|inner))?)/(\d+|\[[^\]]+\])",
         "twrnc has no shadow opacity modifier: write {} (a black shadow colour at that opacity)",
         lambda m: [_RENAMED.get(m[1], m[1]), f"shadow-black/{m[2]}"]),
        (r"font-\[([1-9]00)\]", "twrnc has no font-[<weight>]: write {}", lambda m: [_WEIGHTS[m[1]]]),
        (r"(-?)size-(.+)", "twrnc has no size-* (Tailwind 3.4): write {}",
         lambda m: [f"{m[1]}w-{m[2]}", f"{m[1]}h-{m[2]}"]),
        (r"(-?(?:min-|max-)?)([wh])-(?:dvh|svh|lvh|dvw|svw|lvw)", "the canvas is the viewport: write {}",
         lambda m: [f"{m[1]}{m[2]}-screen"]),
        (f"(-?)({_alternatives(_LOGICAL)})(-.+)?", "twrnc has no start/end sides: write {} (left to right)",
         lambda m: [m[1] + _LOGICAL[m[2]] + (m[3] or "")]),
        (f"(-?)({_alternatives(_BLOCK)})(-.+)", "twrnc has no block-start/-end sides: write {} (top to bottom)",
         lambda m: [m[1] + _BLOCK[m[2]] + m[3]]),
    ))

# (utility pattern, advice with {0}... for the pattern's groups): the first whose pattern matches
# the whole utility wins.
_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), advice) for pattern, advice in (
    (r"gap(-[xy])?-.+", "twrnc has no gap utilities: set gap (rowGap, columnGap) in style"),
    (r"-?space-[xy]-.+", "twrnc has no space-* utilities: set gap in this element's style"),
    (r"divide-.+|divide", "twrnc has no divide-* utilities: give the children borders"),
    (r"bg-(gradient|linear|radial|conic)(-.+)?|-?bg-linear-.+|(from|via|to)-.+",
     "twrnc has no gradient utilities: set backgroundImage: linear-gradient(...) in style"),
    (r"line-clamp-.+", "twrnc has no line-clamp-*: set lineClamp in style"),
    (r"truncate", "twrnc has no truncate: set overflow: hidden, whiteSpace: nowrap and "
                  "textOverflow: ellipsis in style"),
    (r"text-(ellipsis|clip)|overflow-ellipsis", "twrnc has no text-overflow utilities: set textOverflow in style"),
    (r"whitespace-.+", "twrnc has no whitespace-*: set whiteSpace in style"),
    (r"text-(wrap|nowrap|balance|pretty)", "twrnc has no text-wrap utilities: set textWrap in style"),
    (r"break-(words|all|keep|normal)|wrap-.+", "twrnc has no word-break utilities: set wordBreak or overflowWrap in style"),
    (r"object-.+", "twrnc has no object-* utilities: set objectFit (objectPosition) in style"),
    (r"-?(rotate|scale|translate|skew)(-[xyz])?(-.+)?|transform(-.+)?|origin-.+",
     "twrnc has no transform utilities: set transform (transformOrigin) in style"),
    (r"(inset-)?ring(-.+)?", "twrnc has no ring-* utilities: set boxShadow in style"),
    (r"outline(-.+)?", "twrnc has no outline-* utilities: set outline in style"),
    (r"-?(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|saturate|sepia)(-.+)?|filter(-.+)?",
     "twrnc has no filter utilities: set filter in style"),
    (r"backdrop-.+", "twrnc has no backdrop-* utilities: set backdropFilter in style"),
    (r"text-shadow(-.+)?", "twrnc has no text-shadow-*: set textShadow in style"),
    (r"mask-.+", "twrnc has no mask-* utilities: set maskImage in style"),
    (r"bg-(cover|contain|auto|size-.+)", "twrnc has no background-size utilities: set backgroundSize in style"),
    (r"bg-(center|top|bottom|left|right|left-top|left-bottom|right-top|right-bottom|top-left|top-right|bottom-left|"
     r"bottom-right|position-.+)", "twrnc has no background-position utilities: set backgroundPosition in style"),
    (r"bg-(no-)?repeat(-.+)?", "twrnc has no background-repeat utilities: set backgroundRepeat in style"),
    (r"bg-clip-.+", "twrnc has no bg-clip-*: set backgroundClip in style"),
    (r"bg-none|bg-\[url\(.+", "set backgroundImage in style"),
    (r"-?shadow-\[.+|-?shadow-2xs|inset-shadow(-.+)?", "set boxShadow in style"),
    (r"overflow-(auto|clip|[xy]-.+)", "twrnc has only overflow-hidden, -visible and -scroll: set overflow "
                                      "(overflowX, overflowY) in style"),
    (r"static|fixed|sticky", "twrnc has only relative and absolute: set position in style"),
    (r"-?order-.+", "twrnc has no order-*: set order in style"),
    (r"float-.+|clear-.+", "twrnc has no float utilities: set float (clear) in style"),
    (r"visible|invisible|collapse", "twrnc has no visibility utilities: set visibility in style"),
    (r"basis-.+", "twrnc has no basis-*: set flexBasis in style"),
    (r"tracking-\[(-?[\d.]+)em\]", "twrnc reads a tracking-[...] length in px only: set letterSpacing: {0}em in style"),
    (r"-?[a-z-]+-\[-?[\d.]+em\]", "twrnc cannot read an em length in brackets: set the property in style, where em "
                                  "works"),
    (r"opacity-\[([\d.]+%?)\]", "twrnc reads opacity-<step> only: set opacity: {0} in style"),
    (r"-?[a-z-]+-[a-z]+-950(/.+)?", "twrnc's palette has no 950 shades (Tailwind 3.3): write the colour in brackets "
                                   "(e.g. bg-[#0a0a0a])"),
    (r"bg-\[(linear|radial|conic|repeating-[a-z]+)-gradient\(.+",
     "twrnc has no gradient utilities: set backgroundImage in style"),
    (r"aspect-.+", "twrnc reads aspect-square, aspect-video and aspect-<w>/<h> only: set aspectRatio in style"),
    (r"(inline-)?(block|grid|table)|inline|inline-flex|contents|flow-root|list-item",
     "twrnc has no display utilities but flex and hidden: set display in style"),
    (r"(grid-(cols|rows|flow)|col|row|auto-(cols|rows)|place-(content|items|self)|justify-(items|self))-.+",
     "twrnc has no grid utilities: set display: grid and the grid properties in style"),
    (r"(transition|duration|ease|delay|animate|cursor|select|pointer-events|touch|scroll|snap|will-change|"
     r"resize|caret)(-.+)?|(subpixel-)?antialiased|"
     r"group(/.+)?|peer(/.+)?",
     "it has no effect on a still image"),
    (r"font-base", 'not a Tailwind name: did you mean "font-normal" (the weight) or "text-base" (the size)?'),
    (r"z-auto", "z-index: auto is the default: the class can go"),
    *((rf"{cls}-(fit|min|max)", f"twrnc has no {cls}-{{0}}: set {prop}: {{0}}-content in style")
      for cls, prop in (("w", "width"), ("h", "height"), ("min-w", "minWidth"), ("max-w", "maxWidth"),
                        ("min-h", "minHeight"), ("max-h", "maxHeight"))),
    (r"border-(double|hidden|none|groove|ridge|inset|outset)",
     "twrnc has border-solid, border-dashed and border-dotted only: set borderStyle in style"),
    (r"mix-blend-.+", "twrnc has no mix-blend-*: set mixBlendMode in style"),
    (r"bg-blend-.+", "twrnc has no bg-blend-*: set backgroundBlendMode in style"),
    (r"box-(border|content)", "twrnc has no box-sizing utilities: set boxSizing in style"),
    (r"-?indent-.+", "twrnc has no indent-*: set textIndent in style"),
    (r"underline-offset-.+", "twrnc has no underline-offset-*: set textUnderlineOffset in style"),
    (r"overline", "twrnc has no overline: set textDecorationLine: overline in style"),
    (r"decoration-.+", "twrnc has no decoration-* utilities: set textDecorationColor, textDecorationStyle or "
                       "textDecorationThickness in style"),
    (r"list-.+", "twrnc has no list-* utilities: set listStyleType (listStylePosition, listStyleImage) in style"),
    (r"isolate|isolation-auto", "twrnc has no isolation utilities: set isolation in style"),
    (r"normal-nums|ordinal|slashed-zero|diagonal-fractions|stacked-fractions",
     "twrnc has no such font-variant-numeric utility: set fontVariantNumeric in style"),
    (r"bg-origin-(border|padding|content)", "twrnc has no bg-origin-*: set backgroundOrigin in style"),
    (r"perspective-origin-.+", "twrnc has no perspective-origin-*: set perspectiveOrigin in style"),
    (r"perspective-.+", "twrnc has no perspective-*: set perspective in style"),
    (r"backface-(hidden|visible)", "twrnc has no backface-*: set backfaceVisibility in style"),
    (r"appearance-.+", "twrnc has no appearance-*: set appearance in style"),
    (r"(not-)?sr-only", "an image has no screen reader: leave the element out instead"),
    (r"(justify|content|items|self)-(normal|stretch|baseline|baseline-last|[a-z]+-safe)",
     "twrnc has no such alignment: set justifyContent (alignContent, alignItems, alignSelf) in style"),
    (r"flex-(\d+/\d+|\[.+\])", "twrnc reads flex-<number>, flex-auto, flex-initial and flex-none only: set flex in style"),
    (r"(columns|break-(after|before|inside)|box-decoration|overscroll(-[xy])?|hyphens|font-stretch|table|caption|"
     r"accent|scheme|field-sizing|forced-color-adjust)-.+",
     "Satori draws no such CSS property: there is nothing to write instead"),
    (r"align-(baseline|top|middle|bottom|text-top|text-bottom|sub|super)",
     "twrnc has no vertical-align utilities: set verticalAlign in style"),
    (r"(fill|stroke)-.+", "twrnc has no fill-* or stroke-* utilities: set the fill (stroke) attribute of the svg or "
                          "its shapes (currentColor works there)"),
    (r"font-\[([^\]]+)\]", "twrnc has no font-[<family>]: set fontFamily in style, or add the family to "
                           "tailwind_config (theme.extend.fontFamily) and write its name"),
    (r"max-w-prose", "twrnc has no max-w-prose (Tailwind's 65ch): write the width in brackets (e.g. max-w-[600px])"),
    (r"(-?(?:min-|max-)?[wh])-lh", "twrnc has no {0}-lh (Tailwind 4's one line height): write the font size times "
                                   "the line height in brackets (e.g. {0}-[24px])"),
    (r"content-(none|\[.+\])", "Satori draws no ::before or ::after: put the content in an element of its own"),
    (r"bg-(fixed|local|scroll)", "it has no effect on a still image"),
    (r"container", "Tailwind's container follows the page's breakpoints, and an image has one width: set width "
                   "(maxWidth) in style, or w-full"),
    (r"prose(-.+)?", "the typography plugin (prose) is not part of twrnc: style the elements with their own classes"),
    (r"@container(/.+)?", "container queries have no use in an image of one size: the class can go"),
))

# A name the theme lacks (shadcn-style tokens: text-primary, bg-background need a config). Any
# unknown class of these shapes is one, except one marked important: its bare class may be known.
_THEME_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), advice) for pattern, advice in (
    (f"-?text-{_TOKEN}", 'the theme has no colour or font size "{0}": add it to tailwind_config '
                         "(theme.extend.colors or theme.extend.fontSize), or write the value in brackets "
                         "(e.g. text-[#0a0a0a])"),
    (f"{_COLOURED}-{_TOKEN}", 'the theme has no colour "{1}": add it to tailwind_config (theme.extend.colors), '
                              "or write the colour in brackets (e.g. {0}-[#0a0a0a])"),
    (f"-?shadow-{_TOKEN}", "twrnc's shadows are shadow-sm to shadow-2xl (it reads no theme.boxShadow) and a "
                           'shadow-<name> is a colour: the theme has no colour "{0}": set boxShadow in style'),
    (f"-?font-{_TOKEN}", 'the theme has no font family or weight "{0}": add the family to tailwind_config '
                         "(theme.extend.fontFamily), or set fontFamily in style"),
))


def hint(class_name: str) -> str | None:
    """The advice for a class twrnc does not know, or None when there is none to give."""
    utility = _utility(class_name)
    bare = utility.strip("!")
    variants = class_name[:len(class_name) - len(utility)]
    advice = _advice(bare, variants)
    if advice is not None:
        return advice
    if bare != utility:
        return f"twrnc has no important (!) marker: write {_classes(variants, bare)}"
    return _matching(_THEME_ADVICE, bare)


def _classes(variants: str, *utilities: str) -> str:
    """The classes to write, in quotes, each under the ignored class's variants."""
    return '"' + " ".join(variants + utility for utility in utilities) + '"'


def _advice(utility: str, variants: str) -> str | None:
    cut = _cut_at_space(utility)
    if cut is not None:
        return cut
    calc = _CALC.fullmatch(utility)
    if calc is not None:
        return ("twrnc cannot read calc() in brackets: set the property in style, where calc() works "
                f"(calc({_spaced(calc[1])}))")
    if "(--" in utility or "[--" in utility or "var(--" in utility:
        return "twrnc cannot read a CSS variable in a class: set the property in style (var() works there)"
    for pattern, template, rewrite in _REWRITES:
        match = pattern.fullmatch(utility)
        if match:
            return template.format(_classes(variants, *rewrite(match)))
    return _matching(_ADVICE, utility)


# An arbitrary value that is a calc() (Tailwind writes calc(50%-4px) for calc(50% - 4px)).
_CALC = re.compile(r"-?[a-z-]+-\[calc\((.+)\)\]")
# An operator between two operands of a calc() written without its spaces.
_OPERATOR = re.compile(r"(?<=[\w%).])([+-])(?=[\w(.])")


def _spaced(expression: str) -> str:
    """A calc() expression as CSS needs it: spaces around + and - (Tailwind adds them)."""
    return _OPERATOR.sub(r" \1 ", expression.replace("_", " "))


def _cut_at_space(utility: str) -> str | None:
    """The advice for one part of a bracketed class written with a space, which twrnc (splitting
    tw at white space, as the HTML class attribute does) reads as two classes: text-['DM Sans']
    is "text-['DM" and "Sans']"."""
    opened, closed = utility.count("["), utility.count("]")
    if opened > closed:
        inner = utility[utility.index("[") + 1:]
        family = ("; a font family in brackets is not read either (twrnc has no font-[<family>]): set fontFamily "
                  "in style") if inner[:1] in ("'", '"') else ": write the value without spaces"
        return ('its "[" is not closed: the class holds a space, and twrnc splits tw at white space, so neither '
                f"part is read{family}")
    if closed > opened:
        return ('the end of a bracketed class cut at a space (its "[" is in the class before): twrnc splits tw '
                "at white space")
    if not opened and utility.endswith(","):  # rgba(0, 0, 0, 0.5) in brackets: the "0," between
        return 'a part of a bracketed class cut at its spaces (its "[" is in a class before): twrnc splits tw at white space'
    return None


def _matching(table: tuple[tuple[re.Pattern[str], str], ...], utility: str) -> str | None:
    """The advice of the first pattern in ``table`` that matches the whole utility."""
    for pattern, advice in table:
        match = pattern.fullmatch(utility)
        if match:
            return advice.format(*match.groups())
    return None


def _utility(class_name: str) -> str:
    """The utility of a class: after its last variant (a colon outside brackets)."""
    depth, start = 0, 0
    for index, char in enumerate(class_name):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == ":" and depth == 0:
            start = index + 1
    return class_name[start:]
