"""The inputs of the stylesheet reference tests (see make_stylesheet_references.py).

Each case is a root element with a ``<style>`` sheet, rendered by the real
Satori at the case's size; the tests compare the tree after its stylesheet
pass, and the errors it reports, with ours.
"""
from __future__ import annotations

from typing import Any


def h(type: str, props: dict[str, Any] | None = None, *children: Any) -> dict[str, Any]:
    merged = dict(props or {})
    if children:
        merged["children"] = list(children) if len(children) > 1 else children[0]
    return {"type": type, "props": merged}


def style(css: str | list[str], **props: Any) -> dict[str, Any]:
    return h("style", props, css)


CASES: list[dict[str, Any]] = []
# A 1x1 PNG.
PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="


def case(name: str, css: str | None, *children: Any, width: int = 200, height: int | None = 100,
         root: dict[str, Any] | None = None, root_type: str = "div") -> None:
    kids = ([style(css)] if css is not None else []) + list(children)
    options: dict[str, Any] = {"width": width}
    if height is not None:
        options["height"] = height
    CASES.append({"name": name, "element": h(root_type, root or {}, *kids), "options": options})


# -- selectors ------------------------------------------------------------------------------
case("type-class-id", "div { color: red } .a { color: blue } #b { color: green } * { opacity: 0.5 }",
     h("div", {"className": "a"}, "x"), h("span", {"id": "b"}, "y"), h("p", {"class": "a c"}, "z"))
case("class-list", ".a.b { color: red } .a:not(.b) { color: blue } .A { color: green }",
     h("i", {"className": " a  b "}, "1"), h("i", {"className": "a"}, "2"), h("i", {"className": "A"}, "3"))
case("type-case", "DIV > SPAN { color: red } Section { margin: 1px }",
     h("div", None, h("span", None, "x")), h("section", None, "y"))
case("attributes", """
[data-x] { margin: 1px } [data-x=a] { padding: 1px } [data-y~=b] { padding: 2px } [lang|=en] { padding: 3px }
[data-z^=pre] { padding: 4px } [data-z$=fix] { padding: 5px } [data-z*=mid] { padding: 6px }
[data-w="A" i] { border-width: 1px } [data-w="A" s] { border-width: 2px } [data-n="3"] { border-width: 3px }
[hidden] { color: red } [data-t=""] { color: blue } [style] { color: green } [for=f] { opacity: 0.1 }
[class~=k] { opacity: 0.2 } [data-u~=""] { opacity: 0.3 } [data-e^=""] { opacity: 0.4 }""",
     h("i", {"data-x": "a"}, "1"), h("i", {"data-y": "a b c"}, "2"), h("i", {"lang": "en-GB"}, "3"),
     h("i", {"data-z": "prefix"}, "4"), h("i", {"data-z": "amidst"}, "5"), h("i", {"data-w": "a"}, "6"),
     h("i", {"data-n": 3}, "7"), h("i", {"hidden": True}, "8"), h("i", {"data-t": True}, "9"),
     h("i", {"style": {"margin": 0}}, "10"), h("label", {"htmlFor": "f"}, "11"),
     h("i", {"className": "j k"}, "12"), h("i", {"data-u": "x"}, "13"), h("i", {"data-e": "x"}, "14"),
     h("i", {"hidden": False, "data-x": None}, "15"), h("i", {"DATA-X": "q"}, "16"))
case("combinators", """
.p span { color: red } .p > b { color: blue } .p b + i { color: green } .p b ~ u { color: orange }
.p > .q > s { margin: 1px } .p .q s { padding: 1px } .p ~ .p { opacity: 0.5 } .p + .p { border-width: 1px }""",
     h("div", {"className": "p"}, h("span", None, "1"), h("b", None, "2"), h("i", None, "3"),
       h("u", None, "4"), h("div", {"className": "q"}, h("s", None, "5"), h("span", None, "6"))),
     h("div", {"className": "p"}, h("u", None, "7")), h("div", {"className": "p"}, h("b", None, "8")))
