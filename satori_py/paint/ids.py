"""Stable SVG ids from node paths: every id the painter defines is derived from one, so the
output is deterministic."""
from __future__ import annotations

from ..cache import text_cache
from ..patterns import lazy_compile

__all__ = ["node_id"]

_ID_UNSAFE = lazy_compile(r"[^A-Za-z0-9_-]+")


@text_cache(4096)
def node_id(path: str) -> str:
    """A stable SVG id from a node path: ``div/div[1]/#text[0]`` -> ``div-div1-text0``."""
    return _ID_UNSAFE.sub("-", path.replace("[", "").replace("]", "")).strip("-") or "root"
