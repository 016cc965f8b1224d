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


def _errors(classes: str) -> list[Exception]:
    seen: list[Exception] = []
    to_style(classes, width=1200, height=630, on_style_error=seen.append)
    return seen


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
    ("text-md", 'not a Tailwind name: did you mean "text-base"?'),
    ("md:font-regular", 'not a Tailwind name: did you mean "md:font-normal"?'),
    ("font-base", 'not a Tailwind name: did you mean "font-normal" (the weight) or "text-base" (the size)?'),
    ("flex-column", 'not a Tailwind name: did you mean "flex-col"?'),
    ("text-grey-500", 'Tailwind spells it gray: did you mean "text-gray-500"?'),
    ("border-t-grey-200/50", 'Tailwind spells it gray: did you mean "border-t-gray-200/50"?'),
    ("color-[#fffaf5]", 'Tailwind has no color-*: did you mean "text-[#fffaf5]"?'),
    ("text-pink", 'a palette colour takes a shade (50 to 900): write e.g. "text-pink-500"'),
    ("bg-rose/50", 'a palette colour takes a shade (50 to 900): write e.g. "bg-rose-500/50"'),
    ("text-muted-foreground", 'the theme has no colour or font size "muted-foreground": add it to tailwind_config '
                              "(theme.extend.colors or theme.extend.fontSize), or write the value in brackets "
                              "(e.g. text-[#0a0a0a])"),
    ("bg-background", 'the theme has no colour "background": add it to tailwind_config (theme.extend.colors), or '
                      "write the colour in brackets (e.g. bg-[#0a0a0a])"),
    ("border-border", 'the theme has no colour "border": add it to tailwind_config (theme.extend.colors), or '
                      "write the colour in brackets (e.g. border-[#0a0a0a])"),
    ("bg-primary/90", 'the theme has no colour "primary": add it to tailwind_config (theme.extend.colors), or '
                      "write the colour in brackets (e.g. bg-[#0a0a0a])"),
    ("shadow-card", "twrnc's shadows are shadow-sm to shadow-2xl (it reads no theme.boxShadow) and a shadow-<name> "
                    'is a colour: the theme has no colour "card": set boxShadow in style'),
    ("font-display", 'the theme has no font family or weight "display": add the family to tailwind_config '
                     "(theme.extend.fontFamily), or set fontFamily in style"),
    ("font-[Inter]", "twrnc has no font-[<family>]: set fontFamily in style, or add the family to tailwind_config "
                     "(theme.extend.fontFamily) and write its name"),
    ("align-middle", "twrnc has no vertical-align utilities: set verticalAlign in style"),
    ("fill-current", "twrnc has no fill-* or stroke-* utilities: set the fill (stroke) attribute of the svg or its "
                     "shapes (currentColor works there)"),
    ("z-[100]", 'twrnc reads z-<number> but no brackets: write "z-100"'),
    ("z-auto", "z-index: auto is the default: the class can go"),
    ("w-fit", "twrnc has no w-fit: set width: fit-content in style"),
    ("max-w-max", "twrnc has no max-w-max: set maxWidth: max-content in style"),
    ("rounded-4xl", 'Tailwind 4\'s 4xl radius (2rem): write "rounded-[32px]"'),
    ("border-3", 'twrnc\'s border widths are 0, 2, 4 and 8 (Tailwind 4 takes any number): write "border-[3px]"'),
    ("border-x-4", 'twrnc has no border-x / border-y: write "border-l-4 border-r-4"'),
    ("border-y-slate-200", 'twrnc has no border-x / border-y: write "border-t-slate-200 border-b-slate-200"'),
    ("border-none", "twrnc has border-solid, border-dashed and border-dotted only: set borderStyle in style"),
    ("mix-blend-multiply", "twrnc has no mix-blend-*: set mixBlendMode in style"),
    ("box-border", "twrnc has no box-sizing utilities: set boxSizing in style"),
    ("indent-8", "twrnc has no indent-*: set textIndent in style"),
    ("underline-offset-4", "twrnc has no underline-offset-*: set textUnderlineOffset in style"),
    ("decoration-red-500", "twrnc has no decoration-* utilities: set textDecorationColor, textDecorationStyle or "
                           "textDecorationThickness in style"),
    ("list-disc", "twrnc has no list-* utilities: set listStyleType (listStylePosition, listStyleImage) in style"),
    ("slashed-zero", "twrnc has no such font-variant-numeric utility: set fontVariantNumeric in style"),
    ("w-md", 'Tailwind 4\'s container size: write "w-[448px]"'),
    ("max-w-3xs", 'Tailwind 4\'s container size: write "max-w-[256px]"'),
    ("bg-origin-border", "twrnc has no bg-origin-*: set backgroundOrigin in style"),
    ("backface-hidden", "twrnc has no backface-*: set backfaceVisibility in style"),
    ("sr-only", "an image has no screen reader: leave the element out instead"),
    ("justify-normal", "twrnc has no such alignment: set justifyContent (alignContent, alignItems, alignSelf) in style"),
    ("flex-[2_2_0%]", "twrnc reads flex-<number>, flex-auto, flex-initial and flex-none only: set flex in style"),
    ("font-stretch-condensed", "Satori draws no such CSS property: there is nothing to write instead"),
    ("table-fixed", "Satori draws no such CSS property: there is nothing to write instead"),
    ("pbs-2", 'twrnc has no block-start/-end sides: write "pt-2" (top to bottom)'),
    ("-mbe-4", 'twrnc has no block-start/-end sides: write "-mb-4" (top to bottom)'),
    ("left-[calc(50%-4px)]", "twrnc cannot read calc() in brackets: set the property in style, where calc() works "
                             "(calc(50% - 4px))"),
    ("w-[calc(100%_-_2rem)]", "twrnc cannot read calc() in brackets: set the property in style, where calc() works "
                              "(calc(100% - 2rem))"),
    ("max-w-prose", "twrnc has no max-w-prose (Tailwind's 65ch): write the width in brackets (e.g. max-w-[600px])"),
    ("h-lh", "twrnc has no h-lh (Tailwind 4's one line height): write the font size times the line height in "
             "brackets (e.g. h-[24px])"),
    ("content-none", "Satori draws no ::before or ::after: put the content in an element of its own"),
    ("content-['a']", "Satori draws no ::before or ::after: put the content in an element of its own"),
    ("bg-fixed", "it has no effect on a still image"),
    ("bg-local", "it has no effect on a still image"),
    ("container", "Tailwind's container follows the page's breakpoints, and an image has one width: set width "
                  "(maxWidth) in style, or w-full"),
    ("prose", "the typography plugin (prose) is not part of twrnc: style the elements with their own classes"),
    ("prose-invert", "the typography plugin (prose) is not part of twrnc: style the elements with their own classes"),
    ("@container", "container queries have no use in an image of one size: the class can go"),
    ("@container/main", "container queries have no use in an image of one size: the class can go"),
])
def test_an_ignored_class_says_what_to_write(class_name: str, advice: str) -> None:
    end = "" if advice.endswith("?") else "."  # a question ends the sentence
    assert _message(class_name) == f'Tailwind class "{class_name}" is ignored (as in Satori): {advice}{end}'


