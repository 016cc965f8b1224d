"""A bound on the elements the HTML parser makes, and on its time, while it parses.

The parser (justhtml) repairs markup as browsers do, and one repair multiplies
elements: a formatting element (``<b>``, ``<i>``, ``<a>``...) closed out of turn
stays in the list of active formatting elements, and is reopened wherever text or
an element goes next, with every other one in that list (the WHATWG "reconstruct
the active formatting elements"). 200 distinct ``<b a=N>`` closed by a ``</div>``,
then 20,000 ``<p>x</p>``: 180 KB of markup that passes the count of tags before
parsing (``_check_tags`` in :mod:`.html`) asked for four million elements, and the
parse ran past five minutes, out of reach of the render's timeout (200 and 2,000:
5.5 s and 511 MB before ``max_nodes`` could count the tree).

So while :func:`element_budget` is active, every element the parser inserts is
counted against ``max_nodes`` (and a thousand more: a document's ``<html>``,
``<head>`` and ``<body>``), and every 256 the render's deadline is checked: past
either, the parse stops with a :class:`~satori_py.errors.LimitError`. The count is
a wrapper around the parser's one method that inserts an element
(``ParseEngine._insert_sanitized_element``, justhtml 3.16), installed once by
:mod:`.html` (which owns the binding); a
justhtml without it is parsed without the bound (tests/hostile/test_markup_parse.py
fails then, so that the wrapper follows the parser).
"""
from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import LimitError
from ..limits import active, check_deadline

__all__ = ["element_budget", "install", "installed"]

_SLACK = 1000
_DEADLINE_EVERY = 256
# The elements the parse in progress may still insert (a one-item list: decremented in place).
_LEFT: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("satori_py_parse_left", default=None)


class _TooManyElements(Exception):
    """Raised inside the parser; :func:`element_budget` turns it into the LimitError."""


def _counted(insert: Callable[..., Any]) -> Callable[..., Any]:
    def insert_counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        left = _LEFT.get()
        if left is not None:
            left[0] -= 1
            if left[0] < 0:
                raise _TooManyElements
            if not left[0] % _DEADLINE_EVERY:
                check_deadline()
        return insert(self, *args, **kwargs)

    insert_counted.satori_py_counted = True  # type: ignore[attr-defined]
    return insert_counted


def install(engine: type) -> bool:
    """Wrap the element insertion of justhtml's ``ParseEngine`` (given by the module that
    owns the binding, :mod:`.html`) once; False when it has none (a renamed method)."""
    global installed
    insert = getattr(engine, "_insert_sanitized_element", None)
    if insert is None:
        return False
    if not getattr(insert, "satori_py_counted", False):
        engine._insert_sanitized_element = _counted(insert)  # type: ignore[attr-defined]
    installed = True
    return True


installed = False  # whether the parser's insertions are counted (set by :func:`install`)


@contextmanager
def element_budget() -> Iterator[None]:
    """Count the elements the parser inserts inside the block (see the module)."""
    max_nodes = active().limits.max_nodes
    token = _LEFT.set([max_nodes + _SLACK])
    try:
        yield
    except _TooManyElements:
        raise LimitError(f"The markup makes more than {max_nodes + _SLACK} elements as the HTML parser repairs "
                         f"it (formatting elements closed out of turn are reopened wherever content goes "
                         f"next), over the max_nodes limit of {max_nodes}.", limit="max_nodes") from None
    finally:
        _LEFT.reset(token)