case("structural", """
li:first-child { color: red } li:last-child { color: blue } li:only-child { color: green }
li:nth-child(odd) { margin: 1px } li:nth-child(even) { margin: 2px } li:nth-child(-n+2) { padding: 1px }
li:nth-last-child(2) { padding: 2px } b:first-of-type { opacity: 0.1 } b:last-of-type { opacity: 0.2 }
i:only-of-type { opacity: 0.3 } b:nth-of-type(2) { border-width: 1px } b:nth-last-of-type(1) { border-width: 2px }
li:nth-child(3n+1 of .k) { top: 1px } li:nth-last-child(odd of .k) { left: 1px } li:nth-child(0n+3) { right: 1px }""",
     h("ul", None, h("li", {"className": "k"}, "1"), h("li", None, "2"), h("li", {"className": "k"}, "3"),
       h("li", {"className": "k"}, "4"), h("li", None, "5"), h("li", {"className": "k"}, "6")),
     h("ul", None, h("li", None, "only")),
     h("p", None, h("b", None, "b1"), h("i", None, "i1"), h("b", None, "b2"), h("b", None, "b3")))
case("logical", """
:is(.a, .b) { color: red } :where(#c) { color: blue } span:where(.d) { color: green } .e:not(span, .f) { margin: 1px }
:is(.g, :hover) { padding: 1px } :is() { padding: 2px } :where(.h:dir(ltr), .h) { padding: 3px }
div:has(> .m) { border-width: 1px } div:has(.n) { border-width: 2px } i:has(+ b) { opacity: 0.5 } i:has(~ u) { opacity: 0.6 }
:not(.zz) > .spec { top: 1px } .spec { top: 2px }""",
     h("span", {"className": "a"}, "1"), h("span", {"className": "b", "id": "c"}, "2"),
     h("span", {"className": "d"}, "3"), h("p", {"className": "e"}, "4"), h("span", {"className": "e"}, "5"),
     h("p", {"className": "e f"}, "6"), h("i", {"className": "g h"}, "7"),
     h("div", None, h("p", {"className": "m"}, "8")), h("div", None, h("p", None, h("b", {"className": "n"}, "9"))),
     h("i", None, "10"), h("b", None, "11"), h("u", None, "12"), h("b", {"className": "spec"}, "13"))
case("empty-root-lang-link", """
:root { color: red } :scope > p { margin: 1px } p:empty { padding: 1px } p:empty::before { content: "E" }
:lang(fr) { color: blue } :lang("de", en-US) { color: green } :lang(*) { opacity: 0.9 }
a:link { color: orange } a:any-link { margin: 2px } :hover { color: black } :defined { top: 1px }
:read-only { left: 1px } :read-write { left: 2px } :focus { left: 3px } :host { right: 1px } :host(.x) { right: 2px }""",
     h("p", None), h("p", None, ""), h("p", None, h("i")), h("p", {"lang": "fr-CA"}, h("b", None, "fr")),
     h("div", {"lang": "EN-us"}, h("b", None, "en")), h("a", {"href": "x"}, "link"), h("a", None, "no"),
     root={"lang": "de"})
case("invalid-selectors", """
p:dir(ltr), .ok { color: red } .x:foo { color: blue } ::marker { color: green } p::before span { color: red }
.y, { color: red } ns|p { color: red } :nth-child(2n+) { color: red } .ok2 { color: teal } p::first-line { color: red }
:not(.a, 1) { margin: 1px } :is(.ok3, 1) { margin: 2px } :has() { margin: 3px } #1a { margin: 4px }""",
     h("p", {"className": "ok ok2 x y ok3"}, "1"))
# -- cascade order -----------------------------------------------------------------------------
case("specificity-order", """
#i { color: red } .c.c { color: blue } .c { color: green; margin: 1px } p { color: orange; margin: 2px; padding: 1px }
p { padding: 2px } .c { padding-top: 5px } .c { padding: 3px }""",
     h("p", {"className": "c", "id": "i"}, "1"), h("p", {"className": "c"}, "2"), h("p", None, "3"))
case("important", """
.a { color: red !important; margin: 1px !important } .a { color: blue } #b { color: green } .a { padding: 1px !important }
.a { padding: 2px !important } p { padding-left: 9px !important }""",
     h("p", {"className": "a", "id": "b", "style": {"color": "black", "margin": 5, "padding": 0}}, "1"),
     h("p", {"style": {"paddingLeft": 1}}, "2"))
