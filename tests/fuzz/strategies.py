"""Hypothesis strategies for hostile element trees: the input a stranger's request can send.

Trees of the elements satori-py knows (and some it does not), with styles over
the property table, the shorthands and more, each value drawn from valid
values of its kind, near misses, absurd numbers (1e308, NaN, infinities,
negative sizes), wrongly typed values (lists, objects, booleans) and hostile
text (lone surrogates, control characters, U+FFFE, bidi controls, combining
marks, emoji, very long words). Images are small data URIs, some of them
declaring huge sizes in their headers. Nesting is mostly shallow, sometimes a
long chain.
"""
from __future__ import annotations

import base64
from typing import Any

from hypothesis import strategies as st

from satori_py.style.longhands import LONGHANDS
from satori_py.style.properties import PROPERTIES

from ..hostile.support import png_header

# --- numbers and lengths --------------------------------------------------------------

ABSURD_NUMBERS = [0, -0.0, 1, -1, 0.5, 1e-300, 5e-324, 1e15, -1e15, 1e38, 3.5e38, 1e308, -1e308,
                  float("inf"), float("-inf"), float("nan"), 2**31, -(2**31), 2**53 + 1, 2**64, 10**400]
numbers = st.one_of(st.sampled_from(ABSURD_NUMBERS), st.integers(-5000, 5000),
                    st.floats(allow_nan=True, allow_infinity=True))
UNITS = ["px", "em", "rem", "%", "vw", "vh", "vmin", "vmax", "pt", "pc", "in", "cm", "mm", "ch", "ex", "lh",
         "deg", "rad", "turn", "fr", "", "PX", "e", "x"]
NUMBER_TEXT = st.one_of(st.sampled_from(["0", "1", "-1", "0.5", ".5", "1e308", "-1e308", "1e-308", "1e999",
                                         "NaN", "Infinity", "-Infinity", "99999999999999999999",
                                         "1" * 500, "0x10", "+-1", "1.2.3",
                                         # JavaScript's Number() literals past the largest double
                                         "0x" + "f" * 300, "0b" + "1" * 1100, "0o" + "7" * 400]),
                        st.integers(-2000, 2000).map(str), st.floats(-1e6, 1e6).map(lambda v: f"{v:g}"))
dimension = st.builds(lambda n, u: f"{n}{u}", NUMBER_TEXT, st.sampled_from(UNITS))
calc = st.builds(lambda a, op, b, f: f"{f}({a} {op} {b})", dimension, st.sampled_from("+-*/,"), st.one_of(
    dimension, NUMBER_TEXT), st.sampled_from(["calc", "min", "max", "clamp", "calc(calc", "CALC", "calc"]))
length = st.one_of(dimension, calc, numbers, st.sampled_from(
    ["auto", "none", "min-content", "max-content", "fit-content", "fit-content(10px)", "fit-content(1e308px)",
     "stretch", "inherit", "initial", "unset", "var(--x)", "var(--missing, 3px)", "0 0", "", " "]))

# --- colours, images, shadows, transforms ---------------------------------------------

color = st.one_of(st.sampled_from(
    ["red", "transparent", "currentColor", "currentcolor", "#fff", "#12345678", "#ggg", "#1234567890",
     "rgb(1 2 3)", "rgb(255, 0, 0, 0.5)", "rgba(1e308, -1e308, nan, 2)", "hsl(0 100% 1e308%)",
     "hsl(1e308deg 100% 50%)", "hsl(nan 1% 1%)", "hwb(1e300 1e300% 1e300%)", "lab(1e308 1e308 1e308)",
     "lch(50% 1e308 1e308)", "oklab(1e308 0 0)", "oklch(1 1e308 nan)", "color(srgb 1e308 0 0)",
     "color(display-p3 1 0 0 / 1e308)", "color-mix(in srgb, red 1e308%, blue)", "light-dark(red, blue)",
     "rgb(from red r g b)", "", "none", "inherit"]),
    st.builds(lambda f, a, b, c: f"{f}({a} {b} {c})", st.sampled_from(["rgb", "hsl", "hwb", "lab", "lch", "oklch"]),
              NUMBER_TEXT, dimension, dimension))


