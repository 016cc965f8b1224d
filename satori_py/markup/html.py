"""HTML markup -> the element tree the same markup written as JSX would give.

The text is parsed by `justhtml <https://github.com/EmilStenstrom/justhtml>`_,
a WHATWG HTML5 parser (it passes the html5lib test suite) that records the
line and column of every node, is pure Python (no wheels to miss) and has no
dependencies. A fragment (``<div ...>...</div>``) is parsed as the contents
of a ``<div>``, as a browser parses ``innerHTML``; a document (it starts with
``<!doctype``, ``<html``, ``<head>`` or ``<body>``) renders from its ``<html>``
element, as a browser renders it (``<head>`` is hidden, ``<body>`` has its
8px margin).

What the JSX equivalent gives, node by node:

* elements keep their tag; attributes become props (:mod:`.attributes`);
* text is decoded (entities) and cleaned like JSX text (:mod:`.text`), except
  in ``<style>``, ``<pre>`` and ``<textarea>``, whose text stays as written
  (as ``{`...`}`` would in JSX); comments are dropped, like ``{/* */}``;
* a fragment must have one root element, as a JSX expression does; top-level
  ``<style>`` elements are moved into it, as its first children;
* a tag named in ``components`` is expanded by calling that Python function
  with the attributes as keyword arguments (matched to its parameters without
  regard to case or ``-``/``_``, since HTML lowercases names) and
  ``children=`` when it has content. ``<Card ... />`` closes there, as in JSX
  (HTML itself ignores the ``/`` of a custom element's tag).

``dialect="satori-html"`` gives instead the tree `satori-html
<https://github.com/natemoo-re/satori-html>`_ (the markup front end of Satori
in Astro, SvelteKit and Node routes) makes, so markup ported from it renders
as it did: the top-level nodes (several allowed; a document's ``<html>`` too) go into a
``display: flex; flex-direction: column`` div of the canvas' size, and every
text node is trimmed at both ends as JavaScript's ``trim()`` does (text that
is only white space is dropped); a ``class`` naming something like a Tailwind
utility is the ``tw`` of an element without one (:func:`.classes.satori_html_tailwind`);
and a ``style`` attribute's property names keep their spelling (``fontSize: 76px``
is read, as satori-html reads it, where a browser ignores it) and its values are spaced
as satori-html's CSS compiler writes them (``a, b`` is ``a,b``); its ``<style>`` elements
are gone, their rules inlined into the elements' styles as satori-html inlines them
(:mod:`.inline_sheets`); the markup is parsed as satori-html's parser reads it, elements
nested as written with no HTML5 repair (:func:`_parse_as_written`: ``<p><div>`` stays nested).
Entities are still decoded, as a browser
does: satori-html leaves them as written (``&amp;`` drawn as ``&amp;``), a plain
bug not copied; so are unquoted attribute values (``width=100``), which satori-html
does not read (it takes the next quoted value): they are read as a browser reads them
and reported.

What cannot be rendered is refused with a :class:`MarkupError` naming the
line and column: scripts, frames, media, ``<template>``, ``<link>``
stylesheets, MathML, ``<foreignObject>`` and event handler attributes.
Recoverable parse errors (a stray ``</span>``) are repaired as a browser
repairs them (in the JSX dialect; satori-html's parser drops a stray end tag) and reported on the diagnostics channel (:mod:`satori_py.diagnostics`:
logged, or raised with ``strict=True``).
"""
from __future__ import annotations

import html as html_entities
import inspect
import re
from collections.abc import Callable, Mapping
from typing import Any

from justhtml import Comment, Element as HtmlElement, Node as HtmlNode, Text
from justhtml.dom import DocumentFragment
from justhtml.parser.context import FragmentContext
from justhtml.parser.engine import ParseEngine, compile_raw_engine_plan

from ..diagnostics import report
from ..errors import LimitError, MarkupError
from ..limits import active
from ..patterns import lazy_compile
from .attributes import Location, check_css, element_props, node_location as _at
from .classes import TailwindClasses, satori_html_tailwind, unread_report
from .dialects import DIALECTS, check_dialect
from .inline_sheets import SheetStyles, inline_sheets
from .parse_budget import element_budget, install
from .repairs import LineIndex, markup_start, parse_reports, quoted, written_reports
from .text import jsx_text, satori_html_trim