case("shorthand-longhand-order", """
.a { padding-left: 5px; padding: 1px } .b { padding: 1px; padding-left: 5px } .c { border: 1px solid red; border-color: blue }
.d { margin-top: 3px }""",
     h("i", {"className": "a"}, "1"), h("i", {"className": "b"}, "2"), h("i", {"className": "c"}, "3"),
     h("i", {"className": "d", "style": {"margin": 1}}, "4"),
     h("i", {"className": "d", "style": {"marginTop": 2, "margin": 1}}, "5"))
case("inline-keys-kept", ".a { font-size: 20px; -webkit-line-clamp: 2; -ms-flex: 1; -moz-opacity: 0.5; line-height: 1.5 }",
     h("p", {"className": "a", "style": {"font-size": 10, "lineHeight": 2}}, "x"))
case("multiple-sheets", None,
     style(".a { color: red; margin: 1px }"), h("p", {"className": "a"}, "1"),
     h("div", None, style(".a { color: blue }"), h("p", {"className": "a"}, "2")),
     style(".a { padding: 2px }", media="(max-width: 10px)"), style(".a { padding: 3px }", media="(min-width: 10px)"),
     style(["#x { color: ", "green }"]), h("p", {"id": "x"}, "3"))
case("style-in-svg-not-collected", None,
     h("svg", {"width": 10, "height": 10, "viewBox": "0 0 10 10"}, style("rect { fill: red } .q { color: red }"),
       h("rect", {"width": 10, "height": 10})),
     h("p", {"className": "q"}, "1"))
case("svg-children-matched", "rect { fill: blue } svg { width: 20px } svg::before { content: 'x' } rect::before { content: 'y' }",
     h("svg", {"width": 10, "height": 10, "viewBox": "0 0 10 10"}, h("rect", {"width": 10, "height": 10})))
case("style-made-visible", "style { display: block; color: red } .x { color: blue }", h("p", None, "1"))
# -- nesting ------------------------------------------------------------------------------------
case("nesting", """
.card { color: red;
  & > .t { color: blue }
  .b & { margin: 1px }
  > p { padding: 1px }
  span { padding: 2px }
  &.on { opacity: 0.5 }
  @media (min-width: 100px) { border-width: 1px; & i { border-width: 2px } }
  margin-top: 3px;
  &::before { content: "N" }
  :is(&) > u { top: 1px }
}""",
     h("div", {"className": "card on"}, h("p", {"className": "t"}, "1"), h("div", None, h("span", None, "2")),
       h("i", None, "3"), h("u", None, "4")),
     h("div", {"className": "b"}, h("div", {"className": "card"}, "5")))
case("nesting-top-level-amp", "& > p { color: red } & { margin: 1px }", h("p", None, "1"), root={"className": "r"})
case("nesting-parent-list", ".a, #b { & + p { color: red } p & { margin: 1px } }",
     h("i", {"className": "a"}, "1"), h("p", None, "2"), h("p", None, h("i", {"id": "b"}, "3")))
# -- at-rules -----------------------------------------------------------------------------------
case("media", """
@media (min-width: 150px) { .a { color: red } } @media (max-width: 150px) { .a { margin: 1px } }
@media screen and (width >= 200px) { .a { padding: 1px } } @media print { .a { padding: 2px } }
@media not print { .a { opacity: 0.5 } } @media only screen and (orientation: landscape) { .a { top: 1px } }
@media (100px < width <= 200px) { .a { left: 1px } } @media (aspect-ratio: 2/1) { .a { right: 1px } }
@media (prefers-color-scheme: dark) { .a { color: black } } @media (hover) { .a { bottom: 1px } }
@media (min-height: 100px) and (max-height: 100px) { .a { border-width: 1px } } @media (width: 12.5em) { .a { font-size: 9px } }
@media (foo: bar), (color) { .a { line-height: 2 } } @media (min-width: 50px) or (x) { .a { flex-grow: 1 } }
@media all and (not (min-width: 900px)) { .a { flex-shrink: 0 } } @media { .a { text-indent: 1px } }""",
     h("p", {"className": "a"}, "1"), width=200, height=100)
case("media-no-height", "@media (orientation: portrait) { p { color: red } } @media (height > 0) { p { margin: 1px } } @media (width) { p { padding: 1px } }",
     h("p", None, "1"), height=None)
