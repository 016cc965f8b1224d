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
    "resvg_py": {"resvg_bridge/backends.py"},
    "resvg": {"resvg_bridge/backends.py"},
    "svg2png_py": {"resvg_bridge/backends.py"},
    "icu4py": {"satori_py/text/breaking.py"},
    "bidi": {"satori_py/text/bidi.py"},
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