install(ParseEngine)  # its insertions counted while a budget is active (.parse_budget)

__all__ = ["DIALECTS", "from_html"]  # DIALECTS: re-exported from .dialects

# satori-html's root: its nodes in a column that fills the canvas.
_SATORI_HTML_ROOT_STYLE = {"display": "flex", "flexDirection": "column", "width": "100%",
                           "height": "100%"}

Component = Callable[..., Any]

# What opens a document (where the markup starts: see .repairs.markup_start).
_DOCUMENT_START = lazy_compile(r"<(?:!doctype|html|head|body)[\s>/]", re.IGNORECASE)
_START_TAG = lazy_compile(r"""<[^\s/>]+(?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*/?>""")
_RAW_TEXT = frozenset(["style", "pre", "textarea"])
_UNSUPPORTED = {
    "script": "scripts don't run in an image",
    "noscript": "scripts don't run in an image, so <noscript> has no meaning",
    "iframe": "frames can't be rendered", "frame": "frames can't be rendered",
    "frameset": "frames can't be rendered", "object": "embedded objects can't be rendered",
    "embed": "embedded objects can't be rendered", "applet": "applets can't be rendered",
    "video": "use an <img> of a frame instead", "audio": "audio can't be rendered",
    "canvas": "canvas drawing needs scripts; use an <img> or an inline <svg>",
    "template": "templates are not rendered; use a Jinja2 template (satori_py.templates)",
    "slot": "web components can't be rendered", "portal": "portals can't be rendered",
    "link": "external stylesheets aren't loaded; put the CSS in a <style> element",
    "base": "<base> would change how URLs resolve; write absolute URLs",
    "math": "MathML is not supported; use an inline <svg> or an <img>",
    "foreignObject": "<foreignObject> is not supported inside <svg>",
}


def from_html(source: str | bytes, *, components: Mapping[str, Component] | None = None,
              tailwind_classes: bool = False,
              tailwind_config: Mapping[str, Any] | None = None,
              dialect: str = "jsx") -> dict[str, Any]:
    """Parse HTML ``source`` into an element dict (``{"type", "props"}``) ready to render.

    ``dialect`` is ``"jsx"`` (the tree the markup written as JSX gives) or
    ``"satori-html"`` (the tree satori-html gives; see the module doc).

    ``components`` maps tag names to Python functions (see the module doc).
    With ``tailwind_classes`` a ``class`` attribute is also read as Tailwind
    utilities, added before the ``tw`` attribute; a class a ``<style>`` sheet of
    the document names goes to Tailwind only when Tailwind knows it (under
    ``tailwind_config``, the render's): see :mod:`.classes`.
    """
    check_dialect(dialect)
    if isinstance(source, bytes):
        source = _utf8(source)
    source = source.removeprefix("\ufeff")  # (a byte order mark is no text, and offsets count from after it)
    document = _is_document(source)
    _check_tags(source)
    root = _parse_as_written(source) if dialect == "satori-html" else _parse_as_browser(source, document)
    _check_depth(root)
    try:
        return _convert(root, source, components, tailwind_classes, tailwind_config, dialect, document)
    except RecursionError:  # max_depth raised past what the interpreter's stack follows
        raise LimitError("The markup nests its elements too deeply to be read (max_depth is "
                         f"{active().limits.max_depth}).", limit="max_depth") from None