def _uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


SVG_IMAGE = ("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
             "<rect width='10' height='10' fill='red'/></svg>")
DEEP_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>" + "<g>" * 300 + "<rect width='1' "
            "height='1'/>" + "</g>" * 300 + "</svg>")
image_sources = st.sampled_from([
    _uri(png_header(1, 1)), _uri(png_header(60000, 60000)), _uri(png_header(8000, 8000)), _uri(png_header(0, 0)),
    _uri(png_header(1, 1), "image/x-png"), "data:image/png;base64,!!!!", "data:image/png,%89PNG",
    _uri(SVG_IMAGE.encode(), "image/svg+xml"), "data:image/svg+xml;utf8," + SVG_IMAGE,
    _uri(DEEP_SVG.encode(), "image/svg+xml"),
    _uri(SVG_IMAGE.replace("<rect", f"<image href='{_uri(png_header(60000, 60000))}' width='5' height='5'/><rect")
         .encode(), "image/svg+xml"),
    "data:,", "data:", "", "https://example.com/a.png", "file:///etc/passwd", "/relative.png", "javascript:1",
    "http://127.0.0.1/x.png", "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
])
url_value = image_sources.map(lambda src: f"url({src})")
gradient = st.builds(lambda kind, a, b, c: f"{kind}({a}, {b} {c}, transparent)",
                     st.sampled_from(["linear-gradient", "radial-gradient", "conic-gradient",
                                      "repeating-linear-gradient", "repeating-radial-gradient", "nonsense"]),
                     st.one_of(st.sampled_from(["to right", "45deg", "1e308deg", "circle at 1e308px 50%",
                                                "from nan deg", "ellipse 0 0"]), dimension),
                     color, dimension)
shadow = st.builds(lambda x, y, blur, spread, c, inset: f"{inset}{x} {y} {blur} {spread} {c}",
                   dimension, dimension, dimension, dimension, color, st.sampled_from(["", "inset "]))
shadows = st.lists(shadow, min_size=1, max_size=4).map(", ".join)
transform = st.lists(st.builds(lambda f, a, b: f"{f}({a}, {b})", st.sampled_from(
    ["translate", "translateX", "scale", "rotate", "skew", "skewX", "matrix", "matrix3d", "perspective",
     "rotate3d", "translateZ", "scaleZ"]), st.one_of(dimension, NUMBER_TEXT), st.one_of(dimension, NUMBER_TEXT)),
    max_size=4).map(" ".join)
filters = st.lists(st.builds(lambda f, a: f"{f}({a})", st.sampled_from(
    ["blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity",
     "saturate", "sepia", "url"]), st.one_of(dimension, NUMBER_TEXT, shadow)), max_size=3).map(" ".join)

# --- text -----------------------------------------------------------------------------

HOSTILE_CHARS = ["\ud800", "\udfff", "\ud83d", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\ufffe",
                 "\uffff", "\u202e", "\u2066", "\u200b", "\u200d", "\u0301" * 30, "\U0001f600", "\U0001f468\u200d"
                 "\U0001f469\u200d\U0001f467", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e9\u05dc\u05d5\u05dd",
                 "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22", "\u4f60\u597d", "\t", "\n", "\r\n", " ", "\u00a0",
                 "\u3000", "&", "<", "]]>", "'\"", "\U0010ffff", "\ue000", "\u00ad", "\u2028"]
text = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(HOSTILE_CHARS + ["word", "a", " ", "long" * 50]), max_size=20).map("".join),
    st.sampled_from(["", " ", "x" * 3000, "a " * 1500]),
)

# --- properties -----------------------------------------------------------------------

_KEYWORDS = ["none", "auto", "inherit", "initial", "unset", "normal", "flex", "block", "grid", "inline",
             "inline-block", "contents", "-webkit-box", "absolute", "relative", "fixed", "sticky", "static",
             "hidden", "visible", "scroll", "clip", "wrap", "nowrap", "column", "row-reverse", "center",
             "space-between", "stretch", "baseline", "left", "right", "bold", "italic", "ellipsis", "pre",
             "pre-wrap", "break-all", "underline", "solid", "dashed", "double", "multiply", "isolate", "cover",
             "repeat", "no-repeat", "text", "border-box", "vertical", "rtl", "ltr", "uppercase", "dense",
             "subgrid", "span 2", "1 / -1", "a b", "'a a' 'b b'", "repeat(3, 1fr)", "repeat(100000, 1px)",
             "repeat(auto-fill, minmax(0px, 1fr))", "1fr 1e308px", "99999999999", "-99999999999", "span 0"]
