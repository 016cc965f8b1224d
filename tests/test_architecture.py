"""The architecture rules, read from the import graph and the source.

Each heavy dependency is imported by its one owner module, and by no other: the
design keeps every binding behind one module so that its quirks (leaks,
swallowed exceptions, panics, locale-dependent defaults) are handled once.
Stages import only from themselves and earlier stages, paint takes only value
types from style (no function) and loads no image, nothing after the style stage raises StyleError, there are no
import cycles and no module is over 600 lines; the violations that remain are
listed (KNOWN_*) and may only shrink (issue 13, notes/issue-13-typed.md). Layout,
text and paint read the computed style's typed groups, and layout its nodes' typed
NodeStyle: their string-key style reads are counted per module and may only fall
(STYLE_KEY_READS).
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

OWNERS = {
    "stretchable": {"satori_py/layout/taffy.py"},
    "uharfbuzz": {"satori_py/text/shaping.py"},
    "resvg_py": {"resvg_bridge/backends.py"},
    "resvg": {"resvg_bridge/backends.py"},
    "svg2png_py": {"resvg_bridge/backends.py"},
    "icu4py": {"satori_py/text/breaking.py"},
    "bidi": {"satori_py/text/bidi.py"},
    "justhtml": {"satori_py/markup/html.py"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_bindings_are_imported_only_by_their_owner_module() -> None:
    offenders = []
    for path in sorted([*ROOT.glob("satori_py/**/*.py"), *ROOT.glob("resvg_bridge/**/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        for module in imported_roots(path) & OWNERS.keys():
            if rel not in OWNERS[module]:
                offenders.append(f"{rel} imports {module}")
    assert offenders == []


def test_resvg_bridge_knows_nothing_of_satori_py() -> None:
    for path in ROOT.glob("resvg_bridge/**/*.py"):
        assert "satori_py" not in imported_roots(path), path


# -- the import graph ----------------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def import_graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports, function-level imports included.

    ``from X import y`` is an edge to ``X.y`` when that is a module, else to ``X``
    (its ``__init__``). The implicit import of a module's parent packages is not an
    edge: a package's ``__init__`` re-exporting its modules is not a cycle.
    """
    paths = sorted([*ROOT.glob("satori_py/**/*.py"), *ROOT.glob("resvg_bridge/**/*.py")])
    modules = {_module_name(p): p for p in paths}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    edges.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules
                              else source)
        graph[name] = {edge for edge in edges if edge in modules and edge != name}
    return graph


