"""HTML attributes -> the props the same element would have in JSX.

``class`` is ``className`` and ``for`` is ``htmlFor``; a ``style`` attribute
(kebab-case declarations, parsed by the ``<style>`` sheet parser) becomes a
style object with React's camelCase names; HTML's boolean attributes
(``<input disabled>``) are ``True``; ``width``/``height`` of ``<img>`` and of an
``<svg>`` root are numbers when they are plain numbers (``width="24"`` is
``width={24}``); ``tw`` stays ``tw`` (the style stage resolves it); a handful
of attributes get React's camelCase (``readonly`` -> ``readOnly``).
Attributes of SVG elements keep their names (the parser already restored
``viewBox`` and friends; the SVG serialiser writes other names as they are).
A JSX spelling such as ``strokeWidth`` reaches us lowercased (``strokewidth``),
which no SVG renderer reads: it is reported and dropped (a browser ignores it too;
satori-html keeps the spelling: :mod:`.html` restores it for that dialect).

Event handlers (``onclick``) are refused: nothing runs in an image. What is
ignored (``!important`` in a ``style`` attribute) is reported on the
diagnostics channel (:mod:`satori_py.diagnostics`).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from ..diagnostics import report
from ..errors import MarkupError
from ..limits import active
from ..patterns import NUMBER, lazy_compile
from ..style.sheet_cascade import to_property_name
from ..style.css_tokens import SKIPPED, Source, significant, split, strip
from ..style.sheet_parser import Declaration, Item, parse_declarations
from ..style.svg_values import HYPHENATED_SVG_ATTRIBUTES
from .browser_styles import browser_style
from .presentational import presentational_hint


class Located(Protocol):
    """A node of the HTML parser's tree, for where it starts (:mod:`.html` owns the parser)."""

    @property
    def origin_location(self) -> tuple[int, int] | None: ...

__all__ = ["Located", "Location", "camelize", "check_css", "element_props", "node_location", "style_object",
           "stylis_spaced"]

Location = tuple[int | None, int | None]

# HTML's boolean attributes: present means true, whatever the value.
_BOOLEAN = frozenset([
    "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls", "default", "defer",
    "disabled", "formnovalidate", "hidden", "inert", "ismap", "itemscope", "loop", "multiple",
    "muted", "nomodule", "novalidate", "open", "playsinline", "readonly", "required", "reversed",
    "selected"])
# React's names for HTML attributes whose JSX spelling differs (possibleStandardNames).
_REACT_NAMES = {
    "class": "className", "for": "htmlFor", "readonly": "readOnly", "maxlength": "maxLength",
    "minlength": "minLength", "tabindex": "tabIndex", "colspan": "colSpan", "rowspan": "rowSpan",
    "srcset": "srcSet", "crossorigin": "crossOrigin", "referrerpolicy": "referrerPolicy",
    "accept-charset": "acceptCharset", "http-equiv": "httpEquiv", "autocomplete": "autoComplete",
    "autofocus": "autoFocus", "contenteditable": "contentEditable", "spellcheck": "spellCheck",
    "enctype": "encType", "formaction": "formAction", "novalidate": "noValidate",
    "datetime": "dateTime", "usemap": "useMap", "itemprop": "itemProp", "inputmode": "inputMode",
    "enterkeyhint": "enterKeyHint", "fetchpriority": "fetchPriority", "playsinline": "playsInline",
    "allowfullscreen": "allowFullScreen", "formnovalidate": "formNoValidate", "ismap": "isMap",
    "itemscope": "itemScope", "nomodule": "noModule", "autoplay": "autoPlay",
    "class-name": "className",
}
_NUMBER = lazy_compile(NUMBER)
_SIZED = ("img", "svg")
# A declaration's property name as written, and satori-html's camelize.
_NAME = lazy_compile(r"(?:^|[;{\s])(-{0,2}[A-Za-z_][\w-]*)\s*:")
_CAMEL = lazy_compile(r"-([a-z])")
# strokeWidth as the HTML parser hands it on (strokewidth) -> the SVG name (stroke-width).
# stylis: the characters white space never touches, and the groups it copies as written.
_STYLIS_TIGHT = frozenset("!+,/>@~;{}")
_STYLIS_OPEN = {"(": ")", "[": "]", '"': '"', "'": "'"}
# The attributes that carry classes, JSX's className lowercased by the HTML parser included.
_CLASS_ATTRIBUTES = frozenset(("tw", "class", "classname"))
_QUOTES = "`\"'"
_LOWERCASED_JSX = {name.lower(): "".join("-" + c.lower() if c.isupper() else c for c in name)
                   for name in HYPHENATED_SVG_ATTRIBUTES}