keyword = st.sampled_from(_KEYWORDS)
wrong_type = st.one_of(st.lists(st.one_of(numbers, keyword), max_size=3), st.dictionaries(
    st.sampled_from(["width", "height", "x", "0"]), numbers, max_size=2), st.booleans(), st.none(),
    st.just([[[[[]]]]]), st.just({"a": {"b": {"c": []}}}))
garbage = st.one_of(text, st.lists(st.sampled_from(["(", ")", ",", "/", "var(", "calc(", "url(", "'", "\"",
                                                    "!important", ";", "{", "}", "--x", "\\"]), max_size=6).map(""
                                                                                                         .join))

_BY_KIND = {
    "color": color, "Color": color, "background": st.one_of(color, gradient, url_value),
    "Image": st.one_of(gradient, url_value, st.lists(st.one_of(gradient, url_value), max_size=3).map(", ".join)),
    "Shadow": shadows, "shadow": shadows, "transform": transform, "filter": filters, "Filter": filters,
    "font": st.sampled_from(["bold 1e308px serif", "italic 12px/1e308 a", "x", "12px", "small-caps 1em b"]),
    "fontFamily": st.one_of(text, st.sampled_from(["serif", "'a', b", "geist", "\ud800", ""])),
    "fontWeight": st.one_of(numbers, st.sampled_from(["bold", "bolder", "1000", "0", "-1", "1e308"])),
    "lineClamp": st.one_of(numbers, st.sampled_from(["-1", "0", "1", "2 '...'", "3 \"\ud800\"", "1e308"])),
    "content": st.one_of(text.map(lambda t: f"'{t}'"), st.sampled_from(["counter(a)", "attr(x)", "'\\"])),
}
NAMES = sorted({*PROPERTIES, *LONGHANDS, "translate", "rotate", "scale", "aspectRatio", "lineClamp",
                "WebkitLineClamp", "WebkitBoxOrient", "backdropFilter", "filter", "clipPath", "maskImage",
                "WebkitMaskImage", "mask", "maskSize", "maskPosition", "maskRepeat", "backgroundSize",
                "backgroundPosition", "backgroundRepeat", "backgroundClip", "objectFit", "imageRendering",
                "counterReset", "counterIncrement", "content", "fontVariationSettings", "gridTemplateColumns",
                "gridTemplateRows", "gridTemplateAreas", "gridAutoFlow", "gridAutoRows", "gridAutoColumns",
                "gridColumnStart", "gridRowEnd", "perspective", "transformStyle", "backfaceVisibility",
                "textOverflow", "textWrap", "hyphens", "unicodeBidi", "writingMode", "_private", "--x",
                "--custom", "all", "unknownProperty", "WebkitTextStrokeWidth", "inset", "placeItems"})


def _value_for(name: str) -> st.SearchStrategy[Any]:
    special = [strategy for key, strategy in _BY_KIND.items() if key in name or name.endswith(key)]
    return st.one_of(*special, length, keyword, wrong_type, garbage, numbers)


@st.composite
def styles(draw: st.DrawFn, max_size: int = 6) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(NAMES), max_size=max_size, unique=True))
    return {name: draw(_value_for(name)) for name in names}


# --- elements -------------------------------------------------------------------------

TAGS = ["div", "div", "div", "span", "p", "img", "svg", "ul", "li", "ol", "input", "textarea", "button", "select",
        "option", "style", "a", "b", "br", "hr", "h1", "pre", "code", "table", "unknown-tag", "rect", "g", "path",
        "circle", "text", "image", "foreignObject", "script", "#text", ""]