def test_a_class_without_advice_keeps_the_plain_report() -> None:
    assert _message("flx") == 'Tailwind class "flx" is ignored: no utility it knows (as in Satori).'
    # Not theme names: these are not colours.
    for class_name in ("text-2xs", "border-x-solid"):
        assert _message(class_name).endswith(": no utility it knows (as in Satori)."), class_name


def test_a_bracketed_class_cut_at_a_space_is_told_as_such() -> None:
    """twrnc splits tw at white space (parse-inputs.js), so text-['DM Sans'] is two classes, and
    Satori reads neither; content-center (an alignment twrnc knows) stays quiet."""
    seen: list[Exception] = []
    assert to_style("text-['DM Sans'] content-center", width=1200, height=630, on_style_error=seen.append) == {
        "alignContent": "center"}
    assert [str(e) for e in seen] == [
        'Tailwind class "text-[\'DM" is ignored (as in Satori): its "[" is not closed: the class holds a space, and '
        "twrnc splits tw at white space, so neither part is read; a font family in brackets is not read either "
        "(twrnc has no font-[<family>]): set fontFamily in style.",
        'Tailwind class "Sans\']" is ignored (as in Satori): the end of a bracketed class cut at a space (its "[" is '
        "in the class before): twrnc splits tw at white space."]
    assert [str(e) for e in _errors("text-[rgba(0, 0, 0, 0.77)]")][:2] == [
        'Tailwind class "0," is ignored (as in Satori): a part of a bracketed class cut at its spaces (its "[" is in '
        "a class before): twrnc splits tw at white space.",
        'Tailwind class "0.77)]" is ignored (as in Satori): the end of a bracketed class cut at a space (its "[" is '
        "in the class before): twrnc splits tw at white space."]
    assert _message("w-[calc(100%") == (
        'Tailwind class "w-[calc(100%" is ignored (as in Satori): its "[" is not closed: the class holds a space, and '
        "twrnc splits tw at white space, so neither part is read: write the value without spaces.")