def _convert(parsed_root: HtmlNode, source: str, components: Mapping[str, Component] | None, tailwind_classes: bool,
             tailwind_config: Mapping[str, Any] | None, dialect: str, document: bool) -> dict[str, Any]:
    """The element dict of a parsed document or fragment."""
    converter = _Converter(source, components or {}, satori_html=dialect == "satori-html")
    if tailwind_classes or dialect == "jsx":  # (without the opt-in: to tell what class loses)
        converter.tailwind = TailwindClasses(_sheets(parsed_root, check=tailwind_classes), tailwind_config)
        converter.read_classes = tailwind_classes
    if dialect == "satori-html":
        converter.sheet_styles = inline_sheets(parsed_root)
    if dialect == "satori-html":  # a document's <html> too goes into satori-html's column
        children = converter.nodes(list(parsed_root.children or []), raw=False, in_svg=False)
        root = {"type": "div", "props": {"style": dict(_SATORI_HTML_ROOT_STYLE),
                                         "children": children if len(children) != 1 else children[0]}}
    elif document:
        html = next((c for c in parsed_root.children or [] if isinstance(c, HtmlElement)), None)
        if html is None:  # pragma: no cover - the parser always makes <html>
            raise MarkupError("The document has no <html> element.")
        root = converter.element(html)
    else:
        root = _fragment_root(converter, list(parsed_root.children or []))
    if not isinstance(root, Mapping):
        raise MarkupError("The markup must produce one root element.")
    if converter.unread is not None:
        (line, column), class_name, names = converter.unread
        report(MarkupError(unread_report(class_name, names), line=line, column=column))
    return dict(root)