@st.composite
def props(draw: st.DrawFn, tag: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["style"] = draw(st.one_of(styles(), wrong_type)) if draw(st.integers(0, 9)) == 0 else draw(styles())
    if tag in ("img", "image") or draw(st.integers(0, 9)) == 0:
        out["src"] = draw(image_sources)
        out["href"] = draw(image_sources)
    if tag in ("img", "svg") or draw(st.integers(0, 5)) == 0:
        out["width"] = draw(st.one_of(numbers, length))
        out["height"] = draw(st.one_of(numbers, length))
    if tag in ("svg", "rect", "path", "circle", "g", "text"):
        out.update(draw(st.dictionaries(st.sampled_from(
            ["viewBox", "d", "fill", "stroke", "x", "y", "r", "transform", "opacity", "stroke-width", "xmlns",
             "bad attr", "on:click", "<"]), st.one_of(text, numbers, length), max_size=4)))
    if tag in ("input", "textarea", "select", "option"):
        out.update(draw(st.dictionaries(st.sampled_from(["value", "placeholder", "type", "checked", "selected",
                                                         "size", "multiple"]), st.one_of(text, numbers,
                                                                                        st.booleans()), max_size=3)))
    if draw(st.integers(0, 19)) == 0:
        out.update(draw(st.dictionaries(st.sampled_from(["lang", "dir", "tw", "className", "key", "ref", "id",
                                                         "dangerouslySetInnerHTML", "children2"]),
                                        st.one_of(text, wrong_type), max_size=2)))
    return out


def _element(tag: str, p: dict[str, Any], children: list[Any]) -> dict[str, Any]:
    if tag == "style":
        children = ["div { color: red; width: 1e308px } @media (min-width: 1e308px) { span { display: none } }"
                    " * { box-shadow: 0 0 1px red } :nth-child(99999999999n) {}"]
    node: dict[str, Any] = {"type": tag, "props": dict(p)}
    if children:
        node["props"]["children"] = children if len(children) != 1 else children[0]
    return node


leaf = st.one_of(text, numbers, st.none(), st.booleans())


def elements(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    tags = st.sampled_from(TAGS)

    def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return tags.flatmap(lambda tag: st.builds(_element, st.just(tag), props(tag),
                                                  st.lists(children, max_size=4)))

    return st.recursive(st.one_of(leaf, tags.flatmap(lambda tag: st.builds(_element, st.just(tag), props(tag),
                                                                           st.just([])))),
                        extend, max_leaves=max_leaves)


@st.composite
def chain(draw: st.DrawFn) -> dict[str, Any]:
    """A long chain of one element nesting itself (deep nesting)."""
    depth = draw(st.sampled_from([20, 60, 255, 256, 257, 300]))
    step = draw(styles(max_size=3))
    node: Any = draw(text)
    for _ in range(depth):
        node = {"type": "div", "props": {"style": step, "children": node}}
    return node  # type: ignore[no-any-return]


_wrapped = elements().map(lambda e: {"type": "div", "props": {"style": {"display": "flex"}, "children": e}})
trees = st.one_of(elements(), _wrapped, elements(), _wrapped, chain())  # one in five a long chain


# --- Tailwind classes, markup, transforms with effects (the newer user inputs) --------

_TW_UTILITIES = ["flex", "grid", "hidden", "block", "flex-col", "items-center", "justify-between", "w-full", "h-10",
                 "p-4", "m-auto", "-mt-2", "gap-3", "text-xl", "font-bold", "italic", "underline", "rounded-lg",
                 "border", "border-2", "shadow-lg", "blur", "opacity-50", "bg-red-500", "text-blue-600/50",
                 "bg-gradient-to-r", "from-red-500", "to-blue-500", "rotate-45", "scale-150", "-skew-x-12",
                 "translate-x-1/2", "tracking-widest", "leading-none", "line-clamp-3", "truncate", "absolute",
                 "inset-0", "z-10", "grid-cols-3", "col-span-2", "aspect-video", "object-cover", "uppercase",
                 "ring-2", "outline", "drop-shadow-xl", "backdrop-blur", "mix-blend-multiply", "bg-[#f00]",
                 "w-1/3", "max-w-prose", "whitespace-pre", "break-all", "text-ellipsis", "rounded-full",
                 "not-a-class", "w-", "-", "!", "[", "]", "hover:bg-red-500", "md:flex", "dark:text-white",
                 "!p-2", "sm:max-md:w-1/2", "group-hover:block", "w-[", "w-[]", "bg-[url(", "text-[]"]
_TW_ARBITRARY = ["w", "h", "min-w", "max-h", "p", "m", "-m", "gap", "text", "leading", "tracking", "rounded",
                 "border", "border-t", "blur", "shadow", "drop-shadow", "rotate", "-rotate", "scale", "scale-x",
                 "skew-y", "translate-x", "-translate-y", "top", "inset", "bg", "from", "via", "to", "opacity",
                 "z", "basis", "grow", "shrink", "order", "grid-cols", "grid-rows", "col-span", "aspect",
                 "line-clamp", "indent", "decoration", "underline-offset", "outline", "ring", "brightness",
                 "contrast", "hue-rotate", "backdrop-blur", "font", "stroke", "columns"]
_TW_VALUES = ["1e308px", "-1e308px", "1e7px", "99999px", "0.0001px", "1e-308px", "NaN", "Infinity", "1e308",
              "1e30", "-1e30", "1e308deg", "1e308%", "calc(1px/0)", "calc(100%_-_1e308px)", "var(--x)",
              "0_0_1e308px_red", "0_0_99999px_#000", "repeat(1000000000,1px)", "repeat(99999,minmax(0,1fr))",
              "url(data:image/png;base64,AAAA)", "url(file:///etc/passwd)", "linear-gradient(red_1e308%,blue)",
              "#12345678", "rgb(1e308_0_0)", "hsl(0_100%_1e308%)", "1/0", "0/0", "16/9", "", "_", "__", "]",
              "[", "\\u0000", "\ud800", "\x00", "a" * 300, "10px_20px", "theme(spacing.4)", "--x", "1e308em"]


@st.composite
def tw_classes(draw: st.DrawFn) -> str:
    """A ``tw`` string: valid utilities, near misses and arbitrary values with absurd numbers."""
    parts = draw(st.lists(st.one_of(
        st.sampled_from(_TW_UTILITIES),
        st.builds(lambda p, v: f"{p}-[{v}]", st.sampled_from(_TW_ARBITRARY), st.sampled_from(_TW_VALUES)),
        st.builds(lambda p, n: f"{p}-{n}", st.sampled_from(_TW_ARBITRARY), NUMBER_TEXT),
        text), max_size=8))
    separator = draw(st.sampled_from([" ", " ", "  ", "\t", "\n", ",", "\u00a0"]))
    return separator.join(parts)


_TW_TAGS = ["div", "div", "span", "p", "img", "svg", "h1", "ul", "li"]


@st.composite
def tw_element(draw: st.DrawFn, children: list[Any]) -> dict[str, Any]:
    tag = draw(st.sampled_from(_TW_TAGS))
    p: dict[str, Any] = {"tw": draw(st.one_of(tw_classes(), tw_classes(), wrong_type))}
    if draw(st.integers(0, 3)) == 0:
        p["style"] = draw(styles(max_size=3))
    if tag in ("img", "svg"):
        p.update({"src": draw(image_sources), "width": draw(numbers), "height": draw(numbers)})
    return _element(tag, p, children)


def tw_trees() -> st.SearchStrategy[Any]:
    """Trees whose elements are styled by ``tw`` class strings."""
    return st.recursive(st.one_of(text, st.builds(list).flatmap(tw_element)),
                        lambda children: st.lists(children, max_size=4).flatmap(tw_element), max_leaves=10)


_HTML_TAGS = ["div", "span", "p", "b", "i", "img", "svg", "path", "rect", "br", "hr", "ul", "li", "table", "td",
              "script", "style", "template", "iframe", "object", "textarea", "select", "option", "math",
              "foreignObject", "x-custom", "DIV", "a", "pre", "code", "h1", "button", "input", "slot"]
_HTML_ATTRIBUTES = ["style", "class", "tw", "src", "href", "width", "height", "viewBox", "d", "fill", "id",
                    "lang", "dir", "onclick", "xmlns", "xlink:href", "data-x", "hidden", "key", "children",
                    "dangerouslySetInnerHTML", "__proto__", "constructor", "<", "a b", "=", '"']
_ENTITIES = ["&amp;", "&lt;", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&unknown;", "&",
             "&#;", "&#x;", "&amp", "&NotANamedEntityAtAll;", "&#65", "&#x1F600;", "&zwj;"]
_MARKUP_SNIPPETS = ["<!-- x -->", "<!-- unclosed", "<![CDATA[ <div> ]]>", "<!DOCTYPE html>", "<?xml ?>", "</div>",
                    "</p></p></p>", "<div", "<>", "< div>", "<div/>", "<br/>", "<img>", "<svg><g><g>", "]]>",
                    "<!ENTITY x 'y'>", "<style>div{width:1e308px}</style>", "<script>alert(1)</script>"]


@st.composite
def _attribute(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(_HTML_ATTRIBUTES))
    value = draw(st.one_of(
        st.sampled_from(["", "x", "1e308", "NaN", "width: 1e308px; filter: blur(99999px)", "display:flex;;;:",
                         "transform: scale(1e30); box-shadow: 0 0 1e308px red", "w-[1e308px] blur-[99999px]",
                         "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>", "javascript:alert(1)",
                         "url(file:///etc/passwd)", "{{x}}", "M0 0L1e308 1e308"]),
        tw_classes(), text, dimension))
    quote = draw(st.sampled_from(['"', "'", ""]))
    if quote:
        value = value.replace(quote, "")
    return f" {name}" if draw(st.integers(0, 5)) == 0 else f" {name}={quote}{value}{quote}"


@st.composite
def _markup_node(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 9))
    if depth > 3 or kind < 3:
        return draw(st.one_of(text.map(lambda t: t.replace("<", " ")), st.sampled_from(_ENTITIES),
                              st.sampled_from(_MARKUP_SNIPPETS)))
    tag = draw(st.sampled_from(_HTML_TAGS))
    attributes = "".join(draw(st.lists(_attribute(), max_size=4)))
    inner = "".join(draw(st.lists(_markup_node(depth + 1), max_size=3)))
    end = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{tag.upper()}>", "</x>"]))
    return f"<{tag}{attributes}>{inner}{end}"


@st.composite
def markup(draw: st.DrawFn) -> str:
    """HTML text: hostile tags, attributes, entities and nesting (sometimes 300 levels deep)."""
    body = "".join(draw(st.lists(_markup_node(), min_size=1, max_size=4)))
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.sampled_from([100, 255, 300]))
        body = "<div>" * depth + body + "</div>" * draw(st.sampled_from([0, depth]))
    return "<div style='display:flex'>" + body + "</div>"