def imported_names(module: str, source: str | None = None) -> set[tuple[str, str]]:
    """(module, name) of each ``from module import name`` in ``module`` (its text, or ``source``),
    function-level imports included."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists() and source is None:
        path = ROOT / module.replace(".", "/") / "__init__.py"
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            origin = ".".join(base + ([node.module] if node.module else []))
            names.update((origin, alias.name) for alias in node.names)
    return names


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


WEB_MODULES = ("satori_py.web", "satori_py.starlette", "satori_py.flask", "satori_py.django")


def test_the_web_layer_is_in_no_import_cycle() -> None:
    graph = import_graph()
    assert "satori_py.web.response" in graph["satori_py.web"]  # the graph is read
    assert "satori_py.web.pool" in graph["satori_py.web.response"]  # function-level import
    involved = [cycle for cycle in import_cycles(graph)
                if any(m == w or m.startswith(w + ".") for m in cycle for w in WEB_MODULES)]
    assert involved == []


def test_nothing_below_the_web_layer_imports_it() -> None:
    graph = import_graph()
    offenders = [f"{name} imports {target}" for name, targets in sorted(graph.items())
                 for target in sorted(targets)
                 if target.startswith("satori_py.web") and name != "satori_py"
                 and not name.startswith(WEB_MODULES)]
    assert offenders == []


def test_import_cycles_are_found() -> None:
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# -- the stages (issue 13) -----------------------------------------------------------------
# Data goes one way: element -> style -> images -> text -> layout -> paint -> the front doors
# (markup, which makes elements of HTML with the style stage's parsers, ranks after style).
# A module may import from its own stage and the stages below it, never from one above.
# The KNOWN_* lists are the violations the code has today; each step of the typed-style
# refactor (notes/issue-13-typed.md) removes entries. A new violation fails; so does an
# entry that no longer occurs (remove it from the list: the ratchet only goes one way).

STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Value classes (frozen), regular expressions compiled on first use (patterns), colour-space
    # math (colorspaces: no CSS parsing) and the SVG document model with its serialiser (svg) are
    # shared by every stage, below them all.
    ("base", ("satori_py._version", "satori_py.errors", "satori_py.diagnostics", "satori_py.cache", "satori_py.limits",
              "satori_py.js_numbers", "satori_py.json_text", "satori_py.js_format", "satori_py.length_range", "satori_py.files", "satori_py.fetch", "satori_py.assets", "satori_py.options",
              "satori_py.frozen", "satori_py.front_turn", "satori_py.patterns", "satori_py.colorspaces", "satori_py.svg",
              "satori_py.pickling")),
    ("element", ("satori_py.element",)),
    # satori_py.tailwind reads tw classes into a style dict (pure data, beside the style stage).
    ("style", ("satori_py.style", "satori_py.tailwind")),
    # HTML (and Jinja templates of it) -> element dicts: style attributes and <style> selectors
    # are read with the style stage's CSS parser, and `class` with its Tailwind resolver. The
    # front doors hand markup to it; the element stage knows nothing of HTML.
    ("markup", ("satori_py.markup", "satori_py.templates")),
    # Image sources resolved, checked and sized (inline <svg> documents written from the style
    # stage's values): the layout sizes replaced elements with them, the painter draws them.
    ("images", ("satori_py.images",)),
    ("text", ("satori_py.text",)),
    ("layout", ("satori_py.layout",)),
    ("paint", ("satori_py.paint",)),
    ("api", ("satori_py.api", "satori_py.case", "satori_py.cli", "satori_py.__main__", "satori_py.batch",
             "satori_py.output_cache",
             *WEB_MODULES)),
)
PACKAGE_ROOT = "satori_py"  # its __init__ re-exports the public names of every stage

KNOWN_UPWARD_IMPORTS: set[str] = set()

KNOWN_CYCLES: set[tuple[str, ...]] = set()

# What paint/ may take from style/: value types only (the painter never parses).
STYLE_TYPES_MODULES = {"satori_py.style.types", "satori_py.style.keywords", "satori_py.style.computed_types",
                       "satori_py.style.paint_types"}
KNOWN_PAINT_PARSER_IMPORTS: set[str] = set()

# Modules after the style stage that still raise StyleError: invalid CSS they find is
# found after layout, where on_style_error does not reach.
KNOWN_LATE_STYLE_ERRORS: set[str] = set()

MAX_MODULE_LINES = 600


def stage_of(module: str) -> str | None:
    for stage, prefixes in STAGES:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return stage
    return None


def _rank(module: str) -> int:
    return [name for name, _ in STAGES].index(stage_of(module) or "api")


def _project_modules() -> dict[str, Path]:
    paths = sorted(ROOT.glob("satori_py/**/*.py"))
    return {_module_name(p): p for p in paths}


def _stale(known: set[Any], found: set[Any]) -> list[Any]:
    return sorted(known - found)


def test_every_module_belongs_to_a_stage() -> None:
    unplaced = [m for m in _project_modules() if m != PACKAGE_ROOT and stage_of(m) is None]
    assert unplaced == [], "add these modules to a stage in STAGES"


def upward_imports(graph: dict[str, set[str]]) -> set[str]:
    return {f"{name} -> {target}" for name, targets in graph.items() if name.startswith("satori_py.")
            for target in targets if target.startswith("satori_py") and _rank(target) > _rank(name)}


def test_no_stage_imports_a_later_stage() -> None:
    found = upward_imports(import_graph())
    assert sorted(found - KNOWN_UPWARD_IMPORTS) == [], "a stage imports a later one"
    assert _stale(KNOWN_UPWARD_IMPORTS, found) == [], "fixed: remove from KNOWN_UPWARD_IMPORTS"


def test_upward_imports_are_found() -> None:
    graph = {"satori_py.style.a": {"satori_py.paint.b", "satori_py.errors"}, "satori_py.paint.b": set()}
    assert upward_imports(graph) == {"satori_py.style.a -> satori_py.paint.b"}


def test_no_new_import_cycles() -> None:
    found = {tuple(cycle) for cycle in import_cycles(import_graph())}
    assert sorted(found - KNOWN_CYCLES) == [], "a new import cycle (function-level imports count)"
    assert _stale(KNOWN_CYCLES, found) == [], "fixed: remove from KNOWN_CYCLES"


def paint_parser_imports(graph: dict[str, set[str]]) -> set[str]:
    return {f"{name} -> {target}" for name, targets in graph.items() if stage_of(name) == "paint"
            for target in targets if stage_of(target) == "style" and target not in STYLE_TYPES_MODULES}


def test_paint_imports_only_value_types_from_style() -> None:
    graph = import_graph()
    found = paint_parser_imports(graph)
    assert "satori_py.style.types" in graph["satori_py.paint.shadow"]  # the graph sees style imports
    assert sorted(found - KNOWN_PAINT_PARSER_IMPORTS) == [], "paint must not parse CSS: parse at style time"
    assert _stale(KNOWN_PAINT_PARSER_IMPORTS, found) == [], "fixed: remove from KNOWN_PAINT_PARSER_IMPORTS"


# What paint/ may take from images/: the types of what the layout loaded, and the check of
# an SVG the painter writes. It loads nothing: images come with the render box.
PAINT_IMAGE_NAMES = {("satori_py.images.source", "ImageSource"), ("satori_py.images.layers", "LayerImages"),
                     ("satori_py.images.layers", "NO_LAYER_IMAGES"), ("satori_py.images.checks", "check_drawn_svg"),
                     # the geometry of SVG markup, which the painter's raster checks read too
                     *(("satori_py.images.svg_geometry", name)
                       for name in ("Box", "Matrix", "path_box", "parse_transform", "transform_box"))}


def paint_image_imports(module: str, source: str | None = None) -> set[tuple[str, str]]:
    return {(origin, name) for origin, name in imported_names(module, source)
            if origin.startswith("satori_py.images")} - PAINT_IMAGE_NAMES


def test_paint_loads_no_image() -> None:
    found = {f"{module} -> {origin}.{name}" for module in _project_modules() if stage_of(module) == "paint"
             for origin, name in paint_image_imports(module)}
    assert sorted(found) == [], "load images before paint (satori_py/layout/layer_images.py)"
    assert paint_image_imports("satori_py.paint.background", "from ..images.source import Fetcher, load_image") \
        == {("satori_py.images.source", "Fetcher"), ("satori_py.images.source", "load_image")}


@cache
def defined_values(module: str) -> frozenset[str]:
    """The names a module defines itself as a class or by assignment (value types, type
    aliases, constants): not its functions, nor what it imports."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