@pytest.mark.parametrize(("class_name", "config"), [
    ("text-muted-foreground", {"colors": {"muted": {"foreground": "#71717a"}}}),
    ("text-hero", {"fontSize": {"hero": "80px"}}),
    ("bg-background", {"colors": {"background": "#ffffff"}}),
    ("border-border", {"colors": {"border": "#e4e4e7"}}),
    ("bg-primary/90", {"colors": {"primary": "#18181b"}}),
    ("font-display", {"fontFamily": {"display": ["Cal Sans"]}}),
])
def test_a_theme_name_it_says_to_add_then_works(class_name: str, config: dict[str, object]) -> None:
    """The advice for a theme name is true: with the name in tailwind_config's theme.extend the class applies."""
    assert "add it to tailwind_config" in _message(class_name) or "add the family" in _message(class_name)
    resolution = resolve(class_name, width=1200, height=630, config={"theme": {"extend": config}})
    assert resolution.problems == ()
    assert len(resolution.style) >= 1


@pytest.mark.parametrize("class_name", [
    "size-4", "-size-2", "size-[10px]", "md:size-1/2", "shadow-xs", "rounded-xs", "ps-4", "-ms-2", "start-0",
    "end-4", "inset-s-2", "border-s", "border-e-2", "rounded-s-lg", "rounded-ss-xl", "text-end", "h-dvh",
    "w-svw", "text-sm/6", "text-xl/[1.1]", "!bg-red-500", "md:!p-4", "bg-red-500!", "shadow-lg/20", "font-[900]",
    "shadow-xs/[0.3]", "text-md", "font-regular", "text-bold", "text-italic", "font-italic", "text-underline",
    "text-uppercase", "text-lowercase", "flex-column", "flex-column-reverse", "justify-space-between",
    "justify-space-around", "justify-space-evenly", "items-middle", "text-grey-500", "bg-grey-900/50",
    "color-[#fffaf5]", "text-pink", "bg-rose/50", "z-[100]", "-z-[5]", "rounded-4xl", "rounded-br-4xl", "border-3",
    "border-t-5", "border-x-4", "border-y", "border-x-red-500", "border-y-black/10", "w-xs", "min-w-7xl",
    "max-w-2xs", "pbs-2", "-mbe-4"])
def test_the_classes_it_suggests_work_in_satori(class_name: str) -> None:
    """What the advice says to write resolves under twrnc with no problem and gives a style."""
    suggested = re.search(r'(?:write|write e\.g\.|did you mean) "([^"]+)"', _message(class_name))
    assert suggested is not None
    resolution = resolve(suggested.group(1), width=1200, height=630)
    assert resolution.problems == ()
    assert len(resolution.style) >= len(suggested.group(1).split())