_TRANSFORMS = ["scale(1000)", "scale(1e6)", "scale(1e30)", "scale(1e-30)", "scale(0)", "scale(-1e6, 1e-6)",
               "rotate(45deg) scale(1e5)", "rotate(1deg)", "skew(89.9999deg)", "skewX(90deg)",
               "matrix(1e6, 0, 0, 1e6, -1e7, -1e7)", "matrix(1, 1e6, 1e6, 1, 0, 0)", "matrix(0, 0, 0, 0, 0, 0)",
               "perspective(0.0001px) rotateY(89deg)", "perspective(1px) translateZ(0.999px)", "translate(1e7px)",
               "rotate3d(1, 1, 0, 1e308deg)", "scale3d(1e6, 1e6, 1e6)", "scale(100) rotate(30deg)"]
_EFFECTS: dict[str, list[Any]] = {
    "filter": ["blur(20px)", "blur(2000px)", "drop-shadow(5px 5px 20px red)", "drop-shadow(0 0 300px red)",
               "blur(1px) blur(1px) blur(1px)", "hue-rotate(1e308deg) blur(5px)", "contrast(1e308)"],
    "boxShadow": ["0 0 20px red", "0 0 300px red", "inset 0 0 50px 1e6px red", "1e6px 1e6px 0 red",
                  ", ".join(["0 0 10px red"] * 20)],
    "textShadow": ["5px 5px 20px red", "0 0 300px red", "1e6px 0 0 red", ", ".join(["0 0 5px red"] * 10)],
    "backdropFilter": ["blur(20px)", "blur(1e6px)"],
    "borderRadius": [20, 1e308, "50%", "1e308px / 1px", "100% 0"],
    "border": ["20px solid red", "1e6px dashed red", "100px dotted red", "3px double red", "1e308px groove red"],
    "outline": ["10px dashed red", "100000px dotted red", "5px solid red"],
    "opacity": [0.5, 0.001], "mixBlendMode": ["multiply", "difference"],
    "clipPath": ["circle(50%)", "polygon(0 0, 1e308px 0, 0 1e308px)", "inset(1e308px round 1e308px)"],
    "maskImage": ["linear-gradient(red, transparent)", "radial-gradient(circle 1e-6px, red, transparent)"],
    "backgroundImage": ["linear-gradient(red, blue)", "repeating-linear-gradient(red 0, blue 0.001px)",
                        "repeating-radial-gradient(red 0, blue 0.0001px)", "conic-gradient(red, blue)"],
    "backgroundSize": ["0.001px 0.001px", "1e-308px", "1e308px"],
    "textDecoration": ["underline wavy red", "line-through dotted"],
    "textDecorationThickness": ["1e6px", "30px"], "WebkitTextStroke": ["3px red", "1000px red"],
}