def paint_style_functions(module: str, source: str | None = None) -> set[tuple[str, str]]:
    """What ``module`` imports from style/ that is not a value type or constant defined there:
    a function (formatting, evaluation) or a name it re-exports."""
    return {(origin, name) for origin, name in imported_names(module, source)
            if stage_of(origin) == "style" and name not in defined_values(origin)}


def test_paint_takes_no_function_from_style() -> None:
    # Numbers are formatted by satori_py.js_format and clamped by satori_py.length_range (base
    # modules); a value is resolved against a box by its own method (Percent.px, OfBox.px).
    found = {f"{module} -> {origin}.{name}" for module in _project_modules() if stage_of(module) == "paint"
             for origin, name in paint_style_functions(module)}
    assert sorted(found) == [], "paint takes value types from style/; functions belong to a base module"
    old = "from ..style.types import Percent, js_round, token_px\nfrom ..style.paint_types import box_length"
    assert paint_style_functions("satori_py.paint.background", old) == {
        ("satori_py.style.types", "js_round"), ("satori_py.style.types", "token_px"),
        ("satori_py.style.paint_types", "box_length")}


def _uses_name(path: Path, name: str) -> bool:
    return any(isinstance(node, ast.Name) and node.id == name
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_no_style_errors_after_the_style_stage() -> None:
    found = {module for module, path in _project_modules().items()
             if stage_of(module) in ("text", "layout", "paint") and _uses_name(path, "StyleError")}
    assert sorted(found - KNOWN_LATE_STYLE_ERRORS) == [], "validate values in the style stage"
    assert _stale(KNOWN_LATE_STYLE_ERRORS, found) == [], "fixed: remove from KNOWN_LATE_STYLE_ERRORS"


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in _project_modules().items()}
    assert {m: n for m, n in sizes.items() if n > MAX_MODULE_LINES} == {}, "split these modules"