case("supports", """
@supports (display: grid) { .a { color: red } } @supports (display: gridd) { .a { margin: 1px } }
@supports not (display: gridd) { .a { padding: 1px } } @supports (color: red) and (foo: bar) { .a { top: 1px } }
@supports (color: red) or (foo: bar) { .a { left: 1px } } @supports selector(a > b) { .a { right: 1px } }
@supports font-tech(color-COLRv1) { .a { bottom: 1px } } @supports (--x: y) { .a { opacity: 0.5 } }
@supports ((display: flex) and (not (display: tabel))) { .a { border-width: 1px } } @supports (columns: 2) { .a { font-size: 9px } }""",
     h("p", {"className": "a"}, "1"))
case("layers", """
@layer base, theme;
@layer theme { .a { color: red; margin: 1px !important } }
@layer base { .a { color: blue; padding: 1px; margin: 2px !important } }
.a { padding: 3px }
@layer { .a { opacity: 0.5 } }
@layer theme.sub { .a { color: green; top: 1px } }
@layer theme { .a { top: 2px } }
@layer other.deep { #b { color: orange } }""",
     h("p", {"className": "a", "id": "b"}, "1"))
case("layers-important-inline", "@layer x { .a { color: red !important } } .a { color: blue !important }",
     h("p", {"className": "a", "style": {"color": "black"}}, "1"))
case("property-registered", """
@property --size { syntax: "<length>"; inherits: false; initial-value: 4px }
@property --tone { syntax: "*"; inherits: true }
@property --bad { syntax: "<color>"; inherits: maybe; initial-value: red }
@property --ni { syntax: "*"; inherits: false }
@property --nv { syntax: "<length>"; inherits: false }
.a { --size: 10px; --ni: 1px; margin: var(--size) }
.a > p { padding: var(--size) }""",
     h("div", {"className": "a"}, h("p", None, "1"), h("i", None, "2")), h("p", None, "3"))
case("custom-properties", ":root { --c: red; --w: 20px } .a { color: var(--c); width: calc(var(--w) * 2); margin: var(--nope, 3px) } .b { --c: blue }",
     h("p", {"className": "a"}, "1"), h("div", {"className": "b"}, h("p", {"className": "a"}, "2")))
case("container-query", """
.box { container-type: inline-size; width: 120px; padding: 5px }
.named { container: side / size; width: 60px; height: 40px }
@container (min-width: 100px) { .t { color: red } }
@container (max-width: 100px) { .t { color: blue } }
@container side (height > 30px) { .u { margin: 1px } }
@container (orientation: landscape) { .u { padding: 1px } }
@container nope (width > 0) { .u { opacity: 0.5 } }
.t { font-size: 10cqw } .u { width: 50cqi; height: 10cqh; --v: 2cqw }""",
     h("div", {"className": "box"}, h("p", {"className": "t"}, "1")),
     h("div", {"className": "named"}, h("p", {"className": "u"}, "2")), h("p", {"className": "t"}, "3"),
     width=200, height=100)
case("container-units-viewport", ".a { width: 50cqw; height: 10cqmin; margin: 1cqmax }", h("p", {"className": "a"}, "1"),
     width=200, height=100)
# -- generated content --------------------------------------------------------------------------
case("before-after", """
.a::before { content: "[" attr(data-x) "]"; color: red } .a::after { content: open-quote "q" close-quote no-open-quote }
.b::before { content: attr(data-missing, "fb") attr(title) attr(DATA-X) } .b::after { content: none }
.c::before { content: normal } .c::after { content: "" } .d:before { content: "legacy" } .d:after { content: url(""" + PIXEL + """) }
.e::before { content: counter(item) "." counters(item, "-", upper-roman) counter(x, lower-alpha) } .e::after { color: red }
img::before, input::before, br::after { content: "no" } .f::before { content: "1" !important; content: "2" }
.g::before { content: "a"; color: red } .g::before { content: "b" } #h::after { content: "id" } .i::before { content: var(--x) }
.j { content: "never" } .k::before { content: attr(class) } .k::after { content: attr(style) attr(hidden) }""",
     h("p", {"className": "a", "data-x": 5}, "1"), h("p", {"className": "b", "title": "T", "data-x": "dx"}, "2"),
     h("p", {"className": "c"}, "3"), h("p", {"className": "d"}, "4"), h("p", {"className": "e"}, "5"),
     h("img", {"src": PIXEL, "width": 1, "height": 1}), h("input", {"value": "v"}), h("br"),
     h("p", {"className": "f"}, "6"), h("p", {"className": "g"}, "7"), h("p", {"id": "h"}), h("p", {"className": "i"}, "8"),
     h("p", {"className": "j"}, "9"), h("p", {"className": "k", "style": {"color": "red"}, "hidden": False}, ""))