@st.composite
def effect_styles(draw: st.DrawFn) -> dict[str, Any]:
    """A transform with effects: shadows, filters, borders, clips and masks at absurd sizes."""
    names = draw(st.lists(st.sampled_from(sorted(_EFFECTS)), min_size=1, max_size=4, unique=True))
    style: dict[str, Any] = {name: draw(st.sampled_from(_EFFECTS[name])) for name in names}
    if draw(st.integers(0, 3)):
        style["transform"] = draw(st.one_of(st.sampled_from(_TRANSFORMS),
                                            st.builds(lambda a, b: f"{a} {b}", st.sampled_from(_TRANSFORMS),
                                                      st.sampled_from(_TRANSFORMS))))
        style["transformOrigin"] = draw(st.sampled_from(["0 0", "50% 50%", "1e308px 0", "center"]))
    size = st.one_of(st.integers(0, 200), st.sampled_from([1e7, 1e308]))
    style.update(width=draw(size), height=draw(size), display="flex")
    return style


@st.composite
def effect_trees(draw: st.DrawFn) -> dict[str, Any]:
    """Boxes with effects and transforms nested in each other (a transform scales what is inside)."""
    node: Any = draw(st.sampled_from(["Hi", "x", "", "word " * 20]))
    for _ in range(draw(st.integers(1, 4))):
        node = {"type": "div", "props": {"style": draw(effect_styles()), "children": node}}
    return {"type": "div", "props": {"style": {"display": "flex"}, "children": node}}


