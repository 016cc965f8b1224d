"""A binding's compiled module, loaded without running its package's ``__init__``.

Some bindings' packages do more at import than the compiled module needs: resvg's
asks importlib.metadata for its version (email, zipfile, csv, ...), stretchable's
builds its attrs-based Node and Style classes (attrs itself, ~40 classes). A cold
CLI run paid that for nothing, since only the compiled module is called. Used by
:mod:`resvg_bridge.backends` (resvg) and :mod:`satori_py.layout.taffy` (stretchable).
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType

__all__ = ["load_extension"]


def load_extension(package: str, name: str) -> ModuleType | None:
    """``package.name``, the compiled module in ``package``'s folder, loaded by itself
    (None when it is not there). It is registered under its full name, so a later
    ``import package`` finds it instead of initialising it again (a pyo3 module can be
    initialised once per process). The caller checks ``sys.modules`` first."""
    spec = importlib.util.find_spec(package)  # a top-level package: found, not imported
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, name + suffix)
            ext = importlib.util.spec_from_file_location(f"{package}.{name}", path)
            if not os.path.isfile(path) or ext is None or ext.loader is None:
                continue
            module = importlib.util.module_from_spec(ext)
            sys.modules[ext.name] = module
            try:
                ext.loader.exec_module(module)
            except BaseException:
                del sys.modules[ext.name]
                raise
            return module
    return None