case("before-drops-empty-text", ".a::before { content: 'x' }", h("p", {"className": "a"}, "", h("b", None, "y"), ""))
case("before-not-matching-pseudo-parts", ".a::before { content: 'x' } .a::before:hover { content: 'y' } :is(.a)::after { content: 'z' }",
     h("p", {"className": "a"}, "1"))
case("placeholder", "input::placeholder { color: red; font-size: 10px } .x::placeholder { color: blue }",
     h("input", {"placeholder": "p", "className": "x"}), h("input", {"value": "v"}), h("textarea", {"placeholder": "t"}))
# -- invalid declarations -----------------------------------------------------------------------
case("invalid-declarations", """
.a { color: red; color: rgb(0 0 0 / 5); display: tabel; margin: 1px; margin: 1qq; width: var(--x); height: inherit }
.b { display: tabel; padding: 1cqw; padding: 2cqzz; flex: 1 2 3 4; columns: 2; writing-mode: vertical-rl; foo: bar }
.c { display: tabel; font-size: -1px; z-index: 1.5; border: 1px solid ; opacity: x }""",
     h("p", {"className": "a"}, "1"), h("p", {"className": "b"}, "2"), h("p", {"className": "c"}, "3"))
case("invalid-not-matching-not-reported", ".nobody { display: tabel } .a { color: red }", h("p", {"className": "a"}, "1"))
case("inline-error-kept", ".a { color: red }", h("p", {"className": "a", "style": {"display": "tabel"}}, "1"))
case("no-rules", "@media print { p { color: red } } /* nothing */", h("p", None, "1"))
case("empty-sheet", "", h("p", None, "1"))
case("root-is-style", None, root_type="style", root={"children": "p { color: red }"})
case("deep-tree", "div div div span { color: red } div > div > div { margin: 1px }",
     h("div", None, h("div", None, h("div", None, h("span", None, "deep")))))

# -- more edges ---------------------------------------------------------------------------------
case("has-complex", """
.x:has(+ .y > b) { color: red } .x:has(~ .z) { margin: 1px } .w:has(> .v .u) { padding: 1px }
.w:has(.v):has(.u) { opacity: 0.5 } :has(> :has(> b)) { top: 1px } .x:not(:has(i)) { left: 1px }""",
     h("div", {"className": "x"}, "1"), h("div", {"className": "y"}, h("b", None, "2")), h("p", {"className": "z"}, "3"),
     h("div", {"className": "w"}, h("div", {"className": "v"}, h("i", {"className": "u"}, "4"))))
case("text-between-siblings", "b + i { color: red } b ~ u { margin: 1px } :empty { padding: 1px } p:first-child { top: 1px }",
     h("div", None, h("b", None, "1"), " text ", h("i", None, "2"), 5, h("u")), h("p", None, " "), h("p", None, 0))
case("odd-props", ".a { color: red } #7 { margin: 1px } [id='7'] { padding: 1px } :lang(de) { opacity: 0.5 } [data-b=true] { top: 1px }",
     h("p", {"className": ["a"], "id": 7}, "1"), h("p", {"lang": "de", "data-b": True}, "2"),
     h("p", {"className": None, "class": "a"}, "3"), h("p", {"className": "", "class": "a"}, "4"))
case("layers-nested-important", """
@layer a { @layer b { .x { color: red !important; margin: 1px } } .x { color: blue !important; margin: 2px } }
@layer a.b { .x { padding: 1px } } @layer c { .x { padding: 2px !important } } .x { padding: 3px !important }
@layer { .x { top: 1px !important } } @layer { .x { top: 2px !important } } .x { left: 1px } @layer z { .x { left: 2px } }""",
     h("p", {"className": "x"}, "1"))
case("at-rules-nested-in-rules", """
.x { @layer l { color: red } color: blue; @supports (display: grid) { margin: 1px; & > b { margin: 2px } }
  @container (width > 10px) { padding: 1px } @media (width > 10px) { @supports (color: red) { top: 1px } } }
@layer m { @media (width > 10px) { .x { left: 1px } } }""",
     h("div", {"className": "x"}, h("b", None, "1")))