def _utf8(data: bytes) -> str:
    """Markup given as bytes, read as UTF-8 (what HTML5 documents are); another encoding is a
    MarkupError at its first byte that is not UTF-8, not a UnicodeDecodeError."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise MarkupError(f"The markup is not UTF-8: byte 0x{data[exc.start]:02X} cannot be read (decode it "
                          "first, as data.decode(\"latin-1\") if it is Latin-1).", line=line, column=column) from None


def _is_document(source: str) -> bool:
    """Whether ``source`` is a document: it opens with a doctype, <html>, <head> or <body>
    (after white space, comments and bogus comments such as ``<?xml ...?>``, as a browser reads it)."""
    return _DOCUMENT_START.match(source, markup_start(source)) is not None


def _parse_as_browser(source: str, document: bool) -> HtmlNode:
    """The tree a browser's HTML5 parser makes of ``source`` (justhtml's), its repairs reported
    (:mod:`.repairs`).

    The parser is built here, not through ``JustHTML(track_node_locations=True)``, which also
    records tag spans: with them and no sanitising, justhtml keeps as text the markup a browser
    drops (for editors that write the source back), so ``x<!--y`` drew ``x<!--y`` where a browser
    draws ``x``. Without them it follows the HTML5 tokenizer: an unclosed ``<!--`` runs to the
    end of the markup, ``<![CDATA[`` outside ``<svg>``, ``<!x>``, ``<?xml ...?>`` and ``</ x>``
    are bogus comments up to the first ``>``, ``</>`` and an end tag closing nothing are dropped.
    """
    with element_budget():  # (its repairs can multiply elements: see .parse_budget)
        engine = ParseEngine(source, fragment=not document,
                             fragment_context=None if document else FragmentContext("div"),
                             plan=compile_raw_engine_plan(not document), collect_errors=True,
                             track_node_locations=True)
        root: HtmlNode = engine.parse()
    comments, covered = _not_text(source, root)
    for error in parse_reports(source, engine.errors, comments, covered, document):
        report(error)
    return root


# Elements whose content is raw text, not markup (script and the like are refused anyway).
_RAW_TEXT_ELEMENTS = frozenset(["style", "textarea", "title", "xmp", "noembed", "noframes"])


def _not_text(source: str, root: HtmlNode) -> tuple[list[int], list[tuple[int, int]]]:
    """Where the comments of the tree start, and the spans of the source that are start tags or
    raw text, each in source order (for :func:`.repairs.parse_reports`)."""
    comments: list[int] = []
    covered: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        offset = getattr(node, "origin_offset", None)
        if isinstance(node, Comment) and offset is not None:
            comments.append(offset)
        elif isinstance(node, HtmlElement) and offset is not None:
            tag = _TAG_BODY.match(source, offset)
            end = offset + 1 if tag is None else tag.end() + 1
            covered.append((offset, end))
            if node.name in _RAW_TEXT_ELEMENTS and node.namespace in (None, "html"):
                close = re.compile(rf"</{node.name}", re.IGNORECASE).search(source, end)
                covered.append((end, len(source) if close is None else close.start()))
        stack.extend(getattr(node, "children", None) or ())
    return sorted(comments), sorted(covered)


# satori-html's parser (ultrahtml 1.7's parse()): one pattern over the text, no HTML5 tree building.
_WRITTEN_TOKEN = lazy_compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:\s([^>]*?))?((?:\s*/)?)>|<!--([\s\S]*?)-->|<![\s\S]*?>")
_WRITTEN_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
                           "param", "source", "track", "wbr"])
_WRITTEN_ATTRIBUTE = lazy_compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _parse_as_written(source: str) -> DocumentFragment:
    """The tree satori-html's parser (ultrahtml 1.7) makes of ``source``.

    Elements nest as written, with no HTML5 repair (``<p><div>`` stays nested, a ``<li>`` is
    closed by ``</li>`` only, no ``<tbody>`` or ``<head>`` is added); an end tag closes the open
    element of its name (as written) and is dropped otherwise (reported); ``/>`` closes any
    element and the void elements close themselves; the text of ``<style>`` and ``<script>`` is
    raw. Entities and unquoted attribute values are read as a browser reads them (see the module
    doc), and so is the text right before a comment or doctype, which ultrahtml loses (a plain
    bug, not copied). Doctypes go; comments stay (the conversion drops them).
    """
    lines = LineIndex(source)
    root = DocumentFragment()
    parent: HtmlNode = root
    last_void: str | None = None  # an end tag of its name right after it belongs to it
    position = 0
    # Every token ends with a '>': past the last one, a '<' would scan to the end for nothing,
    # once per '<' (quadratic on hostile input).
    texts: list[tuple[int, int]] = []  # (start, end) of the text between tokens, and of '<!--' read to a '>'
    swallowed: list[tuple[int, int]] = []
    for match in _WRITTEN_TOKEN.finditer(source, 0, source.rfind(">") + 1):
        if match.start() < position:  # inside the raw text of a <style>, already taken
            continue
        _add_text(parent, source[position:match.start()])
        texts.append((position, match.start()))
        position = match.end()
        closing, name, attributes, self_closing, comment = match.groups()
        if name is None:
            if comment is not None:
                parent.append_child(Comment(comment))
            elif match[0].startswith("<!--"):
                swallowed.append(match.span())
            continue
        line, column = lines.at(match.start())
        if closing:
            if name == parent.name and parent is not root:
                parent = parent.parent or root
            elif name != last_void:
                report(MarkupError(f"</{name}> closes no open <{name}>: it is ignored, as satori-html ignores it",
                                   line=line, column=column))
            last_void = None
            continue
        in_svg = getattr(parent, "namespace", None) == "svg" and parent.name != "foreignObject"
        element = HtmlElement(name, _written_attributes(attributes or ""), "svg" if name == "svg" or in_svg else "html")
        element._origin_pos, element._origin_line, element._origin_col = match.start(), line, column
        parent.append_child(element)
        last_void = None
        if "/" in (self_closing or "") or name in _WRITTEN_VOID:
            last_void = name
        elif name in ("style", "script"):
            end = re.compile(rf"</{name}(?:\s[^>]*)?>").search(source, position)
            stop = end.start() if end else len(source)
            element.append_child(Text(source[position:stop]))
            position = end.end() if end else len(source)
        else:
            parent = element
    _add_text(parent, source[position:])
    texts.append((position, len(source)))
    for error in written_reports(source, texts, swallowed):
        report(error)
    return root


def _add_text(parent: HtmlNode, text: str) -> None:
    if text:
        parent.append_child(Text(html_entities.unescape(text)))


def _written_attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes, names as written; the first of a name wins, as in a browser."""
    attributes: dict[str, str | None] = {}
    for match in _WRITTEN_ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        attributes.setdefault(name, None if value is None else html_entities.unescape(value))
    return attributes


def _check_tags(source: str) -> None:
    """Refuse markup with more tags than an element tree within ``max_nodes`` can have (an
    element writes at most two), or more attributes than four per element of such a tree,
    before the parser builds them: a million ``<i></i>`` took 15 s and 1.1 GB, and a
    million attributes 5.6 s in the parser alone, before the tree was counted."""
    max_nodes = active().limits.max_nodes
    tags = source.count("<")
    if tags > 2 * max_nodes + _TAG_SLACK:
        raise LimitError(f"The markup has {tags} tags ('<'), more than an element tree within the max_nodes "
                         f"limit of {max_nodes} can.", limit="max_nodes")
    attributes = _attribute_count(source)
    if attributes > 4 * max_nodes + _TAG_SLACK:
        raise LimitError(f"The markup has {attributes} attributes, more than an element tree within the "
                         f"max_nodes limit of {max_nodes} can (4 an element).", limit="max_nodes")


def _check_depth(root: HtmlNode) -> None:
    """Refuse a parsed tree whose elements nest deeper than ``max_depth`` (and the ``<html>``
    and ``<body>`` of a document) before it is converted, which recurses per level: 400
    unclosed ``<div>`` were a RecursionError out of ``from_html``. Up to there the render
    says where its tree is too deep."""
    limit = active().limits.max_depth + 2
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            line, column = _at(node)  # (where the first element past the limit starts, to find it)
            where = f": the element at line {line}, column {column} is deeper" if line is not None else ""
            raise LimitError(f"The markup nests its elements more than {limit - 2} levels deep (the max_depth "
                             f"limit){where}.", limit="max_depth")
        stack.extend((child, depth + 1) for child in getattr(node, "children", None) or ()
                     if isinstance(child, HtmlElement))


# Comments, a doctype and stray '<' in text are tags the tree does not count.
_TAG_SLACK = 1000
# What follows a tag's name up to its '>': quoted values are taken whole (the alternatives
# start with different characters and nothing must follow the repetition, which can be
# empty: the first way it matches is taken, nothing is backtracked).
_TAG_BODY = lazy_compile(r"""<[A-Za-z][^\s/>]*((?:[^>"']+|"[^"]*"|'[^']*')*)""")
_QUOTED = lazy_compile(r""""[^"]*"|'[^']*'""")
_NAME_START = lazy_compile(r"""[\s"'/][^\s"'/>=]""")


_ATTRIBUTE_NAME = lazy_compile(r"""[\s"'/]([^\s"'/>=]+)""")
# An attribute whose value is not quoted (in a tag body whose quoted values are blanked).
_UNQUOTED = lazy_compile(r"""[\s"'/]([^\s"'/>=]+)\s*=\s*(?=[^\s"'>])""")


def _as_written(source: str, node: HtmlElement, attrs: Mapping[str, str | None]) -> dict[str, str | None]:
    """``attrs`` with the names spelled as in the tag: satori-html keeps ``strokeWidth``, which
    Satori writes ``stroke-width``, where the HTML parser lowercases it."""
    offset = node.origin_offset
    tag = _TAG_BODY.match(source, offset) if offset is not None else None
    if tag is None:
        return dict(attrs)
    written = {name.lower(): name for name in _ATTRIBUTE_NAME.findall(_QUOTED.sub('""', tag.group(1)))}
    return {written.get(name, name): value for name, value in attrs.items()}


def _report_unquoted(source: str, node: HtmlElement) -> None:
    """Report each attribute of ``node`` with an unquoted value: satori-html 0.3.2 (its
    ultrahtml parser) reads none; it gives the attribute the next quoted value instead,
    swallowing the attributes between (``width=100 height="50"`` is width 50 and no height;
    ``style=style='color: red'`` the style ``color: red``). A plain bug: the value is read as
    the HTML parser (a browser) reads it."""
    offset = node.origin_offset
    tag = _TAG_BODY.match(source, offset) if offset is not None else None
    if tag is None:
        return
    line, column = _at(node)
    for name in _UNQUOTED.findall(_QUOTED.sub('""', tag.group(1))):
        report(MarkupError(f'<{node.name}>: the attribute "{name}" has an unquoted value, which satori-html '
                           "0.3.2 does not read (it takes the next quoted value instead, dropping the "
                           "attributes between); it is read as a browser reads it", line=line, column=column))


def _attribute_count(source: str) -> int:
    """How many attributes the tags of ``source`` have, at most (names after a space, a
    quoted value or a ``/``; things that look like tags in comments count too)."""
    bodies = " ".join(_QUOTED.sub('""', match.group(1)) for match in _TAG_BODY.finditer(source))
    return sum(1 for _ in _NAME_START.finditer(bodies))


def _fragment_root(converter: _Converter, nodes: list[HtmlNode]) -> Any:
    styles: list[Any] = []
    roots: list[tuple[HtmlElement, Any]] = []
    for node in nodes:
        if isinstance(node, Text):
            text = node.data.strip(" \t\r\n\f")
            if text:
                # A JSX fragment pasted as HTML: a browser reads <> as text and drops </>.
                fragment = (" (<> is JSX's fragment, which HTML reads as text: wrap the elements in a <div> "
                            "instead)") if text.startswith("<>") else ""
                raise MarkupError(f"Text outside the root element: {quoted(node.data)}{fragment}. The markup "
                                  "must have one root element, as a JSX expression does.",
                                  line=_at(node)[0], column=_at(node)[1])
        elif isinstance(node, HtmlElement):
            converted = converter.element(node)
            if node.name == "style":
                styles.append(converted)
            else:
                roots.append((node, converted))
    if not roots:
        raise MarkupError("The markup has no element to render.")
    if len(roots) > 1:
        second = roots[1][0]
        raise MarkupError(f"A second root element <{second.name}>: the markup must have one "
                          "root element, as a JSX expression does (wrap them in a <div>).",
                          line=_at(second)[0], column=_at(second)[1])
    root = roots[0][1]
    if styles:
        if not isinstance(root, Mapping):
            raise MarkupError("Top-level <style> elements need a root element to go into.")
        props = dict(root.get("props") or {})
        props["children"] = styles + _as_list(props.get("children"))
        root = {**root, "props": props}
    return root


class _Converter:
    def __init__(self, source: str, components: Mapping[str, Component], *,
                 satori_html: bool = False) -> None:
        self.source = source
        self.satori_html = satori_html
        self.clean_text = satori_html_trim if satori_html else jsx_text
        self.components = {name.lower(): fn for name, fn in components.items()}
        self.tailwind: TailwindClasses | None = None  # reads `class` as Tailwind too, or tells what it loses
        self.read_classes = False
        self.unread: tuple[Location, str, list[str]] | None = None  # the first class that loses utilities
        self.sheet_styles: SheetStyles = {}  # satori-html's <style> rules, inlined (.inline_sheets)

    def element(self, node: HtmlElement, *, in_svg: bool = False, empty: bool = False) -> Any:
        tag = node.name
        location = _at(node)
        if node.namespace == "math" or tag in _UNSUPPORTED:
            reason = _UNSUPPORTED["math" if node.namespace == "math" else tag]
            raise MarkupError(f"<{tag}> is not supported: {reason}.", line=location[0],
                              column=location[1])
        svg = node.namespace == "svg"
        attrs = node.attrs or {}
        if self.satori_html:
            _report_unquoted(self.source, node)
        if self.satori_html and svg:
            attrs = _as_written(self.source, node, attrs)
        props = element_props(tag, attrs, svg=svg, root_svg=svg and not in_svg, location=location,
                              satori_html=self.satori_html,
                              text=_leading_text(node) if tag == "q" else "")  # (only a <q>'s is read)
        sheet_style = self.sheet_styles.get(id(node))
        if sheet_style is not None:  # the element's own style wins
            props["style"] = {**sheet_style, **props.get("style", {})}
        class_is_tw = self.satori_html and not attrs.get("tw") and satori_html_tailwind(attrs.get("class") or "")
        if class_is_tw:
            props["tw"] = attrs["class"]
        # An <svg> root is laid out like an image and Satori reads its tw (w-6 h-6 text-cyan-600 on
        # an icon); the shapes inside are drawn, not laid out. Only a `class` attribute counts (a
        # className that satori-html keeps as written is no class), and not twice when satori-html
        # already made it the tw.
        if self.tailwind is not None and not (svg and in_svg) and attrs.get("class") and not class_is_tw:
            if self.read_classes:
                _add_utilities(props, self.tailwind.utilities(str(attrs["class"])))
            elif self.unread is None and (unread := self.tailwind.unread(str(attrs["class"]))):
                self.unread = (location, str(attrs["class"]), unread)
        # satori-html trims the text of <pre> and <textarea> like any other.
        raw = tag in _RAW_TEXT and not svg and (tag == "style" or not self.satori_html)
        children = [] if empty else self.children(node, raw=raw, in_svg=svg)
        if children:
            props["children"] = children if len(children) > 1 else children[0]
        component = self.components.get(tag.lower()) if not svg else None
        if component is not None:
            return {"type": component, "props": _bind(component, props, tag, location)}
        return {"type": tag, "props": props}

    def children(self, node: HtmlElement, *, raw: bool, in_svg: bool) -> list[Any]:
        return self.nodes(list(node.children or []), raw=raw, in_svg=in_svg)

    def nodes(self, nodes: list[HtmlNode], *, raw: bool, in_svg: bool) -> list[Any]:
        out: list[Any] = []
        pending = nodes[::-1]
        while pending:
            child = pending.pop()
            if isinstance(child, Comment):
                continue
            if isinstance(child, Text):
                data = child.data or ""
                text = data if raw else self.clean_text(data)
                if text:
                    out.append(text)
            elif isinstance(child, HtmlElement):
                if not in_svg and self._self_closed_component(child):
                    # What the parser put inside follows it instead.
                    pending.extend(reversed(child.children or []))
                    out.append(self.element(child, in_svg=in_svg, empty=True))
                else:
                    out.append(self.element(child, in_svg=in_svg))
        return out

    def _self_closed_component(self, node: HtmlElement) -> bool:
        offset = node.origin_offset
        if offset is None or node.name.lower() not in self.components:
            return False
        tag = _START_TAG.match(self.source, offset)
        return tag is not None and tag.group(0).endswith("/>")



def _bind(component: Component, props: dict[str, Any], tag: str, location: Location) -> dict[str, Any]:
    """Attribute names as the component's parameters spell them (HTML lowercased them)."""
    try:
        parameters = inspect.signature(component).parameters
    except (TypeError, ValueError):
        return props
    names = {_fold(name): name for name, p in parameters.items()
             if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    accepts_any = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    bound: dict[str, Any] = {}
    for key, value in props.items():
        name = names.get(_fold(key))
        if name is None and not accepts_any:
            raise MarkupError(f'<{tag}>: the component {_name(component)}() has no parameter for the '
                              f'attribute "{key}".', line=location[0], column=location[1], prop=key)
        bound[name or key] = value
    return bound


def _add_utilities(props: dict[str, Any], utilities: list[str]) -> None:
    """Put ``utilities`` (from ``class``) before the element's own ``tw`` classes."""
    if utilities:
        own = props.get("tw")
        props["tw"] = " ".join(utilities + ([own] if own else []))


def _sheets(root: HtmlNode, *, check: bool) -> list[str]:
    """The text of the document's ``<style>`` sheets (not those inside an ``<svg>``), each
    reported with ``check`` (once: when the classes are read as Tailwind)."""
    found: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, HtmlElement) and node.name == "style" and node.namespace != "svg":
            found.append("".join(c.data or "" for c in node.children or [] if isinstance(c, Text)))
            if check:
                check_css(found[-1], "The sheet", "style", _at(node))
        stack.extend(getattr(node, "children", None) or [])
    return found


def _leading_text(node: HtmlElement) -> str:
    """The text of ``node`` before its first child element (comments skipped)."""
    parts: list[str] = []
    for child in node.children or ():
        if isinstance(child, HtmlElement):
            break
        if isinstance(child, Text):
            parts.append(child.data or "")
    return "".join(parts)


def _fold(name: str) -> str:
    return name.replace("-", "").replace("_", "").lower()


def _name(component: Component) -> str:
    return getattr(component, "__qualname__", None) or type(component).__name__


def _as_list(children: Any) -> list[Any]:
    if children is None:
        return []
    return list(children) if isinstance(children, list) else [children]