def element_props(tag: str, attrs: Mapping[str, str | None], *, svg: bool, root_svg: bool,
                  location: Location, satori_html: bool = False, text: str = "") -> dict[str, Any]:
    """The JSX props of an element with HTML ``attrs`` (``svg``: inside an ``<svg>``).

    ``satori_html``: the ``style`` attribute becomes satori-html's style object, see
    :func:`style_object`. ``text``: the element's text up to its first child element, for
    :func:`~.browser_styles.browser_style`.
    """
    props: dict[str, Any] = {}
    for name, raw in attrs.items():
        value = "" if raw is None else raw
        lower = name.lower()
        if lower.startswith("on") and len(lower) > 2 and lower.isalpha():
            raise MarkupError(f'The event handler attribute "{name}" of <{tag}> is not supported: '
                              "nothing runs in an image.", line=location[0], column=location[1],
                              prop=name)
        if lower in _CLASS_ATTRIBUTES and value.startswith("{"):
            _ignored(tag, location, _jsx_classes(name, value, attrs))
        elif lower == "classname" and not satori_html:  # (satori-html keeps the name as written)
            _ignored(tag, location, 'the attribute "classname" is ignored: HTML lowercases attribute names, so '
                                    "JSX's className does not reach us (write class, or tw for Tailwind classes)")
        if lower == "style" and value.lstrip().startswith("{"):
            # JSX's style={{ color: "red" }} pasted into HTML: a browser reads the text up to the
            # first space as the value and the rest as attributes of their own.
            _ignored(tag, location, f'the style attribute "{value}" is JSX (style={{{{...}}}}), which HTML does not read; '
                                    "the words after it become attributes of their own: write CSS declarations "
                                    'instead, e.g. style="color: red; font-size: 40px"')
            props["style"] = {}
        elif lower == "style":
            props["style"] = style_object(value, tag=tag, location=location, satori_html=satori_html)
        elif lower == "tw":
            props["tw"] = value
        # satori-html keeps `class`, which Satori writes into an <svg> as it is.
        elif lower in ("class", "for") and not (satori_html and svg):
            props[_REACT_NAMES[lower]] = value
        elif svg and _jsx_spelled(tag, name, location):
            continue
        elif svg and not root_svg:
            props[name] = value
        elif lower in _BOOLEAN and not svg:
            props[_REACT_NAMES.get(lower, lower)] = True
        elif lower in ("width", "height") and (tag in _SIZED) and _NUMBER.fullmatch(value.strip()):
            number = float(value)
            props[name] = int(number) if number.is_integer() else number
        else:
            hint = None if svg else presentational_hint(tag, lower, value)
            if hint is not None:
                _ignored(tag, location, f'the attribute "{name}" is ignored: Satori draws no presentational '
                                        f"attribute of HTML (a browser would): use {hint} in style instead")
            props[name if svg else _REACT_NAMES.get(lower, name)] = value
    drawn = None if svg else browser_style(tag, attrs, text)
    if drawn is not None:
        _ignored(tag, location, drawn)
    return props


def _jsx_classes(name: str, value: str, attrs: Mapping[str, str | None]) -> str:
    """What to say of tw={`flex p-4`} (or class=, className= with a JSX expression) in HTML.

    HTML reads the text up to the first space as the value ("{`flex") and each word after it
    as an attribute of its own, up to the one that closes the expression ("p-4`}"): the
    classes are the value and those words. What Satori does with the value is kept.
    """
    words = [value]
    if not value.rstrip().endswith("}"):
        after = False
        for other, other_value in attrs.items():
            if other == name:
                after = True
            elif after and not other_value:
                words.append(other)
                if other.endswith("}"):
                    break
            elif after:
                break
    expression = " ".join(words)[1:].strip().rstrip("}").strip()
    written = "tw" if name.lower() == "tw" else "class"
    what = f'the {name} attribute "{value}" is JSX ({name}={{...}}), which HTML does not read'
    if len(words) > 1:
        what += "; the words after it become attributes of their own"
    if expression[:1] and expression[:1] in _QUOTES:
        return f'{what}: write {written}="{expression.strip(_QUOTES)}"'
    return f'{what}: write the classes themselves, {written}="..."'


def _jsx_spelled(tag: str, name: str, location: Location) -> bool:
    """Whether ``name`` is a lowercased JSX spelling (strokewidth), reported as ignored."""
    svg_name = _LOWERCASED_JSX.get(name)
    if svg_name is not None:
        _ignored(tag, location, f'the attribute "{name}" is ignored: HTML lowercases attribute names, so the JSX '
                                f'spelling of {svg_name} does not reach the SVG (write {svg_name})')
    return svg_name is not None