case("property-not-inherited", """
@property --n { syntax: "<length>"; inherits: false; initial-value: 3px }
@property --m { syntax: "*"; inherits: false }
@property --i { syntax: "<color>"; inherits: true; initial-value: red }
.p { --n: 10px; --m: 1 } .c { margin: var(--n); padding: var(--m, 2px); color: var(--i) }""",
     h("div", {"className": "p"}, h("p", {"className": "c"}, "1")), h("p", {"className": "c"}, "2"),
     h("div", {"style": {"--n": "5px"}}, h("p", {"className": "c"}, "3")))
case("container-names-and-pseudo", """
.outer { container-name: a b; container-type: size; width: 150px; height: 60px }
.inner { container: c / inline-size; width: 80px }
@container b (min-height: 50px) { .t { color: red } }
@container c (width > 100px) { .t { margin: 1px } }
@container (width > 100px) { .t { padding: 1px } }
@container a (aspect-ratio > 2) { .t::before { content: "wide" } }
.inner::after { content: "cq"; width: 10cqw; height: 10cqh }""",
     h("div", {"className": "outer"}, h("div", {"className": "inner"}, h("p", {"className": "t"}, "1"))))
case("container-two-pass-errors", ".c { container-type: inline-size; display: tabel } @container (width > 1px) { p { margin: 1qq } }",
     h("div", {"className": "c"}, h("p", None, "1")))
case("style-element-pseudo", "style::before { content: 'x' } style { color: red }", h("p", None, "1"))
case("media-attribute", None, style("p { color: red }", media="print"), style("p { margin: 1px }", media=""),
     style("p { padding: 1px }", media="screen and (max-width: 300px)"), h("p", None, "1"))
case("escapes-and-unicode", r".a\:b { color: red } .\31 x { margin: 1px } .é { padding: 1px } #\#h { top: 1px }",
     h("p", {"className": "a:b 1x é"}, "1"), h("p", {"id": "#h"}, "2"))
case("important-content", ".a::before { content: 'low' !important } #b::before { content: 'high' } .a::after { content: 'x' } .a::after { content: none }",
     h("p", {"className": "a", "id": "b"}, "1"))
case("html-body", "html { color: red } body { margin: 0 } body > p { padding: 1px }",
     h("body", None, h("p", None, "1")), root_type="html")
case("vendor-declarations", "p { -webkit-text-stroke: 1px red; -webkit-box-orient: vertical; display: -webkit-box; -webkit-line-clamp: 2; -ms-transform: none }",
     h("p", None, "1"))