# User SVG (inline <svg> trees and SVG images): what svg_work.py bounds, at absurd sizes.
_SVG_TRANSFORMS = ["scale(1000)", "scale(1e7)", "scale(1e-7)", "scale(0)", "scale(1e308)", "rotate(45 1e6 1e6)",
                   "skewX(90)", "skewY(89.999)", "matrix(1e6 0 0 1e6 -1e7 -1e7)", "translate(1e30)",
                   "matrix(0 0 0 0 0 0)", "scale(-1e5 1e-5)", "scale(2) rotate(30)"]
_SVG_PRIMITIVES = ['<feGaussianBlur stdDeviation="{n}"/>', '<feTurbulence numOctaves="{n}"/>',
                   '<feMorphology radius="{n}"/>', '<feFlood flood-color="red"/>', '<feOffset dx="{n}"/>',
                   '<feConvolveMatrix order="3" kernelMatrix="1 1 1 1 {n} 1 1 1 1"/>',
                   '<feConvolveMatrix order="{n}" kernelMatrix="1"/>', '<feDropShadow stdDeviation="{n}"/>',
                   '<feFlood width="1" height="1"/><feTile/>', '<feImage href="#s"/>',
                   '<feSpecularLighting><feSpotLight x="{n}" z="{n}"/></feSpecularLighting>',
                   '<feDisplacementMap in2="SourceGraphic" scale="{n}"/>']
