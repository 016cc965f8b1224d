"""The trees markup can make, and the check of a dialect option (imported by every front door).

``"jsx"``: the tree the markup written as JSX gives; ``"satori-html"``: the tree
satori-html 0.3.2 gives (:mod:`satori_py.markup.html`'s module doc says how they differ).
"""
from __future__ import annotations

from ..errors import OptionError

__all__ = ["DIALECTS", "check_dialect"]

DIALECTS = ("jsx", "satori-html")


def check_dialect(dialect: object, option: str = "dialect") -> str:
    """``dialect`` when it is one of :data:`DIALECTS`, else an :class:`OptionError` naming ``option``."""
    if dialect not in DIALECTS:
        raise OptionError(f"{option} must be one of {', '.join(map(repr, DIALECTS))}, got {dialect!r}.",
                          prop=option, value=dialect)
    return str(dialect)