# Layout, text and paint read the computed style's typed groups (style.box, .flex, .font,
# .text, .paint), and layout its nodes' typed style (layout/node_style.py), not a mapping by key
# (issue 13). The string-key reads of a style each of their modules still makes may only fall: a
# module that reads more fails; one that reads fewer lowers its number here. (Layout's five read
# elements' inline styles: what an <li>, a <select> or a generated marker declares.)
STYLE_KEY_READS = {
    "layout": {"build": 1, "form_controls": 1, "layer_images": 0, "lists": 3},
    "text": {},
    "paint": {},
}


@cache
def _style_keys() -> frozenset[str]:
    from satori_py.style.properties import PROPERTIES
    from satori_py.style.schema import COLUMNS

    return frozenset(COLUMNS) | frozenset(PROPERTIES)


def _of_a_style(node: ast.expr) -> bool:
    """Whether an expression names a style (``style``, ``box.style``, ``inline_style``...): not an
    element's props, an SVG node's attributes or a Taffy dict."""
    return "style" in ast.unparse(node).lower()


def style_key_reads(source: str) -> int:
    """The reads of a style by key in ``source``: ``style["width"]``, ``style.get("width")`` (also
    through a local ``get``), ``"width" in style``, and any of them by an f-string key."""
    count = 0
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _of_a_style(node.value):
            key = node.slice
        elif isinstance(node, ast.Call) and node.args and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "get" and _of_a_style(node.func.value))
                or (isinstance(node.func, ast.Name) and node.func.id == "get")):
            key = node.args[0]
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) \
                and _of_a_style(node.comparators[0]):
            key = node.left
        else:
            continue
        count += isinstance(key, ast.JoinedStr) or (isinstance(key, ast.Constant) and key.value in _style_keys())
    return count


@pytest.mark.parametrize("stage", sorted(STYLE_KEY_READS))
def test_later_stages_read_the_typed_groups(stage: str) -> None:
    allowed = STYLE_KEY_READS[stage]
    found = {module.rsplit(".", 1)[1]: reads for module, path in _project_modules().items()
             if stage_of(module) == stage and (reads := style_key_reads(path.read_text(encoding="utf-8")))}
    more = {m: (n, allowed.get(m, 0)) for m, n in found.items() if n > allowed.get(m, 0)}
    assert more == {}, "(reads, allowed): read style.box/.flex/.font/.text/.paint, not style.get(\"key\")"
    fewer = {m: (found.get(m, 0), n) for m, n in allowed.items() if found.get(m, 0) < n}
    assert fewer == {}, f"(reads, allowed): fewer string-key reads, lower STYLE_KEY_READS[{stage!r}]"


def test_string_key_reads_are_counted() -> None:
    source = ('get = style.get\nget("width"); style["display"]; box.style.get(f"margin{side}"); "order" in style\n'
              'el.props.get("width"); attrs["width"]; "opacity" in svg.attrs\n')
    assert style_key_reads(source) == 4
    assert style_key_reads("style.box.width; style.get('--x'); style['size']") == 0
