"""Each heavy dependency is imported by its one owner module, and by no other.

The design keeps every binding behind one module so that its quirks (leaks,
swallowed exceptions, panics, locale-dependent defaults) are handled once.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OWNERS = {
    "stretchable": {"satori_py/layout/taffy.py"},
    "uharfbuzz": {"satori_py/text/shaping.py"},
    "resvg_py": {"resvg_bridge/__init__.py"},
    "resvg": {"resvg_bridge/__init__.py"},
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