_SVG_NUMBERS = ["0", "1", "5", "-1", "1e6", "1e308", "1e-308", "NaN", "100000", "1e999", "0.0001", "50%", "0x" + "f" * 300]
_SVG_FILTER_ATTRS = ["", ' x="-500" y="-500" width="1000" height="1000"', ' filterUnits="userSpaceOnUse"',
                     ' filterUnits="userSpaceOnUse" x="-1e7" width="2e7" height="1e5"', ' width="1e308"',
                     ' primitiveUnits="objectBoundingBox"']


@st.composite
def svg_documents(draw: st.DrawFn) -> str:
    """An SVG document with filters, patterns, markers, <use> and strokes under transforms."""
    n = st.sampled_from(_SVG_NUMBERS)
    prims = "".join(draw(st.sampled_from(_SVG_PRIMITIVES)).format(n=draw(n))
                    for _ in range(draw(st.integers(1, 3))))
    defs = (f'<filter id="f"{draw(st.sampled_from(_SVG_FILTER_ATTRS))}>{prims}</filter>'
            f'<pattern id="p" width="{draw(n)}" height="{draw(n)}" patternUnits="'
            f'{draw(st.sampled_from(["userSpaceOnUse", "objectBoundingBox"]))}"><rect id="s" width="1" height="1"/>'
            f'</pattern><marker id="m" markerWidth="{draw(n)}"><circle r="{draw(n)}"/></marker>'
            f'<g id="u"><use href="#u"/><rect width="{draw(n)}" height="5" filter="url(#f)"/></g>')
    shapes = [f'<rect width="{draw(n)}" height="{draw(n)}" filter="url(#f)"/>',
              f'<circle r="{draw(n)}" stroke="red" stroke-width="{draw(n)}" fill="url(#p)"/>',
              f'<polyline points="{" ".join(["0,0 1e6,1 5,5"] * draw(st.integers(1, 50)))}" marker-mid="url(#m)"/>',
              f'<path d="M0 0A{draw(n)} {draw(n)} 0 0 1 {draw(n)} 5" stroke="red" stroke-dasharray="{draw(n)}"/>',
              '<use href="#u" x="5"/>', f'<text font-size="{draw(n)}">Hi<textPath href="#s">x</textPath></text>',
              f'<svg width="{draw(n)}" height="50" viewBox="0 0 {draw(n)} 1"><rect width="1" height="1" '
              'filter="url(#f)"/></svg>', '<rect width="10" height="10" style="filter: blur(5px)"/>']
    body = "".join(draw(st.lists(st.sampled_from(shapes), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(0, 2))):
        body = f'<g transform="{draw(st.sampled_from(_SVG_TRANSFORMS))}">{body}</g>'
    view_box = draw(st.sampled_from(["", ' viewBox="0 0 1 1"', ' viewBox="0 0 1e-6 1e-6"', ' viewBox="0 0 1e6 1e6"']))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"{view_box}><defs>{defs}</defs>'
            f'{body}</svg>')


@st.composite
def svg_trees(draw: st.DrawFn) -> Any:
    """A user SVG document inline (HTML markup), as an <img> or as a CSS background, under a
    CSS transform."""
    document = draw(svg_documents())
    transform = draw(st.sampled_from(["none", *_TRANSFORMS]))
    how = draw(st.sampled_from(["inline", "img", "background"]))
    if how == "inline":
        return f"<div style='display:flex; transform:{transform}'>{document}</div>"
    src = _uri(document.encode(), "image/svg+xml")
    size = draw(st.sampled_from([200, 20000, 1e7]))
    style: dict[str, Any] = {"display": "flex", "transform": transform}
    image = ({"type": "img", "props": {"src": src, "width": size, "height": size / 2, "style": style}}
             if how == "img" else
             {"type": "div", "props": {"style": {**style, "width": size, "height": 100,
                                                 "backgroundImage": f"url({src})"}}})
    return {"type": "div", "props": {"style": {"display": "flex"}, "children": image}}


STRATEGIES = {"trees": trees, "tw": tw_trees(), "markup": markup(), "effects": effect_trees(),
              "svg": svg_trees(),
              "new": st.one_of(tw_trees(), markup(), effect_trees())}