# CSS text for the parser tests: the reference's parser output for each is recorded.
PARSER_PROBES: list[str] = [
    'div.a > p#b:nth-child(2n+1 of .x)::before { content: "x" attr(data-a) counter(c, upper-roman) counters(d, ".") open-quote url(a.png); color: red !important } @media (min-width: 10px) { a { b: c } }',
    'a { color :  RED  ; margin: 1px   2PX /* c */ 3px; --x:  { a } ; --y: ; width: calc( 1px + 2px ) ! important; bad; : x; height: ; top: 1px !IMPORTANT; left: 1px !important !important; font-family: "A b", serif; }',
    '* {a:b} *|p {a:b} ns|p {a:b} |p{a:b}',
    'p:before {a:b} p::marker{a:b} p::placeholder{a:b} input::placeholder{a:b} p::first-line{a:b} p:after{a:b}',
    ':nth-child(odd){a:b} :nth-child(even){a:b} :nth-child(-n+3){a:b} :nth-child(5){a:b} :nth-last-of-type( 3n - 1 ){a:b} :nth-child(n){a:b}',
    ':lang(en, "fr"){a:b} :dir(ltr){a:b} :hover{a:b} :foo{a:b} :not(p, .x){a:b} :is(p, :foo){a:b} :has(> p, + q){a:b}',
    '@import "x.css"; @charset "utf-8"; @font-face { font-family: x } @keyframes k { from { a: b } } @page { a: b } @namespace svg url(x); @foo bar { a { b: c } } a { b: c }',
    '@layer a, b.c; @layer { a { b: c } } @layer x.y { a { b: c } } @layer a b { p {q:r} }',
    '@supports (display: grid) and (not (display: inline-grid)) { a { b: c } } @supports selector(a > b) { a {b:c}} @container card (min-width: 400px) { a { b: c } } @container (width > 10px) { a{b:c}} @property --x { syntax: "<length>"; inherits: false; initial-value: 0px }',
    '@media screen and (max-width: 100px), print { a { b: c } } @media { a {b:c}} @MEDIA (x) { a{b:c}}',
    'a { color: red; & > b { c: d } e: f; .x & { g: h } @media (x) { i: j } > p { k: l } }',
    'a { b: c',
    'a, { b: c } a,b { c: d } a b, c d {e:f} a>b~c+d{e:f}',
    '<!-- a { b: c } --> d { e: f }',
    'a::before { content: counter(c) }',
    'a::before { content: none }',
    'a::before { content: normal }',
    'a::before { content: "a\\"b" "\\41 x" }',
    'a::before { content: "x" / "alt" }',
    'a::before { content: attr(data-x, "fb") attr(DATA-Y) attr(z string) attr(w string, "q") }',
    'a::before { content: close-quote no-open-quote no-close-quote }',
    'a::before { content: foo }',
    'a::before { content: counter(c, "x") }',
    'a::before { content: counters(c) }',
    'a::before { content: counter(c, disc) counters(c, "-", lower-alpha) }',
    'a::before { content: "a" 1 }',
    'a::before { content: url("x.png") }',
    'a::before { content: image-set("x.png" 1x) }',
    'a::before { content: var(--x) }',
    'a::before { content: inherit }',
    'a::before { content: "" }',
    'a::before { content: linear-gradient(red, blue) }',
    'a::before { CONTENT: "x" } a { content: "y" }',
    'a::before { content: "x" !important }',
    'a::before { content: attr(data-x, "fb") }',
    'a::before { content: attr(DATA-Y) }',
    'a::before { content: attr(z string) }',
    'a::before { content: attr(data-x,) }',
    'a::before { content: attr(data-x, fb) }',
    'a{ COLOR: Red; Background-Color: X; -WEBKIT-line-clamp: 2; --Foo: 1; --bar:1 !important }',
    'a { b: c; ; ; d: e }',
    'a { b: c d {e: f} g: h }',
    'a { b: "unterminated }',
    'a { b: url(x y) }',
    'a { b: (1px }',
    'a { b: [c }',
    'a { width: 10px!important}',
    'a { b: c !ie }',
    'a { b: c !important; b: d }',
    'a { font-family: \'x\'; b: "it\'s" }',
    'a::before { content: NONE }',
    'a::before { content: Normal }',
    'a::before { content: COUNTER(C, UPPER-ROMAN) }',
    'a::before { content: counter(c, none) }',
    'a::before { content: OPEN-QUOTE }',
    'a::before { content: URL(x.png) }',
    'a::before { content: "a" /* x */ "b" }',
    'a::before { content: none "a" }',
    'a::before { content: "a" / }',
    'a::before { content: / "a" }',
    'a::before { content: counter(c,) }',
    'a::before { content: counters(c, "x", decimal, 1) }',
    'a::before { content: counter( c ) }',
    'a::before { content:"a""b" }',
    'a::before { content: initial }',
    'a::before { content: attr(x, "") }',
    'a::before { content: counter(c, symbols(cyclic "*")) }',
    'DIV.Foo#Bar {a:b}',
    '.a\\:b\\31 {a:b} #\\31 23 {a:b}',
    '[data-x] {a:b} [data-x=y]{a:b} [ data-x = "y z" i ]{a:b} [x~=y s]{a:b} [x|=y]{a:b} [x^=y]{a:b} [x$="y"]{a:b} [x*=y]{a:b} [X=Y]{a:b}',
    ':FIRST-CHILD{a:b} ::BEFORE{a:b} :NTH-CHILD(2N+1){a:b} :Not(P){a:b}',
    ':is(){a:b} :not(){a:b} :where(a > b){a:b} :not(a b){a:b} :is(& p){a:b} :nth-child(2 of a > b){a:b} :host(x){a:b} :state(x){a:b}',
    'p::before:hover{a:b} p::before > a{a:b} ::before::after{a:b} :is(p::before){a:b} a:first-child::after{a:b} ::after{a:b}',
    'a > > b{a:b} > a{a:b} a >{a:b} a  b {a:b} a/**/b{a:b}',
    'a { color: red; }}} b { c: d }',
    'a { c: /* x */ red /* y */; *zoom: 1; d: e/**/!important/**/; f: g ! /**/ important }',
    'a { --x: { a } b; --z: a;b }',
    'a { b: c; @media (x) { d: e } f: g; }',
    'a { b: url( x.png ) }',
    '@media (x) { b: c; a { d: e } }',
    'a{b:c}/* end',
    '::foo{a:b}',
    '::-webkit-scrollbar{a:b}',
    ':foo(x){a:b}',
    ':nth-child(+ 2n){a:b}',
    ':nth-child(2n + 1){a:b}',
    ':nth-child(-2n-1){a:b}',
    ':nth-child(+n){a:b}',
    ':nth-child(-n){a:b}',
    ':nth-child(n- 1){a:b}',
    ':nth-child(2n+){a:b}',
    ':nth-child(x){a:b}',
    ':nth-child(2N){a:b}',
    ':nth-of-type(2 of p){a:b}',
    ':lang(*-CH){a:b}',
    ':lang(){a:b}',
    ':lang(en fr){a:b}',
    '#1a{a:b}',
    '.1a{a:b}',
    'a#b#c{a:b}',
    '#a.b:hover[c]{a:b}',
    'a:not(:is(b)){a:b}',
    ':where(){a:b}',
    ':has(){a:b}',
    ':has(a, :foo){a:b}',
    ':not(:foo){a:b}',
    'p *{a:b}',
    '*.a{a:b}',
    'a*{a:b}',
    ':is(p, 1){a:b}',
    ':not(p, 1){a:b}',
    ':where(p, 1 2){a:b}',
    ':has(p, 1){a:b}',
    'a { .x& {c:d} &.y{c:d} div&{c:d} &&{c:d} & & {c:d} &:hover{c:d} :is(&){c:d}}',
    '&{a:b}',
    '& > p{a:b}',
    '[x=1]{a:b}',
    '[x="a" I]{a:b}',
    '[x=y z]{a:b}',
    '[x]{a:b} [x=]{a:b}',
    '[*|x]{a:b}',
    '[x i]{a:b}',
    '[x="y"i]{a:b}',
    'a:hover::before{a:b}',
    'p:first-line{a:b} p:first-letter{a:b} p:marker{a:b}',
    ':is(p > ){a:b}',
    ':is(> p){a:b}',
    'a:not(b):not(c){a:b}',
    ':nth-child( 2n+1 of p, q ){a:b}',
    ':nth-child(2n+1 of ){a:b}',
    ':nth-child(odd of :foo){a:b}',
    '::part(x){a:b}',
    '::slotted(p){a:b}',
    'a::highlight(x){a:b}',
    'a{&div{c:d}}',
    'a{ p { c: d } }',
    ':is(*){a:b}',
    'a||b{a:b}',
    ':Lang(EN){a:b}',
    ':lang("de-DE", en){a:b}',
    'a{b:c}@media screen{a{b:c}}',
    '@media print{a{b:c}}',
    '@supports not (x:y) {a{b:c}}',
    '@container{a{b:c}}',
    '@property x {syntax:"*"; inherits:true}',
    '@layer;',
    '@layer a,;',
    '@layer a.b.c {a{b:c}}',
    '@scope (a) { b { c: d } }',
    '@starting-style { a { b: c } }',
    '@document url(x) {a{b:c}}',
    'a { p:hover { c: d } e: f }',
    'a { --x:hover { c: d } e: f }',
    'a { font:bold { c: d } e: f }',
    '@layer a, b { a { b: c } }',
    '@layer a . b;',
    '@layer a.b, c.d;',
    '@media /* c */ (x) /* d */ { a { b: c } }',
    "@property --x { syntax: '*'; inherits: true; initial-value: 3px; }",
    '@property --y;',
    'a { @property --z { syntax: "*"; inherits: false } b: c }',
    'a { @layer x { b: c } d: e }',
    'a { @supports (x: y) { b: c } }',
    'a { @container (width > 1px) { b: c } }',
    'a { width: 10px; @media (x) { & > p { c: d } } }',
    ':root{--a:1px} html{a:b} body > div{a:b}',
    'a:not(.b, .c)::after { content: "\\2014  " }',
    'a::before{content:"\\"" attr(title) "\\""}',
    'a b c d e f{a:b}',
    'a{b:c} /* unterminated comment',
]