def style_object(text: str, *, tag: str, location: Location, satori_html: bool = False) -> dict[str, str]:
    """A ``style`` attribute's declarations as a style object (``font-size`` -> ``fontSize``).

    Values stay the strings written, as a ``<style>`` sheet gives them; the style
    stage parses and checks them. A later declaration of a property wins.
    CSS names are case-insensitive, so ``fontSize: 76px`` is the unknown
    ``fontsize`` (as in a browser). ``satori_html``: satori-html's object instead, whose
    name keeps its spelling with only ``-x`` made ``X`` (its camelize: ``fontSize``) and
    whose value is spaced as its CSS compiler writes it (:func:`stylis_spaced`).
    """
    check_css(text, "The style attribute", tag, location, prop="style")
    style: dict[str, str] = {}
    spellings: dict[str, list[str]] = {}
    if satori_html:
        for match in _NAME.finditer(text):
            spellings.setdefault(match.group(1).lower(), []).append(match.group(1))
    items = parse_declarations(text)
    _report_unread(text, items, tag, location)
    for item in items:
        if not isinstance(item, Declaration):
            _ignored(tag, location, "a rule inside a style attribute is ignored")
            continue
        if not isinstance(item.value, str):  # `content`, parsed for ::before/::after only
            _ignored(tag, location, '"content" in a style attribute is ignored '
                                    "(it applies to ::before and ::after)")
            continue
        if item.important:
            _ignored(tag, location, f'"!important" on "{item.name}" in a style attribute is ignored '
                                    "(inline styles are not ranked by importance)")
        value = stylis_spaced(item.value) if satori_html else item.value
        written = spellings.get(item.name)
        if written:
            style[camelize(written.pop(0))] = value
        else:
            style[to_property_name(item.name)] = value
    return style


def camelize(name: str) -> str:
    """satori-html's camelize of a CSS property name: each ``-x`` is ``X`` (``--a-b`` is ``-AB``)."""
    return _CAMEL.sub(lambda m: m.group(1).upper(), name)


def stylis_spaced(value: str) -> str:
    """``value`` spaced as stylis (satori-html's CSS compiler, through ultrahtml) writes it.

    Outside parentheses, brackets and quotes (kept as written), a run of white space
    goes where it touches one of ``!+,/>@~;{}`` (or ``:``, or an end) and is one
    space elsewhere: ``a , b`` is ``a,b``, ``1 / 2`` is ``1/2``, ``0  auto`` is ``0 auto``.
    The tree then holds the very strings satori-html hands Satori, so a markup ported
    from it gives the same element, not only the same picture.
    """
    out: list[str] = []
    i, n = 0, len(value)
    while i < n:
        char = value[i]
        if char in _STYLIS_OPEN:
            end = _stylis_closed(value, i)
            out.append(value[i:end])
            i = end
        elif char <= " ":
            end = i
            while end < n and value[end] <= " ":
                end += 1
            before = value[i - 1] if i else ":"
            after = value[end] if end < n else ";"
            if before not in _STYLIS_TIGHT and before != ":" and after not in _STYLIS_TIGHT:
                out.append(" ")
            i = end
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _stylis_closed(value: str, start: int) -> int:
    """The index after the group opened at ``start`` (nested groups and quotes inside)."""
    stack = [_STYLIS_OPEN[value[start]]]
    i = start + 1
    while i < len(value) and stack:
        char = value[i]
        if char == "\\":
            i += 1
        elif char == stack[-1]:
            stack.pop()
        elif stack[-1] not in "\"'" and char in _STYLIS_OPEN:
            stack.append(_STYLIS_OPEN[char])
        i += 1
    return i


def check_css(text: str, what: str, tag: str, location: Location, prop: str | None = None) -> None:
    """Raise LimitError for CSS ``text`` of ``<tag>`` over ``max_css_length``, before it is parsed."""
    where = f"line {location[0]}, column {location[1]}: " if location[0] is not None else ""
    active().check_css(len(text), f"{where}<{tag}>: {what}", prop=prop)


def node_location(node: Located) -> Location:
    """The line and column where the parsed ``node`` starts (None, None when unknown)."""
    location = node.origin_location
    return location if location is not None else (None, None)


def _report_unread(text: str, items: list[Item], tag: str, location: Location) -> None:
    """Report each part of a style attribute (between top-level semicolons) that is not a
    declaration (``color red``, ``style='color:`` of a mangled attribute): the parser skips
    it, as a browser's does, and the rest still applies."""
    if not all(isinstance(item, Declaration) for item in items):
        return  # a nested rule spans semicolons (it is reported as ignored)
    source = Source(text)
    parts = [part for part in split(source.tokens, ";") if significant(part)]
    if len(parts) <= len(items):
        return
    for part in parts:
        written = source.slice(strip(part, SKIPPED))
        if not parse_declarations(written):
            _ignored(tag, location, f'"{written}" in a style attribute is ignored: it is not a declaration '
                                    "(name: value)")


def _ignored(tag: str, location: Location, what: str) -> None:
    report(MarkupError(f"<{tag}>: {what}", line=location[0], column=location[1]))
